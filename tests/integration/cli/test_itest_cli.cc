// Integration: partita-cli (kafka-topics / kafka-configs / kafka-get-offsets / kafka-dump-log /
// kafka-reassign-partitions --generate verbs) and engine/client's ClusterClient against a real partita-broker and
// ZooKeeper (BrokerFixture), with kcat (librdkafka) as the producer nobody here wrote.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/cluster_client.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }

QStringList Lines(const QByteArray& out) { return QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts); }

}  // namespace

class TestItestCli : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QString bs_;

  ToolRun Cli(const QStringList& args, int timeout_ms = 60000) { return RunTool(CliPath(), args, timeout_ms); }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingKcat());
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .num_partitions = 1, .auto_create_topics = false}));
    bs_ = Q(fx_->bootstrap());
  }
  void cleanupTestCase() {
    if (fx_) {
      ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    }
    fx_.reset();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
  }

  // Issue 9 item 4: absurd counts are refused by the CLI itself, with the bound named, and nothing is created.
  void topicsRefusesAbsurdCounts() {
    ToolRun huge = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-huge", "--partitions",
                        "2147483647"});
    QCOMPARE(huge.exit_code, 2);
    QVERIFY2(huge.err.contains("2147483647 partitions is more than the 10000") &&
                 huge.err.contains("partita.max.partitions.per.topic"),
             huge.err.constData());
    ToolRun rf = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-huge", "--partitions", "1",
                      "--replication-factor", "3000"});
    QCOMPARE(rf.exit_code, 2);
    QVERIFY2(rf.err.contains("replication factor 3000 is larger than the 1 broker(s)"), rf.err.constData());
    ToolRun grow = Cli({"topics", "--bootstrap-server", bs_, "--alter", "--topic", "cli-huge", "--partitions",
                        "2147483647"});
    QCOMPARE(grow.exit_code, 2);
    QVERIFY2(grow.err.contains("partita.max.partitions.per.topic"), grow.err.constData());
    ToolRun list = Cli({"topics", "--bootstrap-server", bs_, "--list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(!Lines(list.out).contains("cli-huge"), list.out.constData());
  }

  void topicsCreateListDescribeAlterDelete() {
    ToolRun create = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-orders", "--partitions", "2",
                          "--replication-factor", "1", "--config", "retention.ms=123456"});
    ITEST_VERIFY_RUN(create, fx_.get());
    QCOMPARE(Lines(create.out), QStringList{"Created topic cli-orders."});

    ToolRun list = Cli({"topics", "--bootstrap-server", bs_, "--list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(Lines(list.out).contains("cli-orders"), list.out.constData());

    ToolRun describe = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "cli-orders"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    const QStringList d = Lines(describe.out);
    QCOMPARE(d.size(), 3);
    QVERIFY2(d[0].startsWith("Topic: cli-orders\tTopicId: "), qPrintable(d[0]));
    QVERIFY2(d[0].contains("\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: "), qPrintable(d[0]));
    QVERIFY2(d[0].contains("retention.ms=123456"), qPrintable(d[0]));
    QCOMPARE(d[1], QString("\tTopic: cli-orders\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tOffline: "));
    QCOMPARE(d[2], QString("\tTopic: cli-orders\tPartition: 1\tLeader: 1\tReplicas: 1\tIsr: 1\tOffline: "));
    // kafka-topics --describe --topic-id: the same topic found by the id it printed (issue 14).
    const QString id = d[0].section('\t', 1, 1).section(' ', 1);
    ToolRun by_id = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic-id", id});
    ITEST_VERIFY_RUN(by_id, fx_.get());
    QCOMPARE(Lines(by_id.out), d);
    ToolRun no_id = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic-id", "AAAAAAAAAAAAAAAAAAAAAB"});
    QCOMPARE(no_id.exit_code, 1);
    QVERIFY2(no_id.err.contains("does not exist"), no_id.err.constData());

    // A second create names the controller and Kafka's error; --if-not-exists makes it quiet.
    ToolRun again = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-orders", "--partitions", "1"});
    QCOMPARE(again.exit_code, 1);
    QVERIFY2(again.err.contains("TOPIC_ALREADY_EXISTS") && again.err.contains("controller 1 (127.0.0.1:"),
             again.err.constData());
    ToolRun quiet = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-orders", "--partitions", "1",
                         "--if-not-exists"});
    ITEST_VERIFY_RUN(quiet, fx_.get());

    ToolRun alter = Cli({"topics", "--bootstrap-server", bs_, "--alter", "--topic", "cli-orders", "--partitions", "3"});
    ITEST_VERIFY_RUN(alter, fx_.get());
    QElapsedTimer t;
    t.start();
    QStringList after;
    while (t.elapsed() < 30000) {  // partition creation propagates through ZooKeeper
      ToolRun run = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "cli-orders"});
      after = Lines(run.out);
      if (after.size() == 4 && after[3].contains("Leader: 1")) break;
      QTest::qWait(200);
    }
    QVERIFY2(after.size() == 4 && after[0].contains("PartitionCount: 3"), qPrintable(after.join("\n")));
    ToolRun shrink = Cli({"topics", "--bootstrap-server", bs_, "--alter", "--topic", "cli-orders", "--partitions", "2"});
    QCOMPARE(shrink.exit_code, 1);
    QVERIFY2(shrink.err.contains("INVALID_PARTITIONS"), shrink.err.constData());

    ToolRun del = Cli({"topics", "--bootstrap-server", bs_, "--delete", "--topic", "cli-orders"});
    ITEST_VERIFY_RUN(del, fx_.get());
    t.restart();
    bool gone = false;
    while (!gone && t.elapsed() < 30000) {
      ToolRun l = Cli({"topics", "--bootstrap-server", bs_, "--list"});
      gone = l.ok() && !Lines(l.out).contains("cli-orders");
      if (!gone) QTest::qWait(200);
    }
    QVERIFY2(gone, "cli-orders still listed 30 s after --delete");
    ToolRun missing = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "cli-orders"});
    QCOMPARE(missing.exit_code, 1);
    QVERIFY2(missing.err.contains("cli-orders"), missing.err.constData());
  }

  // Issue 14: kafka-topics' --topic is a regular expression for every verb but --create, and --describe has the
  // min-ISR and overrides filters Kafka's ops guide uses.
  void topicsRegexAndDescribeFilters() {
    for (const char* name : {"rx.a", "rx.b", "rxXc"}) {
      ITEST_VERIFY_RUN(Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", name, "--partitions", "2",
                            "--replication-factor", "1"}), fx_.get());
    }
    ToolRun literal_dot = Cli({"topics", "--bootstrap-server", bs_, "--list", "--topic", "rx\\..*"});
    ITEST_VERIFY_RUN(literal_dot, fx_.get());
    QCOMPARE(Lines(literal_dot.out), (QStringList{"rx.a", "rx.b"}));
    ToolRun any = Cli({"topics", "--bootstrap-server", bs_, "--list", "--topic", "rx..*"});
    QCOMPARE(Lines(any.out), (QStringList{"rx.a", "rx.b", "rxXc"}));
    // A pattern matches whole names only.
    ToolRun partial = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "rx"});
    QCOMPARE(partial.exit_code, 1);
    QVERIFY2(partial.err.contains("does not exist as expected"), partial.err.constData());
    ToolRun partial_ok = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "rx", "--if-exists"});
    QCOMPARE(partial_ok.exit_code, 0);
    ToolRun bad = Cli({"topics", "--bootstrap-server", bs_, "--list", "--topic", "rx["});
    QCOMPARE(bad.exit_code, 1);
    QVERIFY2(bad.err.contains("regular expression"), bad.err.constData());

    // One broker, min.insync.replicas=1 on rx.a: each ISR (1) is at the minimum; min.isr=2 on rx.b makes its
    // partitions under it; rx.a and rx.b have overrides, rxXc has none.
    ITEST_VERIFY_RUN(Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name", "rx.a",
                          "--alter", "--add-config", "min.insync.replicas=1"}), fx_.get());
    ITEST_VERIFY_RUN(Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name", "rx.b",
                          "--alter", "--add-config", "min.insync.replicas=2"}), fx_.get());
    auto partitionsOf = [](const ToolRun& run) {
      QStringList topics;
      for (const QString& line : Lines(run.out)) topics << line.section('\t', 1, 2).trimmed();
      return topics;
    };
    ToolRun under = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "rx.*",
                         "--under-min-isr-partitions"});
    ITEST_VERIFY_RUN(under, fx_.get());
    QCOMPARE(partitionsOf(under), (QStringList{"Topic: rx.b\tPartition: 0", "Topic: rx.b\tPartition: 1"}));
    ToolRun at = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "rx.*", "--at-min-isr-partitions"});
    ITEST_VERIFY_RUN(at, fx_.get());
    QCOMPARE(partitionsOf(at), (QStringList{"Topic: rx.a\tPartition: 0", "Topic: rx.a\tPartition: 1",
                                            "Topic: rxXc\tPartition: 0", "Topic: rxXc\tPartition: 1"}));
    ToolRun overrides = Cli({"topics", "--bootstrap-server", bs_, "--describe", "--topic", "rx.*",
                             "--topics-with-overrides"});
    ITEST_VERIFY_RUN(overrides, fx_.get());
    const QStringList summary = Lines(overrides.out);
    QCOMPARE(summary.size(), 2);
    QVERIFY2(summary[0].startsWith("Topic: rx.a\t") && summary[0].contains("min.insync.replicas=1"),
             overrides.out.constData());
    QVERIFY2(summary[1].startsWith("Topic: rx.b\t"), overrides.out.constData());

    // --delete takes the pattern too and deletes every match.
    ToolRun del = Cli({"topics", "--bootstrap-server", bs_, "--delete", "--topic", "rx.*"});
    ITEST_VERIFY_RUN(del, fx_.get());
    QCOMPARE(Lines(del.out).size(), 3);
    ToolRun version = Cli({"topics", "--version"});
    QVERIFY2(version.ok() && version.out.startsWith("partita-cli "), version.out.constData());
  }

  // Issue 14: every verb takes --version, as every Kafka tool does, and its --help lists it; `schemas` keeps its
  // own --version VERSION.
  void everyVerbTakesVersion() {
    for (const char* verb : {"cluster", "local-cluster", "topics", "configs", "leader-election", "reassign-partitions",
                             "get-offsets", "consumer-groups", "dump-log", "console-producer", "console-consumer",
                             "broker-api-versions", "log-dirs", "delete-records", "producer-perf-test",
                             "consumer-perf-test", "user-scram-credentials", "transactions", "acls"}) {
      ToolRun version = Cli({verb, "--version"});
      QVERIFY2(version.ok() && version.out.startsWith("partita-cli "), qPrintable(QString(verb) + ": " + version.Describe()));
    }
    ToolRun help = Cli({"acls", "--help"});
    QVERIFY2(help.out.contains("--version") || help.err.contains("--version"), help.out.constData());
    ToolRun schemas = Cli({"schemas", "--version"});
    QVERIFY2(!schemas.out.startsWith("partita-cli "), schemas.out.constData());
  }

  void usageErrorsExitTwo() {
    ToolRun none = Cli({"topics", "--bootstrap-server", bs_});
    QCOMPARE(none.exit_code, 2);
    ToolRun bad = Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "x", "--partitions", "many"});
    QCOMPARE(bad.exit_code, 2);
    QVERIFY2(bad.err.contains("--partitions"), bad.err.constData());
  }

  void unreachableBootstrapIsNamed() {
    ToolRun run = Cli({"topics", "--bootstrap-server", "127.0.0.1:1", "--list"});
    QCOMPARE(run.exit_code, 1);
    QVERIFY2(run.err.contains("127.0.0.1:1"), run.err.constData());
  }

  void configsDescribe() {
    ITEST_VERIFY_RUN(Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-configs", "--partitions",
                          "1", "--replication-factor", "1", "--config", "retention.ms=777000", "--config",
                          "cleanup.policy=compact"}),
                     fx_.get());
    ToolRun topic = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                         "cli-configs", "--describe"});
    ITEST_VERIFY_RUN(topic, fx_.get());
    const QStringList lines = Lines(topic.out);
    QCOMPARE(lines.value(0), QString("Dynamic configs for topic cli-configs are:"));
    QVERIFY2(topic.out.contains("  retention.ms=777000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=777000"),
             topic.out.constData());
    QVERIFY2(topic.out.contains("  cleanup.policy=compact sensitive=false"), topic.out.constData());
    QCOMPARE(lines.size(), 3);  // only the two overrides without --all

    ToolRun all = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                       "cli-configs", "--describe", "--all"});
    ITEST_VERIFY_RUN(all, fx_.get());
    QVERIFY(Lines(all.out).size() > 3);

    ToolRun broker = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "brokers", "--entity-name", "1",
                          "--describe", "--all"});
    ITEST_VERIFY_RUN(broker, fx_.get());
    QCOMPARE(Lines(broker.out).value(0), QString("All configs for broker 1 are:"));
    QVERIFY2(broker.out.contains("log.dirs=") || broker.out.contains("num.partitions="), broker.out.constData());

    // kafka-topics --alter --config / --delete-config (the ZooKeeper-era spelling), with Kafka's deprecation note.
    ToolRun altered = Cli({"topics", "--bootstrap-server", bs_, "--alter", "--topic", "cli-configs", "--config",
                           "retention.ms=888000", "--delete-config", "cleanup.policy"});
    ITEST_VERIFY_RUN(altered, fx_.get());
    QCOMPARE(altered.out, QByteArray("Updated config for topic cli-configs.\n"));
    QVERIFY2(altered.err.contains("please use kafka-configs.sh"), altered.err.constData());
    ToolRun after = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                         "cli-configs", "--describe", "--force"});
    ITEST_VERIFY_RUN(after, fx_.get());
    QVERIFY2(after.out.contains("  retention.ms=888000 ") && !after.out.contains("cleanup.policy"),
             after.out.constData());

    ToolRun unknown = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                           "no-such-topic", "--describe"});
    QCOMPARE(unknown.exit_code, 1);
    QVERIFY2(unknown.err.contains("no-such-topic") && unknown.err.contains("UNKNOWN_TOPIC_OR_PARTITION"),
             unknown.err.constData());
  }

  void getOffsetsAfterKcatAndDumpLog() {
    ITEST_VERIFY_RUN(Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-offsets", "--partitions",
                          "1", "--replication-factor", "1"}),
                     fx_.get());
    QByteArray input;
    for (int i = 0; i < 5; ++i) input += "key" + QByteArray::number(i) + ":value-" + QByteArray::number(i) + "\n";
    ToolRun produce = RunTool("kcat", {"-b", bs_, "-P", "-t", "cli-offsets", "-p", "0", "-K", ":", "-X", "acks=all"},
                              60000, input);
    ITEST_VERIFY_RUN(produce, fx_.get());

    ToolRun latest = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic", "cli-offsets"});
    ITEST_VERIFY_RUN(latest, fx_.get());
    QCOMPARE(Lines(latest.out), QStringList{"cli-offsets:0:5"});
    ToolRun earliest = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic", "cli-offsets", "--time", "-2"});
    ITEST_VERIFY_RUN(earliest, fx_.get());
    QCOMPARE(Lines(earliest.out), QStringList{"cli-offsets:0:0"});
    ToolRun missing = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic", "nope"});
    QCOMPARE(missing.exit_code, 1);
    QVERIFY2(missing.err.contains("nope"), missing.err.constData());
    // Issue 14: Kafka's topic regex and --topic-partitions patterns (upper bounds exclusive).
    ToolRun regex = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic", "cli-off.*"});
    ITEST_VERIFY_RUN(regex, fx_.get());
    QCOMPARE(Lines(regex.out), QStringList{"cli-offsets:0:5"});
    ToolRun patterns = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic-partitions", "cli-off.*:0-1,nope:3",
                            "--time", "earliest"});
    ITEST_VERIFY_RUN(patterns, fx_.get());
    QCOMPARE(Lines(patterns.out), QStringList{"cli-offsets:0:0"});
    ToolRun excluded = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic-partitions", "cli-offsets:1-"});
    ITEST_VERIFY_RUN(excluded, fx_.get());
    QVERIFY2(excluded.out.isEmpty(), excluded.out.constData());
    ToolRun bad_pattern = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic-partitions", "x:a-b"});
    QCOMPARE(bad_pattern.exit_code, 2);

    // dump-log on the broker's own segment files.
    const QString dir = Q(fx_->log_dir()) + "/cli-offsets-0";
    const QString log = dir + "/00000000000000000000.log";
    QVERIFY2(QFile::exists(log), qPrintable(log + " missing; dir has " + QDir(dir).entryList().join(",")));
    ToolRun dump = Cli({"dump-log", "--files", log, "--print-data-log"});
    ITEST_VERIFY_RUN(dump, fx_.get());
    const QStringList lines = Lines(dump.out);
    QCOMPARE(lines.value(0), "Dumping " + log);
    QCOMPARE(lines.value(1), QString("Log starting offset: 0"));
    int records = 0;
    int batches = 0;
    int counted = 0;
    for (const QString& l : lines) {
      if (l.startsWith("baseOffset: ")) {
        ++batches;
        QVERIFY2(l.contains("isvalid: true") && l.contains("magic: 2"), qPrintable(l));
        counted += l.section("count: ", 1).section(' ', 0, 0).toInt();
      }
      if (l.startsWith("| offset: ")) {
        QVERIFY2(l.contains(QString("key: key%1 payload: value-%1").arg(records)), qPrintable(l));
        ++records;
      }
    }
    QVERIFY(batches >= 1);
    QCOMPARE(counted, 5);
    QCOMPARE(records, 5);
    ToolRun index = Cli({"dump-log", "--files", dir + "/00000000000000000000.index"});
    ITEST_VERIFY_RUN(index, fx_.get());
  }

  void clientProduceAndFetch() {
    auto c = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    client::NewTopic nt{"cli-client", 2, 1, {}, {}};
    ITEST_VERIFY_STATUS((*c)->CreateTopic(nt), fx_.get());
    const TopicPartition tp{"cli-client", PartitionId(1)};
    std::vector<client::ProduceRecord> records;
    for (int i = 0; i < 10; ++i) {
      client::ProduceRecord r;
      r.key = std::string("k").append(std::to_string(i));
      r.value = std::string(100, char('a' + i));
      r.headers = {{"h", std::string("v").append(std::to_string(i))}, {"nullh", std::nullopt}};
      r.timestamp = 1700000000000 + i;
      records.push_back(r);
    }
    for (auto codec : {protocol::Compression::kNone, protocol::Compression::kZstd}) {
      Result<client::ProduceResult> pr = Status::Unavailable("not yet");
      QElapsedTimer t;
      t.start();
      do {  // the new partition's leader may need a moment
        pr = (*c)->Produce(tp, records, -1, codec);
      } while (!pr.ok() && t.elapsed() < 30000 && (QTest::qWait(200), true));
      QVERIFY2(pr.ok(), pr.status().ToString().c_str());
      QCOMPARE(pr->base_offset, codec == protocol::Compression::kNone ? int64_t(0) : int64_t(10));
    }
    auto fetched = (*c)->FetchRecords(tp, 5, 1 << 20);
    QVERIFY2(fetched.ok(), fetched.status().ToString().c_str());
    QCOMPARE(fetched->high_watermark, int64_t(20));
    QCOMPARE(fetched->records.size(), size_t(15));
    QCOMPARE(fetched->next_offset, int64_t(20));
    for (size_t i = 0; i < fetched->records.size(); ++i) {
      const auto& r = fetched->records[i];
      const int n = static_cast<int>((5 + i) % 10);
      QCOMPARE(r.offset, int64_t(5 + i));
      QCOMPARE(*r.key, std::string("k").append(std::to_string(n)));
      QCOMPARE(*r.value, std::string(100, char('a' + n)));
      QCOMPARE(r.timestamp, int64_t(1700000000000 + n));
      QCOMPARE(r.headers.size(), size_t(2));
      QCOMPARE(*r.headers[0].value, std::string("v").append(std::to_string(n)));
      QVERIFY(!r.headers[1].value.has_value());
    }
    auto end = (*c)->FetchRecords(tp, 20, 1 << 20);
    QVERIFY(end.ok());
    QVERIFY(end->records.empty());
    auto out_of_range = (*c)->FetchRecords(tp, 999, 1 << 20);
    QVERIFY(!out_of_range.ok());
    QVERIFY2(out_of_range.status().message().find("OFFSET_OUT_OF_RANGE") != std::string::npos &&
                 out_of_range.status().message().find("cli-client-1") != std::string::npos,
             out_of_range.status().message().c_str());

    auto offsets = (*c)->ListTopicOffsets("cli-client", client::kLatestTimestamp);
    QVERIFY(offsets.ok());
    QCOMPARE(offsets->size(), size_t(2));
    QCOMPARE((*offsets)[0].offset, int64_t(0));
    QCOMPARE((*offsets)[1].offset, int64_t(20));
    auto by_time = (*c)->ListOffsets({tp}, 1700000000005);
    QVERIFY(by_time.ok());
    QCOMPARE((*by_time)[0].offset, int64_t(5));

    auto topics = (*c)->DescribeTopics({"cli-client"});
    QVERIFY(topics.ok());
    QCOMPARE((*topics)[0].partitions.size(), size_t(2));
    QCOMPARE((*topics)[0].partitions[1].leader, 1);
    QCOMPARE((*c)->controller_id(), 1);
    auto missing = (*c)->DescribeTopics({"nope"});
    QCOMPARE(missing.status().code(), Status::Code::kNotFound);
  }

  // Verbs whose broker API may not be served yet: they must either work or fail naming the API and the broker.
  void clusterVerbsWorkOrNameTheMissingApi() {
    ITEST_VERIFY_RUN(Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-ops", "--partitions", "1",
                          "--replication-factor", "1"}),
                     fx_.get());
    struct Case {
      QStringList args;
      QString api;
      QString success;
    };
    QTemporaryDir dir;
    const QString plan = dir.path() + "/plan.json";
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version":1,"partitions":[{"topic":"cli-ops","partition":0,"replicas":[1]}]})");
    f.close();
    const std::vector<Case> cases = {
        {{"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name", "cli-ops", "--alter",
          "--add-config", "retention.ms=5000"},
         "IncrementalAlterConfigs", "Completed updating config for topic cli-ops."},
        {{"leader-election", "--bootstrap-server", bs_, "--election-type", "preferred", "--topic", "cli-ops",
          "--partition", "0"},
         "ElectLeaders", "cli-ops-0"},
        {{"reassign-partitions", "--bootstrap-server", bs_, "--verify", "--reassignment-json-file", plan},
         "ListPartitionReassignments", "Reassignment of partition cli-ops-0 is completed."},
    };
    for (const auto& c : cases) {
      ToolRun run = Cli(c.args);
      if (run.ok()) {
        QVERIFY2(run.out.contains(c.success.toUtf8()), qPrintable(run.Describe()));
      } else {
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(c.api.toUtf8()) && run.err.contains(bs_.toUtf8()), qPrintable(run.Describe()));
        qInfo("not served by this broker yet: %s", run.err.trimmed().constData());
      }
    }
    auto client = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY(client.ok());
    auto dirs = (*client)->DescribeLogDirs(1);
    if (dirs.ok()) {
      QCOMPARE(dirs->size(), size_t(1));
      QCOMPARE((*dirs)[0].path, fx_->log_dir());
    } else {
      QVERIFY2(dirs.status().message().find("DescribeLogDirs") != std::string::npos, dirs.status().message().c_str());
    }
  }

  void reassignGenerate() {
    ITEST_VERIFY_RUN(Cli({"topics", "--bootstrap-server", bs_, "--create", "--topic", "cli-move", "--partitions", "3",
                          "--replication-factor", "1"}),
                     fx_.get());
    QTemporaryDir dir;
    const QString file = dir.path() + "/topics.json";
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"topics": [{"topic": "cli-move"}], "version": 1})");
    f.close();
    ToolRun gen = Cli({"reassign-partitions", "--bootstrap-server", bs_, "--generate", "--topics-to-move-json-file",
                       file, "--broker-list", "1"});
    ITEST_VERIFY_RUN(gen, fx_.get());
    const QStringList lines = Lines(gen.out);
    QCOMPARE(lines.value(0), QString("Current partition replica assignment"));
    QCOMPARE(lines.value(2), QString("Proposed partition reassignment configuration"));
    const QJsonObject proposed = QJsonDocument::fromJson(lines.value(3).toUtf8()).object();
    QCOMPARE(proposed["version"].toInt(), 1);
    QCOMPARE(proposed["partitions"].toArray().size(), 3);
    for (const auto& p : proposed["partitions"].toArray()) {
      QCOMPARE(p.toObject()["replicas"].toArray(), QJsonArray{1});
    }
    ToolRun bad = Cli({"reassign-partitions", "--bootstrap-server", bs_, "--generate", "--topics-to-move-json-file",
                       file, "--broker-list", "9"});
    QCOMPARE(bad.exit_code, 1);
    QVERIFY2(bad.err.contains("broker 9"), bad.err.constData());

    // Issue 14: --list, and --cancel with nothing moving answer as Kafka does (a message, exit 0).
    ToolRun list = Cli({"reassign-partitions", "--bootstrap-server", bs_, "--list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QCOMPARE(Lines(list.out), QStringList{"No partition reassignments found."});
    const QString plan = dir.path() + "/plan.json";
    QFile pf(plan);
    QVERIFY(pf.open(QIODevice::WriteOnly));
    pf.write(R"({"version":1,"partitions":[{"topic":"cli-move","partition":0,"replicas":[1]}]})");
    pf.close();
    ToolRun cancel = Cli({"reassign-partitions", "--bootstrap-server", bs_, "--cancel", "--reassignment-json-file",
                          plan});
    ITEST_VERIFY_RUN(cancel, fx_.get());
    QVERIFY2(cancel.out.startsWith("None of the specified partition reassignments are active."),
             cancel.out.constData());
  }
};

QTEST_GUILESS_MAIN(TestItestCli)
#include "test_itest_cli.moc"
