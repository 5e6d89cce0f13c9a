// Dialogs of the cluster pages, offscreen: what they refuse (empty or invalid names, RF above the live broker
// count, an untyped delete confirmation, plans naming dead brokers) and what they hand on when accepted.
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

#include "tests/ui/ui_test_util.h"
#include "ui/dialogs/reassign_dialog.h"
#include "ui/dialogs/topic_config_dialog.h"
#include "ui/dialogs/topic_dialogs.h"

using namespace partita;
using namespace partita::ui;
using partita::uitest::makeSnapshot;
using partita::uitest::saveArtifact;

namespace {

QPushButton* okButton(QDialog& d) { return uitest::acceptButton(d); }

}  // namespace

class UiDialogsTest : public QObject {
  Q_OBJECT

 private slots:
  void createTopicRefusesBadInput() {
    CreateTopicDialog dialog(2, {QStringLiteral("taken")});
    dialog.show();
    QVERIFY(!okButton(dialog)->isEnabled());  // empty name
    QVERIFY(dialog.validationError().contains(QStringLiteral("Enter a topic name")));

    dialog.nameEdit()->setText(QStringLiteral("orders"));
    QCOMPARE(dialog.replicationSpin()->value(), 2);  // defaults to min(3, brokers)
    QVERIFY(okButton(dialog)->isEnabled());

    dialog.replicationSpin()->setValue(3);  // more than the 2 live brokers
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(dialog.validationError().contains(QStringLiteral("cannot exceed")));
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("validationError"));
    QVERIFY(error->text().contains(QStringLiteral("(2)")));
    saveArtifact(&dialog, QStringLiteral("create-topic-dialog-rf-refused.png"));
    dialog.replicationSpin()->setValue(2);

    for (const char* bad : {"with space", "slash/es", "ünïcode", ".", ".."}) {
      dialog.nameEdit()->setText(QString::fromUtf8(bad));
      QVERIFY2(!okButton(dialog)->isEnabled(), bad);
    }
    dialog.nameEdit()->setText(QString(250, QLatin1Char('a')));
    QVERIFY(!okButton(dialog)->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("taken"));
    QVERIFY(!okButton(dialog)->isEnabled());

    dialog.nameEdit()->setText(QStringLiteral("orders.v1_a-b"));
    dialog.partitionsSpin()->setValue(6);
    dialog.configsEdit()->setPlainText(QStringLiteral("retention.ms=1000\n# comment\n\ncleanup.policy = compact\n"));
    QVERIFY(okButton(dialog)->isEnabled());
    const app::TopicSpec spec = dialog.spec();
    QCOMPARE(spec.name, QStringLiteral("orders.v1_a-b"));
    QCOMPARE(spec.partitions, 6);
    QCOMPARE(spec.replicationFactor, 2);
    QCOMPARE(spec.configs.size(), 2);
    QCOMPARE(spec.configs[1], qMakePair(QStringLiteral("cleanup.policy"), QStringLiteral("compact")));
    dialog.configsEdit()->setPlainText(QStringLiteral("no equals sign"));
    QVERIFY(!okButton(dialog)->isEnabled());

