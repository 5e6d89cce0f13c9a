#include "engine/broker/handlers/broker_logger_configs.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/broker/broker.h"
#include "engine/broker/broker_loggers.h"
#include "engine/broker/config_def.h"
#include "engine/coordination/config_changes.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr int8_t kDynamicBrokerLoggerConfig = 6;  // ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG
constexpr int8_t kStringType = 2;                 // ConfigType.STRING

// Kafka's ConfigHelper: the resource is this broker's id.
std::optional<std::string> WrongBroker(const Broker& broker, const std::string& name) {
  if (name.empty()) return "Broker id must not be empty";
  if (name != std::to_string(broker.id())) {
    return "Unexpected broker id, expected " + std::to_string(broker.id()) + " but received " + name;
  }
  return std::nullopt;
}

}  // namespace

void DescribeBrokerLoggerResource(const Broker& broker, const protocol::DescribeConfigsRequest::Resource& resource,
                                  protocol::DescribeConfigsResponse::Result& out) {
  if (auto wrong = WrongBroker(broker, resource.resource_name)) {
    out.error_code = Wire(ErrorCode::kInvalidRequest);
    out.error_message = *wrong;
    return;
  }
  for (auto& [name, level] : DescribeBrokerLoggers()) {
    if (resource.configuration_keys &&
        std::find(resource.configuration_keys->begin(), resource.configuration_keys->end(), name) ==
            resource.configuration_keys->end()) {
      continue;
    }
    auto& c = out.configs.emplace_back();
    c.name = name;
    c.value = level;
    c.config_source = kDynamicBrokerLoggerConfig;
    c.config_type = kStringType;
  }
}

void AlterBrokerLoggerResource(const Broker& broker, const protocol::IncrementalAlterConfigsRequest::Resource& resource,
                               bool validate_only, protocol::IncrementalAlterConfigsResponse::Result& out) {
  auto fail = [&out](ErrorCode code, std::string message) {
    out.error_code = Wire(code);
    out.error_message = std::move(message);
  };
  if (auto wrong = WrongBroker(broker, resource.resource_name)) return fail(ErrorCode::kInvalidRequest, *wrong);
  for (const auto& c : resource.configs) {
    const auto op = static_cast<coordination::ConfigOpType>(c.config_operation);
    if (op != coordination::ConfigOpType::kSet && op != coordination::ConfigOpType::kDelete) {
      return fail(ErrorCode::kInvalidRequest, "Operation " + std::to_string(c.config_operation) +
                                                  " is not allowed for the BROKER_LOGGER resource");
    }
    if (op == coordination::ConfigOpType::kSet && !c.value) {
      return fail(ErrorCode::kInvalidConfig, "the log level of " + c.name + " is null");
    }
    const std::optional<std::string> level = op == coordination::ConfigOpType::kSet ? c.value : std::nullopt;
    if (Status st = ValidateLoggerChange(c.name, level); !st.ok()) {
      return fail(st.code() == Status::Code::kUnsupported ? ErrorCode::kInvalidRequest : ErrorCode::kInvalidConfig,
                  st.message());
    }
  }
  if (validate_only) return;
  for (const auto& c : resource.configs) {
    const bool set = static_cast<coordination::ConfigOpType>(c.config_operation) == coordination::ConfigOpType::kSet;
    ApplyLoggerChange(c.name, set ? c.value : std::nullopt);
  }
}

}  // namespace partita::broker
