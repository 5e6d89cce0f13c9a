// Issue 13 item 3: when the cluster stops answering, the Cluster and Topics pages keep the last snapshot but
// grey every row and say when it was last seen, instead of "1 of 1 brokers up" and a green "Alive". A real
// broker (ZooKeeper + partita-broker) is killed under a connected ClusterConnection, then restarted.
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "engine/client/cluster_client.h"
#include "tests/integration/broker_fixture.h"
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

class TestStaleView : public QObject {
  Q_OBJECT

  static bool waitFor(const std::function<bool()>& condition, int ms = 60000) {
    QDeadlineTimer deadline(ms);
    while (!condition()) {
      if (deadline.hasExpired()) return false;
      QTest::qWait(50);
    }
    return true;
  }

 private slots:
  void clusterThatStopsAnsweringIsShownStale() {
    itest::BrokerOptions options;
    options.auto_create_topics = false;
    auto fx = itest::BrokerFixture::Start(options);
    QVERIFY2(fx.ok(), qPrintable(QString::fromStdString(fx.status().ToString())));
    {
      auto client = client::ClusterClient::Connect((*fx)->bootstrap());
      QVERIFY(client.ok());
      client::NewTopic topic;
      topic.name = "orders";
      topic.partitions = 2;
      topic.replication_factor = 1;
      QVERIFY((*client)->CreateTopic(topic).ok());
    }
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

    // It comes back: fresh again.
    QVERIFY((*fx)->StartBrokerAfterCrash().ok());
    QVERIFY(waitFor([&] { return connection.state() == ClusterConnection::State::Connected; }));
    QVERIFY(waitFor([&] { return !brokers->isStale() && !topics.isShowingStale(); }));
    QCOMPARE(status(), QStringLiteral("Alive"));
    QVERIFY(!topics.topicsModel()->index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(!header->text().contains("Last seen"));
    connection.close();
  }
};

QTEST_MAIN(TestStaleView)
#include "test_stale_view.moc"
