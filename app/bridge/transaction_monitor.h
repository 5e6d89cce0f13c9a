// TransactionMonitor: the Transactions page's bridge to a cluster. Owns one ClusterClient for the bootstrap list
// (connected lazily, with the registered security) and runs every request on its own single worker thread, so
// the GUI thread never waits on the network: refresh() lists the transactional ids (ListTransactions on every
// broker) and finds hanging transactions (DescribeProducers per leader, as kafka-transactions.sh find-hanging);
// describe() answers DescribeTransactions plus DescribeProducers of each of its partitions; abortHanging()
// writes an ABORT marker (WriteTxnMarkers to the leader, as kafka-transactions.sh abort).
// A cluster without these APIs answers with `unsupported` set, not a generic error.
// Lifetime: the destructor waits for the request in progress; results for an older bootstrap list are dropped.
// Thread safety: call from the GUI thread; signals arrive on it.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <functional>
#include <memory>

#include "app/bridge/transaction_types.h"

namespace partita::client {
class ClusterClient;
}

namespace partita::app {

class TransactionMonitor : public QObject {
  Q_OBJECT

 public:
  explicit TransactionMonitor(QObject* parent = nullptr);
  ~TransactionMonitor() override;

  // "host:port,..."; empty disconnects.
  void setBootstrapServers(const QString& servers);
  QString bootstrapServers() const { return m_servers; }
  bool busy() const { return m_inFlight > 0; }

  void refresh(const TransactionFilter& filter);
  void describe(const QString& transactionalId);
  // Aborts the hanging transaction `row` describes on its partition.
  void abortHanging(const ProducerRow& row);

 signals:
  void refreshed(const partita::app::TransactionsSnapshot& snapshot);
  void described(const partita::app::TransactionDetail& detail);
  void aborted(const partita::app::ProducerRow& row, const QString& error);  // error empty on success

 private:
  struct Session;
  // Runs work(client) on the worker (nullptr client + error when the cluster cannot be reached); deliver on GUI.
  void submit(std::function<void(client::ClusterClient* client, const QString& error)> work);
  template <class F>
  void deliver(quint64 generation, F&& f);

  QString m_servers;
  quint64 m_generation = 0;
  int m_inFlight = 0;
  std::shared_ptr<Session> m_session;
  QThreadPool m_pool;
};

}  // namespace partita::app
