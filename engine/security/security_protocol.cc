#include "engine/security/security_protocol.h"

#include <cctype>

namespace partita::security {

std::optional<SecurityProtocol> ParseSecurityProtocol(std::string_view name) {
  std::string upper(name);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "PLAINTEXT") return SecurityProtocol::kPlaintext;
  if (upper == "SSL") return SecurityProtocol::kSsl;
  if (upper == "SASL_PLAINTEXT") return SecurityProtocol::kSaslPlaintext;
  if (upper == "SASL_SSL") return SecurityProtocol::kSaslSsl;
  return std::nullopt;
}

const char* SecurityProtocolName(SecurityProtocol protocol) {
  switch (protocol) {
    case SecurityProtocol::kPlaintext: return "PLAINTEXT";
    case SecurityProtocol::kSsl: return "SSL";
    case SecurityProtocol::kSaslPlaintext: return "SASL_PLAINTEXT";
    case SecurityProtocol::kSaslSsl: return "SASL_SSL";
  }
  return "?";
}

}  // namespace partita::security
