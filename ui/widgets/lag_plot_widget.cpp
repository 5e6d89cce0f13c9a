#include "ui/widgets/lag_plot_widget.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <iterator>
#include <limits>

#include <qcustomplot.h>

namespace partita::ui {

namespace {

// A qualitative palette (Tableau 10) whose colours stay distinct on both light and dark backgrounds.
const QColor kSeriesColors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
                                QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f),
                                QColor(0xba, 0xb0, 0xac)};
constexpr int kMaxLegendPartitions = 12;

// Keys in seconds (QCPAxisTickerDateTime's unit); a NaN point where samples are far apart (app not running),
// so the line breaks instead of drawing a slope nobody measured.
void toPlotData(const app::LagSeries& series, QVector<double>* keys, QVector<double>* values) {
  double previousGap = 0;
  for (qsizetype i = 0; i < series.timesMs.size(); ++i) {
    const double key = static_cast<double>(series.timesMs[i]) / 1000.0;
    if (i > 0) {
      const double gap = key - keys->last();
      if (gap > std::max(30.0, 3 * previousGap) && previousGap > 0) {
        keys->append(keys->last() + gap / 2);
        values->append(std::numeric_limits<double>::quiet_NaN());
      }
      previousGap = gap;
    }
    keys->append(key);
    values->append(static_cast<double>(series.lags[i]));
  }
}

double spanSeconds(LagPlotWidget::Range range) {
  switch (range) {
    case LagPlotWidget::Range::FiveMinutes: return 5 * 60;
    case LagPlotWidget::Range::OneHour: return 3600;
    case LagPlotWidget::Range::OneDay: return 24 * 3600;
    case LagPlotWidget::Range::All: return 0;
  }
  return 0;
}

}  // namespace

LagPlotWidget::LagPlotWidget(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_plot(new QCustomPlot(this)) {
  setObjectName(QStringLiteral("lagPlot"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  QFont titleFont = m_title->font();
  titleFont.setBold(true);
  m_title->setFont(titleFont);
  bar->addWidget(m_title);
  bar->addStretch();
  auto* group = new QButtonGroup(this);
  for (Range range : {Range::FiveMinutes, Range::OneHour, Range::OneDay, Range::All}) {
    auto* button = new QToolButton(this);
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setChecked(range == m_range);
    group->addButton(button);
    bar->addWidget(button);
    connect(button, &QToolButton::clicked, this, [this, range] {
      m_autoRange = false;
      setRange(range);
    });
    m_rangeButtons.append(button);
  }
  m_rangeButtons[0]->setObjectName(QStringLiteral("range5min"));
  m_rangeButtons[1]->setObjectName(QStringLiteral("range1h"));
  m_rangeButtons[2]->setObjectName(QStringLiteral("range24h"));
  m_rangeButtons[3]->setObjectName(QStringLiteral("rangeAll"));
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);

  m_plot->setMinimumHeight(160);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
  QSharedPointer<QCPAxisTickerDateTime> timeTicker(new QCPAxisTickerDateTime);
  timeTicker->setDateTimeFormat(QStringLiteral("HH:mm"));
  m_plot->xAxis->setTicker(timeTicker);
  QSharedPointer<QCPAxisTickerFixed> countTicker(new QCPAxisTickerFixed);
  countTicker->setTickStep(1.0);
  countTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->yAxis->setTicker(countTicker);
  m_plot->yAxis->setNumberFormat(QStringLiteral("f"));
  m_plot->yAxis->setNumberPrecision(0);
  m_plot->legend->setVisible(true);
  m_plot->addLayer(QStringLiteral("total"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  m_emptyText = new QCPItemText(m_plot);
  m_emptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
  m_emptyText->position->setCoords(0.5, 0.5);
  m_emptyText->setPositionAlignment(Qt::AlignCenter);

  connect(m_plot, &QCustomPlot::mousePress, this, &LagPlotWidget::userMovedView);
  connect(m_plot, &QCustomPlot::mouseWheel, this, &LagPlotWidget::userMovedView);
  connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& r) {
    // Date format by zoom level: seconds when close, the day when far.
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerDateTime>();
    if (ticker) {
      ticker->setDateTimeFormat(r.size() < 600      ? QStringLiteral("HH:mm:ss")
                                : r.size() < 86400  ? QStringLiteral("HH:mm")
                                                    : QStringLiteral("MMM d\nHH:mm"));
    }
    fitValueAxis();
  });
  applyPalette();
  retranslateUi();
  clear();
}

void LagPlotWidget::retranslateUi() {
  m_title->setText(tr("Lag over time"));
  m_rangeButtons[0]->setText(tr("5 min"));
  m_rangeButtons[1]->setText(tr("1 h"));
  m_rangeButtons[2]->setText(tr("24 h"));
  m_rangeButtons[3]->setText(tr("All"));
  for (QToolButton* button : m_rangeButtons) button->setToolTip(tr("Show this time range; drag to pan, scroll to zoom"));
  m_plot->yAxis->setLabel(tr("Lag (records)"));
  m_emptyText->setText(tr("No lag recorded yet"));
  if (m_plot->graphCount() > 0) m_plot->graph(0)->setName(tr("Total"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LagPlotWidget::applyPalette() {
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  QColor grid = pal.color(QPalette::Mid);
  grid.setAlpha(110);
  m_plot->setBackground(pal.brush(QPalette::Base));
  m_plot->axisRect()->setBackground(pal.brush(QPalette::Base));
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->xAxis2, m_plot->yAxis2}) {
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(grid));
  }
  QColor legendBack = pal.color(QPalette::Base);
  legendBack.setAlpha(220);
  m_plot->legend->setBrush(legendBack);
  m_plot->legend->setTextColor(text);
  m_plot->legend->setBorderPen(QPen(grid));
  m_emptyText->setColor(pal.color(QPalette::PlaceholderText));
  if (m_plot->graphCount() > 0) m_plot->graph(0)->setPen(QPen(text, 2.5));
  m_plot->replot();  // now: a grab or paint right after a theme switch must not show the old colours
}

void LagPlotWidget::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) applyPalette();
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QWidget::changeEvent(event);
}

