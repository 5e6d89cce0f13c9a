// Kafka's ZooKeeper paths (ZK mode), kept identical so that anyone who knows Kafka can read our znodes and
// Kafka's own tools (zookeeper-shell, kafka-topics --zookeeper of old) find what they expect.
// Pure functions and constants; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace partita::coordination::zkpaths {

inline constexpr std::string_view kBrokers = "/brokers";
inline constexpr std::string_view kBrokerIds = "/brokers/ids";
inline constexpr std::string_view kBrokerTopics = "/brokers/topics";
inline constexpr std::string_view kBrokerSeqId = "/brokers/seqid";
inline constexpr std::string_view kController = "/controller";
inline constexpr std::string_view kControllerEpoch = "/controller_epoch";
inline constexpr std::string_view kConfig = "/config";
inline constexpr std::string_view kConfigChanges = "/config/changes";
inline constexpr std::string_view kConfigTopics = "/config/topics";
inline constexpr std::string_view kConfigBrokers = "/config/brokers";
inline constexpr std::string_view kConfigClients = "/config/clients";
inline constexpr std::string_view kConfigUsers = "/config/users";
inline constexpr std::string_view kConfigIps = "/config/ips";
inline constexpr std::string_view kAdmin = "/admin";
inline constexpr std::string_view kAdminDeleteTopics = "/admin/delete_topics";
inline constexpr std::string_view kReassignPartitions = "/admin/reassign_partitions";
inline constexpr std::string_view kPreferredReplicaElection = "/admin/preferred_replica_election";
inline constexpr std::string_view kIsrChangeNotification = "/isr_change_notification";
inline constexpr std::string_view kLogDirEventNotification = "/log_dir_event_notification";
inline constexpr std::string_view kLatestProducerIdBlock = "/latest_producer_id_block";
inline constexpr std::string_view kConsumers = "/consumers";
inline constexpr std::string_view kCluster = "/cluster";
inline constexpr std::string_view kClusterId = "/cluster/id";

// The persistent paths every Kafka broker creates at startup (Kafka's ZkData.PersistentZkPaths).
inline constexpr std::array<std::string_view, 14> kPersistentPaths = {
    kConsumers,        kBrokerIds,        kBrokerTopics,    kConfigChanges,          kAdminDeleteTopics,
    kBrokerSeqId,      kIsrChangeNotification, kLatestProducerIdBlock, kLogDirEventNotification,
    kConfigTopics,     kConfigClients,    kConfigUsers,     kConfigBrokers,          kConfigIps};

// Prefix of the sequential nodes under /config/changes.
inline constexpr std::string_view kConfigChangePrefix = "/config/changes/config_change_";

inline std::string BrokerIdPath(int32_t id) { return std::string(kBrokerIds) + "/" + std::to_string(id); }
inline std::string TopicPath(std::string_view topic) { return std::string(kBrokerTopics) + "/" + std::string(topic); }
inline std::string TopicPartitionsPath(std::string_view topic) { return TopicPath(topic) + "/partitions"; }
inline std::string PartitionPath(std::string_view topic, int32_t partition) {
  return TopicPartitionsPath(topic) + "/" + std::to_string(partition);
}
inline std::string PartitionStatePath(std::string_view topic, int32_t partition) {
  return PartitionPath(topic, partition) + "/state";
}
inline std::string TopicConfigPath(std::string_view topic) {
  return std::string(kConfigTopics) + "/" + std::string(topic);
}
inline std::string DeleteTopicPath(std::string_view topic) {
  return std::string(kAdminDeleteTopics) + "/" + std::string(topic);
}

}  // namespace partita::coordination::zkpaths
