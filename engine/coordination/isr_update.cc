#include "engine/coordination/isr_update.h"

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
std::vector<Status> UpdateIsrs(ZkClient* zk, const std::vector<IsrUpdate>& updates,
                               std::vector<int32_t>* new_zk_versions) {
  std::vector<Status> out(updates.size());
  if (new_zk_versions) new_zk_versions->assign(updates.size(), -1);
  std::vector<size_t> pending;
  for (size_t i = 0; i < updates.size(); ++i) {
    if (updates[i].new_state.isr.empty()) {
      out[i] = Status::InvalidArgument("an ISR cannot be empty");
    } else {
      pending.push_back(i);
    }
  }
  bool parents_ensured = false;
  for (int round = 0; round < 3 && !pending.empty(); ++round) {
    std::vector<StateWrite> writes;
    for (size_t i : pending) {
      writes.push_back(StateWrite{updates[i].tp, updates[i].new_state, updates[i].expected_zk_version});
    }
    std::vector<std::pair<size_t, size_t>> where;
    std::vector<std::vector<ZkOp>> batches = StateWriteBatches(writes, &where);
    std::vector<std::vector<TopicPartition>> listed(batches.size());
    for (size_t k = 0; k < writes.size(); ++k) listed[where[k].first].push_back(writes[k].tp);
    for (size_t b = 0; b < batches.size(); ++b) {
      batches[b].push_back(
          ZkOp::Create(std::string(kIsrChangePrefix), EncodePartitionList(listed[b]), CreateMode::kPersistentSequential));
    }
    std::vector<std::vector<ZkOpResult>> results;
    const std::vector<Status> statuses = zk->MultiPipelined(batches, &results);
    std::vector<size_t> again;
    bool missing_parent = false;
    for (size_t k = 0; k < writes.size(); ++k) {
      const size_t i = pending[k];
      const auto [b, op] = where[k];
      if (statuses[b].ok()) {
        out[i] = Status::Ok();
        if (new_zk_versions) (*new_zk_versions)[i] = results[b][op].stat.version;
        continue;
      }
      const Status& own = results[b][op].status;
      out[i] = own.ok() ? statuses[b] : own;
      // The notification parents are missing only on a fresh ensemble nobody set up.
      const bool notification_missing =
          results[b].size() >= 2 && (results[b][results[b].size() - 1].status.IsNotFound() ||
                                      results[b][results[b].size() - 2].status.IsNotFound());
      if (notification_missing && !parents_ensured) missing_parent = true;
      if (IsRolledBack(own) || (notification_missing && !parents_ensured)) again.push_back(i);
    }
    if (missing_parent) {
      parents_ensured = true;
      if (Status s = zk->EnsurePath(std::string(zkpaths::kIsrChangeNotification)); !s.ok()) return out;
      if (Status s = zk->EnsurePath(std::string(kStateChangesPath)); !s.ok()) return out;
    }
    pending = std::move(again);
  }
  return out;
}

Status UpdateIsr(ZkClient* zk, const std::string& topic, int32_t partition, const PartitionState& new_state,
                 int32_t expected_zk_version, int32_t* new_zk_version) {
  std::vector<int32_t> versions;
  const std::vector<Status> st =
      UpdateIsrs(zk, {IsrUpdate{TopicPartition{topic, PartitionId(partition)}, new_state, expected_zk_version}}, &versions);
  if (st.front().ok() && new_zk_version) *new_zk_version = versions.front();
  return st.front();
}

}  // namespace partita::coordination
