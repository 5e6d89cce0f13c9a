#include "engine/broker/config_synonyms.h"

#include <algorithm>

#include "engine/broker/config_def.h"

namespace partita::broker {

std::vector<std::string_view> BrokerKeySynonyms(std::string_view broker_key) {
  // Kafka's DynamicBrokerConfig.brokerConfigSynonyms: the time keys settable in several units.
  if (broker_key == "log.retention.ms") return {"log.retention.ms", "log.retention.minutes", "log.retention.hours"};
  if (broker_key == "log.roll.ms") return {"log.roll.ms", "log.roll.hours"};
  if (broker_key == "log.roll.jitter.ms") return {"log.roll.jitter.ms", "log.roll.jitter.hours"};
  if (broker_key == "log.flush.interval.ms") return {"log.flush.interval.ms", "log.flush.scheduler.interval.ms"};
  return {broker_key};
}

std::vector<ConfigSynonym> LayeredSynonyms(std::string_view broker_key, const BrokerConfigLayers& layers,
                                           bool sensitive) {
  const std::vector<std::string_view> names = BrokerKeySynonyms(broker_key);
  std::vector<ConfigSynonym> out;
  auto add_from = [&](const std::map<std::string, std::string>* layer, ConfigSource source) {
    if (!layer) return;
    for (auto name : names) {
      if (auto it = layer->find(std::string(name)); it != layer->end()) {
        out.push_back({std::string(name), sensitive ? std::nullopt : std::optional<std::string>(it->second), source});
      }
    }
  };
  add_from(layers.per_broker, ConfigSource::kDynamicBrokerConfig);
  add_from(layers.cluster_default, ConfigSource::kDynamicDefaultBrokerConfig);
  add_from(layers.static_values, ConfigSource::kStaticBrokerConfig);
  for (auto name : names) {
    const ConfigKey* key = FindBrokerKey(name);
    if (key && key->default_value) {
      out.push_back({std::string(name), sensitive ? std::nullopt : std::optional<std::string>(*key->default_value),
                     ConfigSource::kDefaultConfig});
    }
  }
  auto first_own = std::find_if(out.begin(), out.end(), [&](const ConfigSynonym& s) { return s.name == broker_key; });
  out.erase(out.begin(), first_own);
  return out;
}

}  // namespace partita::broker
