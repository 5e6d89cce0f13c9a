#include "ui/models/snapshot_table_model.h"

#include <QGuiApplication>
#include <QPalette>

namespace partita::ui {

void SnapshotTableModel::setStaleSince(const QDateTime& lastSeen) {
  if (lastSeen == m_staleSince) return;
  m_staleSince = lastSeen;
  if (rowCount() > 0 && columnCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QString SnapshotTableModel::lastSeenText() const {
  return m_staleSince.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

QVariant SnapshotTableModel::staleData(int role) const {
  if (!isStale()) return {};
  switch (role) {
    case kStaleRole: return true;
    case Qt::ForegroundRole: return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    case Qt::ToolTipRole:
      return tr("Last seen %1; the cluster does not answer, so this may no longer be true.").arg(lastSeenText());
  }
  return {};
}

}  // namespace partita::ui
