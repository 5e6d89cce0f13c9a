// Integration: Kafka's ACL authorizer (authorizer.class.name=kafka.security.authorizer.AclAuthorizer) against a
// real partita-broker + ZooKeeper, SCRAM users on a SASL_PLAINTEXT listener and real clients (kcat,
// confluent_kafka, kafka-python). The PLAINTEXT listener is the operators' and brokers' one: its principal
// User:ANONYMOUS is a super user (super.users), as is User:admin.
//  - a user without ACLs is refused produce (TOPIC_AUTHORIZATION_FAILED) and a group consume
//    (GROUP_AUTHORIZATION_FAILED); `partita-cli acls --add --producer` / `--consumer` let them in, with
//    kafka-acls.sh's output;
//  - PREFIXED ACLs, DENY over ALLOW, a super user without ACLs, --list and --remove;
//  - a transactional producer needs Write on its transactional id; admin APIs need cluster or topic ACLs;
//  - KIP-430: kafka-python asks DescribeGroups v3 / Metadata v8 for the authorized operations of a user with a
//    few ACLs and of a super user (tests/integration/scripts/authorized_operations_check.py);
//  - an ACL created through broker 1 is enforced by broker 2 (the change notification), and ACLs survive a restart.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/broker_connection.h"
#include "engine/cluster/zookeeper_server.h"
#include "engine/common/clock.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class TestItestAcls : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  int sasl_port_ = 0;

  static QString Cli() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }
  QString SaslBootstrap() const { return QString("127.0.0.1:%1").arg(sasl_port_); }
  static std::vector<std::pair<std::string, std::string>> AuthorizerProperties() {
    return {{"authorizer.class.name", "kafka.security.authorizer.AclAuthorizer"},
            {"super.users", "User:ANONYMOUS;User:admin"},
            {"sasl.enabled.mechanisms", "SCRAM-SHA-256"}};
  }
  ToolRun CliPlain(const QStringList& args) const {
    return RunTool(Cli(), QStringList{args.front(), "--bootstrap-server", Q(fx_->bootstrap())} + args.mid(1), 60000);
  }
  static QStringList Scram(const QString& user) {
    return {"-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=SCRAM-SHA-256", "-X",
            "sasl.username=" + user, "-X", "sasl.password=" + user + "-secret"};
  }
  // kcat produces three records as `user` through `bootstrap`.
  static ToolRun Produce(const QString& bootstrap, const QString& user, const QString& topic) {
    return RunTool("kcat", QStringList{"-b", bootstrap, "-P", "-t", topic, "-X", "message.timeout.ms=8000"} +
                               Scram(user),
                   60000, "a\nb\nc\n");
  }
  // DescribeCluster's KIP-430 field as `user` (SCRAM on the SASL listener; empty user: PLAINTEXT, User:ANONYMOUS).
  Result<int32_t> ClusterOperations(const QString& user, bool include) const {
    client::ConnectionOptions options;
    int port = fx_->port();
    if (!user.isEmpty()) {
      options.sasl_mechanism = "SCRAM-SHA-256";
      options.sasl_username = user.toStdString();
      options.sasl_password = (user + "-secret").toStdString();
      port = sasl_port_;
    }
    auto conn = client::BrokerConnection::Connect("127.0.0.1", port, options);
    if (!conn.ok()) return conn.status();
    protocol::DescribeClusterRequest req;
    req.include_cluster_authorized_operations = include;
    auto resp = (*conn)->Send<protocol::DescribeClusterRequest, protocol::DescribeClusterResponse>(req);
    if (!resp.ok()) return resp.status();
    return resp->cluster_authorized_operations;
  }
  static bool Denied(const ToolRun& run) {
    return !run.ok() && (run.out + run.err).toLower().contains("authorization failed");
  }
  // The ACL cache follows ZooKeeper asynchronously (a change notification): waits until `done` holds.
  static ToolRun WaitFor(const std::function<ToolRun()>& attempt, const std::function<bool(const ToolRun&)>& done) {
    const int64_t deadline = MonotonicMs() + 15000;
    for (;;) {
      ToolRun run = attempt();
      if (done(run) || MonotonicMs() > deadline) return run;
    }
  }
  void AddUsers(const QStringList& users) {
    for (const auto& u : users) {
      ITEST_VERIFY_RUN(CliPlain({"configs", "--entity-type", "users", "--entity-name", u, "--alter", "--add-config",
                                 "SCRAM-SHA-256=[password=" + u + "-secret]"}),
                       fx_.get());
    }
    for (const auto& u : users) {
      ToolRun login = WaitFor([&] { return RunTool("kcat", QStringList{"-b", SaslBootstrap(), "-L", "-m", "5"} + Scram(u), 30000); },
                              [](const ToolRun& r) { return r.ok(); });
      ITEST_VERIFY_RUN(login, fx_.get());
    }
  }
  void CreateTopic(const QString& topic) {
    ITEST_VERIFY_RUN(CliPlain({"topics", "--create", "--topic", topic, "--partitions", "1", "--replication-factor", "1"}),
                     fx_.get());
  }

 private slots:
  void initTestCase() { ITEST_REQUIRE(MissingKcat()); }

  void init() {
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    sasl_port_ = *port;
    BrokerOptions o;
    o.extra_listeners = {"SASL_PLAINTEXT://127.0.0.1:" + std::to_string(sasl_port_)};
    o.properties = AuthorizerProperties();
    ITEST_START(fx_, o);
    AddUsers({"alice", "bob", "admin"});
  }
  void cleanup() { fx_.reset(); }

  void producerAclLetsAUserProduce() {
    CreateTopic("t");
    ToolRun refused = Produce(SaslBootstrap(), "alice", "t");
    QVERIFY2(Denied(refused), qPrintable(refused.Describe()));
    ToolRun add = CliPlain({"acls", "--add", "--allow-principal", "User:alice", "--producer", "--topic", "t"});
    ITEST_VERIFY_RUN(add, fx_.get());
    QVERIFY2(add.out.contains("Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=t, "
                              "patternType=LITERAL)`: \n \t(principal=User:alice, host=*, operation=WRITE, "
                              "permissionType=ALLOW)\n"),
             qPrintable(add.Describe()));
    QVERIFY2(add.out.contains("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=t, patternType=LITERAL)`"),
             qPrintable(add.Describe()));
    QVERIFY2(add.out.contains("operation=CREATE, permissionType=ALLOW)"), qPrintable(add.Describe()));
    ToolRun produced = WaitFor([&] { return Produce(SaslBootstrap(), "alice", "t"); }, [](const ToolRun& r) { return r.ok(); });
    ITEST_VERIFY_RUN(produced, fx_.get());
    // Bob still has nothing; alice may write but not read.
    QVERIFY(Denied(Produce(SaslBootstrap(), "bob", "t")));
    ToolRun read = RunTool("kcat", QStringList{"-b", SaslBootstrap(), "-C", "-t", "t", "-o", "beginning", "-e", "-q"} +
                                       Scram("alice"), 60000);
    QVERIFY2(Denied(read), qPrintable(read.Describe()));
    // --list names them; --remove takes them away again.
    ToolRun list = CliPlain({"acls", "--list", "--topic", "t"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QCOMPARE(list.out.count("principal=User:alice"), 3);
    ITEST_VERIFY_RUN(CliPlain({"acls", "--remove", "--force", "--allow-principal", "User:alice", "--operation", "Write",
                               "--topic", "t"}),
                     fx_.get());
    ToolRun removed = WaitFor([&] { return Produce(SaslBootstrap(), "alice", "t"); }, Denied);
    QVERIFY2(Denied(removed), qPrintable(removed.Describe()));
    list = CliPlain({"acls", "--list", "--topic", "t"});
    QCOMPARE(list.out.count("principal=User:alice"), 2);
  }

  void consumerGroupAclsWithPythonClients_data() {
    QTest::addColumn<QString>("client");
    QTest::newRow("confluent_kafka") << "confluent";
    QTest::newRow("kafka-python") << "kafka-python";
  }
  void consumerGroupAclsWithPythonClients() {
    QFETCH(QString, client);
    CreateTopic("orders");
    const QStringList sets = client == "confluent"
                                 ? QStringList{"security.protocol=SASL_PLAINTEXT", "sasl.mechanisms=SCRAM-SHA-256",
                                               "sasl.username=bob", "sasl.password=bob-secret"}
                                 : QStringList{"security_protocol=SASL_PLAINTEXT", "sasl_mechanism=SCRAM-SHA-256",
                                               "sasl_plain_username=bob", "sasl_plain_password=bob-secret"};
    auto run = [&](const QString& mode, const QString& expect) {
      QStringList args = {"--client", client, "--mode", mode, "--bootstrap", SaslBootstrap(), "--topic", "orders",
                          "--group", "billing", "--expect", expect};
      for (const auto& s : sets) args << "--set" << s;
      return RunPythonScript("acl_client_check.py", args, 120000);
    };
    ITEST_VERIFY_RUN(run("produce", "topic-denied"), fx_.get());
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--producer", "--topic", "orders"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitFor([&] { return run("produce", "ok"); }, [](const ToolRun& r) { return r.ok(); }), fx_.get());
    // Read on the topic but not on the group: the group coordinator refuses.
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--operation", "Read", "--topic", "orders"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitFor([&] { return run("consume", "group-denied"); }, [](const ToolRun& r) { return r.ok(); }),
                     fx_.get());
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--consumer", "--topic", "orders",
                               "--group", "billing"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitFor([&] { return run("consume", "ok"); }, [](const ToolRun& r) { return r.ok(); }), fx_.get());
  }

  // A transactional producer needs Write on its transactional id (FindCoordinator Describe, InitProducerId,
  // AddPartitionsToTxn, EndTxn) besides Write on the topic: `--producer --transactional-id` grants both.
  void transactionalProducerNeedsTransactionalIdAcl() {
    CreateTopic("payments");
    auto run = [&](const QString& expect) {
      return RunPythonScript("acl_client_check.py",
                             {"--client", "confluent", "--mode", "transactional", "--bootstrap", SaslBootstrap(),
                              "--topic", "payments", "--transactional-id", "pay-tx", "--expect", expect, "--set",
                              "security.protocol=SASL_PLAINTEXT", "--set", "sasl.mechanisms=SCRAM-SHA-256", "--set",
                              "sasl.username=alice", "--set", "sasl.password=alice-secret"},
                             120000);
    };
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:alice", "--producer", "--topic", "payments"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitFor([&] { return run("txn-denied"); }, [](const ToolRun& r) { return r.ok(); }), fx_.get());
    ToolRun add = CliPlain({"acls", "--add", "--allow-principal", "User:alice", "--producer", "--topic", "payments",
                            "--transactional-id", "pay-tx"});
    ITEST_VERIFY_RUN(add, fx_.get());
    QVERIFY2(add.out.contains("resourceType=TRANSACTIONAL_ID, name=pay-tx"), qPrintable(add.Describe()));
    ITEST_VERIFY_RUN(WaitFor([&] { return run("ok"); }, [](const ToolRun& r) { return r.ok(); }), fx_.get());
  }

  void prefixedAclsDenyWinsAndSuperUsers() {
    CreateTopic("logs-eu");
    CreateTopic("metrics");
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:alice", "--operation", "Write", "--operation",
                               "Describe", "--topic", "logs-", "--resource-pattern-type", "prefixed"}),
                     fx_.get());
    ToolRun ok = WaitFor([&] { return Produce(SaslBootstrap(), "alice", "logs-eu"); }, [](const ToolRun& r) { return r.ok(); });
    ITEST_VERIFY_RUN(ok, fx_.get());
    QVERIFY(Denied(Produce(SaslBootstrap(), "alice", "metrics")));
    // Metadata leaves out the topics alice may not describe.
    ToolRun md = RunTool("kcat", QStringList{"-b", SaslBootstrap(), "-L"} + Scram("alice"), 30000);
    ITEST_VERIFY_RUN(md, fx_.get());
    QVERIFY2(md.out.contains("topic \"logs-eu\"") && !md.out.contains("topic \"metrics\""), qPrintable(md.Describe()));
    // A literal DENY wins over the prefixed ALLOW.
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--deny-principal", "User:alice", "--operation", "Write", "--topic",
                               "logs-eu"}),
                     fx_.get());
    ToolRun denied = WaitFor([&] { return Produce(SaslBootstrap(), "alice", "logs-eu"); }, Denied);
    QVERIFY2(Denied(denied), qPrintable(denied.Describe()));
    // A super user needs no ACL.
    ITEST_VERIFY_RUN(Produce(SaslBootstrap(), "admin", "metrics"), fx_.get());
    ToolRun list = CliPlain({"acls", "--list", "--topic", "logs-eu", "--resource-pattern-type", "match"});
    ITEST_VERIFY_RUN(list, fx_.get());
    QVERIFY2(list.out.contains("name=logs-, patternType=PREFIXED") &&
                 list.out.contains("operation=WRITE, permissionType=DENY"),
             qPrintable(list.Describe()));
  }

  // Broker 2 learns an ACL written through broker 1 from the change notification; broker 1 keeps its ACLs
  // across a restart (they live in ZooKeeper).
  void aclReachesOtherBrokersAndSurvivesRestart() {
    CreateTopic("shared");
    QTemporaryDir dir;
    auto plain = cluster::ZooKeeperServer::PickFreePort();
    auto sasl = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(plain.ok() && sasl.ok());
    QFile props(dir.path() + "/server.properties");
    QVERIFY(props.open(QIODevice::WriteOnly));
    QString text = QString("broker.id=2\nzookeeper.connect=%1\nlog.dirs=%2/logs\n"
                           "listeners=PLAINTEXT://127.0.0.1:%3,SASL_PLAINTEXT://127.0.0.1:%4\n")
                       .arg(Q(fx_->zookeeper_connect()), dir.path())
                       .arg(*plain)
                       .arg(*sasl);
    for (const auto& [k, v] : AuthorizerProperties()) text += Q(k) + "=" + Q(v) + "\n";
    props.write(text.toUtf8());
    props.close();
    QProcess b2;
    b2.setProcessChannelMode(QProcess::MergedChannels);
    b2.start(Q(BrokerBinaryPath()), {props.fileName()});
    QVERIFY(b2.waitForStarted(10000));
    auto stop = qScopeGuard([&] {
      b2.terminate();
      if (!b2.waitForFinished(30000)) b2.kill();
    });
    const QString b2_sasl = QString("127.0.0.1:%1").arg(*sasl);
    auto describe_on_b2 = [&] { return RunTool("kcat", QStringList{"-b", b2_sasl, "-L", "-t", "shared"} + Scram("bob"), 30000); };
    ToolRun before = WaitFor(describe_on_b2, [](const ToolRun& r) { return r.out.contains("authorization failed"); });
    QVERIFY2(before.out.contains("authorization failed"), qPrintable(before.Describe() + QString::fromUtf8(b2.readAll())));
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--operation", "Describe", "--topic",
                               "shared"}),
                     fx_.get());
    const int64_t added_at = MonotonicMs();
    ToolRun after = WaitFor(describe_on_b2, [](const ToolRun& r) { return r.ok() && r.out.contains("partition 0"); });
    QVERIFY2(after.ok() && after.out.contains("partition 0"), qPrintable(after.Describe()));
    qInfo("broker 2 enforced the new ACL %lld ms after it was written through broker 1",
          static_cast<long long>(MonotonicMs() - added_at));
    stop.dismiss();
    b2.terminate();
    QVERIFY(b2.waitForFinished(30000));
    // Restart broker 1: the ACL is loaded from ZooKeeper before the first request is served.
    ITEST_VERIFY_STATUS(fx_->StopBroker(), fx_.get());
    ITEST_VERIFY_STATUS(fx_->StartBroker(), fx_.get());
    ToolRun restarted = RunTool("kcat", QStringList{"-b", SaslBootstrap(), "-L", "-t", "shared"} + Scram("bob"), 30000);
    QVERIFY2(restarted.ok() && restarted.out.contains("partition 0"), qPrintable(restarted.Describe()));
  }

  // Admin APIs as a non-super user: CreateTopics needs Create on the cluster or the topic, the ACL APIs
  // Describe / Alter on the cluster (partita-cli logging in with SCRAM from a --command-config).
  void adminApisNeedClusterOrTopicAcls() {
    QTemporaryDir dir;
    QFile f(dir.path() + "/alice.properties");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.jaas.config="
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
            "password=\"alice-secret\";\n");
    f.close();
    auto as_alice = [&](const QStringList& args) {
      return RunTool(Cli(), QStringList{args.front(), "--bootstrap-server", SaslBootstrap(), "--command-config",
                                        f.fileName()} + args.mid(1),
                     60000);
    };
    const QStringList create = {"topics", "--create", "--topic", "alices", "--partitions", "1", "--replication-factor", "1"};
    ToolRun refused = as_alice(create);
    QVERIFY2(!refused.ok() && refused.err.contains("TOPIC_AUTHORIZATION_FAILED"), qPrintable(refused.Describe()));
    ToolRun list = as_alice({"acls", "--list"});
    QVERIFY2(!list.ok() && list.err.contains("CLUSTER_AUTHORIZATION_FAILED"), qPrintable(list.Describe()));
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:alice", "--operation", "Create", "--cluster"}),
                     fx_.get());
    ITEST_VERIFY_RUN(WaitFor([&] { return as_alice(create); }, [](const ToolRun& r) { return r.ok(); }), fx_.get());
  }

  // KIP-430: the bitfields (bit n = AclOperation code n) a real client gets for a limited user and a super user.
  void authorizedOperationsForARealClient() {
    CreateTopic("ledger");
    CreateTopic("secret");
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--operation", "Read", "--topic",
                               "ledger", "--group", "auditors"}),
                     fx_.get());
    ITEST_VERIFY_RUN(CliPlain({"acls", "--add", "--allow-principal", "User:bob", "--operation", "Describe", "--cluster"}),
                     fx_.get());
    auto check = [&](const QString& user, const QStringList& hidden, int topic, int cluster, int group) {
      return RunPythonScript("authorized_operations_check.py",
                             QStringList{"--bootstrap", SaslBootstrap(), "--user", user, "--password", user + "-secret",
                                         "--topic", "ledger", "--group", "auditors", "--expect-topic",
                                         QString::number(topic), "--expect-cluster", QString::number(cluster),
                                         "--expect-group", QString::number(group)} + hidden,
                             120000);
    };
    // bob: Read (and the Describe it implies) on the topic and the group, Describe on the cluster; "secret" is
    // TOPIC_AUTHORIZATION_FAILED without a field.
    constexpr int kReadDescribe = (1 << 3) | (1 << 8);
    ITEST_VERIFY_RUN(WaitFor([&] { return check("bob", {"--hidden-topic", "secret"}, kReadDescribe, 1 << 8, kReadDescribe); },
                             [](const ToolRun& r) { return r.ok(); }),
                     fx_.get());
    // The super user: every operation Kafka lists for each resource type (topic 3576, cluster 8096, group 328).
    ITEST_VERIFY_RUN(check("admin", {"--missing-topic", "not-created"}, 3576, 8096, 328), fx_.get());

    // DescribeCluster: the same cluster field; INT32_MIN when not asked; 0 without Describe on the cluster.
    auto bob = ClusterOperations("bob", true);
    QVERIFY2(bob.ok(), qPrintable(QString::fromStdString(bob.status().ToString())));
    QCOMPARE(*bob, 1 << 8);
    auto unasked = ClusterOperations("bob", false);
    QVERIFY(unasked.ok());
    QCOMPARE(*unasked, std::numeric_limits<int32_t>::min());
    auto alice = ClusterOperations("alice", true);
    QVERIFY(alice.ok());
    QCOMPARE(*alice, 0);
    auto anonymous = ClusterOperations("", true);  // a super user
    QVERIFY(anonymous.ok());
    QCOMPARE(*anonymous, 8096);
  }

  // Without an authorizer the ACL APIs answer SECURITY_DISABLED, as Kafka's.
  void aclApisWithoutAuthorizerAreSecurityDisabled() {
    fx_.reset();
    ITEST_START(fx_, BrokerOptions{});
    ToolRun list = CliPlain({"acls", "--list"});
    QVERIFY2(!list.ok() && list.err.contains("SECURITY_DISABLED"), qPrintable(list.Describe()));
    // KIP-430 without an authorizer: every cluster operation, as KafkaApis answers.
    auto all = ClusterOperations("", true);
    QVERIFY2(all.ok(), qPrintable(QString::fromStdString(all.status().ToString())));
    QCOMPARE(*all, 8096);
  }
};

QTEST_GUILESS_MAIN(TestItestAcls)
#include "test_itest_acls.moc"
