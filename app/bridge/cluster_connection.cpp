#include "app/bridge/cluster_connection.h"

#include <QMap>
#include <QMetaObject>

#include <map>

#include "app/bridge/client_factory.h"
#include "app/bridge/cluster_poller.h"
#include "app/bridge/schema_registry.h"
#include "engine/client/cluster_client.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/delete_records.h"

namespace partita::app {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString statusText(const Status& s) { return s.ok() ? QString() : qs(s.ToString()); }

// The first failed item of a batch call, or the call's own failure.
template <class T>
QString firstError(const Result<std::vector<T>>& result) {
  if (!result.ok()) return statusText(result.status());
  for (const auto& item : *result)
    if (!item.status.ok()) return statusText(item.status);
  return {};
}

std::vector<TopicPartition> toTps(const QList<PartitionRef>& refs) {
  std::vector<TopicPartition> tps;
  for (const auto& [topic, partition] : refs) tps.push_back(TopicPartition{topic.toStdString(), PartitionId(partition)});
  return tps;
}

// DescribeConfigs of one resource as ConfigValues; the error text is empty on success.
QString describeConfigs(client::ClusterClient& c, const client::ConfigResource& resource, QList<ConfigValue>* values) {
  auto entries = c.DescribeConfigs(resource);
  if (!entries.ok()) return statusText(entries.status());
  for (const auto& e : *entries)
    values->append(ConfigValue{qs(e.name), qs(e.value.value_or(std::string())),
                               QString::fromLatin1(client::ConfigSourceName(e.source)), e.read_only, e.is_default,
                               e.is_sensitive});
  return {};
}

QString alterConfigs(client::ClusterClient& c, const client::ConfigResource& resource,
                     const QList<QPair<QString, QString>>& set, const QStringList& remove) {
  std::vector<client::ConfigOp> ops;
  for (const auto& [k, v] : set) ops.push_back(client::ConfigOp{k.toStdString(), v.toStdString(), client::ConfigOp::Type::kSet});
  for (const auto& k : remove)
    ops.push_back(client::ConfigOp{k.toStdString(), std::nullopt, client::ConfigOp::Type::kDelete});
  return statusText(c.IncrementalAlterConfigs(resource, ops));
}

// Kafka's replication throttle keys (kafka-reassign-partitions --throttle; KIP-73).
const char* const kRateKeys[] = {"leader.replication.throttled.rate", "follower.replication.throttled.rate"};
const char* const kReplicaListKeys[] = {"leader.replication.throttled.replicas",
                                        "follower.replication.throttled.replicas"};

void registerTypes() {
  qRegisterMetaType<SnapshotPtr>();
  qRegisterMetaType<ClusterConnection::State>();
  qRegisterMetaType<ClusterConnection::Operation>();
  qRegisterMetaType<ConfigValue>();
  qRegisterMetaType<QList<ConfigValue>>();
}

}  // namespace

ClusterConnection::ClusterConnection(const QString& name, const QString& bootstrapServers, QObject* parent)
    : ClusterConnection(ConnectionProfile{name, bootstrapServers, {}, false}, parent) {}

ClusterConnection::ClusterConnection(const ConnectionProfile& profile, QObject* parent)
    : QObject(parent), m_name(profile.name), m_kind(Kind::Remote), m_profile(profile) {
  init();
}

void ClusterConnection::setProfile(const ConnectionProfile& profile) {
  if (m_kind != Kind::Remote || profile == m_profile) return;
  const bool running = m_poller != nullptr;
  if (running) stopPoller();
  m_profile = profile;
  m_name = profile.name;
  m_snapshot.reset();
  updateRegistryEndpoint();
  if (running) {
    m_state = State::Idle;
    open();
  } else {
    emit stateChanged(m_state, m_stateDetail);  // the name and where it points changed
  }
}

LocalClusterCredentials ClusterConnection::localCredentials() const {
  return m_controller != nullptr && m_controller->isRunning() ? m_controller->credentials() : LocalClusterCredentials();
}

