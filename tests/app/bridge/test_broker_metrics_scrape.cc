// The Cluster page's metrics source (issue 14): text written by the broker's own exposition code
// (engine/metrics: the families named as engine/broker/broker_metrics.cc names them) is read back, and two
// readings give counter rates and histogram latencies; damaged lines and restarted counters are survived.
#include <QtTest>

#include "app/bridge/broker_metrics_scrape.h"
#include "engine/metrics/registry.h"

using namespace partita;
using app::BrokerMetricsReading;
using app::HistogramReading;

namespace {

// A broker-like registry: the counters and request-time histograms the Cluster page reads, plus others it skips.
struct FakeBroker {
  metrics::Registry registry;
  std::shared_ptr<metrics::Counter> bytesIn = registry.GetCounter("kafka_server_bytes_in_total", "h");
  std::shared_ptr<metrics::Counter> bytesOut = registry.GetCounter("kafka_server_bytes_out_total", "h");
  std::shared_ptr<metrics::Counter> messagesIn = registry.GetCounter("kafka_server_messages_in_total", "h");
  std::shared_ptr<metrics::Counter> shrinks = registry.GetCounter("kafka_server_isr_shrinks_total", "h");
  std::shared_ptr<metrics::Counter> expands = registry.GetCounter("kafka_server_isr_expands_total", "h");
  std::shared_ptr<metrics::Counter> topicBytes =
      registry.GetCounter("kafka_server_topic_bytes_in_total", "h", {{"topic", "orders"}});
  std::shared_ptr<metrics::Histogram> produce = registry.GetHistogram(
      "kafka_network_request_total_time_seconds", "h", {{"request", "Produce"}}, metrics::LatencyBuckets());
  std::shared_ptr<metrics::Histogram> fetch = registry.GetHistogram(
      "kafka_network_request_total_time_seconds", "h", {{"request", "Fetch"}}, metrics::LatencyBuckets());
  std::shared_ptr<metrics::Histogram> metadata = registry.GetHistogram(
      "kafka_network_request_total_time_seconds", "h", {{"request", "Metadata"}}, metrics::LatencyBuckets());
  BrokerMetricsReading read(qint64 ms) const {
    return app::parseBrokerMetrics(QByteArray::fromStdString(registry.Expose()), ms);
  }
};

}  // namespace

class TestBrokerMetricsScrape : public QObject {
  Q_OBJECT
 private slots:
  void readsTheBrokersFamilies() {
    FakeBroker b;
    b.bytesIn->Increment(1000);
    b.bytesOut->Increment(250);
    b.messagesIn->Increment(10);
    b.shrinks->Increment(2);
    b.expands->Increment(1);
    b.topicBytes->Increment(999999);  // per topic: not the broker total
    b.produce->Observe(0.002);
    b.fetch->Observe(0.5);
    b.metadata->Observe(9);
    const BrokerMetricsReading r = b.read(1000);
    QVERIFY(r.bytesInPresent);
    QCOMPARE(r.bytesIn, 1000.0);
    QCOMPARE(r.bytesOut, 250.0);
    QCOMPARE(r.messagesIn, 10.0);
    QCOMPARE(r.isrShrinks, 2.0);
    QCOMPARE(r.isrExpands, 1.0);
    QVERIFY(r.produceTime.present);
    QCOMPARE(r.produceTime.count, 1.0);
    QCOMPARE(r.produceTime.sum, 0.002);
    QCOMPARE(r.produceTime.buckets.size(), int(metrics::LatencyBuckets().size()) + 1);
    QVERIFY(std::isinf(r.produceTime.buckets.last().first));
    QCOMPARE(r.fetchTime.sum, 0.5);  // Metadata's 9 s went nowhere
  }

