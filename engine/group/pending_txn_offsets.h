// PendingTxnOffsets: transactional offset commits (TxnOffsetCommit, KIP-98) of one __consumer_offsets partition
// that wait for their transaction's marker. They are written to the log at once (in the producer's
// transactional batch) but become visible only when the COMMIT marker lands on this partition; an ABORT drops
// them — Kafka's GroupMetadata.pendingTransactionalOffsetCommits. Later commits of the same producer for the same
// group and partition replace earlier ones.
// Thread safety: thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "engine/group/group_types.h"

namespace partita::group {

struct PendingTxnOffset {
  std::string group_id;
  OffsetCommitRecord record;
};

class PendingTxnOffsets {
 public:
  void Add(int64_t producer_id, const std::string& group_id, const std::vector<OffsetCommitRecord>& records);
  // Removes and returns the producer's pending offsets (to apply on COMMIT, to drop on ABORT).
  std::vector<PendingTxnOffset> Take(int64_t producer_id);
  // Whether any producer's open transaction holds an offset of `group_id` for `tp` (KIP-447's unstable offset).
  bool HasPending(const std::string& group_id, const TopicPartitionKey& tp) const;
  size_t ProducerCount() const;

 private:
  mutable std::mutex mu_;
  // producer id -> (group, topic, partition) -> offset
  std::map<int64_t, std::map<std::pair<std::string, TopicPartitionKey>, CommittedOffset>> pending_;
};

}  // namespace partita::group
