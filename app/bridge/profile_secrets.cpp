#include "app/bridge/profile_secrets.h"

#include <qt6keychain/keychain.h>

namespace partita::app {

ProfileSecrets::ProfileSecrets(QObject* parent) : QObject(parent) {}

QString ProfileSecrets::serviceName() { return QStringLiteral("Partita"); }

QString ProfileSecrets::entryKey(const ConnectionProfile& profile, Secret secret) {
  const QString what = secret == Secret::SaslPassword ? QStringLiteral("sasl.password")
                                                      : QStringLiteral("schema.registry.password");
  const QString user = secret == Secret::SaslPassword ? profile.security.username : profile.schemaRegistry.user;
  return QStringLiteral("%1 %2@%3").arg(what, user, profile.bootstrapServers);
}

void ProfileSecrets::noteError(int code, const QString& message) {
  // Only a missing or refused keychain makes secrets session-only; other errors concern one entry.
  if (code != QKeychain::NoBackendAvailable && code != QKeychain::AccessDenied &&
      code != QKeychain::AccessDeniedByUser && code != QKeychain::NotImplemented && code != QKeychain::OtherError)
    return;
  if (!m_available) return;
  m_available = false;
  m_error = message;
  emit unavailable(unavailableReason());
}

QString ProfileSecrets::unavailableReason() const {
  if (m_available) return {};
  return tr("No system keychain is available (%1). Passwords are kept for this session only and are never "
            "written to disk; Partita asks for them again after a restart.")
      .arg(m_error);
}

void ProfileSecrets::store(const QString& key, const QString& secret, std::function<void(bool, QString)> done) {
  if (secret.isEmpty()) {
    remove(key);
    if (done) done(true, QString());
    return;
  }
  auto* job = new QKeychain::WritePasswordJob(serviceName(), this);
  job->setInsecureFallback(false);  // never a plain-text file
  job->setKey(key);
  job->setTextData(secret);
  connect(job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job* j) {
    const bool ok = j->error() == QKeychain::NoError;
    if (!ok) noteError(j->error(), j->errorString());
    if (done) done(ok, ok ? QString() : j->errorString());
  });
  job->start();
}

void ProfileSecrets::fetch(const QString& key, std::function<void(bool, QString)> done) {
  auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
  job->setInsecureFallback(false);
  job->setKey(key);
  connect(job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job* j) {
    auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
    if (read->error() == QKeychain::NoError) {
      done(true, read->textData());
      return;
    }
    if (read->error() != QKeychain::EntryNotFound) noteError(read->error(), read->errorString());
    done(false, QString());
  });
  job->start();
}

void ProfileSecrets::remove(const QString& key) {
  auto* job = new QKeychain::DeletePasswordJob(serviceName(), this);
  job->setInsecureFallback(false);
  job->setKey(key);
  connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
    if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
      noteError(j->error(), j->errorString());
  });
  job->start();
}

}  // namespace partita::app
