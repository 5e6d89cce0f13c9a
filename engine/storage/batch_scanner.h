// BatchScanner: walks the v2 record batches of a segment's .log file from a position, reading only their
// 61-byte headers through a small buffer (one pread serves many small batches). Disk bytes are never
// trusted: a header that is short, has a wrong magic, a length below the header size or past the end of
// the valid bytes ends the scan with Corruption (the caller decides whether that means "torn tail").
// Thread safety: a scanner is used by one thread; the file may be appended to concurrently (the scanner
// never reads past the end it was given).
#pragma once

#include <array>
#include <cstdint>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::storage {

class BatchScanner {
 public:
  BatchScanner(int fd, int64_t position, int64_t end) : fd_(fd), next_(position), end_(end) {}

  // Reads the next batch header. Returns false at the end or on an error (then status() is not ok).
  bool Next();
  const protocol::BatchHeader& header() const { return header_; }
  int64_t position() const { return position_; }       // where the current batch starts
  int64_t next_position() const { return next_; }       // where the next batch would start
  const Status& status() const { return status_; }
  // Recomputes the current batch's CRC-32C from disk (reads the batch body in chunks).
  Status VerifyCrc();

 private:
  bool Fill(int64_t position, size_t need);

  int fd_;
  int64_t next_;
  int64_t end_;
  int64_t position_ = -1;
  protocol::BatchHeader header_;
  Status status_;
  std::array<uint8_t, 8192> buf_;
  int64_t buf_pos_ = 0;  // file position of buf_[0]
  size_t buf_len_ = 0;
};

}  // namespace partita::storage
