// Helpers for the keychain tests: a saved profile with passwords, the settings file's raw bytes, and a direct
// QtKeychain read of an entry (not through app::ProfileSecrets, so the check does not trust the code it checks).
#pragma once

#include <qt6keychain/keychain.h>

#include <QByteArray>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "app/bridge/connection_profile.h"
#include "app/bridge/profile_secrets.h"

namespace partita::uitest {

// A SASL profile pointing at a port nobody listens on (the store does not need a cluster), passwords remembered.
inline app::ConnectionProfile rememberedProfile(const QString& user, const QString& password,
                                                const QString& registryPassword) {
  quint16 port = 0;
  {
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    port = server.serverPort();
  }
  app::ConnectionProfile p;
  p.name = user + QStringLiteral("'s cluster");
  p.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
  p.security.protocol = QStringLiteral("SASL_PLAINTEXT");
  p.security.saslMechanism = QStringLiteral("SCRAM-SHA-512");
  p.security.username = user;
  p.security.password = password;
  p.rememberPassword = true;
  p.schemaRegistry.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
  p.schemaRegistry.user = user + QStringLiteral("-registry");
  p.schemaRegistry.password = registryPassword;
  return p;
}

// Everything the app wrote to its settings file, as bytes on disk.
inline QByteArray settingsFileBytes() {
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  settings.sync();
  QFile file(settings.fileName());
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

struct KeychainRead {
  bool done = false;
  QKeychain::Error error = QKeychain::NoError;
  QString secret;
  QString errorText;
};

// Reads one entry of the app's keychain service, waiting (event loop running) for the answer.
inline KeychainRead readKeychain(const QString& key) {
  KeychainRead r;
  QObject context;  // disconnects the answer from r if it comes after the wait gave up
  auto* job = new QKeychain::ReadPasswordJob(app::ProfileSecrets::serviceName());
  job->setInsecureFallback(false);
  job->setKey(key);
  QObject::connect(job, &QKeychain::Job::finished, &context, [&r](QKeychain::Job* j) {
    r.done = true;
    r.error = j->error();
    r.errorText = j->errorString();
    r.secret = static_cast<QKeychain::ReadPasswordJob*>(j)->textData();
  });
  job->start();
  if (!QTest::qWaitFor([&r] { return r.done; }, 60000)) r.errorText = QStringLiteral("the keychain did not answer in 60 s");
  return r;
}

}  // namespace partita::uitest

namespace partita::uitest {

// The profile as versions before the keychain saved it: remembered passwords in the settings file.
inline void writeLegacyProfile(const app::ConnectionProfile& p) {
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  settings.remove(QStringLiteral("clusters"));
  settings.beginWriteArray(QStringLiteral("clusters"));
  settings.setArrayIndex(0);
  settings.setValue(QStringLiteral("name"), p.name);
  settings.setValue(QStringLiteral("kind"), QStringLiteral("remote"));
  settings.setValue(QStringLiteral("bootstrap"), p.bootstrapServers);
  settings.setValue(QStringLiteral("securityProtocol"), p.security.protocol);
  settings.setValue(QStringLiteral("saslMechanism"), p.security.saslMechanism);
  settings.setValue(QStringLiteral("username"), p.security.username);
  settings.setValue(QStringLiteral("rememberPassword"), true);
  settings.setValue(QStringLiteral("password"), p.security.password);
  settings.setValue(QStringLiteral("schemaRegistryUrl"), p.schemaRegistry.url);
  settings.setValue(QStringLiteral("schemaRegistryUser"), p.schemaRegistry.user);
  settings.setValue(QStringLiteral("schemaRegistryPassword"), p.schemaRegistry.password);
  settings.endArray();
  settings.sync();
}

}  // namespace partita::uitest
