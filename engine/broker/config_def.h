// ConfigDef: the broker and topic configuration keys we understand (Kafka's names), their types, defaults and
// ranges. One table drives parsing server.properties, validating CreateTopics/AlterConfigs values, and
// answering DescribeConfigs, so a key is declared exactly once.
// Thread safety: immutable after static initialisation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::broker {

enum class ConfigType { kBoolean, kInt, kLong, kDouble, kString, kList, kPassword };

struct ConfigKey {
  std::string_view name;
  ConfigType type;
  std::optional<std::string_view> default_value;  // nullopt: no default (null)
  int64_t min = INT64_MIN;                        // numeric lower bound
  int64_t max = INT64_MAX;                        // numeric upper bound
  std::vector<std::string_view> allowed;          // for enumerated strings/lists; empty = any
  std::string_view doc;
  // Empty: the engine applies the key. Otherwise the key is accepted and stored (so Kafka's tools, Terraform
  // modules and copied server.properties keep working) but has no effect here, for this reason. DescribeConfigs
  // documents it, the broker warns when it is set, and docs/CONFIG.md lists it.
  std::string_view not_applied = {};
};

// Config sources as DescribeConfigs reports them.
enum class ConfigSource : int8_t {
  kUnknown = 0,
  kDynamicTopicConfig = 1,
  kDynamicBrokerConfig = 2,
  kDynamicDefaultBrokerConfig = 3,
  kStaticBrokerConfig = 4,
  kDefaultConfig = 5,
};

const std::vector<ConfigKey>& BrokerConfigKeys();
const std::vector<ConfigKey>& TopicConfigKeys();
const ConfigKey* FindBrokerKey(std::string_view name);
const ConfigKey* FindTopicKey(std::string_view name);

// Kafka 3.8 broker keys that Partita does not declare at all: server.properties may hold them (a copied Kafka
// configuration), and the broker warns that each is ignored. Any other undeclared key is refused at start, so a
// misspelt key cannot go unnoticed.
const std::vector<std::string_view>& KafkaOnlyBrokerKeys();
bool IsKafkaOnlyBrokerKey(std::string_view name);

// The "Not applied" note DescribeConfigs appends to a key's documentation, or empty when the key is applied.
std::string NotAppliedNote(const ConfigKey& key);

// Checks that `value` is valid for `key`; the error names the key and says what is expected.
Status ValidateConfigValue(const ConfigKey& key, std::string_view value);

// Broker keys a running broker applies when they are altered dynamically (/config/brokers/...); the others are
// read at start only and are refused by AlterConfigs with "cannot be updated dynamically".
bool IsDynamicBrokerKey(std::string_view name);

// The broker key that supplies a topic key's default (e.g. retention.ms <- log.retention.ms), or empty.
std::string_view BrokerKeyForTopicKey(std::string_view topic_key);

}  // namespace partita::broker
