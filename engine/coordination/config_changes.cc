#include "engine/coordination/config_changes.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

// Entity as Kafka names it in notifications ("topics/T", "brokers/<default>") and its config node path.
struct Entity {
  std::string entity_path;
  std::string node_path;
};
Entity TopicEntity(const std::string& topic) { return {"topics/" + topic, zkpaths::TopicConfigPath(topic)}; }
Entity BrokerEntity(std::optional<int32_t> id) {
  const std::string name = id ? std::to_string(*id) : "<default>";
  return {"brokers/" + name, std::string(zkpaths::kConfigBrokers) + "/" + name};
}

}  // namespace

std::string SanitizeEntityName(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string DesanitizeEntityName(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size() && std::isxdigit(static_cast<unsigned char>(name[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(name[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(name[i]);
    }
  }
  return out;
}

namespace {

Entity UserEntity(const std::string& user) {
  const std::string name = SanitizeEntityName(user);
  return {"users/" + name, std::string(zkpaths::kConfigUsers) + "/" + name};
}

Status TopicExists(ZkClient* zk, const std::string& topic) {
  Result<std::optional<ZkStat>> exists = zk->Exists(zkpaths::TopicPath(topic));
  if (!exists.ok()) return exists.status();
  if (!exists->has_value()) return Status::NotFound("topic '" + topic + "' does not exist");
  return Status::Ok();
}

// Reads the entity's config and its zkVersion (-1 if the node is missing).
Result<std::pair<TopicConfig, int32_t>> ReadEntity(ZkClient* zk, const Entity& e) {
  Result<ZkGetResult> got = zk->Get(e.node_path);
  if (!got.ok()) {
    if (got.status().IsNotFound()) return std::make_pair(TopicConfig{}, -1);
    return got.status();
  }
  if (got->data.empty()) return std::make_pair(TopicConfig{}, got->stat.version);
  Result<TopicConfig> c = DecodeTopicConfig(got->data);
  if (!c.ok()) return c.status();
  return std::make_pair(*c, got->stat.version);
}

// Writes config + notification atomically. version -1: the node must be created; otherwise conditional.
Status WriteEntity(ZkClient* zk, const Entity& e, const TopicConfig& config, int32_t version) {
  PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(zkpaths::kConfigChanges)));
  PARTITA_RETURN_IF_ERROR(zk->EnsurePath(e.node_path.substr(0, e.node_path.rfind('/'))));
  ZkOp write = version < 0 ? ZkOp::Create(e.node_path, EncodeTopicConfig(config))
                           : ZkOp::SetData(e.node_path, EncodeTopicConfig(config), version);
  return zk->Multi({write, ZkOp::Create(std::string(zkpaths::kConfigChangePrefix),
                                        EncodeConfigChangeNotification(e.entity_path),
                                        CreateMode::kPersistentSequential)});
}

bool LostRace(const Status& s) { return IsBadVersion(s) || s.code() == Status::Code::kAlreadyExists; }

Status AlterEntity(ZkClient* zk, const Entity& e,
                   const std::function<TopicConfig(const TopicConfig&)>& next) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto current = ReadEntity(zk, e);
    if (!current.ok()) return current.status();
    Status s = WriteEntity(zk, e, next(current->first), current->second);
    if (!LostRace(s)) return s;
  }
  return Status::Aborted("config of " + e.entity_path + " kept changing concurrently; try again");
}

}  // namespace

