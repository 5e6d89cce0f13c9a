#include "engine/broker/txn_marker_channel.h"

#include <spdlog/spdlog.h>

#include "engine/client/broker_connection.h"
#include "engine/coordination/metadata_watcher.h"
#include "engine/protocol/messages/write_txn_markers.h"

namespace partita::broker {

using protocol::ErrorCode;

TxnMarkerChannel::TxnMarkerChannel(Options options, Endpoints endpoints, Metadata metadata)
    : options_(std::move(options)), endpoints_(std::move(endpoints)), metadata_(std::move(metadata)) {
  thread_ = std::thread([this] { Loop(); });
}

TxnMarkerChannel::~TxnMarkerChannel() { Stop(); }

void TxnMarkerChannel::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

size_t TxnMarkerChannel::PendingJobs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size() + in_flight_;
}

void TxnMarkerChannel::Write(const transactions::MarkerJob& job, std::function<void()> done) {
  auto j = std::make_shared<Job>();
  j->job = job;
  j->remaining = job.partitions;
  j->done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    queue_.push_back(std::move(j));
  }
  cv_.notify_all();
}

void TxnMarkerChannel::Loop() {
  std::vector<std::shared_ptr<Job>> jobs;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (jobs.empty()) {
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      } else {
        // Failed partitions are retried after the backoff; new jobs start at once.
        cv_.wait_for(lock, std::chrono::milliseconds(options_.retry_backoff_ms),
                     [&] { return stopping_ || !queue_.empty(); });
      }
      if (stopping_) break;
      for (auto& j : queue_) jobs.push_back(std::move(j));
      queue_.clear();
      in_flight_ = jobs.size();
    }
    SendRound(jobs);
    std::vector<std::function<void()>> finished;
    for (auto it = jobs.begin(); it != jobs.end();) {
      if ((*it)->abandoned || (*it)->remaining.empty()) {
        if (!(*it)->abandoned && (*it)->done) finished.push_back(std::move((*it)->done));
        it = jobs.erase(it);
      } else {
        ++it;
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_ = jobs.size();
    }
    for (auto& f : finished) f();
  }
  connections_.clear();
}

client::BrokerConnection* TxnMarkerChannel::ConnectionTo(int32_t broker) {
  auto& conn = connections_[broker];
  if (conn && conn->connected()) return conn.get();
  conn.reset();
  auto endpoint = endpoints_(broker);
  if (!endpoint) return nullptr;
  client::ConnectionOptions o;
  o.client_id = "txn-marker-sender-" + std::to_string(options_.broker_id);
  o.request_timeout_ms = options_.request_timeout_ms;
  o.tls = options_.tls;
  auto opened = client::BrokerConnection::Connect(endpoint->first, endpoint->second, o);
  if (!opened.ok()) {
    spdlog::debug("transaction markers to broker {}: {}", broker, opened.status().ToString());
    return nullptr;
  }
  conn = std::move(*opened);
  return conn.get();
}

void TxnMarkerChannel::SendRound(std::vector<std::shared_ptr<Job>>& jobs) {
  auto md = metadata_();
  // leader -> job index -> topic -> partitions
  std::map<int32_t, std::map<size_t, std::map<std::string, std::vector<int32_t>>>> by_leader;
  for (size_t i = 0; i < jobs.size(); ++i) {
    Job& j = *jobs[i];
    for (auto it = j.remaining.begin(); it != j.remaining.end();) {
      const auto& [topic, partition] = *it;
      auto t = md->topics.find(topic);
      if (t == md->topics.end() || !t->second.partitions.count(partition)) {
        // Deleted: no log left to mark (Kafka drops such markers too).
        spdlog::info("transaction {}: {}-{} no longer exists; no marker needed", j.job.transactional_id, topic,
                     partition);
        it = j.remaining.erase(it);
        continue;
      }
      const int32_t leader = t->second.partitions.at(partition).leader;
      if (leader >= 0) by_leader[leader][i][topic].push_back(partition);
      ++it;
    }
  }
  for (auto& [leader, per_job] : by_leader) {
    protocol::WriteTxnMarkersRequest request;
    std::vector<size_t> order;
    for (auto& [index, topics] : per_job) {
      const Job& j = *jobs[index];
      auto& m = request.markers.emplace_back();
      m.producer_id = j.job.producer_id;
      m.producer_epoch = j.job.producer_epoch;
      m.transaction_result = j.job.commit;
      m.coordinator_epoch = j.job.coordinator_epoch;
      for (auto& [topic, partitions] : topics) {
        auto& t = m.topics.emplace_back();
        t.name = topic;
        t.partition_indexes = partitions;
      }
      order.push_back(index);
    }
    client::BrokerConnection* conn = ConnectionTo(leader);
    if (!conn) continue;  // retried next round
    auto response = conn->Send<protocol::WriteTxnMarkersRequest, protocol::WriteTxnMarkersResponse>(request);
    if (!response.ok()) {
      spdlog::debug("WriteTxnMarkers to broker {}: {}", leader, response.status().ToString());
      conn->Close();
      continue;
    }
    // Results come back in request order, one per marker.
    for (size_t k = 0; k < order.size() && k < response->markers.size(); ++k) {
      Job& j = *jobs[order[k]];
      for (const auto& t : response->markers[k].topics) {
        for (const auto& p : t.partitions) {
          const auto error = static_cast<ErrorCode>(p.error_code);
          if (error == ErrorCode::kNone) {
            j.remaining.erase({t.name, p.partition_index});
          } else if (error == ErrorCode::kInvalidProducerEpoch || error == ErrorCode::kTransactionCoordinatorFenced) {
            spdlog::warn("transaction {}: marker on {}-{} refused ({}); a newer epoch took over",
                         j.job.transactional_id, t.name, p.partition_index, protocol::ErrorCodeName(error));
            j.abandoned = true;
          } else {
            spdlog::debug("transaction {}: marker on {}-{}: {} (will retry)", j.job.transactional_id, t.name,
                          p.partition_index, protocol::ErrorCodeName(error));
          }
        }
      }
    }
  }
}

}  // namespace partita::broker
