// Table models of one consumer group's detail (a GroupDetailSnapshot):
//   GroupMemberModel    one row per member: member id, client id, host, instance id, assigned partitions;
//   PartitionLagModel   one row per partition: topic, partition, committed offset, log end, lag, time lag and
//                       the member/client/host it is assigned to.
// Rows are keyed (member id; topic+partition) and updated with minimal changes per snapshot. kSortRole gives
// raw values for sorting. GUI thread only.
#pragma once

#include "app/bridge/group_snapshot.h"
#include "ui/models/keyed_table_model.h"

namespace partita::ui {

class GroupMemberModel : public KeyedTableModel<app::GroupMemberSnapshot, QString> {
  Q_OBJECT

 public:
  enum Column { MemberColumn, ClientColumn, HostColumn, InstanceColumn, AssignmentColumn, ColumnCount };

  explicit GroupMemberModel(QObject* parent = nullptr);
  void setSnapshot(const app::GroupDetailSnapshot& snapshot) { setRows(snapshot.members); }

  // "orders: 0, 1, 2; payments: 3"
  static QString assignmentText(const QList<app::PartitionRef>& assignment);

  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 protected:
  QString rowKey(const app::GroupMemberSnapshot& row) const override { return row.memberId; }
  int columns() const override { return ColumnCount; }
};

class PartitionLagModel : public KeyedTableModel<app::PartitionLagRow, app::PartitionRef> {
  Q_OBJECT

 public:
  enum Column {
    TopicColumn, PartitionColumn, CommittedColumn, LogEndColumn, LagColumn, TimeLagColumn,
    MemberColumn, ClientColumn, HostColumn, ColumnCount
  };

  explicit PartitionLagModel(QObject* parent = nullptr);
  void setSnapshot(const app::GroupDetailSnapshot& snapshot) { setRows(snapshot.partitions); }

  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 protected:
  app::PartitionRef rowKey(const app::PartitionLagRow& row) const override { return row.tp; }
  int columns() const override { return ColumnCount; }
};

}  // namespace partita::ui
