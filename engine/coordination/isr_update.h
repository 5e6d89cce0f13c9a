// UpdateIsr: how partition leaders change their ISR in ZK mode (Kafka 2.x's Partition.updateIsr before KIP-497),
// batched as Kafka's ReplicaManager batches ISR changes (one propagation round for many partitions).
//
// Every partition state znode is written conditionally on the zkVersion its leader last saw (a controller
// election or another write in between makes that write fail with IsBadVersion(); the leader then waits for the
// new state and, if it is still leader with the same leader_epoch, proposes again). Up to kStatesPerMulti
// partitions go into one multi, together with ONE persistent sequential /isr_change_notification/isr_change_N
// {"version":1,"partitions":[{"topic":"t","partition":0}, ...]} that tells the active controller to reload those
// states (and, e.g., finish a reassignment waiting for the ISR), and ONE state-change notification carrying the
// new states to every broker (state_changes.h). The multis of one call are pipelined. A multi fails as a whole
// when one of its writes lost its race: the others were only rolled back and are sent again in the next round.
// The leader must keep leader and leader_epoch as read; only the ISR changes.
// Fencing (KIP-380): Kafka's AlterPartition carries the broker epoch; here the zkVersion condition does that job.
// Every controller decision (a bounced broker's failover included) rewrites the state and so changes the
// zkVersion, and a restarted broker never leads from a state older than its registration (MayLeadFrom), so no
// earlier incarnation holds a zkVersion that is still current. The notifications only make readers re-read.
// Thread safety: any thread except a ZooKeeper watch callback (blocking call).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

struct IsrUpdate {
  TopicPartition tp;
  PartitionState new_state;
  int32_t expected_zk_version = -1;
};

// One Status per update; (*new_zk_versions)[i] is the state node's new zkVersion after a successful write.
std::vector<Status> UpdateIsrs(ZkClient* zk, const std::vector<IsrUpdate>& updates,
                               std::vector<int32_t>* new_zk_versions = nullptr);

// One partition. On success *new_zk_version (optional) receives the state node's new zkVersion.
Status UpdateIsr(ZkClient* zk, const std::string& topic, int32_t partition, const PartitionState& new_state,
                 int32_t expected_zk_version, int32_t* new_zk_version = nullptr);

}  // namespace partita::coordination
