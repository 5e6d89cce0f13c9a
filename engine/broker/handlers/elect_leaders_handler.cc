#include "engine/broker/handlers/elect_leaders_handler.h"

#include <algorithm>
#include <map>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/coordination/controller.h"

namespace partita::broker {

using protocol::ElectLeadersResponse;
using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// Every requested partition answered with the same error (the whole request failed).
ElectLeadersResponse FailAll(const protocol::ElectLeadersRequest& request, int16_t version, ErrorCode code,
                             const std::string& message) {
  ElectLeadersResponse response;
  if (version >= 1) response.error_code = Wire(code);
  if (!request.topic_partitions) return response;
  for (const auto& t : *request.topic_partitions) {
    auto& out = response.replica_election_results.emplace_back();
    out.topic = t.topic;
    for (int32_t p : t.partitions) out.partition_result.push_back({p, Wire(code), message});
  }
  return response;
}

}  // namespace

void ElectLeadersHandler::Process(const RequestContext& ctx, const protocol::ElectLeadersRequest& request,
                                  Done done) {
  Broker* broker = ctx.broker;
  const int16_t version = ctx.version();
  coordination::Controller* controller = broker->active_controller();
  if (!AuthorizedCluster(ctx, AclOperation::kAlter)) {
    return done(FailAll(request, version, ErrorCode::kClusterAuthorizationFailed, "Cluster authorization failed."));
  }
  if (!controller) {
    return done(FailAll(request, version, ErrorCode::kNotController,
                        "broker " + std::to_string(broker->id()) + " is not the controller"));
  }
  // v0 has no election type: it always asks for preferred elections.
  if (version >= 1 && request.election_type != 0 && request.election_type != 1) {
    return done(FailAll(request, version, ErrorCode::kInvalidRequest,
                        "unknown election type " + std::to_string(request.election_type)));
  }
  const auto type = version >= 1 && request.election_type == 1 ? coordination::ElectionType::kUnclean
                                                                : coordination::ElectionType::kPreferred;
  std::optional<std::vector<TopicPartition>> partitions;
  if (request.topic_partitions) {
    partitions.emplace();
    for (const auto& t : *request.topic_partitions) {
      for (int32_t p : t.partitions) partitions->push_back({t.topic, PartitionId(p)});
    }
  }
  const int64_t timeout = std::min<int64_t>(std::max<int32_t>(request.timeout_ms, 0), 60000);
  auto request_copy = std::make_shared<protocol::ElectLeadersRequest>(request);
  controller->ElectLeaders(
      type, std::move(partitions),
      [broker, done, version, timeout, request_copy](Result<coordination::PartitionResults> results) {
        if (!results.ok()) {
          const Status& st = results.status();
          return done(FailAll(*request_copy, version, ControllerErrorCode(st, ErrorCode::kInvalidRequest),
                              st.message()));
        }
        auto response = std::make_shared<ElectLeadersResponse>();
        std::map<TopicPartition, int32_t> elected;  // partitions whose new leader we wait to see
        std::map<std::string, size_t> topic_index;
        for (const auto& [tp, r] : *results) {
          auto [it, inserted] = topic_index.emplace(tp.topic, response->replica_election_results.size());
          if (inserted) response->replica_election_results.push_back({tp.topic, {}});
          auto& out = response->replica_election_results[it->second].partition_result.emplace_back();
          out.partition_id = tp.partition.value;
          out.error_code = static_cast<int16_t>(r.error);
          if (!r.ok()) out.error_message = r.message;
          if (r.ok() && r.leader >= 0) elected[tp] = r.leader;
        }
        auto finish = [response, done](bool) { done(std::move(*response)); };
        if (elected.empty()) return finish(true);
        broker->WhenMetadata(
            [elected](const coordination::ClusterMetadata& md) {
              for (const auto& [tp, leader] : elected) {
                auto t = md.topics.find(tp.topic);
                if (t == md.topics.end()) continue;  // deleted meanwhile: nothing to wait for
                auto p = t->second.partitions.find(tp.partition.value);
                if (p != t->second.partitions.end() && p->second.leader != leader) return false;
              }
              return true;
            },
            timeout, finish);
      });
}

}  // namespace partita::broker
