// Issue 13 "everyday operations" against a real local 2-broker cluster (ZooKeeper + in-process brokers):
//  - Delete Records: the dialog offers each partition between its log start and high watermark, needs the
//    confirmation box, and the request moves the log start (records are gone for a fetch);
//  - broker configs: DescribeConfigs of a broker shows read-only keys as read-only, a dynamic key set through
//    IncrementalAlterConfigs is listed as DYNAMIC_BROKER_CONFIG and can be removed again;
//  - a reassignment with a throttle sets Kafka's throttle keys (seen while it runs) and takes them off again
//    once nothing is moving.
#include <QCheckBox>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/lag_history_store.h"
#include "app/bridge/lag_recorder.h"
#include "engine/client/cluster_client.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/dialogs/delete_records_dialog.h"
#include "ui/dialogs/reassign_dialog.h"
#include "ui/dialogs/topic_config_dialog.h"

using namespace partita;
using partita::uitest::partitionOf;
using partita::app::ClusterConnection;
using Op = partita::app::ClusterConnection::Operation;

namespace {

constexpr int kTimeoutMs = 60000;

// The error of the first finished `op` in `spy` after index `from`; "PENDING" while none.
QString resultOf(const QSignalSpy& spy, Op op, int from = 0) {
  for (int i = from; i < spy.count(); ++i)
    if (spy.at(i).at(0).value<Op>() == op) return spy.at(i).at(2).toString();
  return QStringLiteral("PENDING");
}

QString valueOf(const QList<app::ConfigValue>& configs, const QString& name, QString* source = nullptr,
                bool* readOnly = nullptr) {
  for (const auto& c : configs)
    if (c.name == name) {
      if (source) *source = c.source;
      if (readOnly) *readOnly = c.readOnly;
      return c.value;
    }
  return QStringLiteral("ABSENT");
}

}  // namespace

// These dialogs take their texts when they are made (they are short-lived and modal), so each screenshot is of a
// dialog made after the language switch: test-artifacts/ui/<name>-<lang>-<theme>.png.
template <class Make>
bool shootFresh(Make make, const QString& name, QSize size) {
  ui::LanguageManager language;
  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    if (!language.setLanguage(code)) return false;
    for (ui::ThemeMode theme : {ui::ThemeMode::Light, ui::ThemeMode::Dark}) {
      ui::applyTheme(theme);
      std::unique_ptr<QWidget> widget(make());
      widget->resize(size);
      widget->show();
      if (!QTest::qWaitForWindowExposed(widget.get())) return false;
      uitest::saveArtifact(widget.get(), QStringLiteral("%1-%2-%3.png").arg(name, code, ui::themeModeName(theme)));
    }
  }
  ui::applyTheme(ui::ThemeMode::Light);
  return language.setLanguage(QStringLiteral("en"));
}

