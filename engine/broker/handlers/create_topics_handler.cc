#include "engine/broker/handlers/create_topics_handler.h"

#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/broker/handlers/partition_limits.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/protocol/uuid_text.h"

namespace partita::broker {

using protocol::CreateTopicsResponse;
using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

void SetError(CreateTopicsResponse::Topic* out, ErrorCode code, std::string message) {
  out->error_code = Wire(code);
  out->error_message = std::move(message);
}

// Checks one topic and fills `create`; returns false (with the error set on `out`) if it cannot be created.
// Counts and replication factors are checked against PartitionBudget's bounds before anything is copied or
// sent to the controller.
bool Prepare(const Broker& broker, const protocol::CreateTopicsRequest::Topic& topic, const PartitionBudget& budget,
             coordination::CreateTopicRequest* create, CreateTopicsResponse::Topic* out) {
  if (auto st = coordination::ValidateTopicName(topic.name); !st.ok()) {
    SetError(out, ErrorCode::kInvalidTopicException, st.message());
    return false;
  }
  auto refuse = [out](const AdminRefusal& r) {
    SetError(out, r.code, r.message);
    return false;
  };
  create->name = topic.name;
  if (!topic.assignments.empty()) {
    if (topic.num_partitions != -1 || topic.replication_factor != -1) {
      SetError(out, ErrorCode::kInvalidRequest,
               "both a replica assignment and numPartitions/replicationFactor were given");
      return false;
    }
    if (auto r = budget.CheckTopicSize(topic.name, static_cast<int64_t>(topic.assignments.size()))) return refuse(*r);
    for (const auto& a : topic.assignments) {
      if (auto r = budget.CheckReplicationFactor(topic.name, static_cast<int64_t>(a.broker_ids.size())))
        return refuse(*r);
    }
    for (const auto& a : topic.assignments) create->manual_assignment[a.partition_index] = a.broker_ids;
    create->num_partitions = static_cast<int32_t>(topic.assignments.size());
    create->replication_factor = static_cast<int32_t>(topic.assignments.front().broker_ids.size());
  } else {
    create->num_partitions =
        topic.num_partitions == -1 ? static_cast<int32_t>(broker.config().GetLong("num.partitions")) : topic.num_partitions;
    create->replication_factor = topic.replication_factor == -1
                                     ? static_cast<int32_t>(broker.config().GetLong("default.replication.factor"))
                                     : topic.replication_factor;
    if (create->num_partitions < 1) {
      SetError(out, ErrorCode::kInvalidPartitions, "number of partitions must be at least 1");
      return false;
    }
    if (auto r = budget.CheckTopicSize(topic.name, create->num_partitions)) return refuse(*r);
    if (auto r = budget.CheckReplicationFactor(topic.name, create->replication_factor)) return refuse(*r);
  }
  for (const auto& c : topic.configs) {
    if (c.value) create->configs[c.name] = *c.value;
  }
  if (auto st = ValidateTopicConfig(create->configs); !st.ok()) {
    SetError(out, ErrorCode::kInvalidConfig, st.message());
    return false;
  }
  out->num_partitions = create->num_partitions;
  out->replication_factor = static_cast<int16_t>(create->replication_factor);
  return true;
}

void FillConfigs(const Broker& broker, const coordination::TopicConfig& overrides, CreateTopicsResponse::Topic* out) {
  out->configs.emplace();
  for (const auto& e : DescribeTopicConfig(*broker.current_config(), overrides)) {
    auto& c = out->configs->emplace_back();
    c.name = e.name;
    c.value = e.value;
    c.read_only = e.read_only;
    c.config_source = static_cast<int8_t>(e.source);
    c.is_sensitive = e.sensitive;
  }
}

}  // namespace