TopicConfig ApplyConfigAlterations(const TopicConfig& current, const std::vector<ConfigAlteration>& alterations) {
  TopicConfig out = current;
  for (const ConfigAlteration& a : alterations) {
    switch (a.op) {
      case ConfigOpType::kSet: out[a.name] = a.value; break;
      case ConfigOpType::kDelete: out.erase(a.name); break;
      case ConfigOpType::kAppend: {
        auto it = out.find(a.name);
        std::vector<std::string> items = it == out.end() ? std::vector<std::string>{} : SplitList(it->second);
        for (const std::string& add : SplitList(a.value)) {
          if (std::find(items.begin(), items.end(), add) == items.end()) items.push_back(add);
        }
        out[a.name] = JoinList(items);
        break;
      }
      case ConfigOpType::kSubtract: {
        auto it = out.find(a.name);
        if (it == out.end()) break;  // nothing to remove from an absent override
        std::vector<std::string> items = SplitList(it->second);
        for (const std::string& rm : SplitList(a.value)) items.erase(std::remove(items.begin(), items.end(), rm), items.end());
        it->second = JoinList(items);
        break;
      }
    }
  }
  return out;
}

Status AlterTopicConfig(ZkClient* zk, const std::string& topic, const TopicConfig& config) {
  PARTITA_RETURN_IF_ERROR(TopicExists(zk, topic));
  return AlterEntity(zk, TopicEntity(topic), [&](const TopicConfig&) { return config; });
}

Status IncrementalAlterTopicConfig(ZkClient* zk, const std::string& topic,
                                   const std::vector<ConfigAlteration>& alterations) {
  PARTITA_RETURN_IF_ERROR(TopicExists(zk, topic));
  return AlterEntity(zk, TopicEntity(topic),
                     [&](const TopicConfig& current) { return ApplyConfigAlterations(current, alterations); });
}

Result<TopicConfig> ReadTopicConfig(ZkClient* zk, const std::string& topic) {
  PARTITA_RETURN_IF_ERROR(TopicExists(zk, topic));
  auto current = ReadEntity(zk, TopicEntity(topic));
  if (!current.ok()) return current.status();
  return current->first;
}

Status AlterBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id, const TopicConfig& config) {
  return AlterEntity(zk, BrokerEntity(broker_id), [&](const TopicConfig&) { return config; });
}

Status IncrementalAlterBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id,
                                    const std::vector<ConfigAlteration>& alterations) {
  return AlterEntity(zk, BrokerEntity(broker_id),
                     [&](const TopicConfig& current) { return ApplyConfigAlterations(current, alterations); });
}

Result<TopicConfig> ReadBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id) {
  auto current = ReadEntity(zk, BrokerEntity(broker_id));
  if (!current.ok()) return current.status();
  return current->first;
}

Status IncrementalAlterUserConfig(ZkClient* zk, const std::string& user,
                                  const std::vector<ConfigAlteration>& alterations) {
  return AlterEntity(zk, UserEntity(user),
                     [&](const TopicConfig& current) { return ApplyConfigAlterations(current, alterations); });
}

Result<std::map<std::string, TopicConfig>> ReadAllUserConfigs(ZkClient* zk) {
  std::map<std::string, TopicConfig> out;
  Result<std::vector<std::string>> children = zk->GetChildren(std::string(zkpaths::kConfigUsers));
  if (!children.ok()) {
    if (children.status().IsNotFound()) return out;
    return children.status();
  }
  for (const std::string& child : *children) {
    const std::string user = DesanitizeEntityName(child);
    auto current = ReadEntity(zk, UserEntity(user));
    if (!current.ok()) return current.status();
    if (!current->first.empty()) out[user] = std::move(current->first);
  }
  return out;
}

Status IncrementalAlterEntityConfig(ZkClient* zk, const std::string& entity_path,
                                    const std::vector<ConfigAlteration>& alterations) {
  const Entity e{entity_path, std::string(zkpaths::kConfig) + "/" + entity_path};
  return AlterEntity(zk, e, [&](const TopicConfig& current) { return ApplyConfigAlterations(current, alterations); });
}

Result<TopicConfig> ReadEntityConfig(ZkClient* zk, const std::string& entity_path) {
  auto current = ReadEntity(zk, {entity_path, std::string(zkpaths::kConfig) + "/" + entity_path});
  if (!current.ok()) return current.status();
  return current->first;
}

}  // namespace partita::coordination
