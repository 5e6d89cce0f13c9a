// Values the Transactions page gets from the TransactionMonitor (KIP-98 / KIP-664 admin answers in Qt types):
// the cluster's transactional ids, the hanging transactions, one id's description with its producer state on
// each partition, and the outcome of an abort. Plain values copied between threads; registered as metatypes.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace partita::app {

struct TransactionRow {
  QString transactionalId;
  int coordinator = -1;
  qint64 producerId = -1;
  QString state;  // Kafka's: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead
};

// A producer's state on one partition (DescribeProducers).
struct ProducerRow {
  QString topic;
  int partition = 0;
  qint64 producerId = -1;
  int producerEpoch = -1;
  int lastSequence = -1;
  qint64 lastTimestamp = -1;
  int coordinatorEpoch = -1;
  qint64 txnStartOffset = -1;  // -1: no transaction open on the partition
};

struct TransactionsSnapshot {
  QDateTime taken;
  QList<TransactionRow> transactions;
  QList<ProducerRow> hanging;  // open transactions no coordinator knows as ongoing, older than the max age
  QString error;               // empty when the cluster answered
  bool unsupported = false;    // the cluster does not serve the transaction admin APIs (UNSUPPORTED_VERSION)
};

struct TransactionDetail {
  QString transactionalId;
  int coordinator = -1;
  QString state;
  qint64 producerId = -1;
  int producerEpoch = -1;
  int timeoutMs = 0;
  qint64 startTimeMs = -1;
  // One row per partition of the transaction: this producer's state there (producerId -1 when the partition's
  // leader does not list it).
  QList<ProducerRow> partitions;
  QString error;
  bool unsupported = false;
};

// Filters of a refresh: states (Kafka's names; empty = all), one producer id (-1 = all), and the age after which
// an open transaction without a coordinator is hanging (kafka-transactions.sh find-hanging's
// --max-transaction-timeout, 15 minutes by default).
struct TransactionFilter {
  QStringList states;
  qint64 producerId = -1;
  qint64 hangingAfterMs = 15 * 60 * 1000;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::TransactionsSnapshot)
Q_DECLARE_METATYPE(partita::app::TransactionDetail)
Q_DECLARE_METATYPE(partita::app::ProducerRow)
