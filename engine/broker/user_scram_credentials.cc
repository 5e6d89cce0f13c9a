#include "engine/broker/user_scram_credentials.h"

#include <spdlog/spdlog.h>

#include "engine/coordination/config_changes.h"

namespace partita::broker {

Result<security::UserScramCredentials> LoadUserScramCredentials(coordination::ZkClient* zk) {
  auto configs = coordination::ReadAllUserConfigs(zk);
  if (!configs.ok()) return configs.status();
  security::UserScramCredentials out;
  for (const auto& [user, config] : *configs) {
    for (const auto& [key, value] : config) {
      auto mechanism = security::ScramMechanismFromName(key);
      if (!mechanism) continue;  // quotas and other user configs live here too
      auto credential = security::ParseScramCredential(value);
      if (!credential.ok()) {
        spdlog::warn("ignoring the {} credential of user '{}' in ZooKeeper: {}", key, user,
                     credential.status().message());
        continue;
      }
      out[user][*mechanism] = std::move(*credential);
    }
  }
  return out;
}

Status AlterUserScramCredentials(coordination::ZkClient* zk, const std::string& user,
                                 const std::vector<ScramUpsert>& upserts, const std::vector<ScramDeletion>& deletions) {
  std::vector<coordination::ConfigAlteration> ops;
  for (const auto& d : deletions) {
    ops.push_back({security::ScramMechanismName(d.mechanism), coordination::ConfigOpType::kDelete, ""});
  }
  for (const auto& u : upserts) {
    ops.push_back({security::ScramMechanismName(u.mechanism), coordination::ConfigOpType::kSet,
                   security::FormatScramCredential(u.credential)});
  }
  return coordination::IncrementalAlterUserConfig(zk, user, ops);
}

}  // namespace partita::broker
