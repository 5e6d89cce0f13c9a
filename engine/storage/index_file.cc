#include "engine/storage/index_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>

#include "engine/storage/file_util.h"

namespace partita::storage {

namespace {

// An open descriptor for one operation, closed on every path.
class FileHandle {
 public:
  FileHandle(const std::string& path, int flags) : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644)) {}
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

IndexFile::IndexFile(std::string path, int64_t base_offset, size_t entry_size, int32_t max_index_bytes)
    : entry_size_(entry_size),
      base_offset_(base_offset),
      max_entries_(std::max<size_t>(1, static_cast<size_t>(std::max(max_index_bytes, 0)) / entry_size)),
      path_(std::move(path)) {}

IndexFile::~IndexFile() = default;

Status IndexFile::Open() {
  std::lock_guard file_lock(file_mu_);
  deleted_ = false;
  FileHandle file(path_, O_RDONLY);
  if (file.fd() < 0 && errno == ENOENT) {
    std::unique_lock lock(mu_);
    data_.clear();
    written_ = 0;
    file_bytes_ = 0;
    exists_ = false;
    return Status::Ok();
  }
  if (file.fd() < 0) return Status::FromErrno(errno, "open " + path_);
  auto size = FileSize(file.fd(), path_);
  if (!size.ok()) return size.status();
  const size_t usable = static_cast<size_t>(*size) / entry_size_ * entry_size_;
  std::unique_lock lock(mu_);
  data_.resize(usable);
  if (usable > 0) PARTITA_RETURN_IF_ERROR(PreadFully(file.fd(), data_, 0, path_));
  written_ = usable;
  file_bytes_ = *size;
  exists_ = true;
  return Status::Ok();
}

bool IndexFile::file_exists() const {
  std::lock_guard file_lock(file_mu_);
  return exists_;
}

size_t IndexFile::entries() const {
  std::shared_lock lock(mu_);
  return data_.size() / entry_size_;
}

Status IndexFile::AppendEntry(const uint8_t* entry) {
  std::unique_lock lock(mu_);
  if (data_.size() / entry_size_ >= max_entries_) return Status::InvalidArgument("index full: " + path_);
  data_.insert(data_.end(), entry, entry + entry_size_);
  return Status::Ok();
}

Status IndexFile::TruncateToEntries(size_t n) {
  std::lock_guard file_lock(file_mu_);
  const size_t bytes = n * entry_size_;
  {
    std::unique_lock lock(mu_);
    if (bytes < data_.size()) data_.resize(bytes);
  }
  // Entries already in the file go at once: a truncation (a follower's, or recovery's) must not leave stale
  // entries on disk for the next load to trust.
  if (deleted_ || bytes >= written_) return Status::Ok();
  FileHandle file(path_, O_WRONLY);
  if (file.fd() < 0) return Status::FromErrno(errno, "open " + path_);
  PARTITA_RETURN_IF_ERROR(TruncateFile(file.fd(), static_cast<int64_t>(bytes), path_));
  written_ = bytes;
  file_bytes_ = static_cast<int64_t>(bytes);
  synced_ = false;
  return Status::Ok();
}

Status IndexFile::WriteOutLocked(bool sync, bool create_if_missing) {
  if (deleted_) return Status::Ok();
  std::vector<uint8_t> tail;
  size_t size = 0;
  {
    std::shared_lock lock(mu_);
    size = data_.size();
    if (written_ < size) tail.assign(data_.begin() + static_cast<std::ptrdiff_t>(written_), data_.end());
  }
  const bool trim = file_bytes_ > static_cast<int64_t>(size);
  const bool create = !exists_ && (create_if_missing || !tail.empty());
  if (tail.empty() && !trim && !create && (synced_ || !sync || !exists_)) return Status::Ok();
  FileHandle file(path_, O_WRONLY | O_CREAT);
  if (file.fd() < 0) return Status::FromErrno(errno, "open " + path_);
  if (!exists_) synced_ = false;
  exists_ = true;
  if (!tail.empty()) {
    PARTITA_RETURN_IF_ERROR(PwriteFully(file.fd(), tail, static_cast<int64_t>(written_), path_));
    synced_ = false;
  }
  if (trim) {
    PARTITA_RETURN_IF_ERROR(TruncateFile(file.fd(), static_cast<int64_t>(size), path_));
    synced_ = false;
  }
  written_ = size;
  file_bytes_ = static_cast<int64_t>(size);
  if (sync && !synced_) {
    PARTITA_RETURN_IF_ERROR(SyncFile(file.fd(), path_));
    synced_ = true;
  }
  return Status::Ok();
}

Status IndexFile::Flush(bool create_if_missing) {
  std::lock_guard file_lock(file_mu_);
  return WriteOutLocked(true, create_if_missing);
}

Status IndexFile::WriteOut() {
  std::lock_guard file_lock(file_mu_);
  return WriteOutLocked(false, true);
}

Status IndexFile::Close(bool create_if_missing) {
  std::lock_guard file_lock(file_mu_);
  return WriteOutLocked(false, create_if_missing);
}

Status IndexFile::Delete() {
  std::lock_guard file_lock(file_mu_);
  deleted_ = true;
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path_);
  return Status::Ok();
}

Status IndexFile::RenameTo(const std::string& new_path) {
  std::lock_guard file_lock(file_mu_);
  if (exists_ && !deleted_ && ::rename(path_.c_str(), new_path.c_str()) != 0) return Status::FromErrno(errno, "rename " + path_);
  path_ = new_path;
  return Status::Ok();
}

}  // namespace partita::storage
