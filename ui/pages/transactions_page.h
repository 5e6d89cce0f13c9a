// The Transactions page (issue 12): the cluster's transactional ids (ListTransactions, filtered by state and
// producer id), the selected id's description (state, producer id/epoch, timeout, start time) with its producer
// state on each of its partitions (DescribeTransactions + DescribeProducers), and the hanging transactions
// (kafka-transactions.sh find-hanging) with an Abort action behind a confirmation that says what it does.
// Every request runs in the TransactionMonitor's worker; the page refreshes every few seconds while shown.
// A cluster without the transaction admin APIs gets a clear sentence instead of tables.
// Ownership: owned by the main window's page stack; owns its monitor. GUI thread only.
#pragma once

#include <QList>

#include "app/bridge/transaction_types.h"
#include "ui/pages/page.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace partita::app {
class TransactionMonitor;
}

namespace partita::ui {

class EmptyStateWidget;

class TransactionsPage : public Page {
  Q_OBJECT

 public:
  explicit TransactionsPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);
  ~TransactionsPage() override;

  QString title() const override;
  void setBootstrapServers(const QString& servers);

  // Tests and the toolbar: refresh now with the filters shown.
  void refresh();
  app::TransactionFilter currentFilter() const;
  const app::TransactionsSnapshot& snapshot() const { return m_snapshot; }
  const app::TransactionDetail& detail() const { return m_detail; }
  void selectTransaction(const QString& transactionalId);
  // Asks for confirmation (unless `confirmed`), then aborts the hanging transaction at `row` of the table.
  void abortHanging(int row, bool confirmed = false);
  // The confirmation text for a hanging transaction (what the abort does).
  static QString abortConsequence(const app::ProducerRow& row);
  QTableView* transactionsView() const { return m_transactionsView; }
  QTableView* partitionsView() const { return m_partitionsView; }
  QTableView* hangingView() const { return m_hangingView; }
  QString statusText() const;

 signals:
  void refreshed();
  void described();
  void abortFinished(const QString& error);

 protected:
  void retranslateUi() override;
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  QWidget* buildContent();
  void showSnapshot(const app::TransactionsSnapshot& snapshot);
  void showDetail(const app::TransactionDetail& detail);
  void renderSnapshot();  // m_snapshot into the tables and the status line (also on a language change)
  void renderDetail();
  void setStatus(const QString& text, bool error);
  void updateHeaders();

  app::TransactionMonitor* m_monitor;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  QTimer* m_timer;
  app::TransactionsSnapshot m_snapshot;
  app::TransactionDetail m_detail;
  QString m_selected;

  QLabel* m_stateLabel = nullptr;
  QComboBox* m_stateFilter = nullptr;
  QLabel* m_producerLabel = nullptr;
  QLineEdit* m_producerFilter = nullptr;
  QLabel* m_hangingLabel = nullptr;
  QSpinBox* m_hangingMinutes = nullptr;
  QPushButton* m_refreshButton = nullptr;
  QLabel* m_status = nullptr;
  QStandardItemModel* m_transactions = nullptr;
  QTableView* m_transactionsView = nullptr;
  QLabel* m_detailTitle = nullptr;
  QLabel* m_detailText = nullptr;
  QStandardItemModel* m_partitions = nullptr;
  QTableView* m_partitionsView = nullptr;
  QLabel* m_hangingTitle = nullptr;
  QStandardItemModel* m_hanging = nullptr;
  QTableView* m_hangingView = nullptr;
  QPushButton* m_abortButton = nullptr;
};

}  // namespace partita::ui
