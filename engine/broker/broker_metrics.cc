#include "engine/broker/broker_metrics.h"

#include "engine/protocol/api_key.h"

namespace partita::broker {

BrokerMetrics::BrokerMetrics() {
  auto counter = [this](const char* name, const char* help) { return registry_.GetCounter(name, help); };
  bytes_in_ = counter("kafka_server_bytes_in_total", "Bytes appended by producers (BytesInPerSec), all topics.");
  bytes_out_ = counter("kafka_server_bytes_out_total", "Bytes sent to consumers (BytesOutPerSec), all topics.");
  messages_in_ = counter("kafka_server_messages_in_total", "Records appended by producers (MessagesInPerSec).");
  replication_bytes_out_ =
      counter("kafka_server_replication_bytes_out_total", "Bytes sent to follower replicas (ReplicationBytesOutPerSec).");
  failed_produce_requests_ = counter("kafka_server_failed_produce_requests_total",
                                     "Partitions of produce requests refused (FailedProduceRequestsPerSec).");
  isr_shrinks_ = counter("kafka_server_isr_shrinks_total", "ISR shrinks committed by this leader (IsrShrinksPerSec).");
  isr_expands_ = counter("kafka_server_isr_expands_total", "ISR expansions committed by this leader (IsrExpandsPerSec).");
  leader_elections_ = counter("kafka_controller_leader_elections_total",
                              "Leader changes seen while this broker was the active controller (LeaderElectionRateAndTimeMs).");
  unclean_leader_elections_ = counter("kafka_controller_unclean_leader_elections_total",
                                      "Leaders elected from outside the ISR while this broker was the active "
                                      "controller (UncleanLeaderElectionsPerSec).");
  log_flush_time_ = registry_.GetHistogram("kafka_log_flush_time_seconds", "Time of a log flush (LogFlushRateAndTimeMs).",
                                           {}, metrics::LatencyBuckets());
  zookeeper_request_time_ = registry_.GetHistogram(
      "kafka_server_zookeeper_request_latency_seconds",
      "Time of a ZooKeeper request made by this broker, a pipelined round counted once "
      "(ZooKeeperClientMetrics ZooKeeperRequestLatencyMs).",
      {}, metrics::LatencyBuckets());
}

RequestMetrics* BrokerMetrics::ForApi(int16_t api_key) {
  if (api_key < 0 || static_cast<size_t>(api_key) >= kMaxApiKeys) return nullptr;
  if (RequestMetrics* m = apis_[api_key].load(std::memory_order_acquire)) return m;
  std::lock_guard lock(api_mu_);
  if (RequestMetrics* m = apis_[api_key].load(std::memory_order_relaxed)) return m;
  const metrics::Labels labels{{"request", protocol::ApiKeyName(api_key)}};
  auto m = std::make_unique<RequestMetrics>();
  m->requests = registry_.GetCounter("kafka_network_requests_total", "Requests received, per API (RequestsPerSec).",
                                     labels);
  m->total_time = registry_.GetHistogram("kafka_network_request_total_time_seconds",
                                         "From the request's arrival to its answer's last byte written (TotalTimeMs).",
                                         labels,
                                         metrics::LatencyBuckets());
  m->local_time = registry_.GetHistogram("kafka_network_request_local_time_seconds",
                                         "Time the handler worked on the request (LocalTimeMs).", labels,
                                         metrics::LatencyBuckets());
  m->remote_time = registry_.GetHistogram(
      "kafka_network_request_remote_time_seconds",
      "Time the request waited in a purgatory or for ZooKeeper/the controller (RemoteTimeMs).", labels,
      metrics::LatencyBuckets());
  m->response_queue_time = registry_.GetHistogram(
      "kafka_network_request_response_queue_time_seconds",
      "Time an answer waited behind earlier answers on its connection before its first byte was written "
      "(ResponseQueueTimeMs).",
      labels, metrics::LatencyBuckets());
  m->response_send_time = registry_.GetHistogram(
      "kafka_network_request_response_send_time_seconds",
      "Time from an answer's first byte written to its last (ResponseSendTimeMs); a slow reader makes it long.",
      labels, metrics::LatencyBuckets());
  api_storage_[api_key] = std::move(m);
  apis_[api_key].store(api_storage_[api_key].get(), std::memory_order_release);
  return api_storage_[api_key].get();
}

std::shared_ptr<TopicMetrics> BrokerMetrics::ForTopic(const std::string& topic) {
  {
    std::shared_lock lock(topics_mu_);
    if (auto it = topics_.find(topic); it != topics_.end()) return it->second;
  }
  std::unique_lock lock(topics_mu_);
  auto& slot = topics_[topic];
  if (!slot) {
    const metrics::Labels labels{{"topic", topic}};
    auto m = std::make_shared<TopicMetrics>();
    m->bytes_in = registry_.GetCounter("kafka_server_topic_bytes_in_total", "Bytes appended by producers, per topic.",
                                       labels);
    m->bytes_out = registry_.GetCounter("kafka_server_topic_bytes_out_total", "Bytes sent to consumers, per topic.",
                                        labels);
    m->messages_in = registry_.GetCounter("kafka_server_topic_messages_in_total",
                                          "Records appended by producers, per topic.", labels);
    m->failed_produce_requests = registry_.GetCounter("kafka_server_topic_failed_produce_requests_total",
                                                      "Partitions of produce requests refused, per topic.", labels);
    slot = std::move(m);
  }
  return slot;
}

void BrokerMetrics::RemoveTopic(const std::string& topic) {
  {
    std::unique_lock lock(topics_mu_);
    topics_.erase(topic);
  }
  registry_.RemoveLabelled("topic", topic);
}

}  // namespace partita::broker
