// UpdateIsr: how a partition leader changes its ISR in ZK mode (Kafka 2.x's Partition.updateIsr before KIP-497).
//
// One atomic multi: the partition state znode is written conditionally on the zkVersion the leader last saw
// (a controller election or another write in between makes it fail with IsBadVersion(); the leader then re-reads
// the state and, if it is still leader with the same leader_epoch, retries), plus a persistent sequential
// /isr_change_notification/isr_change_N {"version":1,"partitions":[{"topic":"t","partition":0}]} that tells the
// active controller to reload that partition's state (and, e.g., finish a reassignment waiting for the ISR).
// The leader must keep leader and leader_epoch as read; only the ISR changes.
// Fencing (KIP-380): Kafka's AlterPartition carries the broker epoch; here the zkVersion condition does that job.
// Every controller decision (a bounced broker's failover included) rewrites the state and so changes the
// zkVersion, and a restarted broker never leads from a state older than its registration (MayLeadFrom), so no
// earlier incarnation holds a zkVersion that is still current. The notification only makes the controller re-read.
// Thread safety: any thread except a ZooKeeper watch callback (blocking call).
#pragma once

#include <cstdint>
#include <string>

#include "engine/common/status.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

// On success *new_zk_version (optional) receives the state node's new zkVersion for the leader's next write.
Status UpdateIsr(ZkClient* zk, const std::string& topic, int32_t partition, const PartitionState& new_state,
                 int32_t expected_zk_version, int32_t* new_zk_version = nullptr);

}  // namespace partita::coordination
