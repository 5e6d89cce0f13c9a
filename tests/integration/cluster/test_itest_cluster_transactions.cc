// Issue 12 on 3 brokers: the transaction coordinator survives a kill -9. A confluent_kafka producer commits a
// transaction and leaves a second one open (its process exits); the broker leading the transactional id's
// __transaction_state partition is killed; a new producer with the same transactional.id then initialises against
// the new coordinator (which loaded the replicated state and aborts the open transaction), commits a third, and a
// read_committed consumer sees exactly the first and third transactions' records
// (scripts/transactions_check.py --scenario failover).
// exactlyOnceUnderFaults: a consume-transform-produce loop (scripts/eos_check.py: read eos-in, write eos-out and
// the input offsets in one transaction, every 4th one aborted on purpose and its input read again) while the test
// kill -9s and restarts the leader of eos-out-0, the leader of eos-in-0 and the transaction coordinator's broker,
// then starts a second instance with the same transactional.id (the zombie is fenced with PRODUCER_FENCED); at the
// end read_committed sees each input record in eos-out once.
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

#include <QJsonDocument>

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

  void exactlyOnceUnderFaults() {
    QElapsedTimer timer;
    timer.start();
    StartClusterInto(&c_, {{"transaction.state.log.num.partitions", "3"},
                           {"transaction.state.log.replication.factor", "3"},
                           {"transaction.state.log.min.isr", "2"},
                           {"offsets.topic.num.partitions", "3"},
                           {"offsets.topic.replication.factor", "3"},
                           {"min.insync.replicas", "2"}});
    if (!c_) return;
    const QString dir = c_->dir();
    const QString progress_file = dir + "/eos-progress.json", zombie_file = dir + "/eos-zombie",
                  stop_file = dir + "/eos-stop";
    auto app = StartPythonScript("eos_check.py",
                                 {"--bootstrap", c_->bs(), "--progress", progress_file, "--zombie-file", zombie_file,
                                  "--stop-file", stop_file},
                                 dir + "/eos.out", dir + "/eos.err");
    auto script_output = [&] { return ReadAll(dir + "/eos.out") + ReadAll(dir + "/eos.err").right(3000); };
    auto progress = [&] { return QJsonDocument::fromJson(ReadAll(progress_file)).object(); };
    // Waits until the loop committed `more` transactions after `from` (fails early when the script exited).
    auto commits_beyond = [&](int from, int more) {
      return WaitUntil(
          [&] { return progress()["commits"].toInt() >= from + more || app->state() == QProcess::NotRunning; },
          120000) &&
             app->state() != QProcess::NotRunning;
    };
    CLUSTER_VERIFY(commits_beyond(0, 3), "the loop did not commit 3 transactions: " + script_output());

    const std::vector<std::string> topics = {"eos-in", "eos-out", "__consumer_offsets", "__transaction_state"};
    auto kill_and_restart = [&](int broker, const char* what) {
      const int before = progress()["commits"].toInt();
      QVERIFY(c_->cluster().KillBroker(broker).ok());
      qInfo("%lld ms: kill -9 broker %d (%s) after %d commits", timer.elapsed(), broker, what, before);
      const Status restarted = c_->RestartAfterCrash(broker);
      CLUSTER_VERIFY(restarted.ok(), QString::fromStdString(restarted.ToString()));
      CLUSTER_VERIFY(WaitUntil(
                         [&] {
                           for (const auto& t : topics)
                             if (!FullyReplicated(*c_, t)) return false;
                           return true;
                         },
                         90000),
                     "the cluster did not catch up after the restart of broker " + QString::number(broker));
      CLUSTER_VERIFY(commits_beyond(before, 2),
                     QString("the loop did not go on after the kill of %1: ").arg(what) + script_output());
    };
    auto leader_of = [&](const std::string& topic, int partition) {
      auto p = c_->Partition(topic, partition);
      return p ? p->leader : -1;
    };
    const int out_leader = leader_of("eos-out", 0);
    QVERIFY(out_leader > 0);
    kill_and_restart(out_leader, "leader of eos-out-0");
    if (QTest::currentTestFailed()) return;
    const int in_leader = leader_of("eos-in", 0);
    QVERIFY(in_leader > 0);
    kill_and_restart(in_leader, "leader of eos-in-0");
    if (QTest::currentTestFailed()) return;
    const int coordinator = leader_of("__transaction_state", group::OffsetsPartitionFor("eos-app", 3));
    QVERIFY(coordinator > 0);
    kill_and_restart(coordinator, "transaction coordinator of eos-app");
    if (QTest::currentTestFailed()) return;

    const int before_zombie = progress()["commits"].toInt();
    qInfo("%lld ms: a second instance with the same transactional.id after %d commits", timer.elapsed(), before_zombie);
    QFile(zombie_file).open(QIODevice::WriteOnly);
    CLUSTER_VERIFY(WaitUntil([&] { return progress()["phase"].toString() == "fenced" || app->state() == QProcess::NotRunning; },
                             120000) &&
                       progress()["phase"].toString() == "fenced",
                   "the zombie was not fenced: " + script_output());
    CLUSTER_VERIFY(commits_beyond(before_zombie, 2), "the new instance did not take over: " + script_output());
    qInfo("%lld ms: input stopped after %d commits", timer.elapsed(), progress()["commits"].toInt());
    QFile(stop_file).open(QIODevice::WriteOnly);
    CLUSTER_VERIFY(app->waitForFinished(300000), "the loop did not finish: " + script_output());
    const QByteArray out = ReadAll(dir + "/eos.out");
    CLUSTER_VERIFY(app->exitStatus() == QProcess::NormalExit && app->exitCode() == 0, script_output());
    const QJsonObject summary = LastJsonLine(out);
    QVERIFY2(summary["ok"].toBool(), out.constData());
    QVERIFY(summary["inputs"].toInt() > 0);
    QVERIFY(summary["aborts"].toInt() > 0);
    QCOMPARE(summary["outputs"].toInt(), summary["inputs"].toInt());
    qInfo("%lld ms: %s", timer.elapsed(), out.trimmed().constData());
  }
};

QTEST_GUILESS_MAIN(TestItestClusterTransactions)
#include "test_itest_cluster_transactions.moc"
