// LagRecorder: records consumer-group lag history (LagHistoryStore, on disk and bounded by its limits) in the
// background for every connected cluster, not only the one the Consumer groups page shows (issue 13).
// It keeps one GroupMonitor (one worker thread, one client) per connected cluster that the page does not watch
// itself: the page's own monitor records its cluster, and two writers must never share a history directory.
// Memory is bounded: a monitor per connected cluster, history thinned and aged out by LagHistoryStore.
// Ownership: owns its monitors. Thread safety: GUI thread only; recorded() arrives there.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

namespace partita::app {

class GroupMonitor;

class LagRecorder : public QObject {
  Q_OBJECT

 public:
  explicit LagRecorder(QObject* parent = nullptr);
  ~LagRecorder() override;

  // Off: every background monitor is stopped (the page's recording is not affected).
  void setEnabled(bool enabled);
  bool isEnabled() const { return m_enabled; }
  void setInterval(int milliseconds);
  // Where histories live (tests); empty: each cluster's LagHistoryStore::defaultDirectory.
  void setHistoryDirectory(const QString& directory);
  // The bootstrap lists of the connected clusters.
  void setClusters(const QStringList& bootstrapLists);
  // The cluster the Consumer groups page records itself (empty: none).
  void setForeground(const QString& bootstrap);
  // The clusters recorded in the background now, sorted.
  QStringList recording() const;

 signals:
  // A background refresh recorded `groups` groups of `bootstrap`.
  void recorded(const QString& bootstrap, int groups);

 private:
  void sync();

  bool m_enabled = true;
  int m_intervalMs = 30000;
  QString m_historyDirectory;
  QStringList m_clusters;
  QString m_foreground;
  QHash<QString, GroupMonitor*> m_monitors;
};

}  // namespace partita::app
