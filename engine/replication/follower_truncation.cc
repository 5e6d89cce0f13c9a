#include "engine/replication/follower_truncation.h"

#include <algorithm>

namespace partita::replication {

std::optional<int32_t> EpochToAsk(const FollowerLog& log) { return log.LatestEpoch(); }

TruncationDecision DecideTruncation(const FollowerLog& log, const EpochEndOffset& leader_answer) {
  const int64_t leo = log.LogEndOffset().value;
  if (leader_answer.end_offset == kUndefinedEpochOffset) {
    // The leader has no epoch at or below ours (e.g. ours predates its log start): fall back to the high
    // watermark, which every in-sync replica had, as Kafka does.
    return {Offset(std::min(log.HighWatermark().value, leo)), true};
  }
  if (leader_answer.epoch == kUndefinedEpoch) {
    // OffsetForLeaderEpoch v0 answers an offset only.
    return {Offset(std::min(leader_answer.end_offset, leo)), true};
  }
  const auto own = log.EndOffsetForEpoch(leader_answer.epoch);
  if (!own) {
    // We track no epoch at or below the leader's (epochs not recorded back then): its offset is all we have.
    return {Offset(std::min(leader_answer.end_offset, leo)), true};
  }
  if (own->epoch != leader_answer.epoch) {
    // KIP-279: we never had the epoch the leader answered, so everything after our last epoch below it is
    // suspect. Truncate to where that epoch ends for us and ask again with it.
    return {Offset(std::min(own->end_offset, leo)), false};
  }
  // Same epoch on both sides: the logs agree up to where the shorter of the two ends it.
  return {Offset(std::min({leader_answer.end_offset, own->end_offset, leo})), true};
}

Status ApplyTruncation(FollowerLog& log, const TruncationDecision& decision) {
  // Also at the log end: an empty epoch of ours must leave the cache, or the next question repeats forever.
  return log.TruncateTo(std::min(decision.offset, log.LogEndOffset()));
}

}  // namespace partita::replication
