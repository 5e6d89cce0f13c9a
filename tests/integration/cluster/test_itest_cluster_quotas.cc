// Integration: client quotas (KIP-13 byte rates, KIP-546 APIs, KIP-219 throttling) on a 3-broker cluster of real
// partita-broker processes and a real ZooKeeper, set with partita-cli configs (kafka-configs' forms) and measured
// with confluent_kafka (quota_io.py: bytes over the client's own timestamps of acknowledgements / receipts).
//   - producerQuota: producer_byte_rate=100 KiB/s on client id "slowp", set through a broker that does not lead
//     the partition (so the quota reaches the leader through ZooKeeper's change notification): the producer's
//     steady rate stays within [0.5, 1.6] x quota and librdkafka reports throttle events; an unlimited client id
//     on the same broker runs above 4 x quota; after --delete-config the same client id does too, unthrottled.
//   - consumerQuota: consumer_byte_rate=100 KiB/s on "slowc", the same bounds for a consumer.
//   - initTestCase runs the brokers with num.replica.fetchers=2: a 6-partition RF=3 topic reaches full ISRs.
//   - describeForms: kafka-configs' describe output for users / clients / user+client / default entities, bad
//     keys refused, and --describe without --entity-name for topics and brokers.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

constexpr double kQuota = 100 * 1024;

QString QuotaScript() { return QStringLiteral(PARTITA_CLUSTER_TEST_DIR) + "/quota_io.py"; }

struct Measured {
  double rate = 0;
  int throttle_events = 0;
  double max_throttle_ms = 0;
  qint64 bytes = 0;
  QString raw;
};

}  // namespace

