// Integration: the metrics endpoint and broker loggers of a real partita-broker (BrokerFixture: real ZooKeeper,
// the broker as a child process) driven by real clients.
//  - kcat produces and consumes; Python's urllib scrapes http://127.0.0.1:PORT/metrics; the text must pass the
//    strict exposition reader (tests/engine/metrics/prometheus_text.h) and the counters must have moved by what
//    was sent: records and bytes in per topic, bytes out, Produce/Fetch request counts and times, partition and
//    controller gauges, log size, and a consumer group's lag after partita-cli consumer-groups --reset-offsets.
//  - partita-cli configs --entity-type broker-loggers describes and alters log levels at run time (Kafka's
//    kafka-configs), which turns the request log on and off.
#include <QRegularExpression>
#include <QtTest>

#include "engine/common/clock.h"
#include "tests/engine/metrics/prometheus_text.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }

// GET url with Python's urllib (an HTTP client nobody here wrote); the body on success.
ToolRun HttpGet(const QString& url) {
  return RunTool(PythonInterpreter(),
                 {"-c",
                  "import sys, urllib.request\n"
                  "r = urllib.request.urlopen(sys.argv[1], timeout=30)\n"
                  "assert r.status == 200, r.status\n"
                  "ctype = r.headers['Content-Type']\n"
                  "assert ctype.startswith('text/plain; version=0.0.4'), ctype\n"
                  "sys.stdout.write(r.read().decode('utf-8'))\n",
                  url},
                 60000);
}

// The metrics port the broker logged ("metrics at http://127.0.0.1:PORT/metrics").
int MetricsPortFromLog(const BrokerFixture& fx) {
  static const QRegularExpression re("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");
  auto m = re.match(QString::fromStdString(fx.BrokerLog()));
  return m.hasMatch() ? m.captured(1).toInt() : 0;
}

}  // namespace

