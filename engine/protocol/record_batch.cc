#include "engine/protocol/record_batch.h"

#include <string>

#include "engine/common/crc32c.h"
#include "engine/common/endian.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/varint.h"

namespace partita::protocol {
namespace {

// Smallest possible record: length, attributes, timestampDelta, offsetDelta, keyLength, valueLength and
// headerCount, one byte each. Bounds a claimed record count before any work is spent on it.
constexpr size_t kMinRecordSize = 7;

// Reads a nullable byte string (varint length, -1 = null) that must end before `end`.
bool ReadNullableBytes(const uint8_t*& p, const uint8_t* end, std::optional<std::span<const uint8_t>>* out) {
  int32_t len = 0;
  if (!varint::Read32(p, end, &len) || len < -1) return false;
  if (len == -1) {
    out->reset();
    return true;
  }
  if (static_cast<size_t>(len) > static_cast<size_t>(end - p)) return false;
  *out = std::span<const uint8_t>(p, static_cast<size_t>(len));
  p += len;
  return true;
}

// Parses the record at p, advancing p past it. Header spans are collected only if `collect_headers`
// (validation skips them without allocating). On failure returns a reason and leaves p unspecified.
const char* ParseRecord(const uint8_t*& p, const uint8_t* end, Record* rec, bool collect_headers) {
  int32_t length = 0;
  if (!varint::Read32(p, end, &length)) return "bad record length varint";
  if (length < 0 || static_cast<size_t>(length) > static_cast<size_t>(end - p)) {
    return "record length out of bounds";
  }
  const uint8_t* rend = p + length;
  if (p >= rend) return "empty record";
  rec->attributes = static_cast<int8_t>(*p++);
  if (!varint::Read64(p, rend, &rec->timestamp_delta)) return "bad timestamp delta";
  if (!varint::Read32(p, rend, &rec->offset_delta)) return "bad offset delta";
  if (!ReadNullableBytes(p, rend, &rec->key)) return "bad record key";
  if (!ReadNullableBytes(p, rend, &rec->value)) return "bad record value";
  int32_t header_count = 0;
  if (!varint::Read32(p, rend, &header_count) || header_count < 0) return "bad header count";
  if (static_cast<size_t>(header_count) > static_cast<size_t>(rend - p) / 2) return "header count out of bounds";
  rec->headers.clear();
  for (int32_t i = 0; i < header_count; ++i) {
    int32_t key_len = 0;
    if (!varint::Read32(p, rend, &key_len) || key_len < 0 ||
        static_cast<size_t>(key_len) > static_cast<size_t>(rend - p)) {
      return "bad header key";
    }
    std::span<const uint8_t> key(p, static_cast<size_t>(key_len));
    p += key_len;
    std::optional<std::span<const uint8_t>> value;
    if (!ReadNullableBytes(p, rend, &value)) return "bad header value";
    if (collect_headers) rec->headers.push_back(Header{key, value});
  }
  if (p != rend) return "record length does not match its fields";
  return nullptr;
}

// Resolves the records bytes of a batch (`batch` holds exactly one whole batch): a view into the batch, or
// the decompressed bytes in *scratch.
Status RecordBytes(std::span<const uint8_t> batch, const BatchHeader& h, std::vector<uint8_t>* scratch,
                   size_t max_decompressed, std::span<const uint8_t>* out) {
  auto body = batch.subspan(kBatchHeaderSize);
  if (h.compression() == Compression::kNone) {
    *out = body;
    return Status::Ok();
  }
  PARTITA_RETURN_IF_ERROR(DecompressInto(h.compression(), body, max_decompressed, scratch));
  *out = *scratch;
  return Status::Ok();
}

RecordSetCheck Fail(RecordSetCheck check, BatchError e, size_t position, const std::string& why) {
  check.error = e;
  check.message = "batch at byte " + std::to_string(position) + ": " + why;
  return check;
}

}  // namespace

std::string_view BatchErrorName(BatchError e) {
  switch (e) {
    case BatchError::kNone: return "none";
    case BatchError::kCorrupt: return "corrupt";
    case BatchError::kTooLarge: return "too large";
    case BatchError::kUnsupportedMagic: return "unsupported magic";
    case BatchError::kInvalidRecord: return "invalid record";
    case BatchError::kInvalidTimestamp: return "invalid timestamp";
  }
  return "unknown";
}

uint32_t ComputeBatchCrc(std::span<const uint8_t> batch) { return Crc32c(batch.subspan(kAttributesOffset)); }

RecordSetCheck ValidateRecordSet(std::span<const uint8_t> records, const ValidationOptions& options) {
  RecordSetCheck check;
  std::vector<uint8_t> scratch;  // decompressed records, reused across the batches of this set
  const size_t max_batch = options.max_batch_bytes > 0 ? static_cast<size_t>(options.max_batch_bytes) : 0;
  size_t pos = 0;
  if (records.empty()) return Fail(std::move(check), BatchError::kCorrupt, 0, "empty record set");
  while (pos < records.size()) {
    const size_t left = records.size() - pos;
    const uint8_t* p = records.data() + pos;
    if (left < kLogOverhead + 5) return Fail(std::move(check), BatchError::kCorrupt, pos, "truncated batch");
    const int8_t magic = static_cast<int8_t>(p[kMagicOffset]);
    if (magic == 0 || magic == 1) {
      return Fail(std::move(check), BatchError::kUnsupportedMagic, pos,
                  "legacy message format (magic " + std::to_string(magic) + ")");
    }
    if (magic != kMagicV2) {
      return Fail(std::move(check), BatchError::kCorrupt, pos, "unknown magic " + std::to_string(magic));
    }
    const int32_t batch_length = static_cast<int32_t>(LoadBe32(p + kBatchLengthOffset));
    if (batch_length < kMinBatchLength) {
      return Fail(std::move(check), BatchError::kCorrupt, pos,
                  "batch length " + std::to_string(batch_length) + " below the 49-byte minimum");
    }
    const size_t total = kLogOverhead + static_cast<size_t>(batch_length);
    if (total > max_batch) {
      return Fail(std::move(check), BatchError::kTooLarge, pos,
                  "batch of " + std::to_string(total) + " bytes exceeds " + std::to_string(max_batch));
    }
    if (total > left) {
      return Fail(std::move(check), BatchError::kCorrupt, pos,
                  "batch claims " + std::to_string(total) + " bytes, " + std::to_string(left) + " left");
    }
    const auto batch = records.subspan(pos, total);
    const BatchHeader h = ReadBatchHeader(p);
    const uint32_t crc = ComputeBatchCrc(batch);
    if (crc != h.crc) return Fail(std::move(check), BatchError::kCorrupt, pos, "CRC-32C mismatch");
    if (static_cast<int>(h.compression()) > static_cast<int>(Compression::kZstd)) {
      return Fail(std::move(check), BatchError::kCorrupt, pos, "unknown compression codec");
    }
    if (h.records_count < 0) return Fail(std::move(check), BatchError::kInvalidRecord, pos, "negative record count");
    if (h.last_offset_delta < 0) {
      return Fail(std::move(check), BatchError::kInvalidRecord, pos, "negative last offset delta");
    }
    if (options.client_origin) {
      if (h.records_count == 0) return Fail(std::move(check), BatchError::kInvalidRecord, pos, "batch has no records");
      if (h.last_offset_delta != h.records_count - 1) {
        return Fail(std::move(check), BatchError::kInvalidRecord, pos,
                    "inconsistent batch offset range and record count");
      }
      if (h.control()) {
        return Fail(std::move(check), BatchError::kInvalidRecord, pos, "clients may not write control batches");
      }
    } else if (h.records_count > 0 && h.last_offset_delta < h.records_count - 1) {
      return Fail(std::move(check), BatchError::kInvalidRecord, pos, "more records than offsets in the batch");
    }
    if (h.compression() == Compression::kNone &&
        static_cast<size_t>(h.records_count) > (total - kBatchHeaderSize) / kMinRecordSize) {
      return Fail(std::move(check), BatchError::kInvalidRecord, pos, "record count exceeds the batch size");
    }
    const bool check_time = options.now_ms >= 0 && !h.log_append_time();
    if (options.deep) {
      std::span<const uint8_t> body;
      Status st = RecordBytes(batch, h, &scratch, options.max_decompressed_bytes, &body);
      if (!st.ok()) {
        return Fail(std::move(check), st.code() == Status::Code::kInvalidArgument ? BatchError::kTooLarge
                                                                                 : BatchError::kCorrupt,
                    pos, st.message());
      }
      Record rec;
      const uint8_t* rp = body.data();
      const uint8_t* rend = rp + body.size();
      int64_t count = 0;
      int64_t prev_delta = -1;
      while (rp < rend) {
        if (count >= h.records_count) {
          return Fail(std::move(check), BatchError::kInvalidRecord, pos, "more records than the record count");
        }
        if (const char* why = ParseRecord(rp, rend, &rec, /*collect_headers=*/false)) {
          return Fail(std::move(check), BatchError::kInvalidRecord, pos,
                      "record " + std::to_string(count) + ": " + why);
        }
        const bool delta_ok = options.client_origin
                                  ? rec.offset_delta == count
                                  : rec.offset_delta > prev_delta && rec.offset_delta <= h.last_offset_delta;
        if (!delta_ok) {
          return Fail(std::move(check), BatchError::kInvalidRecord, pos,
                      "record " + std::to_string(count) + ": offset delta " + std::to_string(rec.offset_delta) +
                          " out of order");
        }
        if (options.require_keys && !rec.key) {
          return Fail(std::move(check), BatchError::kInvalidRecord, pos, "compacted topic record without key");
        }
        if (check_time) {
          const int64_t ts = static_cast<int64_t>(static_cast<uint64_t>(h.base_timestamp) +
                                                  static_cast<uint64_t>(rec.timestamp_delta));
          // Differences computed without overflow: both timestamps are compared through the limits.
          const bool too_old = ts < options.now_ms &&
                               static_cast<uint64_t>(options.now_ms) - static_cast<uint64_t>(ts) >
                                   static_cast<uint64_t>(options.timestamp_before_max_ms);
          const bool too_new = ts > options.now_ms &&
                               static_cast<uint64_t>(ts) - static_cast<uint64_t>(options.now_ms) >
                                   static_cast<uint64_t>(options.timestamp_after_max_ms);
          if (too_old || too_new) {
            return Fail(std::move(check), BatchError::kInvalidTimestamp, pos,
                        "record " + std::to_string(count) + ": timestamp " + std::to_string(ts) +
                            " out of the accepted range");
          }
        }
        prev_delta = rec.offset_delta;
        ++count;
      }
      if (count != h.records_count) {
        return Fail(std::move(check), BatchError::kInvalidRecord, pos,
                    "batch declares " + std::to_string(h.records_count) + " records, holds " + std::to_string(count));
      }
    }
    check.batches.push_back(BatchInfo{pos, h});
    check.total_records += h.records_count;
    pos += total;
  }
  return check;
}

Status ForEachRecord(std::span<const uint8_t> batch, std::vector<uint8_t>* scratch,
                     const std::function<bool(const Record&)>& fn, size_t max_decompressed_bytes) {
  if (batch.size() < kBatchHeaderSize) return Status::Corruption("batch shorter than its header");
  const BatchHeader h = ReadBatchHeader(batch.data());
  if (h.magic != kMagicV2) return Status::Corruption("not a v2 batch (magic " + std::to_string(h.magic) + ")");
  if (h.batch_length < kMinBatchLength || h.total_size() > batch.size()) {
    return Status::Corruption("bad batch length " + std::to_string(h.batch_length));
  }
  if (h.records_count < 0) return Status::Corruption("negative record count");
  std::vector<uint8_t> local;
  std::span<const uint8_t> body;
  PARTITA_RETURN_IF_ERROR(
      RecordBytes(batch.first(h.total_size()), h, scratch ? scratch : &local, max_decompressed_bytes, &body));
  Record rec;
  const uint8_t* p = body.data();
  const uint8_t* end = p + body.size();
  for (int64_t i = 0; i < h.records_count; ++i) {
    if (const char* why = ParseRecord(p, end, &rec, /*collect_headers=*/true)) {
      return Status::Corruption("record " + std::to_string(i) + ": " + why);
    }
    rec.offset = static_cast<int64_t>(static_cast<uint64_t>(h.base_offset) + static_cast<uint64_t>(rec.offset_delta));
    rec.timestamp = h.log_append_time() ? h.max_timestamp
                                        : static_cast<int64_t>(static_cast<uint64_t>(h.base_timestamp) +
                                                               static_cast<uint64_t>(rec.timestamp_delta));
    if (!fn(rec)) return Status::Ok();
  }
  if (p != end) return Status::Corruption("bytes left after the declared records");
  return Status::Ok();
}

void SetBaseOffset(std::span<uint8_t> batch, int64_t base_offset) {
  StoreBe64(batch.data(), static_cast<uint64_t>(base_offset));
}

void SetPartitionLeaderEpoch(std::span<uint8_t> batch, int32_t epoch) {
  StoreBe32(batch.data() + kPartitionLeaderEpochOffset, static_cast<uint32_t>(epoch));
}

void SetLogAppendTime(std::span<uint8_t> batch, int64_t timestamp_ms) {
  uint16_t attributes = LoadBe16(batch.data() + kAttributesOffset);
  StoreBe16(batch.data() + kAttributesOffset, static_cast<uint16_t>(attributes | 0x08));
  StoreBe64(batch.data() + 35, static_cast<uint64_t>(timestamp_ms));
  StoreBe32(batch.data() + kCrcOffset, ComputeBatchCrc(batch));
}

}  // namespace partita::protocol
