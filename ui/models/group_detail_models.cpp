#include "ui/models/group_detail_models.h"

#include <QStringList>

#include "ui/models/group_format.h"
#include "ui/resources.h"

namespace partita::ui {

namespace {
QVariant rightAligned() { return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); }
}  // namespace

// --- GroupMemberModel --------------------------------------------------------------------------------------

GroupMemberModel::GroupMemberModel(QObject* parent) : KeyedTableModel(parent) {}

QString GroupMemberModel::assignmentText(const QList<app::PartitionRef>& assignment) {
  QStringList topics;
  QString topic;
  QStringList partitions;
  for (const app::PartitionRef& tp : assignment) {
    if (tp.topic != topic && !partitions.isEmpty()) {
      topics << topic + QStringLiteral(": ") + partitions.join(QStringLiteral(", "));
      partitions.clear();
    }
    topic = tp.topic;
    partitions << QString::number(tp.partition);
  }
  if (!partitions.isEmpty()) topics << topic + QStringLiteral(": ") + partitions.join(QStringLiteral(", "));
  return topics.join(QStringLiteral("; "));
}

QVariant GroupMemberModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::GroupMemberSnapshot& member = rowAt(index.row());
  if (role == Qt::DisplayRole || role == kSortRole || role == Qt::ToolTipRole) {
    switch (index.column()) {
      case MemberColumn: return member.memberId;
      case ClientColumn: return member.clientId;
      case HostColumn: return member.host;
      case InstanceColumn: return member.instanceId;
      case AssignmentColumn:
        if (role == kSortRole) return static_cast<int>(member.assignment.size());
        return member.assignment.isEmpty() ? tr("none") : assignmentText(member.assignment);
    }
  }
  return {};
}

QVariant GroupMemberModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case MemberColumn: return tr("Member");
    case ClientColumn: return tr("Client ID");
    case HostColumn: return tr("Host");
    case InstanceColumn: return tr("Instance ID");
    case AssignmentColumn: return tr("Assigned partitions");
  }
  return {};
}

// --- PartitionLagModel -------------------------------------------------------------------------------------

PartitionLagModel::PartitionLagModel(QObject* parent) : KeyedTableModel(parent) {}

QVariant PartitionLagModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::PartitionLagRow& row = rowAt(index.row());
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case TopicColumn: return row.tp.topic;
        case PartitionColumn: return row.tp.partition;
        case CommittedColumn:
          return row.committed < 0 && !row.memberId.isEmpty() ? tr("no commit") : formatCount(row.committed);
        case LogEndColumn: return formatCount(row.logEnd);
        case LagColumn: return formatCount(row.lag);
        case TimeLagColumn: return formatDuration(row.timeLagMs);
        case MemberColumn: return row.memberId;
        case ClientColumn: return row.clientId;
        case HostColumn: return row.host;
      }
      break;
    case kSortRole:
      switch (index.column()) {
        case TopicColumn: return row.tp.topic;
        case PartitionColumn: return row.tp.partition;
        case CommittedColumn: return row.committed;
        case LogEndColumn: return row.logEnd;
        case LagColumn: return row.lag;
        case TimeLagColumn: return row.timeLagMs;
        case MemberColumn: return row.memberId;
        case ClientColumn: return row.clientId;
        case HostColumn: return row.host;
      }
      break;
    case Qt::TextAlignmentRole:
      if (index.column() >= PartitionColumn && index.column() <= TimeLagColumn) return rightAligned();
      break;
    case Qt::DecorationRole:
      if (index.column() == CommittedColumn && row.committed < 0 && !row.memberId.isEmpty())
        return icon(QStringLiteral("state-warning"));
      break;
    case Qt::ToolTipRole:
      if (index.column() == LagColumn && row.committed < 0)
        return tr("Unknown: the group has no committed offset here, so this partition is not in the total lag.");
      if (index.column() == CommittedColumn && row.committed < 0) return tr("The group has not committed an offset for this partition.");
      if (index.column() == LogEndColumn && row.logStart >= 0) return tr("Log start offset: %1").arg(formatCount(row.logStart));
      if (index.column() == MemberColumn && row.memberId.isEmpty()) return tr("Not assigned to any member.");
      break;
  }
  return {};
}

QVariant PartitionLagModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
  if (role == Qt::ToolTipRole) {
    if (section == LagColumn) return tr("Log end offset minus committed offset: records not yet consumed.");
    if (section == TimeLagColumn) return tr("Age of the oldest record not yet consumed.");
    return {};
  }
  if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Partition");
    case CommittedColumn: return tr("Current offset");
    case LogEndColumn: return tr("Log end");
    case LagColumn: return tr("Lag");
    case TimeLagColumn: return tr("Time lag");
    case MemberColumn: return tr("Member");
    case ClientColumn: return tr("Client ID");
    case HostColumn: return tr("Host");
  }
  return {};
}

}  // namespace partita::ui
