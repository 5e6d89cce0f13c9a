// ProfileSecrets: the passwords of saved connection profiles (the SASL password and the Schema Registry's
// basic-auth password) in the system keychain through QtKeychain — the Secret Service (GNOME Keyring, KWallet)
// on Linux, the Keychain on macOS, the Credential Manager on Windows. Every call is an asynchronous QtKeychain
// job: nothing here blocks the GUI thread; results come back as signals / callbacks on the GUI thread.
// QtKeychain's insecure fallback (a plain-text file) stays off: when no keychain answers, available() turns
// false, unavailable() says why once, and the caller keeps the secret in memory for this session only.
// Entries are named by what identifies a profile (its bootstrap list and user), so renaming keeps them.
// Ownership: jobs delete themselves. Thread safety: GUI thread (QtKeychain jobs run in the caller's thread).
#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "app/bridge/connection_profile.h"

namespace partita::app {

class ProfileSecrets : public QObject {
  Q_OBJECT

 public:
  enum class Secret { SaslPassword, RegistryPassword };

  explicit ProfileSecrets(QObject* parent = nullptr);

  // The keychain service every entry is filed under ("Partita").
  static QString serviceName();
  // The entry name for one secret of a profile.
  static QString entryKey(const ConnectionProfile& profile, Secret secret);

  // Writes (or, for an empty secret, deletes) an entry; done(ok, error) when the keychain answered.
  void store(const QString& key, const QString& secret, std::function<void(bool, QString)> done = {});
  // Reads an entry; done(found, secret). A missing entry is found == false without an error.
  void fetch(const QString& key, std::function<void(bool, QString)> done);
  void remove(const QString& key);

  // False once a job found no keychain service (or was denied): callers keep secrets for this session only.
  bool available() const { return m_available; }
  // Why, in the current language (empty while available).
  QString unavailableReason() const;

 signals:
  // Emitted once, the first time the keychain cannot be used; the text says why in the user's words.
  void unavailable(const QString& reason);

 private:
  void noteError(int code, const QString& message);

  bool m_available = true;
  QString m_error;  // QtKeychain's own words (not translated)
};

}  // namespace partita::app
