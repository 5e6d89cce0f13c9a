// Integration (issue 14): the operator verbs of partita-cli against a real partita-broker and ZooKeeper —
// delete-records (kafka-delete-records), dump-log's flags (kafka-dump-log), producer-perf-test (with Kafka 3.8's
// transactions: --transactional-id / --transaction-duration-ms, checked with a read_committed console-consumer
// and the COMMIT markers in the log) and consumer-perf-test (kafka-producer/consumer-perf-test), configs
// --entity-default and --add-config-file — with their error cases, and the broker's configuration honesty
// (unknown keys refused, Kafka 3.8 topic keys accepted, message.timestamp.* honoured).
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/describe_configs.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }
QString BrokerPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/broker/partita-broker"; }
QStringList Lines(const QByteArray& out) { return QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts); }

}  // namespace

class TestItestCliOps : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QString bs_;
  QTemporaryDir tmp_;

  ToolRun Cli(const QStringList& args, int timeout_ms = 120000) { return RunTool(CliPath(), args, timeout_ms); }
  QString WriteFile(const QString& name, const QByteArray& text) {
    const QString path = tmp_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) qFatal("cannot write %s", qPrintable(path));
    return path;
  }
  void CreateTopic(const QString& topic, int partitions, const QStringList& extra = {}) {
    ITEST_VERIFY_RUN(Cli(QStringList{"topics", "--bootstrap-server", bs_, "--create", "--topic", topic,
                                     "--partitions", QString::number(partitions), "--replication-factor", "1"} +
                         extra),
                     fx_.get());
  }
  void Produce(const QString& topic, int partition, int count) {
    QByteArray input;
    for (int i = 0; i < count; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", bs_, "-P", "-t", topic, "-p", QString::number(partition), "-K", ":",
                                      "-X", "acks=all"},
                             60000, input),
                     fx_.get());
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingKcat());
    QVERIFY(tmp_.isValid());
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    // A small segment size so that delete-records has whole segments to delete.
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1,
                                    .num_partitions = 1,
                                    .auto_create_topics = false,
                                    .properties = {{"log.segment.bytes", "1024"},
                                                   // few coordinator partitions: a quick first FindCoordinator
                                                   {"transaction.state.log.num.partitions", "2"}}}));
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

  void deleteRecords() {
    CreateTopic("ops-delete", 2);
    {
      // One request per record, so the 1 KiB segments roll: delete-records then has whole segments to delete.
      auto c = client::ClusterClient::Connect(fx_->bootstrap());
      QVERIFY2(c.ok(), c.status().ToString().c_str());
      for (int i = 0; i < 60; ++i) {
        client::ProduceRecord r;
        r.value = std::string(100, 'a' + i % 26);
        ITEST_VERIFY_STATUS((*c)->Produce({"ops-delete", PartitionId(0)}, {r}).status(), fx_.get());
      }
    }
    Produce("ops-delete", 1, 3);
    const QString dir = Q(fx_->log_dir()) + "/ops-delete-0";
    const int segments_before = QDir(dir).entryList({"*.log"}).size();
    QVERIFY2(segments_before > 2, qPrintable(QDir(dir).entryList().join(",")));
    const QString plan = WriteFile(
        "delete.json",
        R"({"partitions":[{"topic":"ops-delete","partition":0,"offset":50},{"topic":"ops-delete","partition":1,"offset":-1}],"version":1})");
    ToolRun run = Cli({"delete-records", "--bootstrap-server", bs_, "--offset-json-file", plan});
    ITEST_VERIFY_RUN(run, fx_.get());
    QCOMPARE(Lines(run.out), (QStringList{"Executing records delete operation", "Records delete operation completed:",
                                          "partition: ops-delete-0\tlow_watermark: 50",
                                          "partition: ops-delete-1\tlow_watermark: 3"}));
    // The log start offset moved (what get-offsets --time -2 reports) and whole segments below it are gone.
    ToolRun earliest = Cli({"get-offsets", "--bootstrap-server", bs_, "--topic", "ops-delete", "--time", "-2"});
    ITEST_VERIFY_RUN(earliest, fx_.get());
    QCOMPARE(Lines(earliest.out), (QStringList{"ops-delete:0:50", "ops-delete:1:3"}));
    QVERIFY2(QDir(dir).entryList({"*.log"}).size() < segments_before, qPrintable(QDir(dir).entryList().join(",")));

    // Beyond the high watermark: OFFSET_OUT_OF_RANGE for that partition, exit 1; an unknown topic is named.
    const QString beyond = WriteFile(
        "beyond.json",
        R"({"partitions":[{"topic":"ops-delete","partition":1,"offset":99},{"topic":"ops-nope","partition":0,"offset":1}]})");
    ToolRun bad = Cli({"delete-records", "--bootstrap-server", bs_, "--offset-json-file", beyond});
    QCOMPARE(bad.exit_code, 1);
    QVERIFY2(bad.out.contains("partition: ops-delete-1\terror: OFFSET_OUT_OF_RANGE"), bad.out.constData());
    QVERIFY2(bad.out.contains("partition: ops-nope-0\terror: UNKNOWN_TOPIC_OR_PARTITION"), bad.out.constData());

    // Bad files are refused before anything is sent.
    ToolRun not_json = Cli({"delete-records", "--bootstrap-server", bs_, "--offset-json-file",
                            WriteFile("bad.json", "{partitions: nope")});
    QCOMPARE(not_json.exit_code, 1);
    QVERIFY2(not_json.err.contains("not valid JSON"), not_json.err.constData());
    ToolRun dup = Cli({"delete-records", "--bootstrap-server", bs_, "--offset-json-file",
                       WriteFile("dup.json", R"({"partitions":[{"topic":"a","partition":0,"offset":1},)"
                                             R"({"topic":"a","partition":0,"offset":2}]})")});
    QCOMPARE(dup.exit_code, 1);
    QVERIFY2(dup.err.contains("duplicate topic partitions: a-0"), dup.err.constData());
    ToolRun missing = Cli({"delete-records", "--bootstrap-server", bs_, "--offset-json-file", tmp_.filePath("none")});
    QCOMPARE(missing.exit_code, 1);
    ToolRun usage = Cli({"delete-records", "--bootstrap-server", bs_});
    QCOMPARE(usage.exit_code, 2);
  }

  void dumpLogFlags() {
    CreateTopic("ops-dump", 1);
    Produce("ops-dump", 0, 4);
    const QString dir = Q(fx_->log_dir()) + "/ops-dump-0";
    const QString log = dir + "/00000000000000000000.log";
    // Batches only by default; --deep-iteration adds record lines without data; --print-data-log with data.
    ToolRun plain = Cli({"dump-log", "--files", log});
    ITEST_VERIFY_RUN(plain, fx_.get());
    QVERIFY2(!plain.out.contains("| offset:"), plain.out.constData());
    ToolRun deep = Cli({"dump-log", "--files", log, "--deep-iteration"});
    ITEST_VERIFY_RUN(deep, fx_.get());
    QCOMPARE(deep.out.count("| offset:"), 4);
    QVERIFY2(!deep.out.contains("payload:"), deep.out.constData());
    ToolRun data = Cli({"dump-log", "--files", log, "--print-data-log"});
    ITEST_VERIFY_RUN(data, fx_.get());
    QVERIFY2(data.out.contains("key: k3 payload: v3"), data.out.constData());
    // --max-bytes 0: no batch fits.
    ToolRun none = Cli({"dump-log", "--files", log, "--max-bytes", "0"});
    ITEST_VERIFY_RUN(none, fx_.get());
    QVERIFY2(!none.out.contains("baseOffset:"), none.out.constData());
    QCOMPARE(Cli({"dump-log", "--files", log, "--max-bytes", "lots"}).exit_code, 2);
    // Index checks: the broker's own index passes; a corrupted copy is reported.
    const QString index = dir + "/00000000000000000000.index";
    ToolRun sanity = Cli({"dump-log", "--files", index + "," + dir + "/00000000000000000000.timeindex",
                          "--index-sanity-check"});
    ITEST_VERIFY_RUN(sanity, fx_.get());
    QVERIFY2(sanity.out.contains(index.toUtf8() + " passed sanity check."), sanity.out.constData());
    ToolRun verify = Cli({"dump-log", "--files", index, "--verify-index-only"});
    ITEST_VERIFY_RUN(verify, fx_.get());
    QVERIFY2(!verify.out.contains("offset: ") && verify.err.isEmpty(), (verify.out + verify.err).constData());
    // A copy of the segment whose index has two entries in the wrong order.
    const QString copy = tmp_.filePath("00000000000000000000.index");
    QVERIFY(QFile::copy(log, tmp_.filePath("00000000000000000000.log")));
    QFile bad(copy);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    const char entries[16] = {0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
    bad.write(entries, 16);
    bad.close();
    ToolRun corrupt = Cli({"dump-log", "--files", copy, "--index-sanity-check"});
    ITEST_VERIFY_RUN(corrupt, fx_.get());
    QVERIFY2(corrupt.out.contains("Found a corrupted index file corresponding to log file"), corrupt.out.constData());
    ToolRun mismatch = Cli({"dump-log", "--files", copy, "--verify-index-only"});
    ITEST_VERIFY_RUN(mismatch, fx_.get());
    QVERIFY2(mismatch.err.contains("Non-consecutive offsets in " + copy.toUtf8()) &&
                 mismatch.err.contains("3 is followed by 1"),
             mismatch.err.constData());
    // --max-message-size: the batch at an entry's position must fit in it (Kafka reads that many bytes there).
    ToolRun small = Cli({"dump-log", "--files", copy, "--verify-index-only", "--max-message-size", "10"});
    ITEST_VERIFY_RUN(small, fx_.get());
    QVERIFY2(small.err.contains("Mismatches in :" + copy.toUtf8()) &&
                 small.err.contains("the batch at position 0 is ") &&
                 small.err.contains("bytes, larger than --max-message-size 10"),
             small.err.constData());
    QVERIFY2(!mismatch.err.contains("larger than --max-message-size"), mismatch.err.constData());
    QCOMPARE(Cli({"dump-log", "--files", copy, "--max-message-size", "0"}).exit_code, 2);
    // --skip-record-metadata: key and payload only; keys and values decode as text (Kafka's StringDecoder, the
    // only decoder class here); the two internal-topic decoders exclude each other.
    ToolRun bare = Cli({"dump-log", "--files", log, "--print-data-log", "--skip-record-metadata",
                        "--value-decoder-class", "kafka.serializer.StringDecoder"});
    ITEST_VERIFY_RUN(bare, fx_.get());
    QVERIFY2(bare.out.contains("\n key: k3 payload: v3\n") && !bare.out.contains("| offset:"), bare.out.constData());
    ToolRun avro = Cli({"dump-log", "--files", log, "--value-decoder-class", "io.confluent.kafka.serializers.KafkaAvroDecoder"});
    QCOMPARE(avro.exit_code, 2);
    QVERIFY2(avro.err.contains("is not available"), avro.err.constData());
    QCOMPARE(Cli({"dump-log", "--files", log, "--offsets-decoder", "--transaction-log-decoder"}).exit_code, 2);
    // A data topic's records are not __transaction_state records: said per record, nothing crashes.
    ToolRun wrong = Cli({"dump-log", "--files", log, "--transaction-log-decoder"});
    ITEST_VERIFY_RUN(wrong, fx_.get());
    QVERIFY2(wrong.out.contains("key: (not a __transaction_state key:"), wrong.out.constData());
  }

  void dumpLogOffsetsDecoder() {
    CreateTopic("ops-group", 1);
    auto c = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    ITEST_VERIFY_STATUS((*c)->CommitOffsets("ops-decoder-group", {{{"ops-group", PartitionId(0)}, 0}}), fx_.get());
    // The group's offsets partition: whichever __consumer_offsets log holds data.
    QString found;
    for (const QString& d : QDir(Q(fx_->log_dir())).entryList({"__consumer_offsets-*"}, QDir::Dirs)) {
      const QString log = Q(fx_->log_dir()) + "/" + d + "/00000000000000000000.log";
      if (QFileInfo(log).size() > 0) found = log;
    }
    QVERIFY2(!found.isEmpty(), "no __consumer_offsets partition holds data");
    ToolRun run = Cli({"dump-log", "--files", found, "--offsets-decoder"});
    ITEST_VERIFY_RUN(run, fx_.get());
    QVERIFY2(run.out.contains(R"(key: {"type":"1","data":{"group":"ops-decoder-group","topic":"ops-group","partition":0}})") &&
                 run.out.contains(R"(payload: {"version":"3","data":{"offset":0,"leaderEpoch":)"),
             run.out.constData());
  }

  void producerAndConsumerPerfTest() {
    CreateTopic("ops-perf", 2, {"--config", "segment.bytes=1048576"});  // the broker default here is 1 KiB
    ToolRun produce = Cli({"producer-perf-test", "--topic", "ops-perf", "--num-records", "2000", "--record-size", "100",
                           "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_, "acks=all"});
    ITEST_VERIFY_RUN(produce, fx_.get());
    const QRegularExpression total(
        R"(^2000 records sent, [0-9.]+ records/sec \([0-9.]+ MB/sec\), [0-9.]+ ms avg latency, [0-9.]+ ms max latency, )"
        R"([0-9]+ ms 50th, [0-9]+ ms 95th, [0-9]+ ms 99th, [0-9]+ ms 99.9th\.$)");
    QVERIFY2(total.match(Lines(produce.out).value(Lines(produce.out).size() - 1)).hasMatch(), produce.out.constData());
    // --payload-monotonic: record i's value is "i"; --broker-list is get-offsets' old name for --bootstrap-server.
    CreateTopic("ops-mono", 1);
    ToolRun mono = Cli({"producer-perf-test", "--topic", "ops-mono", "--num-records", "12", "--payload-monotonic",
                        "--throughput", "-1", "--bootstrap-server", bs_});
    ITEST_VERIFY_RUN(mono, fx_.get());
    ToolRun mono_log = Cli({"dump-log", "--files", Q(fx_->log_dir()) + "/ops-mono-0/00000000000000000000.log",
                            "--print-data-log", "--skip-record-metadata"});
    ITEST_VERIFY_RUN(mono_log, fx_.get());
    for (int i = 0; i < 12; ++i) {
      QVERIFY2(mono_log.out.contains(QString(" payload: %1\n").arg(i).toUtf8()), mono_log.out.constData());
    }
    QCOMPARE(Cli({"producer-perf-test", "--topic", "ops-mono", "--num-records", "1", "--payload-monotonic",
                  "--record-size", "1", "--throughput", "-1", "--bootstrap-server", bs_}).exit_code,
             2);  // two payload sources
    ToolRun offsets = Cli({"get-offsets", "--broker-list", bs_, "--topic", "ops-perf"});
    ITEST_VERIFY_RUN(offsets, fx_.get());
    int sum = 0;
    for (const QString& l : Lines(offsets.out)) sum += l.section(':', 2).toInt();
    QCOMPARE(sum, 2000);

    // --throughput 100 for 300 records: at least ~2 s (the throttle), and one 5 s window line is not needed.
    QElapsedTimer timer;
    timer.start();
    ToolRun throttled = Cli({"producer-perf-test", "--topic", "ops-perf", "--num-records", "300", "--record-size",
                             "10", "--throughput", "100", "--bootstrap-server", bs_});
    ITEST_VERIFY_RUN(throttled, fx_.get());
    QVERIFY2(timer.elapsed() >= 1900, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(throttled.out.contains("300 records sent"), throttled.out.constData());

    ToolRun consume = Cli({"consumer-perf-test", "--bootstrap-server", bs_, "--topic", "ops-perf", "--messages",
                           "2300", "--timeout", "20000"});
    ITEST_VERIFY_RUN(consume, fx_.get());
    const QStringList lines = Lines(consume.out);
    QCOMPARE(lines.value(0), QString("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
                                     "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec"));
    QCOMPARE(lines.value(1).split(", ").value(4), QString("2300"));
    // Asking for more than there is: Kafka's WARNING after --timeout.
    ToolRun starved = Cli({"consumer-perf-test", "--bootstrap-server", bs_, "--topic", "ops-perf", "--messages",
                           "5000", "--timeout", "1000", "--hide-header"});
    ITEST_VERIFY_RUN(starved, fx_.get());
    QVERIFY2(starved.out.startsWith("WARNING: Exiting before consuming the expected number of messages: timeout "
                                    "(1000 ms) exceeded."),
             starved.out.constData());
    // Errors: unknown topic, bad flags.
    ToolRun unknown = Cli({"producer-perf-test", "--topic", "ops-nope", "--num-records", "1", "--record-size", "1",
                           "--throughput", "-1", "--bootstrap-server", bs_});
    QCOMPARE(unknown.exit_code, 1);
    QVERIFY2(unknown.err.contains("ops-nope"), unknown.err.constData());
    QCOMPARE(Cli({"producer-perf-test", "--topic", "ops-perf", "--num-records", "1", "--throughput", "-1",
                  "--bootstrap-server", bs_}).exit_code,
             2);  // neither --record-size nor --payload-file
    QCOMPARE(Cli({"producer-perf-test", "--topic", "ops-perf", "--num-records", "1", "--record-size", "1",
                  "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_, "acks=2"}).exit_code,
             2);
    ToolRun unknown_consume = Cli({"consumer-perf-test", "--bootstrap-server", bs_, "--topic", "ops-nope",
                                   "--messages", "1"});
    QCOMPARE(unknown_consume.exit_code, 1);
  }

  // Kafka 3.8's transactional perf test: a transaction begins before its first record and commits after the
  // send that finds it --transaction-duration-ms old, the last one at the end.
  void producerPerfTestTransactions() {
    CreateTopic("ops-txn", 2, {"--config", "segment.bytes=1048576"});
    // 600 records at 300/s: about 2 s, so 250 ms transactions commit several times.
    ToolRun produce = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "600", "--record-size", "20",
                           "--throughput", "300", "--bootstrap-server", bs_, "--transactional-id", "perf-txn",
                           "--transaction-duration-ms", "250"});
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(Lines(produce.out).value(Lines(produce.out).size() - 1).startsWith("600 records sent"),
             produce.out.constData());
    // A duration without an id: performance-producer-<uuid>, one transaction here (3000 ms is not reached).
    ToolRun random_id = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "100", "--record-size",
                             "20", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_,
                             "--transaction-duration-ms", "3000"});
    ITEST_VERIFY_RUN(random_id, fx_.get());
    // transactional.id as a producer property turns transactions on too (with the default duration).
    ToolRun by_property = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "50", "--record-size",
                               "20", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_,
                               "transactional.id=perf-prop", "acks=all"});
    ITEST_VERIFY_RUN(by_property, fx_.get());

    // read_committed sees every record: each transaction, the last included, was committed.
    ToolRun committed = Cli({"console-consumer", "--bootstrap-server", bs_, "--topic", "ops-txn",
                             "--from-beginning", "--isolation-level", "read_committed", "--timeout-ms", "3000"});
    ITEST_VERIFY_RUN(committed, fx_.get());
    QCOMPARE(Lines(committed.out).size(), 750);
    // The log holds transactional batches and the coordinator's COMMIT markers: several for perf-txn's
    // transactions (over both partitions), one per partition written by each of the other two runs.
    int commits = 0;
    int transactional = 0;
    for (int p = 0; p < 2; ++p) {
      const QString log = Q(fx_->log_dir()) + "/ops-txn-" + QString::number(p) + "/00000000000000000000.log";
      ToolRun dump = Cli({"dump-log", "--files", log, "--print-data-log"});
      ITEST_VERIFY_RUN(dump, fx_.get());
      commits += int(dump.out.count("endTxnMarker: COMMIT"));
      transactional += int(dump.out.count("isTransactional: true"));
      QVERIFY2(!dump.out.contains("endTxnMarker: ABORT"), dump.out.constData());
      QVERIFY2(!dump.out.contains("isTransactional: false"), dump.out.constData());
    }
    QVERIFY2(commits >= 6, qPrintable(QString("%1 COMMIT markers").arg(commits)));
    QVERIFY2(transactional > commits, qPrintable(QString("%1 transactional batches").arg(transactional)));
    ToolRun described = Cli({"transactions", "--bootstrap-server", bs_, "describe", "--transactional-id", "perf-txn"});
    ITEST_VERIFY_RUN(described, fx_.get());
    QVERIFY2(described.out.contains("CompleteCommit"), described.out.constData());

    // Bad input: Kafka's checks, exit 2 with the reason.
    ToolRun zero = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "1", "--record-size", "1",
                        "--throughput", "-1", "--bootstrap-server", bs_, "--transaction-duration-ms", "0"});
    QCOMPARE(zero.exit_code, 2);
    QVERIFY2(zero.err.contains("--transaction-duration-ms should > 0"), zero.err.constData());
    ToolRun acks1 = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "1", "--record-size", "1",
                         "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_, "acks=1",
                         "--transactional-id", "perf-acks"});
    QCOMPARE(acks1.exit_code, 2);
    QVERIFY2(acks1.err.contains("Must set acks to all"), acks1.err.constData());
    ToolRun no_idempotence = Cli({"producer-perf-test", "--topic", "ops-txn", "--num-records", "1", "--record-size",
                                  "1", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bs_,
                                  "transactional.id=perf-idem", "enable.idempotence=false"});
    QCOMPARE(no_idempotence.exit_code, 2);
    QVERIFY2(no_idempotence.err.contains("without also enabling idempotence"), no_idempotence.err.constData());
    // Nothing was written by the refused runs.
    ToolRun after = Cli({"console-consumer", "--bootstrap-server", bs_, "--topic", "ops-txn", "--from-beginning",
                         "--timeout-ms", "2000"});
    ITEST_VERIFY_RUN(after, fx_.get());
    QCOMPARE(Lines(after.out).size(), 750);
  }

  void configsEntityDefaultAndAddConfigFile() {
    ToolRun set = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "brokers", "--entity-default", "--alter",
                       "--add-config", "log.retention.ms=123456789"});
    ITEST_VERIFY_RUN(set, fx_.get());
    QCOMPARE(Lines(set.out).value(0), QString("Completed updating config for brokers default."));
    ToolRun describe = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "brokers", "--entity-default",
                            "--describe"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    QCOMPARE(Lines(describe.out).value(0), QString("Default configs for brokers in the cluster are:"));
    QVERIFY2(describe.out.contains("  log.retention.ms=123456789 sensitive=false "
                                   "synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=123456789"),
             describe.out.constData());
    // The default reaches topics without an override (Kafka's /config/brokers/<default>).
    CreateTopic("ops-default", 1);
    QTRY_VERIFY_WITH_TIMEOUT(Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                                  "ops-default", "--describe", "--all"})
                                 .out.contains("retention.ms=123456789"),
                             30000);
    ITEST_VERIFY_RUN(Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "brokers", "--entity-default",
                          "--alter", "--delete-config", "log.retention.ms"}),
                     fx_.get());

    const QString file = WriteFile("topic.properties", "# from a file\nretention.ms=424242\nsegment.ms: 3600000\n");
    ToolRun from_file = Cli({"configs", "--bootstrap-server", bs_, "--entity-type", "topics", "--entity-name",
                             "ops-default", "--alter", "--add-config-file", file});
    ITEST_VERIFY_RUN(from_file, fx_.get());
    ToolRun topic = Cli({"configs", "--bootstrap-server", bs_, "--topic", "ops-default", "--describe"});
    ITEST_VERIFY_RUN(topic, fx_.get());
    QVERIFY2(topic.out.contains("  retention.ms=424242 ") && topic.out.contains("  segment.ms=3600000 "),
             topic.out.constData());
    QCOMPARE(Cli({"configs", "--bootstrap-server", bs_, "--topic", "ops-default", "--alter", "--add-config-file",
                  file, "--add-config", "retention.ms=1"}).exit_code,
             2);
    ToolRun bad_key = Cli({"configs", "--bootstrap-server", bs_, "--topic", "ops-default", "--alter",
                           "--add-config-file", WriteFile("bad.properties", "retention.msec=5\n")});
    QCOMPARE(bad_key.exit_code, 1);
    QVERIFY2(bad_key.err.contains("retention.msec"), bad_key.err.constData());
    QCOMPARE(Cli({"configs", "--bootstrap-server", bs_, "--topic", "ops-default", "--alter", "--add-config-file",
                  tmp_.filePath("no-such-file")}).exit_code,
             1);
  }

  // Issue 14: every topic key Kafka 3.8 accepts creates the topic; those without effect say so in DescribeConfigs;
  // message.timestamp.before.max.ms is honoured (INVALID_TIMESTAMP for an old record).
  void kafkaTopicKeysAndTimestampBounds() {
    CreateTopic("ops-keys", 1,
                {"--config", "remote.storage.enable=false", "--config", "local.retention.ms=-2", "--config",
                 "compression.zstd.level=5", "--config", "message.format.version=3.0-IV1", "--config",
                 "message.timestamp.before.max.ms=60000"});
    ToolRun all = Cli({"configs", "--bootstrap-server", bs_, "--topic", "ops-keys", "--describe"});
    ITEST_VERIFY_RUN(all, fx_.get());
    QVERIFY2(all.out.contains("  message.timestamp.before.max.ms=60000 "), all.out.constData());
    auto c = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY2(c.ok(), c.status().ToString().c_str());
    client::ProduceRecord old_record;
    old_record.value = "old";
    old_record.timestamp = 1000;  // 1970: far more than a minute ago
    auto old_result = (*c)->Produce({"ops-keys", PartitionId(0)}, {old_record});
    QVERIFY(!old_result.ok());
    QVERIFY2(old_result.status().message().find("INVALID_TIMESTAMP") != std::string::npos,
             old_result.status().ToString().c_str());
    client::ProduceRecord fresh;
    fresh.value = "now";
    ITEST_VERIFY_STATUS((*c)->Produce({"ops-keys", PartitionId(0)}, {fresh}).status(), fx_.get());
    protocol::DescribeConfigsRequest req;
    auto& resource = req.resources.emplace_back();
    resource.resource_type = 2;  // topic
    resource.resource_name = "ops-keys";
    resource.configuration_keys = std::vector<std::string>{"remote.storage.enable"};
    req.include_documentation = true;
    auto resp = (*c)->SendToAny<protocol::DescribeConfigsRequest, protocol::DescribeConfigsResponse>(req);
    QVERIFY2(resp.ok(), resp.status().ToString().c_str());
    bool noted = false;
    for (const auto& r : resp->results)
      for (const auto& e : r.configs)
        noted = noted || (e.name == "remote.storage.enable" &&
                          e.documentation.value_or("").find("Not applied by Partita") != std::string::npos);
    QVERIFY(noted);
  }

  // A misspelt key is reported by name at start (as Kafka's "supplied but isn't a known config"); the broker
  // then stops here only because its ZooKeeper does not exist.
  void brokerReportsUnknownKeys() {
    const QString props = WriteFile("typo.properties", "broker.id=9\nzookeeper.connect=127.0.0.1:1\n"
                                                       "zookeeper.connection.timeout.ms=2000\n"
                                                       "log.dirs=" + tmp_.filePath("typo-logs").toUtf8() +
                                                       "\nlog.retention.hour=5\n");
    ToolRun run = RunTool(BrokerPath(), {props}, 60000);
    QCOMPARE(run.exit_code, 1);
    QVERIFY2(run.out.contains("unknown configuration key 'log.retention.hour' is ignored") ||
                 run.err.contains("unknown configuration key 'log.retention.hour' is ignored"),
             (run.out + run.err).constData());
  }
};

QTEST_GUILESS_MAIN(TestItestCliOps)
#include "test_itest_cli_ops.moc"
