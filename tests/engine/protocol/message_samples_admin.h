// Test samples for the admin / replication APIs (OffsetForLeaderEpoch, InitProducerId, AlterConfigs,
// IncrementalAlterConfigs, DescribeLogDirs, DescribeCluster, ElectLeaders, Alter/ListPartitionReassignments):
// non-default values in every field the given version carries; fields the version lacks keep their defaults
// so that a decoded copy compares equal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/incremental_alter_configs.h"
#include "engine/protocol/messages/init_producer_id.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"
#include "engine/protocol/messages/partition_reassignments.h"

namespace partita::protocol::testing {

inline OffsetForLeaderEpochRequest SampleOffsetForLeaderEpochRequest(int16_t v) {
  OffsetForLeaderEpochRequest m;
  if (v >= 3) m.replica_id = 3;
  OffsetForLeaderEpochRequest::Partition p;
  p.partition = 2;
  if (v >= 2) p.current_leader_epoch = 9;
  p.leader_epoch = 7;
  m.topics.push_back({"orders", {p, {5, v >= 2 ? 1 : -1, 0}}});
  m.topics.push_back({"empty", {}});
  return m;
}

inline OffsetForLeaderEpochResponse SampleOffsetForLeaderEpochResponse(int16_t v) {
  OffsetForLeaderEpochResponse m;
  if (v >= 2) m.throttle_time_ms = 11;
  OffsetForLeaderEpochResponse::Partition p;
  p.error_code = 74;
  p.partition = 2;
  if (v >= 1) p.leader_epoch = 7;
  p.end_offset = 123456789012LL;
  m.topics.push_back({"orders", {p, {0, 5, v >= 1 ? 1 : -1, 42}}});
  return m;
}

inline InitProducerIdRequest SampleInitProducerIdRequest(int16_t v) {
  InitProducerIdRequest m;
  m.transactional_id = "txn-\xc3\xa9";
  m.transaction_timeout_ms = 60000;
  if (v >= 3) {
    m.producer_id = 4000000000LL;
    m.producer_epoch = 12;
  }
  return m;
}

inline InitProducerIdResponse SampleInitProducerIdResponse(int16_t) {
  InitProducerIdResponse m;
  m.throttle_time_ms = 3;
  m.error_code = 47;
  m.producer_id = 4000000001LL;
  m.producer_epoch = 13;
  return m;
}

inline AlterConfigsRequest SampleAlterConfigsRequest(int16_t) {
  AlterConfigsRequest m;
  m.resources.push_back({2, "orders", {{"retention.ms", "1000"}, {"cleanup.policy", std::nullopt}}});
  m.resources.push_back({4, "1", {}});
  m.validate_only = true;
  return m;
}

inline AlterConfigsResponse SampleAlterConfigsResponse(int16_t) {
  AlterConfigsResponse m;
  m.throttle_time_ms = 4;
  m.responses.push_back({40, "Invalid value", 2, "orders"});
  m.responses.push_back({0, std::nullopt, 4, "1"});
  return m;
}

inline IncrementalAlterConfigsRequest SampleIncrementalAlterConfigsRequest(int16_t) {
  IncrementalAlterConfigsRequest m;
  m.resources.push_back({2, "orders", {{"retention.ms", 0, "1000"}, {"cleanup.policy", 1, std::nullopt}}});
  m.resources.push_back({8, "1", {{"kafka.log", 2, "DEBUG"}}});
  m.validate_only = true;
  return m;
}

inline IncrementalAlterConfigsResponse SampleIncrementalAlterConfigsResponse(int16_t) {
  IncrementalAlterConfigsResponse m;
  m.throttle_time_ms = 5;
  m.responses.push_back({40, "Invalid value", 2, "orders"});
  m.responses.push_back({0, std::nullopt, 8, "1"});
  return m;
}

inline DescribeLogDirsRequest SampleDescribeLogDirsRequest(int16_t) {
  DescribeLogDirsRequest m;
  m.topics = std::vector<DescribeLogDirsRequest::Topic>{{"orders", {0, 1, 2}}, {"empty", {}}};
  return m;
}

inline DescribeLogDirsResponse SampleDescribeLogDirsResponse(int16_t v) {
  DescribeLogDirsResponse m;
  m.throttle_time_ms = 6;
  if (v >= 3) m.error_code = 31;
  DescribeLogDirsResponse::Result res;
  res.error_code = 0;
  res.log_dir = "/var/lib/partita/data";
  res.topics.push_back({"orders", {{0, 1048576, 0, false}, {1, 2048, 17, true}}});
  if (v >= 4) {
    res.total_bytes = 500000000000LL;
    res.usable_bytes = 250000000000LL;
  }
  m.results.push_back(res);
  DescribeLogDirsResponse::Result bad;
  bad.error_code = 57;
  bad.log_dir = "/broken";
  m.results.push_back(bad);
  return m;
}

inline DescribeClusterRequest SampleDescribeClusterRequest(int16_t v) {
  DescribeClusterRequest m;
  m.include_cluster_authorized_operations = true;
  if (v >= 1) m.endpoint_type = 2;
  return m;
}

inline DescribeClusterResponse SampleDescribeClusterResponse(int16_t v) {
  DescribeClusterResponse m;
  m.throttle_time_ms = 7;
  m.error_code = 0;
  m.error_message = "ok";
  if (v >= 1) m.endpoint_type = 2;
  m.cluster_id = "cluster-xyz";
  m.controller_id = 2;
  m.brokers.push_back({1, "broker-a.local", 9092, "rack-1"});
  m.brokers.push_back({2, "broker-b.local", 9093, std::nullopt});
  m.cluster_authorized_operations = 0x0e;
  return m;
}

inline ElectLeadersRequest SampleElectLeadersRequest(int16_t v) {
  ElectLeadersRequest m;
  if (v >= 1) m.election_type = 1;
  m.topic_partitions = std::vector<ElectLeadersRequest::TopicPartitions>{{"orders", {0, 3}}, {"payments", {}}};
  m.timeout_ms = 30000;
  return m;
}

inline ElectLeadersResponse SampleElectLeadersResponse(int16_t v) {
  ElectLeadersResponse m;
  m.throttle_time_ms = 8;
  if (v >= 1) m.error_code = 41;
  m.replica_election_results.push_back({"orders", {{0, 84, "not needed"}, {3, 0, std::nullopt}}});
  return m;
}

inline AlterPartitionReassignmentsRequest SampleAlterPartitionReassignmentsRequest(int16_t) {
  AlterPartitionReassignmentsRequest m;
  m.timeout_ms = 45000;
  m.topics.push_back({"orders", {{0, std::vector<int32_t>{1, 2, 3}}, {1, std::nullopt}, {2, std::vector<int32_t>{}}}});
  return m;
}

inline AlterPartitionReassignmentsResponse SampleAlterPartitionReassignmentsResponse(int16_t) {
  AlterPartitionReassignmentsResponse m;
  m.throttle_time_ms = 9;
  m.error_code = 0;
  m.error_message = "partial";
  m.responses.push_back({"orders", {{0, 0, std::nullopt}, {1, 85, "no reassignment in progress"}}});
  return m;
}

inline ListPartitionReassignmentsRequest SampleListPartitionReassignmentsRequest(int16_t) {
  ListPartitionReassignmentsRequest m;
  m.timeout_ms = 12000;
  m.topics = std::vector<ListPartitionReassignmentsRequest::Topic>{{"orders", {0, 1}}, {"payments", {}}};
  return m;
}

inline ListPartitionReassignmentsResponse SampleListPartitionReassignmentsResponse(int16_t) {
  ListPartitionReassignmentsResponse m;
  m.throttle_time_ms = 10;
  m.error_code = 0;
  m.error_message = "fine";
  m.topics.push_back({"orders", {{0, {1, 2, 3, 4}, {4}, {1}}, {5, {2}, {}, {}}}});
  return m;
}

}  // namespace partita::protocol::testing