void CreateTopicsHandler::Process(const RequestContext& ctx, const protocol::CreateTopicsRequest& request, Done done) {
  Broker* broker = ctx.broker;
  const int16_t version = ctx.version();
  auto response = std::make_shared<CreateTopicsResponse>();
  auto creates = std::make_shared<std::vector<std::pair<size_t, coordination::CreateTopicRequest>>>();
  coordination::Controller* controller = broker->active_controller();
  PartitionBudget budget(broker->config(), static_cast<int32_t>(broker->metadata()->brokers.size()));
  std::multiset<std::string> names;
  for (const auto& t : request.topics) names.insert(t.name);
  const bool cluster_create = AuthorizedCluster(ctx, AclOperation::kCreate);

  for (size_t i = 0; i < request.topics.size(); ++i) {
    const auto& topic = request.topics[i];
    auto& out = response->topics.emplace_back();
    out.name = topic.name;
    if (names.count(topic.name) > 1) {
      SetError(&out, ErrorCode::kInvalidRequest, "topic '" + topic.name + "' appears more than once in the request");
      continue;
    }
    if (!cluster_create && !AuthorizedTopic(ctx, AclOperation::kCreate, topic.name)) {
      SetError(&out, ErrorCode::kTopicAuthorizationFailed, "Authorization failed.");
      continue;
    }
    if (!controller) {
      SetError(&out, ErrorCode::kNotController, "this broker is not the controller");
      continue;
    }
    coordination::CreateTopicRequest create;
    if (!Prepare(*broker, topic, budget, &create, &out)) continue;
    if (broker->metadata()->topics.count(topic.name)) {
      SetError(&out, ErrorCode::kTopicAlreadyExists, "topic '" + topic.name + "' already exists");
      continue;
    }
    if (auto r = budget.Admit(topic.name, create.num_partitions)) {
      SetError(&out, r->code, r->message);
      continue;
    }
    if (version >= 5) FillConfigs(*broker, create.configs, &out);
    if (!request.validate_only) creates->emplace_back(i, std::move(create));
  }

  const bool validate_only = request.validate_only;
  auto finish = [broker, response, done, version, validate_only](bool) {
    if (version < 5) {
      for (auto& t : response->topics) t.configs.reset();
    }
    // CreateTopics v7 (KIP-516): a created topic's id, as the controller wrote it into the topic znode.
    if (version >= 7 && !validate_only) {
      auto md = broker->metadata();
      for (auto& t : response->topics) {
        auto it = md->topics.find(t.name);
        if (t.error_code == 0 && it != md->topics.end()) t.topic_id = protocol::UuidOrZero(it->second.topic_id);
      }
    }
    done(std::move(*response));
  };
  if (creates->empty()) return finish(true);

  auto gather = ResultGather::Make(creates->size(), [broker, response, creates, finish,
                                                     timeout = request.timeout_ms](std::vector<Status> results) {
    std::vector<std::string> created;
    for (size_t k = 0; k < results.size(); ++k) {
      auto& out = response->topics[(*creates)[k].first];
      if (results[k].ok()) {
        created.push_back(out.name);
        continue;
      }
      SetError(&out, ControllerErrorCode(results[k], ErrorCode::kInvalidReplicaAssignment), results[k].message());
      out.configs.reset();
    }
    // Answer once every created topic has leaders in this broker's view, so the client's next request sees it.
    broker->WhenMetadata(
        [created](const coordination::ClusterMetadata& md) {
          for (const auto& name : created) {
            auto it = md.topics.find(name);
            if (it == md.topics.end() || it->second.partitions.empty()) return false;
            for (const auto& [p, partition] : it->second.partitions)
              if (partition.leader < 0) return false;
          }
          return true;
        },
        std::min<int64_t>(std::max<int32_t>(timeout, 0), 60000), finish);
  });
  for (size_t k = 0; k < creates->size(); ++k) {
    controller->CreateTopic((*creates)[k].second, [gather, k](const Status& st) { gather->Set(k, st); });
  }
}

}  // namespace partita::broker
