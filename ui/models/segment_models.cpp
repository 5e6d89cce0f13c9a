#include "ui/models/segment_models.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QSet>

#include "ui/widgets/message_format.h"

namespace partita::ui {

namespace {

// internalId of a partition row: its topic's row + 1; topic rows have 0.
constexpr quintptr kTopicNode = 0;

QVariant rightAligned() { return QVariant(Qt::AlignRight | Qt::AlignVCenter); }

// Names that tell log dirs apart: the last path component left after dropping the trailing components they all
// share (".../broker-1/logs", ".../broker-2/logs" -> "broker-1", "broker-2"); full paths when that is not unique.
QHash<QString, QString> shortDirNames(const QStringList& dirs) {
  QHash<QString, QString> names;
  if (dirs.size() < 2) return names;
  QList<QStringList> parts;
  for (const QString& dir : dirs) parts << QDir::cleanPath(dir).split(QLatin1Char('/'), Qt::SkipEmptyParts);
  const auto sharedLast = [&parts] {
    for (const QStringList& p : parts)
      if (p.size() < 2 || p.last() != parts.first().last()) return false;
    return true;
  };
  while (sharedLast())
    for (QStringList& p : parts) p.removeLast();
  QSet<QString> seen;
  for (qsizetype i = 0; i < dirs.size(); ++i) {
    const QString name = parts[i].isEmpty() ? QDir::cleanPath(dirs[i]) : parts[i].last();
    names.insert(QDir::cleanPath(dirs[i]), name);
    seen.insert(name);
  }
  if (seen.size() != names.size())
    for (auto it = names.begin(); it != names.end(); ++it) it.value() = it.key();
  return names;
}

}  // namespace


QString compressionName(int codec) {
  switch (codec) {
    case 0: return QStringLiteral("none");
    case 1: return QStringLiteral("gzip");
    case 2: return QStringLiteral("snappy");
    case 3: return QStringLiteral("lz4");
    case 4: return QStringLiteral("zstd");
  }
  return QStringLiteral("codec %1").arg(codec);
}

// --- LogPartitionTreeModel ----------------------------------------------------------------------------------

LogPartitionTreeModel::LogPartitionTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void LogPartitionTreeModel::setScan(const app::LogDirScan& scan) {
  beginResetModel();
  m_topics.clear();
  m_dirNames = shortDirNames(scan.dirs);
  for (const auto& p : scan.partitions) {
    if (m_topics.isEmpty() || m_topics.back().name != p.topic) m_topics.push_back({p.topic, {}, 0});
    m_topics.back().partitions.push_back(p);
    m_topics.back().totalBytes += p.totalBytes;
  }
  endResetModel();
}

const app::LogPartitionInfo* LogPartitionTreeModel::partitionAt(const QModelIndex& index) const {
  if (!index.isValid() || index.internalId() == kTopicNode) return nullptr;
  const auto& topic = m_topics[static_cast<qsizetype>(index.internalId() - 1)];
  return &topic.partitions[index.row()];
}

QModelIndex LogPartitionTreeModel::indexOfPartition(const QString& topic, int partition) const {
  for (qsizetype t = 0; t < m_topics.size(); ++t) {
    if (m_topics[t].name != topic) continue;
    for (qsizetype p = 0; p < m_topics[t].partitions.size(); ++p) {
      if (m_topics[t].partitions[p].partition == partition) return createIndex(static_cast<int>(p), 0, quintptr(t + 1));
    }
  }
  return {};
}

QModelIndex LogPartitionTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return {};
  if (!parent.isValid()) return createIndex(row, column, kTopicNode);
  return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex LogPartitionTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == kTopicNode) return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, kTopicNode);
}

int LogPartitionTreeModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(m_topics.size());
  if (parent.column() != 0 || parent.internalId() != kTopicNode) return 0;
  return static_cast<int>(m_topics[parent.row()].partitions.size());
}

int LogPartitionTreeModel::columnCount(const QModelIndex&) const { return 3; }

