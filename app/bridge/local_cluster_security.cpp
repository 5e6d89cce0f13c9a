#include "app/bridge/local_cluster_security.h"

#include <QFile>
#include <QFileInfo>

#include "app/bridge/local_cluster_certs.h"
#include "app/cli/registry_urls.h"
#include "engine/broker/user_scram_credentials.h"
#include "engine/coordination/zk_client.h"
#include "engine/security/scram.h"

namespace partita::app {
namespace {

constexpr const char* kAdmin = "admin";

// admin's password: read back, or made once (24 random bytes, base64) and written owner-only.
bool AdminPassword(const QString& securityDir, QString* password, QString* error) {
  const QString path = securityDir + QStringLiteral("/admin.password");
  QFile file(path);
  if (QFileInfo::exists(path)) {
    if (!file.open(QIODevice::ReadOnly)) {
      *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
      return false;
    }
    *password = QString::fromUtf8(file.readAll()).trimmed();
    return !password->isEmpty();
  }
  // '+' and '/' would need quoting nowhere, but letters and digits are easier to copy by hand.
  *password = QString::fromStdString(security::Base64Encode(security::RandomBytes(24)))
                  .remove(QLatin1Char('+')).remove(QLatin1Char('/')).remove(QLatin1Char('='));
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || file.write(password->toUtf8()) < 0) {
    *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

ConnectionSecurity LocalClusterCredentials::security() const {
  ConnectionSecurity s;
  s.protocol = QStringLiteral("SASL_SSL");
  s.saslMechanism = QStringLiteral("SCRAM-SHA-512");
  s.username = user;
  s.password = password;
  s.caFile = caFile;
  s.verifyHostname = true;  // the broker certificate names 127.0.0.1 and localhost
  return s;
}

bool PrepareSecuredLocalCluster(const QString& dataDir, cluster::LocalCluster::Options* options,
                                LocalClusterCredentials* credentials, QString* error) {
  const QString securityDir = dataDir + QStringLiteral("/security");
  LocalClusterCertFiles files;
  if (!EnsureLocalClusterCerts(securityDir, &files, error)) return false;
  QString password;
  if (!AdminPassword(securityDir, &password, error)) return false;
  credentials->user = QString::fromLatin1(kAdmin);
  credentials->password = password;
  credentials->caFile = files.caFile;

  const std::string pw = password.toStdString();
  options->listener_protocol = "SASL_SSL";
  auto& o = options->broker_overrides;
  o["ssl.keystore.type"] = "PEM";
  o["ssl.keystore.location"] = files.keystoreFile.toStdString();
  // Brokers are each other's clients (replica fetchers, the controller): they trust the same CA.
  o["ssl.truststore.type"] = "PEM";
  o["ssl.truststore.location"] = files.caFile.toStdString();
  o["sasl.enabled.mechanisms"] = "SCRAM-SHA-512";
  o["security.inter.broker.protocol"] = "SASL_SSL";
  o["sasl.mechanism.inter.broker.protocol"] = "SCRAM-SHA-512";
  o["listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"] =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + std::string(kAdmin) +
      "\" password=\"" + pw + "\";";
  // The Schema Registry too: https with the brokers' certificate, and Basic authentication as a SCRAM user.
  o[cli::kRegistryListenersKey] = "https://127.0.0.1:0";
  o["schema.registry.authentication.method"] = "BASIC";
  o["authorizer.class.name"] = "kafka.security.authorizer.AclAuthorizer";
  o["super.users"] = "User:" + std::string(kAdmin);
  // Before the brokers: the credential their inter-broker login (and the app) authenticates with.
  options->before_brokers = [pw](const std::string& zookeeper_connect) -> Status {
    auto zk = coordination::ZkClient::Connect(zookeeper_connect, 10000);
    if (!zk.ok()) return zk.status();
    const auto mechanism = security::ScramMechanism::kSha512;
    return broker::AlterUserScramCredentials(
        zk->get(), kAdmin, {{kAdmin, mechanism, security::NewScramCredential(mechanism, pw, 8192)}}, {});
  };
  return true;
}

}  // namespace partita::app
