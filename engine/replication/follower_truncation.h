// Follower truncation by leader epoch (KIP-101, made exact by KIP-279): before a follower fetches from a new
// leader it must drop every record the leader does not have at the same offset, or an in-sync replica could
// hold different records than the leader and replace acknowledged ones when it becomes leader.
//
// The follower asks OffsetForLeaderEpoch for its latest epoch E; the leader answers (E', end') with E' the
// largest epoch <= E it knows and end' where E' ends in its log. The rules are those of Kafka's
// AbstractFetcherThread.getOffsetTruncationState:
//   - end' undefined (the leader knows no epoch <= E): truncate to the high watermark (done);
//   - E' undefined but end' valid (OffsetForLeaderEpoch v0): truncate to min(end', LEO) (done);
//   - the follower's largest epoch <= E' is F with end offset endF:
//       F != E' (the follower never had E'): truncate to min(endF, LEO) and ask again with the new latest epoch;
//       F == E': truncate to min(end', endF, LEO) (done);
//   - the follower has no epoch to compare: truncate to min(end', LEO) (done).
// Pure decisions over a FollowerLog so they are unit-tested without processes.
// Thread safety: stateless functions.
#pragma once

#include <optional>

#include "engine/replication/follower_log.h"

namespace partita::replication {

struct TruncationDecision {
  Offset offset{0};
  bool complete = true;  // false: ask OffsetForLeaderEpoch again with the (new) latest local epoch
  bool operator==(const TruncationDecision&) const = default;
};

// The epoch to ask the leader about, or nullopt when the follower has no epochs: it then truncates to its high
// watermark without asking (Kafka's truncateToHighWatermark for partitions without epochs).
std::optional<int32_t> EpochToAsk(const FollowerLog& log);

// Where to truncate given the leader's answer to OffsetForLeaderEpoch.
TruncationDecision DecideTruncation(const FollowerLog& log, const EpochEndOffset& leader_answer);

// Applies a decision (truncation at the log end still drops empty epochs from the cache).
Status ApplyTruncation(FollowerLog& log, const TruncationDecision& decision);

}  // namespace partita::replication
