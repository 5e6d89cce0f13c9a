// SaslServerConfig: what a SASL_PLAINTEXT / SASL_SSL listener offers: its sasl.enabled.mechanisms and, per
// mechanism, what it authenticates against (PLAIN: the JAAS accounts; SCRAM-SHA-256/512: the broker's SCRAM
// credential cache, filled from ZooKeeper). Built once from the broker configuration and shared by the
// listener's connections (the network layer runs Kafka's SaslServerAuthenticator state machine with it).
// Thread safety: immutable after construction (the credential cache synchronises itself).
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/security/sasl_plain.h"
#include "engine/security/sasl_server_session.h"
#include "engine/security/scram_credential_cache.h"

namespace partita::security {

struct SaslServerConfig {
  std::vector<std::string> mechanisms;              // in the order the broker lists them
  std::shared_ptr<const PlainAuthenticator> plain;  // set when PLAIN is enabled
  std::shared_ptr<const ScramCredentialCache> scram;  // set when a SCRAM mechanism is enabled

  bool Enabled(const std::string& mechanism) const {
    return std::find(mechanisms.begin(), mechanisms.end(), mechanism) != mechanisms.end();
  }
  // A new exchange for an enabled mechanism, or null when this listener cannot serve it.
  std::unique_ptr<SaslServerSession> NewSession(const std::string& mechanism) const;
};

}  // namespace partita::security