class TestItestMetrics : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;

  testing::PromText Scrape(int port) {
    ToolRun run = HttpGet(QString("http://127.0.0.1:%1/metrics").arg(port));
    if (!run.ok()) {
      testing::PromText failed;
      failed.error = run.Describe().toStdString();
      return failed;
    }
    testing::PromText parsed = testing::ParsePrometheusText(run.out.toStdString());
    if (!parsed.error.empty()) parsed.error += "\n--- scraped text ---\n" + run.out.left(20000).toStdString();
    return parsed;
  }

 private slots:
  void init() { ITEST_REQUIRE(MissingKcat()); }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void scrapedCountersFollowProduceAndFetch() {
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .num_partitions = 1,
                                    .properties = {{"metrics.listener", "http://127.0.0.1:0"}}}));
    const int port = MetricsPortFromLog(*fx_);
    QVERIFY2(port > 0, qPrintable("no metrics listener in the log" + BrokerContext(fx_.get())));
    const QString bs = Q(fx_->bootstrap());

    testing::PromText before = Scrape(port);
    QVERIFY2(before.error.empty(), before.error.c_str());
    QCOMPARE(before.Sum("kafka_controller_active_controller_count").value_or(-1), 1.0);
    QCOMPARE(before.Sum("kafka_server_zookeeper_connected").value_or(-1), 1.0);
    // Registration, controller election and topic loading all went through ZooKeeper before the first scrape.
    const double zk_requests = before.Sum("kafka_server_zookeeper_request_latency_seconds_count").value_or(0);
    QVERIFY2(zk_requests >= 3, qPrintable(QString::number(zk_requests)));
    QVERIFY(before.Sum("kafka_server_zookeeper_request_latency_seconds_sum").value_or(-1) > 0);
    QVERIFY(!before.Sum("kafka_server_topic_messages_in_total", {{"topic", "metered"}}));
    const double produce_requests_before =
        before.Sum("kafka_network_requests_total", {{"request", "Produce"}}).value_or(0);

    QByteArray input;
    constexpr int kRecords = 100;
    for (int i = 0; i < kRecords; ++i) input += "value-" + QByteArray::number(i) + "\n";
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs, "-P", "-t", "metered", "-X", "acks=all"}, 60000, input), fx_.get());
    ToolRun consume = RunTool("kcat", {"-b", bs, "-C", "-t", "metered", "-o", "beginning", "-e", "-q"}, 60000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(consume.out.count('\n'), kRecords);
    // 60 of the 100 records consumed by a group: its lag is 40 on the coordinator (this broker).
    ITEST_VERIFY_RUN(RunTool(CliPath(), {"consumer-groups", "--bootstrap-server", bs, "--group", "metered-group",
                                         "--reset-offsets", "--topic", "metered", "--to-offset", "60", "--execute"},
                             60000),
                     fx_.get());

    testing::PromText after = Scrape(port);
    QVERIFY2(after.error.empty(), after.error.c_str());
    const std::vector<std::pair<std::string, std::string>> topic{{"topic", "metered"}};
    QCOMPARE(after.Sum("kafka_server_topic_messages_in_total", topic).value_or(-1), double(kRecords));
    QVERIFY(after.Sum("kafka_server_messages_in_total").value_or(0) >= kRecords);
    const double bytes_in = after.Sum("kafka_server_topic_bytes_in_total", topic).value_or(0);
    QVERIFY2(bytes_in > kRecords * 7, qPrintable(QString::number(bytes_in)));  // at least the values' bytes
    QVERIFY(after.Sum("kafka_server_topic_bytes_out_total", topic).value_or(0) >= bytes_in);
    QVERIFY(after.Sum("kafka_network_requests_total", {{"request", "Produce"}}).value_or(0) > produce_requests_before);
    QVERIFY(after.Sum("kafka_network_request_total_time_seconds_count", {{"request", "Produce"}}).value_or(0) >= 1);
    QVERIFY(after.Sum("kafka_network_request_total_time_seconds_count", {{"request", "Fetch"}}).value_or(0) >= 1);
    // Response queue and send time, reported by the network layer once a response's last byte is written.
    QVERIFY(after.Sum("kafka_network_request_response_send_time_seconds_count", {{"request", "Fetch"}}).value_or(0) >= 1);
    QVERIFY(after.Sum("kafka_network_request_response_queue_time_seconds_count", {{"request", "Produce"}}).value_or(0) >=
            1);
    QVERIFY(after.Sum("kafka_network_request_local_time_seconds_sum", {{"request", "Fetch"}}).value_or(-1) >= 0);
    QCOMPARE(after.types.at("kafka_network_request_total_time_seconds"), std::string("histogram"));
    QCOMPARE(after.types.at("kafka_server_topic_bytes_in_total"), std::string("counter"));
    // Two partitions here: metered-0 and the __consumer_offsets partition of the group (1 partition in the fixture
    // or more); every one led and fully replicated on a one-broker cluster.
    const double partitions = after.Sum("kafka_server_replicamanager_partition_count").value_or(0);
    QVERIFY(partitions >= 2);
    QCOMPARE(after.Sum("kafka_server_replicamanager_leader_count").value_or(-1), partitions);
    QCOMPARE(after.Sum("kafka_server_replicamanager_under_replicated_partitions").value_or(-1), 0.0);
    QCOMPARE(after.Sum("kafka_server_replicamanager_under_min_isr_partition_count").value_or(-1), 0.0);
    QCOMPARE(after.Sum("kafka_controller_offline_partitions_count").value_or(-1), 0.0);
    QVERIFY(after.Sum("kafka_log_size_bytes", {{"topic", "metered"}, {"partition", "0"}}).value_or(0) >= bytes_in);
    QCOMPARE(after.Sum("kafka_log_log_end_offset", {{"topic", "metered"}, {"partition", "0"}}).value_or(-1),
             double(kRecords));
    QCOMPARE(after.Sum("kafka_consumergroup_committed_offset", {{"group", "metered-group"}, {"topic", "metered"}})
                 .value_or(-1),
             60.0);
    QCOMPARE(after.Sum("kafka_consumergroup_lag", {{"group", "metered-group"}, {"topic", "metered"}, {"partition", "0"}})
                 .value_or(-1),
             double(kRecords - 60));
    QCOMPARE(after.Sum("kafka_coordinator_group_count", {{"state", "Empty"}}).value_or(-1), 1.0);
    QVERIFY(after.Sum("kafka_server_purgatory_size", {{"delayed_operation", "Fetch"}}).has_value());
    const double idle = after.Sum("kafka_network_processor_avg_idle_ratio").value_or(-1);
    QVERIFY2(idle >= 0 && idle <= 1, qPrintable(QString::number(idle)));

    // Deleting the topic drops its series (Kafka's BrokerTopicStats.removeMetrics).
    ITEST_VERIFY_RUN(RunTool(CliPath(), {"topics", "--bootstrap-server", bs, "--delete", "--topic", "metered"}, 60000),
                     fx_.get());
    QElapsedTimer waited;
    waited.start();
    testing::PromText gone;
    do {
      gone = Scrape(port);
      QVERIFY2(gone.error.empty(), gone.error.c_str());
      if (!gone.Sum("kafka_server_topic_messages_in_total", topic)) break;
      QTest::qWait(100);
    } while (waited.elapsed() < 60000);
    QVERIFY2(!gone.Sum("kafka_server_topic_messages_in_total", topic), "the deleted topic's series stayed");
    QVERIFY(gone.Sum("kafka_server_messages_in_total").value_or(0) >= kRecords);  // broker totals stay
  }

  void brokerLoggersAreDescribedAndAlteredWithTheCli() {
    ITEST_START(fx_, (BrokerOptions{.broker_id = 3}));
    const QString bs = Q(fx_->bootstrap());
    auto cli = [&](QStringList args) {
      return RunTool(CliPath(), QStringList{"configs", "--bootstrap-server", bs} + args, 60000);
    };
    const QStringList loggers{"--entity-type", "broker-loggers", "--entity-name", "3"};

    ToolRun describe = cli(loggers + QStringList{"--describe"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    QVERIFY2(describe.out.startsWith("Dynamic configs for broker-logger 3 are:\n"), describe.out.constData());
    QVERIFY2(describe.out.contains("  root=INFO sensitive=false synonyms={}\n"), describe.out.constData());
    QVERIFY2(describe.out.contains("  kafka.request.logger=WARN sensitive=false synonyms={}\n"), describe.out.constData());

    // The request log is off: a produce leaves no line.
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs, "-P", "-t", "logged"}, 60000, "one\n"), fx_.get());
    QVERIFY(!QString::fromStdString(fx_->BrokerLog()).contains("Completed request: Produce"));

    ToolRun alter = cli(loggers + QStringList{"--alter", "--add-config", "kafka.request.logger=DEBUG"});
    ITEST_VERIFY_RUN(alter, fx_.get());
    QCOMPARE(alter.out, QByteArray("Completed updating config for broker-logger 3.\n"));
    QVERIFY(cli(loggers + QStringList{"--describe"}).out.contains("  kafka.request.logger=DEBUG "));
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs, "-P", "-t", "logged"}, 60000, "two\n"), fx_.get());
    QElapsedTimer waited;
    waited.start();
    while (!QString::fromStdString(fx_->BrokerLog()).contains("Completed request: Produce v") &&
           waited.elapsed() < 30000) {
      QTest::qWait(100);
    }
    const QString log = QString::fromStdString(fx_->BrokerLog());
    QVERIFY2(log.contains(QRegularExpression("Completed request: Produce v\\d+ correlationId \\d+ clientId 'rdkafka' "
                                             "from 127\\.0\\.0\\.1:\\d+ on PLAINTEXT; answered, totalTime")),
             qPrintable(BrokerContext(fx_.get())));

    // Unset: back to root's level (log4j's inheritance), so the request log is at INFO and quiet at DEBUG.
    ITEST_VERIFY_RUN(cli(loggers + QStringList{"--alter", "--delete-config", "kafka.request.logger"}), fx_.get());
    QVERIFY(cli(loggers + QStringList{"--describe"}).out.contains("  kafka.request.logger=INFO "));

    // Kafka's refusals.
    ToolRun bad_level = cli(loggers + QStringList{"--alter", "--add-config", "root=LOUD"});
    QVERIFY(!bad_level.ok());
    QVERIFY2(bad_level.err.contains("not a supported log level"), bad_level.err.constData());
    ToolRun unknown = cli(loggers + QStringList{"--alter", "--add-config", "no.such.logger=DEBUG"});
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.err.contains("Logger no.such.logger does not exist!"), unknown.err.constData());
    ToolRun root_delete = cli(loggers + QStringList{"--alter", "--delete-config", "root"});
    QVERIFY(!root_delete.ok());
    QVERIFY2(root_delete.err.contains("Removing the log level of the root logger is not allowed"),
             root_delete.err.constData());
    QVERIFY(cli(loggers + QStringList{"--describe"}).out.contains("  root=INFO "));  // nothing applied
    ToolRun other_broker = cli({"--entity-type", "broker-loggers", "--entity-name", "4", "--describe"});
    QVERIFY(!other_broker.ok());
  }

  void aBadMetricsListenerStopsTheStartWithAClearError() {
    auto started = BrokerFixture::Start(BrokerOptions{.properties = {{"metrics.listener", "https://127.0.0.1:9644"}}});
    QVERIFY(!started.ok());
    QVERIFY2(started.status().ToString().find("metrics.listener") != std::string::npos, started.status().ToString().c_str());
  }
};

QTEST_GUILESS_MAIN(TestItestMetrics)
#include "test_itest_metrics.moc"
