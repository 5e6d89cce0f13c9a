// Integration: the two Python Kafka clients users run, against a real partita-broker + ZooKeeper.
//  - confluent_kafka 1.7 (librdkafka): AdminClient create/list/describe_configs/delete, Producer acks=1 and
//    acks=all, Consumer with assign(), watermarks and offsets_for_times (scripts/confluent_check.py); a
//    read_committed consumer on a topic without transactions (LSO == HW; scripts/read_committed_check.py)
//    (transactional producers: test_itest_transactions);
//  - kafka-python 2.0.2 (its own protocol code): KafkaAdminClient.create_topics, KafkaProducer, KafkaConsumer
//    with assign() (scripts/kafka_python_check.py);
//  - confluent_kafka producing to internal topics is refused with INVALID_TOPIC_EXCEPTION while consumer groups
//    keep working (scripts/internal_topic_check.py);
//  - the newest consumer-group versions, which no Debian client sends yet, over a raw socket: JoinGroup v8-v9
//    (KIP-800 reason, KIP-814 skip_assignment for a restarted static leader), SyncGroup v5, OffsetCommit /
//    OffsetFetch v9, ListGroups v5 (group types), LeaveGroup v5 (scripts/group_protocol_check.py).
#include <QtTest>

#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestClients : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QElapsedTimer timer_;

 private slots:
  void init() { timer_.start(); }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
    qInfo("wall time of %s: %.1f s", QTest::currentTestFunction(), timer_.elapsed() / 1000.0);
  }

  void confluentKafka() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ITEST_START(fx_, (BrokerOptions{.broker_id = 3, .properties = {{"log.segment.bytes", "1048576"}}}));
    ToolRun run = RunPythonScript("confluent_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--broker-id", "3", "--count", "3000",
                                   "--expect-broker-config", "log.segment.bytes=1048576"},
                                  300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    QCOMPARE(summary["acks_1"].toInt(), 3000);
    QCOMPARE(summary["acks_all"].toInt(), 3000);
    qInfo("confluent_check: %s", run.out.trimmed().constData());
  }

  // Issue 12 (partition side): read_committed on a topic without transactions behaves as read_uncommitted.
  void readCommittedConsumerOnPlainTopic() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ITEST_START(fx_, BrokerOptions{});
    ToolRun run = RunPythonScript("read_committed_check.py", {"--bootstrap", Q(fx_->bootstrap()), "--count", "500"},
                                  180000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    QCOMPARE(summary["records"].toInt(), 500);
    QCOMPARE(summary["ls_offset"].toInt(), 500);
    QCOMPARE(summary["hi_offset"].toInt(), 500);
    qInfo("read_committed_check: %s", run.out.trimmed().constData());
  }

  void produceToInternalTopicsRefused() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    ITEST_START(fx_, BrokerOptions{});
    ToolRun run = RunPythonScript("internal_topic_check.py", {"--bootstrap", Q(fx_->bootstrap())}, 300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    QCOMPARE(summary["refused"].toObject()["__consumer_offsets"].toString(), QString("TOPIC_EXCEPTION"));
    QCOMPARE(summary["resumed_from"].toString(), QString("order-5"));
    qInfo("internal_topic_check: %s", run.out.trimmed().constData());
  }

  void newestGroupVersions() {
    ITEST_START(fx_, (BrokerOptions{.properties = {{"group.initial.rebalance.delay.ms", "200"}}}));
    ToolRun run = RunPythonScript("group_protocol_check.py", {"--port", QString::number(fx_->port())}, 120000);
    ITEST_VERIFY_RUN(run, fx_.get());
    QVERIFY2(LastJsonLine(run.out)["ok"].toBool(), qPrintable(run.Describe()));
    QVERIFY2(fx_->BrokerLog().find("client reason: the consumer is being closed") != std::string::npos,
             qPrintable(BrokerContext(fx_.get())));
    qInfo("group_protocol_check: %s", run.out.trimmed().constData());
  }

  void kafkaPython() {
    ITEST_REQUIRE(MissingPythonModule("kafka", "python3-kafka"));
    ITEST_START(fx_, BrokerOptions{});
    ToolRun run = RunPythonScript("kafka_python_check.py", {"--bootstrap", Q(fx_->bootstrap()), "--count", "3000"},
                                  300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary["ok"].toBool(), qPrintable(run.Describe()));
    QCOMPARE(summary["read"].toInt(), 3000);
    qInfo("kafka_python_check: %s", run.out.trimmed().constData());
  }

  void kafkaPythonGzip() {
    // kafka-python compresses in pure Python (gzip is in the standard library): a second, independent encoder.
    ITEST_REQUIRE(MissingPythonModule("kafka", "python3-kafka"));
    ITEST_START(fx_, BrokerOptions{});
    ToolRun run = RunPythonScript("kafka_python_check.py",
                                  {"--bootstrap", Q(fx_->bootstrap()), "--count", "3000", "--compression", "gzip"},
                                  300000);
    ITEST_VERIFY_RUN(run, fx_.get());
    QVERIFY2(LastJsonLine(run.out)["ok"].toBool(), qPrintable(run.Describe()));
  }
};

QTEST_GUILESS_MAIN(TestItestClients)
#include "test_itest_clients.moc"
