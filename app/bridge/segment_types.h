// Values the segment browser hands to the GUI: the partitions of a Kafka data dir with their segment files,
// the index entries of one segment, and a page of its batch headers (kafka-dump-log's fields). Plain values.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace partita::app {

struct SegmentFileInfo {
  qint64 baseOffset = 0;
  qint64 nextOffset = 0;        // offset after the last batch (baseOffset when empty)
  QString logPath;
  qint64 sizeBytes = 0;
  qint64 firstTimestamp = -1;   // first batch's first timestamp; -1 when empty
  qint64 lastTimestamp = -1;    // largest timestamp of the segment; -1 when empty
  int offsetIndexEntries = 0;
  int timeIndexEntries = 0;
  bool active = false;          // the newest segment: the one a broker appends to
  qint64 invalidTailBytes = 0;  // bytes after the last valid batch (a torn or corrupt tail)
};

struct LogPartitionInfo {
  QString topic;
  int partition = 0;
  QString dir;
  QList<SegmentFileInfo> segments;  // by base offset
  qint64 totalBytes = 0;
};

struct LogDirScan {
  QStringList dirs;
  QList<LogPartitionInfo> partitions;  // by topic, then partition, then dir
  QStringList errors;                  // dirs or files that could not be read
};

struct OffsetIndexRow {
  qint64 offset = 0;
  qint64 position = 0;
};

struct TimeIndexRow {
  qint64 timestamp = 0;
  qint64 offset = 0;
};

struct SegmentIndexes {
  QString logPath;
  QList<OffsetIndexRow> offsetEntries;
  QList<TimeIndexRow> timeEntries;
};

struct SegmentBatchInfo {
  qint64 position = 0;
  qint64 sizeBytes = 0;
  int magic = 2;
  qint64 baseOffset = 0;
  qint64 lastOffset = 0;
  int recordCount = 0;
  qint64 firstTimestamp = -1;
  qint64 maxTimestamp = -1;
  bool logAppendTime = false;
  int compression = 0;  // Kafka codec id
  qint64 producerId = -1;
  int producerEpoch = -1;
  int baseSequence = -1;
  int partitionLeaderEpoch = -1;
  bool transactional = false;
  bool control = false;
  bool crcValid = false;
};

struct SegmentBatchPage {
  QString logPath;
  qint64 startPosition = 0;
  qint64 nextPosition = 0;  // where the next page starts
  bool atEnd = false;
  qint64 invalidTailBytes = 0;  // with atEnd
  QList<SegmentBatchInfo> batches;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::LogDirScan)
Q_DECLARE_METATYPE(partita::app::SegmentIndexes)
Q_DECLARE_METATYPE(partita::app::SegmentBatchPage)
