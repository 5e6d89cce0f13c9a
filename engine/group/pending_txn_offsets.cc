#include "engine/group/pending_txn_offsets.h"

namespace partita::group {

void PendingTxnOffsets::Add(int64_t producer_id, const std::string& group_id,
                            const std::vector<OffsetCommitRecord>& records) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = pending_[producer_id];
  for (const auto& r : records) slot[{group_id, TopicPartitionKey{r.topic, r.partition}}] = r.value;
}

std::vector<PendingTxnOffset> PendingTxnOffsets::Take(int64_t producer_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<PendingTxnOffset> out;
  auto it = pending_.find(producer_id);
  if (it == pending_.end()) return out;
  for (const auto& [key, value] : it->second) {
    out.push_back({key.first, OffsetCommitRecord{key.second.topic, key.second.partition, value}});
  }
  pending_.erase(it);
  return out;
}

bool PendingTxnOffsets::HasPending(const std::string& group_id, const TopicPartitionKey& tp) const {
  std::lock_guard<std::mutex> lock(mu_);
  const std::pair<std::string, TopicPartitionKey> key{group_id, tp};
  for (const auto& [producer, offsets] : pending_)
    if (offsets.count(key)) return true;
  return false;
}

size_t PendingTxnOffsets::ProducerCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_.size();
}

}  // namespace partita::group
