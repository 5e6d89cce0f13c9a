// FileRegion: a byte range of an open file, sent to a socket with sendfile (zero-copy fetch).
// The region keeps the file descriptor alive, so a segment deleted by retention while a response is in
// flight is still readable until the send completes (unlinked files stay readable through open fds).
#pragma once

#include <cstdint>
#include <memory>

namespace partita {

// Owns a file descriptor; closes it when the last reference goes.
class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

struct FileRegion {
  std::shared_ptr<FileHandle> file;
  int64_t position = 0;
  int64_t length = 0;
};

}  // namespace partita
