#include "app/bridge/lag_recorder.h"

#include <algorithm>

#include "app/bridge/group_monitor.h"

namespace partita::app {

LagRecorder::LagRecorder(QObject* parent) : QObject(parent) {}

LagRecorder::~LagRecorder() { qDeleteAll(m_monitors); }

void LagRecorder::setEnabled(bool enabled) {
  m_enabled = enabled;
  sync();
}

void LagRecorder::setInterval(int milliseconds) {
  m_intervalMs = std::max(1000, milliseconds);
  for (GroupMonitor* m : std::as_const(m_monitors)) m->setRefreshInterval(m_intervalMs);
}

void LagRecorder::setHistoryDirectory(const QString& directory) { m_historyDirectory = directory; }

void LagRecorder::setClusters(const QStringList& bootstrapLists) {
  m_clusters = bootstrapLists;
  sync();
}

void LagRecorder::setForeground(const QString& bootstrap) {
  m_foreground = bootstrap;
  sync();
}

QStringList LagRecorder::recording() const {
  QStringList list = m_monitors.keys();
  list.sort();
  return list;
}

void LagRecorder::sync() {
  QStringList wanted;
  if (m_enabled)
    for (const QString& c : m_clusters)
      if (!c.isEmpty() && c != m_foreground && !wanted.contains(c)) wanted << c;
  for (auto it = m_monitors.begin(); it != m_monitors.end();) {
    if (wanted.contains(it.key())) {
      ++it;
      continue;
    }
    delete it.value();  // waits for its refresh in flight (bounded by the client's timeouts)
    it = m_monitors.erase(it);
  }
  for (const QString& bootstrap : wanted) {
    if (m_monitors.contains(bootstrap)) continue;
    auto* monitor = new GroupMonitor;
    if (!m_historyDirectory.isEmpty()) monitor->setHistoryDirectory(m_historyDirectory);
    monitor->setRefreshInterval(m_intervalMs);
    connect(monitor, &GroupMonitor::groupsChanged, this, [this, bootstrap](const GroupListSnapshot& snapshot) {
      if (snapshot.error.isEmpty()) emit recorded(bootstrap, int(snapshot.groups.size()));
    });
    monitor->setBootstrapServers(bootstrap);
    m_monitors.insert(bootstrap, monitor);
  }
}

}  // namespace partita::app
