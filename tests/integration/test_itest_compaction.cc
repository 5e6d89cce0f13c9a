// Integration: log compaction through a real client. One broker with a fast cleaner (log.cleaner.backoff.ms=300);
// scripts/compaction_check.py (confluent_kafka) produces keyed records, tombstones and filler to a compacted topic
// with small segments and min.cleanable.dirty.ratio=0.01, then reads from the beginning until exactly the last
// value per key remains at its original offset, tombstones present; then until the tombstones are gone (not
// before delete.retention.ms); a keyless record must be rejected with INVALID_RECORD.
#include <QtTest>

#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestCompaction : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;

 private slots:
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void compactedTopicKeepsLastValuePerKey() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .properties = {{"log.cleaner.backoff.ms", "300"}}}));
    ToolRun run = RunPythonScript("compaction_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--delete-retention-ms", "8000"}, 240000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    QVERIFY(summary["after_compaction"].toInt() < summary["produced"].toInt());
    qInfo("compaction_check: %s", run.out.trimmed().constData());
    // The cleaner checkpoint is kept in the log dir, in Kafka's format.
    QVERIFY(QFile::exists(Q(fx_->log_dir()) + "/cleaner-offset-checkpoint"));
  }
};

QTEST_GUILESS_MAIN(TestItestCompaction)
#include "test_itest_compaction.moc"
