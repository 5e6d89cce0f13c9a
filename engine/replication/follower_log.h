// FollowerLog: what the replica fetcher needs from the local replica of a partition it follows — offsets, the
// leader-epoch history (for KIP-101/279 truncation), truncation and appends of the leader's batches. The broker's
// Partition implements it; unit tests use an in-memory log. Owned by replication so that replication depends on
// nothing in broker (the broker depends on replication).
// Thread safety: implementations are thread-safe; the fetcher calls them from its own thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engine/common/status.h"
#include "engine/common/types.h"

namespace partita::replication {

inline constexpr int32_t kUndefinedEpoch = -1;        // Kafka's UNDEFINED_EPOCH
inline constexpr int64_t kUndefinedEpochOffset = -1;  // Kafka's UNDEFINED_EPOCH_OFFSET

// A leader epoch and the offset where it ends (the start of the next epoch, or the log end for the latest):
// the answer of OffsetForLeaderEpoch, or a local log's own view of an epoch.
struct EpochEndOffset {
  int32_t epoch = kUndefinedEpoch;
  int64_t end_offset = kUndefinedEpochOffset;
  bool operator==(const EpochEndOffset&) const = default;
};

class FollowerLog {
 public:
  virtual ~FollowerLog() = default;

  virtual const TopicPartition& topic_partition() const = 0;
  virtual Offset LogStartOffset() const = 0;
  virtual Offset LogEndOffset() const = 0;
  virtual Offset HighWatermark() const = 0;
  // The latest leader epoch in the local epoch cache, or nullopt when it holds none (empty or pre-KIP-101 log).
  virtual std::optional<int32_t> LatestEpoch() const = 0;
  // Kafka's UnifiedLog.endOffsetForEpoch: the largest local epoch <= `epoch` and where it ends locally; nullopt
  // when the local cache cannot answer (empty, or `epoch` newer than every local epoch).
  virtual std::optional<EpochEndOffset> EndOffsetForEpoch(int32_t epoch) const = 0;

  // Removes everything at and after `offset` and the epoch-cache entries starting there; the high watermark
  // never stays above the new log end. At or past the log end only epoch entries starting at or after the log
  // end go (Kafka: an epoch a leader assigned but never wrote in must not be asked about again).
  virtual Status TruncateTo(Offset offset) = 0;
  // Empties the log and restarts it at `offset` (we fell behind the leader's log start).
  virtual Status TruncateFullyAndStartAt(Offset offset) = 0;
  // Appends batches fetched from the leader as they are (offsets and leader epochs kept).
  virtual Status AppendFetched(std::span<const uint8_t> batches) = 0;
  // The leader's high watermark from a fetch response (bounded by the local log end).
  virtual void UpdateFollowerHighWatermark(Offset leader_hw) = 0;
};

}  // namespace partita::replication
