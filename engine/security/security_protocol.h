// SecurityProtocol: Kafka's four listener security protocols (org.apache.kafka.common.security.auth
// .SecurityProtocol) and the facts the network layer needs about each: does it run TLS, does it run SASL.
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace partita::security {

enum class SecurityProtocol { kPlaintext, kSsl, kSaslPlaintext, kSaslSsl };

// "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL" (case-insensitive, as Kafka's SecurityProtocol.forName);
// nullopt for anything else.
std::optional<SecurityProtocol> ParseSecurityProtocol(std::string_view name);
const char* SecurityProtocolName(SecurityProtocol protocol);

inline bool UsesTls(SecurityProtocol p) { return p == SecurityProtocol::kSsl || p == SecurityProtocol::kSaslSsl; }
inline bool UsesSasl(SecurityProtocol p) {
  return p == SecurityProtocol::kSaslPlaintext || p == SecurityProtocol::kSaslSsl;
}

// Kafka's principal of a connection nobody authenticated (KafkaPrincipal.ANONYMOUS).
inline constexpr std::string_view kAnonymousPrincipal = "User:ANONYMOUS";

}  // namespace partita::security
