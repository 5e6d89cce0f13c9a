// Legacy message sets (magic 0 and 1, Kafka before 0.11): parsing, up-conversion to v2 batches for old
// producers (Produce v0-2) and down-conversion of v2 batches for old consumers (Fetch v0-3).
//
// Layout of each entry: offset i64 | messageSize i32 | crc u32 | magic i8 | attributes i8 |
// [timestamp i64, magic 1 only] | key bytes (INT32 length, -1 = null) | value bytes.
// crc is CRC-32 (zlib's, IEEE) over magic..end of the message. attributes bits 0-2: codec (gzip 1, snappy 2,
// lz4 3); bit 3 (magic 1): LogAppendTime. A compressed "wrapper" message holds a whole inner message set
// in its value; the wrapper's offset is that of the last inner message, and with magic 1 the inner offsets
// are relative (0..n-1) to be resolved against it.
// Bad bytes are Status::Corruption; decompression is bounded; never throws or reads outside its span.
// Thread safety: free functions, no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/record_batch.h"

namespace partita::protocol {

inline constexpr size_t kLegacyV0MinMessageSize = 14;  // crc, magic, attributes, key and value lengths
inline constexpr size_t kLegacyV1MinMessageSize = 22;  // + timestamp

struct LegacyMessage {
  int64_t offset = 0;       // absolute (inner magic-1 offsets already resolved)
  int8_t magic = 0;
  int64_t timestamp = -1;   // -1 for magic 0; the wrapper's timestamp when it says LogAppendTime
  bool log_append_time = false;
  Compression wrapper_compression = Compression::kNone;  // codec of the wrapper it came from, if any
  std::optional<std::span<const uint8_t>> key, value;
};

// Calls fn for every (inner) message of a legacy message set until fn returns false. Checks sizes, CRCs and
// magic; a partial trailing entry is Corruption. Spans point into `message_set` or into internal buffers
// that live only during the call.
Status ForEachLegacyMessage(std::span<const uint8_t> message_set, const std::function<bool(const LegacyMessage&)>& fn,
                            size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes);

// Up-conversion for old producers: one v2 batch holding every message in order (offset deltas 0..n-1 from the
// first message's offset), compressed with the codec of the first compressed wrapper (none if there is none).
// magic 0 messages get timestamp -1 (no timestamp), as Kafka does.
Result<std::vector<uint8_t>> ConvertLegacyToV2(std::span<const uint8_t> message_set,
                                               size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes);

// Down-conversion for Fetch v0-3 clients: every record of every whole v2 batch as an uncompressed legacy
// message (magic 1, or magic 0 for Fetch v0-1 when `magic0`), absolute offsets kept. Headers cannot be
// represented and are dropped; control batches are skipped; a partial batch at the end (a fetch cut at
// max bytes) is dropped, as Kafka does.
Result<std::vector<uint8_t>> DownConvertToV1(std::span<const uint8_t> v2_batches, bool magic0 = false,
                                             size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes);

// Appends one legacy message entry (offset, size, CRC computed). For tests and down-conversion.
void AppendLegacyMessage(std::vector<uint8_t>* out, int8_t magic, int64_t offset, int8_t attributes,
                         int64_t timestamp, std::optional<std::span<const uint8_t>> key,
                         std::optional<std::span<const uint8_t>> value);

}  // namespace partita::protocol
