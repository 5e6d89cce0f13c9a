// Models of the segments page, each over a value snapshot from the SegmentBrowser and reset in one step
// when a new one arrives:
//   LogPartitionTreeModel  topic -> partition tree of scanned data dirs (with several dirs, as a local cluster's
//                          brokers have, a partition has a row per dir, named by what tells the dirs apart)
//   SegmentTableModel      the segment files of one partition (base offset, size, timestamps, index counts,
//                          active marker)
//   SegmentIndexModel      the entries of a segment's offset index or time index
//   BatchTableModel        a page of batch headers (kafka-dump-log's fields)
// Ownership: each owns a copy of its snapshot. Thread safety: GUI thread only.
#pragma once

#include <QAbstractItemModel>
#include <QAbstractTableModel>
#include <QHash>

#include "app/bridge/segment_types.h"

namespace partita::ui {

class LogPartitionTreeModel : public QAbstractItemModel {
  Q_OBJECT

 public:
  explicit LogPartitionTreeModel(QObject* parent = nullptr);

  void setScan(const app::LogDirScan& scan);
  // The partition an index points at (a partition row), or nullptr for topic rows.
  const app::LogPartitionInfo* partitionAt(const QModelIndex& index) const;
  QModelIndex indexOfPartition(const QString& topic, int partition) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  struct Topic {
    QString name;
    QList<app::LogPartitionInfo> partitions;
    qint64 totalBytes = 0;
  };
  QList<Topic> m_topics;
  QHash<QString, QString> m_dirNames;  // log dir (clean path) -> short name; empty with a single dir
};

class SegmentTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    BaseOffsetColumn, NextOffsetColumn, SizeColumn, FirstTimestampColumn, LastTimestampColumn,
    IndexEntriesColumn, TimeIndexEntriesColumn, ActiveColumn, ColumnCount
  };
  explicit SegmentTableModel(QObject* parent = nullptr);

  void setSegments(const QList<app::SegmentFileInfo>& segments);
  const app::SegmentFileInfo* segmentAt(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QList<app::SegmentFileInfo> m_segments;
};

class SegmentIndexModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum class Kind { OffsetIndex, TimeIndex };
  explicit SegmentIndexModel(Kind kind, QObject* parent = nullptr);

  void setIndexes(const app::SegmentIndexes& indexes);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  Kind m_kind;
  app::SegmentIndexes m_indexes;
};

class BatchTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    PositionColumn, BaseOffsetColumn, LastOffsetColumn, RecordCountColumn, FirstTimestampColumn,
    MaxTimestampColumn, CompressionColumn, ProducerIdColumn, ProducerEpochColumn, BaseSequenceColumn,
    LeaderEpochColumn, SizeColumn, FlagsColumn, CrcColumn, ColumnCount
  };
  explicit BatchTableModel(QObject* parent = nullptr);

  void setPage(const app::SegmentBatchPage& page);
  const app::SegmentBatchPage& page() const { return m_page; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  app::SegmentBatchPage m_page;
};

// "1.5 MiB"-style sizes and Kafka's codec names, shared by the segment views.
QString formatBytes(qint64 bytes);
QString compressionName(int codec);

}  // namespace partita::ui
