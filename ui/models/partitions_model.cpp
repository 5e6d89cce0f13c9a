#include "ui/models/partitions_model.h"

#include <QColor>
#include <QLocale>
#include <QStringList>

#include "ui/models/replica_chip.h"

namespace partita::ui {
namespace {

QString offsetText(qint64 v) { return v < 0 ? QStringLiteral("—") : QLocale().toString(v); }

QString idList(const QList<int>& ids) {
  QStringList parts;
  for (int id : ids) parts << QString::number(id);
  return parts.isEmpty() ? QStringLiteral("∅") : parts.join(QLatin1Char(','));
}

}  // namespace

PartitionsModel::PartitionsModel(QObject* parent) : SnapshotTableModel(parent) {}

const app::TopicState* PartitionsModel::topicState() const {
  return m_snapshot ? m_snapshot->findTopic(m_topic) : nullptr;
}

void PartitionsModel::setSnapshot(const app::SnapshotPtr& snapshot) {
  const app::TopicState* next = snapshot ? snapshot->findTopic(m_topic) : nullptr;
  const bool same = m_topicState != nullptr && next != nullptr &&
                    sameKeys(m_topicState->partitions, next->partitions,
                             [](const app::PartitionState& p) { return p.partition; });
  replaceData(same, [&] {
    m_snapshot = snapshot;
    m_topicState = next;
  });
}

void PartitionsModel::setTopic(const QString& topic) {
  if (topic == m_topic) return;
  beginResetModel();
  m_topic = topic;
  m_topicState = topicState();
  endResetModel();
}

const app::PartitionState* PartitionsModel::partitionAt(int row) const {
  if (m_topicState == nullptr || row < 0 || row >= m_topicState->partitions.size()) return nullptr;
  return &m_topicState->partitions[row];
}

int PartitionsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || m_topicState == nullptr ? 0 : int(m_topicState->partitions.size());
}

int PartitionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PartitionsModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::PartitionState& p = m_topicState->partitions[index.row()];
  if (const QVariant stale = staleData(role); stale.isValid()) return stale;
  if (role == kPartitionRole) return p.partition;
  if (role == kChipsRole) {
    if (index.column() == Replicas) return QVariant::fromValue(replicaChips(p, m_snapshot.get()));
    if (index.column() == Isr) return QVariant::fromValue(isrChips(p, m_snapshot.get()));
    return {};
  }
  if (role == Qt::TextAlignmentRole) {
    return index.column() == Replicas || index.column() == Isr || index.column() == Status || index.column() == ReplicaLag
               ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
               : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
  }
  if (role == Qt::ToolTipRole && index.column() == LogEnd)
    return tr("The leader's log end offset: the offset its next record gets. Records between the high watermark "
              "and it are not yet replicated to every in-sync replica.");
  if (role == Qt::ToolTipRole && index.column() == LastStable) {
    const QString what = tr("The last stable offset (LSO): read_committed consumers read up to here.");
    if (p.openTransaction())
      return what + QLatin1Char('\n') +
             tr("It is below the high watermark: an open transaction (from offset %1) holds read_committed consumers "
                "back until it commits or aborts. A transaction that never ends is hanging: see Transactions.")
                 .arg(QLocale().toString(p.lastStableOffset));
    return what + QLatin1Char('\n') + tr("Equal to the high watermark: no transaction is open on this partition.");
  }
  if (role == Qt::ForegroundRole && index.column() == LastStable && p.openTransaction())
    return QColor(0xd9, 0x82, 0x1e);  // amber: consumers held back
  if (role == Qt::ToolTipRole && index.column() == ReplicaLag)
    return tr("Each follower's log end offset and how many records it is behind the leader's.");
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  switch (index.column()) {
    case Partition: return p.partition;
    case Leader: return p.leader < 0 ? tr("none") : QString::number(p.leader);
    case Replicas: return chipsText(replicaChips(p, m_snapshot.get()));
    case Isr: return chipsText(isrChips(p, m_snapshot.get()));
    case LogStart: return offsetText(p.logStartOffset);
    case LogEnd: return offsetText(p.logEndOffset);
    case HighWatermark: return offsetText(p.highWatermark);
    case LastStable:
      return p.openTransaction() ? tr("%1 (open transaction)").arg(offsetText(p.lastStableOffset))
                                 : offsetText(p.lastStableOffset);
    case ReplicaLag: {
      // "broker: lag" per follower; "?" when that replica or the leader did not report its LEO.
      QStringList parts;
      for (int r : p.replicas) {
        if (r == p.leader) continue;
        const qint64 lag = p.replicaLag(r);
        parts << (lag < 0 ? tr("%1: ?").arg(r) : tr("%1: %2 behind").arg(r).arg(QLocale().toString(lag)));
      }
      return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
    }
    case LeaderEpoch: return p.leaderEpoch;
    case Status: {
      for (const auto& r : m_snapshot->reassignments)
        if (r.topic == m_topic && r.partition == p.partition)
          return tr("Reassigning → %1").arg(idList(r.replicas));
      if (p.isOffline()) return tr("Offline");
      if (p.underReplicated()) return tr("Under-replicated");
      if (!p.replicas.isEmpty() && p.leader != p.replicas.first()) return tr("Leader not preferred");
      return tr("OK");
    }
  }
  return {};
}

