// The secured local cluster's TLS material made with OpenSSL (app/bridge/local_cluster_certs.h): a CA and a
// broker key store that openssl itself verifies, private keys owner-only, the set kept when asked again, and a
// real broker serving an SSL listener with it that kcat reaches with the CA and the host-name check on, while a
// client that does not trust the CA is refused.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/local_cluster_certs.h"
#include "engine/cluster/zookeeper_server.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

class LocalClusterCertsTest : public QObject {
  Q_OBJECT

 private slots:
  void opensslAcceptsTheCertificates() {
    QTemporaryDir dir;
    app::LocalClusterCertFiles files;
    QString error;
    QVERIFY2(app::EnsureLocalClusterCerts(dir.path() + "/security", &files, &error), qPrintable(error));
    ToolRun verify = RunTool("openssl", {"verify", "-CAfile", files.caFile, files.keystoreFile}, 30000);
    QVERIFY2(verify.ok() && verify.out.contains(": OK"), qPrintable(verify.Describe()));
    ToolRun san = RunTool("openssl", {"x509", "-in", files.keystoreFile, "-noout", "-ext", "subjectAltName"}, 30000);
    QVERIFY2(san.out.contains("IP Address:127.0.0.1") && san.out.contains("DNS:localhost"), qPrintable(san.Describe()));
    ToolRun key = RunTool("openssl", {"pkey", "-in", files.keystoreFile, "-noout"}, 30000);
    QVERIFY2(key.ok(), qPrintable(key.Describe()));
    for (const QString& secret : {files.keystoreFile, dir.path() + "/security/ca-key.pem"})
      QCOMPARE(QFile::permissions(secret) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
               QFile::Permissions());
    // Asked again, the same CA (profiles and copied CA files stay valid across restarts).
    QFile ca(files.caFile);
    QVERIFY(ca.open(QIODevice::ReadOnly));
    const QByteArray first = ca.readAll();
    app::LocalClusterCertFiles again;
    QVERIFY(app::EnsureLocalClusterCerts(dir.path() + "/security", &again, &error));
    QFile ca2(again.caFile);
    QVERIFY(ca2.open(QIODevice::ReadOnly));
    QCOMPARE(ca2.readAll(), first);
  }

  void aBrokerServesTlsWithThem() {
    QTemporaryDir dir;
    app::LocalClusterCertFiles files;
    QString error;
    QVERIFY2(app::EnsureLocalClusterCerts(dir.path(), &files, &error), qPrintable(error));
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    BrokerOptions o;
    o.extra_listeners = {"SSL://127.0.0.1:" + std::to_string(*port)};
    o.properties = {{"ssl.keystore.type", "PEM"}, {"ssl.keystore.location", files.keystoreFile.toStdString()}};
    std::unique_ptr<BrokerFixture> fx;
    ITEST_START(fx, o);
    const QString bootstrap = QString("127.0.0.1:%1").arg(*port);
    ToolRun md = RunTool("kcat", {"-b", bootstrap, "-L", "-m", "30", "-X", "security.protocol=SSL", "-X",
                                  "ssl.ca.location=" + files.caFile, "-X", "ssl.endpoint.identification.algorithm=https"},
                         60000);
    ITEST_VERIFY_RUN(md, fx.get());
    QVERIFY2(md.out.contains("broker 1 at"), qPrintable(md.Describe()));
    // Without the CA (the system's CAs only) the handshake fails.
    ToolRun untrusted = RunTool("kcat", {"-b", bootstrap, "-L", "-m", "5", "-X", "security.protocol=SSL"}, 30000);
    QVERIFY2(!untrusted.ok() && !untrusted.out.contains("broker 1 at"), qPrintable(untrusted.Describe()));
  }
};

QTEST_MAIN(LocalClusterCertsTest)
#include "test_local_cluster_certs.moc"
