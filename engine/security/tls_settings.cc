#include "engine/security/tls_settings.h"

namespace partita::security {

Status TlsSettings::Validate(bool server, const std::string& what) const {
  auto fail = [&](const std::string& why) { return Status::InvalidArgument(what + ": " + why); };
  // KIP-651 brought PEM to Kafka; JKS and PKCS12 are Java formats this build does not read.
  if (keystore_type_explicit && keystore_type != "PEM") {
    return fail("ssl.keystore.type " + keystore_type + " is not supported; use ssl.keystore.type=PEM (KIP-651)");
  }
  if (truststore_type_explicit && truststore_type != "PEM") {
    return fail("ssl.truststore.type " + truststore_type +
                " is not supported; use ssl.truststore.type=PEM (KIP-651)");
  }
  // Kafka's DefaultSslEngineFactory: a PEM key store has no store password, only ssl.key.password.
  if (keystore_password_set) {
    return fail("SSL key store password cannot be specified with PEM format, only key password may be specified "
                "(remove ssl.keystore.password)");
  }
  if (!keystore_location.empty() && (!keystore_certificate_chain.empty() || !keystore_key.empty())) {
    return fail("set either ssl.keystore.location or ssl.keystore.certificate.chain with ssl.keystore.key, not both");
  }
  if (keystore_location.empty() && (keystore_certificate_chain.empty() != keystore_key.empty())) {
    return fail("ssl.keystore.certificate.chain and ssl.keystore.key must be set together");
  }
  if (!truststore_location.empty() && !truststore_certificates.empty()) {
    return fail("set either ssl.truststore.location or ssl.truststore.certificates, not both");
  }
  if (server && !HasKeystore()) {
    return fail("TLS needs the broker's certificate and key: set ssl.keystore.type=PEM with ssl.keystore.location "
                "(or ssl.keystore.certificate.chain and ssl.keystore.key)");
  }
  if (enabled_protocols.empty()) return fail("ssl.enabled.protocols is empty");
  for (const auto& p : enabled_protocols) {
    if (p != "TLSv1.2" && p != "TLSv1.3") {
      return fail("ssl.enabled.protocols: '" + p + "' is not supported (TLSv1.2, TLSv1.3)");
    }
  }
  return Status::Ok();
}

}  // namespace partita::security
