// Consumer groups end to end: a real local cluster (engine LocalCluster: a ZooKeeper server + 1 in-process
// broker on free ports in a temp dir), real librdkafka group consumers (confluent_kafka via group_e2e.py), and
// the page with its GroupMonitor. The page must show lag = produced - consumed per partition and in total, see
// it fall to 0, record it in the lag history, reset offsets (refused with the broker's reason while a member is
// in the group, done after it left) and delete the group. Screenshots: <build>/test-artifacts/ui.
#include <QAbstractProxyModel>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "app/bridge/group_monitor.h"
#include "app/bridge/lag_history_store.h"
#include "engine/cluster/local_cluster.h"
#include "tests/integration/external_tool.h"
#include "ui/dialogs/reset_offsets_dialog.h"
#include "ui/models/group_list_model.h"
#include "ui/pages/consumer_groups_page.h"
#include "ui/widgets/lag_plot_widget.h"

using namespace partita;

namespace {

constexpr int kRecords = 300;
constexpr int kPartitions = 3;
const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");

QString script() { return QStringLiteral(PARTITA_GROUPS_TEST_DIR "/group_e2e.py"); }

itest::ToolRun runScript(const QStringList& args) {
  return itest::RunTool(itest::PythonInterpreter(), QStringList{script()} + args, 120000);
}

void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace

class GroupsEndToEndTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(itest::MissingPythonModule(QStringLiteral("confluent_kafka"), QStringLiteral("python3-confluent-kafka")));
    QVERIFY(m_dir.isValid());
    cluster::LocalCluster::Options options;
    options.data_dir = (m_dir.path() + QStringLiteral("/cluster")).toStdString();
    options.brokers = 1;
    options.broker_overrides = {{"group.initial.rebalance.delay.ms", "0"}, {"offsets.topic.replication.factor", "1"}};
    auto started = cluster::LocalCluster::Start(options);
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    m_cluster = std::move(*started);
    m_bootstrap = QString::fromStdString(m_cluster->BootstrapServers());
    const auto produced = runScript({QStringLiteral("produce"), m_bootstrap, kTopic, QString::number(kPartitions),
                                     QString::number(kRecords)});
    QVERIFY2(produced.ok(), qPrintable(produced.Describe()));
  }

  void cleanupTestCase() {
    m_page.reset();  // stops the monitor before the cluster goes
    if (m_cluster) QVERIFY(m_cluster->Stop().ok());
  }

  void lagShownThenFallsToZero() {
    const auto first = runScript({QStringLiteral("consume"), m_bootstrap, kTopic, kGroup, QStringLiteral("120")});
    QVERIFY2(first.ok(), qPrintable(first.Describe()));

    m_page = std::make_unique<ui::ConsumerGroupsPage>(QList<QAction*>{});
    m_page->monitor()->setHistoryDirectory(m_dir.path() + QStringLiteral("/history"));
    m_page->setRefreshInterval(500);
    m_page->resize(1280, 800);
    m_page->show();
    m_page->setBootstrapServers(m_bootstrap);

    auto* view = m_page->findChild<QTableView*>(QStringLiteral("groupsView"));
    QVERIFY(view != nullptr);
    auto* groups = qobject_cast<ui::GroupListModel*>(qobject_cast<QAbstractProxyModel*>(view->model())->sourceModel());
    QTRY_VERIFY_WITH_TIMEOUT(groups->rowOf(kGroup) >= 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowAt(groups->rowOf(kGroup)).totalLag, qint64(kRecords - 120), 20000);
    QCOMPARE(groups->rowAt(groups->rowOf(kGroup)).state, QStringLiteral("Empty"));
    QCOMPARE(groups->rowAt(groups->rowOf(kGroup)).members, 0);

    QSignalSpy details(m_page->monitor(), &app::GroupMonitor::groupDetailChanged);
    m_page->selectGroup(kGroup);
    QCOMPARE(m_page->selectedGroup(), kGroup);
    QTRY_VERIFY_WITH_TIMEOUT(!details.isEmpty(), 20000);
    auto detail = details.last().first().value<app::GroupDetailSnapshot>();
    QCOMPARE(detail.groupId, kGroup);
    QCOMPARE(detail.partitions.size(), kPartitions);
    qint64 committed = 0;
    for (const app::PartitionLagRow& row : detail.partitions) {
      QCOMPARE(row.logEnd, qint64(kRecords / kPartitions));
      QCOMPARE(row.lag, row.logEnd - row.committed);
      if (row.lag > 0) QVERIFY2(row.timeLagMs >= 0, "time lag known for a lagging partition");
      committed += row.committed;
    }
    QCOMPARE(committed, qint64(120));
    QCOMPARE(detail.totalLag(), qint64(kRecords - 120));
    QVERIFY(!detail.history.isEmpty());
    QTest::qWait(3000);  // a few more samples for the plot
    saveArtifact(m_page.get(), QStringLiteral("consumer_groups_lagging.png"));

    // The rest in two steps, so the plot shows the lag falling.
    const auto more = runScript({QStringLiteral("consume"), m_bootstrap, kTopic, kGroup, QStringLiteral("60")});
    QVERIFY2(more.ok(), qPrintable(more.Describe()));
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowAt(groups->rowOf(kGroup)).totalLag, qint64(kRecords - 180), 20000);
    QTest::qWait(2000);
    const auto rest = runScript({QStringLiteral("consume"), m_bootstrap, kTopic, kGroup, QString::number(kRecords - 180)});
    QVERIFY2(rest.ok(), qPrintable(rest.Describe()));
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowAt(groups->rowOf(kGroup)).totalLag, qint64(0), 20000);
    details.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!details.isEmpty(), 20000);
    detail = details.last().first().value<app::GroupDetailSnapshot>();
    QCOMPARE(detail.totalLag(), qint64(0));
    for (const app::PartitionLagRow& row : detail.partitions) QCOMPARE(row.committed, row.logEnd);
    // History: the lag was recorded at 180 and at 0.
    QVERIFY(detail.history.total.lags.contains(kRecords - 120));
    QCOMPARE(detail.history.total.lags.last(), qint64(0));
    QCOMPARE(m_page->findChild<ui::LagPlotWidget*>()->lineCount(), 1 + kPartitions);
    QTest::qWait(2000);
    saveArtifact(m_page.get(), QStringLiteral("consumer_groups_caught_up.png"));
  }

  void membersShownWhileConsuming() {
    auto holder = std::make_unique<QProcess>();
    holder->setStandardOutputFile(m_dir.path() + QStringLiteral("/hold.out"));
    holder->setStandardErrorFile(m_dir.path() + QStringLiteral("/hold.err"));
    holder->start(itest::PythonInterpreter(), {script(), QStringLiteral("hold"), m_bootstrap, kTopic, kGroup, QStringLiteral("40")});
    QVERIFY(holder->waitForStarted());
    const auto stopHolder = qScopeGuard([&holder] {
      holder->kill();
      holder->waitForFinished(5000);
    });
    const auto holdOutput = [this] {
      QFile out(m_dir.path() + QStringLiteral("/hold.out")), err(m_dir.path() + QStringLiteral("/hold.err"));
      out.open(QIODevice::ReadOnly);
      err.open(QIODevice::ReadOnly);
      return QString::fromUtf8(out.readAll() + err.readAll());
    };
    QTRY_VERIFY2_WITH_TIMEOUT(holdOutput().contains(QStringLiteral("joined")), qPrintable(holdOutput()), 30000);
    QSignalSpy details(m_page->monitor(), &app::GroupMonitor::groupDetailChanged);
    const auto lastDetail = [&details] {
      return details.isEmpty() ? app::GroupDetailSnapshot() : details.last().first().value<app::GroupDetailSnapshot>();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(lastDetail().members.size() == 1,
                              qPrintable(QStringLiteral("state %1, %2 members, error %3")
                                             .arg(lastDetail().state)
                                             .arg(lastDetail().members.size())
                                             .arg(lastDetail().error)),
                              30000);
    const auto detail = lastDetail();
    QCOMPARE(detail.state, QStringLiteral("Stable"));
    QCOMPARE(detail.members[0].clientId, QStringLiteral("partita-e2e"));
    QCOMPARE(detail.members[0].assignment.size(), kPartitions);
    for (const app::PartitionLagRow& row : detail.partitions) QCOMPARE(row.clientId, QStringLiteral("partita-e2e"));

    // Reset while the member is there: Kafka refuses, and the refusal names the broker's reason.
    QSignalSpy previews(m_page->monitor(), &app::GroupMonitor::resetPreviewReady);
    QSignalSpy failed(m_page->monitor(), &app::GroupMonitor::resetFailed);
    app::OffsetResetSpec spec;
    spec.kind = app::OffsetResetKind::Earliest;
    m_page->monitor()->previewReset(kGroup, spec);
    QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 1, 20000);
    m_page->monitor()->executeReset(previews.first().first().value<app::OffsetResetPreview>());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const QString reason = failed.first().at(1).toString();
    QVERIFY2(reason.contains(kGroup) && reason.contains(QStringLiteral("Stable")), qPrintable(reason));
    saveArtifact(m_page.get(), QStringLiteral("consumer_groups_member.png"));
  }

  void resetOffsetsThenDelete() {
    auto* view = m_page->findChild<QTableView*>(QStringLiteral("groupsView"));
    auto* groups = qobject_cast<ui::GroupListModel*>(qobject_cast<QAbstractProxyModel*>(view->model())->sourceModel());
    // The killed member's session expires (6 s), the group becomes Empty.
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowAt(groups->rowOf(kGroup)).state, QStringLiteral("Empty"), 30000);

    // Through the page's dialog: shift by -10, preview, reset.
    QSignalSpy done(m_page->monitor(), &app::GroupMonitor::resetSucceeded);
    QPointer<ui::ResetOffsetsDialog> dialog = m_page->openResetDialog();
    QVERIFY(dialog);
    dialog->findChild<QRadioButton*>(QStringLiteral("shiftRadio"))->setChecked(true);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("shiftEdit")), QStringLiteral("-10"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("previewButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->canReset(), qPrintable(dialog->message()), 20000);
    auto* preview = dialog->findChild<QTableView*>(QStringLiteral("previewView"))->model();
    QCOMPARE(preview->rowCount(), kPartitions);
    for (int row = 0; row < kPartitions; ++row)
      QCOMPARE(preview->index(row, 3).data(ui::kSortRole).toLongLong(), preview->index(row, 2).data(ui::kSortRole).toLongLong() - 10);
    saveArtifact(dialog, QStringLiteral("consumer_groups_reset_preview.png"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("resetButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(done.count() == 1, qPrintable(dialog ? dialog->message() : QString()), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 5000);  // accepted and closed
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowAt(groups->rowOf(kGroup)).totalLag, qint64(10 * kPartitions), 20000);

    QSignalSpy deleted(m_page->monitor(), &app::GroupMonitor::groupDeleted);
    m_page->monitor()->deleteGroup(kGroup);
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(groups->rowOf(kGroup) < 0, 20000);

    // Disconnecting brings the empty state back.
    m_page->setBootstrapServers(QString());
    QCOMPARE(groups->rowCount(), 0);
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<cluster::LocalCluster> m_cluster;
  QString m_bootstrap;
  std::unique_ptr<ui::ConsumerGroupsPage> m_page;
};

QTEST_MAIN(GroupsEndToEndTest)
#include "test_groups_e2e.moc"
