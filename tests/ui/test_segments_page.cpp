// The segments page and its models on a real data dir written by the engine's storage::Log (several
// segments, compressed batches): the tree, the segments table, the index tabs and the paged batch dump, each
// model under QAbstractItemModelTester. Saves a screenshot to test-artifacts/ui/segments_page.png.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTreeView>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/app/bridge/segment_log_fixture.h"
#include "ui/models/segment_models.h"
#include "tests/ui/ui_test_util.h"
#include "ui/pages/segments_page.h"

using namespace partita;
using namespace partita::ui;
using partita::uitest::saveArtifact;

namespace {

bool waitIdle(SegmentsPage& page) {
  for (int i = 0; i < 200 && page.isBusy(); ++i) QTest::qWait(50);
  return !page.isBusy();
}

}  // namespace

class SegmentsPageTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_written = testing::WriteFixtureLogs(m_tmp.path());
    QVERIFY2(m_written.error.isEmpty(), qPrintable(m_written.error));
  }

  void modelsPassTheTester() {
    app::LogDirScan scan;
    app::LogPartitionInfo p;
    p.topic = "a";
    p.partition = 0;
    app::SegmentFileInfo s;
    s.baseOffset = 0;
    s.nextOffset = 10;
    s.active = true;
    p.segments = {s, s};
    scan.partitions = {p, p};
    scan.partitions[1].partition = 1;
    app::LogPartitionInfo q = p;
    q.topic = "b";
    scan.partitions.push_back(q);

    LogPartitionTreeModel tree;
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setScan(scan);
    QCOMPARE(tree.rowCount(), 2);
    QCOMPARE(tree.rowCount(tree.index(0, 0)), 2);
    QVERIFY(tree.partitionAt(tree.index(1, 0, tree.index(0, 0))) != nullptr);
    QCOMPARE(tree.partitionAt(tree.indexOfPartition("a", 1))->partition, 1);
    QVERIFY(tree.partitionAt(tree.index(0, 0)) == nullptr);
    QCOMPARE(tree.index(0, 0, tree.index(0, 0)).data().toString(), QStringLiteral("Partition 0"));  // one dir

    // A local cluster's brokers: a row per partition dir, named by the part of the log dir that differs.
    app::LogDirScan brokers;
    brokers.dirs = {"/data/c/broker-1/logs", "/data/c/broker-2/logs/"};
    p.dir = "/data/c/broker-1/logs/a-0";
    brokers.partitions << p;
    p.dir = "/data/c/broker-2/logs/a-0";
    brokers.partitions << p;
    tree.setScan(brokers);
    QCOMPARE(tree.rowCount(tree.index(0, 0)), 2);
    QCOMPARE(tree.index(0, 0, tree.index(0, 0)).data().toString(), QString::fromUtf8("Partition 0 · broker-1"));
    QCOMPARE(tree.index(1, 0, tree.index(0, 0)).data().toString(), QString::fromUtf8("Partition 0 · broker-2"));
    tree.setScan({});
    QCOMPARE(tree.rowCount(), 0);

    SegmentTableModel segments;
    QAbstractItemModelTester segmentsTester(&segments, QAbstractItemModelTester::FailureReportingMode::QtTest);
    segments.setSegments(p.segments);
    QCOMPARE(segments.rowCount(), 2);
    QCOMPARE(segments.index(0, SegmentTableModel::NextOffsetColumn).data().toLongLong(), 10);

    app::SegmentIndexes idx;
    idx.offsetEntries = {{5, 100}, {9, 700}};
    idx.timeEntries = {{1000, 5}};
    SegmentIndexModel offsets(SegmentIndexModel::Kind::OffsetIndex);
    SegmentIndexModel times(SegmentIndexModel::Kind::TimeIndex);
    QAbstractItemModelTester t1(&offsets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&times, QAbstractItemModelTester::FailureReportingMode::QtTest);
    offsets.setIndexes(idx);
    times.setIndexes(idx);
    QCOMPARE(offsets.rowCount(), 2);
    QCOMPARE(offsets.index(1, 1).data().toLongLong(), 700);
    QCOMPARE(times.rowCount(), 1);

    app::SegmentBatchPage page;
    page.logPath = "x.log";
    page.batches.resize(3);
    page.batches[1].compression = 4;
    page.batches[1].crcValid = true;
    BatchTableModel batches;
    QAbstractItemModelTester t3(&batches, QAbstractItemModelTester::FailureReportingMode::QtTest);
    batches.setPage(page);
    QCOMPARE(batches.rowCount(), 3);
    QCOMPARE(batches.index(1, BatchTableModel::CompressionColumn).data().toString(), QStringLiteral("zstd"));
  }

  void emptyUntilGivenDirs() {
    SegmentsPage page({});
    auto* stack = page.findChild<QStackedWidget*>();
    QCOMPARE(stack->currentIndex(), 0);
    QVERIFY2(stack->widget(1)->minimumSizeHint().width() <= 700,
             qPrintable(QString::number(stack->widget(1)->minimumSizeHint().width())));
    page.setLocalLogDirs({});
    QCOMPARE(stack->currentIndex(), 0);
  }

  void browsesADataDir() {
    SegmentsPage page({});
    page.resize(1280, 800);
    page.show();
    QSignalSpy scanned(&page, &SegmentsPage::scanned);
    page.setLocalLogDirs({m_tmp.path()});
    QVERIFY(scanned.wait(10000));
    QVERIFY(waitIdle(page));
    QCOMPARE(page.findChild<QStackedWidget*>()->currentIndex(), 1);
    QCOMPARE(page.partitionModel()->rowCount(), 1);  // one topic
    QCOMPARE(page.partitionModel()->rowCount(page.partitionModel()->index(0, 0)), 2);
    // The first partition and its active (newest) segment are selected and loaded.
    const int segments = page.segmentModel()->rowCount();
    QVERIFY(segments >= 3);
    QVERIFY(page.segmentModel()->segmentAt(segments - 1)->active);
    QVERIFY(page.batchModel()->rowCount() > 0);

    // The first segment: its indexes and a batch dump paged forward and back.
    QVERIFY(page.selectSegment(0));
    QVERIFY(waitIdle(page));
    const auto* first = page.segmentModel()->segmentAt(0);
    QCOMPARE(page.offsetIndexModel()->rowCount(), first->offsetIndexEntries);
    QCOMPARE(page.timeIndexModel()->rowCount(), first->timeIndexEntries);
    const int firstPageRows = page.batchModel()->rowCount();
    QVERIFY(firstPageRows > 0);
    QCOMPARE(page.batchModel()->index(0, BatchTableModel::BaseOffsetColumn).data().toLongLong(), 0);
    qint64 batchesSeen = firstPageRows;
    int pages = 1;
    while (!page.batchModel()->page().atEnd && pages < 100) {
      page.nextBatches();
      QVERIFY(waitIdle(page));
      batchesSeen += page.batchModel()->rowCount();
      ++pages;
    }
    QCOMPARE(page.batchModel()->page().batches.back().lastOffset + 1, first->nextOffset);
    if (pages > 1) {
      page.previousBatches();
      QVERIFY(waitIdle(page));
    }
    QVERIFY(batchesSeen > 0);

    // Another partition.
    QVERIFY(page.selectPartition("orders", 1));
    QVERIFY(waitIdle(page));
    QCOMPARE(page.segmentModel()->rowCount(), 1);
    QCOMPARE(page.batchModel()->rowCount(), 1);

    // Back to the busy partition for the screenshot, showing its batch dump.
    QVERIFY(page.selectPartition("orders", 0));
    QVERIFY(waitIdle(page));
    QVERIFY(page.selectSegment(0));
    QVERIFY(waitIdle(page));
    page.tabs()->setCurrentIndex(SegmentsPage::BatchesTab);
    saveArtifact(&page, QStringLiteral("segments_page.png"));
    page.tabs()->setCurrentIndex(SegmentsPage::TimeIndexTab);
    saveArtifact(&page, QStringLiteral("segments_page_time_index.png"));
  }

  // Issue 13: nothing of the previous selection stays on screen when the selection moves to a topic row or the
  // user opens a directory that cannot be read.
  void clearsWhatItShowedWhenTheSelectionChanges() {
    SegmentsPage page({});
    QSignalSpy scanned(&page, &SegmentsPage::scanned);
    page.setLocalLogDirs({m_tmp.path()});
    QVERIFY(scanned.wait(10000));
    QVERIFY(waitIdle(page));
    QVERIFY(page.batchModel()->rowCount() > 0);
    QVERIFY(page.offsetIndexModel()->rowCount() + page.timeIndexModel()->rowCount() > 0 ||
            page.segmentModel()->rowCount() > 0);
    auto* tree = page.findChild<QTreeView*>();
    QVERIFY(tree != nullptr);
    tree->setCurrentIndex(page.partitionModel()->index(0, 0));  // the topic row, not a partition
    QCOMPARE(page.segmentModel()->rowCount(), 0);
    QCOMPARE(page.batchModel()->rowCount(), 0);
    QCOMPARE(page.offsetIndexModel()->rowCount(), 0);

    QVERIFY(page.selectPartition("orders", 0));
    QVERIFY(waitIdle(page));
    QVERIFY(page.batchModel()->rowCount() > 0);
    page.openDataDirectory(m_tmp.path() + "/no-such-directory");
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 10000);
    QCOMPARE(page.partitionModel()->rowCount(), 0);
    QCOMPARE(page.segmentModel()->rowCount(), 0);
    QCOMPARE(page.batchModel()->rowCount(), 0);
    QCOMPARE(page.offsetIndexModel()->rowCount(), 0);
    QCOMPARE(page.timeIndexModel()->rowCount(), 0);
  }

  void openedDirectoryWinsOverLocalDirs() {
    SegmentsPage page({});
    QSignalSpy scanned(&page, &SegmentsPage::scanned);
    page.openDataDirectory(m_tmp.path() + "/orders-1");
    QVERIFY(scanned.wait(10000));
    QVERIFY(waitIdle(page));
    page.setLocalLogDirs({m_tmp.path()});  // a local cluster starting does not replace what the user opened
    QCOMPARE(page.shownDirs(), QStringList{m_tmp.path() + "/orders-1"});
    QCOMPARE(page.partitionModel()->rowCount(page.partitionModel()->index(0, 0)), 1);
    page.openDataDirectory(QString());
    QCOMPARE(page.shownDirs(), QStringList{m_tmp.path()});
  }

 private:
  QTemporaryDir m_tmp;
  testing::WrittenLog m_written;
};

QTEST_MAIN(SegmentsPageTest)
#include "test_segments_page.moc"
