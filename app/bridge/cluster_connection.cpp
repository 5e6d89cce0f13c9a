#include "app/bridge/cluster_connection.h"

#include <QMetaObject>

#include "app/bridge/client_factory.h"
#include "app/bridge/cluster_poller.h"
#include "engine/client/cluster_client.h"

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
  if (running) {
    m_state = State::Idle;
    open();
  } else {
    emit stateChanged(m_state, m_stateDetail);  // the name and where it points changed
  }
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
    startPoller(bootstrap);
  });
  connect(m_controller, &LocalClusterController::startFailed, this,
          [this](const QString& error) { setState(State::Failed, error); });
  connect(m_controller, &LocalClusterController::stopped, this, [this] { setState(State::Stopped); });
  connect(m_controller, &LocalClusterController::brokerActionFinished, this,
          [this](int id, LocalClusterController::BrokerAction action, const QString& error) {
            static const Operation kOps[] = {Operation::StartBroker, Operation::StopBroker, Operation::KillBroker};
            emit operationFinished(kOps[int(action)], tr("broker %1").arg(id), error);
            refreshNow();
          });
}

void ClusterConnection::init() {
  registerTypes();
  m_thread.setObjectName(QStringLiteral("poller:%1").arg(m_name));
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
    m_controller->start(m_local.dataDir, m_local.brokers, m_local.basePort);
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
    if (m_state != State::Connected) setState(State::Connected, snapshot->bootstrapServers);
    emit snapshotReady(snapshot);
  });
  connect(m_poller, &ClusterPoller::operationFinished, this, &ClusterConnection::operationFinished);
  connect(m_poller, &ClusterPoller::topicConfigs, this, &ClusterConnection::topicConfigs);
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
      auto entries = c.DescribeConfigs(client::ConfigResource{client::ConfigResourceType::kTopic, topic.toStdString()});
      if (!entries.ok()) return error = statusText(entries.status());
      for (const auto& e : *entries)
        values.append(ConfigValue{qs(e.name), qs(e.value.value_or(std::string())),
                                  QString::fromLatin1(client::ConfigSourceName(e.source)), e.read_only, e.is_default,
                                  e.is_sensitive});
      return QString();
    });
    emit p->topicConfigs(topic, values, error);
  });
}

void ClusterConnection::alterTopicConfigs(const QString& topic, const QList<QPair<QString, QString>>& set,
                                          const QStringList& remove) {
  onWorker([p = m_poller, topic, set, remove] {
    p->run(Operation::AlterConfigs, topic, [&](client::ClusterClient& c) {
      std::vector<client::ConfigOp> ops;
      for (const auto& [k, v] : set)
        ops.push_back(client::ConfigOp{k.toStdString(), v.toStdString(), client::ConfigOp::Type::kSet});
      for (const auto& k : remove)
        ops.push_back(client::ConfigOp{k.toStdString(), std::nullopt, client::ConfigOp::Type::kDelete});
      return statusText(c.IncrementalAlterConfigs(
          client::ConfigResource{client::ConfigResourceType::kTopic, topic.toStdString()}, ops));
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

void ClusterConnection::executeReassignment(const QList<PlannedReassignment>& plan) {
  const QString subject = tr("%n partition(s)", nullptr, int(plan.size()));
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
  }
  return {};
}

}  // namespace partita::app
