// Integration: partita-cli console-consumer and console-producer (kafka-console-consumer / -producer) against a
// real ZooKeeper + partita-broker, with kcat as the independent producer and consumer: Kafka's
// DefaultMessageFormatter layout and properties, --from-beginning, --partition/--offset, --max-messages,
// --timeout-ms, --group resuming from its committed offsets; the producer's parse.key / parse.headers /
// null.marker, Java's murmur2 partitioning of keys, --partition; broker-api-versions' layout; log-dirs --describe's
// JSON; and Kafka's usage and input errors.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {
QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }
}  // namespace

class TestItestConsole : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QString bs_;

  QTemporaryDir files_;

  // A file in this test's temporary directory; its path, or empty when it could not be written.
  QString WriteFile(const QString& name, const QByteArray& content) {
    QFile file(files_.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) return QString();
    return file.fileName();
  }

  ToolRun Consume(const QStringList& args) {
    return RunTool(CliPath(), QStringList{"console-consumer", "--bootstrap-server", bs_, "--topic", "console"} + args,
                   60000);
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingKcat());
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .num_partitions = 1}));
    bs_ = Q(fx_->bootstrap());
    QByteArray input;
    for (int i = 0; i < 10; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs_, "-P", "-t", "console", "-K", ":", "-H", "h=x"}, 60000, input),
                     fx_.get());
  }
  void cleanupTestCase() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void printsEveryFieldInKafkasLayout() {
    ToolRun run = Consume({"--from-beginning", "--max-messages", "10", "--property", "print.key=true", "--property",
                           "print.offset=true", "--property", "print.partition=true", "--property",
                           "print.headers=true", "--property", "print.timestamp=true"});
    ITEST_VERIFY_RUN(run, fx_.get());
    const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 10);
    for (int i = 0; i < 10; ++i) {
      const QRegularExpression re(QString("^CreateTime:\\d+\\tPartition:0\\tOffset:%1\\th:x\\tk%1\\tv%1$").arg(i));
      QVERIFY2(re.match(lines[i]).hasMatch(), qPrintable(lines[i]));
    }
    QVERIFY2(run.err.contains("Processed a total of 10 messages"), run.err.constData());
  }

  void valuesOnlyByDefaultAndCustomSeparators() {
    ToolRun plain = Consume({"--from-beginning", "--max-messages", "3"});
    ITEST_VERIFY_RUN(plain, fx_.get());
    QCOMPARE(plain.out, QByteArray("v0\nv1\nv2\n"));
    ToolRun custom = Consume({"--from-beginning", "--max-messages", "2", "--property", "print.key=true", "--property",
                              "key.separator=|", "--property", "line.separator=;"});
    ITEST_VERIFY_RUN(custom, fx_.get());
    QCOMPARE(custom.out, QByteArray("k0|v0;k1|v1;"));
  }

  // --key-deserializer with Kafka's built-in deserializers: the keys "k0", "k1" are two bytes, so ShortDeserializer
  // reads 0x6B30 = 27440; IntegerDeserializer refuses them (the run ends) unless --skip-message-on-error.
  // --formatter-config is read before --property, which wins; --enable-systest-events ends with shutdown_complete.
  void deserializersFormatterConfigAndSystestEvents() {
    const QString config = WriteFile("formatter.properties", "print.key=true\nkey.separator=|\nprint.offset=true\n");
    QVERIFY(!config.isEmpty());
    ToolRun shorts = Consume({"--from-beginning", "--max-messages", "2", "--formatter-config", config, "--property",
                              "key.separator=:", "--key-deserializer",
                              "org.apache.kafka.common.serialization.ShortDeserializer", "--enable-systest-events"});
    ITEST_VERIFY_RUN(shorts, fx_.get());
    QCOMPARE(shorts.out, QByteArray("Offset:0:27440:v0\nOffset:1:27441:v1\nshutdown_complete\n"));

    const QStringList ints = {"--from-beginning", "--max-messages", "2", "--property", "print.key=true",
                              "--key-deserializer", "org.apache.kafka.common.serialization.IntegerDeserializer"};
    ToolRun refused = Consume(ints);
    QCOMPARE(refused.exit_code, 1);
    QVERIFY2(refused.err.contains("Size of data received by IntegerDeserializer is not 4"), refused.err.constData());
    ToolRun skipped = Consume(ints + QStringList{"--skip-message-on-error"});
    ITEST_VERIFY_RUN(skipped, fx_.get());
    QCOMPARE(skipped.out, QByteArray());
    QCOMPARE(skipped.err.count("skipping this message"), 2);
    QVERIFY2(skipped.err.contains("Processed a total of 2 messages"), skipped.err.constData());

    ToolRun unknown = Consume({"--value-deserializer", "com.example.Custom"});
    QCOMPARE(unknown.exit_code, 2);
    QVERIFY2(unknown.err.contains("com.example.Custom is not available"), unknown.err.constData());
  }

  void partitionAndOffset() {
    ToolRun run = Consume({"--partition", "0", "--offset", "5", "--max-messages", "2"});
    ITEST_VERIFY_RUN(run, fx_.get());
    QCOMPARE(run.out, QByteArray("v5\nv6\n"));
    ToolRun earliest = Consume({"--partition", "0", "--offset", "earliest", "--max-messages", "1"});
    ITEST_VERIFY_RUN(earliest, fx_.get());
    QCOMPARE(earliest.out, QByteArray("v0\n"));
  }

  void aGroupResumesFromItsCommittedOffsets() {
    ToolRun first = Consume({"--group", "console-group", "--from-beginning", "--max-messages", "4"});
    ITEST_VERIFY_RUN(first, fx_.get());
    QCOMPARE(first.out, QByteArray("v0\nv1\nv2\nv3\n"));
    ToolRun second = Consume({"--group", "console-group", "--max-messages", "3"});
    ITEST_VERIFY_RUN(second, fx_.get());
    QCOMPARE(second.out, QByteArray("v4\nv5\nv6\n"));
    // The committed offset is what kafka-consumer-groups reports.
    ToolRun describe = RunTool(CliPath(), {"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group",
                                           "console-group"},
                               60000);
    ITEST_VERIFY_RUN(describe, fx_.get());
    QVERIFY2(QString::fromUtf8(describe.out).contains(QRegularExpression("console\\s+0\\s+7\\s+10\\s+3")),
             describe.out.constData());
  }

  void timeoutEndsAnIdleConsumer() {
    ToolRun run = Consume({"--timeout-ms", "1000"});  // from the log end: nothing arrives
    ITEST_VERIFY_RUN(run, fx_.get());
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.contains("TimeoutException") && run.err.contains("Processed a total of 0 messages"),
             run.err.constData());
  }

  void producerParsesKeysHeadersAndPartitionsLikeJava() {
    ITEST_VERIFY_RUN(RunTool(CliPath(), {"topics", "--bootstrap-server", bs_, "--create", "--topic", "produced",
                                         "--partitions", "5", "--replication-factor", "1"},
                             60000),
                     fx_.get());
    auto produce = [&](const QStringList& args, const QByteArray& input) {
      return RunTool(CliPath(), QStringList{"console-producer", "--bootstrap-server", bs_, "--topic", "produced"} + args,
                     60000, input);
    };
    // Java's murmur2("foobar") = -790332482 -> toPositive 1357151166 % 5 = partition 1.
    ITEST_VERIFY_RUN(produce({"--property", "parse.key=true", "--property", "parse.headers=true", "--property",
                              "null.marker=NULL"},
                             "h1:a,h2:b\tfoobar\tv1\nNULL\tfoobar\tNULL\n"),
                     fx_.get());
    ITEST_VERIFY_RUN(produce({"--partition", "3", "--sync"}, "x\ny\n"), fx_.get());
    ToolRun read = RunTool("kcat", {"-b", bs_, "-C", "-t", "produced", "-o", "beginning", "-e", "-q", "-Z", "-f",
                                    "%p|%k|%s|%h\n"},
                           60000);
    ITEST_VERIFY_RUN(read, fx_.get());
    QStringList lines = QString::fromUtf8(read.out).split('\n', Qt::SkipEmptyParts);
    lines.sort();
    QCOMPARE(lines, (QStringList{"1|foobar|NULL|", "1|foobar|v1|h1=a,h2=b", "3|NULL|x|", "3|NULL|y|"}));

    ToolRun bad = produce({"--property", "parse.key=true"}, "no separator here\n");
    QCOMPARE(bad.exit_code, 1);
    QVERIFY2(bad.err.contains("No key separator found on line number 1: 'no separator here'"), bad.err.constData());
    ToolRun bad_partition = produce({"--partition", "5"}, "x\n");
    QCOMPARE(bad_partition.exit_code, 2);
  }

  // --reader-config is read before --property (which wins); --line-reader names Kafka's reader or fails clearly;
  // --max-partition-memory-bytes 1 sends each record as it comes, so keyless records move to the next partition
  // each time (one request each), where a default run sends the three together to one partition.
  void producerReaderConfigAndMemoryLimits() {
    ITEST_VERIFY_RUN(RunTool(CliPath(), {"topics", "--bootstrap-server", bs_, "--create", "--topic", "reader",
                                         "--partitions", "3", "--replication-factor", "1"},
                             60000),
                     fx_.get());
    const QString config = WriteFile("reader.properties", "parse.key=true\nkey.separator=|\n");
    QVERIFY(!config.isEmpty());
    auto produce = [&](const QStringList& args, const QByteArray& input) {
      return RunTool(CliPath(), QStringList{"console-producer", "--bootstrap-server", bs_, "--topic", "reader"} + args,
                     60000, input);
    };
    ITEST_VERIFY_RUN(produce({"--reader-config", config, "--property", "key.separator=;", "--partition", "0",
                              "--line-reader", "org.apache.kafka.tools.LineMessageReader"},
                             "k;v\n"),
                     fx_.get());
    ITEST_VERIFY_RUN(produce({"--max-partition-memory-bytes", "1", "--socket-buffer-size", "65536"}, "a\nb\nc\n"),
                     fx_.get());
    ToolRun read = RunTool("kcat", {"-b", bs_, "-C", "-t", "reader", "-o", "beginning", "-e", "-q", "-Z", "-f",
                                    "%p|%k|%s\n"},
                           60000);
    ITEST_VERIFY_RUN(read, fx_.get());
    QStringList lines = QString::fromUtf8(read.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.contains("0|k|v"), read.out.constData());
    QSet<QString> partitions;
    for (const QString& line : lines)
      if (line.endsWith("|NULL|a") || line.endsWith("|NULL|b") || line.endsWith("|NULL|c")) partitions.insert(line.left(1));
    QCOMPARE(partitions.size(), 3);

    ToolRun custom = produce({"--line-reader", "com.example.MyReader"}, "x\n");
    QCOMPARE(custom.exit_code, 2);
    QVERIFY2(custom.err.contains("com.example.MyReader is not available"), custom.err.constData());
  }

  void brokerApiVersionsInKafkasLayout() {
    ToolRun run = RunTool(CliPath(), {"broker-api-versions", "--bootstrap-server", bs_}, 60000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(QString("%1 (id: 1 rack: null) -> (\n\tProduce(0): 0 to 11 [usable: 11],\n"
                                    "\tFetch(1): 0 to 16 [usable: 16],\n")
                                .arg(bs_)),
             qPrintable(out));
    QVERIFY2(out.contains("\tLeaderAndIsr(4): UNSUPPORTED,\n"), qPrintable(out));
    QVERIFY2(out.contains("\tApiVersions(18): 0 to 3 [usable: 3]"), qPrintable(out));
    QVERIFY(out.endsWith("\n)\n"));
  }

  void logDirsDescribeAsKafka() {
    ToolRun run = RunTool(CliPath(), {"log-dirs", "--bootstrap-server", bs_, "--describe", "--topic-list", "console"},
                          60000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QString("Querying brokers for log directories information"));
    QCOMPARE(lines[1], QString("Received log directory information from brokers 1"));
    const QJsonObject json = QJsonDocument::fromJson(lines[2].toUtf8()).object();
    QCOMPARE(json["version"].toInt(), 1);
    const QJsonArray brokers = json["brokers"].toArray();
    QCOMPARE(brokers.size(), 1);
    QCOMPARE(brokers[0].toObject()["broker"].toInt(), 1);
    const QJsonArray dirs = brokers[0].toObject()["logDirs"].toArray();
    QCOMPARE(dirs.size(), 1);
    QCOMPARE(dirs[0].toObject()["logDir"].toString(), Q(fx_->log_dir()));
    QVERIFY(dirs[0].toObject()["error"].isNull());
    const QJsonArray partitions = dirs[0].toObject()["partitions"].toArray();
    QCOMPARE(partitions.size(), 1);  // only "console" with --topic-list
    QCOMPARE(partitions[0].toObject()["partition"].toString(), QString("console-0"));
    QVERIFY(partitions[0].toObject()["size"].toInteger() > 0);
    QCOMPARE(partitions[0].toObject()["offsetLag"].toInteger(), 0);
    QCOMPARE(partitions[0].toObject()["isFuture"].toBool(), false);

    ToolRun missing = RunTool(CliPath(), {"log-dirs", "--bootstrap-server", bs_, "--describe", "--broker-list", "1,7"},
                              60000);
    QCOMPARE(missing.exit_code, 1);
    QVERIFY2(missing.err.contains("The given brokers do not exist from --broker-list: 7. Current existent brokers: 1"),
             missing.err.constData());
  }

  void usageErrorsAsKafka() {
    ToolRun offset_alone = Consume({"--offset", "3"});
    QCOMPARE(offset_alone.exit_code, 2);
    QVERIFY2(offset_alone.err.contains("The partition is required when offset is specified."),
             offset_alone.err.constData());
    ToolRun both = Consume({"--partition", "0", "--offset", "3", "--from-beginning"});
    QCOMPARE(both.exit_code, 2);
    ToolRun unknown = RunTool(CliPath(), {"console-consumer", "--bootstrap-server", bs_, "--topic", "no-such-topic",
                                          "--max-messages", "1"},
                              60000);
    QCOMPARE(unknown.exit_code, 1);
    ToolRun topic_and_include = Consume({"--include", "console.*"});
    QCOMPARE(topic_and_include.exit_code, 2);
    QVERIFY2(topic_and_include.err.contains("Exactly one of include/topic is required."),
             topic_and_include.err.constData());
    ToolRun bad_regex = RunTool(CliPath(), {"console-consumer", "--bootstrap-server", bs_, "--include", "console["}, 60000);
    QCOMPARE(bad_regex.exit_code, 2);
    QVERIFY2(bad_regex.err.contains("not a valid regular expression"), bad_regex.err.constData());
  }

  // --include (and its old spelling --whitelist): every topic whose whole name matches, internal ones left out.
  void includeConsumesEveryMatchingTopic() {
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs_, "-P", "-t", "console-extra"}, 60000, "x0\nx1\n"), fx_.get());
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs_, "-P", "-t", "other"}, 60000, "o0\n"), fx_.get());
    for (const char* flag : {"--include", "--whitelist"}) {
      ToolRun run = RunTool(CliPath(), {"console-consumer", "--bootstrap-server", bs_, flag, "console.*",
                                        "--from-beginning", "--max-messages", "12", "--timeout-ms", "10000"},
                            60000);
      ITEST_VERIFY_RUN(run, fx_.get());
      QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
      lines.sort();
      QCOMPARE(lines, QStringList({"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "x0", "x1"}));
    }
    ToolRun internal = RunTool(CliPath(), {"console-consumer", "--bootstrap-server", bs_, "--include", "__.*",
                                           "--from-beginning", "--timeout-ms", "1000"},
                               60000);
    QCOMPARE(internal.exit_code, 1);
    QVERIFY2(internal.err.contains("no topic matches --include __.*"), internal.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestItestConsole)
#include "test_itest_console.moc"
