// Widgets of the consumer groups page, offscreen: the reset-offsets dialog's validation and preview rules, and
// the lag plot's ranges, gaps and theme colours. Screenshots go to <build>/test-artifacts/ui.
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <cmath>

#include <qcustomplot.h>

#include "app/bridge/group_monitor.h"
#include "ui/dialogs/reset_offsets_dialog.h"
#include "ui/empty_state_widget.h"
#include "ui/pages/consumer_groups_page.h"
#include "ui/theme.h"
#include "ui/widgets/lag_plot_widget.h"

using namespace partita;
using partita::ui::LagPlotWidget;
using partita::ui::ResetOffsetsDialog;

namespace {

void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

template <class T>
T* child(QWidget* parent, const char* name) {
  T* w = parent->findChild<T*>(QLatin1String(name));
  if (w == nullptr) qFatal("no child %s", name);
  return w;
}

app::LagHistory history(qint64 endMs, int minutes, bool gap) {
  app::LagHistory h;
  h.total.tp = {QString(), -1};
  app::LagSeries p0, p1;
  p0.tp = {QStringLiteral("orders"), 0};
  p1.tp = {QStringLiteral("orders"), 1};
  for (qint64 t = endMs - minutes * 60000LL; t <= endMs; t += 5000) {
    if (gap && t > endMs - 40 * 60000LL && t < endMs - 20 * 60000LL) continue;  // app closed for 20 min
    const qint64 a = 500 + (t / 5000) % 120 * 4, b = 200 + (t / 7000) % 50;
    p0.timesMs.append(t); p0.lags.append(a);
    p1.timesMs.append(t); p1.lags.append(b);
    h.total.timesMs.append(t); h.total.lags.append(a + b);
  }
  h.partitions = {p0, p1};
  return h;
}

}  // namespace

class GroupWidgetsTest : public QObject {
  Q_OBJECT

 private slots:
  void resetDialogValidation() {
    ResetOffsetsDialog dialog(QStringLiteral("orders-app"), QStringLiteral("Empty"),
                              {QStringLiteral("orders"), QStringLiteral("audit")});
    dialog.show();
    auto* preview = child<QPushButton>(&dialog, "previewButton");
    auto* reset = child<QPushButton>(&dialog, "resetButton");
    QSignalSpy previews(&dialog, &ResetOffsetsDialog::previewRequested);
    QSignalSpy resets(&dialog, &ResetOffsetsDialog::resetRequested);
    QVERIFY(!child<QLabel>(&dialog, "stateWarning")->isVisible());

    // Earliest is valid at once; Reset waits for a preview.
    QVERIFY(preview->isEnabled());
    QVERIFY(!reset->isEnabled());

    // Shift: empty and 0 are refused, with a reason.
    child<QRadioButton>(&dialog, "shiftRadio")->setChecked(true);
    QVERIFY(!preview->isEnabled());
    QVERIFY(!dialog.message().isEmpty());
    QTest::keyClicks(child<QLineEdit>(&dialog, "shiftEdit"), QStringLiteral("0"));
    QVERIFY(!preview->isEnabled());
    QCOMPARE(dialog.message(), QStringLiteral("A shift by 0 changes nothing."));
    child<QLineEdit>(&dialog, "shiftEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(&dialog, "shiftEdit"), QStringLiteral("-1x00"));  // the x is rejected
    QCOMPARE(child<QLineEdit>(&dialog, "shiftEdit")->text(), QStringLiteral("-100"));
    QVERIFY(preview->isEnabled());

    // Specific: typing picks the strategy; negative numbers cannot be typed.
    QTest::keyClicks(child<QLineEdit>(&dialog, "offsetEdit"), QStringLiteral("-42"));
    QVERIFY(child<QRadioButton>(&dialog, "specificRadio")->isChecked());
    QCOMPARE(child<QLineEdit>(&dialog, "offsetEdit")->text(), QStringLiteral("42"));
    child<QComboBox>(&dialog, "topicCombo")->setCurrentIndex(1);
    const auto spec = dialog.spec();
    QVERIFY(spec.has_value());
    QCOMPARE(spec->kind, app::OffsetResetKind::Specific);
    QCOMPARE(spec->offset, 42);
    QCOMPARE(spec->topic, QStringLiteral("orders"));

    // Preview: requested with the spec; an answer for other inputs is ignored; the matching one enables Reset.
    QTest::mouseClick(preview, Qt::LeftButton);
    QCOMPARE(previews.count(), 1);
    QCOMPARE(previews.first().first().value<app::OffsetResetSpec>(), *spec);
    app::OffsetResetPreview answer;
    answer.groupId = QStringLiteral("orders-app");
    answer.spec = *spec;
    answer.spec.offset = 41;
    answer.rows = {{{QStringLiteral("orders"), 0}, 10, 42, 0, 100}};
    dialog.setPreview(answer);
    QVERIFY(!reset->isEnabled());
    answer.spec = *spec;
    dialog.setPreview(answer);
    QVERIFY(reset->isEnabled());
    QCOMPARE(child<QTableView>(&dialog, "previewView")->model()->rowCount(), 1);
    saveArtifact(&dialog, QStringLiteral("reset_offsets_dialog.png"));

    // The broker refuses: its reason is shown and the dialog stays open.
    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(resets.count(), 1);
    QVERIFY(!reset->isEnabled());
    const QString refusal = QStringLiteral("Kafka refused: UNKNOWN_MEMBER_ID: the group has active members");
    dialog.setResetFailed(refusal);
    QCOMPARE(dialog.message(), refusal);
    QVERIFY(dialog.isVisible());
    QVERIFY(reset->isEnabled());

    // Changing an input discards the preview.
    QTest::keyClick(child<QLineEdit>(&dialog, "offsetEdit"), Qt::Key_5);
    QVERIFY(!reset->isEnabled());
    QCOMPARE(child<QTableView>(&dialog, "previewView")->model()->rowCount(), 0);

    dialog.setPreview({});  // stale answers are harmless
    dialog.setResetSucceeded();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
  }

  void resetDialogWarnsAboutActiveGroups() {
    ResetOffsetsDialog dialog(QStringLiteral("g"), QStringLiteral("Stable"), {});
    dialog.show();
    QVERIFY(child<QLabel>(&dialog, "stateWarning")->isVisible());
    dialog.setGroupState(QStringLiteral("Empty"));
    QVERIFY(!child<QLabel>(&dialog, "stateWarning")->isVisible());
    child<QRadioButton>(&dialog, "dateTimeRadio")->setChecked(true);
    const QDateTime when = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);
    child<QDateTimeEdit>(&dialog, "dateTimeEdit")->setDateTime(when.toLocalTime());
    QCOMPARE(dialog.spec()->timestampMs, when.toMSecsSinceEpoch());
  }

