#include "engine/broker/handlers/alter_configs_handler.h"

#include <memory>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/config_writes.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {
constexpr int64_t kVisibleTimeoutMs = 30000;
}  // namespace

void AlterConfigsHandler::Process(const RequestContext& ctx, const protocol::AlterConfigsRequest& request,
                                  Done done) {
  Broker* broker = ctx.broker;
  auto response = std::make_shared<protocol::AlterConfigsResponse>();
  std::multiset<std::pair<int8_t, std::string>> resources;
  for (const auto& r : request.resources) resources.insert({r.resource_type, r.resource_name});
  std::vector<std::pair<std::string, coordination::TopicConfig>> awaited;
  for (const auto& resource : request.resources) {
    auto& out = response->responses.emplace_back();
    out.resource_type = resource.resource_type;
    out.resource_name = resource.resource_name;
    if (resources.count({resource.resource_type, resource.resource_name}) > 1) {
      out.error_code = Wire(ErrorCode::kInvalidRequest);
      out.error_message = "resource '" + resource.resource_name + "' appears more than once in the request";
      continue;
    }
    if (ErrorCode denied = ConfigResourceDenied(ctx, AclOperation::kAlterConfigs, resource.resource_type,
                                                resource.resource_name);
        denied != ErrorCode::kNone) {
      out.error_code = Wire(denied);
      out.error_message = "Authorization failed.";
      continue;
    }
    std::vector<coordination::ConfigAlteration> sets;
    for (const auto& c : resource.configs) {
      if (c.value) sets.push_back({c.name, coordination::ConfigOpType::kSet, *c.value});
    }
    ConfigWriteOutcome outcome = WriteResourceConfig(*broker, resource.resource_type, resource.resource_name, sets,
                                                     /*replace=*/true, request.validate_only);
    out.error_code = Wire(outcome.error);
    out.error_message = std::move(outcome.message);
    if (outcome.await_topic) awaited.push_back(std::move(*outcome.await_topic));
  }
  WhenTopicConfigsVisible(broker, std::move(awaited), kVisibleTimeoutMs,
                          [response, done] { done(std::move(*response)); });
}

}  // namespace partita::broker