class TestEverydayOps : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  ClusterConnection* c_ = nullptr;

  QList<app::ConfigValue> brokerConfigs(int id) {
    QSignalSpy spy(c_, &ClusterConnection::brokerConfigs);
    c_->describeBrokerConfigs(id);
    if (!spy.wait(kTimeoutMs)) return {};
    [&] { QVERIFY2(spy.at(0).at(2).toString().isEmpty(), qPrintable(spy.at(0).at(2).toString())); }();
    return spy.at(0).at(1).value<QList<app::ConfigValue>>();
  }

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    ClusterConnection::LocalOptions options;
    options.dataDir = dir_.filePath(QStringLiteral("cluster"));
    options.brokers = 2;
    c_ = new ClusterConnection(QStringLiteral("ops"), options, this);
    c_->setRefreshInterval(500);
    c_->open();
    QTRY_VERIFY_WITH_TIMEOUT(c_->snapshot() && c_->snapshot()->aliveBrokerCount() == 2, 120000);
    QSignalSpy ops(c_, &ClusterConnection::operationFinished);
    app::TopicSpec spec;
    spec.name = QStringLiteral("purge");
    spec.partitions = 2;
    spec.replicationFactor = 2;
    c_->createTopic(spec);
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::CreateTopic) != QLatin1String("PENDING"), kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::CreateTopic), QString());
    auto client = client::ClusterClient::Connect(c_->bootstrapServers().toStdString());
    QVERIFY(client.ok());
    for (int p = 0; p < 2; ++p) {
      std::vector<client::ProduceRecord> records;
      for (int i = 0; i < 100; ++i) records.push_back({"k" + std::to_string(i), std::string(50, 'v'), {}, -1});
      auto r = (*client)->Produce(TopicPartition{"purge", PartitionId(p)}, records);
      QVERIFY2(r.ok(), r.status().ToString().c_str());
    }
    QTRY_VERIFY_WITH_TIMEOUT(partitionOf(c_->snapshot(), "purge", 1) &&
                                 partitionOf(c_->snapshot(), "purge", 1)->highWatermark == 100 &&
                                 partitionOf(c_->snapshot(), "purge", 0)->highWatermark == 100,
                             kTimeoutMs);
  }
  void cleanupTestCase() {
    if (c_ != nullptr) {
      QSignalSpy stopped(c_, &ClusterConnection::stateChanged);
      c_->close();
      QTRY_VERIFY_WITH_TIMEOUT(c_->state() == ClusterConnection::State::Stopped, 60000);
    }
  }

  void deleteRecordsMovesTheLogStart() {
    const app::TopicState topic = *c_->snapshot()->findTopic(QStringLiteral("purge"));
    ui::DeleteRecordsDialog dialog(topic, {});
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("deleteRecordsButton"));
    QCOMPARE(dialog.findChild<QTableWidget*>()->rowCount(), 2);
    // Defaults: everything up to the high watermark; not before the box is ticked.
    QCOMPARE(dialog.recordCount(), 200);
    QVERIFY(!button->isEnabled());
    dialog.setOffset(0, 101);  // above the high watermark: Kafka would refuse it
    dialog.setConfirmed(true);
    QVERIFY(dialog.validationError().contains(QStringLiteral("between 0 and 100")));
    QVERIFY(!button->isEnabled());
    dialog.setOffset(0, 40);
    dialog.setOffset(1, 0);  // partition 1 stays as it is
    QVERIFY2(button->isEnabled(), qPrintable(dialog.validationError()));
    QCOMPARE(dialog.recordCount(), 40);
    const QList<app::RecordsDeletion> deletions = dialog.deletions();
    QCOMPARE(deletions.size(), 1);
    QVERIFY(shootFresh(
        [&] {
          auto* d = new ui::DeleteRecordsDialog(topic, {});
          d->setOffset(0, 40);
          d->setOffset(1, 0);
          return d;
        },
        QStringLiteral("delete-records-dialog"), QSize(600, 360)));

    QSignalSpy ops(c_, &ClusterConnection::operationFinished);
    c_->deleteRecords(deletions);
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::DeleteRecords) != QLatin1String("PENDING"), kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::DeleteRecords), QString());
    QTRY_COMPARE_WITH_TIMEOUT(partitionOf(c_->snapshot(), "purge", 0)->logStartOffset, 40, kTimeoutMs);
    QCOMPARE(partitionOf(c_->snapshot(), "purge", 1)->logStartOffset, 0);
    // A bad request says which partition and why.
    ops.clear();
    c_->deleteRecords({{QStringLiteral("purge"), 1, 1000}});
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::DeleteRecords) != QLatin1String("PENDING"), kTimeoutMs);
    QVERIFY2(resultOf(ops, Op::DeleteRecords).contains(QStringLiteral("purge-1: OFFSET_OUT_OF_RANGE")),
             qPrintable(resultOf(ops, Op::DeleteRecords)));
  }

  void brokerConfigsShowReadOnlyAndEditDynamicOnes() {
    QList<app::ConfigValue> configs = brokerConfigs(1);
    QVERIFY(!configs.isEmpty());
    bool readOnly = false;
    QString source;
    QCOMPARE(valueOf(configs, QStringLiteral("broker.id"), &source, &readOnly), QStringLiteral("1"));
    QVERIFY(readOnly);
    ui::TopicConfigDialog dialog(QStringLiteral("1"), configs, nullptr, ui::TopicConfigDialog::Resource::Broker);
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("Broker 1")));
    QVERIFY(shootFresh(
        [&] { return new ui::TopicConfigDialog(QStringLiteral("1"), configs, nullptr, ui::TopicConfigDialog::Resource::Broker); },
        QStringLiteral("broker-configs-dialog"), QSize(760, 480)));

    QSignalSpy ops(c_, &ClusterConnection::operationFinished);
    c_->alterBrokerConfigs(1, {{QStringLiteral("leader.replication.throttled.rate"), QStringLiteral("12345")}}, {});
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::AlterConfigs) != QLatin1String("PENDING"), kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::AlterConfigs), QString());
    configs = brokerConfigs(1);
    QCOMPARE(valueOf(configs, QStringLiteral("leader.replication.throttled.rate"), &source), QStringLiteral("12345"));
    QCOMPARE(source, QStringLiteral("DYNAMIC_BROKER_CONFIG"));
    ops.clear();
    c_->alterBrokerConfigs(1, {}, {QStringLiteral("leader.replication.throttled.rate")});
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::AlterConfigs) != QLatin1String("PENDING"), kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::AlterConfigs), QString());
    configs = brokerConfigs(1);
    valueOf(configs, QStringLiteral("leader.replication.throttled.rate"), &source);
    QVERIFY2(source != QLatin1String("DYNAMIC_BROKER_CONFIG"), qPrintable(source));
  }

  void throttledReassignmentSetsAndClearsTheThrottle() {
    const app::PartitionState* p = partitionOf(c_->snapshot(), "purge", 1);
    QVERIFY(p != nullptr);
    // Swap the preferred order: a real reassignment through the controller, data already on both brokers.
    app::PlannedReassignment move{QStringLiteral("purge"), 1, {p->replicas.at(1), p->replicas.at(0)}};
    ui::ReassignDialog dialog(c_->snapshot(), QStringLiteral("purge"), {1});
    dialog.setThrottleBytesPerSec(5 * 1024 * 1024);
    QCOMPARE(dialog.throttleBytesPerSec(), 5 * 1024 * 1024);
    QVERIFY(shootFresh(
        [&] {
          auto* d = new ui::ReassignDialog(c_->snapshot(), QStringLiteral("purge"), {1});
          d->setThrottleBytesPerSec(5 * 1024 * 1024);
          d->setTarget(1, move.replicas);
          return d;
        },
        QStringLiteral("reassign-dialog-throttle"), QSize(760, 520)));

    QSignalSpy ops(c_, &ClusterConnection::operationFinished);
    QList<app::ConfigValue> during;
    // Read the broker's configs right after the reassignment was accepted: before any snapshot can clear them.
    connect(c_, &ClusterConnection::operationFinished, this, [this](Op op) {
      if (op == Op::Reassign) c_->describeBrokerConfigs(move_broker_);
    });
    QSignalSpy configs(c_, &ClusterConnection::brokerConfigs);
    move_broker_ = move.replicas.first();
    c_->executeReassignment({move}, dialog.throttleBytesPerSec());
    QTRY_VERIFY_WITH_TIMEOUT(configs.count() >= 1, kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::SetThrottle), QString());
    QCOMPARE(resultOf(ops, Op::Reassign), QString());
    during = configs.at(0).at(1).value<QList<app::ConfigValue>>();
    QCOMPARE(valueOf(during, QStringLiteral("follower.replication.throttled.rate")), QStringLiteral("5242880"));
    QTRY_VERIFY_WITH_TIMEOUT(resultOf(ops, Op::ClearThrottle) != QLatin1String("PENDING"), kTimeoutMs);
    QCOMPARE(resultOf(ops, Op::ClearThrottle), QString());
    disconnect(c_, &ClusterConnection::operationFinished, this, nullptr);
    QString source;
    valueOf(brokerConfigs(move_broker_), QStringLiteral("follower.replication.throttled.rate"), &source);
    QVERIFY2(source != QLatin1String("DYNAMIC_BROKER_CONFIG"), qPrintable(source));
    QTRY_COMPARE_WITH_TIMEOUT(partitionOf(c_->snapshot(), "purge", 1)->replicas, move.replicas, kTimeoutMs);
  }

  // Lag history for every connected cluster, not only the one the Consumer groups page shows.
  void lagIsRecordedInTheBackground() {
    auto client = client::ClusterClient::Connect(c_->bootstrapServers().toStdString());
    QVERIFY(client.ok());
    QVERIFY((*client)->CommitOffsets("bg-group", {{TopicPartition{"purge", PartitionId(0)}, 50}}).ok());
    QTemporaryDir history;
    app::LagRecorder recorder;
    recorder.setHistoryDirectory(history.path());
    recorder.setInterval(1000);
    QSignalSpy recorded(&recorder, &app::LagRecorder::recorded);
    recorder.setClusters({c_->bootstrapServers()});
    QCOMPARE(recorder.recording(), QStringList{c_->bootstrapServers()});
    QVERIFY(recorded.wait(kTimeoutMs));
    QCOMPARE(recorded.at(0).at(0).toString(), c_->bootstrapServers());
    QVERIFY(recorded.at(0).at(1).toInt() >= 1);
    // Written where LagHistoryStore keeps it: <dir>/<cluster id>/<group file>.
    const QString file = history.path() + QLatin1Char('/') + c_->snapshot()->clusterId + QLatin1Char('/') +
                         app::LagHistoryStore::fileNameFor(QStringLiteral("bg-group"));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > 0, kTimeoutMs);
    // The page records its own cluster; the recorder steps back, and stops when switched off.
    recorder.setForeground(c_->bootstrapServers());
    QVERIFY(recorder.recording().isEmpty());
    recorder.setForeground(QString());
    QCOMPARE(recorder.recording().size(), 1);
    recorder.setEnabled(false);
    QVERIFY(recorder.recording().isEmpty());
  }

 private:
  int move_broker_ = -1;
};

QTEST_MAIN(TestEverydayOps)
#include "test_everyday_ops.moc"
