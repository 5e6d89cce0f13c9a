// ConnectionsSidebar: the "Clusters" list under the page navigation. Owns one app::ClusterConnection per
// entry — local clusters (name, data dir, brokers, base port) and remote ones (name, bootstrap servers) — and
// remembers them in QSettings (Persistent mode) so a local cluster can be started again later with its data.
// The current entry drives the pages (currentConnectionChanged). Double-click or "Start/Connect" opens an entry,
// "Stop/Disconnect" closes it, "Remove" forgets it (its data dir stays on disk).
// Ownership: the connections are children of the sidebar. GUI thread only.
#pragma once

#include <QList>
#include <QWidget>

#include "app/bridge/cluster_connection.h"

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
  void removeConnection(app::ClusterConnection* connection);

  app::ClusterConnection* currentConnection() const;
  QList<app::ClusterConnection*> connections() const { return m_connections; }
  void setCurrentConnection(app::ClusterConnection* connection);
  void setRefreshInterval(int milliseconds);
  // Saved remote profiles (name -> bootstrap), for the Connect dialog.
  QList<QPair<QString, QString>> remoteProfiles() const;
  // Adds the two actions ("New local cluster…", "Connect to cluster…") as buttons under the list.
  void setActions(QAction* newLocal, QAction* connectRemote);

 signals:
  void currentConnectionChanged(partita::app::ClusterConnection* connection);
  void connectionAdded(partita::app::ClusterConnection* connection);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  app::ClusterConnection* adopt(app::ClusterConnection* connection);
  void updateItem(app::ClusterConnection* connection);
  void showContextMenu(const QPoint& pos);
  void save() const;
  void load();
  void retranslateUi();
  QListWidgetItem* itemFor(app::ClusterConnection* connection) const;

  const bool m_persistent;
  QLabel* m_title;
  QListWidget* m_list;
  QToolButton* m_newLocal = nullptr;
  QToolButton* m_connect = nullptr;
  QList<app::ClusterConnection*> m_connections;  // row order
  int m_refreshMs = 3000;
};

}  // namespace partita::ui