int LagPlotWidget::lineCount() const { return m_plot->graphCount(); }

void LagPlotWidget::clear() {
  m_autoRange = true;
  setHistory({});
}

void LagPlotWidget::setHistory(const app::LagHistory& history) {
  m_plot->clearGraphs();
  m_firstKey = m_lastKey = 0;
  if (!history.isEmpty()) {
    QVector<double> keys, values;
    toPlotData(history.total, &keys, &values);
    QCPGraph* total = m_plot->addGraph();
    total->setName(tr("Total"));
    total->setPen(QPen(palette().color(QPalette::WindowText), 2.5));
    total->setData(keys, values, true);
    total->setLayer(QStringLiteral("total"));  // drawn over the partitions
    m_firstKey = keys.first();
    m_lastKey = keys.last();
    int colour = 0;
    for (const app::LagSeries& series : history.partitions) {
      if (series.timesMs.isEmpty()) continue;
      QVector<double> pk, pv;
      toPlotData(series, &pk, &pv);
      QCPGraph* graph = m_plot->addGraph();
      graph->setName(QStringLiteral("%1-%2").arg(series.tp.topic).arg(series.tp.partition));
      graph->setPen(QPen(kSeriesColors[colour++ % std::size(kSeriesColors)], 1.2));
      graph->setData(pk, pv, true);
      if (colour > kMaxLegendPartitions) graph->removeFromLegend();
      m_firstKey = std::min(m_firstKey, pk.first());
      m_lastKey = std::max(m_lastKey, pk.last());
    }
  }
  // Few points (a group seen only briefly) get markers, or they would be invisible dots.
  for (int i = 0; i < m_plot->graphCount(); ++i)
    if (m_plot->graph(i)->dataCount() < 60) m_plot->graph(i)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, i == 0 ? 5 : 4));
  if (m_autoRange && !history.isEmpty()) {
    m_autoRange = false;
    const double span = m_lastKey - m_firstKey;
    Range pick = Range::All;
    for (Range r : {Range::FiveMinutes, Range::OneHour, Range::OneDay})
      if (span <= spanSeconds(r)) {
        pick = r;
        break;
      }
    m_range = pick;
    m_follow = true;
    m_rangeButtons[static_cast<int>(pick)]->setChecked(true);
  }
  m_emptyText->setVisible(history.isEmpty());
  m_plot->legend->setVisible(!history.isEmpty());
  if (m_follow) applyRange();
  else fitValueAxis();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LagPlotWidget::setRange(Range range) {
  m_range = range;
  m_follow = true;
  m_rangeButtons[static_cast<int>(range)]->setChecked(true);
  applyRange();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LagPlotWidget::applyRange() {
  const double last = m_lastKey > 0 ? m_lastKey : static_cast<double>(QDateTime::currentSecsSinceEpoch());
  const double span = spanSeconds(m_range);
  if (span > 0) {
    m_plot->xAxis->setRange(last - span, last + span * 0.02);
  } else {
    const double first = m_firstKey > 0 ? m_firstKey : last - 300;
    const double width = std::max(last - first, 60.0);
    m_plot->xAxis->setRange(last - width - width * 0.02, last + width * 0.02);
  }
  fitValueAxis();
}

void LagPlotWidget::fitValueAxis() {
  double top = 0;
  const QCPRange keys = m_plot->xAxis->range();
  for (int i = 0; i < m_plot->graphCount(); ++i) {
    bool found = false;
    const QCPRange values = m_plot->graph(i)->getValueRange(found, QCP::sdBoth, keys);
    if (found) top = std::max(top, values.upper);
  }
  m_plot->yAxis->setRange(0, std::max(5.0, top * 1.12));
}

void LagPlotWidget::userMovedView() {
  m_follow = false;
  // No preset describes the view any more.
  for (QToolButton* button : m_rangeButtons) {
    button->group()->setExclusive(false);
    button->setChecked(false);
    button->group()->setExclusive(true);
  }
}

}  // namespace partita::ui
