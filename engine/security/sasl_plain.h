// SASL PLAIN on the broker (RFC 4616, Kafka's PlainServerCallbackHandler): the users come from a JAAS
// configuration in Kafka's syntax,
//   org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret"
//       user_admin="admin-secret" user_alice="alice-secret";
// where each user_<name>="<password>" option is an account (username/password are the broker's own client
// credentials for inter-broker connections). The client's token is [authzid] NUL authcid NUL password.
// Thread safety: immutable after construction; Authenticate may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "engine/common/status.h"

namespace partita::security {

// One JAAS login module entry: its class, control flag and options (quotes removed).
struct JaasEntry {
  std::string login_module;
  std::string flag;
  std::map<std::string, std::string> options;
};

// Parses exactly one entry ("Class flag key=value ... ;"). Errors say what was expected where.
Result<JaasEntry> ParseJaasConfig(const std::string& text);

class PlainAuthenticator {
 public:
  // From sasl.jaas.config text; at least one user_<name> option is required (else no one could log in).
  static Result<PlainAuthenticator> FromJaas(const std::string& jaas, const std::string& what);
  // The authenticated user name, or nullopt with *error set to what the client is told (never whether the user
  // exists: Kafka answers "Authentication failed: Invalid username or password" for both).
  std::optional<std::string> Authenticate(std::span<const uint8_t> token, std::string* error) const;
  size_t user_count() const { return users_.size(); }

 private:
  std::map<std::string, std::string> users_;
};

}  // namespace partita::security
