// Issue 13 item 4: internal topics are read-only on the Topics page until the user unlocks the expert actions.
// Issue 13 item 3: when the cluster stops answering, the Cluster and Topics pages keep the last snapshot but
// grey every row and say when it was last seen, instead of "1 of 1 brokers up" and a green "Alive". A real
// broker (ZooKeeper + partita-broker) is killed under a connected ClusterConnection, then restarted.
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "engine/client/cluster_client.h"
#include "tests/integration/broker_fixture.h"
#include "tests/ui/ui_test_util.h"
#include "ui/language.h"
#include "ui/models/brokers_model.h"
#include "ui/models/partitions_model.h"
#include "ui/models/topics_model.h"
#include "ui/pages/cluster_page.h"
#include "ui/pages/topics_page.h"

using namespace partita;
using partita::app::ClusterConnection;
using partita::ui::BrokersModel;
using partita::ui::ClusterPage;
using partita::ui::TopicsPage;

class TestClusterViews : public QObject {
  Q_OBJECT

  static bool waitFor(const std::function<bool()>& condition, int ms = 60000) {
    QDeadlineTimer deadline(ms);
    while (!condition()) {
      if (deadline.hasExpired()) return false;
      QTest::qWait(50);
    }
    return true;
  }

  // Screenshots of `pages` in English and zh_CN (test-artifacts/ui/<name>-<lang>.png), looked at by hand.
  static void shootBothLanguages(const QList<QPair<QWidget*, QString>>& pages) {
    ui::LanguageManager language;
    for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
      QVERIFY(language.setLanguage(code));
      QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
      for (const auto& [page, name] : pages) {
        page->resize(1100, 620);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page));
        uitest::saveArtifact(page, name + "-" + code + ".png");
      }
    }
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
  }

  static itest::BrokerOptions options() {
    itest::BrokerOptions o;
    o.auto_create_topics = false;
    return o;
  }

  static bool createTopics(itest::BrokerFixture& fx, const QStringList& names) {
    auto client = client::ClusterClient::Connect(fx.bootstrap());
    if (!client.ok()) return false;
    for (const QString& name : names) {
      client::NewTopic topic;
      topic.name = name.toStdString();
      topic.partitions = 1;
      topic.replication_factor = 1;
      if (!(*client)->CreateTopic(topic).ok()) return false;
    }
    return true;
  }

 private slots:
  void clusterThatStopsAnsweringIsShownStale() {
    auto fx = itest::BrokerFixture::Start(options());
    QVERIFY2(fx.ok(), qPrintable(QString::fromStdString(fx.status().ToString())));
    QVERIFY(createTopics(**fx, {"orders"}));
    ClusterConnection connection("remote", QString::fromStdString((*fx)->bootstrap()));
    connection.setRefreshInterval(300);
    ClusterPage cluster({});
    TopicsPage topics({});
    cluster.setConnection(&connection);
    topics.setConnection(&connection);
    connection.open();
    QVERIFY(waitFor([&] {
      return connection.state() == ClusterConnection::State::Connected && connection.snapshot() &&
             connection.snapshot()->findTopic("orders") != nullptr;
    }));
    BrokersModel* brokers = cluster.brokersModel();
    QVERIFY(waitFor([&] { return brokers->rowCount() == 1; }));
    const auto status = [&] { return brokers->index(0, BrokersModel::Status).data().toString(); };
    QCOMPARE(status(), QStringLiteral("Alive"));
    QVERIFY(!brokers->isStale());
    QVERIFY(!topics.isShowingStale());
    QVERIFY(!brokers->index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(topics.topicsModel()->rowCount() >= 1);

    // The broker dies: the last snapshot stays, greyed, with its time; nothing claims it is up now.
    (*fx)->KillBroker();
    QVERIFY(waitFor([&] { return connection.state() == ClusterConnection::State::Failed; }));
    const QString seen = connection.snapshot()->taken.toLocalTime().toString("HH:mm:ss");
    QVERIFY(brokers->isStale());
    QCOMPARE(status(), QStringLiteral("Alive (last seen %1)").arg(seen));
    QVERIFY(brokers->index(0, BrokersModel::Status).data(Qt::ForegroundRole).isValid());
    QVERIFY(brokers->index(0, 0).data(Qt::ToolTipRole).toString().contains(seen));
    QVERIFY(topics.isShowingStale());
    QVERIFY(topics.topicsModel()->index(0, 0).data(ui::kStaleRole).toBool());
    QVERIFY(topics.topicsModel()->index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(topics.partitionsModel()->isStale());
    QLabel* header = nullptr;
    for (QLabel* l : cluster.findChildren<QLabel*>())
      if (l->text().contains("brokers up")) header = l;
    QVERIFY(header != nullptr);
    QVERIFY2(header->text().contains("Last seen " + seen), qPrintable(header->text()));
    topics.selectTopic("orders");
    shootBothLanguages({{&cluster, "stale-cluster"}, {&topics, "stale-topics"}});
    QVERIFY(header->text().contains("Last seen " + seen));  // back in English

    // It comes back: fresh again.
    QVERIFY((*fx)->StartBrokerAfterCrash().ok());
    QVERIFY(waitFor([&] { return connection.state() == ClusterConnection::State::Connected; }));
    QVERIFY(waitFor([&] { return !brokers->isStale() && !topics.isShowingStale(); }));
    QCOMPARE(status(), QStringLiteral("Alive"));
    QVERIFY(!topics.topicsModel()->index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(!header->text().contains("Last seen"));
    connection.close();
  }

  void internalTopicsAreReadOnlyUntilUnlocked() {
    QVERIFY(TopicsPage::isInternalTopic("__consumer_offsets", true));
    QVERIFY(TopicsPage::isInternalTopic("__transaction_state", false));  // by name, even if not flagged
    QVERIFY(!TopicsPage::isInternalTopic("orders", false));
    auto fx = itest::BrokerFixture::Start(options());
    QVERIFY2(fx.ok(), qPrintable(QString::fromStdString(fx.status().ToString())));
    QVERIFY(createTopics(**fx, {"orders", "__audit"}));
    ClusterConnection connection("remote", QString::fromStdString((*fx)->bootstrap()));
    TopicsPage topics({});
    topics.setConfirmationsEnabled(false);
    topics.setConnection(&connection);
    connection.open();
    QVERIFY(waitFor([&] { return topics.topicsModel()->rowOf("__audit") >= 0 && topics.topicsModel()->rowOf("orders") >= 0; }));
    auto* del = topics.findChild<QAction*>("actionDeleteTopic");
    auto* add = topics.findChild<QAction*>("actionAddPartitions");
    auto* configs = topics.findChild<QAction*>("actionEditConfigs");
    auto* unlock = topics.findChild<QAction*>("actionUnlockInternal");
    QVERIFY(del && add && configs && unlock);
    topics.filterModel()->setShowInternal(true);
    topics.selectTopic("__audit");
    QCOMPARE(topics.selectedTopic(), QStringLiteral("__audit"));
    QVERIFY(topics.isSelectedTopicLocked());
    QVERIFY(!del->isEnabled() && !add->isEnabled() && !configs->isEnabled());
    QVERIFY(unlock->isVisible() && unlock->isEnabled());
    QVERIFY(del->toolTip().contains("read-only"));
    shootBothLanguages({{&topics, "internal-topic-locked"}});
    QSignalSpy ops(&connection, &ClusterConnection::operationFinished);
    topics.deleteTopic();  // the shortcut path is guarded too: nothing is sent
    topics.addPartitions();
    QCOMPARE(ops.count(), 0);

    topics.unlockInternalTopic();
    QVERIFY(!topics.isSelectedTopicLocked());
    QVERIFY(del->isEnabled() && add->isEnabled() && configs->isEnabled());
    QVERIFY(!unlock->isVisible());

    topics.selectTopic("orders");  // ordinary topic: never locked; moving away ends the unlock
    QVERIFY(del->isEnabled() && !unlock->isVisible());
    topics.selectTopic("__audit");
    QVERIFY(topics.isSelectedTopicLocked());
    QVERIFY(!del->isEnabled());
    connection.close();
  }
};

QTEST_MAIN(TestClusterViews)
#include "test_cluster_views.moc"
