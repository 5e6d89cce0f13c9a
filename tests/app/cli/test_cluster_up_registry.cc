// `partita-cli cluster up` serves the Schema Registry by default (issue 15): every broker on a free loopback port,
// the URLs printed with the bootstrap servers and answering the REST API; `--override
// schema.registry.listeners=` turns it off. A real ZooKeeper and brokers; stopped with SIGINT as a user would.
#include <signal.h>

#include <QDeadlineTimer>
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
