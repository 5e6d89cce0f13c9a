// Kafka's znode payloads (ZK mode) as C++ values with JSON encoders/decoders (nlohmann-json).
//
// Encoders write Kafka's field names and versions (golden strings in tests/engine/coordination). Decoders accept
// what Kafka itself writes (e.g. later versions with extra fields such as "features", "topic_id",
// "leader_recovery_state") and reject malformed or mistyped JSON with Status::Corruption; they never throw.
// Pure functions on values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status.h"

namespace partita::coordination {

// One listener of a broker: "PLAINTEXT://host:9092" with protocol map entry PLAINTEXT -> PLAINTEXT.
struct BrokerEndpoint {
  std::string listener = "PLAINTEXT";
  std::string host;
  int32_t port = 0;
  std::string security_protocol = "PLAINTEXT";
  bool operator==(const BrokerEndpoint&) const = default;
};

// /brokers/ids/N (ephemeral), Kafka's version 5.
struct BrokerRegistration {
  int32_t id = -1;  // from the path, not the JSON
  std::string host;
  int32_t port = -1;
  std::vector<BrokerEndpoint> endpoints;
  std::optional<std::string> rack;
  int32_t jmx_port = -1;
  int64_t timestamp_ms = 0;
  int64_t broker_epoch = -1;  // the znode's czxid, filled in by readers; not part of the JSON
  bool operator==(const BrokerRegistration&) const = default;
};
// The host and port clients of `listener` use to reach `broker` (the registration's default endpoint when that
// listener is not registered).
std::pair<std::string, int32_t> EndpointFor(const BrokerRegistration& broker, std::string_view listener);

std::string EncodeBrokerRegistration(const BrokerRegistration& broker);
Result<BrokerRegistration> DecodeBrokerRegistration(int32_t id, std::string_view json);

// /controller (ephemeral).
struct ControllerInfo {
  int32_t broker_id = -1;
  int64_t timestamp_ms = 0;
  bool operator==(const ControllerInfo&) const = default;
};
std::string EncodeControllerInfo(const ControllerInfo& info);
Result<ControllerInfo> DecodeControllerInfo(std::string_view json);

// /controller_epoch: a plain decimal number.
std::string EncodeControllerEpoch(int32_t epoch);
Result<int32_t> DecodeControllerEpoch(std::string_view text);

// /brokers/topics/T: replica assignment per partition (+ in-flight reassignment sets).
struct TopicAssignment {
  std::map<int32_t, std::vector<int32_t>> partitions;
  std::map<int32_t, std::vector<int32_t>> adding_replicas;
  std::map<int32_t, std::vector<int32_t>> removing_replicas;
  // Kafka >= 2.8 writes version 3 with a topic id. Encoded as version 3 when set, version 2 otherwise.
  std::optional<std::string> topic_id;
  bool operator==(const TopicAssignment&) const = default;
};
std::string EncodeTopicAssignment(const TopicAssignment& assignment);
Result<TopicAssignment> DecodeTopicAssignment(std::string_view json);

// /brokers/topics/T/partitions/P/state, written conditionally on its zkVersion.
struct PartitionState {
  int32_t leader = -1;  // -1: no leader (offline)
  int32_t leader_epoch = 0;
  int32_t controller_epoch = 0;
  std::vector<int32_t> isr;
  bool operator==(const PartitionState&) const = default;
};
std::string EncodePartitionState(const PartitionState& state);
Result<PartitionState> DecodePartitionState(std::string_view json);

// /config/topics/T: topic-level overrides ("retention.ms" -> "1000").
using TopicConfig = std::map<std::string, std::string>;
std::string EncodeTopicConfig(const TopicConfig& config);
Result<TopicConfig> DecodeTopicConfig(std::string_view json);

// /config/changes/config_change_NNNNNNNNNN: tells brokers that /config/<entity_path> changed.
std::string EncodeConfigChangeNotification(const std::string& entity_path);

// /cluster/id: {"version":"1","id":"..."} (Kafka writes the version as a string here).
std::string EncodeClusterId(const std::string& id);
Result<std::string> DecodeClusterId(std::string_view json);
// A random UUID in Kafka's form: 16 bytes, URL-safe base64 without padding (22 characters).
std::string GenerateClusterId();
// Same form, used for topic ids (Kafka's Uuid.randomUuid, never starting with '-').
std::string GenerateUuid();

// Kafka's topic name rules: [a-zA-Z0-9._-]+, length <= 249, not "." or "..". Returns InvalidArgument saying why.
Status ValidateTopicName(std::string_view name);

}  // namespace partita::coordination
