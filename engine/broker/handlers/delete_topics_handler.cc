#include "engine/broker/handlers/delete_topics_handler.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/admin_util.h"
#include "engine/coordination/controller.h"
#include "engine/protocol/uuid_text.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void DeleteTopicsHandler::Process(const RequestContext& ctx, const protocol::DeleteTopicsRequest& request, Done done) {
  Broker* broker = ctx.broker;
  auto response = std::make_shared<protocol::DeleteTopicsResponse>();
  auto deletes = std::make_shared<std::vector<std::pair<size_t, std::string>>>();
  coordination::Controller* controller = broker->active_controller();
  const bool enabled = broker->config().GetBool("delete.topic.enable");

  std::vector<protocol::DeleteTopicsRequest::Topic> topics = request.topics;
  if (ctx.version() < 6) {
    for (const auto& name : request.topic_names) topics.push_back({name, {}});
  }
  const auto md = broker->metadata();
  for (size_t i = 0; i < topics.size(); ++i) {
    auto& out = response->responses.emplace_back();
    // DeleteTopics v6 (KIP-516): a topic named by id alone is resolved here; the answer carries both.
    const bool both = topics[i].name && topics[i].topic_id != protocol::kZeroUuid;
    if (!topics[i].name && topics[i].topic_id != protocol::kZeroUuid) {
      if (const auto* topic = md->FindTopicById(protocol::UuidToText(topics[i].topic_id))) topics[i].name = topic->name;
    }
    out.name = topics[i].name;
    out.topic_id = topics[i].topic_id;
    auto fail = [&](ErrorCode code, std::string message) {
      out.error_code = Wire(code);
      out.error_message = std::move(message);
    };
    auto known = topics[i].name ? md->topics.find(*topics[i].name) : md->topics.end();
    if (known != md->topics.end() && out.topic_id == protocol::kZeroUuid) {
      out.topic_id = protocol::UuidOrZero(known->second.topic_id);
    }
    if (both) {
      fail(ErrorCode::kInvalidRequest, "You may not specify both topic name and topic id.");  // as KafkaApis
    } else if (!topics[i].name) {
      fail(ErrorCode::kUnknownTopicId, "no topic has id " + protocol::UuidToText(topics[i].topic_id));
    } else if (!AuthorizedTopic(ctx, AclOperation::kDelete, *topics[i].name)) {
      fail(ErrorCode::kTopicAuthorizationFailed, "Authorization failed.");
    } else if (!enabled) {
      fail(ErrorCode::kTopicDeletionDisabled, "delete.topic.enable is false on this broker");
    } else if (!controller) {
      fail(ErrorCode::kNotController, "this broker is not the controller");
    } else if (known == md->topics.end()) {
      fail(ErrorCode::kUnknownTopicOrPartition, "topic '" + *topics[i].name + "' does not exist");
    } else {
      deletes->emplace_back(i, *topics[i].name);
    }
  }
  auto finish = [response, done](bool) { done(std::move(*response)); };
  if (deletes->empty()) return finish(true);

  auto gather = ResultGather::Make(deletes->size(), [broker, response, deletes, finish,
                                                     timeout = request.timeout_ms](std::vector<Status> results) {
    std::vector<std::string> deleted;
    for (size_t k = 0; k < results.size(); ++k) {
      auto& out = response->responses[(*deletes)[k].first];
      if (results[k].ok()) {
        deleted.push_back((*deletes)[k].second);
      } else {
        out.error_code = Wire(ControllerErrorCode(results[k], ErrorCode::kInvalidRequest));
        out.error_message = results[k].message();
      }
    }
    broker->WhenMetadata(
        [deleted](const coordination::ClusterMetadata& md) {
          for (const auto& name : deleted)
            if (md.topics.count(name)) return false;
          return true;
        },
        std::min<int64_t>(std::max<int32_t>(timeout, 0), 60000), finish);
  });
  for (size_t k = 0; k < deletes->size(); ++k) {
    controller->DeleteTopic((*deletes)[k].second, [gather, k](const Status& st) { gather->Set(k, st); });
  }
}

}  // namespace partita::broker
