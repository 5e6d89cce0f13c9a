#include "engine/storage/log_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace partita::storage {

Result<LogDirLock> LogDirLock::Acquire(const std::string& dir) {
  const std::string path = dir + "/.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Status::Unavailable("log dir " + dir + " is in use by another broker (its " + path +
                                        " is locked); each broker needs its own log.dirs");
    }
    return Status::IOError("cannot lock " + path + ": " + std::strerror(err));
  }
  return LogDirLock(fd);
}

LogDirLock& LogDirLock::operator=(LogDirLock&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void LogDirLock::Release() {
  if (fd_ >= 0) {
    ::close(fd_);  // closing the only descriptor of the open file drops the flock
    fd_ = -1;
  }
}

}  // namespace partita::storage
