// TopicsModel: one row per topic of a ClusterSnapshot (name, partitions, replication factor, size on disk,
// message estimate, health, consumer groups). setSnapshot() emits one dataChanged when the topic names are unchanged and one
// reset otherwise, so 10,000 topics update in a few milliseconds. TopicFilterModel (a QSortFilterProxyModel)
// filters by name substring and can hide internal topics. GUI thread only.
#pragma once

#include "ui/models/snapshot_table_model.h"
#include <QHash>
#include <QSortFilterProxyModel>
#include <QStringList>

#include "app/bridge/cluster_snapshot.h"

namespace partita::ui {

class TopicsModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  enum Column { Name, Partitions, ReplicationFactor, Size, Messages, Health, Consumers, ColumnCount };
  static constexpr int kTopicNameRole = Qt::UserRole + 1;
  static constexpr int kInternalRole = Qt::UserRole + 2;
  static constexpr int kSortRole = Qt::UserRole + 3;

  explicit TopicsModel(QObject* parent = nullptr);

  void setSnapshot(const app::SnapshotPtr& snapshot);
  app::SnapshotPtr snapshot() const { return m_snapshot; }
  int rowOf(const QString& topic) const;
  // The consumer groups of each topic (from the consumer groups listing: committed offsets and assignments);
  // known = false until a listing arrived (the column then reads "…" rather than "none").
  void setConsumers(const QHash<QString, QStringList>& groupsByTopic, bool known = true);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  app::SnapshotPtr m_snapshot;
  QHash<QString, QStringList> m_consumers;
  bool m_consumersKnown = false;
};

class TopicFilterModel : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit TopicFilterModel(QObject* parent = nullptr);
  void setShowInternal(bool show);
  bool showInternal() const { return m_showInternal; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  bool m_showInternal = true;
};

}  // namespace partita::ui
