// Issue 12 in the desktop app, against a real partita-broker + ZooKeeper and a real transactional producer
// (confluent_kafka, tests/ui/scripts/txn_ui_data.py: a committed, an aborted and an open transaction):
//  - the partitions view shows the LSO below the high watermark while the transaction is open, with its tooltip;
//  - the Messages page in read_uncommitted shows every record, the COMMIT and ABORT markers as marked rows and
//    the aborted records as aborted; read_committed hides the aborted records and the markers and stops at the LSO;
//  - the Transactions page lists the open transaction (state and producer filters), describes it with its
//    partition and producer state;
//  - the Topics page's Consumers column names the group with commits on the topic (issue 13);
//  - a hanging transaction (a transactional batch no coordinator knows, as a pre-KIP-890 zombie leaves) is found
//    and ended by the Abort action after its confirmation; Cancel on the confirmation leaves it.
// Screenshots (both languages and themes): test-artifacts/ui/{transactions-page,messages-transactions,
// partitions-lso,abort-transaction-confirmation,topics-consumers}-*.png.
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/group_monitor.h"
#include "engine/client/cluster_client.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/messages/produce.h"
#include "tests/integration/broker_fixture.h"
#include "tests/integration/external_tool.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/models/message_table_model.h"
#include "ui/models/partitions_model.h"
#include "ui/language.h"
#include "ui/models/topics_model.h"
#include "ui/pages/messages_page.h"
#include "ui/pages/topics_page.h"
#include "ui/theme.h"
#include "ui/pages/transactions_page.h"
#include "ui/widgets/isolation_combo.h"

using namespace partita;
using namespace partita::ui;

namespace {

constexpr int64_t kGhostProducer = 987654321;  // far above the ids the coordinator hands out

itest::BrokerOptions Options() {
  itest::BrokerOptions o;
  // Verification off (KIP-890's transaction.partition.verification.enable=false, as a Kafka broker may run): the
  // hanging transaction below is exactly what verification refuses to let a producer open.
  o.properties = {{"transaction.state.log.num.partitions", "4"},
                  {"offsets.topic.num.partitions", "4"},
                  {"transaction.partition.verification.enable", "false"}};
  return o;
}

// One transactional batch from a producer no coordinator knows: the partition has a transaction open that nobody
// will ever end (Kafka before KIP-890 accepted exactly this, and kafka-transactions.sh abort exists for it).
Status ProduceHangingBatch(client::ClusterClient& c, const std::string& topic) {
  protocol::BatchBuilder::Options bo;
  bo.producer_id = kGhostProducer;
  bo.producer_epoch = 0;
  bo.base_sequence = 0;
  bo.transactional = true;
  protocol::BatchBuilder builder(bo);
  const std::string value = "ghost";
  builder.Append(QDateTime::currentMSecsSinceEpoch(), std::nullopt,
                 std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()), {});
  auto batch = builder.Build();
  if (!batch.ok()) return batch.status();
  protocol::ProduceRequest req;
  req.acks = -1;
  req.timeout_ms = 15000;
  req.transactional_id = "ghost-app";
  protocol::ProduceRequest::Partition pp;
  pp.index = 0;
  pp.records.SetOwned(std::move(*batch));
  req.topics.push_back({topic, {}});
  req.topics[0].partitions.push_back(std::move(pp));
  auto md = c.RefreshMetadata();
  if (!md.ok()) return md.status();
  const client::TopicInfo* t = md->FindTopic(topic);
  if (t == nullptr || t->partitions.empty()) return Status::NotFound(topic);
  auto resp = c.SendToBroker<protocol::ProduceRequest, protocol::ProduceResponse>(t->partitions[0].leader, req);
  if (!resp.ok()) return resp.status();
  for (const auto& tr : resp->responses)
    for (const auto& p : tr.partitions)
      if (p.error_code != 0) return Status::InvalidArgument("produce error " + std::to_string(p.error_code));
  return Status::Ok();
}

QString cell(QAbstractItemModel* m, int row, int column) { return m->index(row, column).data().toString(); }

}  // namespace

