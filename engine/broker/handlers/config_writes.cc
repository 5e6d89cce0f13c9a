#include "engine/broker/handlers/config_writes.h"

#include <charconv>
#include <set>

#include "engine/broker/broker.h"
#include "engine/broker/config_def.h"
#include "engine/broker/topic_settings.h"

namespace partita::broker {

using coordination::ConfigAlteration;
using coordination::ConfigOpType;
using coordination::TopicConfig;
using protocol::ErrorCode;

namespace {

ConfigWriteOutcome Fail(ErrorCode code, std::string message) {
  ConfigWriteOutcome out;
  out.error = code;
  out.message = std::move(message);
  return out;
}

ConfigWriteOutcome FromStatus(const Status& st, const std::string& what) {
  if (st.code() == Status::Code::kNotFound) return Fail(ErrorCode::kUnknownTopicOrPartition, st.message());
  return Fail(ErrorCode::kUnknownServerError, "writing the configuration of " + what + " to ZooKeeper failed: " +
                                                  st.ToString());
}

// Checks the operation list itself: one operation per key, and APPEND/SUBTRACT only on list-typed keys.
// Unknown keys are reported when the resulting values are validated.
std::optional<ConfigWriteOutcome> CheckOperations(const std::vector<ConfigAlteration>& ops,
                                                  const ConfigKey* (*find)(std::string_view)) {
  std::set<std::string> seen;
  for (const auto& op : ops) {
    if (!seen.insert(op.name).second)
      return Fail(ErrorCode::kInvalidRequest, "configuration " + op.name + " appears more than once");
    if (op.op != ConfigOpType::kAppend && op.op != ConfigOpType::kSubtract) continue;
    const ConfigKey* key = find(op.name);
    if (key && key->type != ConfigType::kList) {
      return Fail(ErrorCode::kInvalidRequest, std::string("config value ") +
                                                  (op.op == ConfigOpType::kAppend ? "append" : "subtract") +
                                                  " is not allowed for configuration " + op.name +
                                                  ", which is not a list");
    }
  }
  return std::nullopt;
}

// The configuration after the write: AlterConfigs replaces every override, IncrementalAlterConfigs applies its
// operations to the current ones.
TopicConfig Resulting(const TopicConfig& current, const std::vector<ConfigAlteration>& ops, bool replace) {
  if (!replace) return coordination::ApplyConfigAlterations(current, ops);
  TopicConfig out;
  for (const auto& op : ops) out[op.name] = op.value;
  return out;
}

// The keys whose values must be validated: all of them for a replace, the touched ones otherwise (an existing
// override that is not touched is left as it is).
TopicConfig ToValidate(const TopicConfig& expected, const std::vector<ConfigAlteration>& ops, bool replace) {
  if (replace) return expected;
  TopicConfig out;
  for (const auto& op : ops) {
    if (op.op == ConfigOpType::kDelete) continue;
    auto it = expected.find(op.name);
    if (it != expected.end()) out[it->first] = it->second;
  }
  return out;
}

ConfigWriteOutcome WriteTopic(Broker& broker, const std::string& topic, const std::vector<ConfigAlteration>& ops,
                              bool replace, bool validate_only) {
  auto md = broker.metadata();
  auto it = md->topics.find(topic);
  if (it == md->topics.end() || it->second.marked_for_deletion)
    return Fail(ErrorCode::kUnknownTopicOrPartition, "topic '" + topic + "' does not exist");
  if (auto bad = CheckOperations(ops, &FindTopicKey)) return *bad;
  coordination::ZkClient* zk = broker.zk();
  TopicConfig current;
  if (!replace) {
    auto read = coordination::ReadTopicConfig(zk, topic);
    if (!read.ok()) return FromStatus(read.status(), "topic '" + topic + "'");
    current = std::move(*read);
  }
  TopicConfig expected = Resulting(current, ops, replace);
  if (auto st = ValidateTopicConfig(ToValidate(expected, ops, replace)); !st.ok())
    return Fail(ErrorCode::kInvalidConfig, st.message());
  if (validate_only) return {};
  Status st = replace ? coordination::AlterTopicConfig(zk, topic, expected)
                      : coordination::IncrementalAlterTopicConfig(zk, topic, ops);
  if (!st.ok()) return FromStatus(st, "topic '" + topic + "'");
  // What the node holds now (a concurrent writer may have changed other keys) is what the metadata must show.
  ConfigWriteOutcome out;
  auto now = coordination::ReadTopicConfig(zk, topic);
  out.await_topic.emplace(topic, now.ok() ? *now : expected);
  return out;
}

ConfigWriteOutcome WriteBroker(Broker& broker, const std::string& name, const std::vector<ConfigAlteration>& ops,
                               bool replace, bool validate_only) {
  std::optional<int32_t> id;
  if (!name.empty()) {
    int32_t parsed = -1;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), parsed);
    if (ec != std::errc() || end != name.data() + name.size() || parsed < 0) {
      return Fail(ErrorCode::kInvalidRequest,
                  "broker resource name '" + name + "' is neither a broker id nor empty (the cluster-wide default)");
    }
    if (parsed != broker.id()) {
      return Fail(ErrorCode::kInvalidRequest, "unexpected broker id " + name + ": this is broker " +
                                                  std::to_string(broker.id()) +
                                                  "; a broker's configuration is altered through that broker");
    }
    id = parsed;
  }
  if (auto bad = CheckOperations(ops, &FindBrokerKey)) return *bad;
  coordination::ZkClient* zk = broker.zk();
  TopicConfig current;
  if (!replace) {
    auto read = coordination::ReadBrokerConfig(zk, id);
    if (!read.ok()) return FromStatus(read.status(), "broker " + (name.empty() ? std::string("<default>") : name));
    current = std::move(*read);
  }
  TopicConfig expected = Resulting(current, ops, replace);
  for (const auto& [key_name, value] : ToValidate(expected, ops, replace)) {
    const ConfigKey* key = FindBrokerKey(key_name);
    if (!key) return Fail(ErrorCode::kInvalidConfig, "unknown broker configuration " + key_name);
    if (!IsDynamicBrokerKey(key_name)) {
      return Fail(ErrorCode::kInvalidConfig, "broker configuration " + key_name +
                                                 " cannot be updated dynamically; set it in server.properties");
    }
    if (auto st = ValidateConfigValue(*key, value); !st.ok()) return Fail(ErrorCode::kInvalidConfig, st.message());
  }
  if (validate_only) return {};
  Status st = replace ? coordination::AlterBrokerConfig(zk, id, expected)
                      : coordination::IncrementalAlterBrokerConfig(zk, id, ops);
  const std::string entity = id ? std::to_string(*id) : std::string("<default>");
  if (!st.ok()) return FromStatus(st, "broker " + entity);
  // Every broker applies the change when its /config/changes watch fires (BrokerConfigWatcher).
  return {};
}

}  // namespace

