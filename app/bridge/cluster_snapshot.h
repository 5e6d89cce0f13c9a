// ClusterSnapshot: one immutable picture of a cluster as the poller saw it — brokers, topics with their
// partitions (leader, replicas, ISR, offsets), reassignments in progress, the leader/ISR changes observed since
// connecting, and per-broker throughput estimated from offset deltas between two polls, or read from the broker's
// Prometheus endpoint when it serves one.
// Plain Qt values (no engine types), so ui/ models and tests can build snapshots by hand. Shared between threads
// as SnapshotPtr (a pointer to const): never modified after it is emitted.
#pragma once

#include <algorithm>
#include <climits>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSharedPointer>
#include <QString>

#include "app/bridge/broker_metrics_scrape.h"

namespace partita::app {

struct BrokerState {
  int id = -1;
  QString host;
  int port = 0;
  QString rack;
  bool controller = false;
  bool alive = true;      // in the cluster metadata
  bool local = false;     // a broker of a local cluster this app runs (Stop/Kill/Start apply)
  bool killed = false;    // local, ended by Kill: ZooKeeper still lists it until its session expires
  int partitionsLed = 0;
  int underReplicated = 0;  // partitions led by this broker whose ISR is short (Kafka's per-leader metric)
  double produceRate = 0;   // messages/s appended to partitions this broker leads
  double fetchRate = 0;     // messages/s replicated to this broker as a follower (estimate)
  // From the broker's own Prometheus endpoint (metrics.listener), when it serves one: metricsServed says this
  // poll scraped it; metricsRatesKnown that an earlier scrape existed too, so `metrics` holds the rates between
  // the two. Otherwise the charts fall back to the offset deltas above for this broker.
  bool metricsServed = false;
  bool metricsRatesKnown = false;
  QString metricsUrl;  // http://host:port/metrics, when known
  BrokerMetricsRates metrics;
  QString address() const { return QStringLiteral("%1:%2").arg(host).arg(port); }
};

struct PartitionState {
  int partition = 0;
  int leader = -1;  // -1: no leader (offline)
  int leaderEpoch = -1;
  QList<int> replicas;
  QList<int> isr;
  QList<int> offline;
  qint64 logStartOffset = -1;
  qint64 highWatermark = -1;
  // The leader's log end offset (LEO: the offset its next record gets), read from the leader's own replica with
  // ListOffsets as Kafka's DEBUGGING_REPLICA_ID; -1 when the leader did not answer. Ahead of the high watermark
  // while followers have not fetched the latest records.
  qint64 logEndOffset = -1;
  // The last stable offset (KIP-98): ListOffsets LATEST with read_committed. Below the high watermark while a
  // transaction is open on the partition: read_committed consumers stop there until it commits or aborts.
  qint64 lastStableOffset = -1;
  bool openTransaction() const { return lastStableOffset >= 0 && highWatermark >= 0 && lastStableOffset < highWatermark; }
  QMap<int, qint64> replicaLogEnd;  // broker -> that replica's LEO, for the replicas that answered
  qint64 sizeBytes = -1;     // on the leader's disk, when DescribeLogDirs answered
  bool underReplicated() const { return isr.size() < replicas.size(); }
  bool isOffline() const { return leader < 0; }
  // How many records `broker`'s replica is behind the leader's LEO; -1 when either LEO is unknown.
  qint64 replicaLag(int broker) const {
    const qint64 leo = replicaLogEnd.value(broker, -1);
    return leo < 0 || logEndOffset < 0 ? -1 : std::max<qint64>(0, logEndOffset - leo);
  }
};

struct TopicState {
  QString name;
  bool internal = false;
  QList<PartitionState> partitions;  // sorted by partition id
  qint64 sizeBytes = -1;            // all replicas on disk; -1 unknown
  // Replica counts over the partitions: equal for a topic as created, different while or after a reassignment
  // changed some partitions.
  int minReplicationFactor() const {
    int n = partitions.isEmpty() ? 0 : INT_MAX;
    for (const auto& p : partitions) n = std::min(n, int(p.replicas.size()));
    return n;
  }
  int replicationFactor() const {
    int n = 0;
    for (const auto& p : partitions) n = std::max(n, int(p.replicas.size()));
    return n;
  }
  // Sum of (end - start): exact without compaction or transactions. -1 (unknown) when a partition is offline
  // or its offsets did not answer: a partial sum would look like a real count.
  qint64 messageEstimate() const {
    qint64 n = 0;
    for (const auto& p : partitions) {
      if (p.isOffline() || p.highWatermark < 0 || p.logStartOffset < 0) return -1;
      n += p.highWatermark - p.logStartOffset;
    }
    return n;
  }
  int underReplicatedCount() const {
    int n = 0;
    for (const auto& p : partitions) n += p.underReplicated() ? 1 : 0;
    return n;
  }
  int offlineCount() const {
    int n = 0;
    for (const auto& p : partitions) n += p.isOffline() ? 1 : 0;
    return n;
  }
};

struct ReassignmentState {
  QString topic;
  int partition = 0;
  QList<int> replicas;
  QList<int> adding;
  QList<int> removing;
};

// One observed change of a partition's leader or ISR.
struct PartitionEvent {
  QDateTime time;
  QString topic;
  int partition = 0;
  int leader = -1;
  QList<int> isr;
  int previousLeader = -1;
  QList<int> previousIsr;
};

struct ClusterSnapshot {
  QDateTime taken;
  QString clusterId;
  QString bootstrapServers;
  int controllerId = -1;
  QList<BrokerState> brokers;  // sorted by id; stopped local brokers included with alive = false
  QList<TopicState> topics;    // sorted by name
  QList<ReassignmentState> reassignments;
  QList<PartitionEvent> events;  // oldest first, capped
  QString warning;               // a partial failure of this poll (e.g. ListOffsets), empty when all answered

  int aliveBrokerCount() const {
    int n = 0;
    for (const auto& b : brokers) n += b.alive ? 1 : 0;
    return n;
  }
  const TopicState* findTopic(const QString& name) const {
    for (const auto& t : topics)
      if (t.name == name) return &t;
    return nullptr;
  }
  const BrokerState* findBroker(int id) const {
    for (const auto& b : brokers)
      if (b.id == id) return &b;
    return nullptr;
  }
};

using SnapshotPtr = QSharedPointer<const ClusterSnapshot>;

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::SnapshotPtr)
