// SegmentBrowser: the segments page's bridge to Kafka data dirs on this computer (a local cluster's broker
// dirs or any dir opened from disk). Reads files read-only on its own worker thread (segment_reader.h) and
// emits value results with the id of the request they answer; it never writes to the dirs.
// Lifetime: the destructor waits for the read in progress. Thread safety: call from the GUI thread; signals
// arrive on it.
#pragma once

#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <functional>

#include "app/bridge/segment_types.h"

namespace partita::app {

class SegmentBrowser : public QObject {
  Q_OBJECT

 public:
  static constexpr int kBatchPageSize = 200;

  explicit SegmentBrowser(QObject* parent = nullptr);
  ~SegmentBrowser() override;

  // Lists the partitions and segments of log dirs (or partition dirs).
  quint64 scan(const QStringList& dirs);
  quint64 loadIndexes(const QString& logPath);
  // A page of batch headers from a batch boundary (0, or a previous page's nextPosition).
  quint64 loadBatches(const QString& logPath, qint64 position, int maxBatches = kBatchPageSize);

 signals:
  void scanned(quint64 requestId, const partita::app::LogDirScan& scan);
  void indexesLoaded(quint64 requestId, const partita::app::SegmentIndexes& indexes);
  void batchesLoaded(quint64 requestId, const partita::app::SegmentBatchPage& page);
  void requestFailed(quint64 requestId, const QString& error);

 private:
  quint64 submit(std::function<void(quint64 id)> work);

  quint64 m_nextId = 1;
  QThreadPool m_pool;
};

}  // namespace partita::app
