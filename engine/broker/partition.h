// Partition: this broker's replica of one topic partition — its log plus the leader's replication state
// (leader epoch, replicas, ISR, high watermark). Produce appends and consumer reads go through it; followers'
// log end offsets feed the high watermark (HW = min LEO over the ISR, never moving back).
// Thread safety: thread-safe. The log serializes its own writes; replication state is guarded by mu_ and the
// high watermark is also published atomically for lock-free reads.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/broker/topic_settings.h"
#include "engine/common/types.h"
#include "engine/protocol/error_code.h"
#include "engine/storage/log.h"

namespace partita::broker {

struct PartitionAppend {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  std::string message;
  storage::AppendInfo info;
};

struct PartitionRead {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  storage::ReadResult data;
  Offset high_watermark{0};
  Offset log_start_offset{0};
  Offset log_end_offset{0};
};

class Partition {
 public:
  Partition(TopicPartition tp, BrokerId self, std::shared_ptr<storage::Log> log, TopicSettings settings);

  const TopicPartition& topic_partition() const { return tp_; }
  storage::Log* log() const { return log_.get(); }

  // Makes this replica the leader at `epoch`. The high watermark starts at the checkpointed value (bounded by
  // the log end) and only advances from there.
  void BecomeLeader(LeaderEpoch epoch, std::vector<int32_t> replicas, std::vector<int32_t> isr, Offset checkpointed_hw);
  void UpdateSettings(TopicSettings settings);
  bool IsLeader() const;
  LeaderEpoch leader_epoch() const;
  std::vector<int32_t> isr() const;

  // Validates and appends a produce request's records as the leader. `acks` is -1, 0 or 1.
  PartitionAppend AppendAsLeader(std::span<const uint8_t> records, int16_t acks);

  // Reads for a consumer (up to the HW) or a follower (up to the LEO), starting at `offset`.
  PartitionRead Read(Offset offset, int32_t max_bytes, bool from_follower, bool min_one_batch,
                     int32_t current_leader_epoch) const;

  // Bytes readable from `offset` up to the HW (consumers) — used to decide whether a long poll can finish.
  bool HasDataAfter(Offset offset, bool from_follower) const;

  Offset HighWatermark() const { return Offset(high_watermark_.load(std::memory_order_acquire)); }
  Offset LogEndOffset() const { return log_->LogEndOffset(); }
  Offset LogStartOffset() const { return log_->LogStartOffset(); }

 private:
  // Recomputes HW = min LEO over the ISR (the leader's own LEO included); returns true if it moved.
  bool MaybeAdvanceHighWatermarkLocked();
  protocol::ErrorCode CheckLeaderEpoch(int32_t current_leader_epoch) const;

  const TopicPartition tp_;
  const BrokerId self_;
  const std::shared_ptr<storage::Log> log_;

  mutable std::mutex mu_;
  TopicSettings settings_;
  bool is_leader_ = false;
  LeaderEpoch leader_epoch_{-1};
  std::vector<int32_t> replicas_;
  std::vector<int32_t> isr_;
  std::map<int32_t, int64_t> follower_leo_;  // replica id -> last fetched log end offset
  std::atomic<int64_t> high_watermark_{0};
};

}  // namespace partita::broker
