// Dynamic config writes in ZK mode, as Kafka's AdminZkClient does them on whichever broker handles AlterConfigs /
// IncrementalAlterConfigs (not the controller):
//   /config/topics/T, /config/brokers/<id>, /config/brokers/<default>   {"version":1,"config":{"k":"v"}}
// plus, in the same atomic multi, a persistent sequential change notification that brokers watch:
//   /config/changes/config_change_N   {"version":2,"entity_path":"topics/T"}   ("brokers/1", "brokers/<default>")
// Values are not validated here (the caller knows the config definitions); unknown topics -> NotFound.
// Incremental forms re-read the node and write conditionally on its zkVersion, retrying on a concurrent write.
// Thread safety: any thread except a ZooKeeper watch callback (blocking calls).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

// IncrementalAlterConfigs' operations (Kafka's AlterConfigOp.OpType, same numbering).
enum class ConfigOpType : int8_t { kSet = 0, kDelete = 1, kAppend = 2, kSubtract = 3 };

struct ConfigAlteration {
  std::string name;
  ConfigOpType op = ConfigOpType::kSet;
  std::string value;  // SET: the value; APPEND/SUBTRACT: comma-separated list items; DELETE: ignored
};

// Applies alterations to a config map as Kafka does: SET replaces, DELETE removes the override, APPEND adds the
// list items not yet present to the current comma-separated value, SUBTRACT removes them (may leave "").
// The caller decides which configs are lists. Pure function.
TopicConfig ApplyConfigAlterations(const TopicConfig& current, const std::vector<ConfigAlteration>& alterations);

// Replaces the whole override map of a topic (NotFound if /brokers/topics/T does not exist).
Status AlterTopicConfig(ZkClient* zk, const std::string& topic, const TopicConfig& config);
Status IncrementalAlterTopicConfig(ZkClient* zk, const std::string& topic,
                                   const std::vector<ConfigAlteration>& alterations);
// Current overrides of a topic (empty map if the config node is missing but the topic exists).
Result<TopicConfig> ReadTopicConfig(ZkClient* zk, const std::string& topic);

// Broker dynamic configs: broker_id nullopt = the cluster-wide default (/config/brokers/<default>).
Status AlterBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id, const TopicConfig& config);
Status IncrementalAlterBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id,
                                    const std::vector<ConfigAlteration>& alterations);
Result<TopicConfig> ReadBrokerConfig(ZkClient* zk, std::optional<int32_t> broker_id);

// User configs (/config/users/<sanitized name>, Kafka's entity "users/<name>"): where SCRAM credentials live,
// one key per mechanism ("SCRAM-SHA-256" -> "salt=...,stored_key=...,server_key=...,iterations=..."). Names are
// sanitized as Kafka's Sanitizer does (URL encoding). ReadAllUserConfigs leaves out users with an empty config.
Status IncrementalAlterUserConfig(ZkClient* zk, const std::string& user,
                                  const std::vector<ConfigAlteration>& alterations);
Result<std::map<std::string, TopicConfig>> ReadAllUserConfigs(ZkClient* zk);

// Any config entity by Kafka's entity path (relative to /config, names already sanitized), e.g. the client
// quota entities "users/alice", "clients/<default>", "users/alice/clients/app-1" (KIP-55). The write adds the
// /config/changes notification naming that path, so every broker's config watcher re-reads.
Status IncrementalAlterEntityConfig(ZkClient* zk, const std::string& entity_path,
                                    const std::vector<ConfigAlteration>& alterations);
// The entity's config, empty if its node is missing.
Result<TopicConfig> ReadEntityConfig(ZkClient* zk, const std::string& entity_path);
// Kafka's Sanitizer: an entity name becomes a znode name by URL encoding (space as %20, '*' as %2A, '~' kept).
std::string SanitizeEntityName(const std::string& name);
std::string DesanitizeEntityName(const std::string& name);

}  // namespace partita::coordination
