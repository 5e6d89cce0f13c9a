// Kafka's replica placement for new topics and partitions (AdminUtils in ZK mode). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::coordination {

using ReplicaAssignment = std::map<int32_t, std::vector<int32_t>>;  // partition -> replicas (preferred first)

// Kafka's rack-unaware assignment (assignReplicasToBrokersRackUnaware): partition p's first replica is
// brokers[(p + start) % n]; followers are shifted by a per-round offset so that leaders AND followers spread.
// brokers must be sorted; start_index and replica_shift are random in [0, n) in production, fixed in tests.
ReplicaAssignment AssignReplicas(const std::vector<int32_t>& brokers, int32_t num_partitions,
                                 int32_t replication_factor, int32_t start_index, int32_t replica_shift,
                                 int32_t first_partition = 0);

// Kafka's rack-aware assignment (assignReplicasToBrokersRackAware): brokers are arranged alternating between
// racks (racks sorted, brokers sorted within a rack); each partition's replicas go to distinct racks first, and
// only when every rack holds one does a rack get a second replica. broker_racks: broker id -> rack.
ReplicaAssignment AssignReplicasRackAware(const std::map<int32_t, std::string>& broker_racks,
                                          int32_t num_partitions, int32_t replication_factor, int32_t start_index,
                                          int32_t replica_shift, int32_t first_partition = 0);

// Kafka's getRackAlternatedBrokerList: e.g. {0:a,1:a,2:b,3:c,4:c} -> [0,2,3,1,4].
std::vector<int32_t> RackAlternatedBrokers(const std::map<int32_t, std::string>& broker_racks);

// Chooses between the two like Kafka's RackAwareMode.Enforced: every broker has a rack -> rack-aware; none ->
// rack-unaware; some -> InvalidArgument. racks: broker id -> rack (nullopt: none), sorted by id.
Result<ReplicaAssignment> AssignReplicasEnforced(const std::map<int32_t, std::optional<std::string>>& racks,
                                                 int32_t num_partitions, int32_t replication_factor,
                                                 int32_t start_index, int32_t replica_shift,
                                                 int32_t first_partition = 0);

}  // namespace partita::coordination
