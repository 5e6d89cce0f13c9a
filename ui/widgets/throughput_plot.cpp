#include "ui/widgets/throughput_plot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace partita::ui {
namespace {

constexpr double kWindowSeconds = 600;

const QColor kSeries[] = {QColor(0x1a, 0x73, 0xe8), QColor(0x18, 0x80, 0x38), QColor(0xe3, 0x74, 0x00),
                          QColor(0x93, 0x34, 0xe6), QColor(0xd0, 0x1b, 0x6e), QColor(0x00, 0x89, 0x7b),
                          QColor(0x8d, 0x6e, 0x63), QColor(0x5c, 0x6b, 0xc0), QColor(0xc0, 0xca, 0x33)};

// Series drawn against the right axis (bytes/s next to messages/s) and with a dashed or dotted line.
bool onRightAxis(const QString& kind) { return kind == QLatin1String("bytesIn") || kind == QLatin1String("bytesOut"); }
Qt::PenStyle penStyle(const QString& kind) {
  if (kind == QLatin1String("bytesIn") || kind == QLatin1String("fetchP99") || kind == QLatin1String("expands"))
    return Qt::DashLine;
  if (kind == QLatin1String("bytesOut")) return Qt::DotLine;
  return Qt::SolidLine;
}

// The highest value still in the window on `axis` (at least `floor`), so a past burst stays on the chart.
double upperOn(QCustomPlot* plot, QCPAxis* axis, double floor) {
  double top = floor;
  for (int i = 0; i < plot->graphCount(); ++i) {
    if (plot->graph(i)->valueAxis() != axis) continue;
    bool found = false;
    const QCPRange r = plot->graph(i)->getValueRange(found);
    if (found) top = std::max(top, r.upper);
  }
  return top;
}

}  // namespace

ThroughputPlot::ThroughputPlot(Chart chart, QWidget* parent)
    : QWidget(parent), m_chart(chart), m_plot(new QCustomPlot(this)), m_title(new QCPTextElement(m_plot)) {
  static const char* const kNames[] = {"throughputPlot", "latencyPlot", "isrPlot"};
  setObjectName(QLatin1String(kNames[int(chart)]));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(220);
  auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
  ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
  m_plot->xAxis->setTicker(ticker);
  m_plot->yAxis->setRange(0, 10);
  m_plot->yAxis2->setRange(0, 10);
  // Title above, legend below the axes: never over the lines, however many brokers.
  m_plot->plotLayout()->insertRow(0);
  m_plot->plotLayout()->addElement(0, 0, m_title);
  QFont titleFont = font();
  titleFont.setBold(true);
  m_title->setFont(titleFont);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
  m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  // QCustomPlot's foColumnsFirst fills a row before the next: a row per broker.
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  m_plot->legend->setWrap(chart == Chart::Throughput ? 3 : 2);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
  applyPalette();
  retranslateUi();
}

QCPGraph* ThroughputPlot::series(const QString& kind, int brokerId) const {
  return m_graphs.value(kind + QLatin1Char('/') + QString::number(brokerId), nullptr);
}

QCPGraph* ThroughputPlot::graph(const QString& kind, int brokerId) {
  if (QCPGraph* g = series(kind, brokerId)) return g;
  const bool right = onRightAxis(kind);
  QCPGraph* g = m_plot->addGraph(m_plot->xAxis, right ? m_plot->yAxis2 : m_plot->yAxis);
  if (right) m_plot->yAxis2->setVisible(true);
  if (brokerId < 0) {
    g->setPen(QPen(QColor(0x80, 0x86, 0x8b), 1.5, Qt::DashLine));
  } else {
    if (!m_brokerColour.contains(brokerId)) m_brokerColour.insert(brokerId, int(m_brokerColour.size()));
    g->setPen(QPen(kSeries[m_brokerColour.value(brokerId) % std::size(kSeries)], 2, penStyle(kind)));
  }
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));  // a lone point (a gap's edge) stays visible
  g->setProperty("kind", kind);
  g->setProperty("broker", brokerId);
  g->setName(seriesName(kind, brokerId));
  m_graphs.insert(kind + QLatin1Char('/') + QString::number(brokerId), g);
  return g;
}

