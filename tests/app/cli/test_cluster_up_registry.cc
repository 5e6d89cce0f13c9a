// `partita-cli cluster up` serves the Schema Registry by default (issue 15): every broker on a free loopback port,
// the URLs printed with the bootstrap servers and answering the REST API; `--override
// schema.registry.listeners=` turns it off; an https:// registry with Basic authentication is found and printed too,
// and a write sent to either broker (one forwards it to the `_schemas` leader over https, with the client's
// credentials) is read back from both. A real ZooKeeper and brokers, curl as the client; stopped with SIGINT as a
// user would.
#include <signal.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/metrics/http_client.h"

namespace {

QString CliPath() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }

// Reads stdout until "Press Ctrl-C" (the cluster runs) or the deadline; returns what was read.
QString ReadBanner(QProcess& p) {
  QString out;
  if (!p.waitForStarted(30000)) return QStringLiteral("cannot start %1: %2").arg(CliPath(), p.errorString());
  QDeadlineTimer deadline(120000);
  while (!out.contains(QLatin1String("Press Ctrl-C")) && !deadline.hasExpired() && p.state() == QProcess::Running) {
    p.waitForReadyRead(500);
    out += QString::fromLocal8Bit(p.readAllStandardOutput());
  }
  return out;
}

bool Stop(QProcess& p) {
  ::kill(static_cast<pid_t>(p.processId()), SIGINT);
  return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

}  // namespace

class ClusterUpRegistryTest : public QObject {
  Q_OBJECT

 private slots:
  void registryOnByDefault() {
    QTemporaryDir dir;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(CliPath(), {"cluster", "up", "--brokers", "2", "--dir", dir.filePath("c")});
    const QString banner = ReadBanner(p);
    const QRegularExpressionMatch m =
        QRegularExpression("Schema Registry:\\s+http://127\\.0\\.0\\.1:(\\d+),http://127\\.0\\.0\\.1:(\\d+)\\n").match(banner);
    QVERIFY2(m.hasMatch(), qPrintable(banner));
    QVERIFY(m.captured(1) != m.captured(2));  // a port per broker
    for (int i = 1; i <= 2; ++i) {
      auto answer = partita::metrics::HttpCall("127.0.0.1", m.captured(i).toInt(), "GET", "/schemas/types", {}, "");
      QVERIFY2(answer.ok(), answer.status().ToString().c_str());
      QCOMPARE(answer->status, 200);
      QVERIFY(answer->body.find("AVRO") != std::string::npos);
    }
    QVERIFY(Stop(p));
  }

  void httpsWithBasicAuth() {
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath("certs")));
    const QString certs = dir.filePath("certs");
    QProcess make;
    make.start("sh", {QString::fromLocal8Bit(qgetenv("PARTITA_SOURCE_DIR")) + "/tests/integration/scripts/make_test_certs.sh",
                      certs});
    QVERIFY2(make.waitForFinished(120000) && make.exitCode() == 0, make.readAllStandardError().constData());
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(CliPath(), {"cluster", "up", "--brokers", "2", "--dir", dir.filePath("c"),
                        "--override", "schema.registry.listeners=https://127.0.0.1:0",
                        "--override", "schema.registry.ssl.keystore.type=PEM",
                        "--override", "schema.registry.ssl.keystore.location=" + certs + "/server-keystore.pem",
                        "--override", "schema.registry.ssl.key.password=keypass",
                        "--override", "schema.registry.ssl.truststore.type=PEM",
                        "--override", "schema.registry.ssl.truststore.location=" + certs + "/ca.pem",
                        "--override", "schema.registry.authentication.method=BASIC"});
    const QString banner = ReadBanner(p);
    const QRegularExpressionMatch m =
        QRegularExpression("Schema Registry:\\s+(https://127\\.0\\.0\\.1:\\d+),(https://127\\.0\\.0\\.1:\\d+)\\n").match(banner);
    QVERIFY2(m.hasMatch(), qPrintable(banner));
    const QRegularExpressionMatch b = QRegularExpression("Bootstrap servers:\\s+(\\S+)\\n").match(banner);
    QVERIFY2(b.hasMatch(), qPrintable(banner));
    QProcess alter;
    alter.start(CliPath(), {"configs", "--bootstrap-server", b.captured(1), "--entity-type", "users", "--entity-name",
                            "carol", "--alter", "--add-config", "SCRAM-SHA-512=[password=carol-secret]"});
    QVERIFY2(alter.waitForFinished(60000) && alter.exitCode() == 0, alter.readAllStandardError().constData());
    // curl: the HTTP status, then the body.
    const auto curl = [&](const QString& url, const QString& user, const QByteArray& body = {}) {
      QProcess c;
      QStringList args{"-sS", "--cacert", certs + "/ca.pem", "-u", user, "-o", "-", "-w", "\n%{http_code}", url};
      if (!body.isEmpty()) args << "-H" << "Content-Type: application/vnd.schemaregistry.v1+json" << "--data-binary" << body;
      c.start("curl", args);
      c.waitForFinished(60000);
      const QByteArray out = c.readAllStandardOutput();
      const int nl = out.lastIndexOf('\n');
      return std::pair{out.mid(nl + 1).toInt(), out.left(nl)};
    };
    // Each broker learns the new user through ZooKeeper's change notification: wait until both accept it.
    for (int i = 1; i <= 2; ++i) {
      QDeadlineTimer deadline(60000);
      int status = 0;
      do {
        status = curl(m.captured(i) + "/subjects", "carol:carol-secret").first;
      } while (status == 401 && !deadline.hasExpired());
      QCOMPARE(status, 200);
      QCOMPARE(curl(m.captured(i) + "/subjects", "carol:wrong").first, 401);
    }
    // A write through each broker: one of them is not the `_schemas` leader and forwards it over https.
    for (int i = 1; i <= 2; ++i) {
      const QByteArray schema = QStringLiteral("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R%1\\\","
                                               "\\\"fields\\\":[]}\"}").arg(i).toUtf8();
      const auto [status, body] = curl(m.captured(i) + QStringLiteral("/subjects/s%1/versions").arg(i), "carol:carol-secret",
                                       schema);
      QVERIFY2(status == 200 && body.contains("\"id\""), body.constData());
    }
    // Reads are answered locally: the broker not written to may lag by one replica fetch.
    for (int i = 1; i <= 2; ++i) {
      QDeadlineTimer deadline(60000);
      std::pair<int, QByteArray> subjects;
      do {
        subjects = curl(m.captured(i) + "/subjects", "carol:carol-secret");
      } while (subjects.second != "[\"s1\",\"s2\"]" && !deadline.hasExpired());
      QCOMPARE(subjects.first, 200);
      QCOMPARE(subjects.second, QByteArray("[\"s1\",\"s2\"]"));
    }
    QVERIFY(Stop(p));
  }

  void overrideTurnsItOff() {
    QTemporaryDir dir;
    QProcess p;
    p.start(CliPath(), {"cluster", "up", "--brokers", "1", "--dir", dir.filePath("c"), "--override",
                        "schema.registry.listeners="});
    const QString banner = ReadBanner(p);
    QVERIFY2(banner.contains(QLatin1String("Bootstrap servers:")), qPrintable(banner));
    QVERIFY2(!banner.contains(QLatin1String("Schema Registry")), qPrintable(banner));
    QVERIFY(Stop(p));
  }
};

QTEST_GUILESS_MAIN(ClusterUpRegistryTest)
#include "test_cluster_up_registry.moc"
