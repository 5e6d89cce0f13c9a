#include "engine/storage/transaction_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <span>
#include <utility>

#include <spdlog/spdlog.h>

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

namespace {

constexpr size_t kEntriesPerRead = 128;

AbortedTxn DecodeEntry(const uint8_t* p) {
  AbortedTxn txn;
  txn.version = static_cast<int16_t>(LoadBe16(p));
  txn.producer_id = static_cast<int64_t>(LoadBe64(p + 2));
  txn.first_offset = static_cast<int64_t>(LoadBe64(p + 10));
  txn.last_offset = static_cast<int64_t>(LoadBe64(p + 18));
  txn.last_stable_offset = static_cast<int64_t>(LoadBe64(p + 26));
  return txn;
}

// Kafka's TransactionIndex refuses versions above the one it writes.
Status CheckVersion(const AbortedTxn& txn, size_t index) {
  if (txn.version <= kAbortedTxnVersion && txn.version >= 0) return Status::Ok();
  return Status::Corruption("aborted transaction entry " + std::to_string(index) + " has version " +
                            std::to_string(txn.version) + ", expected " + std::to_string(kAbortedTxnVersion));
}

}  // namespace

Result<std::vector<AbortedTxn>> DecodeTransactionIndex(std::string_view bytes) {
  std::vector<AbortedTxn> out;
  out.reserve(bytes.size() / kAbortedTxnSize);
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t pos = 0; pos + kAbortedTxnSize <= bytes.size(); pos += kAbortedTxnSize) {
    out.push_back(DecodeEntry(p + pos));
    PARTITA_RETURN_IF_ERROR(CheckVersion(out.back(), out.size() - 1));
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

template <class Fn>
Status TransactionIndex::ForEachLocked(Fn&& fn) const {
  if (fd_ < 0) return Status::Ok();
  std::vector<uint8_t> buf(kEntriesPerRead * kAbortedTxnSize);
  for (size_t first = 0; first < count_; first += kEntriesPerRead) {
    const size_t n = std::min(kEntriesPerRead, count_ - first);
    std::span<uint8_t> chunk(buf.data(), n * kAbortedTxnSize);
    PARTITA_RETURN_IF_ERROR(PreadFully(fd_, chunk, static_cast<int64_t>(first * kAbortedTxnSize), path_));
    for (size_t i = 0; i < n; ++i) {
      const AbortedTxn txn = DecodeEntry(chunk.data() + i * kAbortedTxnSize);
      if (Status st = CheckVersion(txn, first + i); !st.ok()) return Status::Corruption(path_ + ": " + st.message());
      if (!fn(first + i, txn)) return Status::Ok();
    }
  }
  return Status::Ok();
}

Status TransactionIndex::Open() {
  std::lock_guard lock(mu_);
  count_ = 0;
  last_offset_ = INT64_MIN;
  if (::access(path_.c_str(), F_OK) != 0) return Status::Ok();  // created on the first entry
  PARTITA_RETURN_IF_ERROR(OpenFileLocked());
  auto size = FileSize(fd_, path_);
  if (!size.ok()) return size.status();
  count_ = static_cast<size_t>(*size) / kAbortedTxnSize;
  // Kafka's sanityCheck, plus the order Append keeps.
  Status bad;
  int64_t last = INT64_MIN;
  Status st = ForEachLocked([&](size_t i, const AbortedTxn& txn) {
    if (txn.last_offset < base_offset_ || txn.last_offset <= last) {
      bad = Status::Corruption(path_ + ": aborted transaction " + std::to_string(i) + " ending at " +
                               std::to_string(txn.last_offset) + " is before the segment start " +
                               std::to_string(base_offset_) + " or out of order");
      return false;
    }
    last = txn.last_offset;
    return true;
  });
  if (!st.ok() && st.code() != Status::Code::kCorruption) return st;
  if (bad.ok()) bad = st;
  if (!bad.ok()) {
    count_ = 0;
    PARTITA_RETURN_IF_ERROR(TruncateFile(fd_, 0, path_));
    return bad;
  }
  last_offset_ = last;
  // Drop a torn partial entry so the next append lands on an entry boundary.
  const auto whole = static_cast<int64_t>(count_ * kAbortedTxnSize);
  if (*size != whole) PARTITA_RETURN_IF_ERROR(TruncateFile(fd_, whole, path_));
  return Status::Ok();
}

Status TransactionIndex::Append(const AbortedTxn& txn) {
  std::lock_guard lock(mu_);
  if (count_ > 0 && last_offset_ >= txn.last_offset)
    return Status::InvalidArgument("the last offset of appended transactions must increase: " +
                                   std::to_string(txn.last_offset) + " is not above " + std::to_string(last_offset_) +
                                   " in " + path_);
  PARTITA_RETURN_IF_ERROR(OpenFileLocked());
  uint8_t buf[kAbortedTxnSize];
  EncodeAbortedTxn(txn, buf);
  PARTITA_RETURN_IF_ERROR(PwriteFully(fd_, buf, static_cast<int64_t>(count_ * kAbortedTxnSize), path_));
  ++count_;
  last_offset_ = txn.last_offset;
  return Status::Ok();
}

Status TransactionIndex::TruncateTo(int64_t offset) {
  std::lock_guard lock(mu_);
  if (count_ == 0 || last_offset_ < offset) return Status::Ok();
  size_t keep = 0;
  int64_t kept_last = INT64_MIN;
  PARTITA_RETURN_IF_ERROR(ForEachLocked([&](size_t, const AbortedTxn& txn) {
    if (txn.last_offset >= offset) return false;
    ++keep;
    kept_last = txn.last_offset;
    return true;
  }));
  PARTITA_RETURN_IF_ERROR(TruncateFile(fd_, static_cast<int64_t>(keep * kAbortedTxnSize), path_));
  count_ = keep;
  last_offset_ = kept_last;
  return Status::Ok();
}

bool TransactionIndex::CollectAbortedTxns(int64_t fetch_offset, int64_t upper_bound,
                                          std::vector<AbortedTxn>* out) const {
  std::lock_guard lock(mu_);
  bool complete = false;
  Status st = ForEachLocked([&](size_t, const AbortedTxn& txn) {
    if (txn.last_offset >= fetch_offset && txn.first_offset < upper_bound) out->push_back(txn);
    complete = txn.last_stable_offset >= upper_bound;
    return !complete;
  });
  if (!st.ok()) {
    spdlog::error("cannot read aborted transactions: {}", st.ToString());
    return true;
  }
  return complete;
}

std::vector<AbortedTxn> TransactionIndex::AllAbortedTxns() const {
  std::lock_guard lock(mu_);
  std::vector<AbortedTxn> out;
  Status st = ForEachLocked([&](size_t, const AbortedTxn& txn) {
    out.push_back(txn);
    return true;
  });
  if (!st.ok()) spdlog::error("cannot read aborted transactions: {}", st.ToString());
  return out;
}

size_t TransactionIndex::entries() const {
  std::lock_guard lock(mu_);
  return count_;
}

Status TransactionIndex::Flush() {
  std::lock_guard lock(mu_);
  return fd_ >= 0 ? SyncFile(fd_, path_) : Status::Ok();
}

Status TransactionIndex::Close() {
  std::lock_guard lock(mu_);
  const int fd = std::exchange(fd_, -1);
  if (fd >= 0 && ::close(fd) != 0) return Status::FromErrno(errno, "close " + path_);
  return Status::Ok();
}

Status TransactionIndex::Delete() {
  PARTITA_RETURN_IF_ERROR(Close());
  std::lock_guard lock(mu_);
  count_ = 0;
  last_offset_ = INT64_MIN;
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path_);
  return Status::Ok();
}

}  // namespace partita::storage
