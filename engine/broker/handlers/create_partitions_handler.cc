#include "engine/broker/handlers/create_partitions_handler.h"

#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/broker/handlers/partition_limits.h"
#include "engine/coordination/controller.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void CreatePartitionsHandler::Process(const RequestContext& ctx, const protocol::CreatePartitionsRequest& request,
                                      Done done) {
  Broker* broker = ctx.broker;
  auto response = std::make_shared<protocol::CreatePartitionsResponse>();
  struct Grow {
    size_t index;
    std::string topic;
    int32_t count;
    coordination::ReplicaAssignment manual;
  };
  auto grows = std::make_shared<std::vector<Grow>>();
  coordination::Controller* controller = broker->active_controller();
  auto md = broker->metadata();
  PartitionBudget budget(broker->config(), static_cast<int32_t>(md->brokers.size()));
  std::multiset<std::string> names;
  for (const auto& t : request.topics) names.insert(t.name);

  for (size_t i = 0; i < request.topics.size(); ++i) {
    const auto& topic = request.topics[i];
    auto& out = response->results.emplace_back();
    out.name = topic.name;
    auto fail = [&](ErrorCode code, std::string message) {
      out.error_code = Wire(code);
      out.error_message = std::move(message);
    };
    auto it = md->topics.find(topic.name);
    if (names.count(topic.name) > 1) {
      fail(ErrorCode::kInvalidRequest, "topic '" + topic.name + "' appears more than once in the request");
    } else if (!AuthorizedTopic(ctx, AclOperation::kAlter, topic.name)) {
      fail(ErrorCode::kTopicAuthorizationFailed, "Authorization failed.");
    } else if (!controller) {
      fail(ErrorCode::kNotController, "this broker is not the controller");
    } else if (it == md->topics.end()) {
      fail(ErrorCode::kUnknownTopicOrPartition, "topic '" + topic.name + "' does not exist");
    } else if (topic.count <= static_cast<int32_t>(it->second.partitions.size())) {
      fail(ErrorCode::kInvalidPartitions, "topic '" + topic.name + "' already has " +
                                              std::to_string(it->second.partitions.size()) +
                                              " partitions; the new count must be larger");
    } else if (auto too_many = budget.CheckTopicSize(topic.name, topic.count)) {
      // Checked before anything is allocated: a count of 2147483647 is refused here, not in the controller.
      fail(too_many->code, too_many->message);
    } else {
      Grow g{i, topic.name, topic.count, {}};
      const int32_t current = static_cast<int32_t>(it->second.partitions.size());
      if (topic.assignments) {
        if (static_cast<int32_t>(topic.assignments->size()) != topic.count - current) {
          fail(ErrorCode::kInvalidReplicaAssignment,
               "the assignment must list exactly " + std::to_string(topic.count - current) + " new partitions");
          continue;
        }
        std::optional<AdminRefusal> bad_rf;
        for (const auto& a : *topic.assignments) {
          if ((bad_rf = budget.CheckReplicationFactor(topic.name, static_cast<int64_t>(a.broker_ids.size())))) break;
        }
        if (bad_rf) {
          fail(bad_rf->code, bad_rf->message);
          continue;
        }
        for (size_t k = 0; k < topic.assignments->size(); ++k)
          g.manual[current + static_cast<int32_t>(k)] = (*topic.assignments)[k].broker_ids;
      }
      if (auto r = budget.Admit(topic.name, topic.count - current)) {
        fail(r->code, r->message);
        continue;
      }
      if (!request.validate_only) grows->push_back(std::move(g));
    }
  }
  auto finish = [response, done](bool) { done(std::move(*response)); };
  if (grows->empty()) return finish(true);

  auto gather = ResultGather::Make(grows->size(), [broker, response, grows, finish,
                                                   timeout = request.timeout_ms](std::vector<Status> results) {
    std::vector<std::pair<std::string, int32_t>> grown;
    for (size_t k = 0; k < results.size(); ++k) {
      auto& out = response->results[(*grows)[k].index];
      if (results[k].ok()) {
        grown.emplace_back((*grows)[k].topic, (*grows)[k].count);
      } else {
        out.error_code = Wire(ControllerErrorCode(results[k], ErrorCode::kInvalidReplicaAssignment));
        out.error_message = results[k].message();
      }
    }
    broker->WhenMetadata(
        [grown](const coordination::ClusterMetadata& md) {
          for (const auto& [name, count] : grown) {
            auto it = md.topics.find(name);
            if (it == md.topics.end() || static_cast<int32_t>(it->second.partitions.size()) < count) return false;
            for (const auto& [p, partition] : it->second.partitions)
              if (partition.leader < 0) return false;
          }
          return true;
        },
        std::min<int64_t>(std::max<int32_t>(timeout, 0), 60000), finish);
  });
  for (size_t k = 0; k < grows->size(); ++k) {
    const Grow& g = (*grows)[k];
    controller->CreatePartitions(g.topic, g.count, g.manual, [gather, k](const Status& st) { gather->Set(k, st); });
  }
}

}  // namespace partita::broker
