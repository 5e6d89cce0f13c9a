// GroupListModel: the consumer groups of a cluster, one row per group (group id, state, members, total lag),
// over a GroupListSnapshot. Rows are keyed by group id and updated with minimal changes per snapshot.
// Display text is formatted; kSortRole gives raw values for QSortFilterProxyModel. GUI thread only.
#pragma once

#include "app/bridge/group_snapshot.h"
#include "ui/models/keyed_table_model.h"

namespace partita::ui {

class GroupListModel : public KeyedTableModel<app::GroupSummary, QString> {
  Q_OBJECT

 public:
  enum Column { GroupColumn, StateColumn, MembersColumn, LagColumn, ColumnCount };

  explicit GroupListModel(QObject* parent = nullptr);

  void setSnapshot(const app::GroupListSnapshot& snapshot);
  // Row of `groupId`, or -1.
  int rowOf(const QString& groupId) const;

  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 protected:
  QString rowKey(const app::GroupSummary& row) const override { return row.groupId; }
  int columns() const override { return ColumnCount; }
};

}  // namespace partita::ui
