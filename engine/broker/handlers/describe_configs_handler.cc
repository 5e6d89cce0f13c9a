#include "engine/broker/handlers/describe_configs_handler.h"

#include <algorithm>

#include "engine/broker/broker.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr int8_t kTopicResource = 2;
constexpr int8_t kBrokerResource = 4;

}  // namespace

void DescribeConfigsHandler::Process(const RequestContext& ctx, const protocol::DescribeConfigsRequest& request,
                                     Done done) {
  Broker& broker = *ctx.broker;
  const int16_t version = ctx.version();
  protocol::DescribeConfigsResponse response;
  auto md = broker.metadata();
  for (const auto& resource : request.resources) {
    auto& out = response.results.emplace_back();
    out.resource_type = resource.resource_type;
    out.resource_name = resource.resource_name;
    std::vector<ConfigEntry> entries;
    if (resource.resource_type == kTopicResource) {
      auto it = md->topics.find(resource.resource_name);
      if (it == md->topics.end()) {
        out.error_code = Wire(ErrorCode::kUnknownTopicOrPartition);
        out.error_message = "topic '" + resource.resource_name + "' does not exist";
        continue;
      }
      entries = DescribeTopicConfig(broker.config(), it->second.config);
    } else if (resource.resource_type == kBrokerResource) {
      if (!resource.resource_name.empty() && resource.resource_name != std::to_string(broker.id())) {
        out.error_code = Wire(ErrorCode::kInvalidRequest);
        out.error_message = "broker " + resource.resource_name + "'s configuration is described by that broker; this is " +
                            std::to_string(broker.id());
        continue;
      }
      entries = DescribeBrokerConfig(broker.config());
    } else {
      out.error_code = Wire(ErrorCode::kInvalidRequest);
      out.error_message = "unsupported resource type " + std::to_string(resource.resource_type);
      continue;
    }
    for (auto& e : entries) {
      if (resource.configuration_keys &&
          std::find(resource.configuration_keys->begin(), resource.configuration_keys->end(), e.name) ==
              resource.configuration_keys->end()) {
        continue;
      }
      auto& c = out.configs.emplace_back();
      c.name = e.name;
      c.value = e.value;
      c.read_only = e.read_only;
      c.is_default = e.source == ConfigSource::kDefaultConfig;
      c.config_source = static_cast<int8_t>(e.source);
      c.is_sensitive = e.sensitive;
      if (version >= 1 && request.include_synonyms) {
        c.synonyms.push_back({e.name, e.value, static_cast<int8_t>(e.source)});
      }
      c.config_type = e.type;
      if (version >= 3 && request.include_documentation) c.documentation = e.documentation;
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
