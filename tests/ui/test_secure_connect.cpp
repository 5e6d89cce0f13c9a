// Issue 13 / issue 10: the desktop app reaches a secured cluster. A real partita-broker (spawned, with ZooKeeper)
// serves a SASL_SSL listener (TLS with a CA made by the openssl CLI at test time, SASL/PLAIN users alice and bob)
// next to its PLAINTEXT one. The Connect dialog's "Test connection" runs off the GUI thread (the watchdog keeps
// the event loop turning) and says which step failed: the TLS handshake (a CA that did not sign the broker),
// authentication (a wrong password), the settings (a missing file); a connection opened with the profile polls
// the cluster; saved profiles keep their security settings and a password only when "remember" is ticked.
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/connection_tester.h"
#include "engine/cluster/zookeeper_server.h"
#include "tests/integration/broker_fixture.h"
#include "tests/integration/external_tool.h"
#include "tests/ui/keychain_test_util.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/connect_dialog.h"
#include "ui/language.h"

using namespace partita;
using partita::app::ClusterConnection;
using partita::app::ConnectionProfile;
using partita::ui::ConnectDialog;
using partita::ui::ConnectionsSidebar;

class TestSecureConnect : public QObject {
  Q_OBJECT
  QTemporaryDir certs_;
  std::unique_ptr<itest::BrokerFixture> fx_;
  int saslPort_ = 0;
  ui::LanguageManager language_;  // English too is a translation (its %n plural forms)

  QString cert(const char* name) const { return certs_.path() + QLatin1Char('/') + QLatin1String(name); }
  QString saslBootstrap() const { return QStringLiteral("127.0.0.1:%1").arg(saslPort_); }

  ConnectionProfile secured(const QString& password = QStringLiteral("alice-secret")) const {
    ConnectionProfile p;
    p.name = QStringLiteral("secured");
    p.bootstrapServers = saslBootstrap();
    p.security.protocol = QStringLiteral("SASL_SSL");
    p.security.saslMechanism = QStringLiteral("PLAIN");
    p.security.username = QStringLiteral("alice");
    p.security.password = password;
    p.security.caFile = cert("ca.pem");
    return p;
  }

