#include "engine/protocol/batch_builder.h"

#include <algorithm>

#include "engine/common/endian.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/varint.h"

namespace partita::protocol {
namespace {

size_t NullableSize(const std::optional<std::span<const uint8_t>>& b) {
  return b ? varint::Size32(static_cast<int32_t>(b->size())) + b->size() : 1;
}

void AppendNullable(std::vector<uint8_t>* out, const std::optional<std::span<const uint8_t>>& b) {
  if (!b) {
    varint::Append32(out, -1);
    return;
  }
  varint::Append32(out, static_cast<int32_t>(b->size()));
  out->insert(out->end(), b->begin(), b->end());
}

}  // namespace

void BatchBuilder::AppendWithDelta(int32_t offset_delta, int64_t timestamp,
                                   std::optional<std::span<const uint8_t>> key,
                                   std::optional<std::span<const uint8_t>> value, std::span<const Header> headers) {
  if (!base_timestamp_) base_timestamp_ = timestamp;
  max_timestamp_ = count_ == 0 ? timestamp : std::max(max_timestamp_, timestamp);
  const int64_t ts_delta =
      static_cast<int64_t>(static_cast<uint64_t>(timestamp) - static_cast<uint64_t>(*base_timestamp_));
  size_t body = 1 + varint::Size64(ts_delta) + varint::Size32(offset_delta) + NullableSize(key) +
                NullableSize(value) + varint::Size32(static_cast<int32_t>(headers.size()));
  for (const Header& h : headers) {
    body += varint::Size32(static_cast<int32_t>(h.key.size())) + h.key.size() + NullableSize(h.value);
  }
  if (records_.capacity() < records_.size() + body + 5) {
    records_.reserve(std::max(records_.capacity() * 2, records_.size() + body + 5));  // keep growth geometric
  }
  varint::Append32(&records_, static_cast<int32_t>(body));
  records_.push_back(0);  // record attributes: unused
  varint::Append64(&records_, ts_delta);
  varint::Append32(&records_, offset_delta);
  AppendNullable(&records_, key);
  AppendNullable(&records_, value);
  varint::Append32(&records_, static_cast<int32_t>(headers.size()));
  for (const Header& h : headers) {
    varint::Append32(&records_, static_cast<int32_t>(h.key.size()));
    records_.insert(records_.end(), h.key.begin(), h.key.end());
    AppendNullable(&records_, h.value);
  }
  last_delta_ = offset_delta;
  ++count_;
}

Result<std::vector<uint8_t>> BatchBuilder::Build() const {
  std::vector<uint8_t> out;
  if (options_.compression == Compression::kNone) {
    out.resize(kBatchHeaderSize + records_.size());
    std::copy(records_.begin(), records_.end(), out.begin() + kBatchHeaderSize);
  } else {
    auto compressed = Compress(options_.compression, records_, options_.compression_level);
    if (!compressed.ok()) return compressed.status();
    out.resize(kBatchHeaderSize + compressed->size());
    std::copy(compressed->begin(), compressed->end(), out.begin() + kBatchHeaderSize);
  }
  if (out.size() - kLogOverhead > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument("batch over 2 GiB");
  }
  BatchHeader h;
  h.base_offset = options_.base_offset;
  h.batch_length = static_cast<int32_t>(out.size() - kLogOverhead);
  h.partition_leader_epoch = options_.partition_leader_epoch;
  h.magic = kMagicV2;
  h.attributes = static_cast<int16_t>(static_cast<int>(options_.compression) | (options_.log_append_time ? 0x08 : 0) |
                                      (options_.transactional ? 0x10 : 0) | (options_.control ? 0x20 : 0));
  h.last_offset_delta = last_offset_delta_override_ ? *last_offset_delta_override_ : std::max(last_delta_, 0);
  // Kafka writes -1 (no timestamp) for the timestamps of an empty batch.
  h.base_timestamp = base_timestamp_ ? *base_timestamp_ : -1;
  h.max_timestamp = max_timestamp_override_ ? *max_timestamp_override_ : (count_ ? max_timestamp_ : -1);
  h.producer_id = options_.producer_id;
  h.producer_epoch = options_.producer_epoch;
  h.base_sequence = options_.base_sequence;
  h.records_count = static_cast<int32_t>(count_);
  WriteBatchHeader(h, out.data());
  StoreBe32(out.data() + kCrcOffset, ComputeBatchCrc(out));
  return out;
}

void BatchBuilder::Reset() {
  records_.clear();
  count_ = 0;
  last_delta_ = -1;
  base_timestamp_.reset();
  max_timestamp_ = -1;
  max_timestamp_override_.reset();
  last_offset_delta_override_.reset();
}

BatchBuilder::Options OptionsForRebuild(const BatchHeader& h, Compression codec) {
  BatchBuilder::Options o;
  o.compression = codec;
  o.base_offset = h.base_offset;
  o.partition_leader_epoch = h.partition_leader_epoch;
  o.producer_id = h.producer_id;
  o.producer_epoch = h.producer_epoch;
  o.base_sequence = h.base_sequence;
  o.transactional = h.transactional();
  o.control = h.control();
  o.log_append_time = h.log_append_time();
  return o;
}

Result<std::vector<uint8_t>> RecompressBatch(std::span<const uint8_t> batch, Compression target,
                                             size_t max_decompressed_bytes, int level) {
  if (batch.size() < kBatchHeaderSize) return Status::Corruption("batch shorter than its header");
  const BatchHeader h = ReadBatchHeader(batch.data());
  if (h.magic != kMagicV2 || h.batch_length < kMinBatchLength || h.total_size() > batch.size()) {
    return Status::Corruption("not a whole v2 batch");
  }
  if (h.compression() == target) return std::vector<uint8_t>(batch.begin(), batch.begin() + h.total_size());
  BatchBuilder::Options options = OptionsForRebuild(h, target);
  options.compression_level = level;
  BatchBuilder builder(options);
  builder.OverrideTimestamps(h.base_timestamp, h.max_timestamp);
  builder.OverrideLastOffsetDelta(h.last_offset_delta);
  std::vector<uint8_t> scratch;
  PARTITA_RETURN_IF_ERROR(ForEachRecord(
      batch, &scratch,
      [&](const Record& r) {
        // The raw delta, not r.timestamp: LogAppendTime batches report maxTimestamp for every record.
        const int64_t ts = static_cast<int64_t>(static_cast<uint64_t>(h.base_timestamp) +
                                                static_cast<uint64_t>(r.timestamp_delta));
        builder.AppendWithDelta(r.offset_delta, ts, r.key, r.value, r.headers);
        return true;
      },
      max_decompressed_bytes));
  if (builder.record_count() != static_cast<size_t>(h.records_count)) {
    return Status::Corruption("batch holds fewer records than it declares");
  }
  return builder.Build();
}

}  // namespace partita::protocol
