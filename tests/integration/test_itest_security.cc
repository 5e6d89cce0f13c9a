// Integration: secured listeners (issue 10) against a real partita-broker + ZooKeeper and real clients.
//  - a listener whose security cannot be provided (SSL without a key store, SASL, an unknown protocol, a JKS key
//    store, a wrong key password, an unmapped listener name) stops the broker with an error naming the fix;
//  - kcat, confluent_kafka and kafka-python produce and consume over SSL (the CA and certificates are made by the
//    openssl CLI at test time), and over mutual TLS with ssl.client.auth=required;
//  - a plaintext client on the TLS port, a client trusting another CA, a client without a certificate where one is
//    required, and garbage instead of a ClientHello are all served nothing;
//  - a client that never finishes its handshake is dropped after ssl.handshake.timeout.ms while others are served;
//  - SASL/PLAIN on SASL_PLAINTEXT and SASL_SSL listeners (users from listener.name.<l>.plain.sasl.jaas.config):
//    kcat, confluent_kafka and kafka-python authenticate and work; a wrong password and an unknown user get the
//    same "Authentication failed" and nothing else; a request before authentication is not answered;
//  - partita-cli reaches the SSL listener with --command-config (Kafka and librdkafka client keys), verifies the
//    broker's certificate and host, logs in with SASL/PLAIN, and says which step failed when it cannot.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/cluster/zookeeper_server.h"
#include "engine/common/clock.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

int ConnectTo(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until the peer closes or timeout_ms pass; returns the bytes and whether the peer closed.
QByteArray ReadUntilClosed(int fd, int timeout_ms, bool* closed) {
  QByteArray got;
  *closed = false;
  const int64_t deadline = MonotonicMs() + timeout_ms;
  for (;;) {
    const int64_t left = deadline - MonotonicMs();
    if (left <= 0) return got;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      *closed = true;
      return got;
    }
    got.append(buf, static_cast<int>(n));
  }
}

// A Metadata v1 request for all topics, in the clear.
QByteArray PlainMetadataRequest() {
  QByteArray body;
  auto be16 = [&](int v) { body.append(char((v >> 8) & 0xff)).append(char(v & 0xff)); };
  auto be32 = [&](int v) { be16((v >> 16) & 0xffff); be16(v & 0xffff); };
  be16(3);   // Metadata
  be16(1);   // v1
  be32(42);  // correlation id
  be16(4);
  body.append("test");
  be32(-1);  // all topics
  QByteArray frame;
  const int n = body.size();
  frame.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
  return frame + body;
}

// A second partita-broker process (id 2) next to the fixture's broker; stopped when destroyed.
struct SecondBroker {
  QTemporaryDir dir;
  QProcess process;
  int plain_port = 0;
  int sasl_port = 0;
  ~SecondBroker() {
    process.terminate();
    if (!process.waitForFinished(30000)) process.kill();
    process.waitForFinished(5000);
  }
};

}  // namespace

