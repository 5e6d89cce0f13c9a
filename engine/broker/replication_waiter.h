// WhenReplicated: calls done once the records appended to several partitions as their leader reach the ISR
// (acks=all semantics: each partition's high watermark passes its required offset, Kafka's
// checkEnoughReplicasReachOffset), with each partition's outcome — NONE, NOT_ENOUGH_REPLICAS_AFTER_APPEND,
// NOT_LEADER_OR_FOLLOWER when leadership moved, or REQUEST_TIMED_OUT at the deadline. Parks a DelayedOperation
// in the produce purgatory (re-checked when a watched partition's HW moves); no thread waits. Wakes the
// followers' parked fetches first (OnPartitionChanged), so replication starts at once.
// Used by the transaction coordinator's log writes and by WriteTxnMarkers. Thread-safe; done runs once, on
// any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/protocol/error_code.h"

namespace partita::broker {

class ReplicaManager;

struct AwaitedAppend {
  std::shared_ptr<Partition> partition;
  int64_t required_offset = 0;  // last appended offset + 1
};

void WhenReplicated(ReplicaManager& replicas, std::vector<AwaitedAppend> appends, int64_t timeout_ms,
                    std::function<void(std::vector<protocol::ErrorCode>)> done);

}  // namespace partita::broker
