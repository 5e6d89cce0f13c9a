#include "ui/models/topics_model.h"

#include <QLocale>

#include "ui/resources.h"
#include "ui/widgets/message_format.h"

namespace partita::ui {

TopicsModel::TopicsModel(QObject* parent) : SnapshotTableModel(parent) {}

void TopicsModel::setSnapshot(const app::SnapshotPtr& snapshot) {
  const bool same = m_snapshot && snapshot &&
                    sameKeys(m_snapshot->topics, snapshot->topics, [](const app::TopicState& t) { return t.name; });
  replaceData(same, [&] { m_snapshot = snapshot; });
}

int TopicsModel::rowOf(const QString& topic) const {
  if (!m_snapshot) return -1;
  // Topics are sorted by name.
  auto it = std::lower_bound(m_snapshot->topics.begin(), m_snapshot->topics.end(), topic,
                             [](const app::TopicState& t, const QString& name) { return t.name < name; });
  return it != m_snapshot->topics.end() && it->name == topic ? int(it - m_snapshot->topics.begin()) : -1;
}

void TopicsModel::setConsumers(const QHash<QString, QStringList>& groupsByTopic, bool known) {
  if (groupsByTopic == m_consumers && known == m_consumersKnown) return;
  m_consumers = groupsByTopic;
  m_consumersKnown = known;
  if (rowCount() > 0) emit dataChanged(index(0, Consumers), index(rowCount() - 1, Consumers));
}

int TopicsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !m_snapshot ? 0 : int(m_snapshot->topics.size());
}

int TopicsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TopicsModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::TopicState& t = m_snapshot->topics[index.row()];
  if (const QVariant stale = staleData(role); stale.isValid()) return stale;
  const int offline = role == Qt::DisplayRole || role == Qt::DecorationRole || role == kSortRole ? t.offlineCount() : 0;
  const int under = role == Qt::DisplayRole || role == Qt::DecorationRole || role == kSortRole ? t.underReplicatedCount() : 0;
  switch (role) {
    case kTopicNameRole: return t.name;
    case kInternalRole: return t.internal;
    case Qt::TextAlignmentRole:
      return index.column() == Name || index.column() == Health || index.column() == Consumers ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                               : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DecorationRole:
      if (index.column() == Name) return icon(QStringLiteral("topic"));
      if (index.column() == Health) {
        if (isStale()) return icon(QStringLiteral("state-warning"));  // no green tick for a health not known now
        if (offline > 0) return icon(QStringLiteral("state-offline"));
        if (under > 0) return icon(QStringLiteral("state-warning"));
        return icon(QStringLiteral("state-ok"));
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == Messages && t.messageEstimate() < 0)
        return tr("Unknown while a partition is offline or did not report its offsets.");
      if (index.column() == Consumers)
        return tr("Consumer groups with committed offsets on this topic or members assigned to its partitions.");
      return {};
    case kSortRole:
      switch (index.column()) {
        case Name: return t.name;
        case Partitions: return int(t.partitions.size());
        case ReplicationFactor: return t.replicationFactor();
        case Size: return t.sizeBytes;
        case Messages: return t.messageEstimate();
        case Health: return offline * 100000 + under;
        case Consumers: return int(m_consumers.value(t.name).size());
      }
      return {};
    case Qt::DisplayRole:
      switch (index.column()) {
        case Name: return t.internal ? tr("%1 (internal)").arg(t.name) : t.name;
        case Partitions: return int(t.partitions.size());
        case ReplicationFactor:
          if (t.minReplicationFactor() != t.replicationFactor())
            return QStringLiteral("%1–%2").arg(t.minReplicationFactor()).arg(t.replicationFactor());
          return t.replicationFactor();
        case Size: return t.sizeBytes < 0 ? QStringLiteral("—") : formatDataSize(t.sizeBytes);
        case Messages: {
          const qint64 n = t.messageEstimate();
          return n < 0 ? tr("unknown") : QLocale().toString(n);
        }
        case Health:
          if (offline > 0) return tr("%n offline", nullptr, offline);
          if (under > 0) return tr("%n under-replicated", nullptr, under);
          return tr("Healthy");
        case Consumers: {
          if (!m_consumersKnown) return QStringLiteral("…");
          const QStringList groups = m_consumers.value(t.name);
          return groups.isEmpty() ? tr("none") : groups.join(QStringLiteral(", "));
        }
      }
      return {};
  }
  return {};
}

QVariant TopicsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return SnapshotTableModel::headerData(section, orientation, role);
  switch (section) {
    case Name: return tr("Topic");
    case Partitions: return tr("Partitions");
    case ReplicationFactor: return tr("Replicas");
    case Size: return tr("Size on disk");
    case Messages: return tr("Messages (est.)");
    case Health: return tr("Health");
    case Consumers: return tr("Consumers");
  }
  return {};
}

TopicFilterModel::TopicFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  setFilterCaseSensitivity(Qt::CaseInsensitive);
  setFilterRole(TopicsModel::kTopicNameRole);
  setSortRole(TopicsModel::kSortRole);
  setFilterKeyColumn(TopicsModel::Name);
}

void TopicFilterModel::setShowInternal(bool show) {
  if (show == m_showInternal) return;
  m_showInternal = show;
  invalidateFilter();
}

bool TopicFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (!m_showInternal &&
      sourceModel()->index(sourceRow, 0, sourceParent).data(TopicsModel::kInternalRole).toBool())
    return false;
  return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

}  // namespace partita::ui
