// Read-only structured access to a Kafka partition's segment files on disk (.log, .index, .timeindex), shared
// by kafka-dump-log (dump_log.cc formats what these functions return) and the desktop app's segment browser.
// Bytes on disk are never trusted: a short, torn or corrupt tail ends a scan and is reported, never a crash;
// files are opened O_RDONLY and never written, so any Kafka data dir (even one a broker is using) is safe.
// Thread safety: a LogFileReader is used by one thread; the free functions are reentrant.
// Ownership: LogFileReader owns its file descriptor.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::cli {

// Kafka names segment files by their base offset: 00000000000000000042.log -> 42 (0 for other names).
int64_t BaseOffsetFromFileName(const std::string& path);

struct LogFileBatch {
  uint64_t position = 0;  // byte position of the batch in the .log file
  uint64_t size = 0;      // whole batch, including baseOffset and batchLength
  int8_t magic = 2;
  // v2 only (legacy message sets have just base_offset): the 61-byte header.
  protocol::BatchHeader header;
  bool crc_valid = false;  // only computed when the body was read
};

struct LogFileScan {
  uint64_t next_position = 0;  // where the next unvisited batch starts
  bool at_end = false;         // no further valid batch: the visit stopped because the valid bytes ended
  // With at_end: bytes after the last valid batch that are not an all-zero preallocated tail.
  uint64_t invalid_tail_bytes = 0;
};

class LogFileReader {
 public:
  static Result<LogFileReader> Open(const std::string& path);
  LogFileReader(LogFileReader&& other) noexcept;
  LogFileReader& operator=(LogFileReader&& other) noexcept;
  ~LogFileReader();

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

  // Visits the batches from `position` (a batch boundary) in file order until `visit` returns false or the
  // valid batches end. read_bodies: read each whole v2 batch (checks its CRC and hands its bytes to visit, for
  // record decoding); otherwise only headers are read and body is empty.
  using Visitor = std::function<bool(const LogFileBatch& batch, std::span<const uint8_t> body)>;
  Result<LogFileScan> ScanBatches(uint64_t position, bool read_bodies, const Visitor& visit) const;
  // Reads exactly n bytes at `at`; false on a short read or an error.
  bool ReadAt(uint8_t* dst, size_t n, uint64_t at) const;

 private:
  LogFileReader(int fd, uint64_t size, std::string path) : fd_(fd), size_(size), path_(std::move(path)) {}

  int fd_ = -1;
  uint64_t size_ = 0;
  std::string path_;
};

struct OffsetIndexEntry {
  int64_t offset = 0;
  int64_t position = 0;
};

struct TimeIndexEntry {
  int64_t timestamp = 0;
  int64_t offset = 0;
};

// The entries of a .index / .timeindex file, stopping at the unused, preallocated (zero) part Kafka leaves
// in the active segment's indexes. The base offset comes from the file name.
Result<std::vector<OffsetIndexEntry>> ReadOffsetIndexFile(const std::string& path);
Result<std::vector<TimeIndexEntry>> ReadTimeIndexFile(const std::string& path);

// The number of used entries of a .index / .timeindex file and its last entry, with O(log n) small reads: the
// used entries are a prefix and the rest is zeros (Kafka preallocates the active segment's indexes to
// segment.index.bytes, 10 MiB by default, so reading them whole for a summary would be wasteful).
struct IndexFileTail {
  size_t entries = 0;
  OffsetIndexEntry last_offset_entry;  // .index only
  TimeIndexEntry last_time_entry;      // .timeindex only
};
Result<IndexFileTail> ReadIndexFileTail(const std::string& path, bool time_index);

}  // namespace partita::cli
