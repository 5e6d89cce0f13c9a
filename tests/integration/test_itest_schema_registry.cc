// Integration: the Schema Registry served by one real partita-broker (BrokerFixture: real ZooKeeper, the broker
// as a child process), issue 15, driven by real clients:
//  - confluent_kafka's SchemaRegistryClient and JSON Schema serializers, python3-avro for Avro records
//    (scripts/schema_registry_check.py): register, same schema same id, 409 under BACKWARD, per-subject config,
//    lookup, test_compatibility, Confluent's error codes, records produced and consumed through the broker.
//  - curl: the REST calls people type, the status and error_code of each failure, a body over
//    schema.registry.max.request.bytes (413), keep-alive (two requests over one connection).
//  - partita-cli schemas: the same calls from the command line.
//  - a broker restart: ids and versions come back from `_schemas`, and the next id continues after them.
//  - HTTPS and Basic authentication: an https:// listener with a CA made at test time
//    (scripts/make_test_certs.sh), users from a SASL listener's PLAIN JAAS accounts and from SCRAM credentials in
//    ZooKeeper; curl and confluent_kafka's SchemaRegistryClient with the right credentials, wrong ones (401 with
//    Confluent's body) and none; plain http to the https port gets no HTTP answer.
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/cluster/zookeeper_server.h"
#include "engine/common/clock.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

struct CurlAnswer {
  int status = 0;
  QJsonObject body;
  QByteArray raw;
  QString describe;
};

// One curl call; the HTTP status and the JSON body (an object, or {"array": [...]} for an array).
CurlAnswer Curl(const QString& method, const QString& url, const QByteArray& body = {}, const QStringList& extra = {}) {
  QStringList args = QStringList{"-sS", "-X", method, "-o", "-", "-w", "\n%{http_code}", url} + extra;
  if (!body.isNull()) args << "-H" << "Content-Type: application/vnd.schemaregistry.v1+json" << "--data-binary" << "@-";
  ToolRun run = RunTool("curl", args, 60000, body);
  CurlAnswer a;
  a.describe = run.Describe();
  if (!run.ok()) return a;
  const int nl = run.out.lastIndexOf('\n');
  a.status = run.out.mid(nl + 1).trimmed().toInt();
  a.raw = run.out.left(nl);
  const QJsonDocument doc = QJsonDocument::fromJson(a.raw);
  if (doc.isObject()) a.body = doc.object();
  if (doc.isArray()) a.body = QJsonObject{{"array", doc.array()}};
  return a;
}

