// Integration: client quotas (KIP-13 byte rates, KIP-546 APIs, KIP-219 throttling) on a 3-broker cluster of real
// partita-broker processes and a real ZooKeeper, set with partita-cli configs (kafka-configs' forms) and measured
// with confluent_kafka (quota_io.py: bytes over the client's own timestamps of acknowledgements / receipts).
//   - producerQuota: producer_byte_rate=100 KiB/s on client id "slowp", set through a broker that does not lead
//     the partition (so the quota reaches the leader through ZooKeeper's change notification): the producer's
//     steady rate stays within [0.5, 1.6] x quota and librdkafka reports throttle events; an unlimited client id
//     on the same broker runs above 4 x quota; after --delete-config the same client id does too, unthrottled.
//     The leader's metrics, scraped during the run, show the client's byte rate and a throttle time
//     (kafka_server_produce_byte_rate / _throttle_time_ms).
//   - consumerQuota: consumer_byte_rate=100 KiB/s on "slowc", the same bounds for a consumer.
//   - initTestCase runs the brokers with num.replica.fetchers=2: a 6-partition RF=3 topic reaches full ISRs.
//   - requestQuota (KIP-124): request_percentage on client id "busyq" while a confluent_kafka consumer asks the
//     leader for watermarks in a loop (cheap ListOffsets requests): librdkafka reports throttle events, the
//     query rate drops well below an unlimited client's, and the leader's metrics scraped during the run show the
//     client's request time near the quota (median within [0.2, 3] x) with a throttle time; the
//     client's own query rate times the broker's mean ListOffsets local time agrees within [0.2, 4] x quota.
//   - describeForms: kafka-configs' describe output for users / clients / user+client / default entities, bad
//     keys refused, and --describe without --entity-name for topics and brokers.
#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
  int leader_id_ = -1;

  ToolRun Configs(const QString& bs, const QStringList& args) {
    return c_->Cli(QStringList{"configs", "--bootstrap-server", bs} + args);
  }
  // Sets one quota of client id `client` through a broker that does not lead q (so it reaches the leader through
  // ZooKeeper's change notification) and checks kafka-configs' describe line ends with `described_as`.
  void SetClientQuota(const QString& client, const QString& config, const QString& described_as) {
    CLUSTER_VERIFY_RUN(Configs(other_bs_, {"--entity-type", "clients", "--entity-name", client, "--alter",
                                           "--add-config", config}));
    ToolRun described = Configs(other_bs_, {"--entity-type", "clients", "--entity-name", client, "--describe"});
    CLUSTER_VERIFY_RUN(described);
    QVERIFY2(described.out.contains(("Quota configs for client-id '" + client + "' are " + described_as).toUtf8()),
             described.out.constData());
  }
  QStringList RunArgs(const QString& mode, const QString& client_id, int seconds, double skip) const {
    return {QuotaScript(), mode, leader_bs_, "q", client_id, QString::number(seconds), QString::number(skip)};
  }
  Measured Run(const QString& mode, const QString& client_id, int seconds, double skip) {
    ToolRun run = RunTool(PythonInterpreter(), RunArgs(mode, client_id, seconds, skip), (seconds + 90) * 1000);
    return run.ok() ? Parse(run.out) : Measured{.raw = run.Describe()};
  }
  // What the leader's metrics said about one client while quota_io.py ran: its quota sensor's rate gauge, from the
  // first scrape that showed a throttle on (the quota in force), and the largest throttle-time gauge seen.
  struct Scraped {
    std::vector<double> rates;
    double max_throttle_ms = 0;
    double Median() const {
      std::vector<double> v = rates;
      std::sort(v.begin(), v.end());
      return v.empty() ? 0 : v[v.size() / 2];
    }
  };
  // Runs quota_io.py in the background and scrapes the leader's `prefix`_{rate_suffix, throttle_time_ms} gauges of
  // client_id until it ends.
  Measured RunScraping(const QString& mode, const QString& client_id, int seconds, double skip,
                       const std::string& rate_metric, const std::string& throttle_metric, Scraped* scraped) {
    QProcess client;
    client.start(PythonInterpreter(), RunArgs(mode, client_id, seconds, skip));
    if (!client.waitForStarted(30000)) return Measured{.raw = client.errorString()};
    const std::vector<std::pair<std::string, std::string>> labels = {{"client_id", client_id.toStdString()}};
    while (client.state() != QProcess::NotRunning) {
      if (auto text = ScrapeBroker(*c_, leader_id_)) {
        const auto throttle = text->Sum(throttle_metric, labels);
        const auto rate = text->Sum(rate_metric, labels);
        if (throttle) scraped->max_throttle_ms = std::max(scraped->max_throttle_ms, *throttle);
        if (rate && scraped->max_throttle_ms > 0) scraped->rates.push_back(*rate);
      }
      client.waitForFinished(300);
    }
    client.waitForFinished((seconds + 90) * 1000);
    if (client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0) {
      return Measured{.raw = QString::fromUtf8(client.readAllStandardError())};
    }
    return Parse(client.readAllStandardOutput());
  }
  static Measured Parse(const QByteArray& out) {
    Measured m;
    m.raw = QString::fromUtf8(out).trimmed();
    const QJsonObject o = QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
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
    // Metrics on port 0 (each broker logs its port) for the quota metrics.
    StartClusterInto(&c_, {{"quota.window.num", "3"},
                           {"quota.window.size.seconds", "1"},
                           {"num.replica.fetchers", "2"},
                           {"metrics.listener", "http://127.0.0.1:0"}});
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
    leader_id_ = p->leader;
    QVERIFY(!leader_bs_.isEmpty() && !other_bs_.isEmpty());
  }
  void cleanupTestCase() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void producerQuota() {
    SetClientQuota("slowp", "producer_byte_rate=102400", "producer_byte_rate=102400.0");
    if (QTest::currentTestFailed()) return;

    // The leader's quota metrics are scraped while the producer runs.
    Scraped scraped;
    const Measured limited = RunScraping("produce", "slowp", 9, 4, "kafka_server_produce_byte_rate",
                                         "kafka_server_produce_throttle_time_ms", &scraped);
    QVERIFY2(limited.rate >= 0.5 * kQuota && limited.rate <= 1.6 * kQuota, qPrintable(limited.raw));
    QVERIFY2(limited.throttle_events > 0 && limited.max_throttle_ms > 0, qPrintable(limited.raw));
    // The broker's own byte rate for the client, as Kafka's type=Produce byte-rate (generous: it counts the
    // request frames, the client counts record values).
    QVERIFY2(scraped.max_throttle_ms > 0 && !scraped.rates.empty() && scraped.Median() >= 0.3 * kQuota &&
                 scraped.Median() <= 2 * kQuota,
             qPrintable(QString("produce throttle gauge %1 ms, byte-rate median %2 over %3 scrapes")
                            .arg(scraped.max_throttle_ms)
                            .arg(scraped.Median())
                            .arg(scraped.rates.size())));
    qInfo("producer limited to %.0f B/s measured %.0f B/s, %d throttle events (max %.0f ms); leader byte-rate "
          "median %.0f B/s, throttle-time up to %.0f ms",
          kQuota, limited.rate, limited.throttle_events, limited.max_throttle_ms, scraped.Median(),
          scraped.max_throttle_ms);

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

  void requestQuota() {
    constexpr double kPercent = 0.2;  // of one broker thread (a ListOffsets costs a few µs)
    const Measured free = Run("offsets", "fastq", 4, 1);
    QVERIFY2(free.rate > 0 && free.throttle_events == 0, qPrintable(free.raw));
    SetClientQuota("busyq", "request_percentage=0.2", "request_percentage=0.2");
    if (QTest::currentTestFailed()) return;

    // The leader's request-time gauge of the client, scraped while it runs (from the first throttle on).
    Scraped scraped;
    const Measured limited = RunScraping("offsets", "busyq", 20, 6, "kafka_server_request_request_time",
                                         "kafka_server_request_throttle_time_ms", &scraped);
    QVERIFY2(limited.throttle_events > 0, qPrintable(limited.raw));
    QVERIFY2(limited.rate > 0 && limited.rate < free.rate / 3,
             qPrintable(QString("limited %1 /s, unlimited %2 /s").arg(limited.rate).arg(free.rate)));
    QVERIFY2(scraped.max_throttle_ms > 0 && scraped.rates.size() >= 3,
             qPrintable(QString("throttle gauge %1, %2 request-time samples")
                            .arg(scraped.max_throttle_ms)
                            .arg(scraped.rates.size())));
    // The median: one request preempted for tens of ms on a loaded machine lifts the gauge for a whole window.
    const double median = scraped.Median();
    QVERIFY2(median <= 3 * kPercent && median >= 0.2 * kPercent,
             qPrintable(QString("request time on the leader: median %1 %").arg(median)));
    // The client's side: its queries (two ListOffsets each) times the broker's mean ListOffsets time.
    auto text = ScrapeBroker(*c_, leader_id_);
    QVERIFY(text);
    const std::vector<std::pair<std::string, std::string>> list_offsets = {{"request", "ListOffsets"}};
    const double local_sum = text->Sum("kafka_network_request_local_time_seconds_sum", list_offsets).value_or(0);
    const double local_count = text->Sum("kafka_network_request_local_time_seconds_count", list_offsets).value_or(0);
    QVERIFY(local_count > 0);
    const double client_percent = limited.rate * 2 * (local_sum / local_count) * 100;
    qInfo("request_percentage=%.1f: %.0f queries/s (unlimited %.0f/s), %d throttle events; leader measured median "
          "%.2f %%, throttle gauge up to %.0f ms; client-side estimate %.2f %%",
          kPercent, limited.rate, free.rate, limited.throttle_events, median, scraped.max_throttle_ms, client_percent);
    QVERIFY2(client_percent >= 0.2 * kPercent && client_percent <= 4 * kPercent,
             qPrintable(QString("client-side estimate %1 %").arg(client_percent)));
    CLUSTER_VERIFY_RUN(Configs(other_bs_, {"--entity-type", "clients", "--entity-name", "busyq", "--alter",
                                           "--delete-config", "request_percentage"}));
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
