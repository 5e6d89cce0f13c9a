// A secured local cluster (app/bridge/local_cluster_security.h) started the way the desktop app starts one
// (ClusterConnection, Local, secured): two brokers replicating over SASL_SSL with SCRAM-SHA-512, the app's poller
// listing topics through it with the admin credentials; kcat with those credentials and the generated CA
// produces (acks=all) and consumes; a plaintext client, a client without the CA and a wrong password are refused.
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "tests/integration/external_tool.h"

using partita::app::ClusterConnection;
using partita::itest::RunTool;
using partita::itest::ToolRun;

class SecuredLocalClusterTest : public QObject {
  Q_OBJECT

 private slots:
  void startsSecuredAndServesOnlyAuthenticatedTls() {
    QTemporaryDir dir;
    ClusterConnection::LocalOptions options;
    options.dataDir = dir.path() + "/secured";
    options.brokers = 2;
    options.secured = true;
    ClusterConnection c(QStringLiteral("secured"), options);
    c.open();
    QTRY_VERIFY2_WITH_TIMEOUT(c.state() == ClusterConnection::State::Connected ||
                                  c.state() == ClusterConnection::State::Failed,
                              qPrintable(c.stateDetail()), 180000);
    QVERIFY2(c.state() == ClusterConnection::State::Connected, qPrintable(c.stateDetail()));
    const auto credentials = c.localCredentials();
    QCOMPARE(credentials.user, QStringLiteral("admin"));
    QVERIFY(credentials.password.size() >= 20);
    QVERIFY(QFile::exists(credentials.caFile));
    const QString bootstrap = c.bootstrapServers();
    const QStringList auth = {"-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanisms=SCRAM-SHA-512",
                              "-X", "sasl.username=" + credentials.user, "-X", "sasl.password=" + credentials.password,
                              "-X", "ssl.ca.location=" + credentials.caFile};
    // The topic is created by the app's own client (through the SASL_SSL listener), replicated on both brokers.
    QSignalSpy ops(&c, &ClusterConnection::operationFinished);
    partita::app::TopicSpec spec;
    spec.name = QStringLiteral("secured-topic");
    spec.partitions = 2;
    spec.replicationFactor = 2;
    c.createTopic(spec);
    QTRY_VERIFY_WITH_TIMEOUT(ops.count() == 1, 120000);
    QVERIFY2(ops.at(0).at(2).toString().isEmpty(), qPrintable(ops.at(0).at(2).toString()));
    QByteArray input;
    for (int i = 0; i < 200; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    ToolRun produce = RunTool("kcat", QStringList{"-b", bootstrap, "-P", "-t", "secured-topic", "-K:", "-X",
                                                  "acks=all"} + auth, 120000, input);
    QVERIFY2(produce.ok() && !produce.err.contains("ERROR"), qPrintable(produce.Describe()));
    ToolRun consume = RunTool("kcat", QStringList{"-b", bootstrap, "-C", "-t", "secured-topic", "-o", "beginning",
                                                  "-e", "-q", "-f", "%k:%s\\n"} + auth, 120000);
    QVERIFY2(consume.ok(), qPrintable(consume.Describe()));
    QCOMPARE(consume.out.count('\n'), 200);
    // The app lists it through the secured listener.
    c.refreshNow();
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot() && std::any_of(c.snapshot()->topics.begin(), c.snapshot()->topics.end(),
                                                         [](const auto& t) { return t.name == "secured-topic"; }),
                             120000);
    // Refused: plaintext, TLS without the CA, a wrong password.
    ToolRun plain = RunTool("kcat", {"-b", bootstrap, "-L", "-m", "5"}, 60000);
    QVERIFY2(!plain.ok() && !plain.out.contains("secured-topic"), qPrintable(plain.Describe()));
    QStringList noCa = auth.mid(0, 8);
    ToolRun untrusted = RunTool("kcat", QStringList{"-b", bootstrap, "-L", "-m", "5"} + noCa, 60000);
    QVERIFY2(!untrusted.ok() && !untrusted.out.contains("secured-topic"), qPrintable(untrusted.Describe()));
    QStringList wrong = auth;
    wrong[7] = "sasl.password=not-the-password";
    ToolRun denied = RunTool("kcat", QStringList{"-b", bootstrap, "-L", "-m", "5"} + wrong, 60000);
    QVERIFY2(!denied.ok() && denied.err.contains("Authentication failed"), qPrintable(denied.Describe()));
    c.close();
    QTRY_VERIFY_WITH_TIMEOUT(c.state() == ClusterConnection::State::Stopped, 120000);
  }
};

QTEST_MAIN(SecuredLocalClusterTest)
#include "test_secured_local_cluster.moc"
