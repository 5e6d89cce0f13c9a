// The fixed 61-byte header of a v2 record batch (magic 2), as stored on disk and sent on the wire.
//   0 baseOffset i64 | 8 batchLength i32 (bytes after this field) | 12 partitionLeaderEpoch i32 | 16 magic i8
//  17 crc u32 (CRC-32C over bytes 21..end) | 21 attributes i16 | 23 lastOffsetDelta i32 | 27 baseTimestamp i64
//  35 maxTimestamp i64 | 43 producerId i64 | 51 producerEpoch i16 | 53 baseSequence i32 | 57 recordsCount i32
// baseOffset and partitionLeaderEpoch are outside the CRC: a broker rewrites them without recompressing.
#pragma once

#include <cstdint>
#include <span>

#include "engine/common/endian.h"
#include "engine/common/status.h"

namespace partita::protocol {

inline constexpr size_t kBatchHeaderSize = 61;
inline constexpr size_t kBatchLengthOffset = 8;
inline constexpr size_t kLogOverhead = 12;  // baseOffset + batchLength: bytes before the length counts
inline constexpr size_t kPartitionLeaderEpochOffset = 12;
inline constexpr size_t kMagicOffset = 16;
inline constexpr size_t kCrcOffset = 17;
inline constexpr size_t kAttributesOffset = 21;

enum class Compression : int8_t { kNone = 0, kGzip = 1, kSnappy = 2, kLz4 = 3, kZstd = 4 };

struct BatchHeader {
  int64_t base_offset = 0;
  int32_t batch_length = 0;
  int32_t partition_leader_epoch = -1;
  int8_t magic = 2;
  uint32_t crc = 0;
  int16_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t base_timestamp = 0;
  int64_t max_timestamp = 0;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  int32_t records_count = 0;

  Compression compression() const { return static_cast<Compression>(attributes & 0x07); }
  bool log_append_time() const { return (attributes & 0x08) != 0; }
  bool transactional() const { return (attributes & 0x10) != 0; }
  bool control() const { return (attributes & 0x20) != 0; }
  int64_t last_offset() const { return base_offset + last_offset_delta; }
  // Whole batch size in bytes, including baseOffset and batchLength.
  size_t total_size() const { return kLogOverhead + static_cast<size_t>(batch_length); }
};

// Reads the header fields from at least kBatchHeaderSize bytes. Does not validate anything else.
BatchHeader ReadBatchHeader(const uint8_t* p);
// Writes the header fields (no CRC computation) into kBatchHeaderSize bytes.
void WriteBatchHeader(const BatchHeader& h, uint8_t* p);

// Kafka's DefaultRecordBatch.incrementSequence: sequences are non-negative int32 that wrap from INT32_MAX to 0,
// computed with Java's wrapping int arithmetic (also for a corrupt negative increment) and no signed overflow.
int32_t IncrementSequence(int32_t sequence, int32_t increment);

}  // namespace partita::protocol
