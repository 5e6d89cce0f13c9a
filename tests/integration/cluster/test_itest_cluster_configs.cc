// Integration: dynamic broker configs and replication throttles on a 3-broker cluster of real partita-broker
// processes and a real ZooKeeper, driven by partita-cli and confluent_kafka.
//   - dynamicMinInsyncReplicas: the cluster-wide default min.insync.replicas altered to 3 is applied live
//     (DYNAMIC_DEFAULT_BROKER_CONFIG): with one broker stopped an acks=all produce fails with
//     NOT_ENOUGH_REPLICAS; altered back, the same produce succeeds. Non-dynamic keys are refused.
//   - throttledReassignment: moving a partition of ~8 MB with --throttle 1000000 (1 MB/s) takes >= 5 s, the same
//     move without a throttle is much faster, the moved replica holds the same bytes, and --verify removes the
//     throttle configs it set.
#include <QElapsedTimer>
#include <QtTest>

#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

// Produces one acks=all record (no retries) until the outcome is `expect` ("ok" or a Kafka error name) or
// timeout_s passed; prints the last outcome. Retried because a config change reaches brokers asynchronously.
const char* kProduceUntil = R"PY(
import sys, time
from confluent_kafka import Producer
bs, topic, expect, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
deadline = time.time() + timeout
outcome = "none"
while True:
    p = Producer({"bootstrap.servers": bs, "acks": "all", "retries": 0, "message.timeout.ms": 10000,
                  "enable.idempotence": False, "linger.ms": 0})
    result = []
    p.produce(topic, b"v", on_delivery=lambda err, msg: result.append("ok" if err is None else err.name()))
    p.flush(15)
    outcome = result[0] if result else "no-report"
    if outcome == expect or time.time() > deadline:
        break
    time.sleep(0.5)
print(outcome)
)PY";

// ~8 MB: 8000 records of 1000 bytes, acks=1, into partition 0.
const char* kProduceBulk = R"PY(
import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1], "acks": "1", "linger.ms": 20, "enable.idempotence": False})
errors = []
for i in range(8000):
    while True:
        try:
            p.produce(sys.argv[2], (b"%07d" % i) * 142 + b"x" * 6, partition=0,
                      on_delivery=lambda err, msg: errors.append(err) if err else None)
            break
        except BufferError:
            p.poll(0.1)
p.flush(60)
print("errors", len(errors))
)PY";

}  // namespace

