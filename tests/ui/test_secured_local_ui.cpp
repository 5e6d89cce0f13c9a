// A secured local cluster started from the UI (issue 10): the Start Local Cluster dialog with "Secured (TLS +
// SCRAM)" ticked, the Clusters list starting it, the credentials dialog appearing with the bootstrap, the admin
// user, a password and the CA file (and copying them as client properties), and the app listing a topic it
// created through the SASL_SSL listener. Screenshots of both dialogs in both languages and both themes.
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>

#include "app/bridge/schema_registry.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/local_cluster_credentials_dialog.h"
#include "ui/dialogs/local_cluster_dialog.h"

using partita::app::ClusterConnection;
using partita::ui::ConnectionsSidebar;
using partita::ui::LocalClusterCredentialsDialog;
using partita::ui::LocalClusterDialog;
namespace uitest = partita::uitest;

class SecuredLocalUiTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { uitest::isolateSettings(); }

  void startsFromTheDialogAndShowsTheCredentials() {
    QTemporaryDir dir;
    LocalClusterDialog dialog;
    dialog.findChild<QCheckBox*>(QStringLiteral("securedCheck"))->setChecked(true);
    auto request = dialog.request();
    request.dataDirectory = dir.path() + QStringLiteral("/secured");
    request.brokerCount = 1;
    dialog.setRequest(request);
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("local-cluster-dialog-secured")}},
                                            dialog.sizeHint()));
    request = dialog.request();
    QVERIFY(request.secured);
    dialog.close();

    ConnectionsSidebar sidebar(false);
    ClusterConnection::LocalOptions options;  // as app/gui/main.cpp maps the request
    options.dataDir = request.dataDirectory;
    options.brokers = request.brokerCount;
    options.secured = request.secured;
    ClusterConnection* c = sidebar.addLocal(request.name, options);
    QTRY_VERIFY2_WITH_TIMEOUT(c->state() == ClusterConnection::State::Connected ||
                                  c->state() == ClusterConnection::State::Failed,
                              qPrintable(c->stateDetail()), 180000);
    QVERIFY2(c->state() == ClusterConnection::State::Connected, qPrintable(c->stateDetail()));
    QTRY_VERIFY_WITH_TIMEOUT(sidebar.findChild<LocalClusterCredentialsDialog*>() != nullptr, 30000);
    auto* credentials = sidebar.findChild<LocalClusterCredentialsDialog*>();
    QCOMPARE(credentials->findChild<QLineEdit*>(QStringLiteral("bootstrapField"))->text(), c->bootstrapServers());
    QCOMPARE(credentials->findChild<QLineEdit*>(QStringLiteral("protocolField"))->text(), QStringLiteral("SASL_SSL"));
    QCOMPARE(credentials->findChild<QLineEdit*>(QStringLiteral("userField"))->text(), QStringLiteral("admin"));
    const QString password = credentials->findChild<QLineEdit*>(QStringLiteral("passwordField"))->text();
    QVERIFY(password.size() >= 20);
    QVERIFY(QFile::exists(credentials->findChild<QLineEdit*>(QStringLiteral("caFileField"))->text()));
    credentials->findChild<QPushButton*>(QStringLiteral("copyPropertiesButton"))->click();
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("sasl.password=") + password));
    QVERIFY(uitest::shootLanguagesAndThemes({{credentials, QStringLiteral("local-cluster-credentials")}},
                                            credentials->sizeHint()));
    checkTheRegistryIsSecured(c, credentials);
    if (QTest::currentTestFailed()) return;
    // The app lists topics through the secured listener: one it creates itself shows up.
    QSignalSpy ops(c, &ClusterConnection::operationFinished);
    partita::app::TopicSpec spec;
    spec.name = QStringLiteral("made-through-sasl-ssl");
    c->createTopic(spec);
    QTRY_VERIFY_WITH_TIMEOUT(ops.count() == 1, 120000);
    QVERIFY2(ops.at(0).at(2).toString().isEmpty(), qPrintable(ops.at(0).at(2).toString()));
    c->refreshNow();
    QTRY_VERIFY_WITH_TIMEOUT(c->snapshot() && std::any_of(c->snapshot()->topics.begin(), c->snapshot()->topics.end(),
                                                          [](const auto& t) { return t.name == "made-through-sasl-ssl"; }),
                             120000);
    c->close();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == ClusterConnection::State::Stopped, 120000);
  }

 private:
  static void checkTheRegistryIsSecured(ClusterConnection* c, LocalClusterCredentialsDialog* credentials);
};

// The Schema Registry of a secured local cluster speaks https (the cluster's CA) and wants the admin's Basic
// authentication; the app's own registry client has both, so decoding and the Schemas page work.
void SecuredLocalUiTest::checkTheRegistryIsSecured(ClusterConnection* c, LocalClusterCredentialsDialog* credentials) {
  const partita::app::RegistryEndpoint endpoint = c->schemaRegistry()->endpoint();
  QVERIFY2(endpoint.url.startsWith(QLatin1String("https://127.0.0.1:")), qPrintable(endpoint.url));
  QCOMPARE(endpoint.user, QStringLiteral("admin"));
  QCOMPARE(endpoint.caFile, credentials->findChild<QLineEdit*>(QStringLiteral("caFileField"))->text());
  QCOMPARE(credentials->findChild<QLineEdit*>(QStringLiteral("registryField"))->text(), endpoint.url);
  QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("schema.registry.url=") + endpoint.url));

  const auto callOnce = [](const partita::app::RegistryEndpoint& e) {
    partita::app::SchemaRegistry registry;
    registry.setEndpoint(e);
    QSignalSpy answered(&registry, &partita::app::SchemaRegistry::answered);
    registry.call("GET", QStringLiteral("/subjects"));
    if (!answered.wait(30000)) return partita::app::RegistryAnswer{0, {}, QStringLiteral("no answer in 30 s")};
    return answered.at(0).at(1).value<partita::app::RegistryAnswer>();
  };
  const partita::app::RegistryAnswer ok = callOnce(endpoint);
  QVERIFY2(ok.ok(), qPrintable(ok.error));
  QCOMPARE(ok.body.trimmed(), QByteArray("[]"));
  partita::app::RegistryEndpoint anonymous = endpoint;
  anonymous.user.clear();
  anonymous.password.clear();
  QCOMPARE(callOnce(anonymous).httpStatus, 401);
  partita::app::RegistryEndpoint untrusted = endpoint;
  untrusted.caFile.clear();  // the system's CAs do not know the cluster's
  const partita::app::RegistryAnswer refused = callOnce(untrusted);
  QCOMPARE(refused.httpStatus, 0);
  QVERIFY(!refused.error.isEmpty());
  QTemporaryFile empty;
  QVERIFY(empty.open());
  partita::app::RegistryEndpoint noCertificate = endpoint;
  noCertificate.caFile = empty.fileName();
  QVERIFY(callOnce(noCertificate).error.contains(QLatin1String("holds no PEM certificate")));
}

QTEST_MAIN(SecuredLocalUiTest)
#include "test_secured_local_ui.moc"
