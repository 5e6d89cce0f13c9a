// ScramCredentialCache: the SCRAM credentials a broker authenticates against, by user and mechanism, as Kafka's
// CredentialCache holds them. Filled from ZooKeeper (/config/users/*) by the broker's config watcher and replaced
// as a whole on every change notification, so a lost or repeated notification cannot leave a stale credential.
// Thread safety: all methods may be called from any thread (one mutex; lookups copy the credential out).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "engine/security/scram.h"

namespace partita::security {

using UserScramCredentials = std::map<std::string, std::map<ScramMechanism, ScramCredential>>;

class ScramCredentialCache {
 public:
  std::optional<ScramCredential> Get(const std::string& user, ScramMechanism m) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto u = users_.find(user);
    if (u == users_.end()) return std::nullopt;
    auto c = u->second.find(m);
    if (c == u->second.end()) return std::nullopt;
    return c->second;
  }
  void ReplaceAll(UserScramCredentials users) {
    std::lock_guard<std::mutex> lock(mu_);
    users_ = std::move(users);
  }
  size_t user_count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return users_.size();
  }

 private:
  mutable std::mutex mu_;
  UserScramCredentials users_;
};

}  // namespace partita::security
