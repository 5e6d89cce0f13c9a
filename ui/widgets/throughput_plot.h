// ThroughputPlot: one live QCustomPlot of the Cluster page, fed one ClusterSnapshot at a time; keeps the last 10
// minutes. Three charts, each per broker:
//   Throughput  — from broker metrics: messages in (left axis), bytes in and out (right axis); from offset deltas
//                 (any Kafka cluster): produce messages/s per leader and the cluster's replication fetch rate.
//   Latency     — Produce and Fetch total request time, p99 per broker (broker metrics only).
//   IsrChanges  — ISR shrinks and expands per minute: the brokers' counters, or the ISR changes the poller saw.
// A broker that serves no metrics falls back alone; the chart's title and each series' name say which source
// is drawn. Colours follow the palette (light/dark). Owned by its parent widget. GUI thread only.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>

#include "app/bridge/cluster_snapshot.h"

class QCustomPlot;
class QCPGraph;
class QCPTextElement;

namespace partita::ui {

class ThroughputPlot : public QWidget {
  Q_OBJECT

 public:
  enum class Chart { Throughput, Latency, IsrChanges };
  // Where the last snapshot's series came from.
  enum class Source { None, OffsetDeltas, BrokerMetrics, Mixed };

  explicit ThroughputPlot(Chart chart, QWidget* parent = nullptr);

  void addSnapshot(const app::SnapshotPtr& snapshot);
  void clear();
  QCustomPlot* plot() const { return m_plot; }
  Source source() const { return m_source; }
  QString titleText() const;
  // A series by kind and broker ("messagesIn", "bytesIn", "bytesOut", "produce", "fetch", "produceP99",
  // "fetchP99", "shrinks", "expands"; broker -1 for the cluster-wide fetch line); null when not drawn yet.
  QCPGraph* series(const QString& kind, int brokerId) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QCPGraph* graph(const QString& kind, int brokerId);
  void add(const QString& kind, int brokerId, double t, double value);
  QString seriesName(const QString& kind, int brokerId) const;
  void applyPalette();
  void retranslateUi();

  const Chart m_chart;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QHash<QString, QCPGraph*> m_graphs;  // "<kind>/<broker>"
  QHash<int, int> m_brokerColour;      // broker -> index into the series colours
  Source m_source = Source::None;
  QDateTime m_lastEvent;  // IsrChanges from offsets: the newest PartitionEvent already counted
  qint64 m_lastTakenMs = 0;
};

}  // namespace partita::ui