class TransactionsViewTest : public QObject {
  Q_OBJECT

  std::unique_ptr<itest::BrokerFixture> fx_;
  QString bootstrap_;

  bool waitPage(MessagesPage& page) {
    QSignalSpy loaded(&page, &MessagesPage::pageLoaded);
    QSignalSpy failed(&page, &MessagesPage::requestFailed);
    for (int i = 0; i < 300 && loaded.isEmpty() && failed.isEmpty(); ++i) loaded.wait(100);
    if (!failed.isEmpty()) qWarning("%s", qPrintable(failed.first().first().toString()));
    return !loaded.isEmpty();
  }

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    auto fx = itest::BrokerFixture::Start(Options());
    QVERIFY2(fx.ok(), qPrintable(QString::fromStdString(fx.status().ToString())));
    fx_ = std::move(*fx);
    bootstrap_ = QString::fromStdString(fx_->bootstrap());
    const QString script = QStringLiteral(PARTITA_UI_SCRIPTS_DIR "/txn_ui_data.py");
    itest::ToolRun run = itest::RunTool("/usr/bin/python3", {script, "--bootstrap", bootstrap_}, 180000);
    QVERIFY2(run.ok(), qPrintable(run.Describe()));
  }

  void cleanupTestCase() { fx_.reset(); }

  // The LSO column: below the HW (7 < 9) while the transaction is open, with the explaining tooltip.
  void partitionsShowLsoBelowHighWatermark() {
    app::ClusterConnection connection(QStringLiteral("txn"), bootstrap_);
    connection.setRefreshInterval(1000);
    PartitionsModel model;
    model.setTopic(QStringLiteral("txn-ui"));
    QObject::connect(&connection, &app::ClusterConnection::snapshotReady, &model, &PartitionsModel::setSnapshot);
    connection.open();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1 && model.partitionAt(0)->lastStableOffset >= 0, 30000);
    const app::PartitionState* p = model.partitionAt(0);
    QCOMPARE(p->highWatermark, qint64(9));
    QCOMPARE(p->lastStableOffset, qint64(7));  // the open transaction's first record
    QVERIFY(p->openTransaction());
    QCOMPARE(cell(&model, 0, PartitionsModel::LastStable), QStringLiteral("7 (open transaction)"));
    const QString tip = model.index(0, PartitionsModel::LastStable).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("holds read_committed consumers back")), qPrintable(tip));
    const QString headerTip = model.headerData(PartitionsModel::LastStable, Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY2(headerTip.contains(QLatin1String("Below the high watermark")), qPrintable(headerTip));
    QTableView view;
    view.setModel(&model);
    view.resizeColumnsToContents();
    QVERIFY(uitest::shootLanguagesAndThemes({{&view, QStringLiteral("partitions-lso")}}, QSize(1100, 160)));
    connection.close();
  }

  // Issue 13 leftover: the Topics page's Consumers column names the groups with commits on a topic, from the
  // listing a GroupMonitor polls (as the main window wires the Consumer groups page's monitor to it).
  void topicsShowConsumers() {
    auto c = client::ClusterClient::Connect(bootstrap_.toStdString());
    QVERIFY(c.ok());
    QVERIFY((*c)->CommitOffsets("ui-readers", {{TopicPartition{"txn-ui", PartitionId(0)}, 3}}).ok());
    app::ClusterConnection connection(QStringLiteral("txn"), bootstrap_);
    connection.setRefreshInterval(1000);
    TopicsPage page({});
    page.resize(1100, 500);
    page.setConnection(&connection);
    QTemporaryDir history;
    app::GroupMonitor monitor;
    monitor.setHistoryDirectory(history.path());
    monitor.setRefreshInterval(1000);
    QObject::connect(&monitor, &app::GroupMonitor::groupsChanged, &page, &TopicsPage::setConsumerGroups);
    connection.open();
    monitor.setBootstrapServers(bootstrap_);
    TopicsModel* model = page.topicsModel();
    auto consumersOf = [&](const QString& topic) {
      const int row = model->rowOf(topic);
      return row < 0 ? QString() : cell(model, row, TopicsModel::Consumers);
    };
    QTRY_COMPARE_WITH_TIMEOUT(consumersOf(QStringLiteral("txn-ui")), QStringLiteral("ui-readers"), 30000);
    QCOMPARE(consumersOf(QStringLiteral("__transaction_state")), QStringLiteral("none"));
    page.show();
    // Select the topic: its partitions table shows the LSO column beside the HW.
    QAbstractItemModel* shown = page.topicsView()->model();
    for (int r = 0; r < shown->rowCount(); ++r)
      if (shown->index(r, 0).data(TopicsModel::kTopicNameRole).toString() == QLatin1String("txn-ui"))
        page.topicsView()->selectRow(r);
    QTRY_VERIFY_WITH_TIMEOUT(page.findChild<QTableView*>(QStringLiteral("partitionsView")) != nullptr &&
                                 page.findChild<QTableView*>(QStringLiteral("partitionsView"))->model()->rowCount() == 1,
                             10000);
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("topics-consumers")}}, QSize(1100, 500)));
    monitor.setBootstrapServers(QString());
    page.setConnection(nullptr);
    connection.close();
  }

  // read_uncommitted: 9 rows, markers marked, aborted records aborted; read_committed: the 3 committed ones.
  void messagesIsolationSwitch() {
    MessagesPage page({});
    page.resize(1280, 700);
    page.show();
    QSignalSpy topics(&page, &MessagesPage::topicsLoaded);
    page.setBootstrapServers(bootstrap_);
    QVERIFY(topics.wait(30000));
    auto* topicCombo = page.findChild<QComboBox*>(QStringLiteral("messagesTopicCombo"));
    topicCombo->setCurrentIndex(topicCombo->findText(QStringLiteral("txn-ui")));
    auto* start = page.findChild<QComboBox*>(QStringLiteral("messagesStartCombo"));
    start->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    QVERIFY(!page.isolationCombo()->readCommitted());  // read_uncommitted by default, as Kafka's consumer
    page.openPage();
    QVERIFY(waitPage(page));
    MessageTableModel* m = page.model();
    QCOMPARE(m->rowCount(), 9);
    // Rows are in time order; the coordinator writes a marker after EndTxn answered, so the COMMIT marker (offset
    // 3) may carry a later time than the next transaction's records. Look rows up by offset.
    QHash<qint64, int> rowOf;
    for (int r = 0; r < m->rowCount(); ++r) rowOf[m->rowAt(r)->offset] = r;
    QCOMPARE(rowOf.size(), 9);
    using C = app::MessageRow::Control;
    using O = app::MessageRow::Outcome;
    QCOMPARE(m->rowAt(rowOf[3])->control, C::Commit);
    QCOMPARE(m->rowAt(rowOf[6])->control, C::Abort);
    QCOMPARE(cell(m, rowOf[3], MessageTableModel::KeyColumn), QStringLiteral("COMMIT marker"));
    QCOMPARE(cell(m, rowOf[6], MessageTableModel::KeyColumn), QStringLiteral("ABORT marker"));
    QVERIFY(m->index(rowOf[3], MessageTableModel::ValueColumn).data(MessageTableModel::IsControlRole).toBool());
    for (int o : {0, 1, 2}) QCOMPARE(m->rowAt(rowOf[o])->outcome, O::Committed);
    for (int o : {4, 5}) {
      const int r = rowOf[o];
      QCOMPARE(m->rowAt(r)->outcome, O::Aborted);
      QVERIFY(cell(m, r, MessageTableModel::TransactionColumn).startsWith(QStringLiteral("aborted · producer ")));
      QVERIFY(m->index(r, MessageTableModel::ValueColumn).data(Qt::FontRole).value<QFont>().strikeOut());
    }
    for (int o : {7, 8}) {
      const int r = rowOf[o];
      QCOMPARE(m->rowAt(r)->outcome, O::Unknown);  // still open: no marker yet
      QVERIFY(m->rowAt(r)->transactional);
      QVERIFY(m->rowAt(r)->producerId >= 0);
    }
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("messages-transactions")}}, QSize(1280, 620)));

    QSignalSpy loaded(&page, &MessagesPage::pageLoaded);
    page.isolationCombo()->setReadCommitted(true);  // re-reads the page
    QVERIFY(loaded.wait(30000));
    QCOMPARE(m->rowCount(), 3);
    for (int r = 0; r < 3; ++r) {
      QCOMPARE(cell(m, r, MessageTableModel::ValueColumn), QStringLiteral("committed-%1").arg(r));
      QVERIFY(!m->rowAt(r)->isControl());
    }
    QCOMPARE(page.currentPage().bounds.value(0).highWatermark, qint64(7));  // read_committed ends at the LSO
  }

  // The open transaction listed (filters work), described with its partition and the producer's state there.
  void transactionsPageListsAndDescribes() {
    TransactionsPage page({});
    // The main window must still fit 900 px wide with the navigation list beside the page.
    page.setBootstrapServers(QStringLiteral("127.0.0.1:1"));
    QVERIFY2(page.findChild<QStackedWidget*>()->widget(1)->minimumSizeHint().width() <= 680,
             qPrintable(QString::number(page.findChild<QStackedWidget*>()->widget(1)->minimumSizeHint().width())));
    page.resize(1200, 700);
    page.show();
    QSignalSpy refreshed(&page, &TransactionsPage::refreshed);
    page.setBootstrapServers(bootstrap_);
    QVERIFY(refreshed.wait(30000));
    QVERIFY2(page.snapshot().error.isEmpty(), qPrintable(page.snapshot().error));
    QTRY_VERIFY_WITH_TIMEOUT(page.transactionsView()->model()->rowCount() >= 1, 30000);
    QAbstractItemModel* list = page.transactionsView()->model();
    int row = -1;
    for (int r = 0; r < list->rowCount(); ++r)
      if (cell(list, r, 0) == QLatin1String("ui-app")) row = r;
    QVERIFY(row >= 0);
    QCOMPARE(cell(list, row, 1), QStringLiteral("Ongoing"));
    const qint64 pid = cell(list, row, 2).toLongLong();

    // State filter: CompleteCommit leaves it out, Ongoing keeps it; the producer filter likewise.
    auto* state = page.findChild<QComboBox*>(QStringLiteral("transactionsStateFilter"));
    refreshed.clear();
    state->setCurrentIndex(state->findData(QStringLiteral("CompleteCommit")));
    QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty() && page.currentFilter().states == QStringList{"CompleteCommit"}, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 30000);
    state->setCurrentIndex(state->findData(QStringLiteral("Ongoing")));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 30000);
    auto* producer = page.findChild<QLineEdit*>(QStringLiteral("transactionsProducerFilter"));
    producer->setText(QString::number(pid + 1));
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 30000);
    producer->setText(QString::number(pid));
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 30000);

    QSignalSpy described(&page, &TransactionsPage::described);
    page.transactionsView()->selectRow(0);
    QVERIFY(described.wait(30000));
    const app::TransactionDetail& d = page.detail();
    QCOMPARE(d.state, QStringLiteral("Ongoing"));
    QCOMPARE(d.producerId, pid);
    QCOMPARE(d.timeoutMs, 600000);
    QVERIFY(d.startTimeMs > 0);
    QCOMPARE(d.partitions.size(), 1);
    QCOMPARE(d.partitions[0].topic, QStringLiteral("txn-ui"));
    QCOMPARE(d.partitions[0].txnStartOffset, qint64(7));  // DescribeProducers: the transaction opened at offset 7
    QAbstractItemModel* parts = page.partitionsView()->model();
    QCOMPARE(cell(parts, 0, 0), QStringLiteral("txn-ui"));
    QCOMPARE(cell(parts, 0, 2), QStringLiteral("7"));
    QVERIFY(page.snapshot().hanging.isEmpty() ||
            std::none_of(page.snapshot().hanging.begin(), page.snapshot().hanging.end(),
                         [&](const app::ProducerRow& h) { return h.producerId == pid; }));  // its coordinator has it
  }

  // A hanging transaction: found, Cancel leaves it, Abort (confirmed) ends it and the LSO catches up.
  void abortsHangingTransaction() {
    auto c = client::ClusterClient::Connect(bootstrap_.toStdString());
    QVERIFY(c.ok());
    client::NewTopic topic{.name = "txn-hanging", .partitions = 1, .replication_factor = 1};
    QVERIFY((*c)->CreateTopic(topic).ok());
    QTRY_VERIFY_WITH_TIMEOUT(ProduceHangingBatch(**c, "txn-hanging").ok(), 30000);

    TransactionsPage page({});
    page.resize(1200, 700);
    page.show();
    page.findChild<QSpinBox*>(QStringLiteral("transactionsHangingMinutes"))->setValue(0);
    page.setBootstrapServers(bootstrap_);
    QTRY_VERIFY_WITH_TIMEOUT(page.hangingView()->model()->rowCount() >= 1, 30000);
    int row = -1;
    for (int r = 0; r < page.snapshot().hanging.size(); ++r)
      if (page.snapshot().hanging[r].producerId == kGhostProducer) row = r;
    QVERIFY(row >= 0);
    const app::ProducerRow hanging = page.snapshot().hanging[row];
    QCOMPARE(hanging.topic, QStringLiteral("txn-hanging"));
    QCOMPARE(hanging.txnStartOffset, qint64(0));
    // The open transaction of ui-app is not hanging: its coordinator lists it as Ongoing with that partition.
    for (const auto& h : page.snapshot().hanging) QVERIFY(h.topic != QLatin1String("txn-ui"));
    QSignalSpy described(&page, &TransactionsPage::described);
    page.selectTransaction(QStringLiteral("ui-app"));
    QVERIFY(described.wait(30000));
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("transactions-page")}}, QSize(1200, 700)));

    // The confirmation explains the consequence; Cancel does nothing.
    page.hangingView()->selectRow(row);
    auto* abortButton = page.findChild<QPushButton*>(QStringLiteral("abortHangingButton"));
    QVERIFY(abortButton->isEnabled());
    QString shown;
    {
      // Looked at in both languages and themes; Cancel each time.
      LanguageManager language;
      for (const QString& code : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
        QVERIFY(language.setLanguage(code));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        for (ThemeMode theme : {ThemeMode::Dark, ThemeMode::Light}) {
          applyTheme(theme);
          uitest::answerNextModal<QMessageBox>([&](QMessageBox* box) {
            shown = box->text();
            uitest::saveArtifact(box, QStringLiteral("abort-transaction-confirmation-%1-%2.png")
                                          .arg(code, themeModeName(theme)));
            box->button(QMessageBox::Cancel)->click();
          });
          abortButton->click();
        }
      }
    }
    QVERIFY2(shown.contains(QLatin1String("ABORT marker")) && shown.contains(QLatin1String("cannot be undone")),
             qPrintable(shown));
    QVERIFY(shown.contains(QString::number(kGhostProducer)));
    auto lso = [&] {
      auto o = (*c)->ListOffsets({{"txn-hanging", PartitionId(0)}}, client::kLatestTimestamp,
                                 client::IsolationLevel::kReadCommitted);
      return o.ok() && (*o)[0].status.ok() ? (*o)[0].offset : -2;
    };
    QCOMPARE(lso(), int64_t(0));  // still held back

    // Abort, confirmed: the marker lands, the hanging list empties and the LSO reaches the high watermark.
    QSignalSpy finished(&page, &TransactionsPage::abortFinished);
    uitest::answerNextModal<QMessageBox>([](QMessageBox* box) {
      for (QAbstractButton* b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
    });
    abortButton->click();
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().first().toString().isEmpty(), qPrintable(finished.first().first().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(std::none_of(page.snapshot().hanging.begin(), page.snapshot().hanging.end(),
                                          [](const app::ProducerRow& h) { return h.producerId == kGhostProducer; }),
                             30000);
    QCOMPARE(lso(), int64_t(2));  // ghost record at 0, ABORT marker at 1
  }
};

QTEST_MAIN(TransactionsViewTest)
#include "test_transactions_view.moc"