bool ClusterConnection::needsPassword() const {
  return m_kind == Kind::Remote && m_profile.security.usesSasl() && m_profile.security.password.isEmpty();
}

ClusterConnection::ClusterConnection(const QString& name, const LocalOptions& local, QObject* parent)
    : QObject(parent), m_name(name), m_kind(Kind::Local), m_local(local) {
  init();
  m_controller = new LocalClusterController(this);
  connect(m_controller, &LocalClusterController::logMessage, this, &ClusterConnection::logMessage);
  connect(m_controller, &LocalClusterController::started, this, [this](const QString& bootstrap) {
    // Pages know a cluster by its bootstrap list: a secured one's clients log in as its admin.
    const LocalClusterCredentials credentials = m_controller->credentials();
    if (credentials.isSet()) registerSecurity(bootstrap, credentials.security());
    updateRegistryEndpoint();
    startPoller(bootstrap);
  });
  connect(m_controller, &LocalClusterController::startFailed, this,
          [this](const QString& error) { setState(State::Failed, error); });
  connect(m_controller, &LocalClusterController::stopped, this, [this] { setState(State::Stopped); });
  connect(m_controller, &LocalClusterController::brokerActionFinished, this,
          [this](int id, LocalClusterController::BrokerAction action, const QString& error) {
            static const Operation kOps[] = {Operation::StartBroker, Operation::StopBroker, Operation::KillBroker};
            updateRegistryEndpoint();
            emit operationFinished(kOps[int(action)], tr("broker %1").arg(id), error);
            refreshNow();
          });
}

void ClusterConnection::init() {
  registerTypes();
  m_thread.setObjectName(QStringLiteral("poller:%1").arg(m_name));
  m_registry = new SchemaRegistry(this);
  m_registry->setLocalSchemas(ReadLocalSchemas(m_name));
  updateRegistryEndpoint();
}

void ClusterConnection::setLocalSchemas(const LocalSchemaMap& schemas) {
  WriteLocalSchemas(m_name, schemas);
  m_registry->setLocalSchemas(schemas);
}

QMap<int, QString> ClusterConnection::localRegistryUrls() const {
  return m_controller != nullptr ? m_controller->registryUrls() : QMap<int, QString>();
}

void ClusterConnection::updateRegistryEndpoint() {
  if (m_kind == Kind::Remote) {
    RegistryEndpoint endpoint = m_profile.schemaRegistry;
    // A company's registry is usually signed by the same CA as its brokers.
    if (endpoint.caFile.isEmpty() && m_profile.security.usesTls()) endpoint.caFile = m_profile.security.caFile;
    m_registry->setEndpoint(endpoint);
    return;
  }
  const QMap<int, QString> urls = localRegistryUrls();
  const QString current = m_registry->endpoint().url;
  RegistryEndpoint endpoint;
  // Keep the broker in use while it serves; else any running broker's (they all serve the same registry).
  endpoint.url = !current.isEmpty() && urls.values().contains(current) ? current : urls.isEmpty() ? QString() : urls.first();
  // A secured local cluster's registry speaks https with the cluster's CA and takes its admin's basic auth.
  const LocalClusterCredentials credentials = localCredentials();
  if (credentials.isSet()) {
    endpoint.user = credentials.user;
    endpoint.password = credentials.password;
    endpoint.caFile = credentials.caFile;
  }
  m_registry->setEndpoint(endpoint);
}

ClusterConnection::~ClusterConnection() {
  stopPoller();
  // m_controller (a child) stops the local cluster in its destructor.
}

void ClusterConnection::stopPoller() {
  if (m_poller != nullptr) {
    // Deleted on its own thread (its timer belongs there); waits for a poll in progress to return.
    ClusterPoller* poller = m_poller;
    m_poller = nullptr;
    QMetaObject::invokeMethod(poller, [poller] { delete poller; }, Qt::BlockingQueuedConnection);
  }
  m_thread.quit();
  m_thread.wait();
}

QString ClusterConnection::bootstrapServers() const {
  if (m_kind == Kind::Remote) return m_profile.bootstrapServers;
  return m_controller->bootstrapServers();
}