class TestItestSecurity : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  QTemporaryDir certs_;
  int ssl_port_ = 0;

  QString Cert(const char* name) const { return certs_.path() + "/" + name; }

  // The broker with an SSL listener next to the PLAINTEXT one the fixture probes.
  void StartSslBroker(std::vector<std::pair<std::string, std::string>> extra = {}) {
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    ssl_port_ = *port;
    BrokerOptions o;
    o.extra_listeners = {"SSL://127.0.0.1:" + std::to_string(ssl_port_)};
    o.properties = {{"ssl.keystore.type", "PEM"},
                    {"ssl.keystore.location", Cert("server-keystore.pem").toStdString()},
                    {"ssl.key.password", "keypass"},
                    {"ssl.handshake.timeout.ms", "1500"}};
    for (auto& kv : extra) o.properties.push_back(kv);
    ITEST_START(fx_, o);
  }
  QString SslBootstrap() const { return QString("127.0.0.1:%1").arg(ssl_port_); }

  // The broker with a SASL listener (PLAIN, users alice and bob) next to the PLAINTEXT one; SASL_SSL also runs TLS.
  void StartSaslBroker(const std::string& protocol) {
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    ssl_port_ = *port;
    std::string lower = protocol == "SASL_SSL" ? "sasl_ssl" : "sasl_plaintext";
    BrokerOptions o;
    o.extra_listeners = {protocol + "://127.0.0.1:" + std::to_string(ssl_port_)};
    o.properties = {{"sasl.enabled.mechanisms", "PLAIN"},
                    {"listener.name." + lower + ".plain.sasl.jaas.config",
                     "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" "
                     "password=\"alice-secret\" user_alice=\"alice-secret\" user_bob=\"bob-secret\";"},
                    {"ssl.keystore.type", "PEM"},
                    {"ssl.keystore.location", Cert("server-keystore.pem").toStdString()},
                    {"ssl.key.password", "keypass"}};
    ITEST_START(fx_, o);
  }
  QStringList KcatSasl(const QString& protocol, const QString& user, const QString& password) const {
    QStringList x = {"-X", "security.protocol=" + protocol, "-X", "sasl.mechanisms=PLAIN", "-X",
                     "sasl.username=" + user, "-X", "sasl.password=" + password};
    if (protocol == "SASL_SSL") x << "-X" << "ssl.ca.location=" + Cert("ca.pem");
    return x;
  }

  // The broker with a SASL listener offering SCRAM-SHA-256 and SCRAM-SHA-512 (credentials from ZooKeeper).
  void StartScramBroker(const std::string& protocol) {
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    ssl_port_ = *port;
    BrokerOptions o;
    o.extra_listeners = {protocol + "://127.0.0.1:" + std::to_string(ssl_port_)};
    o.properties = {{"sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512"},
                    {"ssl.keystore.type", "PEM"},
                    {"ssl.keystore.location", Cert("server-keystore.pem").toStdString()},
                    {"ssl.key.password", "keypass"}};
    ITEST_START(fx_, o);
  }
  QString Cli() const { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }
  // partita-cli against the fixture's PLAINTEXT listener.
  ToolRun CliPlain(const QStringList& args) const {
    return RunTool(Cli(), QStringList{args.front(), "--bootstrap-server", Q(fx_->bootstrap())} + args.mid(1), 60000);
  }
  QStringList KcatScram(const QString& protocol, const QString& mechanism, const QString& user,
                        const QString& password) const {
    QStringList x = KcatSasl(protocol, user, password);
    x[3] = "sasl.mechanisms=" + mechanism;
    return x;
  }
  // Waits until `user` can log in with `mechanism` (the broker learns new credentials through ZooKeeper's
  // change notification, a few milliseconds after the write); returns the last attempt.
  ToolRun WaitForScramLogin(const QString& protocol, const QString& mechanism, const QString& user,
                            const QString& password, bool expect_ok = true) const {
    const int64_t deadline = MonotonicMs() + 15000;
    for (;;) {
      ToolRun md = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-L", "-m", "5"} +
                                       KcatScram(protocol, mechanism, user, password), 30000);
      if (md.ok() == expect_ok || MonotonicMs() > deadline) return md;
    }
  }

  // Runs partita-broker on a properties text that must be refused; returns its output.
  QString RefusedStart(const QString& properties) {
    QTemporaryDir dir;
    QFile f(dir.path() + "/server.properties");
    if (!f.open(QIODevice::WriteOnly)) return "cannot write properties";
    f.write(("broker.id=1\nzookeeper.connect=127.0.0.1:1\nlog.dirs=" + dir.path() + "/logs\n" + properties).toUtf8());
    f.close();
    ToolRun run = RunTool(Q(BrokerBinaryPath()), {f.fileName()}, 30000);
    if (run.ok() || run.timed_out) return "NOT REFUSED: " + run.Describe();
    return QString::fromUtf8(run.out + run.err);
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingKcat());
    QVERIFY(certs_.isValid());
    ToolRun made = RunTool("sh", {ScriptPath("make_test_certs.sh"), certs_.path()}, 120000);
    QVERIFY2(made.ok(), qPrintable("generating certificates with the openssl CLI failed: " + made.Describe()));
  }
  void cleanup() {
    if (QTest::currentTestFailed() && fx_) qWarning("%s", qPrintable(BrokerContext(fx_.get())));
    fx_.reset();
  }

  void unprovidableListenersStopTheBroker_data() {
    QTest::addColumn<QString>("properties");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SSL without key store") << "listeners=SSL://127.0.0.1:0\n" << "ssl.keystore.location";
    QTest::newRow("SASL_PLAINTEXT") << "listeners=SASL_PLAINTEXT://127.0.0.1:0\n" << "SASL";
    QTest::newRow("SASL_SSL") << "listeners=SASL_SSL://127.0.0.1:0\n" << "SASL";
    QTest::newRow("SASL GSSAPI default") << "listeners=SASL_PLAINTEXT://127.0.0.1:0\n" << "GSSAPI";
    QTest::newRow("PLAIN without users")
        << "listeners=SASL_PLAINTEXT://127.0.0.1:0\nsasl.enabled.mechanisms=PLAIN\n"
        << "listener.name.sasl_plaintext.plain.sasl.jaas.config";
    QTest::newRow("authorizer other than Kafka's ACL authorizer")
        << "authorizer.class.name=com.example.MyAuthorizer\n" << "authorizer.class.name";
    QTest::newRow("unknown SCRAM mechanism")
        << "listeners=SASL_PLAINTEXT://127.0.0.1:0\nsasl.enabled.mechanisms=SCRAM-SHA-1\n" << "SCRAM-SHA-1";
    QTest::newRow("JAAS without users")
        << "listeners=SASL_PLAINTEXT://127.0.0.1:0\nsasl.enabled.mechanisms=PLAIN\nsasl.jaas.config="
           "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\";\n"
        << "no user_";
    QTest::newRow("unmapped listener name")
        << "listeners=SECURE://127.0.0.1:0\n" << "no security protocol defined for listener SECURE";
    QTest::newRow("unknown protocol")
        << "listeners=SECURE://127.0.0.1:0\nlistener.security.protocol.map=SECURE:TLS\n"
        << "unknown security protocol 'TLS'";
    QTest::newRow("JKS key store")
        << "listeners=SSL://127.0.0.1:0\nssl.keystore.type=JKS\nssl.keystore.location=/tmp/x.jks\n" << "PEM";
    QTest::newRow("missing key store file")
        << "listeners=SSL://127.0.0.1:0\nssl.keystore.type=PEM\nssl.keystore.location=/nonexistent/ks.pem\n"
        << "/nonexistent/ks.pem";
    QTest::newRow("inter-broker SASL mechanism not enabled")
        << "listeners=PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0\nsasl.enabled.mechanisms=SCRAM-SHA-256\n"
           "inter.broker.listener.name=SASL_PLAINTEXT\n"
        << "sasl.mechanism.inter.broker.protocol";
    QTest::newRow("inter-broker SASL without the broker's login")
        << "listeners=PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0\nsasl.enabled.mechanisms=SCRAM-SHA-256\n"
           "inter.broker.listener.name=SASL_PLAINTEXT\nsasl.mechanism.inter.broker.protocol=SCRAM-SHA-256\n"
        << "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config";
    QTest::newRow("inter broker listener not advertised")
        << "listeners=PLAINTEXT://127.0.0.1:0\ninter.broker.listener.name=INTERNAL\n" << "inter.broker.listener.name";
  }
  void unprovidableListenersStopTheBroker() {
    QFETCH(QString, properties);
    QFETCH(QString, expected);
    const QString out = RefusedStart(properties);
    QVERIFY2(out.contains(expected), qPrintable(out));
  }

  void wrongKeyPasswordStopsTheBroker() {
    const QString out = RefusedStart("listeners=SSL://127.0.0.1:0\nssl.keystore.type=PEM\nssl.keystore.location=" +
                                     Cert("server-keystore.pem") + "\nssl.key.password=wrong\n");
    QVERIFY2(out.contains("ssl.key.password"), qPrintable(out));
  }

  void kcatProducesAndConsumesOverSsl() {
    StartSslBroker();
    const QStringList tls = {"-X", "security.protocol=SSL", "-X", "ssl.ca.location=" + Cert("ca.pem")};
    QByteArray input;
    for (int i = 0; i < 2000; ++i) input += "k" + QByteArray::number(i) + ":value-" + QByteArray::number(i) + "\n";
    ToolRun produce = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-P", "-t", "tls-kcat", "-K:", "-X",
                                                  "acks=all"} + tls, 60000, input);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(!produce.err.contains("ERROR"), qPrintable(produce.Describe()));
    ToolRun consume = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-C", "-t", "tls-kcat", "-o", "beginning",
                                                  "-e", "-q", "-f", "%k:%s\\n"} + tls, 60000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(consume.out, input);
    // Metadata over the SSL listener advertises the SSL endpoint (the client stays on TLS).
    ToolRun md = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-L"} + tls, 60000);
    ITEST_VERIFY_RUN(md, fx_.get());
    QVERIFY2(md.out.contains(("at " + SslBootstrap()).toUtf8()), qPrintable(md.Describe()));
  }

  void pythonClientsOverSsl_data() {
    QTest::addColumn<QString>("client");
    QTest::newRow("confluent_kafka") << "confluent";
    QTest::newRow("kafka-python") << "kafka-python";
  }
  void pythonClientsOverSsl() {
    QFETCH(QString, client);
    StartSslBroker();
    QStringList sets = client == "confluent"
                           ? QStringList{"security.protocol=SSL", "ssl.ca.location=" + Cert("ca.pem")}
                           : QStringList{"security_protocol=SSL", "ssl_cafile=" + Cert("ca.pem")};
    QStringList args = {"--client", client, "--bootstrap", SslBootstrap(), "--topic", "tls-" + client, "--count",
                        "500"};
    for (const auto& s : sets) args << "--set" << s;
    ToolRun run = RunPythonScript("secure_client_check.py", args, 120000);
    ITEST_VERIFY_RUN(run, fx_.get());
  }

  void mutualTlsRequiresATrustedClientCertificate() {
    StartSslBroker({{"ssl.client.auth", "required"},
                    {"ssl.truststore.type", "PEM"},
                    {"ssl.truststore.location", Cert("ca.pem").toStdString()}});
    const QStringList base = {"-b", SslBootstrap(), "-L", "-m", "5", "-X", "security.protocol=SSL", "-X",
                              "ssl.ca.location=" + Cert("ca.pem")};
    ToolRun with_cert = RunTool("kcat", base + QStringList{"-X", "ssl.certificate.location=" + Cert("client.crt"),
                                                           "-X", "ssl.key.location=" + Cert("client.key")}, 60000);
    ITEST_VERIFY_RUN(with_cert, fx_.get());
    QVERIFY2(with_cert.out.contains("broker 1 at"), qPrintable(with_cert.Describe()));

    ToolRun without = RunTool("kcat", base, 30000);
    QVERIFY2(!without.ok() && !without.out.contains("broker 1 at"), qPrintable(without.Describe()));
    ToolRun stranger = RunTool("kcat", base + QStringList{"-X", "ssl.certificate.location=" + Cert("stranger.crt"),
                                                          "-X", "ssl.key.location=" + Cert("stranger.key")}, 30000);
    QVERIFY2(!stranger.ok() && !stranger.out.contains("broker 1 at"), qPrintable(stranger.Describe()));

    // Mutual TLS through confluent_kafka, end to end.
    ToolRun py = RunPythonScript("secure_client_check.py",
                                 {"--client", "confluent", "--bootstrap", SslBootstrap(), "--topic", "mtls",
                                  "--count", "200", "--set", "security.protocol=SSL", "--set",
                                  "ssl.ca.location=" + Cert("ca.pem"), "--set",
                                  "ssl.certificate.location=" + Cert("client.crt"), "--set",
                                  "ssl.key.location=" + Cert("client.key")},
                                 120000);
    ITEST_VERIFY_RUN(py, fx_.get());
  }

  void untrustedBrokerCertificateIsRefusedByTheClient() {
    StartSslBroker();
    ToolRun run = RunTool("kcat", {"-b", SslBootstrap(), "-L", "-m", "5", "-X", "security.protocol=SSL", "-X",
                                   "ssl.ca.location=" + Cert("other-ca.pem")}, 30000);
    QVERIFY2(!run.ok() && !run.out.contains("broker 1 at"), qPrintable(run.Describe()));
    QVERIFY2(run.err.contains("certificate verify failed") || run.err.contains("SSL"), qPrintable(run.Describe()));
  }

  // The point of the issue: a TLS listener never answers in the clear.
  void plaintextRequestOnTlsPortGetsNoAnswer() {
    StartSslBroker();
    for (const QByteArray& bytes : {PlainMetadataRequest(), QByteArray(300, 'x')}) {
      int fd = ConnectTo(ssl_port_);
      QVERIFY(fd >= 0);
      QCOMPARE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), ssize_t(bytes.size()));
      bool closed = false;
      const QByteArray got = ReadUntilClosed(fd, 10000, &closed);
      ::close(fd);
      QVERIFY2(closed, "the broker kept a connection that sent plaintext to its TLS port");
      // At most a TLS alert record (content type 21), never a Kafka response (which would start with a size
      // followed by our correlation id 42).
      QVERIFY2(got.isEmpty() || static_cast<uint8_t>(got[0]) == 21,
               qPrintable("unexpected answer to plaintext on the TLS port: " + got.toHex()));
      QVERIFY(!got.contains(QByteArray::fromHex("0000002a")));
    }
    // The plaintext listener still answers the same request (the probe above is valid Kafka).
    int fd = ConnectTo(fx_->port());
    QVERIFY(fd >= 0);
    const QByteArray req = PlainMetadataRequest();
    QCOMPARE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), ssize_t(req.size()));
    bool closed = false;
    const QByteArray got = ReadUntilClosed(fd, 2000, &closed);
    ::close(fd);
    QVERIFY2(got.size() > 8 && got.mid(4, 4) == QByteArray::fromHex("0000002a"), qPrintable(got.toHex()));
  }

  void saslPlainWithKcat_data() {
    QTest::addColumn<QString>("protocol");
    QTest::newRow("SASL_PLAINTEXT") << "SASL_PLAINTEXT";
    QTest::newRow("SASL_SSL") << "SASL_SSL";
  }
  void saslPlainWithKcat() {
    QFETCH(QString, protocol);
    StartSaslBroker(protocol.toStdString());
    const QString bs = SslBootstrap();
    QByteArray input;
    for (int i = 0; i < 500; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    ToolRun produce = RunTool("kcat", QStringList{"-b", bs, "-P", "-t", "sasl-kcat", "-K:", "-X", "acks=all"} +
                                          KcatSasl(protocol, "alice", "alice-secret"), 60000, input);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(!produce.err.contains("ERROR"), qPrintable(produce.Describe()));
    ToolRun consume = RunTool("kcat", QStringList{"-b", bs, "-C", "-t", "sasl-kcat", "-o", "beginning", "-e", "-q",
                                                  "-f", "%k:%s\\n"} + KcatSasl(protocol, "bob", "bob-secret"), 60000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(consume.out, input);
    // A wrong password and an unknown user: the same refusal, no metadata.
    for (const auto& [user, password] : {std::pair<QString, QString>{"alice", "wrong"}, {"nobody", "alice-secret"}}) {
      ToolRun md = RunTool("kcat", QStringList{"-b", bs, "-L", "-m", "5"} + KcatSasl(protocol, user, password), 30000);
      QVERIFY2(!md.ok() && !md.out.contains("broker 1 at"), qPrintable(md.Describe()));
      QVERIFY2(md.err.contains("Invalid username or password"), qPrintable(md.Describe()));
    }
  }

  void saslPlainWithPythonClients_data() {
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("protocol");
    QTest::newRow("confluent SASL_PLAINTEXT") << "confluent" << "SASL_PLAINTEXT";
    QTest::newRow("confluent SASL_SSL") << "confluent" << "SASL_SSL";
    QTest::newRow("kafka-python SASL_PLAINTEXT") << "kafka-python" << "SASL_PLAINTEXT";
    QTest::newRow("kafka-python SASL_SSL") << "kafka-python" << "SASL_SSL";
  }
  void saslPlainWithPythonClients() {
    QFETCH(QString, client);
    QFETCH(QString, protocol);
    StartSaslBroker(protocol.toStdString());
    QStringList sets;
    if (client == "confluent") {
      sets = {"security.protocol=" + protocol, "sasl.mechanisms=PLAIN", "sasl.username=bob",
              "sasl.password=bob-secret", "ssl.ca.location=" + Cert("ca.pem")};
    } else {
      sets = {"security_protocol=" + protocol, "sasl_mechanism=PLAIN", "sasl_plain_username=bob",
              "sasl_plain_password=bob-secret"};
      if (protocol == "SASL_SSL") sets << "ssl_cafile=" + Cert("ca.pem");
    }
    QStringList args = {"--client", client, "--bootstrap", SslBootstrap(), "--topic", "sasl-" + client, "--count",
                        "300"};
    for (const auto& s : sets) args << "--set" << s;
    ToolRun run = RunPythonScript("secure_client_check.py", args, 120000);
    ITEST_VERIFY_RUN(run, fx_.get());
  }

  // partita-cli logs in with SASL/PLAIN from a --command-config in Kafka's client syntax; a wrong password is
  // reported as an authentication failure.
  void partitaCliOverSaslSsl() {
    StartSaslBroker("SASL_SSL");
    const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
    auto props = [&](const QString& name, const QString& password) {
      QFile f(certs_.path() + "/" + name);
      f.open(QIODevice::WriteOnly);
      f.write(("security.protocol=SASL_SSL\nssl.truststore.type=PEM\nssl.truststore.location=" + Cert("ca.pem") +
               "\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
               "required username=\"alice\" password=\"" + password + "\";\n").toUtf8());
      return f.fileName();
    };
    ToolRun create = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                   props("sasl.properties", "alice-secret"), "--create", "--topic", "over-sasl",
                                   "--partitions", "1", "--replication-factor", "1"}, 60000);
    ITEST_VERIFY_RUN(create, fx_.get());
    ToolRun list = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                 props("sasl.properties", "alice-secret"), "--list"}, 60000);
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(list.out.contains("over-sasl"), qPrintable(list.Describe()));
    ToolRun wrong = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                  props("wrong.properties", "nope"), "--list"}, 60000);
    QVERIFY2(!wrong.ok() && wrong.err.contains("SASL authentication") &&
                 wrong.err.contains("Invalid username or password"),
             qPrintable(wrong.Describe()));
  }

  // SCRAM (KIP-84): credentials created with partita-cli configs (KIP-554) reach the broker through ZooKeeper;
  // kcat produces and consumes with them; a wrong password and an unknown user get the same refusal.
  void scramWithKcat_data() {
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("mechanism");
    QTest::newRow("SASL_PLAINTEXT SCRAM-SHA-256") << "SASL_PLAINTEXT" << "SCRAM-SHA-256";
    QTest::newRow("SASL_SSL SCRAM-SHA-512") << "SASL_SSL" << "SCRAM-SHA-512";
  }
  void scramWithKcat() {
    QFETCH(QString, protocol);
    QFETCH(QString, mechanism);
    StartScramBroker(protocol.toStdString());
    ToolRun alter = CliPlain({"configs", "--entity-type", "users", "--entity-name", "alice", "--alter",
                              "--add-config", mechanism + "=[iterations=8192,password=alice-secret]"});
    ITEST_VERIFY_RUN(alter, fx_.get());
    QVERIFY2(alter.out.contains("Completed updating config for user alice"), qPrintable(alter.Describe()));
    ToolRun login = WaitForScramLogin(protocol, mechanism, "alice", "alice-secret");
    ITEST_VERIFY_RUN(login, fx_.get());
    QByteArray input;
    for (int i = 0; i < 500; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    const QStringList auth = KcatScram(protocol, mechanism, "alice", "alice-secret");
    ToolRun produce = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-P", "-t", "scram-kcat", "-K:", "-X",
                                                  "acks=all"} + auth, 60000, input);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(!produce.err.contains("ERROR"), qPrintable(produce.Describe()));
    ToolRun consume = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-C", "-t", "scram-kcat", "-o", "beginning",
                                                  "-e", "-q", "-f", "%k:%s\\n"} + auth, 60000);
    ITEST_VERIFY_RUN(consume, fx_.get());
    QCOMPARE(consume.out, input);
    for (const auto& [user, password] : {std::pair<QString, QString>{"alice", "wrong"}, {"nobody", "alice-secret"}}) {
      ToolRun md = RunTool("kcat", QStringList{"-b", SslBootstrap(), "-L", "-m", "5"} +
                                       KcatScram(protocol, mechanism, user, password), 30000);
      QVERIFY2(!md.ok() && !md.out.contains("broker 1 at"), qPrintable(md.Describe()));
      QVERIFY2(md.err.contains("Authentication failed: Invalid user credentials"), qPrintable(md.Describe()));
    }
    // The broker never logs a password.
    QVERIFY2(!Q(fx_->BrokerLog()).contains("alice-secret"), qPrintable(BrokerContext(fx_.get())));
  }

  void scramWithPythonClients_data() {
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("mechanism");
    QTest::newRow("confluent SCRAM-SHA-256") << "confluent" << "SCRAM-SHA-256";
    QTest::newRow("confluent SCRAM-SHA-512") << "confluent" << "SCRAM-SHA-512";
    QTest::newRow("kafka-python SCRAM-SHA-256") << "kafka-python" << "SCRAM-SHA-256";
    QTest::newRow("kafka-python SCRAM-SHA-512") << "kafka-python" << "SCRAM-SHA-512";
  }
  void scramWithPythonClients() {
    QFETCH(QString, client);
    QFETCH(QString, mechanism);
    StartScramBroker("SASL_PLAINTEXT");
    ITEST_VERIFY_RUN(CliPlain({"configs", "--entity-type", "users", "--entity-name", "bob", "--alter",
                               "--add-config", mechanism + "=[password=bob-secret]"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitForScramLogin("SASL_PLAINTEXT", mechanism, "bob", "bob-secret"), fx_.get());
    QStringList sets;
    if (client == "confluent") {
      sets = {"security.protocol=SASL_PLAINTEXT", "sasl.mechanisms=" + mechanism, "sasl.username=bob",
              "sasl.password=bob-secret"};
    } else {
      sets = {"security_protocol=SASL_PLAINTEXT", "sasl_mechanism=" + mechanism, "sasl_plain_username=bob",
              "sasl_plain_password=bob-secret"};
    }
    QStringList args = {"--client", client, "--bootstrap", SslBootstrap(), "--topic", "scram-" + client, "--count",
                        "300"};
    for (const auto& s : sets) args << "--set" << s;
    ToolRun run = RunPythonScript("secure_client_check.py", args, 120000);
    ITEST_VERIFY_RUN(run, fx_.get());
  }

  // partita-cli manages SCRAM credentials as kafka-configs.sh does, lists them, logs in with them from a
  // --command-config (ScramLoginModule), and refuses Kafka's unacceptable credentials.
  void scramCredentialsWithPartitaCli() {
    StartScramBroker("SASL_PLAINTEXT");
    ToolRun alter = CliPlain({"configs", "--entity-type", "users", "--entity-name", "carol", "--alter",
                              "--add-config",
                              "SCRAM-SHA-256=[iterations=8192,password=carol-secret],SCRAM-SHA-512=[password=c2]"});
    ITEST_VERIFY_RUN(alter, fx_.get());
    ToolRun list = CliPlain({"user-scram-credentials"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(list.out.contains("SCRAM credential configs for user-principal 'carol' are "
                               "SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096"),
             qPrintable(list.Describe()));
    // kafka-configs: a user without credentials (or quotas) describes as nothing (DescribeUserScramCredentialsResult
    // .users() leaves out RESOURCE_NOT_FOUND); user-scram-credentials --user names the missing user.
    ToolRun describe = CliPlain({"configs", "--entity-type", "users", "--entity-name", "nobody", "--describe"});
    QVERIFY2(describe.ok() && !describe.out.contains("nobody"), qPrintable(describe.Describe()));
    ToolRun missing = CliPlain({"user-scram-credentials", "--user", "nobody"});
    QVERIFY2(!missing.ok() && missing.err.contains("does not exist"), qPrintable(missing.Describe()));
    // Kafka's minimum of 4096 iterations.
    ToolRun weak = CliPlain({"configs", "--entity-type", "users", "--entity-name", "dave", "--alter",
                             "--add-config", "SCRAM-SHA-256=[iterations=1000,password=x]"});
    QVERIFY2(!weak.ok() && weak.err.contains("UNACCEPTABLE_CREDENTIAL") && weak.err.contains("Too few iterations"),
             qPrintable(weak.Describe()));
    ToolRun absent = CliPlain({"configs", "--entity-type", "users", "--entity-name", "dave", "--alter",
                               "--delete-config", "SCRAM-SHA-512"});
    QVERIFY2(!absent.ok() && absent.err.contains("RESOURCE_NOT_FOUND"), qPrintable(absent.Describe()));
    // Logging in from a Kafka client properties file.
    ITEST_VERIFY_RUN(WaitForScramLogin("SASL_PLAINTEXT", "SCRAM-SHA-256", "carol", "carol-secret"), fx_.get());
    auto props = [&](const QString& name, const QString& password) {
      QFile f(certs_.path() + "/" + name);
      f.open(QIODevice::WriteOnly);
      f.write(("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.jaas.config="
               "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"carol\" password=\"" +
               password + "\";\n").toUtf8());
      return f.fileName();
    };
    ToolRun create = RunTool(Cli(), {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                     props("scram.properties", "carol-secret"), "--create", "--topic", "over-scram",
                                     "--partitions", "1", "--replication-factor", "1"}, 60000);
    ITEST_VERIFY_RUN(create, fx_.get());
    ToolRun wrong = RunTool(Cli(), {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                    props("scram-wrong.properties", "nope"), "--list"}, 60000);
    QVERIFY2(!wrong.ok() && wrong.err.contains("SASL authentication") &&
                 wrong.err.contains("Invalid user credentials"),
             qPrintable(wrong.Describe()));
    // Deleting a credential reaches the broker: the login stops working.
    ITEST_VERIFY_RUN(CliPlain({"configs", "--entity-type", "users", "--entity-name", "carol", "--alter",
                               "--delete-config", "SCRAM-SHA-256"}),
                     fx_.get());
    ToolRun gone = WaitForScramLogin("SASL_PLAINTEXT", "SCRAM-SHA-256", "carol", "carol-secret", false);
    QVERIFY2(!gone.ok(), qPrintable(gone.Describe()));
    ToolRun after = CliPlain({"user-scram-credentials", "--user", "carol"});
    ITEST_VERIFY_RUN(after, fx_.get());
    QVERIFY2(after.out.contains("are SCRAM-SHA-512=iterations=4096\n"), qPrintable(after.Describe()));
    QVERIFY2(!Q(fx_->BrokerLog()).contains("carol-secret"), qPrintable(BrokerContext(fx_.get())));
  }

  // Starts broker 2 on the fixture's ZooKeeper with a PLAINTEXT and a SASL_PLAINTEXT listener on free ports and
  // `extra` server.properties lines; returns once it serves metadata.
 private:
  void StartSecondBroker(SecondBroker* b, const QString& extra) {
    auto plain = cluster::ZooKeeperServer::PickFreePort();
    auto sasl = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(plain.ok() && sasl.ok());
    b->plain_port = *plain;
    b->sasl_port = *sasl;
    QFile props(b->dir.path() + "/server.properties");
    QVERIFY(props.open(QIODevice::WriteOnly));
    props.write(QString("broker.id=2\nzookeeper.connect=%1\nlog.dirs=%2/logs\n"
                        "listeners=PLAINTEXT://127.0.0.1:%3,SASL_PLAINTEXT://127.0.0.1:%4\n")
                    .arg(Q(fx_->zookeeper_connect()), b->dir.path())
                    .arg(*plain)
                    .arg(*sasl)
                    .toUtf8() +
                extra.toUtf8());
    props.close();
    b->process.setProcessChannelMode(QProcess::MergedChannels);
    b->process.start(Q(BrokerBinaryPath()), {props.fileName()});
    QVERIFY(b->process.waitForStarted(10000));
    const int64_t deadline = MonotonicMs() + 60000;
    while (!RunTool("kcat", {"-b", QString("127.0.0.1:%1").arg(*plain), "-L", "-m", "2"}, 10000).ok()) {
      QVERIFY2(MonotonicMs() < deadline && b->process.state() == QProcess::Running,
               qPrintable("broker 2 did not start: " + QString::fromUtf8(b->process.readAll())));
    }
  }

 private slots:
  // A credential altered through one broker reaches another broker of the cluster (its /config/changes watch)
  // without a restart: broker 2 runs the SCRAM listener, the change goes to broker 1's PLAINTEXT listener.
  void scramCredentialsReachEveryBroker() {
    StartScramBroker("SASL_PLAINTEXT");
    SecondBroker b2;
    StartSecondBroker(&b2, "sasl.enabled.mechanisms=SCRAM-SHA-512\n");
    if (QTest::currentTestFailed()) return;
    ITEST_VERIFY_RUN(CliPlain({"configs", "--entity-type", "users", "--entity-name", "erin", "--alter",
                               "--add-config", "SCRAM-SHA-512=[password=erin-secret]"}),
                     fx_.get());
    ssl_port_ = b2.sasl_port;  // WaitForScramLogin dials SslBootstrap()
    ToolRun login = WaitForScramLogin("SASL_PLAINTEXT", "SCRAM-SHA-512", "erin", "erin-secret");
    QVERIFY2(login.ok(), qPrintable(login.Describe() + "\nbroker 2: " + QString::fromUtf8(b2.process.readAll())));
  }

  // Replication over a SASL inter-broker listener (sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256): each
  // broker's replica fetchers log in with the listener's ScramLoginModule credentials, kept in ZooKeeper, and
  // acks=all produces complete only once the follower fetched over SASL.
  void replicationOverSaslScramInterBrokerListener() {
    const std::string jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" "
                             "password=\"admin-secret\";";
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    ssl_port_ = *port;
    BrokerOptions o;
    o.extra_listeners = {"SASL_PLAINTEXT://127.0.0.1:" + std::to_string(ssl_port_)};
    o.properties = {{"sasl.enabled.mechanisms", "SCRAM-SHA-256"},
                    {"inter.broker.listener.name", "SASL_PLAINTEXT"},
                    {"sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256"},
                    {"listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", jaas}};
    ITEST_START(fx_, o);
    // Kafka's rule: the inter-broker user's SCRAM credential exists before brokers need it.
    ITEST_VERIFY_RUN(CliPlain({"configs", "--entity-type", "users", "--entity-name", "admin", "--alter",
                               "--add-config", "SCRAM-SHA-256=[password=admin-secret]"}),
                     fx_.get());
    SecondBroker b2;
    StartSecondBroker(&b2, "sasl.enabled.mechanisms=SCRAM-SHA-256\ninter.broker.listener.name=SASL_PLAINTEXT\n"
                           "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256\n"
                           "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=" + Q(jaas) + "\n");
    if (QTest::currentTestFailed()) return;
    ITEST_VERIFY_RUN(CliPlain({"topics", "--create", "--topic", "ib-sasl", "--partitions", "2",
                               "--replication-factor", "2"}),
                     fx_.get());
    QByteArray input;
    for (int i = 0; i < 300; ++i) input += "v" + QByteArray::number(i) + "\n";
    ToolRun produce = RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-P", "-t", "ib-sasl", "-X", "acks=all", "-X",
                                       "message.timeout.ms=20000"}, 60000, input);
    ITEST_VERIFY_RUN(produce, fx_.get());
    QVERIFY2(!produce.err.contains("ERROR"), qPrintable(produce.Describe()));
    ToolRun describe = CliPlain({"topics", "--describe", "--topic", "ib-sasl"});
    ITEST_VERIFY_RUN(describe, fx_.get());
    QVERIFY2(describe.out.count("Isr: 1,2") + describe.out.count("Isr: 2,1") == 2,
             qPrintable(describe.Describe() + "\nbroker 2: " + QString::fromUtf8(b2.process.readAll())));
    QVERIFY2(!Q(fx_->BrokerLog()).contains("failed authentication"), qPrintable(BrokerContext(fx_.get())));
  }

  // Only ApiVersions, SaslHandshake and SaslAuthenticate are answered before authentication.
  void requestBeforeSaslAuthenticationIsNotAnswered() {
    StartSaslBroker("SASL_PLAINTEXT");
    int fd = ConnectTo(ssl_port_);
    QVERIFY(fd >= 0);
    const QByteArray req = PlainMetadataRequest();
    QCOMPARE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), ssize_t(req.size()));
    bool closed = false;
    const QByteArray got = ReadUntilClosed(fd, 10000, &closed);
    ::close(fd);
    QVERIFY2(closed && got.isEmpty(), qPrintable("answered before authentication: " + got.toHex()));
  }

  // Before authentication a frame may be at most 512 KiB (Kafka's sasl.server.max.receive.size): a larger size
  // prefix closes the connection at once, before the broker reserves memory for it.
  void oversizedFrameBeforeSaslAuthenticationCloses() {
    StartSaslBroker("SASL_PLAINTEXT");
    int fd = ConnectTo(ssl_port_);
    QVERIFY(fd >= 0);
    const QByteArray prefix = QByteArray::fromHex("00100000");  // 1 MiB, a valid request size on PLAINTEXT
    QCOMPARE(::send(fd, prefix.data(), prefix.size(), MSG_NOSIGNAL), ssize_t(4));
    bool closed = false;
    const QByteArray got = ReadUntilClosed(fd, 5000, &closed);
    ::close(fd);
    QVERIFY2(closed && got.isEmpty(), "a 1 MiB frame before authentication was not refused");
    QVERIFY2(Q(fx_->BrokerLog()).contains("before authentication"), qPrintable(BrokerContext(fx_.get())));
  }

  void partitaCliWithCommandConfig() {
    StartSslBroker();
    const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
    QVERIFY2(QFile::exists(cli), qPrintable("partita-cli not built at " + cli));
    auto write_props = [&](const QString& name, const QString& text) {
      QFile f(certs_.path() + "/" + name);
      f.open(QIODevice::WriteOnly);
      f.write(text.toUtf8());
      return f.fileName();
    };
    const QString kafka_keys = write_props(
        "client.properties", "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=" +
                                 Cert("ca.pem") + "\n");
    ToolRun create = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config", kafka_keys,
                                   "--create", "--topic", "over-tls", "--partitions", "2", "--replication-factor",
                                   "1"}, 60000);
    ITEST_VERIFY_RUN(create, fx_.get());
    ToolRun list = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config", kafka_keys,
                                 "--list"}, 60000);
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(list.out.contains("over-tls"), qPrintable(list.Describe()));
    // librdkafka's key names work too.
    const QString rdkafka_keys =
        write_props("rdkafka.properties", "security.protocol=ssl\nssl.ca.location=" + Cert("ca.pem") + "\n");
    ToolRun list2 = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config", rdkafka_keys,
                                  "--list"}, 60000);
    ITEST_VERIFY_RUN(list2, fx_.get());

    // Failures name the step: an untrusted broker certificate, a plaintext connection to the TLS port, a missing
    // trust store file.
    const QString wrong_ca = write_props("wrong-ca.properties",
                                         "security.protocol=SSL\nssl.ca.location=" + Cert("other-ca.pem") + "\n");
    ToolRun untrusted = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config", wrong_ca,
                                      "--list"}, 60000);
    QVERIFY2(!untrusted.ok() && untrusted.err.contains("certificate"), qPrintable(untrusted.Describe()));
    ToolRun plain = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--list"}, 60000);
    QVERIFY2(!plain.ok(), qPrintable(plain.Describe()));
    const QString missing = write_props("missing.properties", "security.protocol=SSL\nssl.ca.location=/nope.pem\n");
    ToolRun bad_file = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config", missing,
                                     "--list"}, 60000);
    QVERIFY2(!bad_file.ok() && bad_file.err.contains("/nope.pem"), qPrintable(bad_file.Describe()));
  }

  // ssl.endpoint.identification.algorithm=https (the default): a broker whose certificate (trusted, but issued
  // to CN=alice without a subject alternative name) does not name the address dialled is refused; with the
  // check disabled the same broker is accepted.
  void clientChecksTheBrokerHostName() {
    StartSslBroker({{"ssl.keystore.location", Cert("client-keystore.pem").toStdString()}});
    const QString cli = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli";
    auto props = [&](const QString& name, const QString& extra) {
      QFile f(certs_.path() + "/" + name);
      f.open(QIODevice::WriteOnly);
      f.write(("security.protocol=SSL\nssl.ca.location=" + Cert("ca.pem") + "\n" + extra).toUtf8());
      return f.fileName();
    };
    ToolRun checked = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                    props("checked.properties", ""), "--list"}, 60000);
    QVERIFY2(!checked.ok() && checked.err.contains("TLS handshake") && checked.err.contains("mismatch"),
             qPrintable(checked.Describe()));
    ToolRun unchecked = RunTool(cli, {"topics", "--bootstrap-server", SslBootstrap(), "--command-config",
                                      props("unchecked.properties", "ssl.endpoint.identification.algorithm=\n"),
                                      "--list"}, 60000);
    ITEST_VERIFY_RUN(unchecked, fx_.get());
  }

  void stalledHandshakeIsDroppedWhileOthersAreServed() {
    StartSslBroker();  // ssl.handshake.timeout.ms=1500
    int stalled = ConnectTo(ssl_port_);
    QVERIFY(stalled >= 0);
    QCOMPARE(::send(stalled, "\x16\x03\x01", 3, MSG_NOSIGNAL), ssize_t(3));  // a record header, then silence
    const int64_t t0 = MonotonicMs();
    ToolRun md = RunTool("kcat", {"-b", SslBootstrap(), "-L", "-m", "10", "-X", "security.protocol=SSL", "-X",
                                  "ssl.ca.location=" + Cert("ca.pem")}, 30000);
    ITEST_VERIFY_RUN(md, fx_.get());
    bool closed = false;
    ReadUntilClosed(stalled, 15000, &closed);
    const int64_t waited = MonotonicMs() - t0;
    ::close(stalled);
    QVERIFY2(closed, "a stalled handshake was never dropped");
    QVERIFY2(waited >= 1000 && waited < 10000, qPrintable(QString("dropped after %1 ms").arg(waited)));
  }
};

QTEST_GUILESS_MAIN(TestItestSecurity)
#include "test_itest_security.moc"
