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
#include <QTest>

#include <algorithm>

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
};

QTEST_MAIN(SecuredLocalUiTest)
#include "test_secured_local_ui.moc"