QStringList ClusterConnection::localLogDirs() const {
  return m_controller != nullptr ? m_controller->logDirs() : QStringList();
}

void ClusterConnection::setState(State state, const QString& detail) {
  if (m_state == state && m_stateDetail == detail) return;
  m_state = state;
  m_stateDetail = detail;
  emit stateChanged(state, detail);
}

void ClusterConnection::open() {
  if (m_state == State::Starting || m_state == State::Connecting || m_state == State::Connected) return;
  if (m_kind == Kind::Local) {
    setState(State::Starting);
    m_controller->start(m_local.dataDir, m_local.brokers, m_local.basePort, m_local.secured);
  } else {
    registerSecurity(m_profile.bootstrapServers, m_profile.security);
    startPoller(m_profile.bootstrapServers);
  }
}

void ClusterConnection::close() {
  stopPoller();
  m_snapshot.reset();
  if (m_kind == Kind::Local && m_controller->isRunning()) {
    m_controller->stop();  // stateChanged(Stopped) follows
  } else {
    setState(State::Stopped);
  }
}

void ClusterConnection::startPoller(const QString& bootstrap) {
  if (m_poller != nullptr) return;
  setState(State::Connecting, bootstrap);
  std::function<QList<LocalClusterController::Broker>()> local;
  if (m_controller != nullptr) local = [c = m_controller] { return c->brokers(); };
  m_poller = new ClusterPoller(bootstrap, local);
  m_poller->moveToThread(&m_thread);
  connect(m_poller, &ClusterPoller::connected, this,
          [this](const QString& servers) { setState(State::Connected, servers); });
  connect(m_poller, &ClusterPoller::connectionFailed, this,
          [this](const QString& error) { setState(State::Failed, error); });
  connect(m_poller, &ClusterPoller::snapshotReady, this, [this](const SnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    if (m_throttleArmed && snapshot->reassignments.isEmpty()) clearThrottles();
    if (m_state != State::Connected) setState(State::Connected, snapshot->bootstrapServers);
    emit snapshotReady(snapshot);
  });
  connect(m_poller, &ClusterPoller::operationFinished, this,
          [this](Operation op, const QString& subject, const QString& error) {
            // Throttles come off only after the reassignment they were set for was accepted (a snapshot taken
            // before it would show none in progress).
            if (op == Operation::Reassign && !m_throttledBrokers.isEmpty()) {
              if (error.isEmpty()) m_throttleArmed = true;
              else clearThrottles();
            }
            emit operationFinished(op, subject, error);
          });
  connect(m_poller, &ClusterPoller::topicConfigs, this, &ClusterConnection::topicConfigs);
  connect(m_poller, &ClusterPoller::brokerConfigs, this, &ClusterConnection::brokerConfigs);
  m_thread.start();
  const int interval = m_refreshMs;
  QMetaObject::invokeMethod(m_poller, [p = m_poller, interval] { p->startPolling(interval); });
}

template <class F>
void ClusterConnection::onWorker(F&& f) {
  if (m_poller == nullptr) return;
  QMetaObject::invokeMethod(m_poller, std::forward<F>(f));
}

void ClusterConnection::setRefreshInterval(int milliseconds) {
  m_refreshMs = std::max(500, milliseconds);
  onWorker([p = m_poller, ms = m_refreshMs] { p->setInterval(ms); });
}

void ClusterConnection::refreshNow() {
  onWorker([p = m_poller] { p->poll(); });
}

void ClusterConnection::createTopic(const TopicSpec& spec) {
  if (m_poller == nullptr) {
    emit operationFinished(Operation::CreateTopic, spec.name, tr("Not connected"));
    return;
  }
  onWorker([p = m_poller, spec] {
    p->run(Operation::CreateTopic, spec.name, [spec](client::ClusterClient& c) {
      client::NewTopic topic;
      topic.name = spec.name.toStdString();
      topic.partitions = spec.partitions;
      topic.replication_factor = int16_t(spec.replicationFactor);
      for (const auto& [k, v] : spec.configs) topic.configs.emplace_back(k.toStdString(), v.toStdString());
      return statusText(c.CreateTopic(topic));
    });
  });
}

