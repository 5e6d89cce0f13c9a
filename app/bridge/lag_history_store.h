// LagHistoryStore: consumer-group lag over time, kept on disk between runs of the app.
//
// One directory per cluster (defaultDirectory()), one CSV file per group in it, named by the percent-encoded
// group id. The file is append-only while the app runs: a header line, then one line per point,
//   <time ms since epoch>,<topic>,<partition>,<lag>
// where the group's total is written with an empty topic and partition -1 (Kafka topic names cannot hold a
// comma, so the format needs no quoting). A torn or malformed line (a crash mid-append) is skipped on load.
//
// Bounded: points older than Limits::keepMs are dropped, and older points are thinned (one per minute after
// an hour, one per ten minutes after a day; the highest lag of each bucket is kept, so spikes survive).
// Thinning runs when a group's history is loaded and whenever its file has grown past Limits::compactAtBytes
// (and twice its size after the last compaction); the file is then rewritten atomically (QSaveFile).
//
// Thread safety: none; the GroupMonitor's worker thread owns its store. Errors (unwritable directory) are
// remembered in lastError() and never stop the app: history is a convenience.
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include "app/bridge/group_snapshot.h"

namespace partita::app {

// One sampling of a group: its total lag and each partition's (-1 lag values are not recorded).
struct LagSample {
  qint64 timeMs = 0;
  qint64 totalLag = 0;
  QList<QPair<PartitionRef, qint64>> partitions;
};

class LagHistoryStore {
 public:
  struct Limits {
    qint64 keepMs = 7LL * 24 * 3600 * 1000;
    qint64 fullResolutionMs = 3600LL * 1000;          // newer points are kept as sampled
    qint64 fineResolutionMs = 24LL * 3600 * 1000;     // up to this age: one point per fineStepMs
    qint64 fineStepMs = 60LL * 1000;
    qint64 coarseStepMs = 10LL * 60 * 1000;           // older: one point per coarseStepMs
    qint64 compactAtBytes = 512LL * 1024;
  };

  explicit LagHistoryStore(const QString& directory);
  LagHistoryStore(const QString& directory, const Limits& limits);

  // <AppLocalDataLocation>/lag-history/<clusterKey>, with clusterKey reduced to file-name-safe characters.
  static QString defaultDirectory(const QString& clusterKey);
  // The file holding `group`'s history inside `directory`.
  static QString fileNameFor(const QString& group);

  QString directory() const { return m_directory; }

  // Adds a sample to the group's history (loading it first if needed) and appends it to the file.
  void record(const QString& group, const LagSample& sample);
  // The group's history (loaded from disk on first use), thinned as of the last compaction.
  LagHistory history(const QString& group);
  // Thins the group's history as of nowMs and rewrites its file.
  void compact(const QString& group, qint64 nowMs);
  QString lastError() const { return m_lastError; }

  // The thinning rule, exposed for tests: returns the points of one series to keep as of nowMs.
  static LagSeries thin(const LagSeries& series, qint64 nowMs, const Limits& limits);

 private:
  struct GroupData {
    LagHistory history;
    qint64 fileBytes = 0;
    qint64 bytesAfterCompaction = 0;
  };
  GroupData& load(const QString& group);
  void rewrite(const QString& group, GroupData& data);

  QString m_directory;
  Limits m_limits;
  QHash<QString, GroupData> m_groups;
  QString m_lastError;
};

}  // namespace partita::app
