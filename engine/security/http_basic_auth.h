// HttpBasicAuthenticator: HTTP Basic authentication (RFC 7617) against the broker's own users, for the Schema
// Registry's schema.registry.authentication.method=BASIC (Confluent's authentication.method=BASIC, issue 15).
// A user is known when its password matches a PLAIN account (user_<name> of a SASL listener's JAAS config) or
// one of its SCRAM credentials in ZooKeeper (the salted password recomputed and its StoredKey compared, as the
// SCRAM exchange would prove it). PBKDF2 costs milliseconds, so a proven (user, password) pair is remembered
// against the credential it matched: a changed or deleted credential is checked afresh.
// Thread safety: Authenticate may be called from any thread (the remembered proofs are behind a mutex).
// Ownership: shares the PLAIN accounts and the SCRAM cache with the listeners.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/security/sasl_plain.h"
#include "engine/security/scram_credential_cache.h"

namespace partita::security {

class HttpBasicAuthenticator {
 public:
  HttpBasicAuthenticator(std::vector<std::shared_ptr<const PlainAuthenticator>> plain,
                         std::shared_ptr<const ScramCredentialCache> scram);
  // The user named by an Authorization header's value ("Basic base64(user:password)"), or nullopt when the
  // header is missing, malformed or its credentials are wrong.
  std::optional<std::string> Authenticate(const std::string& authorization) const;

 private:
  bool CheckScram(const std::string& user, const std::string& password) const;

  const std::vector<std::shared_ptr<const PlainAuthenticator>> plain_;
  const std::shared_ptr<const ScramCredentialCache> scram_;
  mutable std::mutex mu_;
  // user NUL SHA-256(password) -> the StoredKey of the credential it was proven against. Bounded (cleared when full).
  mutable std::map<std::string, std::string> proven_;
};

}  // namespace partita::security
