// TransactionMonitor: the Transactions page's bridge to a cluster. Every request runs in its ClusterWorker (one
// ClusterClient for the bootstrap list on one worker thread), so the GUI thread never waits on the network: refresh() lists the transactional ids (ListTransactions on every
// broker) and finds hanging transactions (DescribeProducers per leader, as kafka-transactions.sh find-hanging);
// describe() answers DescribeTransactions plus DescribeProducers of each of its partitions; abortHanging()
// writes an ABORT marker (WriteTxnMarkers to the leader, as kafka-transactions.sh abort).
// A cluster without these APIs answers with `unsupported` set, not a generic error.
// Lifetime: the destructor waits for the request in progress; results for an older bootstrap list are dropped.
// Thread safety: call from the GUI thread; signals arrive on it.
#pragma once

#include <QObject>
#include <QString>

#include "app/bridge/cluster_worker.h"
#include "app/bridge/transaction_types.h"

namespace partita::app {

class TransactionMonitor : public QObject {
  Q_OBJECT

 public:
  explicit TransactionMonitor(QObject* parent = nullptr);

  // "host:port,..."; empty disconnects.
  void setBootstrapServers(const QString& servers) { m_worker.setBootstrapServers(servers); }
  QString bootstrapServers() const { return m_worker.bootstrapServers(); }
  bool busy() const { return m_worker.busy(); }

  void refresh(const TransactionFilter& filter);
  void describe(const QString& transactionalId);
  // Aborts the hanging transaction `row` describes on its partition.
  void abortHanging(const ProducerRow& row);

 signals:
  void refreshed(const partita::app::TransactionsSnapshot& snapshot);
  void described(const partita::app::TransactionDetail& detail);
  void aborted(const partita::app::ProducerRow& row, const QString& error);  // error empty on success

 private:
  ClusterWorker m_worker;
};

}  // namespace partita::app
