// BrokersModel: one row per broker of a ClusterSnapshot (id, address, rack, state, partitions led,
// under-replicated partitions, produce/fetch rates). setSnapshot() emits dataChanged when the broker ids are the
// same as before, a reset otherwise. Holds a SnapshotPtr (shared, immutable). GUI thread only.
#pragma once

#include "ui/models/snapshot_table_model.h"

#include "app/bridge/cluster_snapshot.h"

namespace partita::ui {

class BrokersModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  enum Column { Id, Address, Rack, Status, PartitionsLed, UnderReplicated, ProduceRate, FetchRate, ColumnCount };
  static constexpr int kBrokerIdRole = Qt::UserRole + 1;
  static constexpr int kLocalRole = Qt::UserRole + 2;
  static constexpr int kAliveRole = Qt::UserRole + 3;

  explicit BrokersModel(QObject* parent = nullptr);

  void setSnapshot(const app::SnapshotPtr& snapshot);
  app::SnapshotPtr snapshot() const { return m_snapshot; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  app::SnapshotPtr m_snapshot;
};

}  // namespace partita::ui
