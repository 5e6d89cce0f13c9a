// TopicSettings: a topic's effective configuration — its overrides from /config/topics/T over the broker's
// defaults — resolved once per metadata change into the typed values the hot paths use.
// Thread safety: a value.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/broker/broker_config.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/compression.h"
#include "engine/storage/log_config.h"

namespace partita::broker {

struct TopicSettings {
  storage::LogConfig log;
  int32_t max_message_bytes = 1048588;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election = false;
  bool compact = false;
  bool keep_producer_compression = true;  // compression.type=producer
  protocol::Compression compression = protocol::Compression::kNone;  // when !keep_producer_compression
  int compression_level = protocol::kDefaultCompressionLevel;        // compression.<codec>.level (KIP-390)
  // message.timestamp.before.max.ms / after.max.ms, each falling back to the deprecated difference.max.ms when
  // left at its default (Kafka 3.8's LogConfig, KIP-937). INT64_MAX: no bound.
  int64_t timestamp_before_max_ms = INT64_MAX;
  int64_t timestamp_after_max_ms = INT64_MAX;
};

// One entry of a topic's DescribeConfigs answer.
struct ConfigEntry {
  std::string name;
  std::optional<std::string> value;
  ConfigSource source = ConfigSource::kDefaultConfig;
  bool read_only = false;
  bool sensitive = false;
  std::string documentation;
  int8_t type = 0;  // DescribeConfigs v3+ config type
};

TopicSettings ResolveTopicSettings(const BrokerConfig& broker, const std::map<std::string, std::string>& overrides);

// Every topic key with its effective value and source, in the order Kafka lists them.
std::vector<ConfigEntry> DescribeTopicConfig(const BrokerConfig& broker,
                                             const std::map<std::string, std::string>& overrides);
std::vector<ConfigEntry> DescribeBrokerConfig(const BrokerConfig& broker);

// Validates topic overrides (CreateTopics / AlterConfigs); the error names the offending key.
Status ValidateTopicConfig(const std::map<std::string, std::string>& overrides);

}  // namespace partita::broker
