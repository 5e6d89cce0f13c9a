#include "engine/coordination/isr_update.h"

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {

Status UpdateIsr(ZkClient* zk, const std::string& topic, int32_t partition, const PartitionState& new_state,
                 int32_t expected_zk_version, int32_t* new_zk_version) {
  if (new_state.isr.empty()) return Status::InvalidArgument("an ISR cannot be empty");
  const std::string notification =
      EncodePartitionList({TopicPartition{topic, PartitionId(partition)}});
  std::vector<ZkOpResult> results;
  Status s = zk->Multi({ZkOp::SetData(zkpaths::PartitionStatePath(topic, partition), EncodePartitionState(new_state),
                                      expected_zk_version),
                        ZkOp::Create(std::string(kIsrChangePrefix), notification, CreateMode::kPersistentSequential)},
                       &results);
  if (!s.ok()) {
    // The notification's parent is missing only on a fresh ensemble nobody set up: create it and try once more.
    auto parent = zk->Exists(std::string(zkpaths::kIsrChangeNotification));
    if (results.size() == 2 && results[1].status.IsNotFound() && parent.ok() && !parent->has_value()) {
      PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(zkpaths::kIsrChangeNotification)));
      return UpdateIsr(zk, topic, partition, new_state, expected_zk_version, new_zk_version);
    }
    return s;
  }
  if (new_zk_version) *new_zk_version = results[0].stat.version;
  return Status::Ok();
}

}  // namespace partita::coordination
