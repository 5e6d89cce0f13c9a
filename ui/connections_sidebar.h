// ConnectionsSidebar: the "Clusters" list under the page navigation. Owns one app::ClusterConnection per
// entry — local clusters (name, data dir, brokers, base port) and remote ones (an app::ConnectionProfile: name,
// bootstrap servers, security) — and remembers them in QSettings (Persistent mode) so a local cluster can be
// started again later with its data. A remote profile's passwords (SASL, Schema Registry) are never written to
// the settings file: when "remember password" is ticked they go to the system keychain (app::ProfileSecrets,
// asynchronous) and are read back after a restart; a password an older version left in the settings file is
// moved to the keychain on load. Without a keychain a notice under the list says so and passwords last for this
// session only; connecting after a restart then asks for them. The current entry drives the pages
// (currentConnectionChanged). Double-click or "Start/Connect" opens an entry, "Stop/Disconnect" closes it,
// "Edit…" / "Duplicate…" open the Connect dialog on a remote profile, "Remove" forgets an entry (a local
// cluster's data dir stays on disk).
// Ownership: the connections are children of the sidebar. GUI thread only.
#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/profile_secrets.h"

class QListWidget;
class QListWidgetItem;
class QToolButton;
class QLabel;

namespace partita::ui {

class ConnectionsSidebar : public QWidget {
  Q_OBJECT

 public:
  // persistent: read and write the saved clusters in QSettings("Partita", "Partita").
  explicit ConnectionsSidebar(bool persistent, QWidget* parent = nullptr);

  // Adds (or finds, by data dir / bootstrap) an entry, makes it current and opens it.
  app::ClusterConnection* addLocal(const QString& name, const app::ClusterConnection::LocalOptions& options);
  app::ClusterConnection* addRemote(const QString& name, const QString& bootstrapServers);
  // Finds an entry with the same bootstrap servers, protocol and user (taking the new settings) or adds one.
  app::ClusterConnection* addRemote(const app::ConnectionProfile& profile);
  // Opens an entry; a SASL profile without a known password first asks for it (the Edit dialog).
  void openConnection(app::ClusterConnection* connection);
  // Remote entries: the Connect dialog in Edit mode on the profile (saved on OK), or on a copy of it (added).
  void editConnection(app::ClusterConnection* connection);
  void duplicateConnection(app::ClusterConnection* connection);
  void removeConnection(app::ClusterConnection* connection);
  // A running secured local cluster: its bootstrap, CA file and admin credentials (non-modal, copyable).
  void showCredentials(app::ClusterConnection* connection);

  app::ClusterConnection* currentConnection() const;
  QList<app::ClusterConnection*> connections() const { return m_connections; }
  void setCurrentConnection(app::ClusterConnection* connection);
  void setRefreshInterval(int milliseconds);
  // Saved remote profiles, for the Connect dialog.
  QList<app::ConnectionProfile> remoteProfiles() const;
  // Keychain jobs not yet answered (tests wait for 0); the keychain, for its availability.
  int pendingSecretJobs() const { return m_pendingSecrets; }
  const app::ProfileSecrets* secrets() const { return m_secrets; }
  // Adds the two actions ("New local cluster…", "Connect to cluster…") as buttons under the list.
  void setActions(QAction* newLocal, QAction* connectRemote);

 signals:
  void currentConnectionChanged(partita::app::ClusterConnection* connection);
  void connectionAdded(partita::app::ClusterConnection* connection);
  // Every keychain job started so far has answered.
  void secretsSettled();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  app::ClusterConnection* adopt(app::ClusterConnection* connection);
  void updateItem(app::ClusterConnection* connection);
  void showContextMenu(const QPoint& pos);
  void save() const;
  void load();
  // Writes changed remembered passwords to the keychain and deletes the entries no profile remembers any more.
  void syncSecrets() const;
  void fetchSecrets(app::ClusterConnection* connection);
  void secretJobDone() const;
  void retranslateUi();
  QListWidgetItem* itemFor(app::ClusterConnection* connection) const;

  const bool m_persistent;
  QLabel* m_title;
  QListWidget* m_list;
  QToolButton* m_newLocal = nullptr;
  QToolButton* m_connect = nullptr;
  QLabel* m_keychainNotice;
  app::ProfileSecrets* m_secrets;
  // Keychain entry -> the secret it holds, as far as this session wrote or read it.
  mutable QHash<QString, QString> m_keychain;
  mutable int m_pendingSecrets = 0;
  QList<app::ClusterConnection*> m_connections;  // row order
  int m_refreshMs = 3000;
};

}  // namespace partita::ui
