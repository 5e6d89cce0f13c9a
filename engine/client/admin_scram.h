// Admin calls for SCRAM credentials (KIP-554), as Kafka's Admin.describeUserScramCredentials /
// alterUserScramCredentials: the password is salted and hashed here (a fresh random salt, PBKDF2 with the
// requested iterations), so only the salted password travels, never the password.
// Thread safety: as ClusterClient (the calls lock it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/security/scram.h"

namespace partita::client {

struct UserScramCredentialsInfo {
  std::string user;
  std::vector<std::pair<security::ScramMechanism, int32_t>> credentials;  // mechanism, iterations
  Status status;  // RESOURCE_NOT_FOUND etc. for a named user
};

// users empty = every user with a credential.
Result<std::vector<UserScramCredentialsInfo>> DescribeUserScramCredentials(ClusterClient& client,
                                                                           const std::vector<std::string>& users);

struct ScramCredentialChange {
  std::string user;
  security::ScramMechanism mechanism = security::ScramMechanism::kSha256;
  std::optional<std::string> password;  // nullopt: delete the credential
  int32_t iterations = security::kScramMinIterations;
};

// One status per user, in request order.
Result<std::vector<ItemStatus>> AlterUserScramCredentials(ClusterClient& client,
                                                          const std::vector<ScramCredentialChange>& changes);

}  // namespace partita::client
