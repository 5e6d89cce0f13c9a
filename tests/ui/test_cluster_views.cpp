// Issue 13 item 4: internal topics are read-only on the Topics page until the user unlocks the expert actions.
// Issue 13 item 3: when the cluster stops answering, the Cluster and Topics pages keep the last snapshot but
// grey every row and say when it was last seen, instead of "1 of 1 brokers up" and a green "Alive". A real
// broker (ZooKeeper + partita-broker) is killed under a connected ClusterConnection, then restarted.
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "engine/client/cluster_client.h"
#include "tests/integration/broker_fixture.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/language.h"
#include "ui/models/brokers_model.h"
#include "ui/models/partitions_model.h"
#include "ui/models/topics_model.h"
#include "ui/pages/cluster_page.h"
#include "ui/pages/topics_page.h"
#include "ui/widgets/throughput_plot.h"

#include <qcustomplot.h>

using namespace partita;
using partita::app::ClusterConnection;
using partita::ui::BrokersModel;
using partita::ui::ClusterPage;
using partita::ui::ThroughputPlot;
using partita::ui::TopicsPage;

namespace {

// The largest value `plot` drew for (kind, broker); -1 when that series has no point.
double maxOf(const ThroughputPlot* plot, const QString& kind, int broker) {
  QCPGraph* g = plot->series(kind, broker);
  if (g == nullptr || g->data()->isEmpty()) return -1;
  double top = 0;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) top = std::max(top, it->value);
  return top;
}

int pointsOf(const ThroughputPlot* plot, const QString& kind, int broker) {
  QCPGraph* g = plot->series(kind, broker);
  return g == nullptr ? 0 : g->data()->size();
}

}  // namespace

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

  // A broker with an "orders" topic, shown by a Cluster page whose connection polls every 500 ms.
  struct WatchedBroker {
    std::unique_ptr<itest::BrokerFixture> fx;
    std::unique_ptr<ClusterConnection> connection;
    std::unique_ptr<ClusterPage> page;
  };
  static bool watch(const itest::BrokerOptions& o, WatchedBroker* w) {
    auto fx = itest::BrokerFixture::Start(o);
    if (!fx.ok()) {
      qWarning("%s", fx.status().ToString().c_str());
      return false;
    }
    w->fx = std::move(*fx);
    if (!createTopics(*w->fx, {"orders"})) return false;
    w->connection = std::make_unique<ClusterConnection>("remote", QString::fromStdString(w->fx->bootstrap()));
    w->connection->setRefreshInterval(500);
    w->page = std::make_unique<ClusterPage>(QList<QAction*>{});
    w->page->setConnection(w->connection.get());
    w->connection->open();
    return waitFor([&] { return w->connection->snapshot() && w->connection->snapshot()->brokers.size() == 1; });
  }

  // Produces batches to "orders" until `done` (each round 50 records of 200 bytes).
  static bool produceUntil(itest::BrokerFixture& fx, const std::function<bool()>& done) {
    auto client = client::ClusterClient::Connect(fx.bootstrap());
    if (!client.ok()) return false;
    return waitFor([&] {
      std::vector<client::ProduceRecord> records;
      for (int i = 0; i < 50; ++i) records.push_back({"k" + std::to_string(i), std::string(200, 'v'), {}, -1});
      if (!(*client)->Produce(TopicPartition{"orders", PartitionId(0)}, records, -1).ok()) return false;
      return done();
    });
  }

 private slots:
  // Issue 14: a broker serving metrics.listener (found through DescribeConfigs, as for any attached cluster of
  // ours) gives the Cluster page its throughput, request time and ISR charts, labelled "from broker metrics".
  void chartsFromBrokerMetrics() {
    itest::BrokerOptions o = options();
    o.properties = {{"metrics.listener", "http://127.0.0.1:0"}};
    WatchedBroker w;
    QVERIFY(watch(o, &w));
    ClusterConnection& connection = *w.connection;
    ClusterPage& cluster = *w.page;
    QVERIFY(waitFor([&] { return connection.snapshot()->brokers[0].metricsServed; }));
    QVERIFY2(connection.snapshot()->brokers[0].metricsUrl.startsWith("http://127.0.0.1:"),
             qPrintable(connection.snapshot()->brokers[0].metricsUrl));
    const int id = connection.snapshot()->brokers[0].id;
    ThroughputPlot* throughput = cluster.throughputPlot();
    ThroughputPlot* latency = cluster.latencyPlot();
    QVERIFY(produceUntil(*w.fx, [&] {
      // Several points, so that the screenshots show lines.
      return maxOf(throughput, "messagesIn", id) > 0 && maxOf(throughput, "bytesIn", id) > 0 &&
             maxOf(latency, "produceP99", id) > 0 && pointsOf(throughput, "messagesIn", id) >= 8;
    }));
    QCOMPARE(throughput->source(), ThroughputPlot::Source::BrokerMetrics);
    QVERIFY2(throughput->titleText().contains("from broker metrics"), qPrintable(throughput->titleText()));
    QVERIFY(latency->titleText().contains("from broker metrics"));
    QVERIFY(cluster.isrPlot()->titleText().contains("from broker metrics"));
    QVERIFY(cluster.isrPlot()->series("shrinks", id) != nullptr);
    QVERIFY(throughput->series("produce", id) == nullptr);  // no offset-delta line for a broker with metrics
    QVERIFY(throughput->plot()->graphCount() > 0 && throughput->series("messagesIn", id)->name().contains("Messages in"));
    QList<QPair<QWidget*, QString>> shots{{&cluster, "cluster-metrics-throughput"}};
    QVERIFY(uitest::shootLanguagesAndThemes(shots, QSize(900, 700)));
    cluster.chartTabs()->setCurrentIndex(1);
    QVERIFY(uitest::shootLanguagesAndThemes({{&cluster, "cluster-metrics-latency"}}, QSize(900, 700)));
    connection.close();
  }

  // Without metrics.listener (as any Kafka cluster): the throughput chart falls back to offset deltas and says so;
  // the request-time chart says it needs broker metrics.
  void chartsFallBackToOffsetDeltas() {
    WatchedBroker w;
    QVERIFY(watch(options(), &w));
    ClusterConnection& connection = *w.connection;
    ClusterPage& cluster = *w.page;
    const int id = connection.snapshot()->brokers[0].id;
    ThroughputPlot* throughput = cluster.throughputPlot();
    QVERIFY(produceUntil(*w.fx, [&] { return maxOf(throughput, "produce", id) > 0 && pointsOf(throughput, "produce", id) >= 8; }));
    QVERIFY(!connection.snapshot()->brokers[0].metricsServed);
    QCOMPARE(throughput->source(), ThroughputPlot::Source::OffsetDeltas);
    QVERIFY2(throughput->titleText().contains("from offset deltas"), qPrintable(throughput->titleText()));
    QVERIFY(throughput->series("produce", id)->name().contains("offset deltas"));
    QVERIFY(throughput->series("messagesIn", id) == nullptr);
    QVERIFY(cluster.latencyPlot()->titleText().contains("needs broker metrics"));
    QCOMPARE(cluster.latencyPlot()->plot()->graphCount(), 0);
    QVERIFY(uitest::shootLanguagesAndThemes({{&cluster, "cluster-offsets-throughput"}}, QSize(900, 700)));
    connection.close();
  }

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