ConfigWriteOutcome WriteResourceConfig(Broker& broker, int8_t resource_type, const std::string& resource_name,
                                       const std::vector<ConfigAlteration>& alterations, bool replace,
                                       bool validate_only) {
  if (resource_type != kTopicResourceType && resource_type != kBrokerResourceType)
    return Fail(ErrorCode::kInvalidRequest, "unsupported resource type " + std::to_string(resource_type));
  if (!broker.zk()) return Fail(ErrorCode::kUnknownServerError, "the broker is not connected to ZooKeeper");
  if (resource_type == kTopicResourceType) return WriteTopic(broker, resource_name, alterations, replace, validate_only);
  return WriteBroker(broker, resource_name, alterations, replace, validate_only);
}

void WhenTopicConfigsVisible(Broker* broker, std::vector<std::pair<std::string, TopicConfig>> awaited,
                             int64_t timeout_ms, std::function<void()> finish) {
  if (awaited.empty()) return finish();
  broker->WhenMetadata(
      [awaited = std::move(awaited)](const coordination::ClusterMetadata& md) {
        for (const auto& [topic, config] : awaited) {
          auto it = md.topics.find(topic);
          if (it != md.topics.end() && it->second.config != config) return false;
        }
        return true;
      },
      timeout_ms, [finish](bool) { finish(); });
}

}  // namespace partita::broker
