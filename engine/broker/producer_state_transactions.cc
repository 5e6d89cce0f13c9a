#include "engine/broker/producer_state_transactions.h"

#include <algorithm>

namespace partita::broker {

void OpenTransactions::Begin(int64_t producer_id, int64_t first_offset) {
  std::lock_guard lock(mu_);
  if (!first_offset_by_producer_.try_emplace(producer_id, first_offset).second) return;
  ongoing_by_first_offset_[first_offset] = producer_id;
}

bool OpenTransactions::Complete(int64_t producer_id, int64_t last_offset, bool aborted, CompletedTxn* txn) {
  std::lock_guard lock(mu_);
  auto it = first_offset_by_producer_.find(producer_id);
  if (it == first_offset_by_producer_.end()) return false;
  const int64_t first = it->second;
  first_offset_by_producer_.erase(it);
  ongoing_by_first_offset_.erase(first);
  unreplicated_[first] = last_offset;
  txn->producer_id = producer_id;
  txn->first_offset = first;
  txn->last_offset = last_offset;
  txn->aborted = aborted;
  // Kafka's ProducerStateManager.lastStableOffset(completedTxn): the next incomplete transaction of another
  // producer, else the offset after the marker.
  txn->last_stable_offset = ongoing_by_first_offset_.empty() ? last_offset + 1 : ongoing_by_first_offset_.begin()->first;
  return true;
}

void OpenTransactions::OnHighWatermark(int64_t high_watermark) {
  std::lock_guard lock(mu_);
  std::erase_if(unreplicated_, [&](const auto& kv) { return kv.second < high_watermark; });
}

int64_t OpenTransactions::LastStableOffset(int64_t high_watermark) const {
  std::lock_guard lock(mu_);
  int64_t lso = high_watermark;
  if (!ongoing_by_first_offset_.empty()) lso = std::min(lso, ongoing_by_first_offset_.begin()->first);
  for (const auto& [first, marker] : unreplicated_) {
    if (first >= lso) break;  // ordered by first offset
    if (marker >= high_watermark) {
      lso = first;
      break;
    }
  }
  return lso;
}

std::vector<OngoingTxn> OpenTransactions::Ongoing() const {
  std::lock_guard lock(mu_);
  std::vector<OngoingTxn> out;
  out.reserve(ongoing_by_first_offset_.size());
  for (const auto& [first, pid] : ongoing_by_first_offset_) out.push_back({pid, first});
  return out;
}

void OpenTransactions::Clear() {
  std::lock_guard lock(mu_);
  first_offset_by_producer_.clear();
  ongoing_by_first_offset_.clear();
  unreplicated_.clear();
}

}  // namespace partita::broker
