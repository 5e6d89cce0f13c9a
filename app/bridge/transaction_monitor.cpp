#include "app/bridge/transaction_monitor.h"

#include "engine/client/cluster_client.h"

namespace partita::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

ProducerRow toRow(const TopicPartition& tp, const client::ProducerStateInfo& s) {
  return ProducerRow{qs(tp.topic), int(tp.partition.value), s.producer_id, s.producer_epoch, s.last_sequence,
                     s.last_timestamp, s.coordinator_epoch, s.current_txn_start_offset};
}

bool isUnsupported(const Status& status) { return status.code() == Status::Code::kUnsupported; }

}  // namespace

TransactionMonitor::TransactionMonitor(QObject* parent) : QObject(parent) {
  qRegisterMetaType<TransactionsSnapshot>();
  qRegisterMetaType<TransactionDetail>();
  qRegisterMetaType<ProducerRow>();
}

void TransactionMonitor::refresh(const TransactionFilter& filter) {
  m_worker.run([this, filter](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    TransactionsSnapshot snap;
    snap.taken = QDateTime::currentDateTime();
    snap.error = error;
    if (c != nullptr) {
      std::vector<std::string> states;
      for (const auto& s : filter.states) states.push_back(s.toStdString());
      std::vector<int64_t> pids;
      if (filter.producerId >= 0) pids.push_back(filter.producerId);
      auto listed = c->ListTransactions(states, pids);
      if (!listed.ok()) {
        snap.unsupported = isUnsupported(listed.status());
        snap.error = qs(listed.status().ToString());
      } else {
        for (const auto& t : *listed)
          snap.transactions.append({qs(t.transactional_id), t.coordinator, t.producer_id, qs(t.state)});
        auto hanging = c->FindHangingTransactions({}, filter.hangingAfterMs);
        if (!hanging.ok()) {
          snap.unsupported = isUnsupported(hanging.status());
          snap.error = qs(hanging.status().ToString());
        } else {
          for (const auto& h : *hanging) snap.hanging.append(toRow(h.tp, h.producer));
        }
      }
    }
    return [this, snap] { emit refreshed(snap); };
  });
}

void TransactionMonitor::describe(const QString& transactionalId) {
  m_worker.run([this, transactionalId](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    TransactionDetail d;
    d.transactionalId = transactionalId;
    d.error = error;
    if (c != nullptr) {
      auto desc = c->DescribeTransaction(transactionalId.toStdString());
      if (!desc.ok()) {
        d.unsupported = isUnsupported(desc.status());
        d.error = qs(desc.status().ToString());
      } else {
        d.coordinator = desc->coordinator;
        d.state = qs(desc->state);
        d.producerId = desc->producer_id;
        d.producerEpoch = desc->producer_epoch;
        d.timeoutMs = desc->timeout_ms;
        d.startTimeMs = desc->start_time_ms;
        for (const auto& tp : desc->partitions) {
          ProducerRow row{qs(tp.topic), int(tp.partition.value)};
          auto producers = c->DescribeProducers(tp);
          if (producers.ok()) {
            for (const auto& s : *producers)
              if (s.producer_id == desc->producer_id) row = toRow(tp, s);
          }
          d.partitions.append(row);
        }
      }
    }
    return [this, d] { emit described(d); };
  });
}

void TransactionMonitor::abortHanging(const ProducerRow& row) {
  m_worker.run([this, row](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    QString result = error;
    if (c != nullptr) {
      Status st = c->AbortTransaction({row.topic.toStdString(), PartitionId(row.partition)}, row.producerId,
                                      static_cast<int16_t>(row.producerEpoch), row.coordinatorEpoch);
      if (!st.ok()) result = qs(st.ToString());
    }
    return [this, row, result] { emit aborted(row, result); };
  });
}

}  // namespace partita::app