QVariant LogPartitionTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const app::LogPartitionInfo* partition = partitionAt(index);
  if (role == Qt::TextAlignmentRole && index.column() > 0) return rightAligned();
  if (role == Qt::ToolTipRole && partition) return partition->dir;
  if (role != Qt::DisplayRole) return {};
  if (partition == nullptr) {
    const auto& topic = m_topics[index.row()];
    switch (index.column()) {
      case 0: return topic.name;
      case 1: return tr("%n partition(s)", nullptr, static_cast<int>(topic.partitions.size()));
      case 2: return formatDataSize(topic.totalBytes);
    }
    return {};
  }
  switch (index.column()) {
    case 0: {
      const QString dir = m_dirNames.value(QDir::cleanPath(QFileInfo(partition->dir).path()));
      return dir.isEmpty() ? tr("Partition %1").arg(partition->partition)
                           : tr("Partition %1 · %2").arg(partition->partition).arg(dir);
    }
    case 1: return tr("%n segment(s)", nullptr, static_cast<int>(partition->segments.size()));
    case 2: return formatDataSize(partition->totalBytes);
  }
  return {};
}

QVariant LogPartitionTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case 0: return tr("Topic / partition");
    case 1: return tr("Contents");
    case 2: return tr("Size");
  }
  return {};
}

// --- SegmentTableModel --------------------------------------------------------------------------------------

SegmentTableModel::SegmentTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SegmentTableModel::setSegments(const QList<app::SegmentFileInfo>& segments) {
  beginResetModel();
  m_segments = segments;
  endResetModel();
}

const app::SegmentFileInfo* SegmentTableModel::segmentAt(int row) const {
  return row >= 0 && row < m_segments.size() ? &m_segments[row] : nullptr;
}

int SegmentTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_segments.size());
}

int SegmentTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SegmentTableModel::data(const QModelIndex& index, int role) const {
  const app::SegmentFileInfo* s = index.isValid() ? segmentAt(index.row()) : nullptr;
  if (s == nullptr || index.column() >= ColumnCount) return {};
  if (role == Qt::TextAlignmentRole) return index.column() == ActiveColumn ? QVariant() : rightAligned();
  if (role == Qt::ToolTipRole) {
    QString tip = s->logPath;
    if (s->invalidTailBytes > 0) tip += QLatin1Char('\n') + tr("%n invalid byte(s) after the last valid batch", nullptr,
                                                               static_cast<int>(std::min<qint64>(s->invalidTailBytes, INT32_MAX)));
    return tip;
  }
  if (role == Qt::FontRole && s->active) {
    QFont font;
    font.setBold(true);
    return font;
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case BaseOffsetColumn: return s->baseOffset;
    case NextOffsetColumn: return s->nextOffset;
    case SizeColumn: return formatDataSize(s->sizeBytes);
    case FirstTimestampColumn: return formatTimestamp(s->firstTimestamp);
    case LastTimestampColumn: return formatTimestamp(s->lastTimestamp);
    case IndexEntriesColumn: return s->offsetIndexEntries;
    case TimeIndexEntriesColumn: return s->timeIndexEntries;
    case ActiveColumn:
      if (s->invalidTailBytes > 0) return tr("⚠ torn tail");
      return s->active ? tr("● active") : QString();
  }
  return {};
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case BaseOffsetColumn: return tr("Base offset");
    case NextOffsetColumn: return tr("Next offset");
    case SizeColumn: return tr("Size");
    case FirstTimestampColumn: return tr("First timestamp");
    case LastTimestampColumn: return tr("Last timestamp");
    case IndexEntriesColumn: return tr("Index entries");
    case TimeIndexEntriesColumn: return tr("Time index entries");
    case ActiveColumn: return tr("State");
  }
  return {};
}

// --- SegmentIndexModel --------------------------------------------------------------------------------------

SegmentIndexModel::SegmentIndexModel(Kind kind, QObject* parent) : QAbstractTableModel(parent), m_kind(kind) {}

