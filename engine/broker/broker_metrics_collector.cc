#include "engine/broker/broker_metrics_collector.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <vector>

#include "engine/broker/broker.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/client_quotas.h"
#include "engine/common/clock.h"
#include "engine/broker/group_service.h"
#include "engine/coordination/zk_client.h"

namespace partita::broker {

namespace {

using metrics::Labels;
using metrics::MetricKind;
using metrics::MetricWriter;

void Gauge(MetricWriter& w, const char* name, const char* help, double value) {
  if (w.BeginFamily(name, help, MetricKind::kGauge)) w.Sample({}, value);
}

Labels PartitionLabels(const TopicPartition& tp) {
  return {{"topic", tp.topic}, {"partition", std::to_string(tp.partition.value)}};
}

void CollectPartitions(Broker& broker, MetricWriter& w) {
  auto partitions = broker.replicas().All();
  std::sort(partitions.begin(), partitions.end(),
            [](const auto& a, const auto& b) { return a->topic_partition() < b->topic_partition(); });
  int64_t leaders = 0, under_replicated = 0, under_min_isr = 0, at_min_isr = 0;
  for (const auto& p : partitions) {
    if (!p->IsLeader()) continue;
    ++leaders;
    const size_t isr = p->isr().size();
    const size_t replicas = p->replicas().size();
    const auto min_isr = static_cast<size_t>(std::max(p->settings().min_insync_replicas, 1));
    if (isr < replicas) ++under_replicated;
    if (isr < min_isr) ++under_min_isr;
    if (isr == min_isr) ++at_min_isr;
  }
  Gauge(w, "kafka_server_replicamanager_partition_count", "Partitions with a replica on this broker (PartitionCount).",
        static_cast<double>(partitions.size()));
  Gauge(w, "kafka_server_replicamanager_leader_count", "Partitions this broker leads (LeaderCount).",
        static_cast<double>(leaders));
  Gauge(w, "kafka_server_replicamanager_under_replicated_partitions",
        "Led partitions whose ISR is smaller than their replica set (UnderReplicatedPartitions).",
        static_cast<double>(under_replicated));
  Gauge(w, "kafka_server_replicamanager_under_min_isr_partition_count",
        "Led partitions whose ISR is below min.insync.replicas (UnderMinIsrPartitionCount).",
        static_cast<double>(under_min_isr));
  Gauge(w, "kafka_server_replicamanager_at_min_isr_partition_count",
        "Led partitions whose ISR is exactly min.insync.replicas (AtMinIsrPartitionCount).",
        static_cast<double>(at_min_isr));
  // Kafka's kafka.log:type=Log,name=Size / LogEndOffset / LogStartOffset, per replica on this broker.
  if (w.BeginFamily("kafka_log_size_bytes", "Bytes of the partition's log on this broker (Log Size).",
                    MetricKind::kGauge)) {
    for (const auto& p : partitions) w.Sample(PartitionLabels(p->topic_partition()), double(p->log()->SizeInBytes()));
  }
  if (w.BeginFamily("kafka_log_log_end_offset", "The log end offset of the replica (LogEndOffset).",
                    MetricKind::kGauge)) {
    for (const auto& p : partitions) w.Sample(PartitionLabels(p->topic_partition()), double(p->LogEndOffset().value));
  }
  if (w.BeginFamily("kafka_log_log_start_offset", "The log start offset of the replica (LogStartOffset).",
                    MetricKind::kGauge)) {
    for (const auto& p : partitions) {
      w.Sample(PartitionLabels(p->topic_partition()), double(p->LogStartOffset().value));
    }
  }
}

void CollectController(Broker& broker, MetricWriter& w) {
  const bool active = broker.active_controller() != nullptr;
  Gauge(w, "kafka_controller_active_controller_count", "1 on the active controller, 0 elsewhere (ActiveControllerCount).",
        active ? 1 : 0);
  // As Kafka, only the active controller reports offline partitions (the others report 0).
  int64_t offline = 0;
  if (active) {
    auto md = broker.metadata();
    for (const auto& [name, topic] : md->topics) {
      if (topic.marked_for_deletion) continue;
      for (const auto& [p, partition] : topic.partitions) {
        if (partition.leader < 0 || !md->brokers.count(partition.leader)) ++offline;
      }
    }
  }
  Gauge(w, "kafka_controller_offline_partitions_count",
        "Partitions without a live leader, on the active controller (OfflinePartitionsCount).", double(offline));
}

void CollectGroups(Broker& broker, MetricWriter& w) {
  bool loading = false;
  auto coordinators = broker.groups().LoadedCoordinators(&loading);
  std::map<std::string, int64_t> by_state;
  for (int s = 0; s <= static_cast<int>(group::GroupState::kDead); ++s) {
    by_state[group::GroupStateName(static_cast<group::GroupState>(s))] = 0;
  }
  struct Lag {
    Labels labels;
    double committed, lag;
  };
  std::vector<Lag> lags;
  for (const auto& coordinator : coordinators) {
    for (const auto& g : coordinator->ListGroups()) {
      ++by_state[group::GroupStateName(g.state)];
      auto offsets = coordinator->OffsetFetch({g.group_id, std::nullopt});
      for (const auto& o : offsets.partitions) {
        if (o.offset < 0) continue;
        Labels labels{{"group", g.group_id}, {"topic", o.topic}, {"partition", std::to_string(o.partition)}};
        // Lag against the high watermark (what a consumer may read), as kafka-consumer-groups reports it. The
        // coordinator knows it for partitions with a replica here (a follower's view trails by one fetch).
        double lag = std::numeric_limits<double>::quiet_NaN();
        if (auto p = broker.replicas().Get({o.topic, PartitionId(o.partition)})) {
          lag = static_cast<double>(std::max<int64_t>(0, p->HighWatermark().value - o.offset));
        }
        lags.push_back({std::move(labels), double(o.offset), lag});
      }
    }
  }
  if (w.BeginFamily("kafka_coordinator_group_count", "Consumer groups coordinated here, by state (NumGroups*).",
                    MetricKind::kGauge)) {
    for (const auto& [state, n] : by_state) w.Sample({{"state", state}}, double(n));
  }
  Gauge(w, "kafka_coordinator_offsets_partitions_loading",
        "1 while a __consumer_offsets partition led here is still being loaded.", loading ? 1 : 0);
  if (w.BeginFamily("kafka_consumergroup_committed_offset", "A group's committed offset, per partition.",
                    MetricKind::kGauge)) {
    for (const auto& l : lags) w.Sample(l.labels, l.committed);
  }
  if (w.BeginFamily("kafka_consumergroup_lag",
                    "High watermark minus committed offset, per group and partition (NaN: no replica here).",
                    MetricKind::kGauge)) {
    for (const auto& l : lags) w.Sample(l.labels, l.lag);
  }
}

// Kafka's NetworkProcessorAvgIdlePercent, as a ratio: 1 - (time network threads spent in request handlers) /
// (threads x wall time) over the window since the previous scrape. Socket reads and writes are not counted as
// busy (they would need a hook in the network layer), so this is an upper bound of Kafka's figure.
class IdleRatio {
 public:
  double Next(int64_t busy_ns, int threads) {
    std::lock_guard lock(mu_);
    const int64_t now = MetricsNowNanos();
    double ratio = 1;
    if (last_ns_ > 0 && now > last_ns_) {
      const double window = double(now - last_ns_) * std::max(threads, 1);
      ratio = std::clamp(1.0 - double(busy_ns - last_busy_ns_) / window, 0.0, 1.0);
    }
    last_ns_ = now;
    last_busy_ns_ = busy_ns;
    return ratio;
  }

