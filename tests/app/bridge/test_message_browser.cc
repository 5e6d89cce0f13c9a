// MessageBrowser against a real broker (ZooKeeper + partita-broker): 1,000 keyed records produced by
// confluent_kafka with the Java-compatible murmur2 partitioner, then: open at earliest / latest / offset /
// time, page forward and back, filters, key search landing on the partition librdkafka chose, and produce.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>
#include <map>

#include "app/bridge/kafka_partitioner.h"
#include "app/bridge/message_browser.h"
#include "engine/client/cluster_client.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::app;

namespace {

struct Produced {
  QString key;
  int partition = 0;
  qint64 offset = 0;
  qint64 ts = 0;
};

}  // namespace

class TestMessageBrowser : public QObject {
  Q_OBJECT

  // Runs a request and waits for its answer; fails the test on requestFailed.
  MessagePage page(const std::function<quint64()>& request) {
    QSignalSpy ready(m_browser.get(), &MessageBrowser::pageReady);
    QSignalSpy failed(m_browser.get(), &MessageBrowser::requestFailed);
    const quint64 id = request();
    for (int i = 0; i < 300 && ready.isEmpty() && failed.isEmpty(); ++i) ready.wait(100);
    if (!failed.isEmpty()) qWarning("request failed: %s", qPrintable(failed.at(0).at(1).toString()));
    if (ready.isEmpty() || ready.at(0).at(0).toULongLong() != id) return {};
    return ready.at(0).at(1).value<MessagePage>();
  }

