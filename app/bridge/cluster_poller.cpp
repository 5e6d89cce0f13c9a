#include "app/bridge/cluster_poller.h"
#include "app/bridge/client_factory.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <map>

#include "engine/client/cluster_client.h"

namespace partita::app {
namespace {

constexpr int kMaxEvents = 5000;
// A broker's metrics endpoint must not hold the poller: a scrape gets this long, and a failed endpoint (or a
// broker without one) is asked again only after the back-off.
constexpr int kScrapeTimeoutMs = 1500;
constexpr qint64 kMetricsBackoffMs = 30000;

QList<int> toList(const std::vector<int32_t>& v) { return QList<int>(v.begin(), v.end()); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

ClusterPoller::ClusterPoller(QString bootstrap, std::function<QList<LocalClusterController::Broker>()> localBrokers)
    : m_bootstrap(std::move(bootstrap)), m_localBrokers(std::move(localBrokers)) {}

ClusterPoller::~ClusterPoller() = default;

void ClusterPoller::startPolling(int intervalMs) {
  if (m_timer == nullptr) {
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &ClusterPoller::poll);
  }
  m_timer->start(intervalMs);
  poll();
}

void ClusterPoller::setInterval(int intervalMs) {
  if (m_timer != nullptr) m_timer->setInterval(intervalMs);
}

QString ClusterPoller::ensureClient() {
  if (m_client) return {};
  client::ClientOptions options;
  // A dead broker must not hold the poller for long: localhost refuses at once, remote hosts may not answer.
  options.connection.connect_timeout_ms = 3000;
  options.connection.request_timeout_ms = 15000;
  auto client = connectClusterClient(m_bootstrap, options);
  if (!client.ok()) return qs(client.status().ToString());
  m_client = std::move(*client);
  return {};
}

void ClusterPoller::poll() {
  QString error = ensureClient();
  if (!error.isEmpty()) {
    m_connected = false;
    emit connectionFailed(error);
    return;
  }
  SnapshotPtr snapshot = buildSnapshot(&error);
  if (!snapshot) {
    m_connected = false;
    m_client.reset();  // bootstrap again next time: the brokers we knew may all be gone
    emit connectionFailed(error);
    return;
  }
  if (!m_connected) {
    m_connected = true;
    emit connected(m_bootstrap);
  }
  emit snapshotReady(snapshot);
}

void ClusterPoller::run(ClusterConnection::Operation op, const QString& subject,
                        const std::function<QString(client::ClusterClient&)>& body) {
  QString error = ensureClient();
  if (error.isEmpty()) error = body(*m_client);
  emit operationFinished(op, subject, error);
  if (m_client) poll();  // show the effect now rather than at the next tick
}

SnapshotPtr ClusterPoller::buildSnapshot(QString* error) {
  auto md = m_client->RefreshMetadata();
  if (!md.ok()) {
    *error = qs(md.status().ToString());
    return {};
  }
  auto snap = QSharedPointer<ClusterSnapshot>::create();
  snap->taken = QDateTime::currentDateTime();
  snap->bootstrapServers = m_bootstrap;
  snap->clusterId = qs(md->cluster_id.value_or(std::string()));
  snap->controllerId = md->controller_id;
  QStringList warnings;

  // Brokers: the metadata's, then local brokers it does not list (stopped ones).
  QHash<int, int> brokerIndex;
  const QList<LocalClusterController::Broker> local = m_localBrokers ? m_localBrokers() : QList<LocalClusterController::Broker>{};
  QHash<int, bool> localRunning;
  QSet<int> localKilled;
  for (const auto& b : local) {
    localRunning[b.id] = b.running;
    if (b.killed) localKilled.insert(b.id);
  }
  for (const auto& b : md->brokers) {
    BrokerState s;
    s.id = b.id;
    s.host = qs(b.host);
    s.port = b.port;
    s.rack = qs(b.rack.value_or(std::string()));
    s.controller = b.id == md->controller_id;
    s.local = localRunning.contains(b.id);
    // ZooKeeper forgets a killed broker only when its session expires; trust what we know locally.
    s.alive = !s.local || localRunning.value(b.id);
    s.killed = localKilled.contains(b.id);
    snap->brokers.append(s);
  }
  for (const auto& b : local) {
    bool listed = false;
    for (const auto& s : snap->brokers) listed = listed || s.id == b.id;
    if (listed) continue;
    BrokerState s;
    s.id = b.id;
    s.host = QStringLiteral("127.0.0.1");
    s.port = b.port;
    s.local = true;
    s.alive = false;
    s.killed = b.killed;
    snap->brokers.append(s);
  }
  std::sort(snap->brokers.begin(), snap->brokers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (int i = 0; i < snap->brokers.size(); ++i) brokerIndex[snap->brokers[i].id] = i;

  // Offsets of every partition: two ListOffsets rounds (grouped per leader by the client).
  std::vector<TopicPartition> all;
  for (const auto& t : md->topics)
    for (const auto& p : t.partitions) all.push_back(TopicPartition{t.name, PartitionId(p.partition)});
  std::map<std::pair<std::string, int>, std::pair<int64_t, int64_t>> offsets;  // start, end
  std::map<std::pair<std::string, int>, int64_t> stable;                     // LSO
  if (!all.empty()) {
    auto earliest = m_client->ListOffsets(all, client::kEarliestTimestamp);
    auto latest = m_client->ListOffsets(all, client::kLatestTimestamp);
    // A third round with read_committed gives the LSO (KIP-98); a broker without it leaves the LSO unknown.
    auto lso = m_client->ListOffsets(all, client::kLatestTimestamp, client::IsolationLevel::kReadCommitted);
    if (lso.ok())
      for (const auto& o : *lso)
        if (o.status.ok()) stable[{o.tp.topic, int(o.tp.partition.value)}] = o.offset;
    if (earliest.ok())
      for (const auto& o : *earliest)
        if (o.status.ok()) offsets[{o.tp.topic, int(o.tp.partition.value)}].first = o.offset;
    if (latest.ok())
      for (const auto& o : *latest)
        if (o.status.ok()) offsets[{o.tp.topic, int(o.tp.partition.value)}].second = o.offset;
    if (!earliest.ok()) warnings << qs(earliest.status().ToString());
    if (!latest.ok()) warnings << qs(latest.status().ToString());
  }

  // Sizes on disk: every live broker's log dirs.
  std::map<std::pair<std::string, int>, std::map<int, int64_t>> sizes;  // tp -> broker -> bytes
  for (const auto& b : snap->brokers) {
    if (!b.alive) continue;
    auto dirs = m_client->DescribeLogDirs(b.id);
    if (!dirs.ok()) continue;  // older brokers or a broker going away: sizes stay unknown
    for (const auto& dir : *dirs)
      for (const auto& p : dir.partitions)
        if (!p.is_future) sizes[{p.tp.topic, int(p.tp.partition.value)}][b.id] += p.size;
  }

  // Each replica's log end offset, asked of the broker hosting it (Kafka's DEBUGGING_REPLICA_ID ListOffsets):
  // the leader's is the partition's real LEO, the followers' give their lag. HW comes from the leader above.
  std::map<std::pair<std::string, int>, std::map<int, int64_t>> leos;  // tp -> broker -> LEO
  for (const auto& b : snap->brokers) {
    if (!b.alive) continue;
    std::vector<TopicPartition> hosted;
    for (const auto& t : md->topics)
      for (const auto& p : t.partitions)
        if (std::find(p.replicas.begin(), p.replicas.end(), b.id) != p.replicas.end())
          hosted.push_back(TopicPartition{t.name, PartitionId(p.partition)});
    if (hosted.empty()) continue;
    auto ends = m_client->ReplicaLogEndOffsets(b.id, hosted);
    if (!ends.ok()) continue;  // that broker's replicas stay unknown
    for (const auto& o : *ends)
      if (o.status.ok() && o.offset >= 0) leos[{o.tp.topic, int(o.tp.partition.value)}][b.id] = o.offset;
  }

  auto ongoing = m_client->ListPartitionReassignments();
  if (ongoing.ok()) {
    for (const auto& r : *ongoing)
      snap->reassignments.append(ReassignmentState{qs(r.tp.topic), int(r.tp.partition.value), toList(r.replicas),
                                                   toList(r.adding), toList(r.removing)});
  }

  const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
  const double dt = m_lastPollMs > 0 ? (nowMs - m_lastPollMs) / 1000.0 : 0;
  QHash<PartitionRef, Seen> seen;
  seen.reserve(int(all.size()));
  for (const auto& t : md->topics) {
    TopicState topic;
    topic.name = qs(t.name);
    topic.internal = t.is_internal;
    qint64 topicSize = 0;
    bool sizeKnown = false;
    for (const auto& p : t.partitions) {
      PartitionState ps;
      ps.partition = p.partition;
      ps.leader = p.leader;
      ps.leaderEpoch = p.leader_epoch;
      ps.replicas = toList(p.replicas);
      ps.isr = toList(p.isr);
      ps.offline = toList(p.offline);
      // A local broker we stopped may still be listed as leader until the controller notices.
      auto key = std::make_pair(t.name, int(p.partition));
      if (auto it = offsets.find(key); it != offsets.end()) {
        ps.logStartOffset = it->second.first;
        ps.highWatermark = it->second.second;
      }
      if (auto it = stable.find(key); it != stable.end()) ps.lastStableOffset = it->second;
      if (auto it = leos.find(key); it != leos.end()) {
        for (const auto& [broker, leo] : it->second) ps.replicaLogEnd.insert(broker, leo);
        ps.logEndOffset = ps.replicaLogEnd.value(p.leader, -1);
      }
      if (auto it = sizes.find(key); it != sizes.end()) {
        if (auto leaderSize = it->second.find(p.leader); leaderSize != it->second.end()) ps.sizeBytes = leaderSize->second;
        for (const auto& [broker, bytes] : it->second) topicSize += bytes;
        sizeKnown = true;
      }
      // Per-broker counters.
      if (auto bi = brokerIndex.find(p.leader); bi != brokerIndex.end()) snap->brokers[*bi].partitionsLed++;
      // Kafka's UnderReplicatedPartitions metric is per leader: a broker counts the partitions it leads whose ISR
      // is short (an offline partition has no leader and is counted as offline instead).
      if (ps.underReplicated() && !ps.isOffline())
        if (auto bi = brokerIndex.find(p.leader); bi != brokerIndex.end()) snap->brokers[*bi].underReplicated++;

      const PartitionRef ref{topic.name, ps.partition};
      const auto prev = m_seen.constFind(ref);
      if (prev != m_seen.constEnd()) {
        if (dt > 0 && prev->hw >= 0 && ps.highWatermark > prev->hw) {
          const double rate = (ps.highWatermark - prev->hw) / dt;
          if (auto bi = brokerIndex.find(ps.leader); bi != brokerIndex.end()) snap->brokers[*bi].produceRate += rate;
          for (int r : ps.isr)
            if (r != ps.leader)
              if (auto bi = brokerIndex.find(r); bi != brokerIndex.end()) snap->brokers[*bi].fetchRate += rate;
        }
        QList<int> sortedIsr = ps.isr, prevIsr = prev->isr;
        std::sort(sortedIsr.begin(), sortedIsr.end());
        std::sort(prevIsr.begin(), prevIsr.end());
        if (prev->leader != ps.leader || prevIsr != sortedIsr) {
          m_events.append(PartitionEvent{snap->taken, topic.name, ps.partition, ps.leader, ps.isr, prev->leader,
                                         prev->isr});
        }
      }
      seen.insert(ref, Seen{ps.highWatermark, ps.leader, ps.isr});
      topic.partitions.append(ps);
    }
    topic.sizeBytes = sizeKnown ? topicSize : -1;
    snap->topics.append(topic);
  }
  if (m_events.size() > kMaxEvents) m_events.erase(m_events.begin(), m_events.begin() + (m_events.size() - kMaxEvents));
  snap->events = m_events;
  m_seen = std::move(seen);
  m_lastPollMs = nowMs;
  scrapeMetrics(snap.data(), local);
  snap->warning = warnings.join(QLatin1Char('\n'));
  return snap;
}

void ClusterPoller::scrapeMetrics(ClusterSnapshot* snap, const QList<LocalClusterController::Broker>& local) {
  QHash<int, int> localMetricsPort;
  for (const auto& b : local) localMetricsPort.insert(b.id, b.metricsPort);
  for (BrokerState& b : snap->brokers) {
    if (!b.alive) {
      m_metrics.remove(b.id);
      continue;
    }
    MetricsSource& source = m_metrics[b.id];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (localMetricsPort.contains(b.id)) {
      // The app runs this broker: it knows the port (a restarted broker may have bound another).
      source.host = QStringLiteral("127.0.0.1");
      if (source.port != localMetricsPort.value(b.id)) source.haveLast = false;
      source.port = localMetricsPort.value(b.id);
    } else if (source.port == 0 && now - source.discoveredMs >= kMetricsBackoffMs) {
      // Our brokers report metrics.listener (with the port bound); a Kafka broker has no such key.
      source.discoveredMs = now;
      auto entries = m_client->DescribeConfigs({client::ConfigResourceType::kBroker, std::to_string(b.id)},
                                               {"metrics.listener"});
      if (entries.ok())
        for (const auto& e : *entries)
          if (e.name == "metrics.listener" && e.value)
            metricsEndpointFrom(qs(*e.value), b.host, &source.host, &source.port);
    }
    if (source.port <= 0 || now < source.retryAfterMs) continue;
    QString error;
    const QByteArray text = scrapeBrokerMetrics(source.host, source.port, kScrapeTimeoutMs, &error);
    const BrokerMetricsReading reading = parseBrokerMetrics(text, QDateTime::currentMSecsSinceEpoch());
    if (!error.isEmpty() || !reading.bytesInPresent) {
      // Not answering, or not a broker's metrics: this broker falls back to offset deltas for a while.
      source.retryAfterMs = now + kMetricsBackoffMs;
      source.haveLast = false;
      if (!localMetricsPort.contains(b.id)) source.port = 0;  // ask for metrics.listener again then
      continue;
    }
    b.metricsServed = true;
    b.metricsUrl = QStringLiteral("http://%1:%2/metrics").arg(source.host).arg(source.port);
    if (source.haveLast && reading.takenMs > source.last.takenMs) {
      b.metrics = metricsRates(source.last, reading);
      b.metricsRatesKnown = true;
    }
    source.last = reading;
    source.haveLast = true;
  }
}

}  // namespace partita::app
