// ReassignDialog: plans and runs a partition reassignment for one topic. One row per partition with its
// current replicas, the target replicas (typed as "1,2,3" or picked from a broker menu), and a progress bar;
// "Generate balanced plan" spreads leaders and replicas round-robin over the live brokers; the plan is shown as
// Kafka's reassignment JSON (kafka-reassign-partitions format). Execute/Cancel emit requests; progress follows
// the snapshots fed to setSnapshot() (ListPartitionReassignments + ISR). Non-modal; GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/cluster_connection.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace partita::ui {

class ReassignDialog : public QDialog {
  Q_OBJECT

 public:
  // partitions: the ones to plan (all of the topic when empty).
  ReassignDialog(const app::SnapshotPtr& snapshot, const QString& topic, const QList<int>& partitions,
                 QWidget* parent = nullptr);

  void setSnapshot(const app::SnapshotPtr& snapshot);
  QList<app::PlannedReassignment> plan() const;  // only partitions whose target differs from the current replicas
  QString planError() const;                     // why the plan cannot run, empty when it can
  void generateBalancedPlan();
  void setTarget(int partition, const QList<int>& replicas);
  int totalProgress() const;  // 0..100 over the executed plan
  // Replication throttle for the move in bytes/s (0: none), as kafka-reassign-partitions --throttle.
  qint64 throttleBytesPerSec() const;
  void setThrottleBytesPerSec(qint64 rate);

  // Round-robin over `brokers` (sorted) keeping each partition's replication factor.
  static QList<app::PlannedReassignment> balancedPlan(const app::TopicState& topic, const QList<int>& brokers);
  // {"version":1,"partitions":[{"topic":...,"partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}
  static QString planJson(const QList<app::PlannedReassignment>& plan);
  // 0..100: 100 once the partition's replicas are the target and no reassignment is listed for it.
  static int progressPercent(const app::ClusterSnapshot& snapshot, const app::PlannedReassignment& target);

 signals:
  void executeRequested(const QList<partita::app::PlannedReassignment>& plan, qint64 throttleBytesPerSec);
  void cancelRequested(const QList<partita::app::PartitionRef>& partitions);

 private:
  enum Column { kPartition, kCurrent, kTarget, kProgress, kColumnCount };
  void updatePlanView();
  void pickBrokers(int row);
  QList<int> parseTarget(int row, bool* ok) const;

  app::SnapshotPtr m_snapshot;
  const QString m_topic;
  QList<int> m_partitions;
  QList<app::PlannedReassignment> m_executed;
  QTableWidget* m_table;
  QPlainTextEdit* m_json;
  QLabel* m_error;
  QProgressBar* m_total;
  QPushButton* m_execute;
  QSpinBox* m_throttle;
  QPushButton* m_cancel;
};

}  // namespace partita::ui

Q_DECLARE_METATYPE(partita::app::PlannedReassignment)