class TestItestClusterQuotas : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;
  QString leader_bs_;  // the partition leader's address
  QString other_bs_;   // another broker's address (quotas are set through it)

  ToolRun Configs(const QString& bs, const QStringList& args) {
    return c_->Cli(QStringList{"configs", "--bootstrap-server", bs} + args);
  }
  Measured Run(const QString& mode, const QString& client_id, int seconds, double skip) {
    ToolRun run = RunTool(PythonInterpreter(),
                          {QuotaScript(), mode, leader_bs_, "q", client_id, QString::number(seconds),
                           QString::number(skip)},
                          (seconds + 90) * 1000);
    Measured m;
    m.raw = run.ok() ? QString::fromUtf8(run.out).trimmed() : run.Describe();
    if (!run.ok()) return m;
    const QJsonObject o = QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object();
    m.rate = o["rate"].toDouble();
    m.throttle_events = o["throttle_events"].toInt();
    m.max_throttle_ms = o["max_throttle_ms"].toDouble();
    m.bytes = static_cast<qint64>(o["bytes"].toDouble());
    return m;
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    QVERIFY2(QFile::exists(BrokerBinary()), qPrintable("partita-broker not built at " + BrokerBinary()));
    // A 3 x 1 s quota window (Kafka's default is 11 x 1 s) so a run of a few seconds reaches the steady rate.
    // Two replica fetchers per leader (num.replica.fetchers): replication must still complete every partition.
    StartClusterInto(&c_, {{"quota.window.num", "3"}, {"quota.window.size.seconds", "1"}, {"num.replica.fetchers", "2"}});
    QVERIFY(c_);
    CLUSTER_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "replicated",
                                "--partitions", "6", "--replication-factor", "3"}));
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "replicated"); }, 30000),
                   "ISR never full with num.replica.fetchers=2");
    CLUSTER_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "q", "--partitions",
                                "1", "--replication-factor", "1"}));
    std::optional<client::PartitionInfo> p;
    QVERIFY(WaitUntil([&] { return (p = c_->Partition("q", 0)) && p->leader >= 0; }, 30000));
    auto md = c_->Metadata();
    QVERIFY(md);
    for (const auto& b : md->brokers) {
      (b.id == p->leader ? leader_bs_ : other_bs_) = QString::fromStdString(b.Address());
    }
    QVERIFY(!leader_bs_.isEmpty() && !other_bs_.isEmpty());
  }
  void cleanupTestCase() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void producerQuota() {
    CLUSTER_VERIFY_RUN(Configs(other_bs_, {"--entity-type", "clients", "--entity-name", "slowp", "--alter",
                                           "--add-config", "producer_byte_rate=102400"}));
    ToolRun described = Configs(other_bs_, {"--entity-type", "clients", "--entity-name", "slowp", "--describe"});
    CLUSTER_VERIFY_RUN(described);
    QVERIFY2(described.out.contains("Quota configs for client-id 'slowp' are producer_byte_rate=102400.0"),
             described.out.constData());

    const Measured limited = Run("produce", "slowp", 9, 4);
    QVERIFY2(limited.rate >= 0.5 * kQuota && limited.rate <= 1.6 * kQuota, qPrintable(limited.raw));
    QVERIFY2(limited.throttle_events > 0 && limited.max_throttle_ms > 0, qPrintable(limited.raw));
    qInfo("producer limited to %.0f B/s measured %.0f B/s, %d throttle events (max %.0f ms)", kQuota, limited.rate,
          limited.throttle_events, limited.max_throttle_ms);

    // The same broker without a quota: far above it (the measurement can tell the two apart).
    const Measured free = Run("produce", "fastp", 4, 1);
    QVERIFY2(free.rate > 4 * kQuota && free.throttle_events == 0, qPrintable(free.raw));

    CLUSTER_VERIFY_RUN(Configs(other_bs_, {"--entity-type", "clients", "--entity-name", "slowp", "--alter",
                                           "--delete-config", "producer_byte_rate"}));
    Measured lifted;
    QVERIFY2(WaitUntil(
                 [&] {
                   lifted = Run("produce", "slowp", 4, 1);
                   return lifted.rate > 4 * kQuota && lifted.throttle_events == 0;
                 },
                 60000),
             qPrintable(lifted.raw));
    qInfo("quota removed: %.0f B/s unlimited, %.0f B/s for slowp", free.rate, lifted.rate);
  }

  void consumerQuota() {
    // Data to read, from a client id without a quota (one second of it is far more than the runs below read).
    const Measured filled = Run("produce", "filler", 3, 0);
    QVERIFY2(filled.bytes > 8 * kQuota, qPrintable(filled.raw));
    CLUSTER_VERIFY_RUN(Configs(other_bs_, {"--entity-type", "clients", "--entity-name", "slowc", "--alter",
                                           "--add-config", "consumer_byte_rate=102400"}));
    // 15 s: with a 3 x 1 s window the rate is held in bursts every ~3 s (all samples expire together), so the
    // measurement spans several of them.
    const Measured limited = Run("consume", "slowc", 15, 3);
    QVERIFY2(limited.rate >= 0.5 * kQuota && limited.rate <= 1.6 * kQuota, qPrintable(limited.raw));
    QVERIFY2(limited.throttle_events > 0, qPrintable(limited.raw));
    qInfo("consumer limited to %.0f B/s measured %.0f B/s, %d throttle events", kQuota, limited.rate,
          limited.throttle_events);
    // Without a skipped start: an unlimited consumer may read everything there is within the first second.
    const Measured free = Run("consume", "fastc", 3, 0);
    QVERIFY2(free.rate > 4 * kQuota && free.throttle_events == 0, qPrintable(free.raw));
  }

  void describeForms() {
    CLUSTER_VERIFY_RUN(Configs(c_->bs(), {"--entity-type", "users", "--entity-name", "alice", "--alter",
                                          "--add-config", "producer_byte_rate=1024,consumer_byte_rate=2048"}));
    CLUSTER_VERIFY_RUN(Configs(c_->bs(), {"--entity-type", "users", "--entity-name", "alice", "--entity-type",
                                          "clients", "--entity-name", "app", "--alter", "--add-config",
                                          "producer_byte_rate=4096"}));
    CLUSTER_VERIFY_RUN(Configs(c_->bs(), {"--entity-type", "clients", "--entity-default", "--alter", "--add-config",
                                          "consumer_byte_rate=8192"}));
    ToolRun alice = Configs(c_->bs(), {"--entity-type", "users", "--entity-name", "alice", "--describe"});
    CLUSTER_VERIFY_RUN(alice);
    QVERIFY2(alice.out.contains("Quota configs for user-principal 'alice' are consumer_byte_rate=2048.0, "
                                "producer_byte_rate=1024.0"),
             alice.out.constData());
    QVERIFY2(!alice.out.contains("client-id"), alice.out.constData());  // strict: only the user entity
    ToolRun pair = Configs(c_->bs(), {"--user", "alice", "--client", "app", "--describe"});
    CLUSTER_VERIFY_RUN(pair);
    QVERIFY2(pair.out.contains("Quota configs for user-principal 'alice', client-id 'app' are producer_byte_rate=4096.0"),
             pair.out.constData());
    ToolRun defaults = Configs(c_->bs(), {"--entity-type", "clients", "--entity-default", "--describe"});
    CLUSTER_VERIFY_RUN(defaults);
    QVERIFY2(defaults.out.contains("Quota configs for the default client-id are consumer_byte_rate=8192.0"),
             defaults.out.constData());
    ToolRun clients = Configs(c_->bs(), {"--entity-type", "clients", "--describe"});
    CLUSTER_VERIFY_RUN(clients);
    // Every client-id entity, and (strict) none that also names a user.
    QVERIFY2(clients.out.contains("Quota configs for the default client-id are") &&
                 !clients.out.contains("user-principal 'alice', client-id 'app'"),
             clients.out.constData());
    // Refused with Kafka's error, nothing written.
    ToolRun bad = Configs(c_->bs(), {"--entity-type", "clients", "--entity-name", "x", "--alter", "--add-config",
                                     "producer_byte_rate=1.5"});
    QVERIFY2(!bad.ok() && bad.err.contains("INVALID_REQUEST"), qPrintable(bad.Describe()));
    ToolRun unknown = Configs(c_->bs(), {"--entity-type", "clients", "--entity-name", "x", "--alter",
                                         "--add-config", "retention.ms=5"});
    QVERIFY2(!unknown.ok() && unknown.err.contains("Invalid configuration key retention.ms"),
             qPrintable(unknown.Describe()));

    // Item 3: --describe without --entity-name covers every topic / every broker (then the default).
    CLUSTER_VERIFY_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "q2",
                                "--partitions", "1", "--replication-factor", "1", "--config", "retention.ms=123456"}));
    ToolRun topics = Configs(c_->bs(), {"--entity-type", "topics", "--describe"});
    CLUSTER_VERIFY_RUN(topics);
    QVERIFY2(topics.out.contains("Dynamic configs for topic q are:") &&
                 topics.out.contains("Dynamic configs for topic q2 are:") && topics.out.contains("retention.ms=123456"),
             topics.out.constData());
    ToolRun brokers = Configs(c_->bs(), {"--entity-type", "brokers", "--describe"});
    CLUSTER_VERIFY_RUN(brokers);
    for (const char* id : {"1", "2", "3"}) {
      QVERIFY2(brokers.out.contains(QByteArray("Dynamic configs for broker ") + id + " are:"), brokers.out.constData());
    }
    QVERIFY2(brokers.out.contains("Default configs for brokers in the cluster are:"), brokers.out.constData());
  }
};

QTEST_GUILESS_MAIN(TestItestClusterQuotas)
#include "test_itest_cluster_quotas.moc"
