// GroupMonitor: watches the consumer groups of one cluster for the desktop app.
//
// Every refreshInterval() (default 5 s) it lists the groups with state, members and total lag, records each
// group's lag in the lag history (kept on disk between runs, see LagHistoryStore), and, for the selected group,
// describes its members and per-partition lag (committed, log end, lag, time lag); results arrive as immutable
// snapshots through groupsChanged / groupDetailChanged. Operations (reset offsets with a preview first, delete
// a group) run asynchronously and report success or a translated error carrying the broker's reason.
//
// Threading: owns one worker thread with its own ClusterClient (GroupWorker); all engine calls happen there.
// Call every method from the GUI thread; signals are emitted on the GUI thread; the GUI never waits on the
// network. A refresh is skipped while the previous one is still running. Results computed for an older
// bootstrap list or another selected group are dropped. The destructor waits for the request in flight.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <memory>

#include "app/bridge/group_snapshot.h"

namespace partita::app {

class GroupWorker;

class GroupMonitor : public QObject {
  Q_OBJECT

 public:
  explicit GroupMonitor(QObject* parent = nullptr);
  ~GroupMonitor() override;

  // Starts watching the cluster at `servers` ("host:port[,host:port]"); empty stops watching (disconnected).
  void setBootstrapServers(const QString& servers);
  QString bootstrapServers() const { return m_servers; }
  bool isConnected() const { return !m_servers.isEmpty(); }

  void setRefreshInterval(int milliseconds);
  int refreshInterval() const { return m_timer.interval(); }
  // Overrides where lag history is kept (tests); applies to the next connection.
  void setHistoryDirectory(const QString& directory);

  // The group described in detail by each refresh; empty: none. Triggers a refresh.
  void setSelectedGroup(const QString& group);
  QString selectedGroup() const { return m_selectedGroup; }
  // Refreshes now (or right after the refresh in flight).
  void refreshNow();

  // Operations: each answers with exactly one of its two signals.
  void previewReset(const QString& group, const OffsetResetSpec& spec);
  void executeReset(const OffsetResetPreview& preview);
  void deleteGroup(const QString& group);

 signals:
  void groupsChanged(const partita::app::GroupListSnapshot& snapshot);
  void groupDetailChanged(const partita::app::GroupDetailSnapshot& snapshot);
  void resetPreviewReady(const partita::app::OffsetResetPreview& preview);
  void resetPreviewFailed(const QString& group, const QString& error);
  void resetSucceeded(const QString& group);
  void resetFailed(const QString& group, const QString& error);
  void groupDeleted(const QString& group);
  void deleteFailed(const QString& group, const QString& error);

 private:
  void startRefresh();
  // Runs `task` on the worker thread.
  template <class F>
  void post(F&& task);

  QString m_servers;
  QString m_selectedGroup;
  quint64 m_generation = 0;  // bumped by setBootstrapServers: tells stale results apart
  bool m_refreshInFlight = false;
  bool m_refreshPending = false;
  QTimer m_timer;
  QThread m_thread;
  QObject* m_context;  // lives in m_thread: posted tasks run there
  std::unique_ptr<GroupWorker> m_worker;  // used only on m_thread
};

}  // namespace partita::app
