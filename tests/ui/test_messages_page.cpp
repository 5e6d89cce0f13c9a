// The messages page as a user meets it, against a real broker (ZooKeeper + partita-broker): the empty state
// while disconnected, 1,000 produced messages browsed page by page, seek by offset, key search, the detail
// pane's views, export, and the Produce dialog's validation and round trip. The row model and the formatting
// helpers are checked on their own first (QAbstractItemModelTester). Screenshot: test-artifacts/ui/.
#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/kafka_partitioner.h"
#include "engine/client/cluster_client.h"
#include "tests/integration/broker_fixture.h"
#include "ui/dialogs/produce_dialog.h"
#include "ui/models/message_table_model.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/messages_page_test_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/pages/messages_page.h"
#include "ui/widgets/message_detail_view.h"
#include "ui/widgets/message_format.h"

using namespace partita;
using namespace partita::ui;
using partita::uitest::saveArtifact;

namespace {

app::MessageRow row(int partition, qint64 offset, const QByteArray& key, const QByteArray& value) {
  app::MessageRow r;
  r.partition = partition;
  r.offset = offset;
  r.timestamp = 1700000000000 + offset;
  r.key = key;
  r.keyIsNull = false;
  r.value = value;
  r.valueIsNull = false;
  r.headers = {{"trace", "abc", false}};
  return r;
}

}  // namespace

class MessagesPageTest : public QObject {
  Q_OBJECT

 private slots:
  void modelPassesTheTester() {
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({row(0, 1, "k", "{\"a\":1}"), row(1, 2, QByteArray("\x01\x02", 2), "text")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, MessageTableModel::OffsetColumn).data().toLongLong(), 1);
    QCOMPARE(model.index(1, MessageTableModel::KeyColumn).data().toString(), QStringLiteral("0x0102"));
    QCOMPARE(model.index(0, MessageTableModel::HeadersColumn).data().toString(), QStringLiteral("trace=abc"));
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
  }

  void formats() {
    QCOMPARE(bytesPreview({}, true, 10), QStringLiteral("(null)"));  // never the four letters of a string
    QCOMPARE(bytesPreview("abcdefghijkl", false, 5), QStringLiteral("abcde…"));
    QVERIFY(prettyJson("{\"a\":[1,2]}").contains("\n"));
    QVERIFY(prettyJson("not json").isEmpty());
    QVERIFY(hexDump("ABC").startsWith("00000000  41 42 43"));
    const app::MessageRow r = row(2, 7, QByteArray("\xff", 1), "a,\"b\"");
    const QJsonObject o = QJsonDocument::fromJson(toJsonLine(r)).object();
    QCOMPARE(o["offset"].toInt(), 7);
    QCOMPARE(o["keyEncoding"].toString(), QStringLiteral("base64"));
    QCOMPARE(o["value"].toString(), QStringLiteral("a,\"b\""));
    QCOMPARE(toCsvLine(r), QByteArray("2,7,1700000000007,base64:/w==,\"a,\"\"b\"\"\",trace=abc"));
  }

