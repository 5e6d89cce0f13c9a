// Integration: the Schema Registry of a 3-broker cluster (real partita-broker processes and ZooKeeper), issue 15.
// Every broker serves it; writes sent to a follower are forwarded to the leader of `_schemas`-0 and read back
// from the follower at once; confluent_kafka's SchemaRegistryClient and serializers work against a follower;
// killing the leader (kill -9) moves the writer to another broker, which fences with a NOOP first: later
// registrations through the survivors get new ids, unique and increasing, and every survivor serves them all.
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestClusterSchemaRegistry : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  // The registry URL broker `id` logged most recently.
  QString RegistryUrl(int id) {
    QFile f(c_->dir() + "/cluster/broker-" + QString::number(id) + "/broker.log");
    if (!f.open(QIODevice::ReadOnly)) return {};
    static const QRegularExpression re("schema registry at (http://127\\.0\\.0\\.1:\\d+)");
    QString url;
    for (auto it = re.globalMatch(QString::fromUtf8(f.readAll())); it.hasNext();) url = it.next().captured(1);
    return url;
  }

  // Registers a new version of `subject` through broker `id`; its id, or -1 (with the failure in *why).
  int Register(int id, const QString& subject, const QString& field, QString* why) {
    ToolRun run = RunPythonScript("schema_registry_check.py",
                                  {"register", "--registry", RegistryUrl(id), "--subject", subject, "--field", field},
                                  120000);
    const QJsonObject summary = LastJsonLine(run.out);
    if (!run.ok() || !summary.value("ok").toBool()) {
      *why = run.Describe();
      return -1;
    }
    return summary.value("id").toInt();
  }

  QString Versions(int id, const QString& subject) {
    ToolRun run = RunTool("curl", {"-sS", RegistryUrl(id) + "/subjects/" + subject + "/versions"}, 30000);
    return run.ok() ? QString::fromUtf8(run.out).trimmed() : run.Describe();
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingClusterTools());
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka.schema_registry", "python3-requests"));
    ITEST_REQUIRE(MissingPythonModule("avro", "python3-avro"));
    ITEST_REQUIRE(MissingPythonModule("jsonschema", "python3-jsonschema"));
  }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("%s", qPrintable(c_->AllLogTails()));
    c_.reset();
  }

  void writesForwardedAndIdsSurviveLeaderLoss() {
    auto started = ClusterUnderTest::Start({{"schema.registry.listeners", "http://127.0.0.1:0"},
                                            {"auto.create.topics.enable", "true"},
                                            {"replica.lag.time.max.ms", "3000"}});
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    c_ = std::move(*started);
    // Each broker starts its registry once it has settled, a moment after it registers.
    for (int id = 1; id <= 3; ++id) {
      QVERIFY2(WaitUntil([&] { return !RegistryUrl(id).isEmpty(); }, 30000), qPrintable(c_->AllLogTails()));
    }

    // One registration through each broker: the first creates `_schemas` (replication factor 3).
    QList<int> ids;
    QString why;
    for (int id = 1; id <= 3; ++id) {
      const int schema_id = Register(id, "evolving", QString("via_%1").arg(id), &why);
      QVERIFY2(schema_id > 0, qPrintable(why));
      ids << schema_id;
      // Read-your-write on the broker written to, leader or not.
      QCOMPARE(Versions(id, "evolving").count(','), id - 1);
    }
    auto p = c_->Partition("_schemas", 0);
    QVERIFY(p);
    QCOMPARE(static_cast<int>(p->replicas.size()), 3);
    const int leader = p->leader;
    QVERIFY(leader >= 1 && leader <= 3);
    const int follower = leader % 3 + 1;

    // Real clients against a follower: every write goes through the leader.
    ToolRun clients = RunPythonScript("schema_registry_check.py",
                                      {"clients", "--registry", RegistryUrl(follower), "--bootstrap", c_->bs(),
                                       "--topic", "people"},
                                      300000);
    ITEST_CHECK_RUN(clients, c_->AllLogTails());
    for (const auto& v : LastJsonLine(clients.out).value("ids").toArray()) ids << v.toInt();

    // The leader dies: the survivors elect another; registrations through both go on with fresh ids.
    ITEST_VERIFY_STATUS(c_->cluster().KillBroker(leader), nullptr);
    for (int id = 1; id <= 3; ++id) {
      if (id == leader) continue;
      const int schema_id = Register(id, "evolving", QString("after_kill_via_%1").arg(id), &why);
      QVERIFY2(schema_id > 0, qPrintable(why + c_->AllLogTails()));
      ids << schema_id;
    }
    auto after = c_->Partition("_schemas", 0);
    QVERIFY(after && after->leader != leader && after->leader > 0);
    QSet<int> unique;
    for (int i = 0; i < ids.size(); ++i) {
      unique.insert(ids[i]);
      if (i > 0) QVERIFY2(ids[i] > ids[i - 1], qPrintable(QString("ids not increasing at %1").arg(i)));
    }
    QCOMPARE(unique.size(), ids.size());
    for (int id = 1; id <= 3; ++id) {
      if (id == leader) continue;
      QVERIFY2(WaitUntil([&] { return Versions(id, "evolving") == "[1,2,3,4,5]"; }, 30000),
               qPrintable(Versions(id, "evolving")));
    }
  }
};

QTEST_GUILESS_MAIN(TestItestClusterSchemaRegistry)
#include "test_itest_cluster_schema_registry.moc"
