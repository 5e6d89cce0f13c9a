// Blocking, read-only readers of Kafka data dirs behind the segment browser: find the partition dirs
// ("<topic>-<partition>") of log dirs (or a partition dir opened directly), describe each segment from its
// first batch header, the tail after its last offset index entry and its index files, read a segment's index
// entries, and read a page of batch headers. Built on the kafka-dump-log readers (app/cli/log_files.h); never
// writes, so it is safe on the data dir of a running broker (it sees a consistent prefix of each file).
// Thread safety: reentrant functions; call from a worker thread (they read files).
#pragma once

#include <QStringList>

#include "app/bridge/segment_types.h"

namespace partita::app {

LogDirScan scanLogDirs(const QStringList& dirs);
SegmentFileInfo describeSegment(const QString& logPath, bool active);
// Throws nothing; an unreadable index gives empty lists and *error set.
SegmentIndexes readSegmentIndexes(const QString& logPath, QString* error);
// Up to maxBatches batch headers from `position` (a batch boundary: 0 or a previous page's nextPosition), with
// each batch's CRC checked.
SegmentBatchPage readSegmentBatches(const QString& logPath, qint64 position, int maxBatches, QString* error);

}  // namespace partita::app