    // Clicking OK while refused does not accept.
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
  }

  void deleteNeedsTheTypedName() {
    DeleteTopicDialog dialog(QStringLiteral("orders"));
    dialog.show();
    QVERIFY(!okButton(dialog)->isEnabled());
    dialog.confirmEdit()->setText(QStringLiteral("order"));
    QVERIFY(!okButton(dialog)->isEnabled());
    dialog.confirmEdit()->setText(QStringLiteral("orders"));
    QVERIFY(okButton(dialog)->isEnabled());
    saveArtifact(&dialog, QStringLiteral("delete-topic-dialog.png"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
  }

  void addPartitionsOnlyGrows() {
    AddPartitionsDialog dialog(QStringLiteral("orders"), 4);
    QCOMPARE(dialog.countSpin()->minimum(), 5);
    dialog.countSpin()->setValue(2);
    QCOMPARE(dialog.totalCount(), 5);
  }

  void configDialogReportsChanges() {
    QList<app::ConfigValue> configs = {
        {QStringLiteral("cleanup.policy"), QStringLiteral("delete"), QStringLiteral("DEFAULT_CONFIG"), false, true, false},
        {QStringLiteral("retention.ms"), QStringLiteral("1000"), QStringLiteral("DYNAMIC_TOPIC_CONFIG"), false, false, false},
        {QStringLiteral("segment.bytes"), QStringLiteral("1024"), QStringLiteral("STATIC_BROKER_CONFIG"), true, true, false},
    };
    TopicConfigDialog dialog(QStringLiteral("orders"), configs);
    QVERIFY(dialog.changes().isEmpty());
    dialog.table()->item(0, 1)->setText(QStringLiteral("compact"));
    dialog.setValue(QStringLiteral("max.message.bytes"), QStringLiteral("2048"));
    dialog.table()->selectRow(1);
    dialog.findChild<QPushButton*>(QStringLiteral("revertButton"))->click();
    QCOMPARE(dialog.changes(), (QList<QPair<QString, QString>>{{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                                               {QStringLiteral("max.message.bytes"), QStringLiteral("2048")}}));
    QCOMPARE(dialog.removals(), QStringList{QStringLiteral("retention.ms")});
    QVERIFY(!(dialog.table()->item(2, 1)->flags() & Qt::ItemIsEditable));  // read-only stays read-only
    saveArtifact(&dialog, QStringLiteral("topic-config-dialog.png"));
  }

  void reassignPlanJsonAndProgress() {
    auto s = makeSnapshot(3, 3, 4);
    const app::TopicState& topic = s->topics[2];
    const auto plan = ReassignDialog::balancedPlan(topic, {3, 1, 2});
    QCOMPARE(plan.size(), 4);
    QList<int> leaders;
    for (const auto& r : plan) {
      QCOMPARE(r.replicas.size(), 3);
      QCOMPARE(QSet<int>(r.replicas.begin(), r.replicas.end()).size(), 3);
      leaders << r.replicas.first();
    }
    QCOMPARE(leaders, (QList<int>{1, 2, 3, 1}));

    const QJsonObject json = QJsonDocument::fromJson(ReassignDialog::planJson(plan).toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), 1);
    const QJsonArray parts = json.value(QStringLiteral("partitions")).toArray();
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts[0].toObject().value(QStringLiteral("topic")).toString(), topic.name);
    QCOMPARE(parts[0].toObject().value(QStringLiteral("replicas")).toArray().size(), 3);
    QCOMPARE(parts[0].toObject().value(QStringLiteral("log_dirs")).toArray()[0].toString(), QStringLiteral("any"));

    // Progress: listed as ongoing with 1 of 2 targets in sync -> 50; done when replicas match and not listed.
    app::PlannedReassignment target{topic.name, 0, {2, 3}};
    auto ongoing = makeSnapshot(3, 3, 4);
    ongoing->topics[2].partitions[0].isr = {1, 2};
    ongoing->reassignments << app::ReassignmentState{topic.name, 0, {1, 2, 3}, {3}, {1}};
    QCOMPARE(ReassignDialog::progressPercent(*ongoing, target), 50);
    auto done = makeSnapshot(3, 3, 4);
    done->topics[2].partitions[0].replicas = {2, 3};
    QCOMPARE(ReassignDialog::progressPercent(*done, target), 100);
  }

  void reassignDialogRefusesDeadBrokersAndExecutes() {
    auto s = makeSnapshot(4, 3, 2);
    s->brokers[3].alive = false;  // broker 4
    ReassignDialog dialog(s, QStringLiteral("topic-00002"), {});
    dialog.show();
    auto* execute = dialog.findChild<QPushButton*>(QStringLiteral("executeButton"));
    QVERIFY(!execute->isEnabled());  // nothing changes yet
    dialog.setTarget(0, {4, 1, 2});
    QVERIFY(dialog.planError().contains(QStringLiteral("broker 4")));
    QVERIFY(!execute->isEnabled());
    dialog.setTarget(0, {2, 2, 3});
    QVERIFY(dialog.planError().contains(QStringLiteral("twice")));
    dialog.generateBalancedPlan();
    QVERIFY2(dialog.planError().isEmpty() || dialog.planError().contains(QStringLiteral("nothing")),
             qPrintable(dialog.planError()));
    dialog.setTarget(1, {3, 1, 2});
    QVERIFY2(dialog.planError().isEmpty(), qPrintable(dialog.planError()));
    QVERIFY(dialog.findChild<QPlainTextEdit*>(QStringLiteral("planJson"))->toPlainText().contains(QStringLiteral("\"replicas\"")));
    QSignalSpy spy(&dialog, &ReassignDialog::executeRequested);
    execute->click();
    QCOMPARE(spy.count(), 1);
    const auto plan = spy.at(0).at(0).value<QList<app::PlannedReassignment>>();
    QVERIFY(!plan.isEmpty());
    // The cluster then reports the target: total progress reaches 100.
    auto after = makeSnapshot(4, 3, 2);
    for (const auto& r : plan)
      for (auto& p : after->topics[2].partitions)
        if (p.partition == r.partition) p.replicas = p.isr = r.replicas;
    dialog.setSnapshot(after);
    QCOMPARE(dialog.totalProgress(), 100);
    saveArtifact(&dialog, QStringLiteral("reassign-dialog.png"));
  }
};

QTEST_MAIN(UiDialogsTest)
#include "test_ui_dialogs.moc"
