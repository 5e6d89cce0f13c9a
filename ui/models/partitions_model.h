// PartitionsModel: one row per partition of one topic in a ClusterSnapshot — leader, replicas and ISR (as
// ReplicaChip lists under kChipsRole, readable text under DisplayRole), log start/end, high watermark, last
// stable offset, leader
// epoch and reassignment in progress. PartitionTimelineModel: the leader/ISR changes observed for the topic,
// newest first. Both take a new snapshot with dataChanged when the shape is unchanged, a reset otherwise.
// GUI thread only.
#pragma once

#include "ui/models/snapshot_table_model.h"

#include "app/bridge/cluster_snapshot.h"

namespace partita::ui {

class PartitionsModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  enum Column { Partition, Leader, Replicas, Isr, LogStart, LogEnd, HighWatermark, LastStable, ReplicaLag, LeaderEpoch, Status, ColumnCount };
  static constexpr int kPartitionRole = Qt::UserRole + 1;

  explicit PartitionsModel(QObject* parent = nullptr);

  void setSnapshot(const app::SnapshotPtr& snapshot);
  void setTopic(const QString& topic);
  QString topic() const { return m_topic; }
  const app::PartitionState* partitionAt(int row) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  const app::TopicState* topicState() const;
  app::SnapshotPtr m_snapshot;
  QString m_topic;
  const app::TopicState* m_topicState = nullptr;  // into m_snapshot
};

class PartitionTimelineModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  enum Column { Time, Partition, Leader, Isr, ColumnCount };

  explicit PartitionTimelineModel(QObject* parent = nullptr);
  void setSnapshot(const app::SnapshotPtr& snapshot);
  void setTopic(const QString& topic);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  void rebuild();
  app::SnapshotPtr m_snapshot;
  QString m_topic;
  QList<app::PartitionEvent> m_events;  // newest first
};

}  // namespace partita::ui
