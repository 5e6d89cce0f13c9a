#include "app/bridge/group_monitor.h"

#include <QMetaObject>

#include <algorithm>

#include "app/bridge/group_worker.h"

namespace partita::app {

GroupMonitor::GroupMonitor(QObject* parent)
    : QObject(parent), m_context(new QObject), m_worker(std::make_unique<GroupWorker>()) {
  qRegisterMetaType<GroupListSnapshot>();
  qRegisterMetaType<GroupDetailSnapshot>();
  qRegisterMetaType<OffsetResetSpec>();
  qRegisterMetaType<OffsetResetPreview>();
  m_thread.setObjectName(QStringLiteral("GroupMonitor"));
  m_context->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
  m_thread.start();
  m_timer.setInterval(5000);
  connect(&m_timer, &QTimer::timeout, this, &GroupMonitor::startRefresh);
}

GroupMonitor::~GroupMonitor() {
  m_timer.stop();
  m_thread.quit();
  m_thread.wait();  // the request in flight finishes within the client's timeouts
}

template <class F>
void GroupMonitor::post(F&& task) {
  QMetaObject::invokeMethod(m_context, std::forward<F>(task), Qt::QueuedConnection);
}

void GroupMonitor::setBootstrapServers(const QString& servers) {
  const QString trimmed = servers.trimmed();
  if (trimmed == m_servers) return;
  m_servers = trimmed;
  ++m_generation;
  m_refreshInFlight = false;  // results of the old cluster are dropped by generation
  post([worker = m_worker.get(), trimmed] { worker->setBootstrapServers(trimmed); });
  if (m_servers.isEmpty()) {
    m_timer.stop();
    return;
  }
  m_timer.start();
  startRefresh();
}

void GroupMonitor::setRefreshInterval(int milliseconds) { m_timer.setInterval(std::max(milliseconds, 100)); }

void GroupMonitor::setHistoryDirectory(const QString& directory) {
  post([worker = m_worker.get(), directory] { worker->setHistoryDirectory(directory); });
}

void GroupMonitor::setSelectedGroup(const QString& group) {
  if (group == m_selectedGroup) return;
  m_selectedGroup = group;
  refreshNow();
}

void GroupMonitor::refreshNow() {
  if (m_servers.isEmpty()) return;
  if (m_refreshInFlight) {
    m_refreshPending = true;
    return;
  }
  startRefresh();
}

void GroupMonitor::startRefresh() {
  if (m_servers.isEmpty() || m_refreshInFlight) return;
  m_refreshInFlight = true;
  m_refreshPending = false;
  const quint64 generation = m_generation;
  const QString selected = m_selectedGroup;
  post([this, worker = m_worker.get(), generation, selected] {
    GroupWorker::RefreshResult result = worker->refresh(selected);
    QMetaObject::invokeMethod(
        this,
        [this, generation, selected, result = std::move(result)] {
          if (generation != m_generation) return;
          m_refreshInFlight = false;
          emit groupsChanged(result.list);
          if (result.detail && selected == m_selectedGroup) emit groupDetailChanged(*result.detail);
          if (m_refreshPending) startRefresh();
        },
        Qt::QueuedConnection);
  });
}

void GroupMonitor::previewReset(const QString& group, const OffsetResetSpec& spec) {
  post([this, worker = m_worker.get(), group, spec] {
    QString error;
    std::optional<OffsetResetPreview> preview = worker->previewReset(group, spec, &error);
    QMetaObject::invokeMethod(
        this,
        [this, group, preview = std::move(preview), error] {
          if (preview) emit resetPreviewReady(*preview);
          else emit resetPreviewFailed(group, error);
        },
        Qt::QueuedConnection);
  });
}

void GroupMonitor::executeReset(const OffsetResetPreview& preview) {
  post([this, worker = m_worker.get(), preview] {
    QString error;
    const bool ok = worker->executeReset(preview, &error);
    QMetaObject::invokeMethod(
        this,
        [this, group = preview.groupId, ok, error] {
          if (ok) emit resetSucceeded(group);
          else emit resetFailed(group, error);
          refreshNow();
        },
        Qt::QueuedConnection);
  });
}

void GroupMonitor::deleteGroup(const QString& group) {
  post([this, worker = m_worker.get(), group] {
    QString error;
    const bool ok = worker->deleteGroup(group, &error);
    QMetaObject::invokeMethod(
        this,
        [this, group, ok, error] {
          if (ok) emit groupDeleted(group);
          else emit deleteFailed(group, error);
          refreshNow();
        },
        Qt::QueuedConnection);
  });
}

}  // namespace partita::app
