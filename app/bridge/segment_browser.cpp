#include "app/bridge/segment_browser.h"

#include <QMetaObject>

#include "app/bridge/segment_reader.h"

namespace partita::app {

SegmentBrowser::SegmentBrowser(QObject* parent) : QObject(parent) {
  m_pool.setMaxThreadCount(1);
}

SegmentBrowser::~SegmentBrowser() {
  m_pool.clear();
  m_pool.waitForDone();
}

quint64 SegmentBrowser::submit(std::function<void(quint64 id)> work) {
  const quint64 id = m_nextId++;
  m_pool.start([id, work = std::move(work)] { work(id); });
  return id;
}

quint64 SegmentBrowser::scan(const QStringList& dirs) {
  return submit([this, dirs](quint64 id) {
    LogDirScan result = scanLogDirs(dirs);
    QMetaObject::invokeMethod(this, [this, id, result] { emit scanned(id, result); }, Qt::QueuedConnection);
  });
}

quint64 SegmentBrowser::loadIndexes(const QString& logPath) {
  return submit([this, logPath](quint64 id) {
    QString error;
    SegmentIndexes result = readSegmentIndexes(logPath, &error);
    QMetaObject::invokeMethod(
        this,
        [this, id, result, error] {
          if (!error.isEmpty()) emit requestFailed(id, error);
          emit indexesLoaded(id, result);
        },
        Qt::QueuedConnection);
  });
}

quint64 SegmentBrowser::loadBatches(const QString& logPath, qint64 position, int maxBatches) {
  return submit([this, logPath, position, maxBatches](quint64 id) {
    QString error;
    SegmentBatchPage page = readSegmentBatches(logPath, position, maxBatches, &error);
    QMetaObject::invokeMethod(
        this,
        [this, id, page, error] {
          if (!error.isEmpty()) {
            emit requestFailed(id, error);
            return;
          }
          emit batchesLoaded(id, page);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace partita::app
