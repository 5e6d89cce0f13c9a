#include "app/bridge/client_factory.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <map>
#include <string>

#include "engine/security/client_security.h"

namespace partita::app {
namespace {

QMutex& registryMutex() {
  static QMutex mutex;
  return mutex;
}

QHash<QString, ConnectionSecurity>& registry() {
  static QHash<QString, ConnectionSecurity> map;
  return map;
}

}  // namespace

void registerSecurity(const QString& bootstrapServers, const ConnectionSecurity& security) {
  QMutexLocker lock(&registryMutex());
  if (security.protocol == QLatin1String("PLAINTEXT")) registry().remove(bootstrapServers);
  else registry().insert(bootstrapServers, security);
}

ConnectionSecurity registeredSecurity(const QString& bootstrapServers) {
  QMutexLocker lock(&registryMutex());
  return registry().value(bootstrapServers);
}

Status applySecurity(const ConnectionSecurity& security, client::ClientOptions* options) {
  std::map<std::string, std::string> props;
  const auto p = security.clientProperties();
  for (auto it = p.begin(); it != p.end(); ++it) props[it.key().toStdString()] = it.value().toStdString();
  auto parsed = security::ClientSecurityFromProperties(props);
  if (!parsed.ok()) return parsed.status();
  auto tls = security::ClientTlsContext(*parsed);
  if (!tls.ok()) return tls.status();
  options->connection.tls = *tls;
  options->connection.sasl_mechanism = parsed->sasl_mechanism;
  options->connection.sasl_username = parsed->sasl_username;
  options->connection.sasl_password = parsed->sasl_password;
  return Status::Ok();
}

Result<std::unique_ptr<client::ClusterClient>> connectClusterClient(const QString& bootstrapServers,
                                                                    client::ClientOptions options) {
  PARTITA_RETURN_IF_ERROR(applySecurity(registeredSecurity(bootstrapServers), &options));
  return client::ClusterClient::Connect(bootstrapServers.toStdString(), options);
}

}  // namespace partita::app
