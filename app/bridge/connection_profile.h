// ConnectionProfile: what the desktop app knows about one remote cluster — a name, the bootstrap list and how
// to reach it securely (Kafka's client settings: security.protocol, sasl.mechanism, credentials, PEM files,
// ssl.endpoint.identification.algorithm). Plain Qt values, no engine types, so ui/ can hold and edit them;
// the bridge turns them into the engine's client options (client_factory.h).
// Thread safety: plain values.
#pragma once

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace partita::app {

struct ConnectionSecurity {
  QString protocol = QStringLiteral("PLAINTEXT");  // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
  QString saslMechanism = QStringLiteral("PLAIN");  // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
  QString username;
  QString password;
  QString caFile;    // PEM CA certificates; empty: the system's CAs
  QString certFile;  // PEM client certificate (mutual TLS), with keyFile
  QString keyFile;
  bool verifyHostname = true;  // ssl.endpoint.identification.algorithm=https

  static QStringList protocols();
  static QStringList saslMechanisms();
  bool usesTls() const;
  bool usesSasl() const;
  // Kafka / librdkafka client properties for these settings (what a --command-config file would say); the
  // engine reads them with ClientSecurityFromProperties, so the app and partita-cli validate alike.
  QMap<QString, QString> clientProperties() const;
  bool operator==(const ConnectionSecurity&) const = default;
};

// Where a cluster's Schema Registry is: "http://host:port" (or https), with basic auth as Confluent's
// basic.auth.user.info (user:password). Empty url: none.
struct RegistryEndpoint {
  QString url;
  QString user;
  QString password;
  // PEM CA certificates an https:// registry's certificate may chain to, besides the system's (Confluent's
  // schema.registry.ssl.truststore.location). Empty: the cluster's own CA file, if it has one.
  QString caFile;
  bool isSet() const { return !url.trimmed().isEmpty(); }
  bool operator==(const RegistryEndpoint&) const = default;
};

struct ConnectionProfile {
  QString name;
  QString bootstrapServers;
  ConnectionSecurity security;
  // Keep the password in the settings file (else it lives only in memory until the app quits).
  bool rememberPassword = false;
  RegistryEndpoint schemaRegistry;  // its password is remembered or not with the SASL one
  bool operator==(const ConnectionProfile&) const = default;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::ConnectionProfile)