void ThroughputPlot::add(const QString& kind, int brokerId, double t, double value) {
  QCPGraph* g = graph(kind, brokerId);
  g->addData(t, value);
  g->data()->removeBefore(t - kWindowSeconds);
}

void ThroughputPlot::addSnapshot(const app::SnapshotPtr& snapshot) {
  if (!snapshot) return;
  const double t = snapshot->taken.toMSecsSinceEpoch() / 1000.0;
  int fromMetrics = 0, fromOffsets = 0;
  double fetch = 0;
  // ISR changes the poller observed since the previous snapshot, per leader (the fallback of IsrChanges).
  QHash<int, int> shrinks, expands;
  const qint64 takenMs = snapshot->taken.toMSecsSinceEpoch();
  const double minutes = m_lastTakenMs > 0 ? (takenMs - m_lastTakenMs) / 60000.0 : 0;
  if (m_chart == Chart::IsrChanges) {
    for (const auto& e : snapshot->events) {
      if (m_lastEvent.isValid() && e.time <= m_lastEvent) continue;
      const int broker = e.leader >= 0 ? e.leader : e.previousLeader;
      if (e.isr.size() < e.previousIsr.size()) shrinks[broker]++;
      if (e.isr.size() > e.previousIsr.size()) expands[broker]++;
    }
    if (!snapshot->events.isEmpty()) m_lastEvent = snapshot->events.last().time;
  }
  for (const auto& b : snapshot->brokers) {
    if (!b.alive) continue;
    if (b.metricsServed) {
      ++fromMetrics;
      if (!b.metricsRatesKnown) continue;  // the first scrape: a rate needs two
      const app::BrokerMetricsRates& m = b.metrics;
      switch (m_chart) {
        case Chart::Throughput:
          add(QStringLiteral("messagesIn"), b.id, t, m.messagesInPerSec);
          add(QStringLiteral("bytesIn"), b.id, t, m.bytesInPerSec);
          add(QStringLiteral("bytesOut"), b.id, t, m.bytesOutPerSec);
          break;
        case Chart::Latency:
          // No request answered in the interval: no point (a gap), rather than a zero that reads as fast.
          if (m.produceP99Ms >= 0) add(QStringLiteral("produceP99"), b.id, t, m.produceP99Ms);
          if (m.fetchP99Ms >= 0) add(QStringLiteral("fetchP99"), b.id, t, m.fetchP99Ms);
          break;
        case Chart::IsrChanges:
          add(QStringLiteral("shrinks"), b.id, t, m.isrShrinksPerSec * 60);
          add(QStringLiteral("expands"), b.id, t, m.isrExpandsPerSec * 60);
          break;
      }
      continue;
    }
    ++fromOffsets;
    if (m_chart == Chart::Throughput) {
      add(QStringLiteral("produce"), b.id, t, b.produceRate);
      fetch += b.fetchRate;
    } else if (m_chart == Chart::IsrChanges && minutes > 0) {
      add(QStringLiteral("shrinks"), b.id, t, shrinks.value(b.id) / minutes);
      add(QStringLiteral("expands"), b.id, t, expands.value(b.id) / minutes);
    }
  }
  if (m_chart == Chart::Throughput && fromOffsets > 0) add(QStringLiteral("fetch"), -1, t, fetch);
  m_lastTakenMs = takenMs;
  const Source source = fromMetrics == 0   ? (fromOffsets == 0 ? Source::None : Source::OffsetDeltas)
                        : fromOffsets == 0 ? Source::BrokerMetrics
                                           : Source::Mixed;
  if (source != m_source) {
    m_source = source;
    retranslateUi();
  }
  m_plot->xAxis->setRange(t - 120, t + 2);
  m_plot->yAxis->setRange(0, upperOn(m_plot, m_plot->yAxis, m_chart == Chart::IsrChanges ? 1 : 10) * 1.15);
  m_plot->yAxis2->setRange(0, upperOn(m_plot, m_plot->yAxis2, 1024) * 1.15);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::clear() {
  for (QCPGraph* g : m_graphs) m_plot->removeGraph(g);
  m_graphs.clear();
  m_brokerColour.clear();
  m_source = Source::None;
  m_lastEvent = QDateTime();
  m_lastTakenMs = 0;
  m_plot->yAxis2->setVisible(false);
  retranslateUi();
}

void ThroughputPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) applyPalette();
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QWidget::changeEvent(event);
}

