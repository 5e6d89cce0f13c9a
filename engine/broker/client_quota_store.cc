#include "engine/broker/client_quota_store.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/coordination/config_changes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::broker {

namespace {

// Children of a znode; a missing node has none.
Result<std::vector<std::string>> ChildrenOf(coordination::ZkClient* zk, const std::string& path) {
  auto children = zk->GetChildren(path);
  if (!children.ok() && children.status().IsNotFound()) return std::vector<std::string>{};
  return children;
}

// Adds the quota keys of one entity node to `out`.
Status LoadEntity(coordination::ZkClient* zk, const std::string& entity_path, ClientQuotaConfigs* out) {
  auto entity = QuotaEntity::FromZkEntityPath(entity_path);
  if (!entity) return Status::Ok();
  auto config = coordination::ReadEntityConfig(zk, entity_path);
  if (!config.ok()) return config.status();
  for (const auto& [key, text] : *config) {
    if (!IsClientQuotaKey(key)) continue;  // SCRAM credentials live in /config/users too
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
      spdlog::warn("ignoring quota {}={} of {} in ZooKeeper: not a number", key, text, entity->Describe());
      continue;
    }
    (*out)[*entity][key] = value;
  }
  return Status::Ok();
}

}  // namespace

bool IsClientQuotaKey(const std::string& key) {
  return key == kProducerByteRate || key == kConsumerByteRate || key == kRequestPercentage ||
         key == kControllerMutationRate;
}

Result<ClientQuotaConfigs> LoadClientQuotas(coordination::ZkClient* zk) {
  ClientQuotaConfigs out;
  auto users = ChildrenOf(zk, std::string(coordination::zkpaths::kConfigUsers));
  if (!users.ok()) return users.status();
  for (const std::string& user : *users) {
    PARTITA_RETURN_IF_ERROR(LoadEntity(zk, "users/" + user, &out));
    auto clients = ChildrenOf(zk, std::string(coordination::zkpaths::kConfigUsers) + "/" + user + "/clients");
    if (!clients.ok()) return clients.status();
    for (const std::string& client : *clients) {
      PARTITA_RETURN_IF_ERROR(LoadEntity(zk, "users/" + user + "/clients/" + client, &out));
    }
  }
  auto clients = ChildrenOf(zk, std::string(coordination::zkpaths::kConfigClients));
  if (!clients.ok()) return clients.status();
  for (const std::string& client : *clients) PARTITA_RETURN_IF_ERROR(LoadEntity(zk, "clients/" + client, &out));
  return out;
}

std::string FormatQuotaValue(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return std::to_string(static_cast<int64_t>(value));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

Status AlterClientQuota(coordination::ZkClient* zk, const QuotaEntity& entity,
                        const std::vector<QuotaAlteration>& alterations) {
  std::vector<coordination::ConfigAlteration> ops;
  for (const auto& a : alterations) {
    ops.push_back({a.key, a.remove ? coordination::ConfigOpType::kDelete : coordination::ConfigOpType::kSet,
                   a.remove ? "" : FormatQuotaValue(a.value)});
  }
  return coordination::IncrementalAlterEntityConfig(zk, entity.ZkEntityPath(), ops);
}

}  // namespace partita::broker
