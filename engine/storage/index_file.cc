#include "engine/storage/index_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>

#include "engine/storage/file_util.h"

namespace partita::storage {

IndexFile::IndexFile(std::string path, int64_t base_offset, size_t entry_size, int32_t max_index_bytes)
    : entry_size_(entry_size),
      path_(std::move(path)),
      base_offset_(base_offset),
      max_entries_(std::max<size_t>(1, static_cast<size_t>(std::max(max_index_bytes, 0)) / entry_size)) {}

IndexFile::~IndexFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status IndexFile::Open() {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return Status::FromErrno(errno, "open " + path_);
  auto size = FileSize(fd_, path_);
  if (!size.ok()) return size.status();
  const size_t usable = static_cast<size_t>(*size) / entry_size_ * entry_size_;
  std::unique_lock lock(mu_);
  data_.resize(usable);
  if (usable > 0) PARTITA_RETURN_IF_ERROR(PreadFully(fd_, data_, 0, path_));
  return Status::Ok();
}

size_t IndexFile::entries() const {
  std::shared_lock lock(mu_);
  return data_.size() / entry_size_;
}

Status IndexFile::AppendEntry(const uint8_t* entry) {
  const size_t n = entries();
  if (n >= max_entries_) return Status::InvalidArgument("index full: " + path_);
  PARTITA_RETURN_IF_ERROR(PwriteFully(fd_, {entry, entry_size_}, static_cast<int64_t>(n * entry_size_), path_));
  std::unique_lock lock(mu_);
  data_.insert(data_.end(), entry, entry + entry_size_);
  return Status::Ok();
}

Status IndexFile::TruncateToEntries(size_t n) {
  {
    std::unique_lock lock(mu_);
    if (n * entry_size_ < data_.size()) data_.resize(n * entry_size_);
  }
  return TruncateFile(fd_, static_cast<int64_t>(n * entry_size_), path_);
}

Status IndexFile::Flush() {
  if (fd_ < 0) return Status::Ok();
  return SyncFile(fd_, path_);
}

Status IndexFile::Close() {
  if (fd_ < 0) return Status::Ok();
  Status st = TruncateFile(fd_, SizeInBytes(), path_);
  ::close(fd_);
  fd_ = -1;
  return st;
}

Status IndexFile::Delete() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path_);
  return Status::Ok();
}

Status IndexFile::RenameTo(const std::string& new_path) {
  if (::rename(path_.c_str(), new_path.c_str()) != 0) return Status::FromErrno(errno, "rename " + path_);
  path_ = new_path;
  return Status::Ok();
}

}  // namespace partita::storage