  void produceDialogValidates() {
    QList<app::TopicSummary> topics{{"orders", 3, false}, {"__consumer_offsets", 50, true}};
    ProduceDialog dialog(topics, "orders");
    auto* ok = uitest::acceptButton(dialog);
    QVERIFY(dialog.isValid());
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.findChild<QComboBox*>("produceTopicCombo")->count(), 1);  // internal topics are not offered
    dialog.findChild<QPlainTextEdit*>("produceHeadersEdit")->setPlainText("a=1\n=nameless");
    QVERIFY(!dialog.isValid());
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.errorText().contains("2"));
    dialog.findChild<QPlainTextEdit*>("produceHeadersEdit")->setPlainText("a=1\nflag");
    QVERIFY(dialog.isValid());
    auto* partition = dialog.findChild<QComboBox*>("producePartitionCombo");
    QCOMPARE(partition->count(), 4);  // automatic + 3
    partition->setCurrentIndex(3);
    dialog.findChild<QCheckBox*>("produceNullKey")->setChecked(true);
    dialog.findChild<QPlainTextEdit*>("produceValueEdit")->setPlainText("v");
    dialog.findChild<QComboBox*>("produceAcksCombo")->setCurrentIndex(1);
    const app::ProduceSpec spec = dialog.spec();
    QCOMPARE(spec.partition, 2);
    QVERIFY(!spec.key.has_value());
    QCOMPARE(*spec.value, QByteArray("v"));
    QCOMPARE(spec.acks, 1);
    QCOMPARE(spec.headers.size(), 2);
    QVERIFY(spec.headers[1].valueIsNull);
    ProduceDialog none({}, QString());
    QVERIFY(!none.isValid());
  }

  void emptyStateWhileDisconnected() {
    MessagesPage page({});
    QCOMPARE(page.findChild<QStackedWidget*>()->currentIndex(), 0);
    // The main window must still fit 900 px wide with the navigation list beside the page.
    QVERIFY2(page.findChild<QStackedWidget*>()->widget(1)->minimumSizeHint().width() <= 700,
             qPrintable(QString::number(page.findChild<QStackedWidget*>()->widget(1)->minimumSizeHint().width())));
    page.setBootstrapServers("127.0.0.1:1");
    QCOMPARE(page.findChild<QStackedWidget*>()->currentIndex(), 1);
    page.setBootstrapServers(QString());
    QCOMPARE(page.findChild<QStackedWidget*>()->currentIndex(), 0);
  }

  void browsesALiveTopic() {
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
      // 1,000 messages, 500 per partition, JSON values, a header each, in batches of 100.
      for (int p = 0; p < 2; ++p) {
        for (int b = 0; b < 5; ++b) {
          std::vector<client::ProduceRecord> records;
          for (int i = 0; i < 100; ++i) {
            const int n = p * 500 + b * 100 + i;
            client::ProduceRecord r;
            r.key = "order-" + std::to_string(n);
            r.value = "{\"order\":" + std::to_string(n) + ",\"items\":[\"tea\",\"cake\"],\"total\":" +
                      std::to_string(n % 97) + ".5}";
            r.headers = {{"origin", std::string(n % 2 ? "web" : "app")}};
            records.push_back(r);
          }
          QVERIFY((*client)->Produce({"orders", PartitionId(p)}, records, -1).ok());
        }
      }
    }

    MessagesPage page({});
    page.resize(1280, 800);
    page.show();
    QSignalSpy topics(&page, &MessagesPage::topicsLoaded);
    page.setBootstrapServers(QString::fromStdString((*fx)->bootstrap()));
    QVERIFY(topics.wait(30000));
    auto* topicCombo = page.findChild<QComboBox*>("messagesTopicCombo");
    QCOMPARE(topicCombo->currentText(), QStringLiteral("orders"));
    auto* partitionCombo = page.findChild<QComboBox*>("messagesPartitionCombo");
    QCOMPARE(partitionCombo->count(), 3);
    partitionCombo->setCurrentIndex(1);  // partition 0
    auto* start = page.findChild<QComboBox*>("messagesStartCombo");
    start->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    QTest::mouseClick(page.findChild<QPushButton*>("messagesOpenButton"), Qt::LeftButton);
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowCount(), 100);
    QCOMPARE(page.model()->rowAt(0)->offset, 0);
    auto* next = page.findChild<QPushButton*>("messagesNextButton");
    auto* previous = page.findChild<QPushButton*>("messagesPreviousButton");
    QVERIFY(next->isEnabled());
    QVERIFY(!previous->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowAt(0)->offset, 100);
    QVERIFY(previous->isEnabled());
    QTest::mouseClick(previous, Qt::LeftButton);
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowAt(0)->offset, 0);

    // Seek by offset.
    start->setCurrentIndex(static_cast<int>(app::MessageStart::Offset));
    page.findChild<QLineEdit*>("messagesOffsetEdit")->setText("420");
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowAt(0)->offset, 420);
    QCOMPARE(page.model()->rowCount(), 80);
    QVERIFY(!next->isEnabled());

    // Detail pane: select a row; text, JSON and hex views.
    page.table()->selectRow(0);
    const QString text = page.detailView()->text(MessageDetailView::TextTab);
    QVERIFY2(text.contains("\"order\":420"), qPrintable(text));
    QVERIFY(page.detailView()->text(MessageDetailView::JsonTab).contains("\"items\": ["));
    QVERIFY(page.detailView()->text(MessageDetailView::HexTab).startsWith("00000000  7b 22"));

    // Export the page.
    QTemporaryDir tmp;
    QString error;
    QVERIFY(MessagesPage::writeRows(tmp.filePath("page.jsonl"), page.model()->rows(),
                                    MessagesPage::ExportFormat::JsonLines, &error));
    QFile exported(tmp.filePath("page.jsonl"));
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll().count('\n'), 80);
    QVERIFY(MessagesPage::writeRows(tmp.filePath("page.csv"), page.model()->rows(), MessagesPage::ExportFormat::Csv,
                                    &error));

    // Key search over all partitions: reads only the key's partition (murmur2), finds nothing there unless
    // the key was written there; our keys were placed by hand, so search one that murmur2 puts in its own.
    partitionCombo->setCurrentIndex(0);
    start->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    QString key;
    for (int n = 0; n < 1000 && key.isEmpty(); ++n) {
      const QString k = QString("order-%1").arg(n);
      if (app::partitionForKey(k.toUtf8(), 2) == n / 500) key = k;
    }
    page.findChild<QComboBox*>("messagesFilterField")->setCurrentIndex(MessagesPage::KeyEquals);
    auto* partitioner = page.findChild<QComboBox*>("messagesKeyPartitionerCombo");
    QVERIFY(partitioner->isVisibleTo(&page));
    QCOMPARE(partitioner->currentIndex(), static_cast<int>(app::KeyPartitioner::ScanAll));  // cannot miss a key
    partitioner->setCurrentIndex(static_cast<int>(app::KeyPartitioner::Murmur2));
    page.findChild<QLineEdit*>("messagesFilterEdit")->setText(key);
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(QString::fromUtf8(page.model()->rowAt(0)->key), key);
    QCOMPARE(page.currentPage().keyPartition, app::partitionForKey(key.toUtf8(), 2));
    QVERIFY(page.statusText().contains(QString::number(page.currentPage().keyPartition)));

    // The default search scans every partition, so it finds keys whatever partitioner wrote them.
    partitioner->setCurrentIndex(static_cast<int>(app::KeyPartitioner::ScanAll));
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(QString::fromUtf8(page.model()->rowAt(0)->key), key);
    QCOMPARE(page.currentPage().keyPartition, -1);

    // Value filter across partitions.
    page.findChild<QComboBox*>("messagesFilterField")->setCurrentIndex(MessagesPage::ValueContains);
    QVERIFY(!partitioner->isVisibleTo(&page));
    page.findChild<QLineEdit*>("messagesFilterEdit")->setText("\"total\":7.5");
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QVERIFY(page.model()->rowCount() > 0);
    for (const auto& r : page.model()->rows()) QVERIFY(r.value.contains("\"total\":7.5"));

    // Produce through the dialog's spec, then see it at the end of its partition.
    ProduceDialog dialog(page.topics(), "orders", &page);
    dialog.findChild<QLineEdit*>("produceKeyEdit")->setText("new-order");
    dialog.findChild<QPlainTextEdit*>("produceValueEdit")->setPlainText("{\"order\":\"new\"}");
    dialog.findChild<QPlainTextEdit*>("produceHeadersEdit")->setPlainText("origin=test");
    dialog.findChild<QComboBox*>("produceCompressionCombo")->setCurrentIndex(1);  // gzip
    QVERIFY(dialog.isValid());
    QSignalSpy produced(&page, &MessagesPage::produced);
    page.produce(dialog.spec());
    QVERIFY(produced.wait(30000));
    const auto outcome = produced.at(0).at(0).value<app::ProduceOutcome>();
    QCOMPARE(outcome.partition, app::partitionForKey("new-order", 2));
    QCOMPARE(outcome.offset, 500);
    QVERIFY(page.statusText().contains("500"));
    page.findChild<QLineEdit*>("messagesFilterEdit")->clear();
    partitionCombo->setCurrentIndex(outcome.partition + 1);
    start->setCurrentIndex(static_cast<int>(app::MessageStart::Latest));
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rows().back().offset, 500);
    QCOMPARE(page.model()->rows().back().key, QByteArray("new-order"));
    QCOMPARE(page.model()->rows().back().headers.size(), 1);
    QCOMPARE(page.model()->rows().back().headers[0].key, QByteArray("origin"));
    QCOMPARE(page.model()->rows().front().headers[0].key, QByteArray("origin"));  // written by the engine client

    page.table()->selectRow(page.model()->rowCount() - 3);
    page.table()->scrollTo(page.table()->currentIndex());
    saveArtifact(&page, QStringLiteral("messages_page.png"));
    page.setBootstrapServers(QString());
    QCOMPARE(page.findChild<QStackedWidget*>()->currentIndex(), 0);
  }

  // Issue 13 message views: a filter reads on in the background until a page of matches or the end (progress,
  // Cancel, the GUI thread keeps turning), an "Until" time bound, and a live tail that appends new records.
  void searchesInTheBackgroundAndFollowsNewRecords() {
    itest::BrokerOptions options;
    options.auto_create_topics = false;
    auto fx = itest::BrokerFixture::Start(options);
    QVERIFY2(fx.ok(), qPrintable(QString::fromStdString(fx.status().ToString())));
    constexpr int kRecords = 60000;
    constexpr int64_t kT0 = 1700000000000;
    auto client = client::ClusterClient::Connect((*fx)->bootstrap());
    QVERIFY(client.ok());
    {
      client::NewTopic topic;
      topic.name = "big";
      topic.partitions = 1;
      topic.replication_factor = 1;
      QVERIFY((*client)->CreateTopic(topic).ok());
      // Record i at time kT0 + i; only the last one contains "needle".
      for (int b = 0; b < kRecords / 1000; ++b) {
        std::vector<client::ProduceRecord> records;
        for (int i = 0; i < 1000; ++i) {
          const int n = b * 1000 + i;
          client::ProduceRecord r;
          r.value = n == kRecords - 1 ? std::string("a needle here") : "value-" + std::to_string(n);
          r.timestamp = kT0 + n;
          records.push_back(r);
        }
        QVERIFY((*client)->Produce({"big", PartitionId(0)}, records, -1).ok());
      }
    }
    MessagesPage page({});
    page.resize(1280, 800);
    page.show();
    QSignalSpy topics(&page, &MessagesPage::topicsLoaded);
    page.setBootstrapServers(QString::fromStdString((*fx)->bootstrap()));
    QVERIFY(topics.wait(30000));
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    page.findChild<QComboBox*>("messagesFilterField")->setCurrentIndex(MessagesPage::ValueContains);
    page.findChild<QLineEdit*>("messagesFilterEdit")->setText("needle");

    // One Open finds the needle behind 59,999 other records, reporting progress on the way.
    uitest::GuiWatchdog watchdog;
    QSignalSpy progress(&page, &MessagesPage::searchProgressed);
    page.openPage();
    QVERIFY(page.isSearching());
    QVERIFY(page.findChild<QPushButton*>("messagesCancelSearchButton")->isVisible());
    QVERIFY(uitest::waitMessagesPage(page));
    watchdog.stop();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->rowAt(0)->offset, kRecords - 1);
    QVERIFY2(progress.count() >= 2, qPrintable(QString::number(progress.count())));
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(kRecords));
    QVERIFY(!page.findChild<QPushButton*>("messagesCancelSearchButton")->isVisible());
    QVERIFY2(watchdog.worstGapMs() < 300, qPrintable(QString::number(watchdog.worstGapMs())));

    // Cancel stops it at the next step with what was found so far (pressed at once: the first step still runs).
    page.findChild<QLineEdit*>("messagesFilterEdit")->setText("not there at all");
    page.openPage();
    QTest::mouseClick(page.findChild<QPushButton*>("messagesCancelSearchButton"), Qt::LeftButton);
    QVERIFY(uitest::waitMessagesPage(page));
    QVERIFY(page.currentPage().cancelled);
    QVERIFY2(page.currentPage().scanned < kRecords, qPrintable(QString::number(page.currentPage().scanned)));
    QVERIFY(page.statusText().contains(QStringLiteral("cancelled")));

    // A time range: from the "Date and time" start to "Until" (exclusive).
    page.findChild<QLineEdit*>("messagesFilterEdit")->clear();
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Timestamp));
    page.findChild<QDateTimeEdit*>("messagesDateTimeEdit")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 30000));
    page.findChild<QCheckBox*>("messagesUntilCheck")->setChecked(true);
    page.findChild<QDateTimeEdit*>("messagesUntilEdit")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 30010));
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    QCOMPARE(page.model()->rowCount(), 10);
    QCOMPARE(page.model()->rowAt(0)->offset, 30000);
    QCOMPARE(page.model()->rowAt(9)->offset, 30009);
    page.findChild<QCheckBox*>("messagesUntilCheck")->setChecked(false);

    // Live tail: from the latest page, new records appear without another click; pausing stops that.
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Latest));
    page.openPage();
    QVERIFY(uitest::waitMessagesPage(page));
    page.setFollowing(true);
    QVERIFY(page.isFollowing());
    std::vector<client::ProduceRecord> fresh(3);
    for (int i = 0; i < 3; ++i) fresh[i].value = "fresh-" + std::to_string(i);
    QVERIFY((*client)->Produce({"big", PartitionId(0)}, fresh, -1).ok());
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0 &&
                                 page.model()->rowAt(page.model()->rowCount() - 1)->offset == kRecords + 2,
                             20000);
    QVERIFY(page.model()->rowCount() <= MessagesPage::kTailRows);
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Timestamp));
    page.findChild<QCheckBox*>("messagesUntilCheck")->setChecked(true);
    QVERIFY(uitest::shootLanguagesAndThemes({{&page, QStringLiteral("messages-follow")}}, QSize(1280, 800)));
    page.setFollowing(false);
    const int shown = page.model()->rowCount();
    QVERIFY((*client)->Produce({"big", PartitionId(0)}, fresh, -1).ok());
    QTest::qWait(2500);  // two tail ticks would have passed: nothing may arrive while paused
    QCOMPARE(page.model()->rowCount(), shown);
  }
};

QTEST_MAIN(MessagesPageTest)
#include "test_messages_page.moc"
