// Issue 12 on 3 brokers: the transaction coordinator survives a kill -9. A confluent_kafka producer commits a
// transaction and leaves a second one open (its process exits); the broker leading the transactional id's
// __transaction_state partition is killed; a new producer with the same transactional.id then initialises against
// the new coordinator (which loaded the replicated state and aborts the open transaction), commits a third, and a
// read_committed consumer sees exactly the first and third transactions' records
// (scripts/transactions_check.py --scenario failover).
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

#include "engine/group/group_partition.h"

using namespace partita;
using namespace partita::itest;

class TestItestClusterTransactions : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  ToolRun Script(const QStringList& args, int timeout_ms) {
    return RunPythonScript("transactions_check.py", QStringList{"--bootstrap", c_->bs()} + args, timeout_ms);
  }

 private slots:
  void initTestCase() { ITEST_REQUIRE(MissingClusterTools()); }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void coordinatorKillRecoversState() {
    auto started = ClusterUnderTest::Start({{"transaction.state.log.num.partitions", "3"},
                                            {"transaction.state.log.replication.factor", "3"},
                                            {"transaction.state.log.min.isr", "2"},
                                            {"offsets.topic.num.partitions", "3"}});
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    c_ = std::move(*started);

    ToolRun open = Script({"--scenario", "failover", "--phase", "open"}, 300000);
    CLUSTER_VERIFY_RUN(open);
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "__transaction_state"); }, 30000),
                   "__transaction_state never fully replicated");
    const int p = group::OffsetsPartitionFor("fo-app", 3);
    auto state = c_->Partition("__transaction_state", p);
    QVERIFY(state && state->leader > 0);
    const int coordinator = state->leader;
    QVERIFY(c_->cluster().KillBroker(coordinator).ok());
    qInfo("killed broker %d, coordinator of fo-app (__transaction_state-%d)", coordinator, p);

    ToolRun finish = Script({"--scenario", "failover", "--phase", "finish"}, 400000);
    CLUSTER_VERIFY_RUN(finish);
    const QJsonObject summary = LastJsonLine(finish.out);
    QVERIFY2(summary["ok"].toBool(), finish.out.constData());
    QCOMPARE(summary["read_committed"].toInt(), 80);
    auto now = c_->Partition("__transaction_state", p);
    QVERIFY(now && now->leader > 0 && now->leader != coordinator);
    qInfo("after failover to broker %d: %s", now->leader, finish.out.trimmed().constData());
  }
};

QTEST_GUILESS_MAIN(TestItestClusterTransactions)
#include "test_itest_cluster_transactions.moc"
