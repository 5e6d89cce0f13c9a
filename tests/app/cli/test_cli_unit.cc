// Unit tests for partita-cli: argument parsing, config lists, Kafka's reassignment JSON formats, the
// --generate placement, kafka-topics / kafka-configs / kafka-get-offsets output, and dump-log over a segment
// file written here (including a torn tail and a corrupted CRC).
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/dump_log.h"
#include "app/cli/java_deserializers.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"
#include "engine/storage/transaction_index.h"
#include "engine/transactions/txn_log_records.h"

using namespace partita;
using namespace partita::cli;

namespace {

std::span<const uint8_t> B(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::vector<uint8_t> Batch(int64_t base_offset, const std::vector<std::pair<std::string, std::string>>& kvs,
                           protocol::Compression c = protocol::Compression::kNone) {
  protocol::BatchBuilder::Options o;
  o.base_offset = base_offset;
  o.compression = c;
  o.partition_leader_epoch = 0;
  protocol::BatchBuilder b(o);
  int64_t ts = 1700000000000;
  for (const auto& [k, v] : kvs) {
    if (k.empty()) {
      b.Append(ts++, std::nullopt, B(v));
    } else {
      std::vector<protocol::Header> headers{{B("h1"), B("x")}};
      b.Append(ts++, B(k), B(v), headers);
    }
  }
  return *b.Build();
}

std::vector<std::string> Dump(const std::string& path, bool data, Status* st) {
  std::vector<std::string> lines;
  *st = DumpLogFile(path, data, [&](const std::string& l) { lines.push_back(l); });
  return lines;
}

}  // namespace

class TestCliUnit : public QObject {
  Q_OBJECT
 private slots:
  void parsesKafkaStyleOptions() {
    std::vector<OptionSpec> specs = {{"--topic", true, ""}, {"--config", true, ""}, {"--create", false, ""}};
    auto a = ParseArgs({"--create", "--topic", "t1", "--config", "a=1", "--config=b=2"}, specs);
    QVERIFY2(a.ok(), a.status().ToString().c_str());
    QVERIFY(a->Has("--create"));
    QCOMPARE(*a->Get("--topic"), std::string("t1"));
    QCOMPARE(a->GetAll("--config"), (std::vector<std::string>{"a=1", "b=2"}));
    QVERIFY(!a->Has("--list"));
  }

  void rejectsBadArguments() {
    std::vector<OptionSpec> specs = {{"--topic", true, ""}, {"--create", false, ""}};
    auto unknown = ParseArgs({"--tpoic", "x"}, specs);
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.status().message().find("--tpoic") != std::string::npos);
    auto missing = ParseArgs({"--topic"}, specs);
    QVERIFY(!missing.ok());
    QVERIFY(missing.status().message().find("needs a value") != std::string::npos);
    QVERIFY(!ParseArgs({"stray"}, specs).ok());
    QVERIFY(!ParseArgs({"--create=yes"}, specs).ok());
    QVERIFY(ParseArgs({"-h"}, specs)->Has("--help"));
  }

  void aliasesAreReadUnderTheirOptionsName() {
    // Kafka's deprecated spellings (--broker-list for --bootstrap-server) store under the option they stand for.
    std::vector<OptionSpec> specs = {kBootstrapServerOption, kBrokerListOption,
                                     {"--include", true, ""},
                                     {"--whitelist", true, "", "--include"}};
    auto a = ParseArgs({"--broker-list", "h:1", "--whitelist=t.*"}, specs);
    QVERIFY2(a.ok(), a.status().ToString().c_str());
    QCOMPARE(*a->Get("--bootstrap-server"), std::string("h:1"));
    QCOMPARE(*a->Get("--include"), std::string("t.*"));
    QVERIFY(!a->Has("--broker-list") && !a->Has("--whitelist"));
    // Both spellings: the last one given wins, as for any repeated option.
    auto both = ParseArgs({"--bootstrap-server", "h:1", "--broker-list", "h:2"}, specs);
    QCOMPARE(*both->Get("--bootstrap-server"), std::string("h:2"));
    const std::string help = FormatHelp("x", specs);
    QVERIFY2(help.find("--broker-list <value>") != std::string::npos, help.c_str());
  }

