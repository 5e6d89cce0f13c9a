// Creating a topic from any broker or tool in ZK mode (Kafka's AdminZkClient.createTopicWithAssignment): write
// /config/topics/T and /brokers/topics/T (a v3 node with a topic id) in one multi; the active controller sees the
// new child of /brokers/topics, writes the partition states and elects the leaders. A broker that is not the
// controller creates auto-created topics and __consumer_offsets this way (Kafka's AutoTopicCreationManager in ZK
// mode); the controller itself writes everything in its own fenced writes instead.
// Pure functions plus one blocking ZooKeeper write; thread-safe except from a ZooKeeper watch callback.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "engine/common/status.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/replica_assignment.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

// Kafka's automatic placement with a random start and shift (AdminUtils.assignReplicasToBrokers): racks are the
// live brokers' broker.rack (nullopt: none). InvalidArgument when the replication factor exceeds the brokers.
Result<ReplicaAssignment> AssignNewTopic(const std::map<int32_t, std::optional<std::string>>& racks,
                                         int32_t num_partitions, int32_t replication_factor);

// Writes the topic's config and assignment znodes. AlreadyExists when the topic exists (or is being created).
Status WriteTopicZnodes(ZkClient* zk, const std::string& topic, const ReplicaAssignment& assignment,
                        const TopicConfig& config);

}  // namespace partita::coordination
