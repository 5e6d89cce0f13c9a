// Integration: partita-cli consumer-groups (kafka-consumer-groups) and ClusterClient's group API against a real
// partita-broker + ZooKeeper (BrokerFixture), with confluent_kafka (librdkafka) group consumers as the clients
// nobody here wrote: lag = produced - consumed, reset-offsets on a stopped group moves where consumers start,
// an active group is refused, --list / --state / --members / --delete / --delete-offsets.
#include <QProcess>
#include <QtTest>

#include "engine/client/cluster_client.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }

QStringList Lines(const QByteArray& out) { return QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts); }

// A confluent_kafka group consumer: reads up to `want` records, then (mode) "commit"s synchronously and closes,
// or "hold"s its membership (printing {"ready": true}) until killed. Prints {"count", "first_offsets"}.
const char* kConsumer = R"PY(
import json, sys, time
from confluent_kafka import Consumer
bs, group, topic, want, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
c = Consumer({'bootstrap.servers': bs, 'group.id': group, 'enable.auto.commit': False,
              'auto.offset.reset': 'earliest', 'client.id': 'itest-cg', 'session.timeout.ms': 6000})
c.subscribe([topic])
got = []
deadline = time.time() + 90
while len(got) < want and time.time() < deadline:
    m = c.poll(0.5)
    if m is None or m.error():
        continue
    got.append((m.partition(), m.offset()))
if mode == 'commit' and got:
    c.commit(asynchronous=False)
if mode == 'hold':
    print(json.dumps({'ready': True}), flush=True)
    while True:
        c.poll(0.5)
c.close()
first = {}
for p, o in got:
    first[str(p)] = min(o, first.get(str(p), o))
print(json.dumps({'count': len(got), 'first_offsets': first}))
)PY";

// Rows of the --describe offsets table, split on spaces; header dropped.
QList<QStringList> OffsetRows(const QByteArray& out) {
  QList<QStringList> rows;
  for (const QString& line : Lines(out)) {
    if (line.startsWith("GROUP ")) continue;
    rows.push_back(line.split(' ', Qt::SkipEmptyParts));
  }
  return rows;
}

}  // namespace