void SegmentIndexModel::setIndexes(const app::SegmentIndexes& indexes) {
  beginResetModel();
  m_indexes = indexes;
  endResetModel();
}

int SegmentIndexModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return static_cast<int>(m_kind == Kind::OffsetIndex ? m_indexes.offsetEntries.size() : m_indexes.timeEntries.size());
}

int SegmentIndexModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 2; }

QVariant SegmentIndexModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() > 1) return {};
  if (role == Qt::TextAlignmentRole) return rightAligned();
  if (role != Qt::DisplayRole) return {};
  if (m_kind == Kind::OffsetIndex) {
    const auto& e = m_indexes.offsetEntries[index.row()];
    return index.column() == 0 ? e.offset : e.position;
  }
  const auto& e = m_indexes.timeEntries[index.row()];
  return index.column() == 0 ? QVariant(formatTimestamp(e.timestamp) + QStringLiteral("  (%1)").arg(e.timestamp))
                             : QVariant(e.offset);
}

QVariant SegmentIndexModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  if (m_kind == Kind::OffsetIndex) return section == 0 ? tr("Offset") : tr("Position");
  return section == 0 ? tr("Timestamp") : tr("Offset");
}

// --- BatchTableModel ----------------------------------------------------------------------------------------

BatchTableModel::BatchTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void BatchTableModel::setPage(const app::SegmentBatchPage& page) {
  beginResetModel();
  m_page = page;
  endResetModel();
}

int BatchTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_page.batches.size());
}

int BatchTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BatchTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const app::SegmentBatchInfo& b = m_page.batches[index.row()];
  if (role == Qt::TextAlignmentRole) {
    return (index.column() == CompressionColumn || index.column() == FlagsColumn || index.column() == CrcColumn)
               ? QVariant() : rightAligned();
  }
  if (role == Qt::ToolTipRole && (index.column() == FirstTimestampColumn || index.column() == MaxTimestampColumn)) {
    return b.logAppendTime ? tr("LogAppendTime") : tr("CreateTime");
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case PositionColumn: return b.position;
    case BaseOffsetColumn: return b.baseOffset;
    case LastOffsetColumn: return b.lastOffset;
    case RecordCountColumn: return b.recordCount;
    case FirstTimestampColumn: return formatTimestamp(b.firstTimestamp);
    case MaxTimestampColumn: return formatTimestamp(b.maxTimestamp);
    case CompressionColumn: return b.magic == 2 ? compressionName(b.compression) : tr("magic %1").arg(b.magic);
    case ProducerIdColumn: return b.producerId;
    case ProducerEpochColumn: return b.producerEpoch;
    case BaseSequenceColumn: return b.baseSequence;
    case LeaderEpochColumn: return b.partitionLeaderEpoch;
    case SizeColumn: return b.sizeBytes;
    case FlagsColumn: {
      QStringList flags;
      if (b.transactional) flags << tr("transactional");
      if (b.control) flags << tr("control");
      return flags.join(QStringLiteral(", "));
    }
    case CrcColumn: return b.magic != 2 ? QString() : (b.crcValid ? tr("✓ valid") : tr("✗ invalid"));
  }
  return {};
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case PositionColumn: return tr("Position");
    case BaseOffsetColumn: return tr("Base offset");
    case LastOffsetColumn: return tr("Last offset");
    case RecordCountColumn: return tr("Records");
    case FirstTimestampColumn: return tr("First timestamp");
    case MaxTimestampColumn: return tr("Max timestamp");
    case CompressionColumn: return tr("Compression");
    case ProducerIdColumn: return tr("Producer id");
    case ProducerEpochColumn: return tr("Epoch");
    case BaseSequenceColumn: return tr("Base sequence");
    case LeaderEpochColumn: return tr("Leader epoch");
    case SizeColumn: return tr("Size (bytes)");
    case FlagsColumn: return tr("Flags");
    case CrcColumn: return tr("CRC");
  }
  return {};
}

}  // namespace partita::ui
