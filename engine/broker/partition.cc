#include "engine/broker/partition.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"

namespace partita::broker {

using protocol::ErrorCode;

Partition::Partition(TopicPartition tp, BrokerId self, std::shared_ptr<storage::Log> log, TopicSettings settings)
    : tp_(std::move(tp)), self_(self), log_(std::move(log)), settings_(std::move(settings)) {}

void Partition::BecomeLeader(LeaderEpoch epoch, std::vector<int32_t> replicas, std::vector<int32_t> isr,
                             Offset checkpointed_hw) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool new_epoch = !is_leader_ || epoch != leader_epoch_;
  is_leader_ = true;
  leader_epoch_ = epoch;
  replicas_ = std::move(replicas);
  isr_ = std::move(isr);
  if (new_epoch) {
    // Batches appended from now on carry this epoch; the cache maps it to its first offset (KIP-101).
    if (auto st = log_->leader_epochs().Assign(epoch.value, log_->LogEndOffset().value); !st.ok()) {
      spdlog::warn("{}: cannot record leader epoch {}: {}", tp_.DirName(), epoch.value, st.ToString());
    }
    int64_t hw = std::min(checkpointed_hw.value, log_->LogEndOffset().value);
    high_watermark_.store(std::max(hw, log_->LogStartOffset().value), std::memory_order_release);
  }
  MaybeAdvanceHighWatermarkLocked();
}

void Partition::UpdateSettings(TopicSettings settings) {
  log_->UpdateConfig(settings.log);
  std::lock_guard<std::mutex> lock(mu_);
  settings_ = std::move(settings);
}

bool Partition::IsLeader() const {
  std::lock_guard<std::mutex> lock(mu_);
  return is_leader_;
}

LeaderEpoch Partition::leader_epoch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return leader_epoch_;
}

std::vector<int32_t> Partition::isr() const {
  std::lock_guard<std::mutex> lock(mu_);
  return isr_;
}

bool Partition::MaybeAdvanceHighWatermarkLocked() {
  int64_t hw = log_->LogEndOffset().value;
  for (int32_t replica : isr_) {
    if (replica == self_.value) continue;
    auto it = follower_leo_.find(replica);
    hw = std::min(hw, it == follower_leo_.end() ? high_watermark_.load() : it->second);
  }
  int64_t current = high_watermark_.load();
  if (hw > current) {
    high_watermark_.store(hw, std::memory_order_release);
    return true;
  }
  return false;
}

ErrorCode Partition::CheckLeaderEpoch(int32_t current_leader_epoch) const {
  if (current_leader_epoch < 0) return ErrorCode::kNone;
  if (current_leader_epoch > leader_epoch_.value) return ErrorCode::kUnknownLeaderEpoch;
  if (current_leader_epoch < leader_epoch_.value) return ErrorCode::kFencedLeaderEpoch;
  return ErrorCode::kNone;
}

static ErrorCode ToErrorCode(protocol::BatchError e) {
  switch (e) {
    case protocol::BatchError::kNone: return ErrorCode::kNone;
    case protocol::BatchError::kCorrupt: return ErrorCode::kCorruptMessage;
    case protocol::BatchError::kTooLarge: return ErrorCode::kMessageTooLarge;
    case protocol::BatchError::kUnsupportedMagic: return ErrorCode::kUnsupportedVersion;
    case protocol::BatchError::kInvalidRecord: return ErrorCode::kInvalidRecord;
    case protocol::BatchError::kInvalidTimestamp: return ErrorCode::kInvalidTimestamp;
  }
  return ErrorCode::kCorruptMessage;
}

PartitionAppend Partition::AppendAsLeader(std::span<const uint8_t> records, int16_t acks) {
  PartitionAppend out;
  TopicSettings settings;
  LeaderEpoch epoch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!is_leader_) {
      out.error = ErrorCode::kNotLeaderOrFollower;
      return out;
    }
    if (acks == -1 && static_cast<int32_t>(isr_.size()) < settings_.min_insync_replicas) {
      out.error = ErrorCode::kNotEnoughReplicas;
      out.message = "ISR has " + std::to_string(isr_.size()) + " replicas, min.insync.replicas is " +
                    std::to_string(settings_.min_insync_replicas);
      return out;
    }
    settings = settings_;
    epoch = leader_epoch_;
  }

  protocol::ValidationOptions options;
  options.max_batch_bytes = settings.max_message_bytes;
  options.require_keys = settings.compact;
  // Records are iterated (compressed ones decompressed into a scratch buffer) as Kafka's LogValidator does;
  // the batch is still appended as sent.
  auto check = protocol::ValidateRecordSet(records, options);
  if (!check.ok()) {
    out.error = ToErrorCode(check.error);
    out.message = check.message;
    return out;
  }
  if (check.batches.empty()) {
    out.error = ErrorCode::kCorruptMessage;
    out.message = "the request holds no record batch";
    return out;
  }

  std::vector<uint8_t> recompressed;
  if (!settings.keep_producer_compression) {
    // compression.type names a codec: batches sent with another codec are rewritten (Kafka does the same).
    for (const auto& b : check.batches) {
      auto batch = records.subspan(b.position, b.header.total_size());
      if (b.header.compression() == settings.compression) {
        recompressed.insert(recompressed.end(), batch.begin(), batch.end());
        continue;
      }
      auto converted = protocol::RecompressBatch(batch, settings.compression);
      if (!converted.ok()) {
        out.error = ErrorCode::kCorruptMessage;
        out.message = converted.status().message();
        return out;
      }
      recompressed.insert(recompressed.end(), converted->begin(), converted->end());
    }
    records = recompressed;
  }

  auto appended = log_->AppendAsLeader(records, epoch);
  if (!appended.ok()) {
    const Status& st = appended.status();
    if (st.code() == Status::Code::kInvalidArgument) {
      out.error = ErrorCode::kRecordListTooLarge;
    } else {
      out.error = ErrorCode::kKafkaStorageError;
      spdlog::error("append to {} failed: {}", tp_.DirName(), st.ToString());
    }
    out.message = st.message();
    return out;
  }
  out.info = *appended;
  std::lock_guard<std::mutex> lock(mu_);
  MaybeAdvanceHighWatermarkLocked();
  return out;
}

PartitionRead Partition::Read(Offset offset, int32_t max_bytes, bool from_follower, bool min_one_batch,
                              int32_t current_leader_epoch) const {
  PartitionRead out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!is_leader_) {
      out.error = ErrorCode::kNotLeaderOrFollower;
      return out;
    }
    out.error = CheckLeaderEpoch(current_leader_epoch);
    if (out.error != ErrorCode::kNone) return out;
  }
  out.high_watermark = HighWatermark();
  out.log_start_offset = log_->LogStartOffset();
  out.log_end_offset = log_->LogEndOffset();
  Offset limit = from_follower ? out.log_end_offset : out.high_watermark;
  auto read = log_->Read(offset, max_bytes, limit, min_one_batch);
  if (!read.ok()) {
    out.error = ErrorCode::kKafkaStorageError;
    return out;
  }
  if (read->offset_out_of_range) {
    out.error = ErrorCode::kOffsetOutOfRange;
    return out;
  }
  out.data = std::move(*read);
  return out;
}

bool Partition::HasDataAfter(Offset offset, bool from_follower) const {
  Offset limit = from_follower ? log_->LogEndOffset() : HighWatermark();
  return limit > offset;
}

}  // namespace partita::broker
