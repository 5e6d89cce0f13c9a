#include "ui/widgets/throughput_plot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace partita::ui {
namespace {

constexpr double kWindowSeconds = 600;

const QColor kSeries[] = {QColor(0x1a, 0x73, 0xe8), QColor(0x18, 0x80, 0x38), QColor(0xe3, 0x74, 0x00),
                          QColor(0x93, 0x34, 0xe6), QColor(0xd0, 0x1b, 0x6e), QColor(0x00, 0x89, 0x7b),
                          QColor(0x8d, 0x6e, 0x63), QColor(0x5c, 0x6b, 0xc0), QColor(0xc0, 0xca, 0x33)};

}  // namespace

ThroughputPlot::ThroughputPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  setObjectName(QStringLiteral("throughputPlot"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(180);
  auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
  ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
  m_plot->xAxis->setTicker(ticker);
  m_plot->yAxis->setRange(0, 10);
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
  m_fetchGraph = m_plot->addGraph();
  QPen pen(QColor(0x80, 0x86, 0x8b), 1.5, Qt::DashLine);
  m_fetchGraph->setPen(pen);
  applyPalette();
  retranslateUi();
}

QCPGraph* ThroughputPlot::brokerGraph(int brokerId) {
  auto it = m_brokerGraphs.find(brokerId);
  if (it != m_brokerGraphs.end()) return *it;
  QCPGraph* g = m_plot->addGraph();
  g->setPen(QPen(kSeries[m_brokerGraphs.size() % std::size(kSeries)], 2));
  g->setName(tr("Produce, broker %1").arg(brokerId));
  m_brokerGraphs.insert(brokerId, g);
  return g;
}

void ThroughputPlot::addSnapshot(const app::SnapshotPtr& snapshot) {
  if (!snapshot) return;
  const double t = snapshot->taken.toMSecsSinceEpoch() / 1000.0;
  double fetch = 0;
  double top = 10;
  for (const auto& b : snapshot->brokers) {
    QCPGraph* g = brokerGraph(b.id);
    g->addData(t, b.produceRate);
    g->data()->removeBefore(t - kWindowSeconds);
    fetch += b.fetchRate;
    top = std::max(top, b.produceRate);
  }
  m_fetchGraph->addData(t, fetch);
  m_fetchGraph->data()->removeBefore(t - kWindowSeconds);
  top = std::max(top, fetch);
  // The y range covers everything still in the window, so a past burst stays on the chart.
  for (int i = 0; i < m_plot->graphCount(); ++i) {
    bool found = false;
    const QCPRange r = m_plot->graph(i)->getValueRange(found);
    if (found) top = std::max(top, r.upper);
  }
  m_plot->xAxis->setRange(t - 120, t + 2);
  m_plot->yAxis->setRange(0, top * 1.15);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::clear() {
  for (QCPGraph* g : m_brokerGraphs) m_plot->removeGraph(g);
  m_brokerGraphs.clear();
  m_fetchGraph->data()->clear();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) applyPalette();
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QWidget::changeEvent(event);
}

void ThroughputPlot::retranslateUi() {
  m_fetchGraph->setName(tr("Replication fetch, all brokers"));
  for (auto it = m_brokerGraphs.begin(); it != m_brokerGraphs.end(); ++it)
    (*it)->setName(tr("Produce, broker %1").arg(it.key()));
  m_plot->yAxis->setLabel(tr("messages/s"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::applyPalette() {
  const QPalette pal = palette();
  const QColor fg = pal.color(QPalette::Text);
  QColor grid = fg;
  grid.setAlpha(40);
  m_plot->setBackground(pal.brush(QPalette::Base));
  m_plot->axisRect()->setBackground(pal.brush(QPalette::Base));
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
    axis->setBasePen(QPen(fg));
    axis->setTickPen(QPen(fg));
    axis->setSubTickPen(QPen(fg));
    axis->setTickLabelColor(fg);
    axis->setLabelColor(fg);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
  }
  m_plot->legend->setBrush(pal.brush(QPalette::Base));
  m_plot->legend->setTextColor(fg);
  m_plot->legend->setBorderPen(QPen(grid));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace partita::ui
