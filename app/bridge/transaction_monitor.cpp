#include "app/bridge/transaction_monitor.h"

#include <QMetaObject>

#include "app/bridge/client_factory.h"
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

struct TransactionMonitor::Session {
  std::string servers;
  std::unique_ptr<client::ClusterClient> client;
};

TransactionMonitor::TransactionMonitor(QObject* parent) : QObject(parent), m_session(std::make_shared<Session>()) {
  qRegisterMetaType<TransactionsSnapshot>();
  qRegisterMetaType<TransactionDetail>();
  qRegisterMetaType<ProducerRow>();
  m_pool.setMaxThreadCount(1);
  m_pool.setExpiryTimeout(-1);
}

TransactionMonitor::~TransactionMonitor() {
  m_pool.clear();
  m_pool.waitForDone();
}

void TransactionMonitor::setBootstrapServers(const QString& servers) {
  if (servers.trimmed() == m_servers) return;
  m_servers = servers.trimmed();
  ++m_generation;
  m_inFlight = 0;
  m_pool.clear();  // queued requests were meant for the old cluster (they never deliver)
}

template <class F>
void TransactionMonitor::deliver(quint64 generation, F&& f) {
  QMetaObject::invokeMethod(
      this,
      [this, generation, f = std::forward<F>(f)] {
        if (generation != m_generation) return;  // for a cluster we left; m_inFlight was reset then
        --m_inFlight;
        f();
      },
      Qt::QueuedConnection);
}

void TransactionMonitor::submit(std::function<void(client::ClusterClient*, const QString&)> work) {
  const std::string servers = m_servers.toStdString();
  std::shared_ptr<Session> session = m_session;
  ++m_inFlight;
  m_pool.start([servers, session, work = std::move(work)] {
    if (!session->client || session->servers != servers) {
      session->client.reset();
      client::ClientOptions options;
      options.connection.connect_timeout_ms = 5000;
      options.connection.request_timeout_ms = 15000;
      auto connected = connectClusterClient(QString::fromStdString(servers), options);
      if (!connected.ok()) {
        work(nullptr, tr("Cannot connect to %1: %2").arg(qs(servers), qs(connected.status().ToString())));
        return;
      }
      session->client = std::move(*connected);
      session->servers = servers;
    }
    work(session->client.get(), QString());
  });
}

void TransactionMonitor::refresh(const TransactionFilter& filter) {
  if (m_servers.isEmpty()) return;
  const quint64 generation = m_generation;
  submit([this, generation, filter](client::ClusterClient* c, const QString& error) {
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
    deliver(generation, [this, snap] { emit refreshed(snap); });
  });
}

void TransactionMonitor::describe(const QString& transactionalId) {
  if (m_servers.isEmpty()) return;
  const quint64 generation = m_generation;
  submit([this, generation, transactionalId](client::ClusterClient* c, const QString& error) {
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
    deliver(generation, [this, d] { emit described(d); });
  });
}

void TransactionMonitor::abortHanging(const ProducerRow& row) {
  if (m_servers.isEmpty()) return;
  const quint64 generation = m_generation;
  submit([this, generation, row](client::ClusterClient* c, const QString& error) {
    QString result = error;
    if (c != nullptr) {
      Status st = c->AbortTransaction({row.topic.toStdString(), PartitionId(row.partition)}, row.producerId,
                                      static_cast<int16_t>(row.producerEpoch), row.coordinatorEpoch);
      if (!st.ok()) result = qs(st.ToString());
    }
    deliver(generation, [this, row, result] { emit aborted(row, result); });
  });
}

}  // namespace partita::app
