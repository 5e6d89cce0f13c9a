// ThroughputPlot: a live QCustomPlot of produce and replication-fetch rates (messages/s), one produce line per
// broker plus the cluster's total fetch rate, fed one ClusterSnapshot at a time; keeps the last 10 minutes.
// Colours follow the palette (light/dark). Owned by its parent widget. GUI thread only.
#pragma once

#include <QHash>
#include <QWidget>

#include "app/bridge/cluster_snapshot.h"

class QCustomPlot;
class QCPGraph;

namespace partita::ui {

class ThroughputPlot : public QWidget {
  Q_OBJECT

 public:
  explicit ThroughputPlot(QWidget* parent = nullptr);

  void addSnapshot(const app::SnapshotPtr& snapshot);
  void clear();
  QCustomPlot* plot() const { return m_plot; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QCPGraph* brokerGraph(int brokerId);
  void applyPalette();
  void retranslateUi();

  QCustomPlot* m_plot;
  QCPGraph* m_fetchGraph;
  QHash<int, QCPGraph*> m_brokerGraphs;
};

}  // namespace partita::ui
