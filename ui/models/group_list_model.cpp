#include "ui/models/group_list_model.h"

#include "ui/models/group_format.h"
#include "ui/resources.h"

namespace partita::ui {

GroupListModel::GroupListModel(QObject* parent) : KeyedTableModel(parent) {}

void GroupListModel::setSnapshot(const app::GroupListSnapshot& snapshot) { setRows(snapshot.groups); }

int GroupListModel::rowOf(const QString& groupId) const {
  for (int i = 0; i < rowCount(); ++i)
    if (rowAt(i).groupId == groupId) return i;
  return -1;
}

QVariant GroupListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::GroupSummary& group = rowAt(index.row());
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case GroupColumn: return group.groupId;
        case StateColumn: return group.state;
        case MembersColumn: return formatCount(group.members);
        case LagColumn:
          if (group.uncommitted > 0)
            return tr("%1 + %n without commits", nullptr, group.uncommitted).arg(formatCount(group.totalLag));
          return formatCount(group.totalLag);
      }
      break;
    case kSortRole:
      switch (index.column()) {
        case GroupColumn: return group.groupId;
        case StateColumn: return group.state;
        case MembersColumn: return group.members;
        case LagColumn: return group.totalLag;
      }
      break;
    case Qt::DecorationRole:
      if (index.column() == LagColumn && group.uncommitted > 0) return icon(QStringLiteral("state-warning"));
      break;
    case Qt::TextAlignmentRole:
      if (index.column() == MembersColumn || index.column() == LagColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case Qt::ToolTipRole:
      if (!group.error.isEmpty()) return group.error;
      if (index.column() == LagColumn && group.uncommitted > 0)
        return tr("%n assigned partition(s) without a committed offset: their lag is unknown and not in this total.",
                  nullptr, group.uncommitted);
      if (!group.protocolType.isEmpty()) return tr("Protocol type: %1").arg(group.protocolType);
      break;
  }
  return {};
}

QVariant GroupListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case GroupColumn: return tr("Group");
    case StateColumn: return tr("State");
    case MembersColumn: return tr("Members");
    case LagColumn: return tr("Total lag");
  }
  return {};
}

}  // namespace partita::ui
