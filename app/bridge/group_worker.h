// GroupWorker: the engine side of the GroupMonitor. Owns one ClusterClient (connected lazily from a bootstrap
// list, dropped and reconnected after a connection failure) and the cluster's LagHistoryStore, and turns the
// client's answers into the snapshot values of group_snapshot.h.
//
// Blocking: every method waits on the network (bounded by the client's timeouts). Thread safety: none; the
// GroupMonitor calls it from its worker thread only. Errors come back as translated sentences that carry the
// broker's own reason.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

#include "app/bridge/group_snapshot.h"

namespace partita::client {
class ClusterClient;
}

namespace partita::app {

class LagHistoryStore;

class GroupWorker {
  Q_DECLARE_TR_FUNCTIONS(GroupMonitor)

 public:
  GroupWorker();
  ~GroupWorker();

  // Forgets the current client; the next call connects to `servers`.
  void setBootstrapServers(const QString& servers);
  // Where lag history lives; empty: LagHistoryStore::defaultDirectory(<cluster id or bootstrap list>).
  void setHistoryDirectory(const QString& directory);

  struct RefreshResult {
    GroupListSnapshot list;
    std::optional<GroupDetailSnapshot> detail;  // set when selectedGroup is not empty
  };
  // Lists the groups with members and total lag, records every group's lag in the history, and describes the
  // selected group (members, per-partition lag with time lag, history).
  RefreshResult refresh(const QString& selectedGroup);

  // Computes the target offsets of a reset without changing anything. nullopt: *error says why.
  std::optional<OffsetResetPreview> previewReset(const QString& group, const OffsetResetSpec& spec, QString* error);
  // Commits the preview's targets (Kafka accepts this only while the group has no members).
  bool executeReset(const OffsetResetPreview& preview, QString* error);
  bool deleteGroup(const QString& group, QString* error);

 private:
  bool ensureClient(QString* error);
  void dropClient();

  QString m_servers;
  QString m_historyDirectory;
  std::unique_ptr<client::ClusterClient> m_client;
  std::unique_ptr<LagHistoryStore> m_history;
};

}  // namespace partita::app
