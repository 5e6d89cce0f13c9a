// TimeIndex: Kafka's sparse .timeindex file. Each 12-byte entry is (timestamp : i64, offset - base_offset :
// i32), big-endian; timestamps strictly increase, so an entry says "every record at or after this offset
// that matters for a lookup has a timestamp >= this one". Lookup(ts) gives the offset to start scanning from.
// Thread safety: as IndexFile (one writer, concurrent readers).
#pragma once

#include "engine/storage/index_file.h"

namespace partita::storage {

struct TimestampOffset {
  int64_t timestamp = -1;
  int64_t offset = 0;
};

class TimeIndex : public IndexFile {
 public:
  static constexpr size_t kEntrySize = 12;
  TimeIndex(std::string path, int64_t base_offset, int32_t max_index_bytes)
      : IndexFile(std::move(path), base_offset, kEntrySize, max_index_bytes) {}

  // Appends (timestamp, offset) if timestamp is above the last entry's (Kafka's maybeAppend); a smaller
  // or equal timestamp is skipped, an offset below the last entry's is refused.
  Status MaybeAppend(int64_t timestamp, int64_t offset);
  // The last entry with timestamp <= target, or (-1, base_offset) when there is none.
  TimestampOffset Lookup(int64_t target) const;
  // The last entry, or (-1, base_offset) when empty.
  TimestampOffset LastEntry() const;
  TimestampOffset Entry(size_t i) const;
  // Removes every entry with offset >= target.
  Status TruncateTo(int64_t target);
  // Timestamps strictly increasing, offsets non-decreasing and at/above the base.
  Status SanityCheck() const;
};

}  // namespace partita::storage