void ClusterConnection::deleteTopic(const QString& topic) {
  onWorker([p = m_poller, topic] {
    p->run(Operation::DeleteTopic, topic,
           [topic](client::ClusterClient& c) { return statusText(c.DeleteTopic(topic.toStdString())); });
  });
}

void ClusterConnection::addPartitions(const QString& topic, int totalCount) {
  onWorker([p = m_poller, topic, totalCount] {
    p->run(Operation::AddPartitions, topic, [topic, totalCount](client::ClusterClient& c) {
      return statusText(c.CreatePartitions(topic.toStdString(), totalCount));
    });
  });
}

void ClusterConnection::describeTopicConfigs(const QString& topic) {
  onWorker([p = m_poller, topic] {
    QList<ConfigValue> values;
    QString error;
    p->run(Operation::DescribeConfigs, topic, [&](client::ClusterClient& c) {
      return error = describeConfigs(c, {client::ConfigResourceType::kTopic, topic.toStdString()}, &values);
    });
    emit p->topicConfigs(topic, values, error);
  });
}

void ClusterConnection::alterTopicConfigs(const QString& topic, const QList<QPair<QString, QString>>& set,
                                          const QStringList& remove) {
  onWorker([p = m_poller, topic, set, remove] {
    p->run(Operation::AlterConfigs, topic, [&](client::ClusterClient& c) {
      return alterConfigs(c, {client::ConfigResourceType::kTopic, topic.toStdString()}, set, remove);
    });
  });
}

void ClusterConnection::describeBrokerConfigs(int brokerId) {
  if (m_poller == nullptr) {
    emit brokerConfigs(brokerId, {}, tr("Not connected"));
    return;
  }
  const QString subject = tr("broker %1").arg(brokerId);
  onWorker([p = m_poller, brokerId, subject] {
    QList<ConfigValue> values;
    QString error;
    p->run(Operation::DescribeConfigs, subject, [&](client::ClusterClient& c) {
      return error = describeConfigs(c, {client::ConfigResourceType::kBroker, std::to_string(brokerId)}, &values);
    });
    emit p->brokerConfigs(brokerId, values, error);
  });
}

void ClusterConnection::alterBrokerConfigs(int brokerId, const QList<QPair<QString, QString>>& set,
                                           const QStringList& remove) {
  const QString subject = tr("broker %1").arg(brokerId);
  onWorker([p = m_poller, brokerId, subject, set, remove] {
    p->run(Operation::AlterConfigs, subject, [&](client::ClusterClient& c) {
      return alterConfigs(c, {client::ConfigResourceType::kBroker, std::to_string(brokerId)}, set, remove);
    });
  });
}

