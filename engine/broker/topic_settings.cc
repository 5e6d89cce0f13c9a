#include "engine/broker/topic_settings.h"

#include <cctype>
#include <initializer_list>

namespace partita::broker {

namespace {

// The source of a value Kafka derives from several broker keys: the most specific layer any of them is set in
// (per-broker dynamic, cluster-default dynamic, server.properties, built-in default).
ConfigSource StrongestSource(const BrokerConfig& broker, std::initializer_list<std::string_view> keys) {
  ConfigSource best = ConfigSource::kDefaultConfig;
  for (auto k : keys) {
    ConfigSource s = broker.SourceOf(k);
    if (s != ConfigSource::kDefaultConfig && (best == ConfigSource::kDefaultConfig || s < best)) best = s;
  }
  return best;
}

// The value a topic key takes: the topic's override, else the broker's setting, else the topic default.
std::optional<std::string> Effective(const BrokerConfig& broker, const std::map<std::string, std::string>& overrides,
                                     const ConfigKey& key, ConfigSource* source) {
  if (auto it = overrides.find(std::string(key.name)); it != overrides.end()) {
    *source = ConfigSource::kDynamicTopicConfig;
    return it->second;
  }
  // Broker-derived defaults that Kafka computes from several keys.
  if (key.name == "retention.ms") {
    *source = StrongestSource(broker, {"log.retention.ms", "log.retention.minutes", "log.retention.hours"});
    return std::to_string(broker.retention_ms());
  }
  if (key.name == "segment.ms") {
    *source = StrongestSource(broker, {"log.roll.ms", "log.roll.hours"});
    return std::to_string(broker.roll_ms());
  }
  if (key.name == "index.interval.bytes") {
    *source = StrongestSource(broker, {"log.index.interval.bytes", "index.interval.bytes"});
    return std::to_string(broker.index_interval_bytes());
  }
  std::string_view broker_key = BrokerKeyForTopicKey(key.name);
  if (!broker_key.empty()) {
    *source = broker.SourceOf(broker_key);
    if (auto v = broker.Get(broker_key)) return v;
  }
  *source = ConfigSource::kDefaultConfig;
  if (key.default_value) return std::string(*key.default_value);
  return std::nullopt;
}

int64_t ToLong(const std::optional<std::string>& v, int64_t fallback) {
  if (!v) return fallback;
  try {
    return std::stoll(*v);
  } catch (...) {
    return fallback;
  }
}

double ToDouble(const std::optional<std::string>& v, double fallback) {
  if (!v) return fallback;
  try {
    return std::stod(*v);
  } catch (...) {
    return fallback;
  }
}

int8_t WireType(ConfigType t) {
  switch (t) {
    case ConfigType::kBoolean: return 1;
    case ConfigType::kString: return 2;
    case ConfigType::kInt: return 3;
    case ConfigType::kLong: return 5;
    case ConfigType::kDouble: return 6;
    case ConfigType::kList: return 7;
    case ConfigType::kPassword: return 9;
  }
  return 0;
}

// Kafka has no "unsupported" flag in DescribeConfigs: a key without effect says so in its documentation, which
// kafka-configs --describe --all and the desktop app show next to the value.
std::string Documentation(const ConfigKey& key) {
  std::string doc(key.doc);
  if (std::string note = NotAppliedNote(key); !note.empty()) doc.append(" ").append(note);
  return doc;
}

}  // namespace

TopicSettings ResolveTopicSettings(const BrokerConfig& broker, const std::map<std::string, std::string>& overrides) {
  TopicSettings s;
  auto get = [&](std::string_view name) {
    ConfigSource src;
    return Effective(broker, overrides, *FindTopicKey(name), &src);
  };
  s.log.segment_bytes = static_cast<int32_t>(ToLong(get("segment.bytes"), s.log.segment_bytes));
  s.log.segment_ms = ToLong(get("segment.ms"), s.log.segment_ms);
  int64_t jitter = ToLong(get("segment.jitter.ms"), 0);
  if (jitter > 0) s.log.segment_jitter_ms = jitter;
  s.log.index_interval_bytes = static_cast<int32_t>(ToLong(get("index.interval.bytes"), 4096));
  s.log.max_index_bytes = static_cast<int32_t>(ToLong(get("segment.index.bytes"), s.log.max_index_bytes));
  s.log.retention_ms = ToLong(get("retention.ms"), s.log.retention_ms);
  s.log.retention_bytes = ToLong(get("retention.bytes"), -1);
  s.log.flush_interval_messages = ToLong(get("flush.messages"), INT64_MAX);
  s.log.flush_interval_ms = ToLong(get("flush.ms"), INT64_MAX);
  s.log.message_timestamp_type = get("message.timestamp.type").value_or("CreateTime") == "LogAppendTime"
                                     ? storage::TimestampType::kLogAppendTime
                                     : storage::TimestampType::kCreateTime;
  const int64_t difference = ToLong(get("message.timestamp.difference.max.ms"), INT64_MAX);
  const int64_t before = ToLong(get("message.timestamp.before.max.ms"), INT64_MAX);
  const int64_t after = ToLong(get("message.timestamp.after.max.ms"), INT64_MAX);
  s.timestamp_before_max_ms = before != INT64_MAX ? before : difference;
  s.timestamp_after_max_ms = after != INT64_MAX ? after : difference;
  s.max_message_bytes = static_cast<int32_t>(ToLong(get("max.message.bytes"), s.max_message_bytes));
  s.min_insync_replicas = static_cast<int32_t>(ToLong(get("min.insync.replicas"), 1));
  std::string unclean = get("unclean.leader.election.enable").value_or("false");
  for (auto& c : unclean) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  s.unclean_leader_election = unclean == "true";
  const std::string policy = get("cleanup.policy").value_or("delete");
  s.compact = policy.find("compact") != std::string::npos;
  s.log.cleanup_compact = s.compact;
  s.log.cleanup_delete = policy.find("delete") != std::string::npos;
  s.log.delete_retention_ms = ToLong(get("delete.retention.ms"), s.log.delete_retention_ms);
  s.log.min_compaction_lag_ms = ToLong(get("min.compaction.lag.ms"), 0);
  s.log.max_compaction_lag_ms = ToLong(get("max.compaction.lag.ms"), INT64_MAX);
  s.log.min_cleanable_dirty_ratio = ToDouble(get("min.cleanable.dirty.ratio"), 0.5);
  std::string compression = get("compression.type").value_or("producer");
  s.keep_producer_compression = compression == "producer";
  if (compression == "gzip") s.compression = protocol::Compression::kGzip;
  if (compression == "snappy") s.compression = protocol::Compression::kSnappy;
  if (compression == "lz4") s.compression = protocol::Compression::kLz4;
  if (compression == "zstd") s.compression = protocol::Compression::kZstd;
  if (compression == "gzip" || compression == "lz4" || compression == "zstd") {
    s.compression_level = static_cast<int>(
        ToLong(get("compression." + compression + ".level"), protocol::kDefaultCompressionLevel));
  }
  return s;
}

std::vector<ConfigEntry> DescribeTopicConfig(const BrokerConfig& broker,
                                             const std::map<std::string, std::string>& overrides) {
  std::vector<ConfigEntry> out;
  for (const auto& key : TopicConfigKeys()) {
    ConfigEntry e;
    e.name = std::string(key.name);
    e.value = Effective(broker, overrides, key, &e.source);
    e.documentation = Documentation(key);
    e.type = WireType(key.type);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ConfigEntry> DescribeBrokerConfig(const BrokerConfig& broker) {
  std::vector<ConfigEntry> out;
  for (const auto& key : BrokerConfigKeys()) {
    ConfigEntry e;
    e.name = std::string(key.name);
    e.value = broker.Get(key.name);
    e.source = broker.SourceOf(key.name);
    e.read_only = !IsDynamicBrokerKey(key.name);
    e.sensitive = key.type == ConfigType::kPassword;
    if (e.sensitive) e.value = std::nullopt;
    e.documentation = Documentation(key);
    e.type = WireType(key.type);
    out.push_back(std::move(e));
  }
  return out;
}

Status ValidateTopicConfig(const std::map<std::string, std::string>& overrides) {
  for (const auto& [name, value] : overrides) {
    const ConfigKey* key = FindTopicKey(name);
    if (!key) return Status::InvalidArgument("unknown topic configuration " + name);
    PARTITA_RETURN_IF_ERROR(ValidateConfigValue(*key, value));
  }
  return Status::Ok();
}

}  // namespace partita::broker
