#include "engine/broker/handlers/describe_configs_handler.h"

#include <algorithm>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/config_synonyms.h"
#include "engine/broker/handlers/broker_logger_configs.h"
#include "engine/coordination/config_changes.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr int8_t kTopicResource = 2;
constexpr int8_t kBrokerResource = 4;

using Entries = std::vector<std::pair<ConfigEntry, std::vector<ConfigSynonym>>>;

// The value and source an entry shows are its first synonym's, as Kafka (DEFAULT_CONFIG when there is none).
void TakeFirstSynonym(ConfigEntry& e, const std::vector<ConfigSynonym>& synonyms) {
  if (synonyms.empty()) {
    e.source = ConfigSource::kDefaultConfig;
    return;
  }
  e.value = synonyms.front().value;
  e.source = synonyms.front().source;
}

// metrics.listener with port 0 ("any free port") is reported with the port it bound, so that a client (the
// desktop app's Cluster page) can find the endpoint from DescribeConfigs alone, as listeners are after binding.
void ReportBoundMetricsPort(const Broker& broker, ConfigEntry& e) {
  if (e.name != "metrics.listener" || !e.value || broker.MetricsPort() <= 0) return;
  std::string& v = *e.value;
  if (v.size() >= 2 && v.compare(v.size() - 2, 2, ":0") == 0) v.replace(v.size() - 1, 1, std::to_string(broker.MetricsPort()));
}

// This broker's dynamic overrides as stored in ZooKeeper (/config/brokers/<id> and /config/brokers/<default>);
// a read failure leaves the layers this broker applied last.
struct StoredBrokerLayers {
  std::map<std::string, std::string> per_broker;
  std::map<std::string, std::string> cluster_default;
};

StoredBrokerLayers ReadStoredLayers(Broker& broker) {
  auto current = broker.current_config();
  StoredBrokerLayers layers{current->dynamic_broker_values(), current->dynamic_default_values()};
  if (coordination::ZkClient* zk = broker.zk()) {
    if (auto r = coordination::ReadBrokerConfig(zk, broker.id()); r.ok()) layers.per_broker = std::move(*r);
    if (auto r = coordination::ReadBrokerConfig(zk, std::nullopt); r.ok()) layers.cluster_default = std::move(*r);
  }
  return layers;
}

// BROKER resource "<id>": every key with its synonyms across the four layers. BROKER resource "" (Kafka's
// cluster default entity): only the keys set in /config/brokers/<default>, with only those synonyms.
Entries BrokerEntries(Broker& broker, bool cluster_default_only) {
  const StoredBrokerLayers stored = ReadStoredLayers(broker);
  const BrokerConfigLayers layers{&stored.per_broker, &stored.cluster_default, &broker.config().explicit_values()};
  Entries out;
  for (auto& e : DescribeBrokerConfig(*broker.current_config())) {
    if (cluster_default_only && !stored.cluster_default.count(e.name)) continue;
    std::vector<ConfigSynonym> synonyms = LayeredSynonyms(e.name, layers, e.sensitive);
    if (cluster_default_only) {
      std::erase_if(synonyms, [](const ConfigSynonym& s) { return s.source != ConfigSource::kDynamicDefaultBrokerConfig; });
    }
    TakeFirstSynonym(e, synonyms);
    ReportBoundMetricsPort(broker, e);
    out.emplace_back(std::move(e), std::move(synonyms));
  }
  return out;
}

// TOPIC resource: the topic's override first, then the synonyms of the broker key it inherits from, the broker
// layers being those this broker applies (Kafka's ConfigHelper.createTopicConfigEntry).
Entries TopicEntries(Broker& broker, const std::map<std::string, std::string>& overrides) {
  auto current = broker.current_config();
  const BrokerConfigLayers layers{&current->dynamic_broker_values(), &current->dynamic_default_values(),
                                  &broker.config().explicit_values()};
  Entries out;
  for (auto& e : DescribeTopicConfig(*current, overrides)) {
    std::vector<ConfigSynonym> synonyms;
    if (overrides.count(e.name)) synonyms.push_back({e.name, e.value, ConfigSource::kDynamicTopicConfig});
    if (std::string_view broker_key = BrokerKeyForTopicKey(e.name); !broker_key.empty()) {
      auto inherited = LayeredSynonyms(broker_key, layers, e.sensitive);
      synonyms.insert(synonyms.end(), inherited.begin(), inherited.end());
    }
    // The value stays the effective one (Kafka's LogConfig value); only the source follows the synonyms.
    e.source = synonyms.empty() ? ConfigSource::kDefaultConfig : synonyms.front().source;
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
    if (ErrorCode denied = ConfigResourceDenied(ctx, AclOperation::kDescribeConfigs, resource.resource_type,
                                                resource.resource_name);
        denied != ErrorCode::kNone) {
      out.error_code = Wire(denied);
      out.error_message = "Authorization failed.";
      continue;
    }
    Entries entries;
    if (resource.resource_type == kTopicResource) {
      auto it = md->topics.find(resource.resource_name);
      if (it == md->topics.end()) {
        out.error_code = Wire(ErrorCode::kUnknownTopicOrPartition);
        out.error_message = "topic '" + resource.resource_name + "' does not exist";
        continue;
      }
      entries = TopicEntries(broker, it->second.config);
    } else if (resource.resource_type == kBrokerResource) {
      if (!resource.resource_name.empty() && resource.resource_name != std::to_string(broker.id())) {
        out.error_code = Wire(ErrorCode::kInvalidRequest);
        out.error_message = "broker " + resource.resource_name + "'s configuration is described by that broker; this is " +
                            std::to_string(broker.id());
        continue;
      }
      entries = BrokerEntries(broker, /*cluster_default_only=*/resource.resource_name.empty());
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