void ClusterConnection::deleteRecords(const QList<RecordsDeletion>& deletions) {
  const QString subject = tr("%n partition(s)", nullptr, int(deletions.size()));
  if (m_poller == nullptr) {
    emit operationFinished(Operation::DeleteRecords, subject, tr("Not connected"));
    return;
  }
  onWorker([p = m_poller, subject, deletions] {
    p->run(Operation::DeleteRecords, subject, [&](client::ClusterClient& c) -> QString {
      // DeleteRecords goes to each partition's leader (Kafka answers NOT_LEADER_OR_FOLLOWER elsewhere).
      auto md = c.RefreshMetadata();
      if (!md.ok()) return statusText(md.status());
      std::map<int32_t, std::map<std::string, std::vector<std::pair<int32_t, int64_t>>>> byLeader;
      for (const RecordsDeletion& d : deletions) {
        const client::TopicInfo* t = md->FindTopic(d.topic.toStdString());
        const client::PartitionInfo* part = nullptr;
        if (t != nullptr)
          for (const auto& pi : t->partitions)
            if (pi.partition == d.partition) part = &pi;
        if (part == nullptr || part->leader < 0)
          return ClusterConnection::tr("%1-%2 has no leader").arg(d.topic).arg(d.partition);
        byLeader[part->leader][d.topic.toStdString()].push_back({d.partition, d.offset});
      }
      for (const auto& [leader, topics] : byLeader) {
        protocol::DeleteRecordsRequest req;
        req.timeout_ms = 30000;
        for (const auto& [topic, parts] : topics) {
          auto& rt = req.topics.emplace_back();
          rt.name = topic;
          for (const auto& [partition, offset] : parts) {
            auto& rp = rt.partitions.emplace_back();
            rp.partition_index = partition;
            rp.offset = offset;
          }
        }
        auto resp = c.SendToBroker<protocol::DeleteRecordsRequest, protocol::DeleteRecordsResponse>(leader, req);
        if (!resp.ok()) return statusText(resp.status());
        for (const auto& rt : resp->topics)
          for (const auto& rp : rt.partitions)
            if (rp.error_code != 0)
              return QStringLiteral("%1-%2: %3")
                  .arg(qs(rt.name))
                  .arg(rp.partition_index)
                  .arg(QString::fromLatin1(protocol::ErrorCodeName(protocol::ErrorCode(rp.error_code))));
      }
      return {};
    });
  });
}

void ClusterConnection::clearThrottles() {
  const QStringList topics = m_throttledTopics;
  const QList<int> brokers = m_throttledBrokers;
  m_throttledTopics.clear();
  m_throttledBrokers.clear();
  m_throttleArmed = false;
  if (brokers.isEmpty()) return;
  onWorker([p = m_poller, topics, brokers] {
    p->run(Operation::ClearThrottle, ClusterConnection::tr("%n broker(s)", nullptr, int(brokers.size())),
           [&](client::ClusterClient& c) {
             for (const QString& t : topics) {
               QString error = alterConfigs(c, {client::ConfigResourceType::kTopic, t.toStdString()}, {},
                                            {QLatin1String(kReplicaListKeys[0]), QLatin1String(kReplicaListKeys[1])});
               if (!error.isEmpty()) return error;
             }
             for (int b : brokers) {
               QString error = alterConfigs(c, {client::ConfigResourceType::kBroker, std::to_string(b)}, {},
                                            {QLatin1String(kRateKeys[0]), QLatin1String(kRateKeys[1])});
               if (!error.isEmpty()) return error;
             }
             return QString();
           });
  });
}

void ClusterConnection::electLeaders(bool unclean, const QList<PartitionRef>& partitions) {
  const Operation op = unclean ? Operation::ElectUnclean : Operation::ElectPreferred;
  const QString subject = tr("%n partition(s)", nullptr, int(partitions.size()));
  onWorker([p = m_poller, op, subject, unclean, partitions] {
    p->run(op, subject, [&](client::ClusterClient& c) {
      return firstError(c.ElectLeaders(unclean ? client::ElectionType::kUnclean : client::ElectionType::kPreferred,
                                       toTps(partitions)));
    });
  });
}

