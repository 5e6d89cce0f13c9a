// The classic consumer-group protocol (KAFKA-FACTS.md §5), served by the GroupService's coordinators:
// FindCoordinator (key 10, v0-5; v4+ batched keys), JoinGroup (11, v0-7), SyncGroup (14, v0-5), Heartbeat (12,
// v0-4), LeaveGroup (13, v0-4). Each request for a group is routed to the coordinator of the group's
// __consumer_offsets partition on this broker; NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS /
// COORDINATOR_NOT_AVAILABLE send the client back to FindCoordinator. JoinGroup and SyncGroup answer when the
// rebalance completes (the coordinator's callback), without a parked thread.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/sync_group.h"

namespace partita::broker {

class FindCoordinatorHandler
    : public ApiHandler<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::FindCoordinatorRequest& request, Done done) override;
};

class JoinGroupHandler : public ApiHandler<protocol::JoinGroupRequest, protocol::JoinGroupResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::JoinGroupRequest& request, Done done) override;
};

class SyncGroupHandler : public ApiHandler<protocol::SyncGroupRequest, protocol::SyncGroupResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::SyncGroupRequest& request, Done done) override;
};

class HeartbeatHandler : public ApiHandler<protocol::HeartbeatRequest, protocol::HeartbeatResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::HeartbeatRequest& request, Done done) override;
};

class LeaveGroupHandler : public ApiHandler<protocol::LeaveGroupRequest, protocol::LeaveGroupResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::LeaveGroupRequest& request, Done done) override;
};

}  // namespace partita::broker
