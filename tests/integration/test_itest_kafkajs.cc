// Integration: kafkajs 2.2.4 (Node.js, its own protocol implementation) and @kafkajs/confluent-schema-registry
// against real partita-broker processes (BrokerFixture: real ZooKeeper, the broker as a child process). The node
// scripts live in tests/integration/node (package-lock.json pins every package; `npm ci` installs them once
// under the build tree, see node_client.h); each checks its scenario itself and prints a JSON summary.
//  - idempotent producer (acks=-1, gzip batches, keys, headers, timestamps) and a group reading it all back
//    exactly (node/produce_consume_check.js);
//  - two members of one group: rebalance on join and on leave, disjoint assignments covering the topic, committed
//    offsets resumed after a restart (node/group_rebalance_check.js);
//  - the admin client: topics, configs, partitions, offsets, deleteRecords, groups, cluster, ACLs with the ACL
//    authorizer on (node/admin_check.js);
//  - transactions: consume-transform-produce with sendOffsets, an aborted transaction invisible to read_committed,
//    a zombie producer fenced by its successor (node/transactions_check.js);
//  - SSL, SASL_SSL with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (certificates made by scripts/make_test_certs.sh,
//    SCRAM credentials by partita-cli), and a wrong password refused with kafkajs' SASL error
//    (node/secure_check.js);
//  - the broker's Schema Registry: Avro, Protobuf and JSON Schema registered, encoded, produced, consumed and
//    decoded; an incompatible Avro evolution refused under BACKWARD; getRegistryIdBySchema of a schema registered
//    with a reference, sent with the reference resolved (node/schema_registry_check.js).
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

#include "engine/cluster/zookeeper_server.h"
#include "engine/common/clock.h"
#include "tests/integration/itest_util.h"
#include "tests/integration/node_client.h"

using namespace partita;
using namespace partita::itest;

namespace {

constexpr int kScriptTimeoutMs = 180000;

// Group rebalances within a second instead of Kafka's 3 s initial delay.
BrokerOptions FastGroupsBroker() {
  return BrokerOptions{.properties = {{"group.initial.rebalance.delay.ms", "200"}}};
}

}  // namespace

