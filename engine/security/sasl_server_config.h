// SaslServerConfig: what a SASL_PLAINTEXT / SASL_SSL listener offers: its sasl.enabled.mechanisms and, per
// mechanism, the authenticator holding its accounts. Built once from the broker configuration and shared by the
// listener's connections (the network layer runs Kafka's SaslServerAuthenticator state machine with it).
// Thread safety: immutable after construction.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/security/sasl_plain.h"

namespace partita::security {

struct SaslServerConfig {
  std::vector<std::string> mechanisms;              // in the order the broker lists them
  std::shared_ptr<const PlainAuthenticator> plain;  // set when PLAIN is enabled

  bool Enabled(const std::string& mechanism) const {
    return std::find(mechanisms.begin(), mechanisms.end(), mechanism) != mechanisms.end();
  }
};

}  // namespace partita::security
