// The scrape-time half of a broker's metrics: values read from the broker's state when /metrics is fetched
// instead of being maintained on hot paths — Kafka's ReplicaManager gauges (PartitionCount, LeaderCount,
// UnderReplicatedPartitions, UnderMinIsrPartitionCount, AtMinIsrPartitionCount), the controller's
// ActiveControllerCount and OfflinePartitionsCount, purgatory sizes, log sizes and offsets per partition, the
// group coordinator's group counts by state and consumer lag per group and partition, the ZooKeeper session,
// socket server connections and the network threads' idle ratio.
// Thread safety: the collector runs on the metrics server's thread and reads only thread-safe broker accessors.
#pragma once

#include <functional>

#include "engine/metrics/exposition.h"

namespace partita::broker {

class Broker;
class BrokerMetrics;

// Returns a collector for broker.metrics().registry(); it keeps the idle-ratio window between scrapes.
std::function<void(metrics::MetricWriter&)> MakeBrokerCollector(Broker* broker);

}  // namespace partita::broker
