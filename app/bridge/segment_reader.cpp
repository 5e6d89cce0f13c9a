#include "app/bridge/segment_reader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

#include "app/cli/log_files.h"

namespace partita::app {

namespace {

QString indexPath(const QString& logPath, const char* ext) {
  QString p = logPath;
  p.chop(4);  // ".log"
  return p + QLatin1String(ext);
}

SegmentBatchInfo toBatchInfo(const cli::LogFileBatch& b) {
  SegmentBatchInfo info;
  info.position = static_cast<qint64>(b.position);
  info.sizeBytes = static_cast<qint64>(b.size);
  info.magic = b.magic;
  info.baseOffset = b.header.base_offset;
  info.crcValid = b.crc_valid;
  if (b.magic != 2) {
    info.lastOffset = b.header.base_offset;
    return info;
  }
  info.lastOffset = b.header.last_offset();
  info.recordCount = b.header.records_count;
  info.firstTimestamp = b.header.log_append_time() ? b.header.max_timestamp : b.header.base_timestamp;
  info.maxTimestamp = b.header.max_timestamp;
  info.logAppendTime = b.header.log_append_time();
  info.compression = static_cast<int>(b.header.compression());
  info.producerId = b.header.producer_id;
  info.producerEpoch = b.header.producer_epoch;
  info.baseSequence = b.header.base_sequence;
  info.partitionLeaderEpoch = b.header.partition_leader_epoch;
  info.transactional = b.header.transactional();
  info.control = b.header.control();
  return info;
}

// "<topic>-<partition>": topics may contain '-', the partition is what follows the last one.
bool parsePartitionDir(const QString& name, QString* topic, int* partition) {
  static const QRegularExpression re(QStringLiteral("^(.+)-(\\d+)$"));
  const auto m = re.match(name);
  if (!m.hasMatch()) return false;
  bool ok = false;
  *partition = m.captured(2).toInt(&ok);
  *topic = m.captured(1);
  return ok;
}

LogPartitionInfo describePartition(const QString& dir, const QString& topic, int partition) {
  LogPartitionInfo info;
  info.topic = topic;
  info.partition = partition;
  info.dir = dir;
  const QStringList logs = QDir(dir).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
  QStringList segments;
  for (const QString& f : logs) {
    if (QFileInfo(f).completeBaseName().length() == 20) segments.push_back(f);  // 20-digit base offsets
  }
  for (qsizetype i = 0; i < segments.size(); ++i) {
    SegmentFileInfo s = describeSegment(QDir(dir).filePath(segments[i]), i + 1 == segments.size());
    info.totalBytes += s.sizeBytes;
    info.segments.push_back(s);
  }
  return info;
}

}  // namespace

SegmentFileInfo describeSegment(const QString& logPath, bool active) {
  SegmentFileInfo info;
  info.logPath = logPath;
  info.active = active;
  const std::string path = logPath.toStdString();
  info.baseOffset = cli::BaseOffsetFromFileName(path);
  info.nextOffset = info.baseOffset;
  auto offsets = cli::ReadIndexFileTail(indexPath(logPath, ".index").toStdString(), false);
  auto times = cli::ReadIndexFileTail(indexPath(logPath, ".timeindex").toStdString(), true);
  if (offsets.ok()) info.offsetIndexEntries = static_cast<int>(offsets->entries);
  if (times.ok()) {
    info.timeIndexEntries = static_cast<int>(times->entries);
    if (times->entries > 0) info.lastTimestamp = times->last_time_entry.timestamp;
  }
  auto reader = cli::LogFileReader::Open(path);
  if (!reader.ok()) return info;
  info.sizeBytes = static_cast<qint64>(reader->size());
  (void)reader->ScanBatches(0, false, [&](const cli::LogFileBatch& b, std::span<const uint8_t>) {
    info.firstTimestamp = toBatchInfo(b).firstTimestamp;
    return false;
  });
  // Everything after the last offset index entry: at most index.interval.bytes plus one batch.
  const uint64_t tail = info.offsetIndexEntries > 0 ? static_cast<uint64_t>(offsets->last_offset_entry.position) : 0;
  auto scan = reader->ScanBatches(tail, false, [&](const cli::LogFileBatch& b, std::span<const uint8_t>) {
    const SegmentBatchInfo batch = toBatchInfo(b);
    info.nextOffset = std::max(info.nextOffset, batch.lastOffset + 1);
    info.lastTimestamp = std::max(info.lastTimestamp, batch.maxTimestamp);
    return true;
  });
  if (scan.ok()) info.invalidTailBytes = static_cast<qint64>(scan->invalid_tail_bytes);
  return info;
}

LogDirScan scanLogDirs(const QStringList& dirs) {
  LogDirScan scan;
  scan.dirs = dirs;
  for (const QString& dir : dirs) {
    QDir d(dir);
    if (!d.exists()) {
      scan.errors.push_back(QCoreApplication::translate("partita::app::SegmentBrowser", "%1 does not exist").arg(dir));
      continue;
    }
    QString topic;
    int partition = 0;
    // A partition dir opened directly.
    if (!d.entryList({QStringLiteral("*.log")}, QDir::Files).isEmpty() &&
        parsePartitionDir(d.dirName(), &topic, &partition)) {
      scan.partitions.push_back(describePartition(d.absolutePath(), topic, partition));
      continue;
    }
    for (const QString& sub : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      if (!parsePartitionDir(sub, &topic, &partition)) continue;  // e.g. "t-0.<uuid>-delete"
      scan.partitions.push_back(describePartition(d.absoluteFilePath(sub), topic, partition));
    }
  }
  std::sort(scan.partitions.begin(), scan.partitions.end(), [](const LogPartitionInfo& a, const LogPartitionInfo& b) {
    if (a.topic != b.topic) return a.topic < b.topic;
    if (a.partition != b.partition) return a.partition < b.partition;
    return a.dir < b.dir;  // a partition's replicas in several dirs (local brokers) in a stable order
  });
  return scan;
}

SegmentIndexes readSegmentIndexes(const QString& logPath, QString* error) {
  SegmentIndexes out;
  out.logPath = logPath;
  auto offsets = cli::ReadOffsetIndexFile(indexPath(logPath, ".index").toStdString());
  auto times = cli::ReadTimeIndexFile(indexPath(logPath, ".timeindex").toStdString());
  if (offsets.ok()) {
    for (const auto& e : *offsets) out.offsetEntries.push_back({e.offset, e.position});
    // Entry 0 of an empty, preallocated file is zeros, not an entry (kafka-dump-log prints it anyway).
    if (out.offsetEntries.size() == 1 && out.offsetEntries[0].position == 0 &&
        out.offsetEntries[0].offset == cli::BaseOffsetFromFileName(logPath.toStdString())) {
      out.offsetEntries.clear();
    }
  } else if (error && !offsets.status().IsNotFound()) {
    // A missing index is an empty one: brokers (Kafka's LazyIndex, ours) create it when the first entry is
    // flushed, so a new or small segment has none.
    *error = QString::fromStdString(offsets.status().ToString());
  }
  if (times.ok()) {
    for (const auto& e : *times) out.timeEntries.push_back({e.timestamp, e.offset});
    if (out.timeEntries.size() == 1 && out.timeEntries[0].timestamp == 0) out.timeEntries.clear();
  } else if (error && !times.status().IsNotFound()) {  // as for the offset index
    *error = QString::fromStdString(times.status().ToString());
  }
  return out;
}

SegmentBatchPage readSegmentBatches(const QString& logPath, qint64 position, int maxBatches, QString* error) {
  SegmentBatchPage page;
  page.logPath = logPath;
  page.startPosition = position;
  page.nextPosition = position;
  auto reader = cli::LogFileReader::Open(logPath.toStdString());
  if (!reader.ok()) {
    if (error) *error = QString::fromStdString(reader.status().ToString());
    page.atEnd = true;
    return page;
  }
  auto scan = reader->ScanBatches(static_cast<uint64_t>(std::max<qint64>(0, position)), true,
                                  [&](const cli::LogFileBatch& b, std::span<const uint8_t>) {
                                    page.batches.push_back(toBatchInfo(b));
                                    return static_cast<int>(page.batches.size()) < maxBatches;
                                  });
  if (!scan.ok()) {
    if (error) *error = QString::fromStdString(scan.status().ToString());
    page.atEnd = true;
    return page;
  }
  page.nextPosition = static_cast<qint64>(scan->next_position);
  // A visit that stopped exactly at the last batch reports !at_end; the next page is then empty and at the end.
  page.atEnd = scan->at_end || scan->next_position >= reader->size();
  page.invalidTailBytes = static_cast<qint64>(scan->invalid_tail_bytes);
  return page;
}

}  // namespace partita::app
