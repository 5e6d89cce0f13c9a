// The consumer-group models over snapshots built here: QAbstractItemModelTester on every model while rows
// are added, changed, reordered and removed; keyed updates keep untouched rows (no reset) so selections survive.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "ui/models/group_detail_models.h"
#include "ui/models/group_format.h"
#include "ui/models/group_list_model.h"
#include "ui/models/offset_reset_preview_model.h"

using namespace partita;
using partita::ui::GroupListModel;
using partita::ui::GroupMemberModel;
using partita::ui::OffsetResetPreviewModel;
using partita::ui::PartitionLagModel;

namespace {

app::GroupSummary group(const QString& id, const QString& state, int members, qint64 lag) {
  app::GroupSummary g;
  g.groupId = id;
  g.state = state;
  g.protocolType = QStringLiteral("consumer");
  g.members = members;
  g.totalLag = lag;
  return g;
}

app::GroupListSnapshot listOf(QList<app::GroupSummary> groups) {
  app::GroupListSnapshot s;
  s.takenAtMs = 1;
  s.groups = std::move(groups);
  return s;
}

app::PartitionLagRow lagRow(const QString& topic, int p, qint64 committed, qint64 end, const QString& member = {}) {
  app::PartitionLagRow r;
  r.tp = {topic, p};
  r.committed = committed;
  r.logStart = 0;
  r.logEnd = end;
  r.lag = committed >= 0 ? end - committed : -1;
  r.timeLagMs = committed >= 0 ? 1500 : -1;
  r.memberId = member;
  return r;
}

}  // namespace

class GroupModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void groupListUpdatesWithMinimalChanges() {
    GroupListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(listOf({group("b", "Stable", 2, 10), group("a", "Empty", 0, 5)}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, GroupListModel::GroupColumn)).toString(), QStringLiteral("a"));  // sorted
    QCOMPARE(model.data(model.index(1, GroupListModel::LagColumn), ui::kSortRole).toLongLong(), 10);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // "a" disappears, "b" changes, "c" and "d" appear.
    model.setSnapshot(listOf({group("d", "Stable", 1, 0), group("b", "Stable", 3, 12), group("c", "Dead", -1, -1)}));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);  // c and d as one run
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowAt(0).groupId, QStringLiteral("b"));
    QCOMPARE(model.rowAt(0).members, 3);
    QCOMPARE(model.data(model.index(1, GroupListModel::MembersColumn)).toString(), QStringLiteral("\u2013"));
    QCOMPARE(model.rowOf(QStringLiteral("d")), 2);

    // The same snapshot again: nothing moves.
    changed.clear();
    model.setSnapshot(listOf({group("d", "Stable", 1, 0), group("b", "Stable", 3, 12), group("c", "Dead", -1, -1)}));
    QCOMPARE(changed.count(), 0);
    model.setSnapshot(listOf({}));
    QCOMPARE(model.rowCount(), 0);
  }

  void groupSearchThroughProxy() {
    GroupListModel model;
    model.setSnapshot(listOf({group("orders-service", "Stable", 2, 10), group("billing", "Empty", 0, 5),
                              group("ORDERS-audit", "Empty", 0, 7)}));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(GroupListModel::GroupColumn);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setSortRole(ui::kSortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setFilterFixedString(QStringLiteral("orders"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.sort(GroupListModel::LagColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.data(proxy.index(0, GroupListModel::GroupColumn)).toString(), QStringLiteral("orders-service"));
    model.setSnapshot(listOf({group("orders-service", "Stable", 2, 1), group("ORDERS-audit", "Empty", 0, 7)}));
    QCOMPARE(proxy.data(proxy.index(0, GroupListModel::GroupColumn)).toString(), QStringLiteral("ORDERS-audit"));
  }

  void partitionLagModel() {
    PartitionLagModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    app::GroupDetailSnapshot detail;
    detail.groupId = QStringLiteral("g");
    detail.partitions = {lagRow("orders", 1, 40, 100, "m1"), lagRow("orders", 0, 90, 100, "m1"),
                         lagRow("audit", 0, -1, 7)};
    model.setSnapshot(detail);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowAt(0).tp.topic, QStringLiteral("audit"));
    QCOMPARE(model.data(model.index(2, PartitionLagModel::LagColumn), ui::kSortRole).toLongLong(), 60);
    QCOMPARE(model.data(model.index(0, PartitionLagModel::CommittedColumn)).toString(), QStringLiteral("\u2013"));
    QCOMPARE(model.data(model.index(1, PartitionLagModel::TimeLagColumn)).toString(), ui::formatDuration(1500));
    QCOMPARE(detail.totalLag(), 70);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    detail.partitions = {lagRow("orders", 0, 100, 100, "m1"), lagRow("orders", 1, 40, 100, "m1")};
    model.setSnapshot(detail);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.count(), 1);  // orders-0 caught up; orders-1 untouched
    QCOMPARE(model.data(model.index(0, PartitionLagModel::LagColumn)).toString(), QStringLiteral("0"));
  }

  void memberModel() {
    GroupMemberModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    app::GroupDetailSnapshot detail;
    app::GroupMemberSnapshot m1{QStringLiteral("m1"), {}, QStringLiteral("c1"), QStringLiteral("/127.0.0.1"),
                                {{QStringLiteral("a"), 0}, {QStringLiteral("a"), 2}, {QStringLiteral("b"), 1}}};
    app::GroupMemberSnapshot m2{QStringLiteral("m2"), QStringLiteral("static-1"), QStringLiteral("c2"),
                                QStringLiteral("/127.0.0.1"), {}};
    detail.members = {m2, m1};
    model.setSnapshot(detail);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, GroupMemberModel::AssignmentColumn)).toString(), QStringLiteral("a: 0, 2; b: 1"));
    QCOMPARE(model.data(model.index(1, GroupMemberModel::InstanceColumn)).toString(), QStringLiteral("static-1"));
    detail.members = {m1};
    model.setSnapshot(detail);
    QCOMPARE(model.rowCount(), 1);
  }

  void previewModel() {
    OffsetResetPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    app::OffsetResetPreview preview;
    preview.groupId = QStringLiteral("g");
    preview.rows = {{{QStringLiteral("t"), 0}, 50, 10, 10, 100}, {{QStringLiteral("t"), 1}, -1, 0, 0, 5},
                    {{QStringLiteral("t"), 2}, 3, 8, 0, 8}};
    model.setPreview(preview);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(0, OffsetResetPreviewModel::ChangeColumn)).toString(), QStringLiteral("-40"));
    QCOMPARE(model.data(model.index(2, OffsetResetPreviewModel::ChangeColumn)).toString(), QStringLiteral("+5"));
    QCOMPARE(model.data(model.index(1, OffsetResetPreviewModel::ChangeColumn)).toString(), QStringLiteral("new"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void formats() {
    QLocale::setDefault(QLocale::c());
    QCOMPARE(ui::formatCount(-1), QStringLiteral("\u2013"));
    QCOMPARE(ui::formatDuration(-1), QStringLiteral("\u2013"));
    QCOMPARE(ui::formatDuration(999), QStringLiteral("999 ms"));
    QCOMPARE(ui::formatDuration(200000), QStringLiteral("3 min 20 s"));
    QCOMPARE(ui::formatDuration(7500000), QStringLiteral("2 h 5 min"));
    QCOMPARE(ui::formatDuration(3LL * 86400000 + 4 * 3600000), QStringLiteral("3 d 4 h"));
  }
};

QTEST_MAIN(GroupModelsTest)
#include "test_group_models.moc"
