// The synonyms DescribeConfigs v1+ reports for a value (KIP-226): every layer a broker-level setting can come
// from, most specific first, in Kafka's order (ConfigHelper.configSynonyms): layer by layer — per-broker dynamic,
// cluster-default dynamic, server.properties, built-in default — and within a layer the key's synonym names in
// precedence order (log.retention.ms before .minutes before .hours). As Kafka, the list starts at the first
// entry for the key itself, so a topic's retention.ms shows no synonyms while only log.retention.hours is set.
//
// Thread safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/broker/broker_config.h"

namespace partita::broker {

struct ConfigSynonym {
  std::string name;
  std::optional<std::string> value;  // nullopt for a sensitive key
  ConfigSource source;
};

// The layers of broker-level values, most specific first; the built-in defaults come from config_def.
struct BrokerConfigLayers {
  const std::map<std::string, std::string>* per_broker = nullptr;       // /config/brokers/<id>
  const std::map<std::string, std::string>* cluster_default = nullptr;  // /config/brokers/<default>
  const std::map<std::string, std::string>* static_values = nullptr;    // server.properties
};

// The broker keys that set `broker_key`, the most precedent first (Kafka's brokerConfigSynonyms).
std::vector<std::string_view> BrokerKeySynonyms(std::string_view broker_key);

std::vector<ConfigSynonym> LayeredSynonyms(std::string_view broker_key, const BrokerConfigLayers& layers,
                                           bool sensitive);

}  // namespace partita::broker
