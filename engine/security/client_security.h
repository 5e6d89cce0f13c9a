// ClientSecurity: how a client (partita-cli, the desktop app, the engine's ClusterClient) reaches a secured
// cluster, read from Kafka client properties (--command-config files): security.protocol and the ssl.* keys
// in their PEM forms (ssl.truststore.location / ssl.truststore.certificates, ssl.keystore.location or
// ssl.keystore.certificate.chain + ssl.keystore.key, ssl.key.password, ssl.endpoint.identification.algorithm,
// ssl.enabled.protocols, ssl.cipher.suites). librdkafka's ssl.ca.location, ssl.certificate.location and
// ssl.key.location are accepted too, since people carry kcat configurations around.
// Thread safety: plain values and pure functions.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/security/security_protocol.h"
#include "engine/security/tls_context.h"
#include "engine/security/tls_settings.h"

namespace partita::security {

struct ClientSecurity {
  SecurityProtocol protocol = SecurityProtocol::kPlaintext;
  TlsSettings tls;
  // SASL (SASL_PLAINTEXT / SASL_SSL): sasl.mechanism (librdkafka: sasl.mechanisms) and the credentials from
  // sasl.jaas.config's PlainLoginModule / ScramLoginModule username/password (librdkafka: sasl.username / sasl.password).
  std::string sasl_mechanism;
  std::string sasl_username;
  std::string sasl_password;
};

// Reads the security keys of `props`; other keys are left to the caller. Errors name the key.
Result<ClientSecurity> ClientSecurityFromProperties(const std::map<std::string, std::string>& props);

// The TLS context for `security` (null without TLS). A SASL protocol without usable SASL settings (mechanism
// PLAIN or SCRAM-SHA-256/512 and credentials) is refused, so a client never connects unauthenticated where the user asked for SASL.
Result<std::shared_ptr<TlsContext>> ClientTlsContext(const ClientSecurity& security);

}  // namespace partita::security
