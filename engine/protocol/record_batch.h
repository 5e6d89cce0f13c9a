// Record batches v2 (magic 2): validation of a record set (one or more concatenated batches, e.g. the
// RECORDS field of a Produce request or a segment's bytes) and iteration over the records of one batch.
//
// Record layout inside a batch (after the 61-byte header, compressed as one block if attributes say so):
//   length varint | attributes i8 | timestampDelta varlong | offsetDelta varint | keyLength varint, key |
//   valueLength varint, value | headerCount varint | [keyLength varint, key | valueLength varint, value]*
// Lengths of -1 mean null (keys, values, header values; header keys are never null).
//
// ValidateRecordSet never crashes or reads outside its span, whatever the bytes; compressed batches are
// decompressed with a hard output bound (ValidationOptions::max_decompressed_bytes) so that a decompression
// bomb cannot exhaust memory. Uncompressed batches are checked without any per-record allocation.
// Ownership: Record and Header spans point into the batch or into the caller's scratch buffer; they are valid
// only during the callback. Thread safety: free functions, no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::protocol {

inline constexpr int8_t kMagicV2 = 2;
// batchLength of a batch without records: the header after baseOffset and batchLength.
inline constexpr int32_t kMinBatchLength = static_cast<int32_t>(kBatchHeaderSize - kLogOverhead);  // 49
inline constexpr size_t kDefaultMaxDecompressedBytes = 64u << 20;

struct Header {
  std::span<const uint8_t> key;
  std::optional<std::span<const uint8_t>> value;
};

struct Record {
  int64_t offset = 0;     // baseOffset + offsetDelta
  int64_t timestamp = 0;  // baseTimestamp + timestampDelta; maxTimestamp when the batch uses LogAppendTime
  std::optional<std::span<const uint8_t>> key, value;
  std::vector<Header> headers;
  // Raw fields, for code that rebuilds a batch byte-for-byte (recompression, down-conversion).
  int32_t offset_delta = 0;
  int64_t timestamp_delta = 0;
  int8_t attributes = 0;
};

// Maps onto Kafka error codes in the produce path: kCorrupt -> CORRUPT_MESSAGE, kTooLarge ->
// MESSAGE_TOO_LARGE (RECORD_LIST_TOO_LARGE is the request-level one), kUnsupportedMagic ->
// UNSUPPORTED_FOR_MESSAGE_FORMAT (or up-convert, see legacy_message_set.h), kInvalidRecord -> INVALID_RECORD,
// kInvalidTimestamp -> INVALID_TIMESTAMP.
enum class BatchError { kNone, kCorrupt, kTooLarge, kUnsupportedMagic, kInvalidRecord, kInvalidTimestamp };
std::string_view BatchErrorName(BatchError e);

struct BatchInfo {
  size_t position;  // byte position of the batch in the record set
  BatchHeader header;
};

struct RecordSetCheck {
  BatchError error = BatchError::kNone;
  std::string message;             // why, when error != kNone
  std::vector<BatchInfo> batches;  // every batch that passed (all of them when ok())
  int64_t total_records = 0;
  bool ok() const { return error == BatchError::kNone; }
};

struct ValidationOptions {
  // A batch's whole size (with baseOffset and batchLength) above this is kTooLarge: max.message.bytes.
  int32_t max_batch_bytes = 1048588;
  // Iterate the records (decompressing when needed). Without it only sizes, magic, CRC and header fields.
  bool deep = true;
  // Kafka's rules for batches written by clients (LogValidator, origin CLIENT): at least one record,
  // lastOffsetDelta == recordsCount - 1, offset deltas exactly 0..n-1, no control batches. Off for batches
  // read back from a log (compaction leaves gaps), where deltas need only increase within lastOffsetDelta.
  bool client_origin = true;
  // Compacted topics need a key on every record.
  bool require_keys = false;
  // Upper bound for one batch's decompressed records.
  size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes;
  // CreateTime checks (message.timestamp.before.max.ms / after.max.ms) against now_ms; off when now_ms < 0.
  int64_t now_ms = -1;
  int64_t timestamp_before_max_ms = std::numeric_limits<int64_t>::max();
  int64_t timestamp_after_max_ms = std::numeric_limits<int64_t>::max();
};

RecordSetCheck ValidateRecordSet(std::span<const uint8_t> records, const ValidationOptions& options = {});

// Calls fn for each record of one v2 batch (the first batch in `batch`; bytes after it are ignored) until
// fn returns false. Compressed records are decompressed into *scratch (reused; may be null, then a
// temporary is used), bounded by max_decompressed_bytes. The CRC is not checked here: validate first
// (ValidateRecordSet with deep = false is enough). Malformed bytes give Status::Corruption.
Status ForEachRecord(std::span<const uint8_t> batch, std::vector<uint8_t>* scratch,
                     const std::function<bool(const Record&)>& fn,
                     size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes);

// CRC-32C of a batch as stored in its header (bytes 21..end). `batch` must hold the whole batch.
uint32_t ComputeBatchCrc(std::span<const uint8_t> batch);

// In-place header rewrites a leader does on append. baseOffset and partitionLeaderEpoch lie outside the
// CRC; SetLogAppendTime changes covered fields and so recomputes the CRC. `batch` must hold the whole batch.
void SetBaseOffset(std::span<uint8_t> batch, int64_t base_offset);
void SetPartitionLeaderEpoch(std::span<uint8_t> batch, int32_t epoch);
void SetLogAppendTime(std::span<uint8_t> batch, int64_t timestamp_ms);

}  // namespace partita::protocol
