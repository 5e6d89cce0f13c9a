// BrokerMetrics: one broker's metrics registry and the objects its hot paths record on, with Kafka's metric names
// mapped to Prometheus conventions (kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec ->
// kafka_server_topic_bytes_in_total{topic=...}; the table is in README "Metrics").
// Recorded where they happen: request counts and times per API (RequestDispatcher), bytes and messages in/out per
// broker and topic (produce and fetch handlers), ISR shrinks/expands (the ISR commit), log flush times (storage),
// leader elections seen by the active controller. Everything else (partition health, purgatory sizes, log sizes,
// group counts and lag, ZooKeeper session, connections, network idle ratio) is computed at scrape time by the
// collector in broker_metrics_collector.cc, so the produce path carries only a few relaxed atomic adds.
// Thread safety: thread-safe. Ownership: owned by the Broker, which outlives every recording.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "engine/metrics/registry.h"

namespace partita::broker {

// Kafka's RequestMetrics for one API: kafka.network:type=RequestMetrics,name=RequestsPerSec / TotalTimeMs /
// LocalTimeMs / RemoteTimeMs / ResponseQueueTimeMs / ResponseSendTimeMs,request=<Api>. RequestQueueTimeMs is zero
// by construction (network threads run the handlers as soon as a request is read; there is no request queue), so
// it is not exported. As in Kafka, TotalTime runs until the response's last byte is written.
struct RequestMetrics {
  std::shared_ptr<metrics::Counter> requests;
  std::shared_ptr<metrics::Histogram> total_time;
  std::shared_ptr<metrics::Histogram> local_time;
  std::shared_ptr<metrics::Histogram> remote_time;
  std::shared_ptr<metrics::Histogram> response_queue_time;
  std::shared_ptr<metrics::Histogram> response_send_time;
};

// Kafka's BrokerTopicMetrics for one topic.
struct TopicMetrics {
  std::shared_ptr<metrics::Counter> bytes_in;
  std::shared_ptr<metrics::Counter> bytes_out;
  std::shared_ptr<metrics::Counter> messages_in;
  std::shared_ptr<metrics::Counter> failed_produce_requests;
};

class BrokerMetrics {
 public:
  BrokerMetrics();
  metrics::Registry& registry() { return registry_; }

  // The request metrics of an API key; created on the API's first request, then read without a lock.
  RequestMetrics* ForApi(int16_t api_key);
  // The topic's metrics (created on first use); RemoveTopic drops them from the exposition (topic deleted).
  std::shared_ptr<TopicMetrics> ForTopic(const std::string& topic);
  void RemoveTopic(const std::string& topic);

  // Produce: bytes and records appended as leader (BytesInPerSec / MessagesInPerSec, broker and topic).
  void RecordProduce(TopicMetrics& topic, int64_t bytes, int64_t messages) {
    topic.bytes_in->Increment(static_cast<uint64_t>(bytes));
    topic.messages_in->Increment(static_cast<uint64_t>(messages));
    bytes_in_->Increment(static_cast<uint64_t>(bytes));
    messages_in_->Increment(static_cast<uint64_t>(messages));
  }
  void RecordFailedProduce(TopicMetrics& topic) {
    topic.failed_produce_requests->Increment();
    failed_produce_requests_->Increment();
  }
  // Fetch: bytes sent to consumers (BytesOutPerSec) or to followers (ReplicationBytesOutPerSec, broker only).
  void RecordFetch(TopicMetrics* topic, int64_t bytes, bool to_follower) {
    if (to_follower) return replication_bytes_out_->Increment(static_cast<uint64_t>(bytes));
    if (topic) topic->bytes_out->Increment(static_cast<uint64_t>(bytes));
    bytes_out_->Increment(static_cast<uint64_t>(bytes));
  }
  metrics::Counter& isr_shrinks() { return *isr_shrinks_; }
  metrics::Counter& isr_expands() { return *isr_expands_; }
  metrics::Counter& leader_elections() { return *leader_elections_; }
  metrics::Counter& unclean_leader_elections() { return *unclean_leader_elections_; }
  // LogFlushRateAndTimeMs, in seconds; the storage layer records on it (storage::Log::SetFlushHistogram).
  const std::shared_ptr<metrics::Histogram>& log_flush_time() const { return log_flush_time_; }
  // ZooKeeperRequestLatencyMs, in seconds; the broker's ZkClient records on it (ZkConnectOptions::on_request_done).
  const std::shared_ptr<metrics::Histogram>& zookeeper_request_time() const { return zookeeper_request_time_; }

  // Time network threads spent inside request handlers (the busy part of NetworkProcessorAvgIdlePercent).
  void AddHandlerBusyNanos(int64_t nanos) { handler_busy_ns_.fetch_add(nanos, std::memory_order_relaxed); }
  int64_t handler_busy_ns() const { return handler_busy_ns_.load(std::memory_order_relaxed); }

 private:
  static constexpr size_t kMaxApiKeys = 128;

  metrics::Registry registry_;
  std::mutex api_mu_;  // creation of ForApi entries
  std::array<std::atomic<RequestMetrics*>, kMaxApiKeys> apis_{};
  std::array<std::unique_ptr<RequestMetrics>, kMaxApiKeys> api_storage_;  // guarded by api_mu_
  std::shared_mutex topics_mu_;
  std::unordered_map<std::string, std::shared_ptr<TopicMetrics>> topics_;
  std::shared_ptr<metrics::Counter> bytes_in_, bytes_out_, messages_in_, replication_bytes_out_,
      failed_produce_requests_, isr_shrinks_, isr_expands_, leader_elections_, unclean_leader_elections_;
  std::shared_ptr<metrics::Histogram> log_flush_time_, zookeeper_request_time_;
  std::atomic<int64_t> handler_busy_ns_{0};
};

// Monotonic nanoseconds, for request timing.
inline int64_t MetricsNowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace partita::broker
