#include "engine/broker/handlers/describe_configs_handler.h"

#include <algorithm>

#include "engine/broker/broker.h"
#include "engine/broker/handlers/broker_logger_configs.h"
#include "engine/coordination/config_changes.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr int8_t kTopicResource = 2;
constexpr int8_t kBrokerResource = 4;

struct Synonym {
  std::string name;
  std::optional<std::string> value;
  ConfigSource source;
};

// This broker's configuration with the dynamic overrides stored in ZooKeeper (/config/brokers/<id> over
// /config/brokers/<default> over server.properties), each entry's synonyms in that precedence order, as Kafka
// reports them. A ZooKeeper read failure leaves the static view.
std::vector<std::pair<ConfigEntry, std::vector<Synonym>>> BrokerEntries(Broker& broker) {
  coordination::TopicConfig per_broker, cluster_default;
  if (coordination::ZkClient* zk = broker.zk()) {
    if (auto r = coordination::ReadBrokerConfig(zk, broker.id()); r.ok()) per_broker = std::move(*r);
    if (auto r = coordination::ReadBrokerConfig(zk, std::nullopt); r.ok()) cluster_default = std::move(*r);
  }
  std::vector<std::pair<ConfigEntry, std::vector<Synonym>>> out;
  for (auto& e : DescribeBrokerConfig(*broker.current_config())) {
    std::vector<Synonym> synonyms;
    auto hide = [&e](const std::string& v) { return e.sensitive ? std::nullopt : std::optional<std::string>(v); };
    if (auto it = per_broker.find(e.name); it != per_broker.end())
      synonyms.push_back({e.name, hide(it->second), ConfigSource::kDynamicBrokerConfig});
    if (auto it = cluster_default.find(e.name); it != cluster_default.end())
      synonyms.push_back({e.name, hide(it->second), ConfigSource::kDynamicDefaultBrokerConfig});
    // The static layer (server.properties or the default) is the last synonym.
    const BrokerConfig& static_config = broker.config();
    synonyms.push_back(
        {e.name, e.sensitive ? std::nullopt : static_config.Get(e.name), static_config.SourceOf(e.name)});
    e.value = synonyms.front().value;
    e.source = synonyms.front().source;
    out.emplace_back(std::move(e), std::move(synonyms));
  }
  return out;
}

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
    std::vector<std::pair<ConfigEntry, std::vector<Synonym>>> entries;
    if (resource.resource_type == kTopicResource) {
      auto it = md->topics.find(resource.resource_name);
      if (it == md->topics.end()) {
        out.error_code = Wire(ErrorCode::kUnknownTopicOrPartition);
        out.error_message = "topic '" + resource.resource_name + "' does not exist";
        continue;
      }
      for (auto& e : DescribeTopicConfig(*broker.current_config(), it->second.config)) {
        std::vector<Synonym> synonyms{{e.name, e.value, e.source}};
        entries.emplace_back(std::move(e), std::move(synonyms));
      }
    } else if (resource.resource_type == kBrokerResource) {
      if (!resource.resource_name.empty() && resource.resource_name != std::to_string(broker.id())) {
        out.error_code = Wire(ErrorCode::kInvalidRequest);
        out.error_message = "broker " + resource.resource_name + "'s configuration is described by that broker; this is " +
                            std::to_string(broker.id());
        continue;
      }
      entries = BrokerEntries(broker);
    } else if (resource.resource_type == kBrokerLoggerResourceType) {
      DescribeBrokerLoggerResource(broker, resource, out);
      continue;
    } else {
      out.error_code = Wire(ErrorCode::kInvalidRequest);
      out.error_message = "unsupported resource type " + std::to_string(resource.resource_type);
      continue;
    }
    for (auto& [e, synonyms] : entries) {
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
        for (const auto& syn : synonyms) c.synonyms.push_back({syn.name, syn.value, static_cast<int8_t>(syn.source)});
      }
      c.config_type = e.type;
      if (version >= 3 && request.include_documentation) c.documentation = e.documentation;
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
