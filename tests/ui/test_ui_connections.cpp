// The Clusters list: entries are remembered in QSettings and come back (not started) in a new window; a remote
// cluster nobody listens on ends in Failed with the reason, and operations on it report an error instead of
// hanging; LocalClusterController writes the base ports a new local cluster will use.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "app/bridge/cluster_connection.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"

using partita::app::ClusterConnection;
using partita::ui::ConnectionsSidebar;

class UiConnectionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    partita::uitest::isolateSettings();
    QSettings(QStringLiteral("Partita"), QStringLiteral("Partita")).remove(QStringLiteral("clusters"));
  }

  void clustersAreRememberedAndFailuresReported() {
    // A port nobody listens on: bind one, note it, close it.
    quint16 port = 0;
    {
      QTcpServer server;
      QVERIFY(server.listen(QHostAddress::LocalHost));
      port = server.serverPort();
    }
    const QString servers = QStringLiteral("127.0.0.1:%1").arg(port);
    QTemporaryDir dir;
    {
      ConnectionsSidebar sidebar(true);
      QCOMPARE(sidebar.connections().size(), 0);
      ClusterConnection* remote = sidebar.addRemote(QStringLiteral("nowhere"), servers);
      QCOMPARE(sidebar.currentConnection(), remote);
      QTRY_COMPARE_WITH_TIMEOUT(remote->state(), ClusterConnection::State::Failed, 20000);
      QVERIFY2(remote->stateDetail().contains(servers), qPrintable(remote->stateDetail()));
      QSignalSpy ops(remote, &ClusterConnection::operationFinished);
      remote->deleteTopic(QStringLiteral("x"));
      QTRY_VERIFY_WITH_TIMEOUT(ops.count() == 1, 20000);
      QVERIFY(!ops.at(0).at(2).toString().isEmpty());
      // The same bootstrap again is the same entry.
      QCOMPARE(sidebar.addRemote(QString(), servers), remote);
      QCOMPARE(sidebar.remoteProfiles().size(), 1);
    }
    {
      QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
      settings.beginWriteArray(QStringLiteral("clusters"));
      settings.setArrayIndex(1);
      settings.setValue(QStringLiteral("name"), QStringLiteral("mine"));
      settings.setValue(QStringLiteral("kind"), QStringLiteral("local"));
      settings.setValue(QStringLiteral("dataDir"), dir.path());
      settings.setValue(QStringLiteral("brokers"), 2);
      settings.endArray();
    }
    ConnectionsSidebar again(true);
    QCOMPARE(again.connections().size(), 2);
    QCOMPARE(again.connections()[0]->name(), QStringLiteral("nowhere"));
    QCOMPARE(again.connections()[0]->bootstrapServers(), servers);
    QCOMPARE(again.connections()[0]->state(), ClusterConnection::State::Idle);  // listed, not started
    QCOMPARE(again.connections()[1]->kind(), ClusterConnection::Kind::Local);
    QCOMPARE(again.connections()[1]->localOptions().dataDir, dir.path());
    QCOMPARE(again.connections()[1]->localOptions().brokers, 2);
    QCOMPARE(again.connections()[1]->state(), ClusterConnection::State::Idle);
    again.removeConnection(again.connections()[0]);
    QCOMPARE(again.connections().size(), 1);
    QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
    QCOMPARE(settings.beginReadArray(QStringLiteral("clusters")), 1);
    settings.endArray();
    settings.remove(QStringLiteral("clusters"));
  }
};

QTEST_MAIN(UiConnectionsTest)
#include "test_ui_connections.moc"