class TestItestKafkajs : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  // The secured broker serves every row of securedListeners and wrongPasswordRefused (started once).
  std::unique_ptr<BrokerFixture> secure_fx_;
  int ssl_port_ = 0;
  int sasl_ssl_port_ = 0;
  QTemporaryDir certs_;
  QElapsedTimer timer_;

  // Runs a node script and fails the slot unless it exits 0 with "ok": true; returns its summary (nothing then).
  std::optional<QJsonObject> RunCheck(const QString& script, const QStringList& args, const BrokerFixture* fx) {
    ToolRun run = RunNodeScript(script, args, kScriptTimeoutMs);
    const QJsonObject summary = LastJsonLine(run.out);
    if (!run.ok() || !summary.value("ok").toBool()) {
      QTest::qFail(qPrintable(run.Describe() + BrokerContext(fx)), __FILE__, __LINE__);
      return std::nullopt;
    }
    qInfo("%s: %s (%.1f s)", qPrintable(script), run.out.trimmed().split('\n').last().constData(),
          run.elapsed_ms / 1000.0);
    return summary;
  }

  QString Cert(const char* name) const { return certs_.path() + "/" + name; }
  QString Cli() const { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }

  // One broker with an SSL listener and a SASL_SSL listener offering PLAIN (alice, from the JAAS config) and
  // SCRAM-SHA-256/512 (carol, created with partita-cli as kafka-configs.sh would).
  void StartSecureBroker() {
    if (secure_fx_) return;
    auto ssl = cluster::ZooKeeperServer::PickFreePort();
    auto sasl = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(ssl.ok() && sasl.ok());
    ssl_port_ = *ssl;
    sasl_ssl_port_ = *sasl;
    BrokerOptions o = FastGroupsBroker();
    o.extra_listeners = {"SSL://127.0.0.1:" + std::to_string(ssl_port_),
                         "SASL_SSL://127.0.0.1:" + std::to_string(sasl_ssl_port_)};
    o.properties.insert(o.properties.end(),
        {{"sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512"},
         {"listener.name.sasl_ssl.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" "
          "password=\"alice-secret\" user_alice=\"alice-secret\";"},
         {"ssl.keystore.type", "PEM"},
         {"ssl.keystore.location", Cert("server-keystore.pem").toStdString()},
         {"ssl.key.password", "keypass"}});
    ITEST_START(secure_fx_, o);
    ToolRun alter = RunTool(Cli(), {"configs", "--bootstrap-server", Q(secure_fx_->bootstrap()), "--entity-type",
                                    "users", "--entity-name", "carol", "--alter", "--add-config",
                                    "SCRAM-SHA-256=[password=carol-secret],SCRAM-SHA-512=[password=carol-secret]"},
                            60000);
    ITEST_VERIFY_RUN(alter, secure_fx_.get());
    // The broker learns new credentials through ZooKeeper's change notification, moments after the write.
    for (const char* mechanism : {"SCRAM-SHA-256", "SCRAM-SHA-512"}) {
      const bool known = WaitUntil([&] {
        return RunTool("kcat", {"-b", SaslSslBootstrap(), "-L", "-m", "5", "-X", "security.protocol=SASL_SSL", "-X",
                                QString("sasl.mechanisms=") + mechanism, "-X", "sasl.username=carol", "-X",
                                "sasl.password=carol-secret", "-X", "ssl.ca.location=" + Cert("ca.pem")},
                       30000).ok();
      }, 30000);
      QVERIFY2(known, qPrintable(QString("carol cannot log in with %1").arg(mechanism) +
                                 BrokerContext(secure_fx_.get())));
    }
  }
  QString SaslSslBootstrap() const { return QString("127.0.0.1:%1").arg(sasl_ssl_port_); }

  // node secure_check.js arguments for a data row: TLS always, SASL unless the mechanism is empty.
  QStringList SecureArgs(const QString& mechanism, const QString& user, const QString& password) const {
    QStringList args = {"--ca", Cert("ca.pem")};
    if (mechanism.isEmpty()) return args + QStringList{"--bootstrap", QString("127.0.0.1:%1").arg(ssl_port_)};
    return args + QStringList{"--bootstrap", SaslSslBootstrap(), "--mechanism", mechanism, "--user", user,
                              "--password", password};
  }

  // Starts fx_ with `options`, then runs `script --bootstrap <it> --topic <topic> <args>` (see RunCheck).
  std::optional<QJsonObject> RunOnNewBroker(const QString& script, const QString& topic, const BrokerOptions& options,
                                            const QStringList& args = {}) {
    auto started = BrokerFixture::Start(options);
    if (!started.ok()) {
      QTest::qFail(started.status().ToString().c_str(), __FILE__, __LINE__);
      return std::nullopt;
    }
    fx_ = std::move(*started);
    return RunCheck(script, QStringList{"--bootstrap", Q(fx_->bootstrap()), "--topic", topic} + args, fx_.get());
  }

  // secure_check.js for the current data row's login on the secure broker (started by the first row).
  std::optional<QJsonObject> RunSecureCheck(bool right_password, const QStringList& extra) {
    QFETCH(QString, mechanism);
    QFETCH(QString, user);
    StartSecureBroker();
    if (QTest::currentTestFailed()) return std::nullopt;
    return RunCheck("secure_check.js",
                    SecureArgs(mechanism, user, right_password ? user + "-secret" : "not-the-password") + extra,
                    secure_fx_.get());
  }

  // Columns mechanism (kafkajs' name; empty: TLS only) and user, a row per login the secure broker offers.
  static void AddLoginRows(bool with_plain_ssl) {
    QTest::addColumn<QString>("mechanism");
    QTest::addColumn<QString>("user");
    if (with_plain_ssl) QTest::newRow("SSL") << "" << "";
    QTest::newRow("SASL_SSL PLAIN") << "plain" << "alice";
    QTest::newRow("SASL_SSL SCRAM-SHA-256") << "scram-sha-256" << "carol";
    QTest::newRow("SASL_SSL SCRAM-SHA-512") << "scram-sha-512" << "carol";
  }

 private slots:
  void initTestCase() {
    const QString missing = InstallNodePackages();
    QVERIFY2(missing.isEmpty(), qPrintable(missing));
    ITEST_REQUIRE(MissingKcat());
    QVERIFY(certs_.isValid());
    ToolRun made = RunTool("sh", {ScriptPath("make_test_certs.sh"), certs_.path()}, 120000);
    QVERIFY2(made.ok(), qPrintable("generating certificates with the openssl CLI failed: " + made.Describe()));
  }
  void init() { timer_.start(); }
  void cleanup() {
    fx_.reset();
    qInfo("wall time of %s %s: %.1f s", QTest::currentTestFunction(),
          QTest::currentDataTag() ? QTest::currentDataTag() : "", timer_.elapsed() / 1000.0);
  }
  void cleanupTestCase() { secure_fx_.reset(); }

  void idempotentGzipProduceAndGroupConsume() {
    const auto s = RunOnNewBroker("produce_consume_check.js", "orders", FastGroupsBroker(),
                                  {"--batches", "10", "--per-batch", "100"});
    if (s) QCOMPARE(s->value("read").toInt(), 1000);
  }

  void groupRebalanceAndCommittedOffsets() {
    const auto s = RunOnNewBroker("group_rebalance_check.js", "clicks", FastGroupsBroker());
    if (s) QCOMPARE(s->value("resumed").toInt(), 100);
  }

  // The ACL authorizer is on (kafkajs' own client is the super user User:ANONYMOUS on PLAINTEXT), and topics
  // are never auto-created, so a deleted topic's metadata answers UNKNOWN_TOPIC_OR_PARTITION.
  void adminClient() {
    BrokerOptions o = FastGroupsBroker();
    o.auto_create_topics = false;
    o.properties.insert(o.properties.end(), {{"authorizer.class.name", "kafka.security.authorizer.AclAuthorizer"},
                                             {"super.users", "User:ANONYMOUS"}});
    const auto s = RunOnNewBroker("admin_check.js", "inventory", o);
    if (s) QVERIFY(!s->value("cluster_id").toString().isEmpty());
  }

  void transactionsConsumeTransformProduce() {
    BrokerOptions o = FastGroupsBroker();
    o.properties.insert(o.properties.end(), {{"transaction.state.log.num.partitions", "4"},
                                             {"offsets.topic.num.partitions", "4"}});
    const auto s = RunOnNewBroker("transactions_check.js", "payments", o);
    if (!s) return;
    QCOMPARE(s->value("read_committed").toInt(), 106);
    QCOMPARE(s->value("read_uncommitted").toInt(), 117);
  }

  void securedListeners_data() { AddLoginRows(/*with_plain_ssl=*/true); }
  void securedListeners() {
    const QString topic = "secure-" + QString(QTest::currentDataTag()).replace(' ', '-');
    const auto s = RunSecureCheck(/*right_password=*/true, {"--topic", topic});
    if (!s) return;
    QCOMPARE(s->value("read").toInt(), 200);
  }

  void wrongPasswordRefused_data() { AddLoginRows(/*with_plain_ssl=*/false); }
  void wrongPasswordRefused() {
    const auto s = RunSecureCheck(/*right_password=*/false, {"--expect-auth-failure"});
    if (!s) return;
    const QString error = s->value("auth_error").toString();
    QVERIFY2(error.contains("Authentication failed"), qPrintable(error));
    QVERIFY2(!Q(secure_fx_->BrokerLog()).contains("not-the-password"), "the broker logged a password");
  }

  void schemaRegistryRoundTrip() {
    BrokerOptions o = FastGroupsBroker();
    o.properties.push_back({"schema.registry.listeners", "http://127.0.0.1:0"});
    ITEST_START(fx_, o);
    const int port = SchemaRegistryPortFromLog(*fx_);
    QVERIFY2(port > 0, qPrintable("no schema registry listener in the log" + BrokerContext(fx_.get())));
    const auto s = RunCheck("schema_registry_check.js",
                            {"--bootstrap", Q(fx_->bootstrap()), "--registry", QString("http://127.0.0.1:%1").arg(port),
                             "--topic", "users"}, fx_.get());
    if (!s) return;
    QVERIFY2(s->value("refusal").toString().contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
             qPrintable(s->value("refusal").toString()));
  }
};

QTEST_GUILESS_MAIN(TestItestKafkajs)
#include "test_itest_kafkajs.moc"