  void ratesAndLatencyBetweenTwoScrapes() {
    FakeBroker b;
    b.bytesIn->Increment(5000);
    b.produce->Observe(0.001);
    const BrokerMetricsReading before = b.read(10'000);
    b.bytesIn->Increment(2000);
    b.bytesOut->Increment(4000);
    b.messagesIn->Increment(20);
    b.shrinks->Increment(1);
    // 100 produces: 98 fast (under 1 ms), 2 slow (0.2 s): p99 is in the slow bucket, the mean is ~4.99 ms.
    for (int i = 0; i < 98; ++i) b.produce->Observe(0.0008);
    for (int i = 0; i < 2; ++i) b.produce->Observe(0.2);
    const BrokerMetricsReading after = b.read(12'000);
    const app::BrokerMetricsRates r = app::metricsRates(before, after);
    QCOMPARE(r.bytesInPerSec, 1000.0);
    QCOMPARE(r.bytesOutPerSec, 2000.0);
    QCOMPARE(r.messagesInPerSec, 10.0);
    QCOMPARE(r.isrShrinksPerSec, 0.5);
    QCOMPARE(r.isrExpandsPerSec, 0.0);
    QVERIFY2(qAbs(r.produceMeanMs - (98 * 0.8 + 2 * 200) / 100.0) < 1e-6, qPrintable(QString::number(r.produceMeanMs)));
    // The 99th of 100 observations is in the bucket holding 0.2 s; the earlier 1 ms observation is not counted.
    double lower = 0, upper = 0;
    for (double le : metrics::LatencyBuckets()) {
      if (le >= 0.2) {
        upper = le;
        break;
      }
      lower = le;
    }
    QVERIFY2(r.produceP99Ms > lower * 1000 && r.produceP99Ms <= upper * 1000, qPrintable(QString::number(r.produceP99Ms)));
    QCOMPARE(r.fetchP99Ms, -1.0);  // no fetch answered in between
    QCOMPARE(r.fetchMeanMs, -1.0);
  }

  void quantileInterpolatesWithinABucket() {
    HistogramReading before, after;
    before.buckets = {{0.1, 0}, {0.2, 0}, {std::numeric_limits<double>::infinity(), 0}};
    after.buckets = {{0.1, 50}, {0.2, 100}, {std::numeric_limits<double>::infinity(), 100}};
    QCOMPARE(app::histogramQuantile(before, after, 0.5), 0.1);
    QVERIFY(qAbs(app::histogramQuantile(before, after, 0.75) - 0.15) < 1e-9);
    // Everything above the last finite bound: reported as that bound.
    after.buckets = {{0.1, 0}, {0.2, 0}, {std::numeric_limits<double>::infinity(), 10}};
    QCOMPARE(app::histogramQuantile(before, after, 0.99), 0.2);
    QCOMPARE(app::histogramQuantile(after, after, 0.99), -1.0);
  }

  void restartedBrokerCountsFromZero() {
    BrokerMetricsReading before, after;
    before.takenMs = 0;
    before.bytesIn = 1'000'000;
    after.takenMs = 1000;
    after.bytesIn = 300;
    QCOMPARE(app::metricsRates(before, after).bytesInPerSec, 300.0);
  }

  void damagedAndForeignLinesAreSkipped() {
    const QByteArray text =
        "# HELP kafka_server_bytes_in_total x\n"
        "# TYPE kafka_server_bytes_in_total counter\n"
        "kafka_server_bytes_in_total 42 1700000000000\n"
        "kafka_server_bytes_out_total\n"
        "kafka_server_messages_in_total notanumber\n"
        "kafka_network_request_total_time_seconds_bucket{request=\"Produce\",le=\"0.5\"\n"
        "kafka_network_request_total_time_seconds_count{request=\"Produce\"} 3\n"
        "jvm_memory_bytes_used{area=\"heap\"} 1e9\n"
        "\n";
    const BrokerMetricsReading r = app::parseBrokerMetrics(text, 0);
    QVERIFY(r.bytesInPresent);
    QCOMPARE(r.bytesIn, 42.0);
    QCOMPARE(r.bytesOut, 0.0);
    QCOMPARE(r.messagesIn, 0.0);
    QCOMPARE(r.produceTime.count, 3.0);
    QVERIFY(r.produceTime.buckets.isEmpty());
    QVERIFY(!app::parseBrokerMetrics("<html>not metrics</html>", 0).bytesInPresent);
  }

  void endpointFromTheListenerConfig() {
    QString host;
    int port = 0;
    QVERIFY(app::metricsEndpointFrom(QStringLiteral("http://127.0.0.1:9644"), QStringLiteral("b1"), &host, &port));
    QCOMPARE(host, QStringLiteral("127.0.0.1"));
    QCOMPARE(port, 9644);
    QVERIFY(app::metricsEndpointFrom(QStringLiteral("0.0.0.0:9644"), QStringLiteral("b1.example"), &host, &port));
    QCOMPARE(host, QStringLiteral("b1.example"));
    QVERIFY(app::metricsEndpointFrom(QStringLiteral("http://[::]:9644/"), QStringLiteral("b2"), &host, &port));
    QCOMPARE(host, QStringLiteral("b2"));
    QVERIFY(!app::metricsEndpointFrom(QStringLiteral("http://127.0.0.1:0"), QStringLiteral("b1"), &host, &port));
    QVERIFY(!app::metricsEndpointFrom(QStringLiteral("https://127.0.0.1:9644"), QStringLiteral("b1"), &host, &port));
    QVERIFY(!app::metricsEndpointFrom(QString(), QStringLiteral("b1"), &host, &port));
  }

  void unreachableEndpointIsAnErrorQuickly() {
    QString error;
    QElapsedTimer timer;
    timer.start();
    // Port 1 on loopback: refused at once (nothing listens there unprivileged).
    QVERIFY(app::scrapeBrokerMetrics(QStringLiteral("127.0.0.1"), 1, 1000, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(timer.elapsed() < 5000);
  }
};

QTEST_GUILESS_MAIN(TestBrokerMetricsScrape)
#include "test_broker_metrics_scrape.moc"
