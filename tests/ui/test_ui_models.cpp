// The models of the UI over hand-built ClusterSnapshots, each watched by QAbstractItemModelTester while
// snapshots come and go (same shape: dataChanged; new shape: reset), and the 10,000-topic budget.
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/widgets/replica_chips_delegate.h"
#include "ui/models/brokers_model.h"
#include "ui/models/partitions_model.h"
#include "ui/models/replica_chip.h"
#include "ui/language.h"
#include "ui/models/group_list_model.h"
#include "ui/models/message_table_model.h"
#include "ui/models/topics_model.h"
#include "ui/widgets/message_format.h"

using namespace partita;
using namespace partita::ui;
using partita::uitest::makeSnapshot;

class UiModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void brokersModel() {
    BrokersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    auto s = makeSnapshot(3, 2, 4);
    s->brokers[2].alive = false;
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(BrokersModel::ColumnCount));
    QVERIFY(model.index(0, BrokersModel::Id).data().toString().contains(QStringLiteral("controller")));
    QCOMPARE(model.index(2, BrokersModel::Status).data().toString(), QStringLiteral("Stopped"));
    QCOMPARE(model.index(1, BrokersModel::Address).data().toString(), QStringLiteral("127.0.0.1:9093"));
    QCOMPARE(model.index(1, 0).data(BrokersModel::kBrokerIdRole).toInt(), 2);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setSnapshot(makeSnapshot(3, 2, 4));  // same brokers
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    model.setSnapshot(makeSnapshot(5, 2, 4));  // new shape
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    model.setSnapshot({});
    QCOMPARE(model.rowCount(), 0);
  }

  void topicsModelAndFilter() {
    TopicsModel model;
    TopicFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(makeSnapshot(3, 12, 6));
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.index(0, TopicsModel::Name).data().toString(), QStringLiteral("topic-00000 (internal)"));
    QCOMPARE(model.index(1, TopicsModel::Partitions).data().toInt(), 6);
    QCOMPARE(model.index(1, TopicsModel::ReplicationFactor).data().toInt(), 3);
    QCOMPARE(model.index(1, TopicsModel::Health).data().toString(), QStringLiteral("2 under-replicated"));
    QCOMPARE(model.index(2, TopicsModel::Health).data().toString(), QStringLiteral("Healthy"));
    QCOMPARE(model.index(2, TopicsModel::Messages).data(TopicsModel::kSortRole).toLongLong(), 600);
    QCOMPARE(model.rowOf(QStringLiteral("topic-00007")), 7);
    QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);

    filter.setFilterFixedString(QStringLiteral("0001"));
    QCOMPARE(filter.rowCount(), 3);  // topic-00001, -00010, -00011
    filter.setFilterFixedString(QString());
    filter.setShowInternal(false);
    QCOMPARE(filter.rowCount(), 11);
    filter.sort(TopicsModel::Size, Qt::DescendingOrder);
    QCOMPARE(filter.index(0, 0).data(TopicsModel::kTopicNameRole).toString(), QStringLiteral("topic-00011"));

    // An offline partition shows as such.
    auto s = makeSnapshot(3, 12, 6);
    s->topics[3].partitions[0].leader = -1;
    model.setSnapshot(s);
    QCOMPARE(model.index(3, TopicsModel::Health).data().toString(), QStringLiteral("1 offline"));
    // A reassignment that shrank one partition: the column shows the range, sorts by the largest.
    s = makeSnapshot(3, 12, 6);
    s->topics[4].partitions[1].replicas.removeLast();
    model.setSnapshot(s);
    QCOMPARE(model.index(4, TopicsModel::ReplicationFactor).data().toString(), QStringLiteral("2–3"));
    QCOMPARE(model.index(4, TopicsModel::ReplicationFactor).data(TopicsModel::kSortRole).toInt(), 3);
    model.setSnapshot(makeSnapshot(3, 4, 6));
    QCOMPARE(filter.rowCount(), 3);
  }

  void partitionsModelAndChips() {
    PartitionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto s = makeSnapshot(3, 3, 6);
    s->brokers[2].alive = false;  // broker 3
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), 0);  // no topic yet
    model.setTopic(QStringLiteral("topic-00001"));
    QCOMPARE(model.rowCount(), 6);
    // Partition 0: replicas 1,2,3, ISR 1,2 (under-replicated), broker 3 down.
    const auto chips = model.index(0, PartitionsModel::Replicas).data(kChipsRole).value<QList<ReplicaChip>>();
    QCOMPARE(chips.size(), 3);
    QCOMPARE(chips[0], (ReplicaChip{1, ChipKind::Leader}));
    QCOMPARE(chips[1], (ReplicaChip{2, ChipKind::InSync}));
    QCOMPARE(chips[2], (ReplicaChip{3, ChipKind::Offline}));
    QCOMPARE(model.index(0, PartitionsModel::Replicas).data().toString(), QStringLiteral("1 (leader), 2, 3 (offline)"));
    QCOMPARE(model.index(0, PartitionsModel::Isr).data().toString(), QStringLiteral("1 (leader), 2"));
    QCOMPARE(model.index(0, PartitionsModel::Status).data().toString(), QStringLiteral("Under-replicated"));
    QCOMPARE(model.index(1, PartitionsModel::HighWatermark).data().toString(), QStringLiteral("100"));
    QCOMPARE(model.index(1, PartitionsModel::LeaderEpoch).data().toInt(), 3);

    // Out of sync (alive but not in ISR) and a reassignment in progress.
    auto s2 = makeSnapshot(3, 3, 6, 200);
    s2->reassignments << app::ReassignmentState{QStringLiteral("topic-00001"), 2, {2, 3}, {}, {}};
    model.setSnapshot(s2);
    const auto chips2 = model.index(0, PartitionsModel::Replicas).data(kChipsRole).value<QList<ReplicaChip>>();
    QCOMPARE(chips2[2], (ReplicaChip{3, ChipKind::OutOfSync}));
    QVERIFY(model.index(2, PartitionsModel::Status).data().toString().startsWith(QStringLiteral("Reassigning")));
    QCOMPARE(model.index(1, PartitionsModel::HighWatermark).data().toString(), QStringLiteral("200"));

    // Issue 13 item 5: log end is the leader's own LEO (ahead of HW while followers lag), each follower's lag
    // is shown, and an unknown LEO is "—" / "?" rather than a copy of the high watermark.
    auto s3 = makeSnapshot(3, 3, 6, 100);
    auto& p0 = s3->topics[1].partitions[0];  // leader 1, replicas 1,2,3
    p0.logEndOffset = 130;
    p0.replicaLogEnd = {{1, 130}, {2, 100}};  // broker 3 did not answer
    s3->topics[1].partitions[1].logEndOffset = -1;  // its leader did not answer
    model.setSnapshot(s3);
    QCOMPARE(model.index(0, PartitionsModel::LogEnd).data().toString(), QStringLiteral("130"));
    QCOMPARE(model.index(0, PartitionsModel::HighWatermark).data().toString(), QStringLiteral("100"));
    QCOMPARE(model.index(0, PartitionsModel::ReplicaLag).data().toString(), QStringLiteral("2: 30 behind · 3: ?"));
    QCOMPARE(model.index(1, PartitionsModel::LogEnd).data().toString(), QStringLiteral("—"));
    QVERIFY(model.index(0, PartitionsModel::LogEnd).data(Qt::ToolTipRole).toString().contains("log end offset"));
    model.setSnapshot(makeSnapshot(3, 3, 8));  // more partitions: reset
    QCOMPARE(model.rowCount(), 8);
    model.setTopic(QStringLiteral("gone"));
    QCOMPARE(model.rowCount(), 0);
  }

  void timelineModel() {
    PartitionTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto s = makeSnapshot(3, 2, 3);
    const QDateTime t0 = QDateTime::currentDateTime();
    s->events << app::PartitionEvent{t0, QStringLiteral("topic-00001"), 0, 2, {2, 3}, 1, {1, 2, 3}}
              << app::PartitionEvent{t0.addSecs(5), QStringLiteral("topic-00000"), 1, 1, {1}, 1, {1, 2}}
              << app::PartitionEvent{t0.addSecs(9), QStringLiteral("topic-00001"), 0, 1, {1, 2, 3}, 2, {2, 3}};
    model.setSnapshot(s);
    model.setTopic(QStringLiteral("topic-00001"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PartitionTimelineModel::Leader).data().toString(), QStringLiteral("2 → 1"));  // newest first
    QCOMPARE(model.index(1, PartitionTimelineModel::Isr).data().toString(), QStringLiteral("1,2,3 → 2,3"));
    model.setTopic(QStringLiteral("topic-00000"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, PartitionTimelineModel::Leader).data().toString(), QStringLiteral("1"));
  }

  // 10,000 topics: a snapshot update plus a filter pass stay well under 100 ms (one frame budget for a stall).
  void tenThousandTopicsBenchmark() {
    TopicsModel model;
    TopicFilterModel filter;
    filter.setSourceModel(&model);
    filter.sort(TopicsModel::Name);
    const auto first = makeSnapshot(3, 10000, 3, 100);
    const auto second = makeSnapshot(3, 10000, 3, 200);
    model.setSnapshot(first);
    QElapsedTimer timer;
    timer.start();
    model.setSnapshot(second);
    filter.setFilterFixedString(QStringLiteral("topic-0999"));
    const qint64 ms = timer.elapsed();
    QCOMPARE(filter.rowCount(), 10);
    qInfo("10,000 topics: update + filter took %lld ms", ms);
    QVERIFY2(ms < 100, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    int round = 0;
    QBENCHMARK {
      model.setSnapshot(++round % 2 ? first : second);
      filter.setFilterFixedString(round % 2 ? QStringLiteral("topic-05") : QStringLiteral("topic-0999"));
    }
  }

  // Issue 13, "views that tell the truth": Kafka's health semantics, one unit convention, null distinct from the
  // string "null", JSON in its own key order.
  void viewsTellTheTruth() {
    // An offline partition keeps its last ISR member in ZooKeeper although that broker is down: offline chip.
    auto s = makeSnapshot(3, 3, 6);
    auto& p0 = s->topics[2].partitions[0];
    p0.leader = -1;
    p0.isr = {1};
    s->brokers[0].alive = false;
    PartitionsModel partitions;
    partitions.setSnapshot(s);
    partitions.setTopic(s->topics[2].name);
    const auto isr = partitions.index(0, PartitionsModel::Isr).data(kChipsRole).value<QList<ReplicaChip>>();
    QCOMPARE(isr, (QList<ReplicaChip>{ReplicaChip{1, ChipKind::Offline}}));
    QCOMPARE(partitions.index(0, PartitionsModel::Isr).data().toString(), QStringLiteral("1 (offline)"));

    // "Messages (est.)" is unknown, not a partial sum, while a partition is offline.
    TopicsModel topics;
    topics.setSnapshot(s);
    QCOMPARE(topics.index(2, TopicsModel::Messages).data().toString(), QStringLiteral("unknown"));
    QVERIFY(!topics.index(2, TopicsModel::Messages).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(topics.index(1, TopicsModel::Messages).data().toString(), QLocale().toString(600));
    QCOMPARE(topics.headerData(TopicsModel::ReplicationFactor, Qt::Horizontal).toString(), QStringLiteral("Replicas"));

    // IEC units everywhere (KiB, MiB), as the topic sizes show them.
    QCOMPARE(formatDataSize(2048), QStringLiteral("2.0 KiB"));
    QCOMPARE(formatDataSize(3 * 1024 * 1024), QStringLiteral("3.0 MiB"));
    QCOMPARE(topics.index(1, TopicsModel::Size).data().toString(), QStringLiteral("2.0 KiB"));

    // A null value is "(null)" in grey italics; the string "null" is just text.
    app::MessageRow nullRow;
    nullRow.key = "k";
    nullRow.keyIsNull = false;
    app::MessageRow textRow;
    textRow.key = "null";
    textRow.keyIsNull = false;
    textRow.value = "null";
    textRow.valueIsNull = false;
    MessageTableModel messages;
    messages.setRows({nullRow, textRow});
    const QModelIndex nullValue = messages.index(0, MessageTableModel::ValueColumn);
    const QModelIndex textValue = messages.index(1, MessageTableModel::ValueColumn);
    QVERIFY(nullValue.data().toString() != textValue.data().toString());
    QCOMPARE(textValue.data().toString(), QStringLiteral("null"));
    QVERIFY(nullValue.data(MessageTableModel::IsNullRole).toBool());
    QVERIFY(nullValue.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!textValue.data(MessageTableModel::IsNullRole).toBool());

    // The JSON view keeps the producer's key order and number text.
    const QString json = prettyJson("{\"zeta\":1,\"alpha\":{\"b\":[1, 2],\"a\":{}},\"big\":12345678901234567890}");
    QVERIFY2(json.indexOf("zeta") < json.indexOf("alpha") && json.indexOf("\"b\"") < json.indexOf("\"a\""), qPrintable(json));
    QVERIFY2(json.contains("12345678901234567890"), qPrintable(json));
    QVERIFY2(json.contains("\"a\": {}"), qPrintable(json));
    QVERIFY(json.contains("\n    \"alpha\": {\n        \"b\": [\n"));
    const QString escaped = prettyJson("{\"s\":\"a,{b}:\\\"c\"}");
    QVERIFY2(escaped.contains(QStringLiteral("\"a,{b}:\\\"c\"")), qPrintable(escaped));
  }

  // Issue 13: partitions assigned without a committed offset are counted and flagged, not silently left out.
  void uncommittedPartitionsAreCounted() {
    ui::LanguageManager language;  // English plural forms
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    app::GroupSummary group;
    group.groupId = QStringLiteral("billing");
    group.members = 2;
    group.totalLag = 40;
    group.uncommitted = 5;
    GroupListModel model;
    app::GroupListSnapshot list;
    list.groups = {group};
    model.setSnapshot(list);
    const QModelIndex lag = model.index(0, GroupListModel::LagColumn);
    QCOMPARE(lag.data().toString(), QStringLiteral("40 + 5 without commits"));
    QVERIFY(lag.data(Qt::ToolTipRole).toString().contains(QStringLiteral("5 assigned partitions")));
    QVERIFY(!lag.data(Qt::DecorationRole).isNull());

    app::GroupDetailSnapshot detail;
    app::PartitionLagRow assigned;
    assigned.tp = {QStringLiteral("t"), 0};
    assigned.memberId = QStringLiteral("m-1");
    app::PartitionLagRow committed = assigned;
    committed.tp.partition = 1;
    committed.committed = 10;
    committed.logEnd = 30;
    committed.lag = 20;
    detail.partitions = {assigned, committed};
    QCOMPARE(detail.uncommittedCount(), 1);
    QCOMPARE(detail.totalLag(), 20);
  }

  // Issue 13: English plurals through %n forms, Qt's own strings translated in zh_CN.
  void pluralsAndQtStrings() {
    ui::LanguageManager language;
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("partita::ui::ConsumerGroupsPage", "%n member(s)", nullptr, 1), QStringLiteral("1 member"));
    QCOMPARE(QCoreApplication::translate("partita::ui::ConsumerGroupsPage", "%n member(s)", nullptr, 3), QStringLiteral("3 members"));
    QVERIFY(language.setLanguage(QStringLiteral("zh_CN")));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QString::fromUtf8("取消"));
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
  }

  // The tables changed for issue 13, in both languages and themes (test-artifacts/ui/truth-*.png).
  void screenshotsOfTheChangedTables() {
    auto s = makeSnapshot(3, 3, 4);
    s->topics[2].partitions[0].leader = -1;
    s->topics[2].partitions[0].isr = {1};
    s->brokers[0].alive = false;
    s->brokers[0].killed = true;
    s->brokers[1].alive = false;
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto addTable = [&](QAbstractItemModel* model) {
      auto* view = new QTableView(&window);
      view->setModel(model);
      view->setItemDelegate(new ReplicaChipsDelegate(view));
      view->horizontalHeader()->setStretchLastSection(true);
      view->verticalHeader()->hide();
      layout->addWidget(view);
      return view;
    };
    BrokersModel brokers;
    brokers.setSnapshot(s);
    addTable(&brokers);
    TopicsModel topics;
    topics.setSnapshot(s);
    addTable(&topics);
    PartitionsModel partitions;
    partitions.setSnapshot(s);
    partitions.setTopic(s->topics[2].name);
    addTable(&partitions);
    GroupListModel groups;
    app::GroupListSnapshot list;
    list.groups = {app::GroupSummary{QStringLiteral("billing"), QStringLiteral("Stable"), QStringLiteral("consumer"), 2, 40, 5, {}}};
    groups.setSnapshot(list);
    addTable(&groups);
    MessageTableModel messages;
    app::MessageRow a;
    a.key = "null";
    a.keyIsNull = false;
    app::MessageRow b;
    b.offset = 1;
    b.value = "{\"zeta\":1,\"alpha\":2}";
    b.valueIsNull = false;
    messages.setRows({a, b});
    addTable(&messages);
    QVERIFY(uitest::shootLanguagesAndThemes({{&window, QStringLiteral("truth-tables")}}, QSize(1100, 900)));
  }
};

QTEST_MAIN(UiModelsTest)
#include "test_ui_models.moc"