  // Runs the dialog's Test connection and returns what it shows; the GUI thread must keep turning meanwhile.
  static QString testInDialog(ConnectDialog& dialog, uitest::GuiWatchdog& watchdog, const QString& phase) {
    watchdog.setPhase(phase);
    dialog.startTest();
    if (!dialog.testRunning()) return QStringLiteral("NOT STARTED: ") + dialog.findChild<QLabel*>("connectErrorLabel")->text();
    QDeadlineTimer deadline(30000);
    while (dialog.testRunning() && !deadline.hasExpired()) QTest::qWait(20);
    return dialog.testResultText();
  }

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    QVERIFY(language_.setLanguage(QStringLiteral("en")));
    QVERIFY(certs_.isValid());
    itest::ToolRun made = itest::RunTool("sh", {itest::ScriptPath("make_test_certs.sh"), certs_.path()}, 120000);
    QVERIFY2(made.ok(), qPrintable("generating certificates with the openssl CLI failed: " + made.Describe()));
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    saslPort_ = *port;
    itest::BrokerOptions o;
    o.extra_listeners = {"SASL_SSL://127.0.0.1:" + std::to_string(saslPort_)};
    o.properties = {{"sasl.enabled.mechanisms", "PLAIN"},
                    {"listener.name.sasl_ssl.plain.sasl.jaas.config",
                     "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" "
                     "password=\"alice-secret\" user_alice=\"alice-secret\" user_bob=\"bob-secret\";"},
                    {"ssl.keystore.type", "PEM"},
                    {"ssl.keystore.location", cert("server-keystore.pem").toStdString()},
                    {"ssl.key.password", "keypass"}};
    auto started = itest::BrokerFixture::Start(o);
    QVERIFY2(started.ok(), qPrintable(QString::fromStdString(started.status().ToString())));
    fx_ = std::move(*started);
  }
  void cleanupTestCase() { fx_.reset(); }

  void testConnectionSaysWhichStepFailed() {
    ConnectDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Measured from here: the connection tests. The process's first window (platform plugin, fonts, style) is
    // the test's own setup and took ~1 s of GUI-thread time once in CI.
    uitest::GuiWatchdog watchdog;

    dialog.setProfile(secured());
    QString shown = testInDialog(dialog, watchdog, QStringLiteral("good credentials"));
    QVERIFY2(shown.startsWith(QStringLiteral("Connected: 1 broker,")), qPrintable(shown));

    ConnectionProfile wrong = secured(QStringLiteral("not-her-password"));
    dialog.setProfile(wrong);
    shown = testInDialog(dialog, watchdog, QStringLiteral("wrong password"));
    qInfo("%s: %s", "wrong password", qPrintable(shown));
    QVERIFY2(shown.startsWith(QStringLiteral("Authentication failed:")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Authentication failed"), Qt::CaseSensitive), qPrintable(shown));

    ConnectionProfile otherCa = secured();
    otherCa.security.caFile = cert("other-ca.pem");
    dialog.setProfile(otherCa);
    shown = testInDialog(dialog, watchdog, QStringLiteral("untrusted CA"));
    qInfo("%s: %s", "untrusted CA", qPrintable(shown));
    QVERIFY2(shown.startsWith(QStringLiteral("TLS handshake failed:")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("certificate was refused")), qPrintable(shown));

    // Plain text on the TLS port: the handshake is what is missing, not an endless wait.
    ConnectionProfile plain = secured();
    plain.security.protocol = QStringLiteral("SASL_PLAINTEXT");
    dialog.setProfile(plain);
    shown = testInDialog(dialog, watchdog, QStringLiteral("plaintext to TLS port"));
    qInfo("%s: %s", "plaintext to TLS port", qPrintable(shown));
    QVERIFY2(shown.startsWith(QStringLiteral("The broker closed the connection before answering")), qPrintable(shown));

    // Settings the dialog refuses before anything is sent.
    ConnectionProfile noFile = secured();
    noFile.security.caFile = certs_.path() + QStringLiteral("/missing.pem");
    dialog.setProfile(noFile);
    QVERIFY(!dialog.findChild<QPushButton*>("testConnectionButton")->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("connectOkButton"))->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>("connectErrorLabel")->text().contains(QStringLiteral("missing.pem")));

    watchdog.stop();
    QVERIFY2(watchdog.worstGapMs() < 500, qPrintable(QStringLiteral("GUI thread blocked %1 ms during %2")
                                                          .arg(watchdog.worstGapMs()).arg(watchdog.worstPhase())));
  }

  void scramIsOfferedAndItsSettingIsPassedOn() {
    ConnectDialog dialog;
    auto* mechanisms = dialog.findChild<QComboBox*>("saslMechanismCombo");
    QVERIFY(mechanisms->findText(QStringLiteral("SCRAM-SHA-256")) >= 0);
    QVERIFY(mechanisms->findText(QStringLiteral("SCRAM-SHA-512")) >= 0);
    ConnectionProfile scram = secured();
    scram.security.saslMechanism = QStringLiteral("SCRAM-SHA-512");
    dialog.setProfile(scram);
    QCOMPARE(dialog.profile().security.saslMechanism, QStringLiteral("SCRAM-SHA-512"));
    QCOMPARE(scram.security.clientProperties().value(QStringLiteral("sasl.mechanism")), QStringLiteral("SCRAM-SHA-512"));
    // This broker offers PLAIN only, so whatever the client can speak the answer is a refusal, never "Connected".
    const app::ConnectionTestResult result = app::ConnectionTester::run(saslBootstrap(), scram.security, 10000);
    QVERIFY2(!result.ok(), qPrintable(result.message()));
  }

  void securedProfilePollsTheClusterAndIsSavedWithoutItsPassword() {
    QSettings(QStringLiteral("Partita"), QStringLiteral("Partita")).remove(QStringLiteral("clusters"));
    {
      ConnectionsSidebar sidebar(true);
      ClusterConnection* c = sidebar.addRemote(secured());
      QTRY_COMPARE_WITH_TIMEOUT(c->state(), ClusterConnection::State::Connected, 30000);
      QTRY_VERIFY_WITH_TIMEOUT(c->snapshot() && c->snapshot()->brokers.size() == 1, 30000);
      QCOMPARE(c->snapshot()->brokers.first().port, saslPort_);  // the SASL_SSL listener's advertised address
      QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
      QCOMPARE(settings.beginReadArray(QStringLiteral("clusters")), 1);
      settings.setArrayIndex(0);
      QCOMPARE(settings.value(QStringLiteral("securityProtocol")).toString(), QStringLiteral("SASL_SSL"));
      QCOMPARE(settings.value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
      QCOMPARE(settings.value(QStringLiteral("caFile")).toString(), cert("ca.pem"));
      QVERIFY(!settings.contains(QStringLiteral("password")));
      settings.endArray();
      QFile file(settings.fileName());
      QVERIFY(file.open(QIODevice::ReadOnly));
      QVERIFY(!file.readAll().contains("alice-secret"));
    }
    {
      ConnectionsSidebar again(true);
      QCOMPARE(again.connections().size(), 1);
      ClusterConnection* c = again.connections().first();
      QCOMPARE(c->profile().security.protocol, QStringLiteral("SASL_SSL"));
      QCOMPARE(c->profile().security.caFile, cert("ca.pem"));
      QVERIFY(c->needsPassword());  // asked for again, never connected without it
      // Opening asks for the password in the Edit dialog; cancelling leaves it closed.
      uitest::answerNextModal<ConnectDialog>([](ConnectDialog* d) { d->reject(); });
      again.openConnection(c);
      QCOMPARE(c->state(), ClusterConnection::State::Idle);
      // Entering it (and ticking "remember") connects and stores it in the system keychain, as the dialog says.
      uitest::answerNextModal<ConnectDialog>([](ConnectDialog* d) {
        d->findChild<QLineEdit*>("saslPasswordEdit")->setText(QStringLiteral("alice-secret"));
        d->findChild<QCheckBox*>("rememberPasswordCheck")->setChecked(true);
        QVERIFY(d->findChild<QLabel*>("passwordNote")->text().contains(QStringLiteral("keychain")));
        d->accept();
      });
      again.openConnection(c);
      QTRY_COMPARE_WITH_TIMEOUT(c->state(), ClusterConnection::State::Connected, 30000);
      QTRY_COMPARE_WITH_TIMEOUT(again.pendingSecretJobs(), 0, 60000);
      QVERIFY(!uitest::settingsFileBytes().contains("alice-secret"));
      QCOMPARE(uitest::readKeychain(partita::app::ProfileSecrets::entryKey(c->profile(),
                                                                           partita::app::ProfileSecrets::Secret::SaslPassword))
                   .secret,
               QStringLiteral("alice-secret"));
      // Duplicate makes a second profile (another user on the same cluster), Remove forgets it.
      uitest::answerNextModal<ConnectDialog>([](ConnectDialog* d) {
        QCOMPARE(d->profile().name, QStringLiteral("secured (copy)"));
        d->findChild<QLineEdit*>("saslUserEdit")->setText(QStringLiteral("bob"));
        d->findChild<QLineEdit*>("saslPasswordEdit")->setText(QStringLiteral("bob-secret"));
        d->accept();
      });
      again.duplicateConnection(c);
      QCOMPARE(again.connections().size(), 2);
      QCOMPARE(again.connections().at(1)->profile().security.username, QStringLiteral("bob"));
      again.removeConnection(again.connections().at(1));
      again.removeConnection(c);
    }
    QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
    QFile file(settings.fileName());
    QVERIFY(!file.open(QIODevice::ReadOnly) || !file.readAll().contains("alice-secret"));
  }

  void screenshots() {
    ConnectDialog dialog;
    dialog.setProfiles({secured()});
    dialog.setProfile(secured(QStringLiteral("wrong")));
    uitest::GuiWatchdog watchdog;
    testInDialog(dialog, watchdog, QStringLiteral("screenshot"));
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("connect-dialog-secured")}},
                                            QSize(640, dialog.sizeHint().height())));
  }
};

QTEST_MAIN(TestSecureConnect)
#include "test_secure_connect.moc"
