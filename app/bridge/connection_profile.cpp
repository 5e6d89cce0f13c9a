#include "app/bridge/connection_profile.h"

namespace partita::app {

QStringList ConnectionSecurity::protocols() {
  return {QStringLiteral("PLAINTEXT"), QStringLiteral("SSL"), QStringLiteral("SASL_PLAINTEXT"),
          QStringLiteral("SASL_SSL")};
}

QStringList ConnectionSecurity::saslMechanisms() {
  return {QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")};
}

bool ConnectionSecurity::usesTls() const {
  return protocol == QLatin1String("SSL") || protocol == QLatin1String("SASL_SSL");
}

bool ConnectionSecurity::usesSasl() const { return protocol.startsWith(QLatin1String("SASL_")); }

QMap<QString, QString> ConnectionSecurity::clientProperties() const {
  QMap<QString, QString> p;
  p.insert(QStringLiteral("security.protocol"), protocol);
  if (usesTls()) {
    if (!caFile.isEmpty()) p.insert(QStringLiteral("ssl.ca.location"), caFile);
    if (!certFile.isEmpty()) p.insert(QStringLiteral("ssl.certificate.location"), certFile);
    if (!keyFile.isEmpty()) p.insert(QStringLiteral("ssl.key.location"), keyFile);
    // Kafka's client default is "https" (KIP-294); an empty value turns the host-name check off.
    p.insert(QStringLiteral("ssl.endpoint.identification.algorithm"),
             verifyHostname ? QStringLiteral("https") : QString());
  }
  if (usesSasl()) {
    p.insert(QStringLiteral("sasl.mechanism"), saslMechanism);
    p.insert(QStringLiteral("sasl.username"), username);
    p.insert(QStringLiteral("sasl.password"), password);
  }
  return p;
}

}  // namespace partita::app
