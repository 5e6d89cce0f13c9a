// Test helper: runs the follower side of KIP-101/279 truncation to completion against a leader's
// OffsetForLeaderEpoch answers, as ReplicaFetcher does over its rounds (one question per round, asking again
// while a decision is not complete).
#pragma once

#include <functional>

#include "engine/replication/follower_truncation.h"

namespace partita::replication::testing {

using LeaderAnswers = std::function<EpochEndOffset(int32_t requested_epoch)>;
using TruncationRule = std::function<TruncationDecision(const FollowerLog&, const EpochEndOffset&)>;

// Partita's rule before KIP-279 was followed exactly: min(leader's end offset, own log end), ignoring the epoch
// the leader answered. Kept here only to show that the scenario tests catch it.
inline TruncationDecision PreKip279Rule(const FollowerLog& log, const EpochEndOffset& answer) {
  if (answer.end_offset < 0) return {Offset(std::min(log.HighWatermark().value, log.LogEndOffset().value)), true};
  return {Offset(std::min(answer.end_offset, log.LogEndOffset().value)), true};
}

struct TruncationRun {
  int questions = 0;       // OffsetForLeaderEpoch round trips
  bool converged = false;  // false: still not complete after max_questions (a loop)
};

inline TruncationRun TruncateAgainstLeader(FollowerLog& log, const LeaderAnswers& leader,
                                           const TruncationRule& rule = DecideTruncation, int max_questions = 20) {
  TruncationRun run;
  while (run.questions < max_questions) {
    const auto epoch = EpochToAsk(log);
    if (!epoch) {
      if (!ApplyTruncation(log, {log.HighWatermark(), true}).ok()) return run;
      run.converged = true;
      return run;
    }
    ++run.questions;
    const TruncationDecision decision = rule(log, leader(*epoch));
    if (!ApplyTruncation(log, decision).ok()) return run;
    if (decision.complete) {
      run.converged = true;
      return run;
    }
  }
  return run;
}

}  // namespace partita::replication::testing