  MessageQuery query(MessageStart start, QList<int> partitions = {0}) const {
    MessageQuery q;
    q.topic = "browse";
    q.partitions = partitions;
    q.start = start;
    q.pageSize = 100;
    return q;
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(itest::MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    itest::BrokerOptions options;
    options.auto_create_topics = false;
    ITEST_START(m_fx, options);
    auto client = client::ClusterClient::Connect(m_fx->bootstrap());
    QVERIFY(client.ok());
    client::NewTopic topic;
    topic.name = "browse";
    topic.partitions = 3;
    topic.replication_factor = 1;
    QVERIFY((*client)->CreateTopic(topic).ok());
    m_baseTs = QDateTime::currentMSecsSinceEpoch() - 100000;
    const auto run = itest::RunTool(itest::PythonInterpreter(),
                                    {QString(PARTITA_BRIDGE_TEST_SCRIPTS) + "/produce_keyed.py", "--bootstrap",
                                     QString::fromStdString(m_fx->bootstrap()), "--topic", "browse", "--count", "1000",
                                     "--base-ts", QString::number(m_baseTs)},
                                    120000);
    ITEST_VERIFY_RUN(run, m_fx.get());
    for (const QByteArray& line : run.out.split('\n')) {
      const QJsonObject o = QJsonDocument::fromJson(line).object();
      if (!o.contains("k")) continue;
      Produced p{o["k"].toString(), o["p"].toInt(), o["o"].toInteger(), o["ts"].toInteger()};
      m_produced.push_back(p);
      m_byKey[p.key] = p;
      m_byPartition[p.partition][p.offset] = p;
    }
    QCOMPARE(m_produced.size(), 1000);
    QCOMPARE(static_cast<int>(m_byPartition.size()), 3);
    m_browser = std::make_unique<MessageBrowser>();
    m_browser->setBootstrapServers(QString::fromStdString(m_fx->bootstrap()));
  }

  void cleanupTestCase() {
    m_browser.reset();
    m_fx.reset();
  }

  void listsTopics() {
    QSignalSpy topics(m_browser.get(), &MessageBrowser::topicsReady);
    m_browser->refreshTopics();
    QVERIFY(topics.wait(30000));
    bool found = false;
    for (const auto& t : topics.at(0).at(1).value<QList<TopicSummary>>()) {
      if (t.name == "browse") found = t.partitions == 3;
    }
    QVERIFY(found);
  }

  void earliestThenForwardAndBack() {
    const qint64 count0 = static_cast<qint64>(m_byPartition[0].size());
    QVERIFY(count0 > 200);
    const MessagePage first = page([&] { return m_browser->open(query(MessageStart::Earliest)); });
    QCOMPARE(first.rows.size(), 100);
    QVERIFY(!first.hasPrevious);
    QVERIFY(first.hasNext);
    QCOMPARE(first.bounds[0].highWatermark, count0);
    for (int i = 0; i < 100; ++i) {
      const MessageRow& r = first.rows[i];
      QCOMPARE(r.partition, 0);
      QCOMPARE(r.offset, i);
      const Produced& p = m_byPartition[0][i];
      QCOMPARE(QString::fromUtf8(r.key), p.key);
      QCOMPARE(r.timestamp, p.ts);
      const int n = p.key.mid(4).toInt();
      QCOMPARE(r.value, QByteArray("{\"n\": ") + QByteArray::number(n) + "}");  // Python's json.dumps
      QCOMPARE(r.headers.size(), 2);
      QCOMPARE(r.headers[0].key, QByteArray("seq"));
      QCOMPARE(r.headers[0].value, QByteArray::number(n));
    }
    const MessagePage second = page([&] { return m_browser->nextPage(query(MessageStart::Earliest), first); });
    QCOMPARE(second.rows.size(), 100);
    QCOMPARE(second.rows.front().offset, 100);
    QCOMPARE(second.rows.back().offset, 199);
    QVERIFY(second.hasPrevious);
    const MessagePage back = page([&] { return m_browser->previousPage(query(MessageStart::Earliest), second); });
    QCOMPARE(back.rows.size(), 100);
    QCOMPARE(back.rows.front().offset, 0);
    QCOMPARE(back.rows.back().offset, 99);
    QVERIFY(!back.hasPrevious);
  }

  void latestShowsTheEnd() {
    const qint64 count1 = static_cast<qint64>(m_byPartition[1].size());
    const MessagePage last = page([&] { return m_browser->open(query(MessageStart::Latest, {1})); });
    QCOMPARE(last.rows.size(), 100);
    QCOMPARE(last.rows.back().offset, count1 - 1);
    QCOMPARE(last.rows.front().offset, count1 - 100);
    QVERIFY(!last.hasNext);
    QVERIFY(last.hasPrevious);
    const MessagePage before = page([&] { return m_browser->previousPage(query(MessageStart::Latest, {1}), last); });
    QCOMPARE(before.rows.back().offset, count1 - 101);
    QVERIFY(before.hasNext);
  }

  void seekByOffsetAndByTime() {
    MessageQuery q = query(MessageStart::Offset, {2});
    q.offset = 123;
    const MessagePage at = page([&] { return m_browser->open(q); });
    QCOMPARE(at.rows.front().offset, 123);
    QCOMPARE(QString::fromUtf8(at.rows.front().key), m_byPartition[2][123].key);
    // Past the end: clamps to the end, an empty page that can page back.
    q.offset = 1'000'000;
    const MessagePage past = page([&] { return m_browser->open(q); });
    QCOMPARE(past.rows.size(), 0);
    QVERIFY(past.hasPrevious);

    MessageQuery t = query(MessageStart::Timestamp, {1});
    t.timestampMs = m_byPartition[1][57].ts;
    const MessagePage byTime = page([&] { return m_browser->open(t); });
    QVERIFY(!byTime.rows.isEmpty());
    QCOMPARE(byTime.rows.front().offset, 57);
    t.timestampMs = m_byPartition[1][57].ts - 1;  // between records: the first one after
    QCOMPARE(page([&] { return m_browser->open(t); }).rows.front().offset, 57);
  }

  void allPartitionsPage() {
    const MessagePage all = page([&] { return m_browser->open(query(MessageStart::Earliest, {})); });
    QCOMPARE(all.begin.size(), 3);
    QVERIFY(all.rows.size() >= 100 && all.rows.size() <= 102);
    for (qsizetype i = 1; i < all.rows.size(); ++i) QVERIFY(all.rows[i - 1].timestamp <= all.rows[i].timestamp);
  }

  void filters() {
    MessageQuery q = query(MessageStart::Earliest, {});
    q.filter.keyContains = "key-99";  // key-99 and key-990..999: 11 records across partitions
    const MessagePage keyed = page([&] { return m_browser->open(q); });
    QCOMPARE(keyed.rows.size(), 11);
    for (const auto& r : keyed.rows) QVERIFY(r.key.startsWith("key-99"));
    q.filter = {};
    q.filter.valueContains = "\"n\": 500}";
    const MessagePage valued = page([&] { return m_browser->open(q); });
    QCOMPARE(valued.rows.size(), 1);
    QCOMPARE(valued.rows[0].key, QByteArray("key-500"));
    q.filter = {};
    q.filter.headerContains = "no-such-header";
    const MessagePage none = page([&] { return m_browser->open(q); });
    QCOMPARE(none.rows.size(), 0);
    QVERIFY(!none.hasNext);
  }

  void keySearchReadsTheProducersPartition() {
    for (const int n : {0, 42, 777, 999}) {
      QVERIFY(m_byKey.contains(QString("key-%1").arg(n)));
      const Produced p = m_byKey.value(QString("key-%1").arg(n));
      QCOMPARE(partitionForKey(p.key.toUtf8(), 3), p.partition);  // librdkafka's murmur2_random agrees
      MessageQuery q = query(MessageStart::Earliest, {});
      q.exactKey = p.key.toUtf8();
      q.keyPartitioner = KeyPartitioner::Murmur2;
      const MessagePage found = page([&] { return m_browser->open(q); });
      QCOMPARE(found.keyPartition, p.partition);
      QCOMPARE(found.begin.keys(), QList<int>{p.partition});
      QCOMPARE(found.rows.size(), 1);
      QCOMPARE(found.rows[0].offset, p.offset);
      q.keyPartitioner = KeyPartitioner::ScanAll;  // the default: every partition, no computed partition
      const MessagePage scanned = page([&] { return m_browser->open(q); });
      QCOMPARE(scanned.keyPartition, -1);
      QCOMPARE(scanned.begin.keys(), (QList<int>{0, 1, 2}));
      QCOMPARE(scanned.rows.size(), 1);
      QCOMPARE(scanned.rows[0].partition, p.partition);
      QCOMPARE(scanned.rows[0].offset, p.offset);
    }
  }

  // Issue 13 item 2: kcat (librdkafka's default consistent_random partitioner) places keys by CRC-32, so a
  // murmur2-only search gives a false "not found"; the CRC32 and scan-all searches find them.
  void keySearchFindsKcatKeys() {
    ITEST_REQUIRE(itest::MissingKcat());
    auto client = client::ClusterClient::Connect(m_fx->bootstrap());
    QVERIFY(client.ok());
    client::NewTopic topic;
    topic.name = "kcat-keys";
    topic.partitions = 4;
    topic.replication_factor = 1;
    QVERIFY((*client)->CreateTopic(topic).ok());
    QStringList keys;  // keys whose CRC-32 and murmur2 partitions differ
    for (int n = 0; keys.size() < 5; ++n) {
      const QByteArray k = "user-" + QByteArray::number(n);
      if (crc32PartitionForKey(k, 4) != partitionForKey(k, 4)) keys << QString::fromUtf8(k);
    }
    QByteArray input;
    for (const QString& k : keys) input += k.toUtf8() + ":v-" + k.toUtf8() + "\n";
    const auto run = itest::RunTool(QStringLiteral("kcat"),
                                    {"-P", "-b", QString::fromStdString(m_fx->bootstrap()), "-t", "kcat-keys", "-K:"},
                                    60000, input);
    ITEST_VERIFY_RUN(run, m_fx.get());
    for (const QString& k : keys) {
      MessageQuery q;
      q.topic = "kcat-keys";
      q.start = MessageStart::Earliest;
      q.exactKey = k.toUtf8();
      q.keyPartitioner = KeyPartitioner::Crc32;
      const MessagePage crc = page([&] { return m_browser->open(q); });
      QCOMPARE(crc.keyPartition, crc32PartitionForKey(k.toUtf8(), 4));
      QCOMPARE(crc.rows.size(), 1);
      QCOMPARE(crc.rows[0].partition, crc.keyPartition);  // kcat put it where we computed
      q.keyPartitioner = KeyPartitioner::ScanAll;
      const MessagePage all = page([&] { return m_browser->open(q); });
      QCOMPARE(all.rows.size(), 1);
      QCOMPARE(all.rows[0].partition, crc.keyPartition);
      q.keyPartitioner = KeyPartitioner::Murmur2;  // the old behaviour: wrong partition, nothing found
      const MessagePage murmur = page([&] { return m_browser->open(q); });
      QCOMPARE(murmur.rows.size(), 0);
    }
  }

  void produceReportsOffsetAndRoundTrips() {
    ProduceSpec spec;
    spec.topic = "browse";
    spec.key = QByteArray("produced-key");
    spec.value = QByteArray("{\"hello\":\"world\"}");
    spec.headers = {{"h1", "v1", false}, {"h2", {}, true}};
    spec.compression = 4;  // zstd
    spec.acks = -1;
    QSignalSpy produced(m_browser.get(), &MessageBrowser::produced);
    m_browser->produce(spec);
    QVERIFY(produced.wait(30000));
    const auto outcome = produced.at(0).at(1).value<ProduceOutcome>();
    QCOMPARE(outcome.partition, partitionForKey("produced-key", 3));
    QCOMPARE(outcome.offset, static_cast<qint64>(m_byPartition[outcome.partition].size()));
    MessageQuery q = query(MessageStart::Offset, {outcome.partition});
    q.offset = outcome.offset;
    const MessagePage got = page([&] { return m_browser->open(q); });
    QCOMPARE(got.rows.size(), 1);
    QCOMPARE(got.rows[0].value, *spec.value);
    QCOMPARE(got.rows[0].compression, 4);
    QCOMPARE(got.rows[0].headers.size(), 2);
    QCOMPARE(got.rows[0].headers[0].key, QByteArray("h1"));
    QCOMPARE(got.rows[0].headers[0].value, QByteArray("v1"));
    QCOMPARE(got.rows[0].headers[1].key, QByteArray("h2"));
    QVERIFY(got.rows[0].headers[1].valueIsNull);

    // Errors arrive as requestFailed with the broker's reason.
    spec.partition = 7;
    QSignalSpy failed(m_browser.get(), &MessageBrowser::requestFailed);
    m_browser->produce(spec);
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.at(0).at(1).toString().contains("partition 7"), qPrintable(failed.at(0).at(1).toString()));
  }

  void disconnectedAndUnknownTopic() {
    MessageQuery q = query(MessageStart::Earliest);
    q.topic = "no-such-topic";
    QSignalSpy failed(m_browser.get(), &MessageBrowser::requestFailed);
    m_browser->open(q);
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.at(0).at(1).toString().contains("no-such-topic"));
    MessageBrowser offline;
    QSignalSpy offlineFailed(&offline, &MessageBrowser::requestFailed);
    offline.open(q);
    QVERIFY(offlineFailed.wait(5000));
  }

 private:
  std::unique_ptr<itest::BrokerFixture> m_fx;
  std::unique_ptr<MessageBrowser> m_browser;
  QList<Produced> m_produced;
  QHash<QString, Produced> m_byKey;
  std::map<int, std::map<qint64, Produced>> m_byPartition;
  qint64 m_baseTs = 0;
};

QTEST_GUILESS_MAIN(TestMessageBrowser)
#include "test_message_browser.moc"
