#include "engine/storage/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

namespace partita::storage {

std::string SegmentFileName(const std::string& dir, int64_t base_offset, std::string_view suffix) {
  char name[32];
  std::snprintf(name, sizeof(name), "%020lld", static_cast<long long>(base_offset));
  std::string path = dir;
  path += '/';
  path += name;
  path += suffix;
  return path;
}

int64_t ParseSegmentBaseOffset(std::string_view file_name, std::string_view suffix) {
  if (file_name.size() != 20 + suffix.size() || file_name.substr(20) != suffix) return -1;
  int64_t v = 0;
  for (size_t i = 0; i < 20; ++i) {
    const char c = file_name[i];
    if (c < '0' || c > '9') return -1;
    if (v > (INT64_MAX - 9) / 10) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

Status PwriteFully(int fd, std::span<const uint8_t> data, int64_t position, std::string_view what) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::pwrite(fd, data.data() + done, data.size() - done, position + static_cast<int64_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno(errno, what);
    }
    if (n == 0) return Status::NoSpace(std::string(what) + ": short write");
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status PreadFully(int fd, std::span<uint8_t> out, int64_t position, std::string_view what) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd, out.data() + done, out.size() - done, position + static_cast<int64_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno(errno, what);
    }
    if (n == 0) return Status::Corruption(std::string(what) + ": unexpected end of file");
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Result<int64_t> FileSize(int fd, std::string_view what) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::FromErrno(errno, what);
  return static_cast<int64_t>(st.st_size);
}

Status TruncateFile(int fd, int64_t size, std::string_view what) {
  while (::ftruncate(fd, size) != 0) {
    if (errno != EINTR) return Status::FromErrno(errno, what);
  }
  return Status::Ok();
}

Status SyncFile(int fd, std::string_view what) {
  if (::fdatasync(fd) != 0) return Status::FromErrno(errno, what);
  return Status::Ok();
}

Status SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno(errno, "open dir " + dir);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Status::FromErrno(err, "fsync dir " + dir);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno(errno, "create " + tmp);
  Status st = PwriteFully(fd, {reinterpret_cast<const uint8_t*>(contents.data()), contents.size()}, 0, tmp);
  if (st.ok() && ::fsync(fd) != 0) st = Status::FromErrno(errno, "fsync " + tmp);
  ::close(fd);
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = Status::FromErrno(errno, "rename " + tmp);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  const auto slash = path.find_last_of('/');
  return SyncDir(slash == std::string::npos ? std::string(".") : path.substr(0, slash));
}

Result<std::string> ReadWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno(errno, "open " + path);
  std::string out;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Status::FromErrno(err, "read " + path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  if (ec) return Status::IOError("remove " + path + ": " + ec.message());
  return Status::Ok();
}

}  // namespace partita::storage
