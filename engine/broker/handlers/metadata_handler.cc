#include "engine/broker/handlers/metadata_handler.h"

#include <algorithm>
#include <tuple>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/internal_topics.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/protocol/uuid_text.h"
#include "engine/security/authorized_operations.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

void FillTopic(const coordination::TopicMetadata& topic, const coordination::ClusterMetadata& md,
               protocol::MetadataResponse::Topic* out) {
  out->name = topic.name;
  out->topic_id = protocol::UuidOrZero(topic.topic_id);
  out->is_internal = IsInternalTopic(topic.name);
  for (const auto& [index, p] : topic.partitions) {
    auto& po = out->partitions.emplace_back();
    po.partition_index = index;
    po.leader_id = p.leader;
    po.leader_epoch = p.leader_epoch;
    po.replica_nodes = p.replicas;
    po.isr_nodes = p.isr;
    for (int32_t r : p.replicas)
      if (!md.brokers.count(r)) po.offline_replicas.push_back(r);
    const bool leader_alive = p.leader >= 0 && md.brokers.count(p.leader);
    if (!leader_alive) {
      po.error_code = Wire(ErrorCode::kLeaderNotAvailable);
      po.leader_id = -1;
    }
  }
}

}  // namespace

void MetadataHandler::Process(const RequestContext& ctx, const protocol::MetadataRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  auto md = broker.metadata();
  protocol::MetadataResponse response;
  for (const auto& [id, reg] : md->brokers) {
    auto& b = response.brokers.emplace_back();
    b.node_id = id;
    // Clients get the endpoint of the listener they connected to.
    std::tie(b.host, b.port) = coordination::EndpointFor(reg, ctx.conn.listener_name);
    b.rack = reg.rack;
  }
  response.cluster_id = md->cluster_id;
  response.controller_id = md->controller_id;
  // KIP-430: the cluster's authorized operations exist in v8-10 only (KIP-700 moved them to DescribeCluster).
  response.cluster_authorized_operations = ClusterAuthorizedOperations(
      ctx, ctx.version() >= 8 && ctx.version() <= 10 && request.include_cluster_authorized_operations);
  // KIP-430: each described topic's authorized operations, when asked (v8+); undescribable ones keep INT32_MIN.
  const bool topic_operations = ctx.version() >= 8 && request.include_topic_authorized_operations;
  auto fill = [&](const coordination::TopicMetadata& topic, protocol::MetadataResponse::Topic* out) {
    FillTopic(topic, *md, out);
    if (topic_operations)
      out->topic_authorized_operations = AuthorizedOperations(ctx, security::AclResourceType::kTopic, topic.name);
  };

  if (!request.topics) {
    for (const auto& [name, topic] : md->topics) {
      if (topic.marked_for_deletion || !AuthorizedTopic(ctx, AclOperation::kDescribe, name)) continue;
      fill(topic, &response.topics.emplace_back());
    }
    return done(std::move(response));
  }
  const bool may_create = broker.config().GetBool("auto.create.topics.enable") &&
                          (ctx.version() < 4 || request.allow_auto_topic_creation);
  for (const auto& requested : *request.topics) {
    auto& out = response.topics.emplace_back();
    const bool by_id = requested.topic_id != protocol::kZeroUuid || !requested.name;
    if (by_id && ctx.version() < 12) {
      // Kafka's KafkaApis: topic ids and null names in a request are v12+ only (INVALID_REQUEST before).
      out.name = requested.name.value_or("");
      out.topic_id = requested.topic_id;
      out.error_code = Wire(ErrorCode::kInvalidRequest);
      continue;
    }
    if (by_id) {
      // By id: never auto-created; an unknown id is answered with a null name (KIP-516). An id is not secret:
      // an undescribable topic is TOPIC_AUTHORIZATION_FAILED with a null name, as KafkaApis answers.
      const auto* topic = md->FindTopicById(protocol::UuidToText(requested.topic_id));
      if (topic && AuthorizedTopic(ctx, AclOperation::kDescribe, topic->name)) {
        fill(*topic, &out);
      } else {
        out.name = std::nullopt;
        out.topic_id = requested.topic_id;
        out.error_code = Wire(topic ? ErrorCode::kTopicAuthorizationFailed : ErrorCode::kUnknownTopicId);
      }
      continue;
    }
    const std::string& name = *requested.name;
    out.name = name;
    out.is_internal = IsInternalTopic(name);
    if (!AuthorizedTopic(ctx, AclOperation::kDescribe, name)) {
      out.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
      continue;
    }
    auto it = md->topics.find(name);
    if (it != md->topics.end() && !it->second.marked_for_deletion) {
      fill(it->second, &out);
      continue;
    }
    // KafkaApis sets the field on every describable topic's entry, errors included, except those refused creation.
    if (topic_operations)
      out.topic_authorized_operations = AuthorizedOperations(ctx, security::AclResourceType::kTopic, name);
    if (!coordination::ValidateTopicName(name).ok()) {
      out.error_code = Wire(ErrorCode::kInvalidTopicException);
    } else if (may_create && !out.is_internal && !AuthorizedCluster(ctx, AclOperation::kCreate) &&
               !AuthorizedTopic(ctx, AclOperation::kCreate, name)) {
      out.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
      out.topic_authorized_operations = security::kAuthorizedOperationsOmitted;
    } else if (may_create && !out.is_internal) {
      broker.AutoCreateTopic(name);
      out.error_code = Wire(ErrorCode::kLeaderNotAvailable);
    } else {
      out.error_code = Wire(ErrorCode::kUnknownTopicOrPartition);
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