 private:
  std::mutex mu_;
  int64_t last_ns_ = 0;
  int64_t last_busy_ns_ = 0;
};

// Kafka's client quota metrics (kafka.server:type=Produce|Fetch|Request,user=..,client-id=..): per quota sensor the
// measured rate the quota is checked against and the average throttle time of its throttled answers in the quota
// window. user / client_id are empty when the matched quota does not name that part, as Kafka's sensor tags.
void CollectQuotas(Broker& broker, MetricWriter& w) {
  ClientQuotaManager& quotas = broker.client_quotas();
  const auto stats = quotas.SensorStats(MonotonicMs());
  struct Family {
    QuotaType type;
    const char* rate_name;
    const char* rate_help;
    const char* throttle_name;
    const char* throttle_help;
  };
  static const Family kFamilies[] = {
      {QuotaType::kProduce, "kafka_server_produce_byte_rate",
       "Produce bytes/s of the client over the quota window (type=Produce byte-rate).",
       "kafka_server_produce_throttle_time_ms",
       "Average produce throttle time of the client's throttled requests in the quota window (type=Produce throttle-time)."},
      {QuotaType::kFetch, "kafka_server_fetch_byte_rate",
       "Fetched bytes/s of the consumer over the quota window (type=Fetch byte-rate).",
       "kafka_server_fetch_throttle_time_ms",
       "Average fetch throttle time of the client's throttled requests in the quota window (type=Fetch throttle-time)."},
      {QuotaType::kRequest, "kafka_server_request_request_time",
       "Broker thread time spent on the client's requests, percent of one thread over the quota window "
       "(type=Request request-time, KIP-124).",
       "kafka_server_request_throttle_time_ms",
       "Average request-quota throttle time of the client's throttled requests in the quota window "
       "(type=Request throttle-time)."},
  };
  for (const Family& f : kFamilies) {
    // Families appear once some client was measured against a quota of the type.
    if (std::none_of(stats.begin(), stats.end(), [&](const QuotaSensorStats& s) { return s.type == f.type; })) continue;
    for (int pass = 0; pass < 2; ++pass) {
      if (!w.BeginFamily(pass == 0 ? f.rate_name : f.throttle_name, pass == 0 ? f.rate_help : f.throttle_help,
                         MetricKind::kGauge)) {
        continue;
      }
      for (const auto& s : stats) {
        if (s.type != f.type) continue;
        w.Sample({{"user", s.user}, {"client_id", s.client_id}}, pass == 0 ? s.rate : s.throttle_time_ms);
      }
    }
  }
  if (w.BeginFamily("kafka_server_request_exempt_request_time_seconds_total",
                    "Broker thread time spent on requests exempt from request quotas: inter-broker requests, counted "
                    "while request quotas are set (type=Request exempt-request-time, KIP-124).",
                    MetricKind::kCounter)) {
    w.Sample({}, double(quotas.exempt_request_ns()) * 1e-9);
  }
}

}  // namespace

std::function<void(metrics::MetricWriter&)> MakeBrokerCollector(Broker* broker) {
  auto idle = std::make_shared<IdleRatio>();
  return [broker, idle](MetricWriter& w) {
    if (!broker->running()) return;
    BrokerMetrics& m = broker->metrics();
    if (w.BeginFamily("kafka_server_purgatory_size", "Delayed operations waiting (PurgatorySize).",
                      MetricKind::kGauge)) {
      w.Sample({{"delayed_operation", "Produce"}}, double(broker->replicas().produce_purgatory().PendingCount()));
      w.Sample({{"delayed_operation", "Fetch"}}, double(broker->replicas().fetch_purgatory().PendingCount()));
    }
    CollectPartitions(*broker, w);
    CollectController(*broker, w);
    CollectGroups(*broker, w);
    CollectQuotas(*broker, w);
    coordination::ZkClient* zk = broker->zk();
    Gauge(w, "kafka_server_zookeeper_connected", "1 while the ZooKeeper session is connected (SessionState).",
          zk && zk->connected() ? 1 : 0);
    Gauge(w, "kafka_server_zookeeper_session_generation",
          "ZooKeeper sessions this broker has had; each increase is a session expiry (ZooKeeperExpiresPerSec).",
          zk ? zk->session_generation() : 0);
    Gauge(w, "kafka_server_socket_server_connection_count", "Open client connections (connection-count).",
          double(broker->ConnectionCount()));
    Gauge(w, "kafka_server_socket_server_queued_request_bytes",
          "Bytes of requests being read or answered (queued.max.request.bytes accounting).",
          double(broker->QueuedRequestBytes()));
    Gauge(w, "kafka_network_processor_avg_idle_ratio",
          "Share of network thread time outside request handlers since the previous scrape "
          "(NetworkProcessorAvgIdlePercent; socket I/O counts as idle).",
          idle->Next(m.handler_busy_ns(), static_cast<int>(broker->config().GetLong("num.network.threads"))));
  };
}

}  // namespace partita::broker