void ClusterConnection::executeReassignment(const QList<PlannedReassignment>& plan, qint64 throttleBytesPerSec) {
  const QString subject = tr("%n partition(s)", nullptr, int(plan.size()));
  if (throttleBytesPerSec > 0 && m_snapshot) {
    // Kafka's throttles for a move: on each topic the leader side throttles every current replica ("p:b": any of
    // them may lead while data is copied) and the follower side the replicas being added; the rate goes on
    // every broker holding a current or a new replica.
    QMap<QString, QPair<QStringList, QStringList>> lists;  // topic -> (leader, follower)
    QList<int> brokers;
    for (const auto& r : plan) {
      const TopicState* topic = m_snapshot->findTopic(r.topic);
      if (topic == nullptr || r.partition >= topic->partitions.size()) continue;
      const QList<int> now = topic->partitions[r.partition].replicas;
      auto& [leader, follower] = lists[r.topic];
      for (int b : now) leader << QStringLiteral("%1:%2").arg(r.partition).arg(b);
      for (int b : r.replicas)
        if (!now.contains(b)) follower << QStringLiteral("%1:%2").arg(r.partition).arg(b);
      for (int b : now + r.replicas)
        if (!brokers.contains(b)) brokers << b;
    }
    m_throttledTopics = lists.keys();
    m_throttledBrokers = brokers;
    m_throttleArmed = false;
    const QString rate = QString::number(throttleBytesPerSec);
    onWorker([p = m_poller, lists, brokers, rate] {
      p->run(Operation::SetThrottle, ClusterConnection::tr("%1 B/s").arg(rate), [&](client::ClusterClient& c) {
        for (auto it = lists.begin(); it != lists.end(); ++it) {
          QString error = alterConfigs(c, {client::ConfigResourceType::kTopic, it.key().toStdString()},
                                       {{QLatin1String(kReplicaListKeys[0]), it.value().first.join(QLatin1Char(','))},
                                        {QLatin1String(kReplicaListKeys[1]), it.value().second.join(QLatin1Char(','))}},
                                       {});
          if (!error.isEmpty()) return error;
        }
        for (int b : brokers) {
          QString error = alterConfigs(c, {client::ConfigResourceType::kBroker, std::to_string(b)},
                                       {{QLatin1String(kRateKeys[0]), rate}, {QLatin1String(kRateKeys[1]), rate}}, {});
          if (!error.isEmpty()) return error;
        }
        return QString();
      });
    });
  }
  onWorker([p = m_poller, subject, plan] {
    p->run(Operation::Reassign, subject, [&](client::ClusterClient& c) {
      std::vector<client::Reassignment> list;
      for (const auto& r : plan)
        list.push_back(client::Reassignment{TopicPartition{r.topic.toStdString(), PartitionId(r.partition)},
                                            std::vector<int32_t>(r.replicas.begin(), r.replicas.end())});
      return firstError(c.AlterPartitionReassignments(list));
    });
  });
}

void ClusterConnection::cancelReassignment(const QList<PartitionRef>& partitions) {
  const QString subject = tr("%n partition(s)", nullptr, int(partitions.size()));
  onWorker([p = m_poller, subject, partitions] {
    p->run(Operation::CancelReassignment, subject, [&](client::ClusterClient& c) {
      std::vector<client::Reassignment> list;
      for (const auto& tp : toTps(partitions)) list.push_back(client::Reassignment{tp, std::nullopt});
      return firstError(c.AlterPartitionReassignments(list));
    });
  });
}

void ClusterConnection::brokerAction(int brokerId, LocalClusterController::BrokerAction action) {
  if (m_controller == nullptr) {
    static const Operation kOps[] = {Operation::StartBroker, Operation::StopBroker, Operation::KillBroker};
    emit operationFinished(kOps[int(action)], tr("broker %1").arg(brokerId),
                           tr("Only brokers of a local cluster can be started or stopped from here."));
    return;
  }
  m_controller->brokerAction(brokerId, action);
}

QString ClusterConnection::operationName(Operation op) {
  switch (op) {
    case Operation::CreateTopic: return tr("Create topic");
    case Operation::DeleteTopic: return tr("Delete topic");
    case Operation::AddPartitions: return tr("Add partitions");
    case Operation::AlterConfigs: return tr("Edit configs");
    case Operation::DescribeConfigs: return tr("Read configs");
    case Operation::ElectPreferred: return tr("Elect preferred leader");
    case Operation::ElectUnclean: return tr("Elect unclean leader");
    case Operation::Reassign: return tr("Reassign partitions");
    case Operation::CancelReassignment: return tr("Cancel reassignment");
    case Operation::StartBroker: return tr("Start broker");
    case Operation::StopBroker: return tr("Stop broker");
    case Operation::KillBroker: return tr("Kill broker");
    case Operation::DeleteRecords: return tr("Delete records");
    case Operation::SetThrottle: return tr("Set replication throttle");
    case Operation::ClearThrottle: return tr("Remove replication throttle");
  }
  return {};
}

}  // namespace partita::app
