#include "engine/broker/handlers/alter_partition_reassignments_handler.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/coordination/controller.h"

namespace partita::broker {

using protocol::AlterPartitionReassignmentsResponse;
using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// The reassignment of one partition as this broker's metadata must show it before we answer.
bool Visible(const coordination::PartitionMetadata& p, const std::optional<std::vector<int32_t>>& target) {
  if (!target) return p.adding_replicas.empty() && p.removing_replicas.empty();  // cancelled
  for (int32_t r : *target) {
    if (std::find(p.replicas.begin(), p.replicas.end(), r) == p.replicas.end()) return false;
  }
  return true;
}

}  // namespace

void AlterPartitionReassignmentsHandler::Process(const RequestContext& ctx,
                                                 const protocol::AlterPartitionReassignmentsRequest& request,
                                                 Done done) {
  Broker* broker = ctx.broker;
  coordination::Controller* controller = broker->active_controller();
  auto response = std::make_shared<AlterPartitionReassignmentsResponse>();
  if (!AuthorizedCluster(ctx, AclOperation::kAlter)) {
    response->error_code = Wire(ErrorCode::kClusterAuthorizationFailed);
    response->error_message = "Cluster authorization failed.";
    return done(std::move(*response));
  }
  if (!controller) {
    response->error_code = Wire(ErrorCode::kNotController);
    response->error_message = "broker " + std::to_string(broker->id()) + " is not the controller";
    return done(std::move(*response));
  }
  coordination::Controller::TargetReplicas targets;
  std::set<TopicPartition> duplicates;
  for (const auto& t : request.topics) {
    for (const auto& p : t.partitions) {
      TopicPartition tp{t.name, PartitionId(p.partition_index)};
      if (!targets.emplace(tp, p.replicas).second) duplicates.insert(tp);
    }
  }
  for (const auto& tp : duplicates) targets.erase(tp);
  // Answer in request order; every partition's slot is filled from the controller's results below.
  for (const auto& t : request.topics) {
    auto& out = response->responses.emplace_back();
    out.name = t.name;
    for (const auto& p : t.partitions) {
      auto& po = out.partitions.emplace_back();
      po.partition_index = p.partition_index;
      if (duplicates.count({t.name, PartitionId(p.partition_index)})) {
        po.error_code = Wire(ErrorCode::kInvalidRequest);
        po.error_message = "partition appears more than once in the request";
      }
    }
  }
  const int64_t timeout = std::min<int64_t>(std::max<int32_t>(request.timeout_ms, 0), 60000);
  if (targets.empty()) return done(std::move(*response));
  controller->AlterPartitionReassignments(
      targets, [broker, response, done, timeout, targets](Result<coordination::PartitionResults> results) {
        if (!results.ok()) {
          response->error_code = Wire(ControllerErrorCode(results.status(), ErrorCode::kInvalidReplicaAssignment));
          response->error_message = results.status().message();
          return done(std::move(*response));
        }
        coordination::Controller::TargetReplicas started;
        for (auto& t : response->responses) {
          for (auto& po : t.partitions) {
            TopicPartition tp{t.name, PartitionId(po.partition_index)};
            if (po.error_code != 0) continue;  // duplicate
            auto it = results->find(tp);
            if (it == results->end()) {
              po.error_code = Wire(ErrorCode::kUnknownServerError);
              po.error_message = "the controller returned no result for this partition";
              continue;
            }
            po.error_code = static_cast<int16_t>(it->second.error);
            if (!it->second.ok()) {
              po.error_message = it->second.message;
            } else {
              started.emplace(tp, targets.at(tp));
            }
          }
        }
        auto finish = [response, done](bool) { done(std::move(*response)); };
        if (started.empty()) return finish(true);
        broker->WhenMetadata(
            [started](const coordination::ClusterMetadata& md) {
              for (const auto& [tp, target] : started) {
                auto t = md.topics.find(tp.topic);
                if (t == md.topics.end()) continue;
                auto p = t->second.partitions.find(tp.partition.value);
                if (p != t->second.partitions.end() && !Visible(p->second, target)) return false;
              }
              return true;
            },
            timeout, finish);
      });
}

}  // namespace partita::broker
