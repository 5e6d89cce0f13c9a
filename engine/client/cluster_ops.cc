// ClusterClient cluster operations: leader elections, partition reassignments, log dirs, and config changes.
// Placeholder until the message structs land in engine/protocol/messages (merged from main).
#include "engine/client/cluster_client.h"

namespace partita::client {

Status ClusterClient::IncrementalAlterConfigs(const ConfigResource&, const std::vector<ConfigOp>&, bool) {
  return Status::Unsupported("IncrementalAlterConfigs is not implemented yet");
}
Status ClusterClient::AlterConfigs(const ConfigResource&, const std::vector<std::pair<std::string, std::string>>&,
                                   bool) {
  return Status::Unsupported("AlterConfigs is not implemented yet");
}
Result<std::vector<ElectionResult>> ClusterClient::ElectLeaders(ElectionType,
                                                                const std::optional<std::vector<TopicPartition>>&) {
  return Status::Unsupported("ElectLeaders is not implemented yet");
}
Result<std::vector<ItemStatus>> ClusterClient::AlterPartitionReassignments(const std::vector<Reassignment>&) {
  return Status::Unsupported("AlterPartitionReassignments is not implemented yet");
}
Result<std::vector<OngoingReassignment>> ClusterClient::ListPartitionReassignments(
    const std::optional<std::vector<TopicPartition>>&) {
  return Status::Unsupported("ListPartitionReassignments is not implemented yet");
}
Result<std::vector<LogDirInfo>> ClusterClient::DescribeLogDirs(int32_t) {
  return Status::Unsupported("DescribeLogDirs is not implemented yet");
}

}  // namespace partita::client
