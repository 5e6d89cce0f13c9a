// The request types the broker decodes, listed once for the request fuzz target and the seed writer.
// ForEachRequestType(fn) calls fn(T{}) for every request struct T (each has kApiKey, kMinVersion,
// kMaxVersion, kFirstFlexibleVersion, Decode and Encode). A new request type is added here.
#pragma once

#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/delete_records.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/incremental_alter_configs.h"
#include "engine/protocol/messages/init_producer_id.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"
#include "engine/protocol/messages/partition_reassignments.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/messages/sync_group.h"

namespace partita::protocol::fuzzing {

template <typename Fn>
void ForEachRequestType(Fn&& fn) {
  fn(AlterConfigsRequest{});
  fn(ApiVersionsRequest{});
  fn(CreatePartitionsRequest{});
  fn(CreateTopicsRequest{});
  fn(DeleteGroupsRequest{});
  fn(DeleteRecordsRequest{});
  fn(DeleteTopicsRequest{});
  fn(DescribeClusterRequest{});
  fn(DescribeConfigsRequest{});
  fn(DescribeGroupsRequest{});
  fn(DescribeLogDirsRequest{});
  fn(ElectLeadersRequest{});
  fn(FetchRequest{});
  fn(FindCoordinatorRequest{});
  fn(HeartbeatRequest{});
  fn(IncrementalAlterConfigsRequest{});
  fn(InitProducerIdRequest{});
  fn(JoinGroupRequest{});
  fn(LeaveGroupRequest{});
  fn(ListGroupsRequest{});
  fn(ListOffsetsRequest{});
  fn(MetadataRequest{});
  fn(OffsetCommitRequest{});
  fn(OffsetDeleteRequest{});
  fn(OffsetFetchRequest{});
  fn(OffsetForLeaderEpochRequest{});
  fn(AlterPartitionReassignmentsRequest{});
  fn(ListPartitionReassignmentsRequest{});
  fn(ProduceRequest{});
  fn(SyncGroupRequest{});
}

}  // namespace partita::protocol::fuzzing