QVariant PartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == LastStable)
    return tr("The last stable offset (LSO): read_committed consumers read up to here.") + QLatin1Char('\n') +
           tr("Below the high watermark while a transaction is open on the partition: an open transaction holds "
              "read_committed consumers back.");
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return SnapshotTableModel::headerData(section, orientation, role);
  switch (section) {
    case Partition: return tr("Partition");
    case Leader: return tr("Leader");
    case Replicas: return tr("Replicas");
    case Isr: return tr("In-sync replicas");
    case LogStart: return tr("Log start");
    case LogEnd: return tr("Log end (leader)");
    case HighWatermark: return tr("High watermark");
    case LastStable: return tr("Last stable offset");
    case ReplicaLag: return tr("Follower lag");
    case LeaderEpoch: return tr("Leader epoch");
    case Status: return tr("Status");
  }
  return {};
}

PartitionTimelineModel::PartitionTimelineModel(QObject* parent) : SnapshotTableModel(parent) {}

void PartitionTimelineModel::setSnapshot(const app::SnapshotPtr& snapshot) {
  m_snapshot = snapshot;
  rebuild();
}

void PartitionTimelineModel::setTopic(const QString& topic) {
  m_topic = topic;
  rebuild();
}

void PartitionTimelineModel::rebuild() {
  QList<app::PartitionEvent> events;
  if (m_snapshot) {
    for (auto it = m_snapshot->events.crbegin(); it != m_snapshot->events.crend(); ++it)
      if (it->topic == m_topic) events.append(*it);
  }
  // Events only grow: the same count means the same rows.
  replaceData(events.size() == m_events.size(), [&] { m_events = events; });
}

int PartitionTimelineModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(m_events.size());
}

int PartitionTimelineModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PartitionTimelineModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  if (role != Qt::DisplayRole) return {};
  const app::PartitionEvent& e = m_events[index.row()];
  const auto leader = [](int id) { return id < 0 ? tr("none") : QString::number(id); };
  switch (index.column()) {
    case Time: return QLocale().toString(e.time.time(), QStringLiteral("HH:mm:ss"));
    case Partition: return e.partition;
    case Leader:
      return e.leader == e.previousLeader ? leader(e.leader) : QStringLiteral("%1 → %2").arg(leader(e.previousLeader), leader(e.leader));
    case Isr: return QStringLiteral("%1 → %2").arg(idList(e.previousIsr), idList(e.isr));
  }
  return {};
}

QVariant PartitionTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return SnapshotTableModel::headerData(section, orientation, role);
  switch (section) {
    case Time: return tr("Time");
    case Partition: return tr("Partition");
    case Leader: return tr("Leader");
    case Isr: return tr("In-sync replicas");
  }
  return {};
}

}  // namespace partita::ui
