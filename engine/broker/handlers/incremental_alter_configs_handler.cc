#include "engine/broker/handlers/incremental_alter_configs_handler.h"

#include <memory>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/handlers/broker_logger_configs.h"
#include "engine/broker/handlers/config_writes.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {
constexpr int64_t kVisibleTimeoutMs = 30000;
}  // namespace

void IncrementalAlterConfigsHandler::Process(const RequestContext& ctx,
                                             const protocol::IncrementalAlterConfigsRequest& request, Done done) {
  Broker* broker = ctx.broker;
  auto response = std::make_shared<protocol::IncrementalAlterConfigsResponse>();
  std::multiset<std::pair<int8_t, std::string>> resources;
  for (const auto& r : request.resources) resources.insert({r.resource_type, r.resource_name});
  std::vector<std::pair<std::string, coordination::TopicConfig>> awaited;
  for (const auto& resource : request.resources) {
    auto& out = response->responses.emplace_back();
    out.resource_type = resource.resource_type;
    out.resource_name = resource.resource_name;
    auto fail = [&out](ErrorCode code, std::string message) {
      out.error_code = Wire(code);
      out.error_message = std::move(message);
    };
    if (resources.count({resource.resource_type, resource.resource_name}) > 1) {
      fail(ErrorCode::kInvalidRequest, "resource '" + resource.resource_name + "' appears more than once");
      continue;
    }
    if (ErrorCode denied = ConfigResourceDenied(ctx, AclOperation::kAlterConfigs, resource.resource_type,
                                                resource.resource_name);
        denied != ErrorCode::kNone) {
      fail(denied, "Authorization failed.");
      continue;
    }
    if (resource.resource_type == kBrokerLoggerResourceType) {
      AlterBrokerLoggerResource(*broker, resource, request.validate_only, out);
      continue;
    }
    std::vector<coordination::ConfigAlteration> ops;
    bool bad = false;
    for (const auto& c : resource.configs) {
      if (c.config_operation < 0 || c.config_operation > 3) {
        fail(ErrorCode::kInvalidRequest,
             "unknown operation " + std::to_string(c.config_operation) + " on configuration " + c.name);
        bad = true;
        break;
      }
      const auto op = static_cast<coordination::ConfigOpType>(c.config_operation);
      if (op != coordination::ConfigOpType::kDelete && !c.value) {
        fail(ErrorCode::kInvalidRequest, "configuration " + c.name + " has a null value");
        bad = true;
        break;
      }
      ops.push_back({c.name, op, c.value.value_or("")});
    }
    if (bad) continue;
    ConfigWriteOutcome outcome = WriteResourceConfig(*broker, resource.resource_type, resource.resource_name, ops,
                                                     /*replace=*/false, request.validate_only);
    out.error_code = Wire(outcome.error);
    out.error_message = std::move(outcome.message);
    if (outcome.await_topic) awaited.push_back(std::move(*outcome.await_topic));
  }
  WhenTopicConfigsVisible(broker, std::move(awaited), kVisibleTimeoutMs,
                          [response, done] { done(std::move(*response)); });
}

}  // namespace partita::broker
