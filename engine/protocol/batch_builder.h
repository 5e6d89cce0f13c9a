// BatchBuilder: builds one v2 record batch (magic 2) from records, compressing the records block with the
// chosen codec and computing the CRC-32C. Used by tests, the client producer and broker-side recompression.
// Records are encoded as they are appended, so the caller's key/value/header spans need only live for the
// Append call. Offsets: record i gets offset delta i (or the explicit delta of AppendWithDelta), the batch's
// base timestamp is the first record's timestamp and its max timestamp the largest one.
// Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/record_batch.h"

namespace partita::protocol {

class BatchBuilder {
 public:
  struct Options {
    Compression compression = Compression::kNone;
    int compression_level = kDefaultCompressionLevel;  // KIP-390
    int64_t base_offset = 0;
    int32_t partition_leader_epoch = -1;
    int64_t producer_id = -1;
    int16_t producer_epoch = -1;
    int32_t base_sequence = -1;
    bool transactional = false;
    bool control = false;
    bool log_append_time = false;
  };

  explicit BatchBuilder(const Options& options) : options_(options) {}

  void Append(int64_t timestamp, std::optional<std::span<const uint8_t>> key,
              std::optional<std::span<const uint8_t>> value, std::span<const Header> headers = {}) {
    AppendWithDelta(static_cast<int32_t>(count_), timestamp, key, value, headers);
  }
  // Explicit offset delta, for rebuilding batches whose deltas have gaps (compacted data). Deltas must
  // increase; the builder does not check it.
  void AppendWithDelta(int32_t offset_delta, int64_t timestamp, std::optional<std::span<const uint8_t>> key,
                       std::optional<std::span<const uint8_t>> value, std::span<const Header> headers = {});

  size_t record_count() const { return count_; }
  // Bytes of the batch if it were built uncompressed now (the producer's batch.size accounting).
  size_t uncompressed_size() const { return kBatchHeaderSize + records_.size(); }

  // Overrides for rebuilding an existing batch exactly (RecompressBatch): its own header values.
  void OverrideTimestamps(int64_t base_timestamp, int64_t max_timestamp) {
    base_timestamp_ = base_timestamp;
    max_timestamp_override_ = max_timestamp;
  }
  void OverrideLastOffsetDelta(int32_t last_offset_delta) { last_offset_delta_override_ = last_offset_delta; }

  // The finished batch. The builder may be reused only after Reset().
  Result<std::vector<uint8_t>> Build() const;
  void Reset();

 private:
  Options options_;
  std::vector<uint8_t> records_;  // encoded records, uncompressed
  size_t count_ = 0;
  int32_t last_delta_ = -1;
  std::optional<int64_t> base_timestamp_;
  int64_t max_timestamp_ = -1;
  std::optional<int64_t> max_timestamp_override_;
  std::optional<int32_t> last_offset_delta_override_;
};

// Options that rebuild a batch with h's own header fields (offsets, leader epoch, producer, flags) and `codec`.
BatchBuilder::Options OptionsForRebuild(const BatchHeader& h, Compression codec);

// Re-encodes a v2 batch with another codec, keeping every header field (offsets, sequence, producer,
// attributes flags, timestamps) and every record; returns a copy if the codec already matches. Used when a
// topic's compression.type is a codec rather than "producer". The input is not CRC-checked here.
// `level` is the target codec's level (KIP-390: the topic's compression.<codec>.level).
Result<std::vector<uint8_t>> RecompressBatch(std::span<const uint8_t> batch, Compression target,
                                             size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes,
                                             int level = kDefaultCompressionLevel);

}  // namespace partita::protocol
