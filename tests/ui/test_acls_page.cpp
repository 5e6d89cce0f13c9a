// Issue 10 in the desktop app, against a real partita-broker + ZooKeeper with Kafka's ACL authorizer and a
// SASL_PLAINTEXT listener with SCRAM users (admin is a super user, bob has no ACL):
//  - the ACLs page, logged in as admin, lists an ACL made with partita-cli, filters it as the user types, adds an
//    ACL through its form (whose validation refuses a principal without "User:" while it is typed, and offers
//    only the operations of the resource type) and removes it after the confirmation;
//  - logged in as bob, who may not Describe the cluster, the page says in words that User:bob is not allowed,
//    instead of an empty table; on the Messages page, bob (Describe but no Read on a topic) opening the topic is
//    told the same way (the sentence comes from one place, app/bridge/authorization_error.h).
// Screenshots (both languages and themes):
// test-artifacts/ui/{acls-page,acls-form-invalid,acls-page-denied,messages-topic-denied}-*.png.
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "app/bridge/client_factory.h"
#include "engine/cluster/zookeeper_server.h"
#include "engine/common/clock.h"
#include "tests/integration/broker_fixture.h"
#include "tests/integration/external_tool.h"
#include "tests/integration/itest_util.h"
#include "tests/ui/messages_page_test_util.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/language.h"
#include "ui/pages/acls_page.h"
#include "ui/pages/messages_page.h"

using namespace partita;
using namespace partita::itest;
using security::AclOperation;
using security::AclResourceType;

class TestAclsPage : public QObject {
  Q_OBJECT
  std::unique_ptr<BrokerFixture> fx_;
  int saslPort_ = 0;
  ui::LanguageManager language_;

  static QString Cli() { return QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/cli/partita-cli"; }
  ToolRun cli(const QStringList& args) const {
    return RunTool(Cli(), QStringList{args.front(), "--bootstrap-server", Q(fx_->bootstrap())} + args.mid(1), 60000);
  }
  // Each user reaches the SASL listener under its own bootstrap spelling: the app registers security per list.
  QString bootstrapAs(const QString& user) const {
    const QString host = user == QLatin1String("admin") ? QStringLiteral("127.0.0.1") : QStringLiteral("localhost");
    const QString servers = QStringLiteral("%1:%2").arg(host).arg(saslPort_);
    app::ConnectionSecurity s;
    s.protocol = QStringLiteral("SASL_PLAINTEXT");
    s.saslMechanism = QStringLiteral("SCRAM-SHA-256");
    s.username = user;
    s.password = user + QStringLiteral("-secret");
    app::registerSecurity(servers, s);
    return servers;
  }
  // Refreshes until `done` holds for the page (SCRAM credentials and ACL changes reach the broker
  // asynchronously), with a generous deadline for a loaded machine.
  static bool refreshUntil(ui::AclsPage& page, const std::function<bool()>& done) {
    const int64_t deadline = MonotonicMs() + 90000;
    while (MonotonicMs() < deadline) {
      QSignalSpy refreshed(&page, &ui::AclsPage::refreshed);
      page.refresh();
      if (!refreshed.wait(30000)) continue;
      if (done()) return true;
      QTest::qWait(200);  // a pause between attempts, not a wait for the condition
    }
    return done();
  }
  static bool lists(const ui::AclsPage& page, const std::string& principal) {
    for (const auto& b : page.snapshot().bindings)
      if (b.entry.principal == principal) return true;
    return false;
  }

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    QVERIFY(language_.setLanguage(QStringLiteral("en")));
    auto port = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(port.ok());
    saslPort_ = *port;
    BrokerOptions o;
    o.extra_listeners = {"SASL_PLAINTEXT://127.0.0.1:" + std::to_string(saslPort_)};
    o.properties = {{"authorizer.class.name", "kafka.security.authorizer.AclAuthorizer"},
                    {"super.users", "User:ANONYMOUS;User:admin"},
                    {"sasl.enabled.mechanisms", "SCRAM-SHA-256"}};
    ITEST_START(fx_, o);
    for (const QString u : {"admin", "bob"}) {
      ITEST_VERIFY_RUN(cli({"configs", "--entity-type", "users", "--entity-name", u, "--alter", "--add-config",
                            "SCRAM-SHA-256=[password=" + u + "-secret]"}),
                       fx_.get());
    }
    ITEST_VERIFY_RUN(cli({"acls", "--add", "--allow-principal", "User:alice", "--operation", "Read", "--topic", "orders"}),
                     fx_.get());
  }
  void cleanupTestCase() { fx_.reset(); }

