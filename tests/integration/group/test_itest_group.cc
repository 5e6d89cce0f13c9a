// Integration: consumer groups on a 3-broker cluster of real partita-broker processes and a real ZooKeeper, with
// real clients. One cluster serves every slot (each slot uses its own topic and group):
//   - confluentBalance (range, roundrobin, cooperative-sticky) and kafkaPythonBalance: 3 members of one group on a
//     6-partition topic own disjoint pairs covering every partition; a member leaves and the other two take over
//     within session timeout + rebalance delay; restarted members resume at the committed offsets (group_io.py);
//   - kcatBalanced: kcat -G consumes everything, and a second run of the group resumes after what it committed;
//   - staticMembership: a member restarted with its group.instance.id gets its partitions back, no rebalance;
//   - coordinatorFailover (last: it kills a broker): kill -9 of the group's coordinator; the committed offsets
//     are intact at the new coordinator and consumption resumes there.
#include <QtTest>
#include <set>

#include "engine/group/group_partition.h"
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

constexpr int kOffsetsPartitions = 10;

QString GroupScript() { return QStringLiteral(PARTITA_GROUP_TEST_DIR) + "/group_io.py"; }

}  // namespace

#define GROUP_VERIFY(cond, what) ITEST_CHECK(cond, QString(what) + c_->AllLogTails())
#define GROUP_VERIFY_RUN(run) ITEST_CHECK_RUN(run, c_->AllLogTails())

class TestItestGroup : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  ToolRun Scenario(const QStringList& args, int timeout_ms = 120000) {
    return RunTool(PythonInterpreter(), QStringList{"-u", GroupScript()} + args + QStringList{"--bootstrap", c_->bs()},
                   timeout_ms);
  }

 private slots:
  void initTestCase() {
    auto started = ClusterUnderTest::Start({{"group.initial.rebalance.delay.ms", "300"},
                                            {"offsets.topic.num.partitions", std::to_string(kOffsetsPartitions)}});
    QVERIFY2(started.ok(), qPrintable(QString::fromStdString(started.status().ToString())));
    c_ = std::move(*started);
  }
  void cleanupTestCase() { c_.reset(); }

  void confluentBalance_data() {
    QTest::addColumn<QString>("assignor");
    QTest::newRow("range") << "range";
    QTest::newRow("roundrobin") << "roundrobin";
    QTest::newRow("cooperative-sticky") << "cooperative-sticky";
  }
  void confluentBalance() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    QFETCH(QString, assignor);
    ToolRun run = Scenario({"balance", "--client", "confluent", "--assignor", assignor, "--topic", "bal-" + assignor,
                            "--group", "g-" + assignor});
    GROUP_VERIFY_RUN(run);
    qInfo().noquote() << LastJsonLine(run.out);
  }

  void kafkaPythonBalance() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ITEST_REQUIRE(MissingPythonModule("kafka", "python3-kafka"));
    ToolRun run = Scenario({"balance", "--client", "kafka-python", "--assignor", "range", "--topic", "bal-kp",
                            "--group", "g-kp"});
    GROUP_VERIFY_RUN(run);
  }

  void kcatBalanced() {
    ITEST_REQUIRE(MissingKcat());
    const QString topic = "kcat-g";
    GROUP_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", topic, "--partitions",
                              "6", "--replication-factor", "3"}));
    auto produce = [&](int from, int count) {
      QByteArray input;
      for (int i = from; i < from + count; ++i) input += "m" + QByteArray::number(i) + "\n";
      return RunTool("kcat", {"-b", c_->bs(), "-P", "-t", topic, "-X", "acks=all"}, 60000, input);
    };
    // count > 0: stop after count records; 0: stop at the end of every assigned partition (-e).
    auto consume = [&](int count) {
      QStringList args{"-b", c_->bs(), "-G", "kcat-group", topic, "-q", "-f", "%p %o %s\\n", "-X",
                       "auto.offset.reset=earliest", "-X", "session.timeout.ms=6000"};
      args << (count > 0 ? QStringList{"-c", QString::number(count)} : QStringList{"-e"});
      return RunTool("kcat", args, 90000);
    };
    GROUP_VERIFY_RUN(produce(0, 300));
    ToolRun first = consume(300);
    GROUP_VERIFY_RUN(first);
    std::set<QString> seen;
    for (const QString& line : Lines(first.out)) seen.insert(line.section(' ', 2));
    GROUP_VERIFY(seen.size() == 300, QString("first run consumed %1 distinct records").arg(seen.size()));
    GROUP_VERIFY_RUN(produce(300, 100));
    // The second run resumes where the first committed: every new record, and of the old ones at most those
    // the first run had not committed yet (at-least-once).
    ToolRun second = consume(0);
    GROUP_VERIFY_RUN(second);
    std::set<QString> again;
    for (const QString& line : Lines(second.out)) again.insert(line.section(' ', 2));
    for (int i = 300; i < 400; ++i) {
      GROUP_VERIFY(again.count("m" + QString::number(i)), QString("second run missed m%1").arg(i));
    }
    GROUP_VERIFY(again.size() < 150, QString("second run re-read %1 old records").arg(again.size() - 100));
  }

  void staticMembership() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ToolRun run = Scenario({"static", "--topic", "static-t", "--group", "g-static"});
    GROUP_VERIFY_RUN(run);
  }

  void coordinatorFailover() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    const std::string group = "g-failover";
    GROUP_VERIFY_RUN(Scenario({"commit-some", "--topic", "failover-t", "--group", QString::fromStdString(group)}));
    const int p = group::OffsetsPartitionFor(group, kOffsetsPartitions);
    auto info = c_->Partition("__consumer_offsets", p);
    GROUP_VERIFY(info && info->leader > 0, "no leader for the group's __consumer_offsets partition");
    const int coordinator = info->leader;
    QVERIFY(c_->cluster().KillBroker(coordinator).ok());
    ToolRun run = Scenario({"resume", "--topic", "failover-t", "--group", QString::fromStdString(group)});
    GROUP_VERIFY_RUN(run);
    auto moved = c_->Partition("__consumer_offsets", p);
    GROUP_VERIFY(moved && moved->leader > 0 && moved->leader != coordinator, "the coordinator did not move");
  }
};

QTEST_GUILESS_MAIN(TestItestGroup)
#include "test_itest_group.moc"
