#include "engine/broker/handlers/list_partition_reassignments_handler.h"

#include <map>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/coordination/controller.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::ListPartitionReassignmentsResponse;
using protocol::Wire;

void ListPartitionReassignmentsHandler::Process(const RequestContext& ctx,
                                                const protocol::ListPartitionReassignmentsRequest& request,
                                                Done done) {
  Broker* broker = ctx.broker;
  coordination::Controller* controller = broker->active_controller();
  if (!AuthorizedCluster(ctx, AclOperation::kDescribe)) {
    ListPartitionReassignmentsResponse response;
    response.error_code = Wire(ErrorCode::kClusterAuthorizationFailed);
    response.error_message = "Cluster authorization failed.";
    return done(std::move(response));
  }
  if (!controller) {
    ListPartitionReassignmentsResponse response;
    response.error_code = Wire(ErrorCode::kNotController);
    response.error_message = "broker " + std::to_string(broker->id()) + " is not the controller";
    return done(std::move(response));
  }
  std::optional<std::vector<TopicPartition>> partitions;
  if (request.topics) {
    partitions.emplace();
    for (const auto& t : *request.topics) {
      for (int32_t p : t.partition_indexes) partitions->push_back({t.name, PartitionId(p)});
    }
  }
  controller->ListPartitionReassignments(std::move(partitions), [done](Result<coordination::ReassignmentMap> map) {
    ListPartitionReassignmentsResponse response;
    if (!map.ok()) {
      response.error_code = Wire(ControllerErrorCode(map.status(), ErrorCode::kInvalidRequest));
      response.error_message = map.status().message();
      return done(std::move(response));
    }
    std::map<std::string, size_t> topic_index;
    for (const auto& [tp, progress] : *map) {
      auto [it, inserted] = topic_index.emplace(tp.topic, response.topics.size());
      if (inserted) response.topics.push_back({tp.topic, {}});
      auto& out = response.topics[it->second].partitions.emplace_back();
      out.partition_index = tp.partition.value;
      out.replicas = progress.replicas;
      out.adding_replicas = progress.adding;
      out.removing_replicas = progress.removing;
    }
    done(std::move(response));
  });
}

}  // namespace partita::broker