QString ThroughputPlot::seriesName(const QString& kind, int brokerId) const {
  if (kind == QLatin1String("fetch")) return tr("Replication fetch (offset deltas), all brokers");
  if (kind == QLatin1String("produce")) return tr("Produce (offset deltas), broker %1").arg(brokerId);
  if (kind == QLatin1String("messagesIn")) return tr("Messages in, broker %1").arg(brokerId);
  if (kind == QLatin1String("bytesIn")) return tr("Bytes in, broker %1").arg(brokerId);
  if (kind == QLatin1String("bytesOut")) return tr("Bytes out, broker %1").arg(brokerId);
  if (kind == QLatin1String("produceP99")) return tr("Produce p99, broker %1").arg(brokerId);
  if (kind == QLatin1String("fetchP99")) return tr("Fetch p99, broker %1").arg(brokerId);
  if (kind == QLatin1String("shrinks")) return tr("Shrinks, broker %1").arg(brokerId);
  return tr("Expands, broker %1").arg(brokerId);
}

QString ThroughputPlot::titleText() const {
  switch (m_chart) {
    case Chart::Throughput:
      switch (m_source) {
        case Source::BrokerMetrics: return tr("Throughput — from broker metrics");
        case Source::OffsetDeltas: return tr("Throughput — from offset deltas");
        case Source::Mixed: return tr("Throughput — from broker metrics, and offset deltas for brokers without them");
        case Source::None: break;
      }
      return tr("Throughput");
    case Chart::Latency:
      switch (m_source) {
        case Source::BrokerMetrics:
        case Source::Mixed: return tr("Request time (p99) — from broker metrics");
        case Source::OffsetDeltas: return tr("Request time — needs broker metrics (metrics.listener), not served here");
        case Source::None: break;
      }
      return tr("Request time (p99)");
    case Chart::IsrChanges:
      switch (m_source) {
        case Source::BrokerMetrics: return tr("ISR shrinks and expands — from broker metrics");
        case Source::OffsetDeltas: return tr("ISR shrinks and expands — from ISR changes seen between polls");
        case Source::Mixed: return tr("ISR shrinks and expands — from broker metrics, and ISR changes seen between polls");
        case Source::None: break;
      }
      return tr("ISR shrinks and expands");
  }
  return {};
}

void ThroughputPlot::retranslateUi() {
  for (auto it = m_graphs.begin(); it != m_graphs.end(); ++it)
    (*it)->setName(seriesName((*it)->property("kind").toString(), (*it)->property("broker").toInt()));
  m_title->setText(titleText());
  switch (m_chart) {
    case Chart::Throughput:
      m_plot->yAxis->setLabel(tr("messages/s"));
      m_plot->yAxis2->setLabel(tr("bytes/s"));
      break;
    case Chart::Latency: m_plot->yAxis->setLabel(tr("ms")); break;
    case Chart::IsrChanges: m_plot->yAxis->setLabel(tr("changes/min")); break;
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::applyPalette() {
  const QPalette pal = palette();
  const QColor fg = pal.color(QPalette::Text);
  QColor grid = fg;
  grid.setAlpha(40);
  m_plot->setBackground(pal.brush(QPalette::Base));
  m_plot->axisRect()->setBackground(pal.brush(QPalette::Base));
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->yAxis2}) {
    axis->setBasePen(QPen(fg));
    axis->setTickPen(QPen(fg));
    axis->setSubTickPen(QPen(fg));
    axis->setTickLabelColor(fg);
    axis->setLabelColor(fg);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
  }
  m_plot->yAxis2->grid()->setVisible(false);
  m_title->setTextColor(fg);
  m_plot->legend->setBrush(pal.brush(QPalette::Base));
  m_plot->legend->setTextColor(fg);
  m_plot->legend->setBorderPen(QPen(grid));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace partita::ui