class TestItestClusterConfigs : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  void StartCluster(std::map<std::string, std::string> overrides = {}) { StartClusterInto(&c_, std::move(overrides)); }
  ToolRun Configs(const QStringList& args) {
    return c_->Cli(QStringList{"configs", "--bootstrap-server", c_->bs()} + args);
  }
  QString ProduceUntil(const QString& topic, const QString& expect, int timeout_s) {
    ToolRun run = RunTool(PythonInterpreter(),
                          {"-c", kProduceUntil, c_->bs(), topic, expect, QString::number(timeout_s)},
                          (timeout_s + 30) * 1000);
    return run.ok() ? QString::fromUtf8(run.out).trimmed() : run.Describe();
  }
  // Moves partition 0 of `topic` to `replicas`; returns the ms until --verify reports it completed (-1: never).
  qint64 Reassign(const QString& topic, const QString& replicas, const QStringList& extra, ToolRun* last_verify) {
    const QString plan = c_->dir() + "/reassign-" + topic + ".json";
    QFile f(plan);
    if (!f.open(QIODevice::WriteOnly)) return -1;
    f.write(QString(R"({"version":1,"partitions":[{"topic":"%1","partition":0,"replicas":[%2]}]})")
                .arg(topic, replicas)
                .toUtf8());
    f.close();
    QElapsedTimer t;
    t.start();
    ToolRun execute = c_->Cli(QStringList{"reassign-partitions", "--bootstrap-server", c_->bs(), "--execute",
                                          "--reassignment-json-file", plan} +
                              extra);
    if (!execute.ok()) {
      *last_verify = execute;
      return -1;
    }
    const bool done = WaitUntil(
        [&] {
          *last_verify = c_->Cli({"reassign-partitions", "--bootstrap-server", c_->bs(), "--verify",
                                  "--reassignment-json-file", plan});
          return last_verify->out.contains("Reassignment of partition " + topic.toUtf8() + "-0 is completed.");
        },
        90000);
    return done ? t.elapsed() : -1;
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    QVERIFY2(QFile::exists(BrokerBinary()), qPrintable("partita-broker not built at " + BrokerBinary()));
  }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void dynamicMinInsyncReplicas() {
    // A short lag time so the stopped broker leaves the ISR within seconds.
    StartCluster({{"replica.lag.time.max.ms", "2000"}});
    CLUSTER_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "mir",
                                "--partitions", "1", "--replication-factor", "3"}));
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "mir"); }, 30000), "ISR never full");

    ToolRun alter = Configs({"--alter", "--entity-type", "brokers", "--entity-default", "--add-config",
                             "min.insync.replicas=3"});
    CLUSTER_VERIFY_RUN(alter);
    // Every broker reports the applied default with its source.
    for (int id = 1; id <= 3; ++id) {
      ToolRun describe = Configs({"--describe", "--broker", QString::number(id)});
      CLUSTER_VERIFY_RUN(describe);
      // Synonyms in Kafka's order: the dynamic default, then the built-in default.
      QVERIFY2(describe.out.contains("min.insync.replicas=3 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:"
                                     "min.insync.replicas=3, DEFAULT_CONFIG:min.insync.replicas=1}"),
               describe.out.constData());
    }
    // The cluster default entity lists only what is set there, as kafka-configs --entity-default does.
    ToolRun defaults = Configs({"--describe", "--entity-type", "brokers", "--entity-default"});
    CLUSTER_VERIFY_RUN(defaults);
    QVERIFY2(defaults.out.contains("  min.insync.replicas=3 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:"
                                   "min.insync.replicas=3}\n") &&
                 !defaults.out.contains("num.io.threads"),
             defaults.out.constData());
    QCOMPARE(ProduceUntil("mir", "ok", 10), QString("ok"));  // 3 in sync: enough

    auto p = c_->Partition("mir", 0);
    QVERIFY(p && p->leader > 0);
    const int victim = p->leader == 3 ? 2 : 3;
    QVERIFY(c_->cluster().StopBroker(victim).ok());
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         auto now = c_->Partition("mir", 0);
                         return now && now->isr.size() == 2;
                       },
                       30000),
                   "the stopped broker never left the ISR");
    QCOMPARE(ProduceUntil("mir", "NOT_ENOUGH_REPLICAS", 20), QString("NOT_ENOUGH_REPLICAS"));

    // Back to 2: the same produce succeeds without any restart.
    CLUSTER_VERIFY_RUN(Configs({"--alter", "--entity-type", "brokers", "--entity-default", "--add-config",
                                "min.insync.replicas=2"}));
    QCOMPARE(ProduceUntil("mir", "ok", 20), QString("ok"));
    // A per-broker value overrides the default on that broker only (the leader here).
    CLUSTER_VERIFY_RUN(Configs({"--alter", "--broker", QString::number(p->leader), "--add-config",
                                "min.insync.replicas=3"}));
    QCOMPARE(ProduceUntil("mir", "NOT_ENOUGH_REPLICAS", 20), QString("NOT_ENOUGH_REPLICAS"));
    ToolRun leader_describe = Configs({"--describe", "--broker", QString::number(p->leader)});
    QVERIFY2(leader_describe.out.contains("DYNAMIC_BROKER_CONFIG:min.insync.replicas=3"),
             leader_describe.out.constData());
    CLUSTER_VERIFY_RUN(Configs({"--alter", "--broker", QString::number(p->leader), "--delete-config",
                                "min.insync.replicas"}));
    QCOMPARE(ProduceUntil("mir", "ok", 20), QString("ok"));

    // Keys a running broker cannot apply are refused, naming the key.
    ToolRun threads = Configs({"--alter", "--entity-type", "brokers", "--entity-default", "--add-config",
                               "num.network.threads=4"});
    QCOMPARE(threads.exit_code, 1);
    QVERIFY2(threads.err.contains("num.network.threads") && threads.err.contains("cannot be updated dynamically"),
             threads.err.constData());
  }

  void throttledReassignment() {
    StartCluster();
    for (const char* topic : {"slow", "quick"}) {
      CLUSTER_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", topic,
                                  "--replica-assignment", "1"}));
      ToolRun bulk = RunTool(PythonInterpreter(), {"-c", kProduceBulk, c_->bs(), topic}, 120000);
      CLUSTER_VERIFY_RUN(bulk);
      QCOMPARE(QString::fromUtf8(bulk.out).trimmed(), QString("errors 0"));
    }
    const QString slow_log = c_->BrokerLogDir(1) + "/slow-0/00000000000000000000.log";
    const QByteArray slow_bytes = ReadAll(slow_log);
    QVERIFY2(slow_bytes.size() > 7'500'000,
             qPrintable(QString("only %1 bytes in %2").arg(slow_bytes.size()).arg(slow_log)));

    ToolRun verify;
    const qint64 slow_ms = Reassign("slow", "2", {"--throttle", "1000000"}, &verify);
    CLUSTER_VERIFY(slow_ms >= 0, "throttled reassignment did not complete: " + verify.Describe());
    // --verify removed what --execute set: the rates on the brokers and the replica lists on the topic.
    QVERIFY2(verify.out.contains("Clearing broker-level throttles") &&
                 verify.out.contains("Clearing topic-level throttles on topic(s) slow"),
             verify.out.constData());
    for (int id : {1, 2}) {
      ToolRun describe = Configs({"--describe", "--broker", QString::number(id)});
      CLUSTER_VERIFY_RUN(describe);
      QVERIFY2(!describe.out.contains("replication.throttled.rate"), describe.out.constData());
    }
    ToolRun topic_describe = Configs({"--describe", "--topic", "slow"});
    QVERIFY2(!topic_describe.out.contains("throttled.replicas"), topic_describe.out.constData());

    const qint64 quick_ms = Reassign("quick", "2", {}, &verify);
    CLUSTER_VERIFY(quick_ms >= 0, "reassignment did not complete: " + verify.Describe());
    qInfo("8 MB moved in %lld ms at 1 MB/s, in %lld ms without a throttle", static_cast<long long>(slow_ms),
          static_cast<long long>(quick_ms));
    QVERIFY2(slow_ms >= 5000, qPrintable(QString("throttled move took only %1 ms").arg(slow_ms)));
    QVERIFY2(quick_ms * 2 < slow_ms,
             qPrintable(QString("unthrottled %1 ms vs throttled %2 ms").arg(quick_ms).arg(slow_ms)));

    // The new replica holds exactly the bytes the old one had (followers copy batches as they are).
    const QString moved_log = c_->BrokerLogDir(2) + "/slow-0/00000000000000000000.log";
    CLUSTER_VERIFY(WaitUntil([&] { return ReadAll(moved_log) == slow_bytes; }, 20000),
                   "slow-0 on broker 2 differs from the original replica");
  }
};

QTEST_GUILESS_MAIN(TestItestClusterConfigs)
#include "test_itest_cluster_configs.moc"
