// Test samples for the consumer-group APIs (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit, OffsetFetch, DescribeGroups, ListGroups, DeleteGroups, OffsetDelete): non-default values in
// every field the given version carries; fields the version lacks keep their defaults so that a decoded copy
// compares equal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"
#include "engine/protocol/messages/sync_group.h"

namespace partita::protocol::testing {

inline std::vector<uint8_t> SampleGroupBytes(uint8_t seed, size_t n) {
  std::vector<uint8_t> b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed + i * 13);
  return b;
}

inline FindCoordinatorRequest SampleFindCoordinatorRequest(int16_t v) {
  FindCoordinatorRequest m;
  if (v < 4) m.key = "group-\xc3\xa9";
  if (v >= 1) m.key_type = 1;
  if (v >= 4) m.coordinator_keys = {"group-a", "group-b"};
  return m;
}

inline FindCoordinatorResponse SampleFindCoordinatorResponse(int16_t v) {
  FindCoordinatorResponse m;
  if (v >= 1) m.throttle_time_ms = 13;
  if (v < 4) {
    m.error_code = 15;
    if (v >= 1) m.error_message = "coordinator loading";
    m.node_id = 2;
    m.host = "broker-b.local";
    m.port = 9093;
  } else {
    m.coordinators.push_back({"group-a", 2, "broker-b.local", 9093, 0, std::nullopt});
    m.coordinators.push_back({"group-b", -1, "", -1, 15, "coordinator loading"});
  }
  return m;
}

inline JoinGroupRequest SampleJoinGroupRequest(int16_t v) {
  JoinGroupRequest m;
  m.group_id = "group-a";
  m.session_timeout_ms = 45000;
  if (v >= 1) m.rebalance_timeout_ms = 300000;
  m.member_id = "consumer-1-6b1c";
  if (v >= 5) m.group_instance_id = "instance-1";
  m.protocol_type = "consumer";
  m.protocols.push_back({"range", SampleGroupBytes(1, 40)});
  m.protocols.push_back({"roundrobin", {}});
  m.protocols.push_back({"cooperative-sticky", SampleGroupBytes(0xf0, 300)});
  if (v >= 8) m.reason = "rebalance failed due to MemberIdRequiredException";
  return m;
}

inline JoinGroupResponse SampleJoinGroupResponse(int16_t v) {
  JoinGroupResponse m;
  if (v >= 2) m.throttle_time_ms = 14;
  m.error_code = 79;
  m.generation_id = 5;
  if (v >= 7) m.protocol_type = "consumer";
  m.protocol_name = "range";
  m.leader = "consumer-1-6b1c";
  if (v >= 9) m.skip_assignment = true;
  m.member_id = "consumer-2-aa01";
  JoinGroupResponse::Member a{"consumer-1-6b1c", std::nullopt, SampleGroupBytes(2, 33)};
  if (v >= 5) a.group_instance_id = "instance-1";
  m.members.push_back(a);
  m.members.push_back({"consumer-2-aa01", std::nullopt, {}});
  return m;
}

inline SyncGroupRequest SampleSyncGroupRequest(int16_t v) {
  SyncGroupRequest m;
  m.group_id = "group-a";
  m.generation_id = 5;
  m.member_id = "consumer-1-6b1c";
  if (v >= 3) m.group_instance_id = "instance-1";
  if (v >= 5) {
    m.protocol_type = "consumer";
    m.protocol_name = "range";
  }
  m.assignments.push_back({"consumer-1-6b1c", SampleGroupBytes(3, 50)});
  m.assignments.push_back({"consumer-2-aa01", {}});
  return m;
}

inline SyncGroupResponse SampleSyncGroupResponse(int16_t v) {
  SyncGroupResponse m;
  if (v >= 1) m.throttle_time_ms = 15;
  m.error_code = 27;
  if (v >= 5) {
    m.protocol_type = "consumer";
    m.protocol_name = "range";
  }
  m.assignment = SampleGroupBytes(4, 150);
  return m;
}

inline HeartbeatRequest SampleHeartbeatRequest(int16_t v) {
  HeartbeatRequest m;
  m.group_id = "group-a";
  m.generation_id = 5;
  m.member_id = "consumer-1-6b1c";
  if (v >= 3) m.group_instance_id = "instance-1";
  return m;
}

inline HeartbeatResponse SampleHeartbeatResponse(int16_t v) {
  HeartbeatResponse m;
  if (v >= 1) m.throttle_time_ms = 16;
  m.error_code = 27;
  return m;
}

inline LeaveGroupRequest SampleLeaveGroupRequest(int16_t v) {
  LeaveGroupRequest m;
  m.group_id = "group-a";
  if (v < 3) {
    m.member_id = "consumer-1-6b1c";
  } else {
    m.members = {{"consumer-1-6b1c", "instance-1"}, {"consumer-2-aa01", std::nullopt}};
    if (v >= 5) m.members[0].reason = "the consumer is being closed";
  }
  return m;
}

inline LeaveGroupResponse SampleLeaveGroupResponse(int16_t v) {
  LeaveGroupResponse m;
  if (v >= 1) m.throttle_time_ms = 17;
  m.error_code = 25;
  if (v >= 3) m.members = {{"consumer-1-6b1c", "instance-1", 0}, {"consumer-2-aa01", std::nullopt, 25}};
  return m;
}