  void parsesNumbersAndLists() {
    QCOMPARE(*ParseInt32("-2", "--time"), -2);
    QVERIFY(!ParseInt32("3x", "--partitions").ok());
    QVERIFY(ParseInt32("3x", "--partitions").status().message().find("--partitions") != std::string::npos);
    QVERIFY(!ParseInt32("99999999999", "n").ok());
    QCOMPARE(*ParseIntList("1, 2,3", "--broker-list"), (std::vector<int32_t>{1, 2, 3}));
    QVERIFY(!ParseIntList("", "--broker-list").ok());
    auto cfg = ParseConfigList("retention.ms=1000,cleanup.policy=[compact,delete],x=");
    QVERIFY2(cfg.ok(), cfg.status().ToString().c_str());
    QCOMPARE(cfg->size(), size_t(3));
    QCOMPARE((*cfg)[1].first, std::string("cleanup.policy"));
    QCOMPARE((*cfg)[1].second, std::string("compact,delete"));
    QCOMPARE((*cfg)[2].second, std::string(""));
    QVERIFY(!ParseConfigList("novalue").ok());
    QVERIFY(!ParseConfigList("a=[1,2").ok());
  }

  void formatsTopicDescribeLikeKafkaTopics() {
    client::TopicInfo t;
    t.name = "orders";
    t.partitions = {{0, 1, 0, {1, 2, 3}, {1, 2, 3}, {}, 0}, {1, -1, 0, {2, 3, 1}, {3}, {2}, 5}};
    const std::string out = FormatTopicDescription(t, "retention.ms=1000", "abc");
    QCOMPARE(out, std::string("Topic: orders\tTopicId: abc\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: "
                              "retention.ms=1000\n"
                              "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tOffline: \n"
                              "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 3\tOffline: 2\n"));
  }

  void formatsConfigs() {
    client::ConfigEntry dyn{"retention.ms", "1000", 1, false, false, false,
                            {{"retention.ms", "1000", 1}, {"log.retention.ms", std::nullopt, 5}}};
    client::ConfigEntry def{"cleanup.policy", "delete", 5, false, false, true, {}};
    QCOMPARE(FormatNonDefaultConfigs({dyn, def}), std::string("retention.ms=1000"));
    const std::string dynamic_only = FormatConfigsDescription("topic orders", {dyn, def}, false);
    QCOMPARE(dynamic_only, std::string("Dynamic configs for topic orders are:\n"
                                       "  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:"
                                       "retention.ms=1000, DEFAULT_CONFIG:log.retention.ms=null}\n"));
    const std::string all = FormatConfigsDescription("broker 1", {dyn, def}, true);
    QVERIFY(all.rfind("All configs for broker 1 are:\n", 0) == 0);
    QVERIFY(all.find("  cleanup.policy=delete sensitive=false synonyms={}\n") != std::string::npos);
  }

  void formatsOffsets() {
    client::PartitionOffset po;
    po.tp = {"t", PartitionId(2)};
    po.offset = 42;
    QCOMPARE(FormatOffsetLine(po), std::string("t:2:42\n"));
  }

