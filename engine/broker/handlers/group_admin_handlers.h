// Group administration, answered for the groups this broker coordinates: ListGroups (key 16, v0-4; v4 state
// filter) lists every group of every loaded coordinator here (admin clients ask every broker),
// DescribeGroups (15, v0-5) and DeleteGroups (42, v0-2) route each group to its coordinator (NOT_COORDINATOR
// for a group coordinated elsewhere).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/list_groups.h"

namespace partita::broker {

class ListGroupsHandler : public ApiHandler<protocol::ListGroupsRequest, protocol::ListGroupsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ListGroupsRequest& request, Done done) override;
};

class DescribeGroupsHandler : public ApiHandler<protocol::DescribeGroupsRequest, protocol::DescribeGroupsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeGroupsRequest& request, Done done) override;
};

class DeleteGroupsHandler : public ApiHandler<protocol::DeleteGroupsRequest, protocol::DeleteGroupsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DeleteGroupsRequest& request, Done done) override;
};

}  // namespace partita::broker
