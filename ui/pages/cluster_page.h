// The cluster overview page: the brokers of the current connection (id with a controller badge, host:port, rack,
// running/stopped, partitions led, under-replicated), a live produce/replication throughput plot, Stop / Kill /
// Start for brokers of a local cluster (with confirmation), and the local cluster's log with a progress bar while
// it starts. Without a connection it shows an empty state offering the actions that get one.
//
// Ownership: owned by the main window's page stack; the actions and the connection are not owned (the
// connection may be deleted: the page follows QObject::destroyed). GUI thread only.
#pragma once

#include <QList>
#include <QPointer>

#include "app/bridge/cluster_connection.h"
#include "ui/pages/page.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace partita::ui {

class BrokersModel;
class EmptyStateWidget;
class MessageBar;
class ThroughputPlot;

class ClusterPage : public Page {
  Q_OBJECT

 public:
  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit ClusterPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);

  QString title() const override;
  void setConnection(app::ClusterConnection* connection);
  // Asks before stopping/killing a broker; tests turn it off.
  void setConfirmationsEnabled(bool enabled) { m_confirm = enabled; }
  BrokersModel* brokersModel() const { return m_model; }
  QTableView* brokersView() const { return m_view; }
  // The throughput, request-time and ISR charts (tabs under the brokers).
  ThroughputPlot* throughputPlot() const { return m_throughput; }
  ThroughputPlot* latencyPlot() const { return m_latency; }
  ThroughputPlot* isrPlot() const { return m_isr; }
  QTabWidget* chartTabs() const { return m_charts; }
  // Runs the action on the selected broker (after confirmation when enabled).
  void brokerAction(app::LocalClusterController::BrokerAction action);

 protected:
  void retranslateUi() override;

 private:
  void onSnapshot(const app::SnapshotPtr& snapshot);
  void onState();
  void updateButtons();
  int selectedBroker() const;

  QPointer<app::ClusterConnection> m_connection;
  QList<QMetaObject::Connection> m_links;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  MessageBar* m_messages;
  QLabel* m_header;
  QProgressBar* m_progress;
  QTableView* m_view;
  BrokersModel* m_model;
  QTabWidget* m_charts;
  ThroughputPlot* m_throughput;
  ThroughputPlot* m_latency;
  ThroughputPlot* m_isr;
  QPlainTextEdit* m_log;
  QLabel* m_brokersTitle;
  QLabel* m_logTitle;
  QPushButton* m_start;
  QPushButton* m_stop;
  QPushButton* m_kill;
  QPushButton* m_configs;
  bool m_alteringBroker = false;  // the next AlterConfigs answer is about a broker's configs
  bool m_confirm = true;
  bool m_reachError = false;  // the message bar shows a connection failure
};

}  // namespace partita::ui