  void reassignmentJsonRoundTrips() {
    const std::string text =
        R"({"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[5,6],"log_dirs":["any","any"]},)"
        R"({"topic":"foo","partition":1,"replicas":[6]}]})";
    auto plan = ParseReassignmentJson(text);
    QVERIFY2(plan.ok(), plan.status().ToString().c_str());
    QCOMPARE(plan->size(), size_t(2));
    QCOMPARE((*plan)[0].tp.DirName(), std::string("foo-0"));
    QCOMPARE(*(*plan)[0].replicas, (std::vector<int32_t>{5, 6}));
    const std::string again = FormatReassignmentJson(*plan);
    QCOMPARE(again, std::string(R"({"partitions":[{"log_dirs":["any","any"],"partition":0,"replicas":[5,6],)"
                                R"("topic":"foo"},{"log_dirs":["any"],"partition":1,"replicas":[6],"topic":"foo"}],)"
                                R"("version":1})"));
    QVERIFY(ParseReassignmentJson(again).ok());
  }

  void reassignmentJsonErrors() {
    QVERIFY(!ParseReassignmentJson("{").ok());
    QVERIFY(!ParseReassignmentJson(R"({"version":2,"partitions":[]})").ok());
    QVERIFY(!ParseReassignmentJson(R"({"version":1,"partitions":[]})").ok());
    QVERIFY(!ParseReassignmentJson(R"({"partitions":[{"topic":"a","partition":0,"replicas":[1,1]}]})").ok());
    QVERIFY(!ParseReassignmentJson(R"({"partitions":[{"topic":"a","partition":0,"replicas":[]}]})").ok());
    QVERIFY(!ParseReassignmentJson(R"({"partitions":[{"topic":"a","partition":"0","replicas":[1]}]})").ok());
    auto dup = ParseReassignmentJson(
        R"({"partitions":[{"topic":"a","partition":0,"replicas":[1]},{"topic":"a","partition":0,"replicas":[2]}]})");
    QVERIFY(!dup.ok());
    QVERIFY(dup.status().message().find("a-0") != std::string::npos);
    auto topics = ParseTopicsToMoveJson(R"({"topics": [{"topic": "foo1"}, {"topic": "foo2"}], "version":1})");
    QVERIFY(topics.ok());
    QCOMPARE(*topics, (std::vector<std::string>{"foo1", "foo2"}));
    QVERIFY(!ParseTopicsToMoveJson(R"({"topics": [{"name": "x"}]})").ok());
  }

  void generateSpreadsReplicasLikeKafka() {
    client::TopicInfo t;
    t.name = "foo";
    for (int p = 0; p < 4; ++p) t.partitions.push_back({p, 1, 0, {1, 2}, {1, 2}, {}, 0});
    const std::map<int32_t, std::optional<std::string>> no_racks = {{5, {}}, {6, {}}, {7, {}}};
    auto g = GenerateAssignment({t}, no_racks);
    QVERIFY2(g.ok(), g.status().ToString().c_str());
    QCOMPARE(g->size(), size_t(4));
    // start index 0: leaders rotate 5,6,7,5; the follower shift grows after every 3 partitions.
    QCOMPARE(*(*g)[0].replicas, (std::vector<int32_t>{5, 6}));
    QCOMPARE(*(*g)[1].replicas, (std::vector<int32_t>{6, 7}));
    QCOMPARE(*(*g)[2].replicas, (std::vector<int32_t>{7, 5}));
    QCOMPARE(*(*g)[3].replicas, (std::vector<int32_t>{5, 7}));
    auto too_few = GenerateAssignment({t}, {{5, {}}});
    QVERIFY(!too_few.ok());
    QVERIFY(too_few.status().message().find("replication factor 2") != std::string::npos);

    // Brokers on racks: each partition's two replicas land on two racks (Kafka's rack-alternated list 5,7,6);
    // --disable-rack-aware ignores the racks; racks on only some brokers is an error, as in Kafka.
    const std::map<int32_t, std::optional<std::string>> racks = {{5, "a"}, {6, "a"}, {7, "b"}};
    auto aware = GenerateAssignment({t}, racks);
    QVERIFY2(aware.ok(), aware.status().ToString().c_str());
    for (const auto& r : *aware) {
      QVERIFY(racks.at((*r.replicas)[0]) != racks.at((*r.replicas)[1]));
    }
    auto unaware = GenerateAssignment({t}, racks, /*rack_aware=*/false);
    QVERIFY(unaware.ok());
    QCOMPARE(*(*unaware)[0].replicas, (std::vector<int32_t>{5, 6}));  // same rack: racks ignored
    auto partial = GenerateAssignment({t}, {{5, "a"}, {6, {}}, {7, "b"}});
    QVERIFY(!partial.ok());
    QVERIFY(partial.status().message().find("--disable-rack-aware") != std::string::npos);
  }

  // Kafka's DefaultRecordBatch.lastSequence wraps past Integer.MAX_VALUE to 0 (no signed overflow: UBSan).
  void dumpLogLastSequenceWrapsAsKafka() {
    QCOMPARE(protocol::IncrementSequence(5, 3), 8);
    QCOMPARE(protocol::IncrementSequence(INT32_MAX, 0), INT32_MAX);
    QCOMPARE(protocol::IncrementSequence(INT32_MAX, 1), 0);
    QCOMPARE(protocol::IncrementSequence(INT32_MAX - 1, 3), 1);
    QCOMPARE(protocol::IncrementSequence(INT32_MAX, INT32_MAX), INT32_MAX - 1);
    // A corrupt negative delta goes through the same wrapping int arithmetic as in Java: 0 > MAX - (-1) wraps
    // to MIN, so Kafka answers -1 - MAX - 1, which wraps to MAX.
    QCOMPARE(protocol::IncrementSequence(0, -1), INT32_MAX);
    protocol::BatchHeader h;
    h.base_offset = 100;
    h.last_offset_delta = 4;
    h.records_count = 5;
    h.base_sequence = INT32_MAX - 2;
    h.producer_id = 7;
    const std::string line = FormatDumpBatchLine(h, 0, true);
    QVERIFY2(line.find("baseSequence: 2147483645 lastSequence: 1 producerId: 7") != std::string::npos, line.c_str());
    h.base_sequence = -1;
    QVERIFY(FormatDumpBatchLine(h, 0, true).find("lastSequence: -1 ") != std::string::npos);
    protocol::Record r;
    r.offset_delta = 3;
    h.base_sequence = INT32_MAX - 1;
    const std::string rec = FormatDumpRecordLine(h, r, false);
    QVERIFY2(rec.find("sequence: 1 ") != std::string::npos, rec.c_str());
  }

  void dumpLogPrintsBatchesAndRecords() {
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/00000000000000000000.log";
    auto b1 = Batch(0, {{"k1", "hello"}, {"", "world"}});
    auto b2 = Batch(2, {{"k3", "zipped"}}, protocol::Compression::kGzip);
    {
      std::ofstream f(path, std::ios::binary);
      f.write(reinterpret_cast<const char*>(b1.data()), static_cast<std::streamsize>(b1.size()));
      f.write(reinterpret_cast<const char*>(b2.data()), static_cast<std::streamsize>(b2.size()));
    }
    Status st;
    auto lines = Dump(path, true, &st);
    QVERIFY2(st.ok(), st.ToString().c_str());
    QCOMPARE(lines.size(), size_t(2 + 1 + 2 + 1 + 1));
    QCOMPARE(lines[0], "Dumping " + path);
    QCOMPARE(lines[1], std::string("Log starting offset: 0"));
    const std::string first = lines[2];
    QVERIFY2(first.rfind("baseOffset: 0 lastOffset: 1 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 "
                         "producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false "
                         "deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1700000000001 size: " +
                             std::to_string(b1.size()) + " magic: 2 compresscodec: none crc: ",
                         0) == 0,
             first.c_str());
    QVERIFY(first.find("isvalid: true") != std::string::npos);
    QCOMPARE(lines[3], std::string("| offset: 0 CreateTime: 1700000000000 keySize: 2 valueSize: 5 sequence: -1 "
                                   "headerKeys: [h1] key: k1 payload: hello"));
    QCOMPARE(lines[4], std::string("| offset: 1 CreateTime: 1700000000001 keySize: -1 valueSize: 5 sequence: -1 "
                                   "headerKeys: [] payload: world"));
    QVERIFY2(lines[5].find("baseOffset: 2 lastOffset: 2 count: 1") == 0, lines[5].c_str());
    QVERIFY(lines[5].find("position: " + std::to_string(b1.size())) != std::string::npos);
    QVERIFY(lines[5].find("compresscodec: gzip") != std::string::npos);
    QVERIFY(lines[6].find("payload: zipped") != std::string::npos);

    // Without --print-data-log: batch lines only.
    auto brief = Dump(path, false, &st);
    QCOMPARE(brief.size(), size_t(4));
  }

  void dumpLogPrintsTransactionMarkersAndTxnIndex() {
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/00000000000000000000.log";
    auto marker = protocol::BuildEndTxnMarkerBatch(4000, 2, {protocol::ControlRecordType::kCommit, 5}, 1700000000000);
    QVERIFY(marker.ok());
    {
      std::ofstream f(path, std::ios::binary);
      f.write(reinterpret_cast<const char*>(marker->data()), static_cast<std::streamsize>(marker->size()));
    }
    Status st;
    auto lines = Dump(path, true, &st);
    QVERIFY2(st.ok(), st.ToString().c_str());
    QCOMPARE(lines.size(), size_t(4));
    QVERIFY2(lines[2].find("producerId: 4000 producerEpoch: 2 partitionLeaderEpoch: -1 isTransactional: true "
                           "isControl: true") != std::string::npos,
             lines[2].c_str());
    // As kafka-dump-log: the marker instead of key and payload.
    QCOMPARE(lines[3], std::string("| offset: 0 CreateTime: 1700000000000 keySize: 4 valueSize: 6 sequence: -1 "
                                   "headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 5"));

    const std::string txn_path = dir.path().toStdString() + "/00000000000000000000.txnindex";
    {
      storage::TransactionIndex index(txn_path, 0);
      QVERIFY(index.Open().ok());
      QVERIFY(index.Append({0, 4000, 10, 14, 12}).ok());
      QVERIFY(index.Append({0, 4001, 15, 20, 21}).ok());
    }
    auto txns = Dump(txn_path, false, &st);
    QVERIFY2(st.ok(), st.ToString().c_str());
    QCOMPARE(txns, (std::vector<std::string>{
                       "Dumping " + txn_path,
                       "version: 0 producerId: 4000 firstOffset: 10 lastOffset: 14 lastStableOffset: 12",
                       "version: 0 producerId: 4001 firstOffset: 15 lastOffset: 20 lastStableOffset: 21"}));
    {
      std::ofstream f(txn_path, std::ios::binary | std::ios::trunc);
      const char bad[34] = {0, 3};
      f.write(bad, sizeof bad);
    }
    (void)Dump(txn_path, false, &st);
    QCOMPARE(st.code(), Status::Code::kCorruption);
  }

  // --transaction-log-decoder: a __transaction_state record as the JSON of Kafka's TransactionLogMessageParser;
  // a tombstone is <DELETE>; bytes that are not such a record say so.
  void transactionLogRecordsDecode() {
    transactions::TransactionMetadata m;
    m.producer_id = 4000;
    m.producer_epoch = 3;
    m.timeout_ms = 60000;
    m.state = transactions::TxnState::kOngoing;
    m.partitions = {{"a", 1}, {"a", 0}, {"b", 2}};
    m.start_ms = 1700000000000;
    m.last_update_ms = 1700000000500;
    const auto key = transactions::EncodeTxnLogKey("app-1");
    const auto value = transactions::EncodeTxnLogValue(m);
    QCOMPARE(DecodeTransactionLogRecord(key, std::span<const uint8_t>(value)),
             std::string(R"(key: {"type":"0","data":{"transactionalId":"app-1"}} payload: {"version":"0","data":)"
                         R"({"producerId":4000,"producerEpoch":3,"transactionTimeoutMs":60000,"transactionStatus":1,)"
                         R"("transactionPartitions":[{"topic":"a","partitionIds":[0,1]},{"topic":"b","partitionIds":[2]}],)"
                         R"("transactionLastUpdateTimestampMs":1700000000500,"transactionStartTimestampMs":1700000000000}})"));
    QCOMPARE(DecodeTransactionLogRecord(key, std::nullopt),
             std::string(R"(key: {"type":"0","data":{"transactionalId":"app-1"}} payload: <DELETE>)"));
    const std::vector<uint8_t> junk{0, 9, 1};
    QVERIFY(DecodeTransactionLogRecord(junk, std::nullopt).rfind("key: (not a __transaction_state key:", 0) == 0);
    const std::vector<uint8_t> short_value{0, 0, 1};
    QVERIFY(DecodeTransactionLogRecord(key, std::span<const uint8_t>(short_value)).find("payload: (unreadable:") !=
            std::string::npos);
  }

  void dumpLogReportsCorruption() {
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/00000000000000000005.log";
    auto b1 = Batch(5, {{"k", "v"}});
    auto b2 = Batch(6, {{"k", "v2"}});
    b1[b1.size() - 1] ^= 0xff;  // corrupt a record byte: CRC fails
    {
      std::ofstream f(path, std::ios::binary);
      f.write(reinterpret_cast<const char*>(b1.data()), static_cast<std::streamsize>(b1.size()));
      f.write(reinterpret_cast<const char*>(b2.data()), 20);  // torn tail
    }
    Status st;
    auto lines = Dump(path, true, &st);
    QVERIFY(st.ok());
    QCOMPARE(lines[1], std::string("Log starting offset: 5"));
    QVERIFY2(lines[2].find("isvalid: false") != std::string::npos, lines[2].c_str());
    QCOMPARE(lines.back(), std::string("Found 20 invalid bytes at the end of 00000000000000000005.log"));
    auto missing = Dump(dir.path().toStdString() + "/nope.log", false, &st);
    QVERIFY(!st.ok());
    QVERIFY(st.message().find("nope.log") != std::string::npos);
  }

  void dumpIndexStopsAtPreallocatedZeros() {
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/00000000000000000100.index";
    std::vector<uint8_t> bytes(8 * 10, 0);  // entries: (0,0), (7,4096), then zeros
    bytes[8 + 3] = 7;
    bytes[8 + 6] = 0x10;
    {
      std::ofstream f(path, std::ios::binary);
      f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    Status st;
    auto lines = Dump(path, false, &st);
    QVERIFY(st.ok());
    QCOMPARE(lines, (std::vector<std::string>{"Dumping " + path, "offset: 100 position: 0",
                                              "offset: 107 position: 4096"}));
  }

  // kafka-console-consumer's --key-deserializer / --value-deserializer: Kafka's built-in deserializers, printed as
  // Java's toString prints their results, and Kafka's refusals.
  void javaDeserializersPrintAsJava() {
    using cli::JavaDeserializer;
    auto show = [](JavaDeserializer kind, const std::string& bytes) {
      auto r = cli::Deserialize(kind, bytes);
      return r.ok() ? QString::fromStdString(r->value_or("null")) : "error: " + QString::fromStdString(r.status().message());
    };
    QCOMPARE(show(JavaDeserializer::kInteger, std::string("\x00\x00\x01\x00", 4)), QString("256"));
    QCOMPARE(show(JavaDeserializer::kInteger, std::string("\xff\xff\xff\xfe", 4)), QString("-2"));
    QCOMPARE(show(JavaDeserializer::kInteger, "abc"),
             QString("error: Size of data received by IntegerDeserializer is not 4"));
    QCOMPARE(show(JavaDeserializer::kLong, std::string("\x00\x00\x00\x00\x00\x00\x00\x2a", 8)), QString("42"));
    QCOMPARE(show(JavaDeserializer::kShort, std::string("\x80\x00", 2)), QString("-32768"));
    QCOMPARE(show(JavaDeserializer::kDouble, std::string("\x3f\xf8\x00\x00\x00\x00\x00\x00", 8)), QString("1.5"));
    QCOMPARE(show(JavaDeserializer::kFloat, std::string("\x3f\x80\x00\x00", 4)), QString("1.0"));
    QCOMPARE(show(JavaDeserializer::kBoolean, std::string("\x01", 1)), QString("true"));
    QCOMPARE(show(JavaDeserializer::kBoolean, std::string("\x02", 1)),
             QString("error: Unexpected byte received by BooleanDeserializer: 2"));
    QCOMPARE(show(JavaDeserializer::kUuid, "1B4E28BA-2FA1-11D2-883F-0016D3CCA427"),
             QString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    QVERIFY(show(JavaDeserializer::kUuid, "not-a-uuid").startsWith("error: Error deserializing UUID"));
    QCOMPARE(show(JavaDeserializer::kBytes, std::string("a\\b\x00\x7f", 5)), QString("a\\x5Cb\\x00\\x7F"));
    QCOMPARE(show(JavaDeserializer::kVoid, "x"), QString("error: Data should be null for a VoidDeserializer."));
    QVERIFY(!cli::Deserialize(JavaDeserializer::kVoid, std::nullopt)->has_value());  // null stays null
    QVERIFY(cli::JavaDeserializerNamed("org.apache.kafka.common.serialization.LongDeserializer").ok());
    QVERIFY(!cli::JavaDeserializerNamed("LongDeserializer").ok());  // Java needs the class's full name
    // Double.toString: plain between 10^-3 and 10^7, else computerized scientific notation.
    QCOMPARE(cli::JavaDoubleString(1.0), std::string("1.0"));
    QCOMPARE(cli::JavaDoubleString(0.001), std::string("0.001"));
    QCOMPARE(cli::JavaDoubleString(1234567.5), std::string("1234567.5"));
    QCOMPARE(cli::JavaDoubleString(1e7), std::string("1.0E7"));
    QCOMPARE(cli::JavaDoubleString(-1.25e-4), std::string("-1.25E-4"));
    QCOMPARE(cli::JavaDoubleString(100.0), std::string("100.0"));
    QCOMPARE(cli::JavaDoubleString(0.1), std::string("0.1"));
    QCOMPARE(cli::JavaDoubleString(-0.0), std::string("-0.0"));
    QCOMPARE(cli::JavaFloatString(0.1f), std::string("0.1"));
    QCOMPARE(cli::JavaFloatString(3.4028235e38f), std::string("3.4028235E38"));
  }
};

QTEST_GUILESS_MAIN(TestCliUnit)
#include "test_cli_unit.moc"