class TestItestConsumerGroups : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QString bs_;
  std::unique_ptr<client::ClusterClient> client_;
  static constexpr int kProduced = 20;  // 10 per partition
  static constexpr int kConsumed = 12;

  ToolRun Cli(const QStringList& args, int timeout_ms = 60000) { return RunTool(CliPath(), args, timeout_ms); }
  ToolRun Consume(const QString& group, int want, const QString& mode) {
    return RunTool(PythonInterpreter(),
                   {"-c", kConsumer, bs_, group, "cg-orders", QString::number(want), mode}, 150000);
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka", "python3-confluent-kafka"));
    QVERIFY2(QFile::exists(CliPath()), qPrintable("partita-cli not built at " + CliPath()));
    ITEST_START(fx_, (BrokerOptions{.broker_id = 1, .num_partitions = 1, .auto_create_topics = false}));
    bs_ = Q(fx_->bootstrap());
    auto c = client::ClusterClient::Connect(fx_->bootstrap());
    QVERIFY2(c.ok(), c.status().message().c_str());
    client_ = std::move(*c);
    client::NewTopic t;
    t.name = "cg-orders";
    t.partitions = 2;
    t.replication_factor = 1;
    ITEST_VERIFY_STATUS(client_->CreateTopic(t), fx_.get());
    for (int p = 0; p < 2; ++p) {
      QElapsedTimer timer;
      timer.start();
      std::vector<client::ProduceRecord> records(kProduced / 2);
      for (int i = 0; i < kProduced / 2; ++i) records[i].value = "v" + std::to_string(i);
      Result<client::ProduceResult> r = Status::Unavailable("not tried");
      while (timer.elapsed() < 30000) {  // the new partitions' leaders settle through ZooKeeper
        r = client_->Produce({"cg-orders", PartitionId(p)}, records);
        if (r.ok()) break;
        QTest::qWait(200);
      }
      QVERIFY2(r.ok(), r.status().message().c_str());
    }
  }
  void cleanupTestCase() {
    client_.reset();
    if (fx_) {
      ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    }
    fx_.reset();
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
  }

  void lagIsProducedMinusConsumed() {
    ToolRun consume = Consume("cg-lag", kConsumed, "commit");
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(LastJsonLine(consume.out).value("count").toInt(), kConsumed);

    ToolRun describe = Cli({"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group", "cg-lag"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    QVERIFY2(describe.err.contains("Consumer group 'cg-lag' has no active members."), describe.err.constData());
    QVERIFY2(describe.out.contains("GROUP") && describe.out.contains("CURRENT-OFFSET") &&
                 describe.out.contains("LOG-END-OFFSET") && describe.out.contains("CLIENT-ID"),
             describe.out.constData());
    const auto rows = OffsetRows(describe.out);
    QCOMPARE(rows.size(), 2);
    int64_t current = 0, end = 0, lag = 0;
    for (const auto& r : rows) {
      QCOMPARE(r.size(), 10);
      QCOMPARE(r[0], QString("cg-lag"));
      QCOMPARE(r[1], QString("cg-orders"));
      current += r[3].toLongLong();
      end += r[4].toLongLong();
      lag += r[5].toLongLong();
      QCOMPARE(r[6], QString("-"));  // no member owns it now
      // Time lag: 0 when caught up, else the age of the next record (produced seconds ago).
      QVERIFY2(r[5] == "0" ? r[9] == "0" : r[9].toLongLong() > 0, qPrintable(r.join(' ')));
    }
    QCOMPARE(current, int64_t(kConsumed));
    QCOMPARE(end, int64_t(kProduced));
    QCOMPARE(lag, int64_t(kProduced - kConsumed));

    // The same numbers through the API the desktop app uses.
    auto rows_api = client_->GroupLag("cg-lag");
    QVERIFY2(rows_api.ok(), rows_api.status().message().c_str());
    int64_t api_lag = 0;
    for (const auto& r : *rows_api) api_lag += r.lag;
    QCOMPARE(api_lag, int64_t(kProduced - kConsumed));

    ToolRun list = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(Lines(list.out).contains("cg-lag"), list.out.constData());
    ToolRun by_state = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list", "--state", "empty"});
    ITEST_VERIFY_RUN(by_state, fx_.get());
    QVERIFY2(QString::fromUtf8(by_state.out).contains(QRegularExpression("\ncg-lag +Empty\n")), by_state.out.constData());
    ToolRun stable = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list", "--state", "Stable"});
    ITEST_VERIFY_RUN(stable, fx_.get());
    QVERIFY2(!stable.out.contains("cg-lag"), stable.out.constData());
  }

  void activeGroupIsNotReset() {
    QProcess holder;
    holder.start(PythonInterpreter(), {"-c", kConsumer, bs_, "cg-lag", "cg-orders", "0", "hold"});
    QVERIFY(holder.waitForStarted());
    QElapsedTimer t;
    t.start();
    ToolRun state;
    while (t.elapsed() < 60000) {
      state = Cli({"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group", "cg-lag", "--state"});
      if (state.out.contains(" Stable ")) break;
      QTest::qWait(500);
    }
    QVERIFY2(state.out.contains(" Stable ") && state.out.contains("range"), state.out.constData());
    ToolRun members = Cli({"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group", "cg-lag",
                           "--members", "--verbose"});
    ITEST_VERIFY_RUN(members, fx_.get());
    QVERIFY2(members.out.contains("itest-cg") && members.out.contains("cg-orders(0,1)"), members.out.constData());
    ToolRun reset = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                         "--topic", "cg-orders", "--to-earliest", "--execute"});
    QCOMPARE(reset.exit_code, 1);
    QVERIFY2(reset.err.contains("Assignments can only be reset if the group 'cg-lag' is inactive, but the current "
                                "state is Stable."),
             reset.err.constData());
    ToolRun del = Cli({"consumer-groups", "--bootstrap-server", bs_, "--delete", "--group", "cg-lag"});
    QCOMPARE(del.exit_code, 1);
    QVERIFY2(del.err.contains("cg-lag") && del.err.contains("NON_EMPTY_GROUP"), del.err.constData());
    holder.kill();  // our own child, by its handle
    holder.waitForFinished(10000);
    // Its session expires (6 s) and the group becomes Empty again.
    t.restart();
    while (t.elapsed() < 60000) {
      state = Cli({"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group", "cg-lag", "--state"});
      if (state.out.contains(" Empty ")) break;
      QTest::qWait(500);
    }
    QVERIFY2(state.out.contains(" Empty "), state.out.constData());
  }

  void resetToEarliestThenConsumersStartThere() {
    ToolRun dry = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag", "--topic",
                       "cg-orders", "--to-earliest", "--dry-run"});
    ITEST_VERIFY_RUN(dry, fx_.get());
    auto committed = client_->FetchCommittedOffsets("cg-lag");
    QVERIFY2(committed.ok(), committed.status().message().c_str());
    int64_t sum = 0;
    for (const auto& [tp, off] : *committed) sum += off;
    QCOMPARE(sum, int64_t(kConsumed));  // a dry run commits nothing

    ToolRun reset = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                         "--topic", "cg-orders", "--to-earliest", "--execute"});
    ITEST_VERIFY_RUN(reset, fx_.get());
    const QStringList lines = Lines(reset.out);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].split(' ', Qt::SkipEmptyParts), (QStringList{"GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"}));
    QCOMPARE(lines[1].split(' ', Qt::SkipEmptyParts), (QStringList{"cg-lag", "cg-orders", "0", "0"}));
    QCOMPARE(lines[2].split(' ', Qt::SkipEmptyParts), (QStringList{"cg-lag", "cg-orders", "1", "0"}));

    ToolRun consume = Consume("cg-lag", kProduced, "commit");
    ITEST_VERIFY_RUN(consume, fx_.get());
    const QJsonObject summary = LastJsonLine(consume.out);
    QCOMPARE(summary.value("count").toInt(), kProduced);
    QCOMPARE(summary.value("first_offsets").toObject().value("0").toInt(-1), 0);
    QCOMPARE(summary.value("first_offsets").toObject().value("1").toInt(-1), 0);

    // --shift-by and --to-offset on the (again stopped) group, clamped into the log.
    ToolRun shift = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                         "--topic", "cg-orders:1", "--shift-by", "-3", "--execute"});
    ITEST_VERIFY_RUN(shift, fx_.get());
    QVERIFY2(QString::fromUtf8(shift.out).contains(QRegularExpression("cg-lag +cg-orders +1 +7\n")), shift.out.constData());
    committed = client_->FetchCommittedOffsets("cg-lag");
    QCOMPARE(committed->at({"cg-orders", PartitionId(1)}), int64_t(7));
    QCOMPARE(committed->at({"cg-orders", PartitionId(0)}), int64_t(10));

    // Issue 14: --export writes Kafka's CSV plan; --from-file applies one (clamped into the log like --to-offset).
    ToolRun exported = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                            "--topic", "cg-orders", "--to-earliest", "--dry-run", "--export"});
    ITEST_VERIFY_RUN(exported, fx_.get());
    QCOMPARE(Lines(exported.out), (QStringList{"cg-orders,0,0", "cg-orders,1,0"}));
    QTemporaryDir dir;
    const QString plan = dir.filePath("plan.csv");
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("cg-orders,0,4\ncg-orders,1,999999\n");
    file.close();
    ToolRun from_file = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                             "--from-file", plan, "--execute"});
    ITEST_VERIFY_RUN(from_file, fx_.get());
    committed = client_->FetchCommittedOffsets("cg-lag");
    QCOMPARE(committed->at({"cg-orders", PartitionId(0)}), int64_t(4));
    QCOMPARE(committed->at({"cg-orders", PartitionId(1)}), int64_t(10));  // the log end, as Kafka clamps
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("cg-orders,zero,4\n");
    file.close();
    ToolRun bad_plan = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-lag",
                            "--from-file", plan, "--execute"});
    QCOMPARE(bad_plan.exit_code, 2);
    QVERIFY2(bad_plan.err.contains("line 1"), bad_plan.err.constData());

    ToolRun types = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list", "--type", "--timeout", "10000"});
    ITEST_VERIFY_RUN(types, fx_.get());
    QVERIFY2(QString::fromUtf8(types.out).contains(QRegularExpression("cg-lag +Classic\n")), types.out.constData());
    ToolRun consumer_type = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list", "--type", "consumer"});
    ITEST_VERIFY_RUN(consumer_type, fx_.get());
    QCOMPARE(Lines(consumer_type.out).size(), 1);  // the header: no KIP-848 groups here
  }

  void deleteOffsetsAndGroups() {
    // An admin commit creates a group that never had members.
    ToolRun latest = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "cg-admin",
                          "--topic", "cg-orders", "--to-latest", "--execute"});
    ITEST_VERIFY_RUN(latest, fx_.get());
    ToolRun del_off = Cli({"consumer-groups", "--bootstrap-server", bs_, "--delete-offsets", "--group", "cg-admin",
                           "--topic", "cg-orders:0"});
    ITEST_VERIFY_RUN(del_off, fx_.get());
    auto committed = client_->FetchCommittedOffsets("cg-admin");
    QVERIFY2(committed.ok(), committed.status().message().c_str());
    QCOMPARE(committed->size(), size_t(1));
    QCOMPARE(committed->begin()->first.partition.value, 1);
    QCOMPARE(committed->begin()->second, int64_t(kProduced / 2));

    ToolRun del = Cli({"consumer-groups", "--bootstrap-server", bs_, "--delete", "--group", "cg-lag", "--group",
                       "cg-admin"});
    ITEST_VERIFY_RUN(del, fx_.get());
    QVERIFY2(del.out.contains("Deletion of requested consumer groups ('cg-lag', 'cg-admin') was successful."),
             del.out.constData());
    ToolRun list = Cli({"consumer-groups", "--bootstrap-server", bs_, "--list"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(!Lines(list.out).contains("cg-lag") && !Lines(list.out).contains("cg-admin"), list.out.constData());
    ToolRun gone = Cli({"consumer-groups", "--bootstrap-server", bs_, "--describe", "--group", "cg-lag"});
    QCOMPARE(gone.exit_code, 1);
    QVERIFY2(gone.err.contains("Consumer group 'cg-lag' does not exist."), gone.err.constData());
    ToolRun again = Cli({"consumer-groups", "--bootstrap-server", bs_, "--delete", "--group", "cg-lag"});
    QCOMPARE(again.exit_code, 1);
    QVERIFY2(again.err.contains("cg-lag") && again.err.contains("GROUP_ID_NOT_FOUND"), again.err.constData());
  }

  void usageErrors() {
    ToolRun none = Cli({"consumer-groups", "--bootstrap-server", bs_});
    QCOMPARE(none.exit_code, 2);
    ToolRun two_specs = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "g",
                             "--all-topics", "--to-earliest", "--to-latest"});
    QCOMPARE(two_specs.exit_code, 2);
    ToolRun bad_time = Cli({"consumer-groups", "--bootstrap-server", bs_, "--reset-offsets", "--group", "g",
                            "--all-topics", "--to-datetime", "yesterday"});
    QCOMPARE(bad_time.exit_code, 2);
    QVERIFY2(bad_time.err.contains("YYYY-MM-DDTHH:mm:SS.sss"), bad_time.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestItestConsumerGroups)
#include "test_itest_consumer_groups.moc"