  void listsFiltersAddsAndRemoves() {
    ui::AclsPage page({});
    page.resize(1100, 620);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setBootstrapServers(bootstrapAs(QStringLiteral("admin")));
    QVERIFY2(refreshUntil(page, [&] { return page.snapshot().error.isEmpty() && lists(page, "User:alice"); }),
             qPrintable(page.statusText()));
    QCOMPARE(page.shownBindings().size(), 1);
    QCOMPARE(page.shownBindings()[0].resource_name, std::string("orders"));
    QCOMPARE(page.shownBindings()[0].entry.operation, AclOperation::kRead);

    // Filters apply as the user types.
    auto* principalFilter = page.findChild<QLineEdit*>(QStringLiteral("aclPrincipalFilter"));
    QTest::keyClicks(principalFilter, QStringLiteral("nobody"));
    QCOMPARE(page.shownBindings().size(), 0);
    principalFilter->clear();
    auto* operationFilter = page.findChild<QComboBox*>(QStringLiteral("aclOperationFilter"));
    operationFilter->setCurrentIndex(operationFilter->findData(int(AclOperation::kWrite)));
    QCOMPARE(page.shownBindings().size(), 0);
    operationFilter->setCurrentIndex(operationFilter->findData(int(AclOperation::kRead)));
    QCOMPARE(page.shownBindings().size(), 1);
    operationFilter->setCurrentIndex(0);

    // The form: a principal without its type is refused while typed; a group offers only group operations.
    auto* principal = page.findChild<QLineEdit*>(QStringLiteral("aclFormPrincipal"));
    auto* addButton = page.findChild<QPushButton*>(QStringLiteral("aclAddButton"));
    auto* type = page.findChild<QComboBox*>(QStringLiteral("aclFormResourceType"));
    auto* operation = page.findChild<QComboBox*>(QStringLiteral("aclFormOperation"));
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("aclFormResourceName"));
    QTest::keyClicks(principal, QStringLiteral("carol"));
    QVERIFY2(page.formProblem().contains(QStringLiteral("User:alice")), qPrintable(page.formProblem()));
    QVERIFY(!addButton->isEnabled());
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("acls-form-invalid")}}));
    principal->clear();
    QTest::keyClicks(principal, QStringLiteral("User:carol"));
    type->setCurrentIndex(type->findData(int(AclResourceType::kGroup)));
    QVERIFY(operation->findData(int(AclOperation::kWrite)) < 0);  // not a group operation
    operation->setCurrentIndex(operation->findData(int(AclOperation::kRead)));
    QVERIFY2(page.formProblem().contains(QStringLiteral("name")), qPrintable(page.formProblem()));
    QTest::keyClicks(name, QStringLiteral("billing"));
    QVERIFY2(page.formProblem().isEmpty(), qPrintable(page.formProblem()));
    QVERIFY(addButton->isEnabled());
    QSignalSpy added(&page, &ui::AclsPage::addFinished);
    QTest::mouseClick(addButton, Qt::LeftButton);
    QVERIFY(added.wait(60000));
    QVERIFY2(added.first().first().toString().isEmpty(), qPrintable(added.first().first().toString()));
    QVERIFY2(refreshUntil(page, [&] { return lists(page, "User:carol"); }), qPrintable(page.statusText()));
    ToolRun listed = cli({"acls", "--list", "--group", "billing"});
    ITEST_VERIFY_RUN(listed, fx_.get());
    QVERIFY2(listed.out.contains("principal=User:carol, host=*, operation=READ, permissionType=ALLOW"),
             qPrintable(listed.Describe()));

    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("acls-page")}}));

    // Remove the selected row (the confirmation is the page's; confirmed here).
    int carolRow = -1;
    for (int i = 0; i < page.shownBindings().size(); ++i)
      if (page.shownBindings()[i].entry.principal == "User:carol") carolRow = i;
    QVERIFY(carolRow >= 0);
    QVERIFY(page.removeConsequence({page.shownBindings()[carolRow]}).contains(QStringLiteral("User:carol")));
    page.aclsView()->selectRow(carolRow);
    QSignalSpy removed(&page, &ui::AclsPage::removeFinished);
    page.removeSelected(true);
    QVERIFY(removed.wait(60000));
    QVERIFY2(removed.first().first().toString().isEmpty(), qPrintable(removed.first().first().toString()));
    QVERIFY2(refreshUntil(page, [&] { return !lists(page, "User:carol") && lists(page, "User:alice"); }),
             qPrintable(page.statusText()));
  }

  // bob may not Describe the cluster: the listing is refused and the page says so, naming him.
  void userWithoutDescribeIsToldInWords() {
    ui::AclsPage page({});
    page.resize(1100, 620);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setBootstrapServers(bootstrapAs(QStringLiteral("bob")));
    QVERIFY2(refreshUntil(page, [&] { return page.snapshot().error.contains(QStringLiteral("CLUSTER_AUTHORIZATION_FAILED")); }),
             qPrintable(page.statusText()));
    QVERIFY2(page.statusText().startsWith(QStringLiteral("The user User:bob is not allowed to do this on the cluster")),
             qPrintable(page.statusText()));
    QVERIFY(page.shownBindings().isEmpty());
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("acls-page-denied")}}));
  }

  // bob may describe the topic (it is listed) but not read it: opening it on the Messages page is refused and the
  // page says so in words, naming him.
  void messagesPageSaysAReadIsRefused() {
    ITEST_VERIFY_RUN(cli({"topics", "--create", "--topic", "ledger", "--partitions", "1", "--replication-factor", "1"}),
                     fx_.get());
    // A record to read (an empty partition is answered from its offsets alone, without a Fetch).
    ITEST_VERIFY_RUN(RunTool("kcat", {"-b", Q(fx_->bootstrap()), "-P", "-t", "ledger", "-X", "message.timeout.ms=30000"},
                             60000, "entry\n"),
                     fx_.get());
    ITEST_VERIFY_RUN(cli({"acls", "--add", "--allow-principal", "User:bob", "--operation", "Describe", "--topic", "ledger"}),
                     fx_.get());
    const QString servers = bootstrapAs(QStringLiteral("bob"));
    // The ACL reaches the broker's cache asynchronously: a fresh page lists the topic once it has.
    std::unique_ptr<ui::MessagesPage> page;
    QComboBox* topicCombo = nullptr;
    const int64_t deadline = MonotonicMs() + 90000;
    while (MonotonicMs() < deadline) {
      page = std::make_unique<ui::MessagesPage>(QList<QAction*>{});
      page->resize(1100, 620);
      page->show();
      QSignalSpy topics(page.get(), &ui::MessagesPage::topicsLoaded);
      page->setBootstrapServers(servers);
      topicCombo = page->findChild<QComboBox*>(QStringLiteral("messagesTopicCombo"));
      if (topics.wait(30000) && topicCombo->findText(QStringLiteral("ledger")) >= 0) break;
      QTest::qWait(200);  // a pause between attempts, not a wait for the condition
    }
    QVERIFY(topicCombo != nullptr && topicCombo->findText(QStringLiteral("ledger")) >= 0);
    topicCombo->setCurrentIndex(topicCombo->findText(QStringLiteral("ledger")));
    QSignalSpy failed(page.get(), &ui::MessagesPage::requestFailed);
    page->openPage();
    QVERIFY(!uitest::waitMessagesPage(*page));
    QVERIFY(!failed.isEmpty());
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("TOPIC_AUTHORIZATION_FAILED")),
             qPrintable(failed.first().first().toString()));
    QVERIFY2(page->statusText().startsWith(QStringLiteral("The user User:bob is not allowed to do this on the topic")),
             qPrintable(page->statusText()));
    QVERIFY(uitest::shootLanguagesAndThemes({{page.get(), QStringLiteral("messages-topic-denied")}}));
  }
};

QTEST_MAIN(TestAclsPage)
#include "test_acls_page.moc"
