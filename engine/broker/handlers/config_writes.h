// Shared by the AlterConfigs and IncrementalAlterConfigs handlers: validating and writing one TOPIC or BROKER
// resource to ZooKeeper (Kafka's ZK mode, where the broker that handles the request writes /config/... itself,
// so any broker may answer), and answering once the written topic configs are visible in this broker's metadata.
//
// Topic overrides are applied live by every broker through its metadata watcher; dynamic broker configs
// (/config/brokers/<id> or /config/brokers/<default>, only the keys IsDynamicBrokerKey accepts) through its
// BrokerConfigWatcher, which the write's /config/changes notification wakes. A broker resource names this broker or is empty (the cluster-wide default); another broker's
// resource is INVALID_REQUEST, as in Kafka, whose clients send it to that broker.
// Thread safety: the functions block on ZooKeeper round trips (a few ms; admin requests are rare), so they are
// called on a network thread, never on a ZooKeeper or watcher thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/coordination/config_changes.h"
#include "engine/protocol/error_code.h"

namespace partita::broker {

class Broker;

constexpr int8_t kTopicResourceType = 2;
constexpr int8_t kBrokerResourceType = 4;

struct ConfigWriteOutcome {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;
  std::optional<std::string> message;
  // Set after a topic write: the topic and the overrides its metadata must show before the answer.
  std::optional<std::pair<std::string, coordination::TopicConfig>> await_topic;
};

// Alters one resource. `replace` = AlterConfigs (the SET operations become the whole override set); otherwise
// IncrementalAlterConfigs' operations. Validates everything first; with validate_only nothing is written.
ConfigWriteOutcome WriteResourceConfig(Broker& broker, int8_t resource_type, const std::string& resource_name,
                                       const std::vector<coordination::ConfigAlteration>& alterations, bool replace,
                                       bool validate_only);

// Calls finish() once every awaited topic shows its overrides in this broker's metadata (or after timeout_ms).
void WhenTopicConfigsVisible(Broker* broker,
                             std::vector<std::pair<std::string, coordination::TopicConfig>> awaited,
                             int64_t timeout_ms, std::function<void()> finish);

}  // namespace partita::broker
