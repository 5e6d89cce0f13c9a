// OffsetIndex: Kafka's sparse .index file. Each 8-byte entry is (offset - base_offset : i32, position in the
// .log file : i32), big-endian, with strictly increasing offsets. Lookup(offset) answers the last entry at or
// below an offset, from where a scan of batch headers finds the exact batch.
// Thread safety: as IndexFile (one writer, concurrent readers).
#pragma once

#include "engine/storage/index_file.h"

namespace partita::storage {

struct OffsetPosition {
  int64_t offset = 0;
  int64_t position = 0;
};

// Where Lookup found its answer, for checking the entry against the batch it points at: Kafka writes an entry
// (largest offset of an append, position of the append's first batch), so the batch at `entry.position` must
// start above `previous_offset` and at or below `entry.offset`.
struct OffsetIndexHint {
  bool found = false;  // false: no entry at or below the target; scan from the segment's start
  size_t slot = 0;
  OffsetPosition entry;
  int64_t previous_offset = -1;  // the previous entry's offset, or base_offset - 1
};

class OffsetIndex : public IndexFile {
 public:
  static constexpr size_t kEntrySize = 8;
  OffsetIndex(std::string path, int64_t base_offset, int32_t max_index_bytes)
      : IndexFile(std::move(path), base_offset, kEntrySize, max_index_bytes) {}

  // Appends (offset, position). offset must be above the last entry's and fit in 32 bits relative to the base.
  Status Append(int64_t offset, int64_t position);
  // The last entry with offset <= target, or (base_offset, 0) when there is none.
  OffsetPosition Lookup(int64_t target) const { return Hint(target).entry; }
  OffsetIndexHint Hint(int64_t target) const;
  OffsetPosition Entry(size_t i) const;
  // The last entry's offset, or base_offset when empty.
  int64_t LastOffset() const;
  // Removes every entry with offset >= target.
  Status TruncateTo(int64_t target);
  // Kafka's sanity check on open: offsets strictly increasing and above the base, positions non-decreasing
  // and within log_size. Corruption means the caller should rebuild the index from the log.
  Status SanityCheck(int64_t log_size) const;
};

}  // namespace partita::storage