  void lagPlotRangesAndGaps() {
    LagPlotWidget plot;
    plot.resize(900, 360);
    plot.show();
    QCOMPARE(plot.lineCount(), 0);
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    plot.setHistory(history(end, 90, true));
    QCOMPARE(plot.lineCount(), 3);
    // 90 minutes of history: the first preset that shows all of it is 24 h, following the newest point.
    QCOMPARE(plot.range(), LagPlotWidget::Range::OneDay);
    child<QToolButton>(&plot, "range1h")->click();
    QCPRange x = plot.plot()->xAxis->range();
    QVERIFY(qAbs(x.size() - 3600 * 1.02) < 1);
    QVERIFY(x.upper >= end / 1000.0);
    plot.setHistory(history(end, 90, true));
    QCOMPARE(plot.range(), LagPlotWidget::Range::OneHour);  // the user's preset stays
    // The gap is a NaN break in each line.
    bool hasGap = false;
    for (auto it = plot.plot()->graph(0)->data()->constBegin(); it != plot.plot()->graph(0)->data()->constEnd(); ++it)
      hasGap |= std::isnan(it->value);
    QVERIFY(hasGap);
    // The value axis fits the data in view.
    QVERIFY(plot.plot()->yAxis->range().upper >= 700);
    saveArtifact(&plot, QStringLiteral("lag_plot_light.png"));

    child<QToolButton>(&plot, "range5min")->click();
    QVERIFY(qAbs(plot.plot()->xAxis->range().size() - 300 * 1.02) < 1);
    child<QToolButton>(&plot, "rangeAll")->click();
    QVERIFY(plot.plot()->xAxis->range().lower <= (end - 90 * 60000) / 1000.0);

    // Zooming by wheel stops following; new data keeps the user's view; a preset follows again.
    QWheelEvent wheel(QPointF(450, 200), plot.plot()->mapToGlobal(QPointF(450, 200)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot.plot(), &wheel);
    QVERIFY(!plot.isFollowingLatest());
    const QCPRange zoomed = plot.plot()->xAxis->range();
    plot.setHistory(history(end + 60000, 90, true));
    QCOMPARE(plot.plot()->xAxis->range().lower, zoomed.lower);
    child<QToolButton>(&plot, "range1h")->click();
    QVERIFY(plot.isFollowingLatest());

    // Dark theme: the plot background follows the palette.
    ui::applyTheme(ui::ThemeMode::Dark);
    QApplication::processEvents();
    QVERIFY(plot.plot()->axisRect()->backgroundBrush().color().lightness() < 100);
    saveArtifact(&plot, QStringLiteral("lag_plot_dark.png"));
    ui::applyTheme(ui::ThemeMode::Light);
    QApplication::processEvents();
    QVERIFY(plot.plot()->axisRect()->backgroundBrush().color().lightness() > 150);

    plot.clear();
    QCOMPARE(plot.lineCount(), 0);
    plot.setHistory(history(end, 2, false));
    QCOMPARE(plot.range(), LagPlotWidget::Range::FiveMinutes);
  }

  // The page with snapshots built here (no cluster): empty state while disconnected, search, selection, detail.
  void pageShowsSnapshots() {
    ui::ConsumerGroupsPage page({});
    page.resize(1280, 800);
    page.show();
    QVERIFY(page.findChild<ui::EmptyStateWidget*>()->isVisible());
    page.setBootstrapServers(QStringLiteral("127.0.0.1:1"));
    QVERIFY(!page.findChild<ui::EmptyStateWidget*>()->isVisible());
    // Nothing listens there; the monitor's (failing) answers must not race with the snapshots of this test.
    QObject::disconnect(page.monitor(), nullptr, &page, nullptr);

    app::GroupListSnapshot list;
    for (const char* id : {"billing", "orders-service", "orders-audit", "analytics"}) {
      app::GroupSummary g;
      g.groupId = QString::fromLatin1(id);
      g.state = g.groupId == QStringLiteral("billing") ? QStringLiteral("Stable") : QStringLiteral("Empty");
      g.members = g.state == QStringLiteral("Stable") ? 2 : 0;
      g.totalLag = g.groupId.size() * 100;
      list.groups.append(g);
    }
    page.showGroups(list);
    auto* view = child<QTableView>(&page, "groupsView");
    QCOMPARE(view->model()->rowCount(), 4);
    QTest::keyClicks(child<QLineEdit>(&page, "groupSearch"), QStringLiteral("ORDERS"));
    QCOMPARE(view->model()->rowCount(), 2);
    child<QLineEdit>(&page, "groupSearch")->clear();

    page.selectGroup(QStringLiteral("billing"));
    QCOMPARE(page.selectedGroup(), QStringLiteral("billing"));
    QCOMPARE(page.monitor()->selectedGroup(), QStringLiteral("billing"));
    app::GroupDetailSnapshot detail;
    detail.groupId = QStringLiteral("billing");
    detail.takenAtMs = QDateTime::currentMSecsSinceEpoch();
    detail.state = QStringLiteral("Stable");
    detail.protocol = QStringLiteral("range");
    detail.coordinator = 1;
    detail.members = {{QStringLiteral("consumer-1-4f2a"), {}, QStringLiteral("billing-app"), QStringLiteral("/10.0.0.7"),
                       {{QStringLiteral("orders"), 0}, {QStringLiteral("orders"), 1}}},
                      {QStringLiteral("consumer-2-9b1c"), {}, QStringLiteral("billing-app"), QStringLiteral("/10.0.0.8"),
                       {{QStringLiteral("orders"), 2}}}};
    detail.history = history(detail.takenAtMs, 50, true);
    for (int p = 0; p < 3; ++p) {
      app::PartitionLagRow row;
      row.tp = {QStringLiteral("orders"), p};
      row.committed = 1000 * (p + 1);
      row.logStart = 0;
      row.logEnd = 1000 * (p + 1) + 300 * p;
      row.lag = row.logEnd - row.committed;
      row.timeLagMs = 4200 * p;
      row.memberId = p < 2 ? QStringLiteral("consumer-1-4f2a") : QStringLiteral("consumer-2-9b1c");
      row.clientId = QStringLiteral("billing-app");
      row.host = p < 2 ? QStringLiteral("/10.0.0.7") : QStringLiteral("/10.0.0.8");
      detail.partitions.append(row);
    }
    page.showGroupDetail(detail);
    QCOMPARE(child<QTableView>(&page, "partitionLagView")->model()->rowCount(), 3);
    QCOMPARE(child<QTableView>(&page, "membersView")->model()->rowCount(), 2);
    QVERIFY(child<QLabel>(&page, "groupInfo")->text().contains(QStringLiteral("900")));
    QCOMPARE(page.findChild<LagPlotWidget*>()->lineCount(), 3);
    // A snapshot of another group (a late answer) is ignored.
    detail.groupId = QStringLiteral("analytics");
    page.showGroupDetail(detail);
    QCOMPARE(child<QLabel>(&page, "groupTitle")->text(), QStringLiteral("billing"));
    saveArtifact(&page, QStringLiteral("consumer_groups_page_light.png"));
    ui::applyTheme(ui::ThemeMode::Dark);
    QApplication::processEvents();
    saveArtifact(&page, QStringLiteral("consumer_groups_page_dark.png"));
    ui::applyTheme(ui::ThemeMode::Light);

    // The group list refreshes without losing the selection.
    list.groups[0].totalLag = 5;
    page.showGroups(list);
    QCOMPARE(page.selectedGroup(), QStringLiteral("billing"));

    page.setBootstrapServers(QString());
    QVERIFY(page.findChild<ui::EmptyStateWidget*>()->isVisible());
    QCOMPARE(view->model()->rowCount(), 0);
  }
};

QTEST_MAIN(GroupWidgetsTest)
#include "test_group_widgets.moc"