inline OffsetCommitRequest SampleOffsetCommitRequest(int16_t v) {
  OffsetCommitRequest m;
  m.group_id = "group-a";
  if (v >= 1) {
    m.generation_id = 5;
    m.member_id = "consumer-1-6b1c";
  }
  if (v >= 7) m.group_instance_id = "instance-1";
  if (v >= 2 && v <= 4) m.retention_time_ms = 86400000;
  OffsetCommitRequest::Partition p;
  p.partition_index = 3;
  p.committed_offset = 9876543210LL;
  if (v >= 6) p.committed_leader_epoch = 4;
  if (v == 1) p.commit_timestamp = 1700000000000LL;
  p.committed_metadata = "meta";
  OffsetCommitRequest::Partition q;
  q.partition_index = 4;
  q.committed_offset = 0;
  m.topics.push_back({"orders", {p, q}});
  return m;
}

inline OffsetCommitResponse SampleOffsetCommitResponse(int16_t v) {
  OffsetCommitResponse m;
  if (v >= 3) m.throttle_time_ms = 18;
  m.topics.push_back({"orders", {{3, 0}, {4, 22}}});
  return m;
}

inline OffsetFetchRequest SampleOffsetFetchRequest(int16_t v) {
  OffsetFetchRequest m;
  std::vector<OffsetFetchRequest::Topic> topics = {{"orders", {0, 3}}, {"payments", {}}};
  if (v < 8) {
    m.group_id = "group-a";
    m.topics = topics;
  } else {
    m.groups.push_back({.group_id = "group-a", .topics = topics});
    m.groups.push_back({.group_id = "group-b", .topics = std::nullopt});
    if (v >= 9) {
      m.groups[0].member_id = "consumer-1-6b1c";
      m.groups[0].member_epoch = 12;
    }
  }
  if (v >= 7) m.require_stable = true;
  return m;
}

inline OffsetFetchResponse SampleOffsetFetchResponse(int16_t v) {
  OffsetFetchResponse m;
  if (v >= 3) m.throttle_time_ms = 19;
  OffsetFetchResponse::Partition p;
  p.partition_index = 3;
  p.committed_offset = 9876543210LL;
  if (v >= 5) p.committed_leader_epoch = 4;
  p.metadata = "meta";
  p.error_code = 0;
  OffsetFetchResponse::Partition q;
  q.partition_index = 4;
  q.error_code = 3;
  std::vector<OffsetFetchResponse::Topic> topics = {{"orders", {p, q}}};
  if (v < 8) {
    m.topics = topics;
    if (v >= 2) m.error_code = 14;
  } else {
    m.groups.push_back({"group-a", topics, 0});
    m.groups.push_back({"group-b", {}, 16});
  }
  return m;
}

inline DescribeGroupsRequest SampleDescribeGroupsRequest(int16_t v) {
  DescribeGroupsRequest m;
  m.groups = {"group-a", "group-b"};
  if (v >= 3) m.include_authorized_operations = true;
  return m;
}

inline DescribeGroupsResponse SampleDescribeGroupsResponse(int16_t v) {
  DescribeGroupsResponse m;
  if (v >= 1) m.throttle_time_ms = 20;
  DescribeGroupsResponse::Group g;
  g.error_code = 0;
  g.group_id = "group-a";
  g.group_state = "Stable";
  g.protocol_type = "consumer";
  g.protocol_data = "range";
  DescribeGroupsResponse::Member mem;
  mem.member_id = "consumer-1-6b1c";
  if (v >= 4) mem.group_instance_id = "instance-1";
  mem.client_id = "consumer-1";
  mem.client_host = "/127.0.0.1";
  mem.member_metadata = SampleGroupBytes(5, 30);
  mem.member_assignment = SampleGroupBytes(6, 20);
  g.members = {mem, {"consumer-2-aa01", std::nullopt, "c2", "/10.0.0.2", {}, {}}};
  if (v >= 3) g.authorized_operations = 0x7f;
  m.groups.push_back(g);
  DescribeGroupsResponse::Group dead;
  dead.error_code = 69;
  dead.group_id = "group-b";
  dead.group_state = "Dead";
  m.groups.push_back(dead);
  if (v >= 3) m.groups[1].authorized_operations = 0;
  return m;
}

inline ListGroupsRequest SampleListGroupsRequest(int16_t v) {
  ListGroupsRequest m;
  if (v >= 4) m.states_filter = {"Stable", "Empty"};
  if (v >= 5) m.types_filter = {"classic"};
  return m;
}

inline ListGroupsResponse SampleListGroupsResponse(int16_t v) {
  ListGroupsResponse m;
  if (v >= 1) m.throttle_time_ms = 21;
  m.error_code = 15;
  m.groups.push_back({"group-a", "consumer", v >= 4 ? "Stable" : ""});
  m.groups.push_back({"connect-group", "connect", v >= 4 ? "Empty" : ""});
  if (v >= 5) m.groups[0].group_type = "classic";
  return m;
}

inline DeleteGroupsRequest SampleDeleteGroupsRequest(int16_t) {
  DeleteGroupsRequest m;
  m.groups_names = {"group-a", "group-b"};
  return m;
}

inline DeleteGroupsResponse SampleDeleteGroupsResponse(int16_t) {
  DeleteGroupsResponse m;
  m.throttle_time_ms = 22;
  m.results = {{"group-a", 0}, {"group-b", 68}};
  return m;
}

inline OffsetDeleteRequest SampleOffsetDeleteRequest(int16_t) {
  OffsetDeleteRequest m;
  m.group_id = "group-a";
  m.topics = {{"orders", {0, 3}}, {"payments", {}}};
  return m;
}

inline OffsetDeleteResponse SampleOffsetDeleteResponse(int16_t) {
  OffsetDeleteResponse m;
  m.error_code = 0;
  m.throttle_time_ms = 23;
  m.topics.push_back({"orders", {{0, 0}, {3, 86}}});
  return m;
}

}  // namespace partita::protocol::testing
