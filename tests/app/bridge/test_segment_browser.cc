// SegmentBrowser / segment_reader on a data dir written by the engine's storage::Log (several segments,
// compressed batches, producer ids), plus a torn tail and a dir that is not a Kafka data dir. The browser
// must report exactly what the files hold and never change them.
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/segment_browser.h"
#include "app/bridge/segment_reader.h"
#include "tests/app/bridge/segment_log_fixture.h"

using namespace partita;
using namespace partita::app;

namespace {

// A digest of every file's name and bytes under dir: proves the browser wrote nothing.
QByteArray TreeDigest(const QString& dir) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  QStringList files;
  QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) files << it.next();
  files.sort();
  for (const QString& f : files) {
    QFile file(f);
    if (!file.open(QIODevice::ReadOnly)) continue;
    hash.addData(f.toUtf8());
    hash.addData(file.readAll());
  }
  return hash.result();
}

}  // namespace

class TestSegmentBrowser : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_written = testing::WriteFixtureLogs(m_tmp.path());
    QVERIFY2(m_written.error.isEmpty(), qPrintable(m_written.error));
  }

  void scanFindsPartitionsAndSegments() {
    const QByteArray before = TreeDigest(m_tmp.path());
    const LogDirScan scan = scanLogDirs({m_tmp.path()});
    QVERIFY(scan.errors.isEmpty());
    QCOMPARE(scan.partitions.size(), 2);
    const LogPartitionInfo& p0 = scan.partitions[0];
    QCOMPARE(p0.topic, QStringLiteral("orders"));
    QCOMPARE(p0.partition, 0);
    QCOMPARE(scan.partitions[1].partition, 1);
    QVERIFY2(p0.segments.size() >= 3, "4 KiB segments must have rolled");
    qint64 total = 0;
    for (qsizetype i = 0; i < p0.segments.size(); ++i) {
      const SegmentFileInfo& s = p0.segments[i];
      QCOMPARE(s.active, i + 1 == p0.segments.size());
      QCOMPARE(s.sizeBytes, QFileInfo(s.logPath).size());
      QVERIFY(s.sizeBytes > 0);
      QVERIFY(s.firstTimestamp >= testing::kFixtureBaseTime);
      QVERIFY(s.lastTimestamp >= s.firstTimestamp);
      QVERIFY2(s.offsetIndexEntries > 0, "256-byte index interval: every segment has offset index entries");
      QCOMPARE(s.invalidTailBytes, 0);
      if (i > 0) QCOMPARE(s.baseOffset, p0.segments[i - 1].nextOffset);  // segments tile the offsets
      total += s.sizeBytes;
    }
    QCOMPARE(p0.segments.front().baseOffset, 0);
    QCOMPARE(p0.segments.front().firstTimestamp, testing::kFixtureBaseTime);
    QCOMPARE(p0.segments.back().nextOffset, m_written.partition0_records);
    QCOMPARE(p0.segments.back().lastTimestamp, m_written.last_timestamp);
    QCOMPARE(p0.totalBytes, total);
    QCOMPARE(TreeDigest(m_tmp.path()), before);
  }

  void partitionDirOpenedDirectly() {
    const LogDirScan scan = scanLogDirs({m_tmp.path() + "/orders-1"});
    QCOMPARE(scan.partitions.size(), 1);
    QCOMPARE(scan.partitions[0].partition, 1);
    QCOMPARE(scan.partitions[0].segments.size(), 1);
    QCOMPARE(scan.partitions[0].segments[0].nextOffset, 3);
  }

  void indexEntriesMatchTheFiles() {
    const LogDirScan scan = scanLogDirs({m_tmp.path()});
    const SegmentFileInfo& s = scan.partitions[0].segments[0];
    QString error;
    const SegmentIndexes idx = readSegmentIndexes(s.logPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(idx.offsetEntries.size(), s.offsetIndexEntries);
    QCOMPARE(idx.timeEntries.size(), s.timeIndexEntries);
    QCOMPARE(QFileInfo(QString(s.logPath).replace(".log", ".index")).size(), idx.offsetEntries.size() * 8);
    for (qsizetype i = 1; i < idx.offsetEntries.size(); ++i) {
      QVERIFY(idx.offsetEntries[i].offset > idx.offsetEntries[i - 1].offset);
      QVERIFY(idx.offsetEntries[i].position > idx.offsetEntries[i - 1].position);
      QVERIFY(idx.offsetEntries[i].position < s.sizeBytes);
    }
    // Every offset index entry points at a batch boundary: a batch page starting there begins with that batch.
    const auto& e = idx.offsetEntries.back();
    const SegmentBatchPage page = readSegmentBatches(s.logPath, e.position, 1, &error);
    QCOMPARE(page.batches.size(), 1);
    QVERIFY(page.batches[0].baseOffset <= e.offset && e.offset <= page.batches[0].lastOffset);
    for (const auto& t : idx.timeEntries) QVERIFY(t.timestamp >= testing::kFixtureBaseTime);
  }

  void batchDumpPagesThroughEverything() {
    const LogDirScan scan = scanLogDirs({m_tmp.path()});
    qint64 batches = 0, records = 0, expectedOffset = 0;
    QSet<int> codecs;
    bool sawProducer = false;
    for (const auto& s : scan.partitions[0].segments) {
      qint64 position = 0;
      for (int guard = 0; guard < 1000; ++guard) {
        QString error;
        const SegmentBatchPage page = readSegmentBatches(s.logPath, position, 7, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(page.batches.size() <= 7);
        for (const auto& b : page.batches) {
          QVERIFY(b.crcValid);
          QCOMPARE(b.magic, 2);
          QCOMPARE(b.baseOffset, expectedOffset);
          QCOMPARE(b.lastOffset - b.baseOffset + 1, b.recordCount);
          QVERIFY(b.maxTimestamp >= b.firstTimestamp);
          QCOMPARE(b.partitionLeaderEpoch, 1);
          codecs.insert(b.compression);
          if (b.producerId == 4242) {
            sawProducer = true;
            QCOMPARE(b.producerEpoch, 3);
            QCOMPARE(b.baseSequence, static_cast<int>(b.baseOffset));  // the fixture's sequence = offset
          } else {
            QCOMPARE(b.producerId, -1);
          }
          expectedOffset = b.lastOffset + 1;
          records += b.recordCount;
          ++batches;
        }
        if (page.atEnd) break;
        QVERIFY(page.nextPosition > position);
        position = page.nextPosition;
      }
    }
    QCOMPARE(batches, m_written.partition0_batches);
    QCOMPARE(records, m_written.partition0_records);
    QCOMPARE(codecs, (QSet<int>{0, 1, 2, 3, 4}));
    QVERIFY(sawProducer);
  }

  void tornTailIsReportedNotFatal() {
    QTemporaryDir tmp;
    QDir().mkpath(tmp.path() + "/torn-0");
    const LogDirScan scan = scanLogDirs({m_tmp.path() + "/orders-1"});
    const QString src = scan.partitions[0].segments[0].logPath;
    const QString dst = tmp.path() + "/torn-0/00000000000000000000.log";
    QVERIFY(QFile::copy(src, dst));
    QFile f(dst);
    QVERIFY(f.open(QIODevice::Append));
    f.write(QByteArray("\x00\x00\x00\x00\x00\x00\x00\x09\x00\x00\x10\x00garbage", 19));  // claims 4 KiB, has 7 bytes
    f.close();
    const SegmentFileInfo info = describeSegment(dst, true);
    QCOMPARE(info.invalidTailBytes, 19);
    QCOMPARE(info.nextOffset, 3);
    QString error;
    const SegmentBatchPage page = readSegmentBatches(dst, 0, 100, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(page.batches.size(), 1);
    QVERIFY(page.atEnd);
    QCOMPARE(page.invalidTailBytes, 19);
    // Garbage from the start of a file: no batches, no crash.
    QFile g(tmp.path() + "/torn-0/00000000000000000100.log");
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(QByteArray(100, '\xff'));
    g.close();
    QCOMPARE(readSegmentBatches(g.fileName(), 0, 10, &error).batches.size(), 0);
  }

  void preallocatedIndexesLikeKafka() {
    // Kafka leaves the active segment's indexes preallocated (zeros after the entries): counts, the last
    // timestamp and the index tab must not change.
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/pre-0";
    QDir().mkpath(dir);
    const LogDirScan scan = scanLogDirs({m_tmp.path()});
    const SegmentFileInfo& s = scan.partitions[0].segments[0];
    const QString stem = QFileInfo(s.logPath).completeBaseName();
    for (const char* ext : {".log", ".index", ".timeindex"}) {
      QVERIFY(QFile::copy(QFileInfo(s.logPath).path() + "/" + stem + ext, dir + "/" + stem + ext));
    }
    for (const char* ext : {".index", ".timeindex"}) {
      QFile f(dir + "/" + stem + ext);
      QVERIFY(f.open(QIODevice::Append));
      f.write(QByteArray(12 * 1000, '\0'));
    }
    const SegmentFileInfo pre = describeSegment(dir + "/" + stem + ".log", true);
    QCOMPARE(pre.offsetIndexEntries, s.offsetIndexEntries);
    QCOMPARE(pre.timeIndexEntries, s.timeIndexEntries);
    QCOMPARE(pre.lastTimestamp, s.lastTimestamp);
    QCOMPARE(pre.nextOffset, s.nextOffset);
    QString error;
    const SegmentIndexes idx = readSegmentIndexes(dir + "/" + stem + ".log", &error);
    QCOMPARE(idx.offsetEntries.size(), s.offsetIndexEntries);
    QCOMPARE(idx.timeEntries.size(), s.timeIndexEntries);
    // An entirely empty preallocated index has no entries.
    QFile empty(dir + "/00000000000000099999.index");
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.write(QByteArray(8 * 100, '\0'));
    empty.close();
    QFile emptyLog(dir + "/00000000000000099999.log");
    QVERIFY(emptyLog.open(QIODevice::WriteOnly));
    emptyLog.close();
    QCOMPARE(describeSegment(emptyLog.fileName(), true).offsetIndexEntries, 0);
    QCOMPARE(readSegmentIndexes(emptyLog.fileName(), &error).offsetEntries.size(), 0);
    // No index files at all (brokers create them when first flushed): empty, not an error.
    QFile::remove(dir + "/00000000000000099999.index");
    QString none;
    const SegmentIndexes missing = readSegmentIndexes(emptyLog.fileName(), &none);
    QVERIFY2(none.isEmpty(), qPrintable(none));
    QCOMPARE(missing.offsetEntries.size(), 0);
    QCOMPARE(missing.timeEntries.size(), 0);
  }

  void notADataDir() {
    QTemporaryDir tmp;
    QDir().mkpath(tmp.path() + "/just-some-folder");
    QVERIFY(scanLogDirs({tmp.path()}).partitions.isEmpty());
    const LogDirScan missing = scanLogDirs({tmp.path() + "/missing"});
    QCOMPARE(missing.errors.size(), 1);
    QString error;
    (void)readSegmentBatches(tmp.path() + "/missing.log", 0, 10, &error);
    QVERIFY(!error.isEmpty());
  }

  void browserRunsOffTheGuiThreadAndAnswersById() {
    SegmentBrowser browser;
    QSignalSpy scanned(&browser, &SegmentBrowser::scanned);
    QSignalSpy batches(&browser, &SegmentBrowser::batchesLoaded);
    QSignalSpy indexes(&browser, &SegmentBrowser::indexesLoaded);
    const quint64 scanId = browser.scan({m_tmp.path()});
    QVERIFY(scanned.wait(10000));
    QCOMPARE(scanned.at(0).at(0).toULongLong(), scanId);
    const auto scan = scanned.at(0).at(1).value<LogDirScan>();
    QCOMPARE(scan.partitions.size(), 2);
    const QString path = scan.partitions[0].segments[0].logPath;
    const quint64 idxId = browser.loadIndexes(path);
    const quint64 batchId = browser.loadBatches(path, 0, 3);
    QVERIFY(batches.wait(10000));
    if (indexes.isEmpty()) QVERIFY(indexes.wait(10000));
    QCOMPARE(indexes.at(0).at(0).toULongLong(), idxId);
    QCOMPARE(batches.at(0).at(0).toULongLong(), batchId);
    QCOMPARE(batches.at(0).at(1).value<SegmentBatchPage>().batches.size(), 3);
  }

 private:
  QTemporaryDir m_tmp;
  testing::WrittenLog m_written;
};

QTEST_GUILESS_MAIN(TestSegmentBrowser)
#include "test_segment_browser.moc"
