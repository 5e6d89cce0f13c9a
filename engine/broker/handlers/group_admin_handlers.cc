#include "engine/broker/handlers/group_admin_handlers.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void ListGroupsHandler::Process(const RequestContext& ctx, const protocol::ListGroupsRequest& request, Done done) {
  protocol::ListGroupsResponse response;
  const bool all_visible = AuthorizedCluster(ctx, AclOperation::kDescribe);
  bool loading = false;
  for (const auto& coordinator : ctx.broker->groups().LoadedCoordinators(&loading)) {
    for (const auto& g : coordinator->ListGroups(request.states_filter, request.types_filter)) {
      if (!all_visible && !AuthorizedGroup(ctx, AclOperation::kDescribe, g.group_id)) continue;
      response.groups.push_back(
          {g.group_id, g.protocol_type, group::GroupStateName(g.state), std::string(group::kClassicGroupType)});
    }
  }
  // Kafka answers COORDINATOR_LOAD_IN_PROGRESS (with the groups it has) while a partition is loading.
  if (loading) response.error_code = Wire(ErrorCode::kCoordinatorLoadInProgress);
  done(std::move(response));
}

void DescribeGroupsHandler::Process(const RequestContext& ctx, const protocol::DescribeGroupsRequest& request,
                                    Done done) {
  protocol::DescribeGroupsResponse response;
  for (const auto& id : request.groups) {
    auto& out = response.groups.emplace_back();
    out.group_id = id;
    if (!AuthorizedGroup(ctx, AclOperation::kDescribe, id)) {
      out.error_code = Wire(ErrorCode::kGroupAuthorizationFailed);
      continue;
    }
    auto hosted = ctx.broker->groups().CoordinatorFor(id);
    if (!hosted.coordinator) {
      out.error_code = Wire(hosted.error);
      continue;
    }
    auto described = hosted.coordinator->DescribeGroups({id});
    if (described.empty()) continue;
    group::GroupDescription& d = described.front();
    out.error_code = Wire(d.error);
    out.group_state = group::GroupStateName(d.state);
    out.protocol_type = std::move(d.protocol_type);
    out.protocol_data = std::move(d.protocol_data);
    for (auto& m : d.members) {
      out.members.push_back({std::move(m.member_id), std::move(m.group_instance_id), std::move(m.client_id),
                             std::move(m.client_host), std::move(m.metadata), std::move(m.assignment)});
    }
    // KIP-430 (v3+): the operations the principal may perform on the group, when asked.
    if (ctx.version() >= 3 && request.include_authorized_operations)
      out.authorized_operations = AuthorizedOperations(ctx, security::AclResourceType::kGroup, id);
  }
  done(std::move(response));
}

void DeleteGroupsHandler::Process(const RequestContext& ctx, const protocol::DeleteGroupsRequest& request,
                                  Done done) {
  protocol::DeleteGroupsResponse response;
  for (const auto& id : request.groups_names) {
    auto& out = response.results.emplace_back();
    out.group_id = id;
    if (!AuthorizedGroup(ctx, AclOperation::kDelete, id)) {
      out.error_code = Wire(ErrorCode::kGroupAuthorizationFailed);
      continue;
    }
    auto hosted = ctx.broker->groups().CoordinatorFor(id);
    if (!hosted.coordinator) {
      out.error_code = Wire(hosted.error);
      continue;
    }
    auto results = hosted.coordinator->DeleteGroups({id});
    out.error_code = results.empty() ? Wire(ErrorCode::kGroupIdNotFound) : Wire(results.front().error);
  }
  done(std::move(response));
}

}  // namespace partita::broker
