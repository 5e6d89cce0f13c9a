// SCRAM credentials in ZooKeeper as Kafka keeps them (KIP-84, KIP-554): /config/users/<user> holds one config
// key per mechanism, "SCRAM-SHA-256" -> "salt=...,stored_key=...,server_key=...,iterations=...", written with a
// /config/changes notification ("users/<user>") that makes every broker reload them.
// Thread safety: blocking ZooKeeper calls; any thread except a ZooKeeper callback.
#pragma once

#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/coordination/zk_client.h"
#include "engine/security/scram_credential_cache.h"

namespace partita::broker {

// Every user's credentials; a value that does not parse is skipped with a warning (never logged in full).
Result<security::UserScramCredentials> LoadUserScramCredentials(coordination::ZkClient* zk);

struct ScramUpsert {
  std::string user;
  security::ScramMechanism mechanism;
  security::ScramCredential credential;
};
struct ScramDeletion {
  std::string user;
  security::ScramMechanism mechanism;
};
// Applies the changes of one user atomically (one conditional write + notification).
Status AlterUserScramCredentials(coordination::ZkClient* zk, const std::string& user,
                                 const std::vector<ScramUpsert>& upserts, const std::vector<ScramDeletion>& deletions);

}  // namespace partita::broker
