// LogDirLock: the `.lock` file Kafka's LogManager holds in every log dir (kafka.utils.FileLock) for as long as
// the broker runs, so that a second broker started with the same log.dirs refuses to start instead of
// recovering, checkpointing and marking clean the logs of the live one. An exclusive flock(2): released by the
// kernel when the process dies (kill -9 included), and held per open file, so it also excludes a second
// LogManager in the same process.
// Thread safety: none needed (acquired once, released by the destructor). Movable, not copyable.
#pragma once

#include <string>

#include "engine/common/status.h"

namespace partita::storage {

class LogDirLock {
 public:
  // Takes `dir`/.lock (creating it); fails at once, naming the dir, if another process or LogManager holds it.
  static Result<LogDirLock> Acquire(const std::string& dir);

  LogDirLock(LogDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  LogDirLock& operator=(LogDirLock&& other) noexcept;
  LogDirLock(const LogDirLock&) = delete;
  LogDirLock& operator=(const LogDirLock&) = delete;
  ~LogDirLock() { Release(); }

  void Release();

 private:
  explicit LogDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace partita::storage