QByteArray SchemaBody(const QString& fields) {
  const QString schema = "{\"type\":\"record\",\"name\":\"Event\",\"fields\":[" + fields + "]}";
  return QJsonDocument(QJsonObject{{"schema", schema}}).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestItestSchemaRegistry : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QString url_;

  void StartBroker() {
    auto started = BrokerFixture::Start(BrokerOptions{
        .broker_id = 1,
        .num_partitions = 1,
        .properties = {{"schema.registry.listeners", "http://127.0.0.1:0"},
                       {"schema.registry.max.request.bytes", "65536"}}});
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    fx_ = std::move(*started);
    const int port = SchemaRegistryPortFromLog(*fx_);
    QVERIFY2(port > 0, qPrintable("no schema registry listener in the log" + BrokerContext(fx_.get())));
    url_ = QString("http://127.0.0.1:%1").arg(port);
  }

 private slots:
  void init() {
    ITEST_REQUIRE(MissingPythonModule("confluent_kafka.schema_registry", "python3-requests"));
    ITEST_REQUIRE(MissingPythonModule("avro", "python3-avro"));
    ITEST_REQUIRE(MissingPythonModule("jsonschema", "python3-jsonschema"));
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void realClientsRegisterProduceAndConsume() {
    StartBroker();
    if (QTest::currentTestFailed()) return;
    ToolRun run = RunPythonScript("schema_registry_check.py",
                                  {"clients", "--registry", url_, "--bootstrap", Q(fx_->bootstrap()), "--topic", "users"},
                                  240000);
    ITEST_VERIFY_RUN(run, fx_.get());
    const QJsonObject summary = LastJsonLine(run.out);
    QVERIFY2(summary.value("ok").toBool(), run.out.constData());
    const QJsonArray ids = summary.value("ids").toArray();
    QCOMPARE(ids.size(), 4);
    for (int i = 1; i < ids.size(); ++i) QVERIFY2(ids[i].toInt() > ids[i - 1].toInt(), run.out.constData());
  }

  void restErrorsLimitsAndRestart() {
    StartBroker();
    if (QTest::currentTestFailed()) return;
    CurlAnswer a = Curl("GET", url_ + "/subjects");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.raw, QByteArray("[]"));
    a = Curl("POST", url_ + "/subjects/events-value/versions", SchemaBody("{\"name\":\"a\",\"type\":\"int\"}"));
    QVERIFY2(a.status == 200, qPrintable(a.describe + a.raw));
    const int first_id = a.body.value("id").toInt();
    QVERIFY(first_id > 0);
    a = Curl("GET", url_ + "/subjects/nope/versions");
    QCOMPARE(a.status, 404);
    QCOMPARE(a.body.value("error_code").toInt(), 40401);
    a = Curl("GET", url_ + "/subjects/events-value/versions/7");
    QCOMPARE(a.status, 404);
    QCOMPARE(a.body.value("error_code").toInt(), 40402);
    a = Curl("GET", url_ + "/schemas/ids/4242");
    QCOMPARE(a.status, 404);
    QCOMPARE(a.body.value("error_code").toInt(), 40403);
    a = Curl("POST", url_ + "/subjects/events-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"recrd\\\"}\"}");
    QCOMPARE(a.status, 422);
    QCOMPARE(a.body.value("error_code").toInt(), 42201);
    a = Curl("POST", url_ + "/subjects/events-value/versions", "{not json");
    QCOMPARE(a.status, 400);
    a = Curl("PUT", url_ + "/config/events-value", "{\"compatibility\":\"SIDEWAYS\"}");
    QCOMPARE(a.status, 422);
    QCOMPARE(a.body.value("error_code").toInt(), 42203);
    a = Curl("POST", url_ + "/subjects/events-value/versions", SchemaBody("{\"name\":\"b\",\"type\":\"string\"}"));
    QCOMPARE(a.status, 409);
    QCOMPARE(a.body.value("error_code").toInt(), 409);
    a = Curl("PUT", url_ + "/config/events-value", "{\"compatibility\":\"NONE\"}");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body.value("compatibility").toString(), QString("NONE"));
    a = Curl("POST", url_ + "/subjects/events-value/versions", SchemaBody("{\"name\":\"b\",\"type\":\"string\"}"));
    QCOMPARE(a.status, 200);
    const int second_id = a.body.value("id").toInt();
    QVERIFY(second_id > first_id);

    // A body over schema.registry.max.request.bytes is refused before it is read; the registry goes on.
    const QByteArray big = SchemaBody("{\"name\":\"x\",\"type\":\"string\",\"doc\":\"" + QString(70000, 'd') + "\"}");
    a = Curl("POST", url_ + "/subjects/big/versions", big);
    QCOMPARE(a.status, 413);
    QCOMPARE(Curl("GET", url_ + "/subjects/big/versions").body.value("error_code").toInt(), 40401);

    // Keep-alive: curl sends both requests over one connection.
    ToolRun two = RunTool("curl", {"-sS", "-v", url_ + "/schemas/types", url_ + "/config"}, 60000);
    ITEST_VERIFY_RUN(two, fx_.get());
    QVERIFY2(two.err.contains("Re-using existing connection"), two.err.constData());
    QVERIFY2(two.out.contains("AVRO") && two.out.contains("BACKWARD"), two.out.constData());

    // Restart: state replays from `_schemas`; the next id continues after the highest.
    ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    ITEST_VERIFY_STATUS(fx_->StartBroker(), fx_.get());
    url_ = QString("http://127.0.0.1:%1").arg(SchemaRegistryPortFromLog(*fx_));
    a = Curl("GET", url_ + "/subjects/events-value/versions");
    QVERIFY2(a.status == 200, qPrintable(a.describe + a.raw));
    QCOMPARE(a.raw, QByteArray("[1,2]"));
    a = Curl("GET", url_ + QString("/schemas/ids/%1").arg(second_id));
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.value("schema").toString().contains("\"b\""));
    QCOMPARE(Curl("GET", url_ + "/config/events-value").body.value("compatibilityLevel").toString(), QString("NONE"));
    a = Curl("POST", url_ + "/subjects/other-value/versions", SchemaBody("{\"name\":\"c\",\"type\":\"long\"}"));
    QVERIFY2(a.status == 200, qPrintable(a.describe + a.raw));
    QVERIFY2(a.body.value("id").toInt() > second_id, a.raw.constData());
  }

  // HTTPS with the broker's TLS settings, Basic credentials checked against the broker's users.
  void httpsAndBasicAuth() {
    QTemporaryDir certs;
    QVERIFY(certs.isValid());
    ToolRun made = RunTool("sh", {ScriptPath("make_test_certs.sh"), certs.path()}, 120000);
    QVERIFY2(made.ok(), qPrintable("generating certificates with the openssl CLI failed: " + made.Describe()));
    const QString ca = certs.path() + "/ca.pem";
    auto sasl_port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(sasl_port.ok());
    BrokerOptions o{.broker_id = 1, .num_partitions = 1};
    // A PLAIN listener's JAAS accounts and the SCRAM users in ZooKeeper are the registry's users.
    o.extra_listeners = {"SASL_PLAINTEXT://127.0.0.1:" + std::to_string(*sasl_port)};
    o.properties = {
        {"sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256"},
        {"listener.name.sasl_plaintext.plain.sasl.jaas.config",
         "org.apache.kafka.common.security.plain.PlainLoginModule required user_alice=\"alice-secret\";"},
        {"schema.registry.listeners", "https://127.0.0.1:0"},
        {"schema.registry.ssl.keystore.type", "PEM"},
        {"schema.registry.ssl.keystore.location", (certs.path() + "/server-keystore.pem").toStdString()},
        {"schema.registry.ssl.key.password", "keypass"},
        {"schema.registry.authentication.method", "BASIC"}};
    ITEST_START(fx_, o);
    const int port = SchemaRegistryPortFromLog(*fx_);
    QVERIFY2(port > 0, qPrintable("no schema registry listener in the log" + BrokerContext(fx_.get())));
    QVERIFY2(fx_->BrokerLog().find("schema registry at https://") != std::string::npos, fx_->BrokerLog().c_str());
    const QString https = QString("https://127.0.0.1:%1").arg(port);
    const QStringList tls{"--cacert", ca};

    CurlAnswer a = Curl("GET", https + "/subjects", {}, tls + QStringList{"-u", "alice:alice-secret"});
    QVERIFY2(a.status == 200, qPrintable(a.describe + a.raw));
    QCOMPARE(a.raw, QByteArray("[]"));
    a = Curl("POST", https + "/subjects/tls-value/versions", SchemaBody("{\"name\":\"a\",\"type\":\"int\"}"),
             tls + QStringList{"-u", "alice:alice-secret"});
    QVERIFY2(a.status == 200 && a.body.value("id").toInt() > 0, qPrintable(a.describe + a.raw));
    for (const QStringList& denied : {QStringList{"-u", "alice:wrong"}, QStringList{"-u", "mallory:alice-secret"},
                                      QStringList{}}) {
      a = Curl("GET", https + "/subjects", {}, tls + denied);
      QVERIFY2(a.status == 401, qPrintable(denied.join(' ') + ": " + a.describe + a.raw));
      QCOMPARE(a.body.value("error_code").toInt(), 401);
      QCOMPARE(a.body.value("message").toString(), QString("Unauthorized"));
    }
    // A refused write changes nothing.
    a = Curl("POST", https + "/subjects/tls-value/versions", SchemaBody("{\"name\":\"b\",\"type\":\"int\"}"),
             tls + QStringList{"-u", "alice:wrong"});
    QCOMPARE(a.status, 401);
    a = Curl("GET", https + "/subjects/tls-value/versions", {}, tls + QStringList{"-u", "alice:alice-secret"});
    QCOMPARE(a.raw, QByteArray("[1]"));
    // Plain http to the https port: the TLS handshake fails and the connection closes without an HTTP answer.
    ToolRun plain = RunTool("curl", {"-sS", "-o", "-", "-w", "%{http_code}", QString("http://127.0.0.1:%1/subjects").arg(port)},
                            60000);
    QVERIFY2(!plain.ok() && !plain.out.contains("HTTP/") && plain.out.trimmed() == "000", qPrintable(plain.Describe()));
    // A certificate from a CA curl does not trust is refused by the client.
    ToolRun untrusted = RunTool("curl", {"-sS", "--cacert", certs.path() + "/other-ca.pem", "-u", "alice:alice-secret",
                                         https + "/subjects"}, 60000);
    QVERIFY2(!untrusted.ok(), qPrintable(untrusted.Describe()));

    // A SCRAM user created through Kafka's API reaches the registry through ZooKeeper's change notification.
    const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
    ToolRun alter = RunTool(cli, {"configs", "--bootstrap-server", Q(fx_->bootstrap()), "--entity-type", "users",
                                  "--entity-name", "bob", "--alter", "--add-config",
                                  "SCRAM-SHA-256=[iterations=4096,password=bob-secret]"}, 60000);
    ITEST_VERIFY_RUN(alter, fx_.get());
    const int64_t deadline = MonotonicMs() + 30000;
    do {
      a = Curl("GET", https + "/subjects", {}, tls + QStringList{"-u", "bob:bob-secret"});
    } while (a.status == 401 && MonotonicMs() < deadline);
    QVERIFY2(a.status == 200, qPrintable(a.describe + a.raw));
    QCOMPARE(Curl("GET", https + "/subjects", {}, tls + QStringList{"-u", "bob:alice-secret"}).status, 401);

    // confluent_kafka's SchemaRegistryClient over https with basic.auth.user.info, for both kinds of user.
    for (const auto& [user, password] : {std::pair{"alice", "alice-secret"}, std::pair{"bob", "bob-secret"}}) {
      ToolRun run = RunPythonScript("schema_registry_check.py", {"secure", "--registry", https, "--ca", ca, "--user",
                                                                 user, "--password", password}, 240000);
      ITEST_VERIFY_RUN(run, fx_.get());
      QVERIFY2(LastJsonLine(run.out).value("ok").toBool(), run.out.constData());
    }
  }

  // partita-cli schemas against the same registry: register from a file, compatibility, list, get, config.
  void cliVerbs() {
    StartBroker();
    if (QTest::currentTestFailed()) return;
    const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
    QTemporaryDir dir;
    const auto write = [&](const QString& name, const QByteArray& text) {
      QFile f(dir.path() + "/" + name);
      f.open(QIODevice::WriteOnly);
      f.write(text);
      return f.fileName();
    };
    const QString v1 = write("v1.avsc", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    const QString bad = write("bad.avsc", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                                          "{\"name\":\"b\",\"type\":\"string\"}]}");
    const auto run = [&](const QStringList& args) { return RunTool(cli, QStringList{"schemas", "--registry", url_} + args, 60000); };
    ToolRun r = run({"--register", "--subject", "t-value", "--schema-file", v1});
    ITEST_VERIFY_RUN(r, fx_.get());
    QCOMPARE(r.out.trimmed(), QByteArray("{\"id\":1}"));
    r = run({"--compatibility", "--subject", "t-value", "--schema-file", bad});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.out.startsWith("incompatible\n") && r.out.contains("READER_FIELD_MISSING_DEFAULT_VALUE"), r.out.constData());
    r = run({"--list"});
    QCOMPARE(r.out, QByteArray("t-value\n"));
    r = run({"--get", "--subject", "t-value", "--version", "latest"});
    ITEST_VERIFY_RUN(r, fx_.get());
    QVERIFY2(r.out.contains("\"version\": 1"), r.out.constData());
    r = run({"--get", "--id", "99"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("error code 40403"), r.err.constData());
    r = run({"--config", "--subject", "t-value", "--level", "NONE"});
    ITEST_VERIFY_RUN(r, fx_.get());
    QCOMPARE(run({"--config", "--subject", "t-value"}).out, QByteArray("NONE\n"));
    QCOMPARE(run({"--config"}).out, QByteArray("BACKWARD\n"));
    r = run({"--register", "--subject", "t-value", "--schema-file", bad});
    ITEST_VERIFY_RUN(r, fx_.get());
    QCOMPARE(run({"--versions", "--subject", "t-value"}).out, QByteArray("1\n2\n"));
    QCOMPARE(run({"--list", "--get"}).exit_code, 2);
  }
};

QTEST_GUILESS_MAIN(TestItestSchemaRegistry)
#include "test_itest_schema_registry.moc"
