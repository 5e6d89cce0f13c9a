#include "engine/storage/transaction_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "engine/common/endian.h"
#include "engine/storage/file_util.h"

namespace partita::storage {

void EncodeAbortedTxn(const AbortedTxn& txn, uint8_t* out) {
  StoreBe16(out, static_cast<uint16_t>(txn.version));
  StoreBe64(out + 2, static_cast<uint64_t>(txn.producer_id));
  StoreBe64(out + 10, static_cast<uint64_t>(txn.first_offset));
  StoreBe64(out + 18, static_cast<uint64_t>(txn.last_offset));
  StoreBe64(out + 26, static_cast<uint64_t>(txn.last_stable_offset));
}

Result<std::vector<AbortedTxn>> DecodeTransactionIndex(std::string_view bytes) {
  std::vector<AbortedTxn> out;
  out.reserve(bytes.size() / kAbortedTxnSize);
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t pos = 0; pos + kAbortedTxnSize <= bytes.size(); pos += kAbortedTxnSize) {
    AbortedTxn txn;
    txn.version = static_cast<int16_t>(LoadBe16(p + pos));
    if (txn.version > kAbortedTxnVersion || txn.version < 0)
      return Status::Corruption("aborted transaction entry at position " + std::to_string(pos) + " has version " +
                                std::to_string(txn.version) + ", expected " + std::to_string(kAbortedTxnVersion));
    txn.producer_id = static_cast<int64_t>(LoadBe64(p + pos + 2));
    txn.first_offset = static_cast<int64_t>(LoadBe64(p + pos + 10));
    txn.last_offset = static_cast<int64_t>(LoadBe64(p + pos + 18));
    txn.last_stable_offset = static_cast<int64_t>(LoadBe64(p + pos + 26));
    out.push_back(txn);
  }
  return out;
}

Result<std::vector<AbortedTxn>> ReadTransactionIndexFile(const std::string& path) {
  auto bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  auto entries = DecodeTransactionIndex(*bytes);
  if (!entries.ok()) return Status::Corruption(path + ": " + entries.status().message());
  return entries;
}

TransactionIndex::TransactionIndex(std::string path, int64_t base_offset)
    : path_(std::move(path)), base_offset_(base_offset) {}

TransactionIndex::~TransactionIndex() {
  if (fd_ >= 0) ::close(fd_);
}

Status TransactionIndex::OpenFileLocked() {
  if (fd_ >= 0) return Status::Ok();
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return Status::FromErrno(errno, "open " + path_);
  return Status::Ok();
}

Status TransactionIndex::Open() {
  std::lock_guard lock(mu_);
  entries_.clear();
  if (::access(path_.c_str(), F_OK) != 0) return Status::Ok();  // created on the first entry
  PARTITA_RETURN_IF_ERROR(OpenFileLocked());
  auto size = FileSize(fd_, path_);
  if (!size.ok()) return size.status();
  std::string bytes(static_cast<size_t>(*size), '\0');
  PARTITA_RETURN_IF_ERROR(
      PreadFully(fd_, {reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()}, 0, path_));
  auto entries = DecodeTransactionIndex(bytes);
  Status bad;
  if (!entries.ok()) {
    bad = Status::Corruption(path_ + ": " + entries.status().message());
  } else {
    int64_t last = INT64_MIN;
    for (const AbortedTxn& txn : *entries) {
      if (txn.last_offset < base_offset_ || txn.last_offset <= last) {
        bad = Status::Corruption(path_ + ": aborted transaction ending at " + std::to_string(txn.last_offset) +
                                 " is before the segment start " + std::to_string(base_offset_) +
                                 " or out of order");
        break;
      }
      last = txn.last_offset;
    }
  }
  if (!bad.ok()) {
    PARTITA_RETURN_IF_ERROR(TruncateFile(fd_, 0, path_));
    return bad;
  }
  entries_ = std::move(*entries);
  // Drop a torn partial entry so the next append lands on an entry boundary.
  const int64_t whole = static_cast<int64_t>(entries_.size() * kAbortedTxnSize);
  if (*size != whole) PARTITA_RETURN_IF_ERROR(TruncateFile(fd_, whole, path_));
  return Status::Ok();
}

Status TransactionIndex::Append(const AbortedTxn& txn) {
  std::lock_guard lock(mu_);
  if (!entries_.empty() && entries_.back().last_offset >= txn.last_offset)
    return Status::InvalidArgument("the last offset of appended transactions must increase: " +
                                   std::to_string(txn.last_offset) + " is not above " +
                                   std::to_string(entries_.back().last_offset) + " in " + path_);
  PARTITA_RETURN_IF_ERROR(OpenFileLocked());
  uint8_t buf[kAbortedTxnSize];
  EncodeAbortedTxn(txn, buf);
  PARTITA_RETURN_IF_ERROR(
      PwriteFully(fd_, buf, static_cast<int64_t>(entries_.size() * kAbortedTxnSize), path_));
  entries_.push_back(txn);
  return Status::Ok();
}

Status TransactionIndex::TruncateTo(int64_t offset) {
  std::lock_guard lock(mu_);
  size_t keep = 0;
  while (keep < entries_.size() && entries_[keep].last_offset < offset) ++keep;
  if (keep == entries_.size()) return Status::Ok();
  entries_.resize(keep);
  if (fd_ < 0) return Status::Ok();
  return TruncateFile(fd_, static_cast<int64_t>(keep * kAbortedTxnSize), path_);
}

bool TransactionIndex::CollectAbortedTxns(int64_t fetch_offset, int64_t upper_bound,
                                          std::vector<AbortedTxn>* out) const {
  std::lock_guard lock(mu_);
  for (const AbortedTxn& txn : entries_) {
    if (txn.last_offset >= fetch_offset && txn.first_offset < upper_bound) out->push_back(txn);
    if (txn.last_stable_offset >= upper_bound) return true;
  }
  return false;
}

std::vector<AbortedTxn> TransactionIndex::AllAbortedTxns() const {
  std::lock_guard lock(mu_);
  return entries_;
}

size_t TransactionIndex::entries() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

Status TransactionIndex::Flush() {
  std::lock_guard lock(mu_);
  return fd_ >= 0 ? SyncFile(fd_, path_) : Status::Ok();
}

Status TransactionIndex::Close() {
  std::lock_guard lock(mu_);
  if (fd_ >= 0 && ::close(fd_) != 0) {
    fd_ = -1;
    return Status::FromErrno(errno, "close " + path_);
  }
  fd_ = -1;
  return Status::Ok();
}

Status TransactionIndex::Delete() {
  PARTITA_RETURN_IF_ERROR(Close());
  std::lock_guard lock(mu_);
  entries_.clear();
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path_);
  return Status::Ok();
}

}  // namespace partita::storage
