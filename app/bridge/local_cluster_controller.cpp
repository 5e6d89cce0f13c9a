#include "app/bridge/local_cluster_controller.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include "app/cli/registry_urls.h"
#include "engine/cluster/local_cluster.h"

namespace partita::app {
namespace {

// A new data dir with a base port: write the cluster.json LocalCluster reads, so it uses our ports.
QString writeBasePorts(const QString& dataDir, int brokers, int basePort) {
  const QString path = QDir(dataDir).filePath(QStringLiteral("cluster.json"));
  if (basePort <= 0 || QFile::exists(path)) return {};
  if (!QDir().mkpath(dataDir)) return LocalClusterController::tr("cannot create %1").arg(dataDir);
  QJsonObject root;
  root[QStringLiteral("zookeeper_port")] = basePort;
  QJsonArray list;
  for (int id = 1; id <= brokers; ++id)
    list.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("port"), basePort + id}});
  root[QStringLiteral("brokers")] = list;
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0)
    return LocalClusterController::tr("cannot write %1").arg(path);
  return {};
}

}  // namespace

LocalClusterController::LocalClusterController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<BrokerAction>();
  m_worker = std::thread([this] { runTasks(); });
}

LocalClusterController::~LocalClusterController() {
  post([this] {
    if (m_cluster) (void)m_cluster->Stop();
    m_cluster.reset();
  });
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_quit = true;
  }
  m_wake.notify_one();
  m_worker.join();
}

void LocalClusterController::post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_tasks.push_back(std::move(task));
  }
  m_wake.notify_one();
}

void LocalClusterController::runTasks() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_quit || !m_tasks.empty(); });
      if (m_tasks.empty()) return;  // quit, and everything queued before it ran
      task = std::move(m_tasks.front());
      m_tasks.pop_front();
    }
    task();
  }
}

void LocalClusterController::emitLog(const QString& line) {
  QMetaObject::invokeMethod(this, [this, line] { emit logMessage(line); }, Qt::QueuedConnection);
}

void LocalClusterController::refreshBrokersLocked() {
  m_brokers.clear();
  if (!m_cluster) return;
  for (const auto& b : m_cluster->Brokers())
    m_brokers.append(Broker{b.id, b.port, b.running, !b.running && m_killed.contains(b.id), b.metrics_port});
}

bool LocalClusterController::isRunning() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return !m_bootstrapServers.isEmpty();
}

QString LocalClusterController::dataDir() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_dataDir;
}

QString LocalClusterController::bootstrapServers() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_bootstrapServers;
}

QList<LocalClusterController::Broker> LocalClusterController::brokers() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_brokers;
}

QMap<int, QString> LocalClusterController::registryUrls() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_registryUrls;
}

void LocalClusterController::refreshRegistryUrls(int timeoutMs) {
  std::vector<int> running;
  for (const auto& b : m_cluster->Brokers())
    if (b.running) running.push_back(b.id);
  auto urls = cli::ReadRegistryUrls(m_cluster->ZooKeeperConnect(), running, timeoutMs);
  QMap<int, QString> found;
  if (urls.ok()) {
    for (const auto& [id, url] : *urls) found.insert(id, QString::fromStdString(url));
  } else {
    emitLog(tr("Schema Registry not found: %1").arg(QString::fromStdString(urls.status().ToString())));
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_registryUrls = found;
}

QStringList LocalClusterController::logDirs() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  QStringList dirs;
  if (m_dataDir.isEmpty()) return dirs;
  for (int id = 1; id <= m_brokerCount; ++id)
    dirs << QDir(m_dataDir).filePath(QStringLiteral("broker-%1/logs").arg(id));
  return dirs;
}

LocalClusterCredentials LocalClusterController::credentials() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_credentials;
}

void LocalClusterController::start(const QString& dataDir, int brokers, int basePort, bool secured) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_dataDir = dataDir;
    m_brokerCount = brokers;
  }
  post([this, dataDir, brokers, basePort, secured] {
    if (m_cluster) {
      const QString error = tr("A local cluster is already running at %1").arg(bootstrapServers());
      QMetaObject::invokeMethod(this, [this, error] { emit startFailed(error); }, Qt::QueuedConnection);
      return;
    }
    const QString portError = writeBasePorts(dataDir, brokers, basePort);
    if (!portError.isEmpty()) {
      QMetaObject::invokeMethod(this, [this, portError] { emit startFailed(portError); }, Qt::QueuedConnection);
      return;
    }
    emitLog(tr("Starting ZooKeeper and %n broker(s) in %1…", nullptr, brokers).arg(dataDir));
    cluster::LocalCluster::Options options;
    options.data_dir = dataDir.toStdString();
    options.brokers = brokers;
    options.broker_overrides[cli::kRegistryListenersKey] = cli::kLocalRegistryListener;
    options.broker_overrides[cli::kMetricsListenerKey] = cli::kLocalMetricsListener;
    LocalClusterCredentials credentials;
    if (secured) {
      QString error;
      if (!PrepareSecuredLocalCluster(dataDir, &options, &credentials, &error)) {
        emitLog(tr("Start failed: %1").arg(error));
        QMetaObject::invokeMethod(this, [this, error] { emit startFailed(error); }, Qt::QueuedConnection);
        return;
      }
      emitLog(tr("Secured: SASL_SSL listeners, SCRAM-SHA-512 user %1, CA %2").arg(credentials.user, credentials.caFile));
    }
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_credentials = credentials;
    }
    auto result = cluster::LocalCluster::Start(options);
    if (!result.ok()) {
      const QString error = QString::fromStdString(result.status().ToString());
      emitLog(tr("Start failed: %1").arg(error));
      QMetaObject::invokeMethod(this, [this, error] { emit startFailed(error); }, Qt::QueuedConnection);
      return;
    }
    m_cluster = std::move(*result);
    const QString bootstrap = QString::fromStdString(m_cluster->BootstrapServers());
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_bootstrapServers = bootstrap;
      refreshBrokersLocked();
    }
    refreshRegistryUrls(15000);
    if (!registryUrls().isEmpty()) emitLog(tr("Schema Registry at %1").arg(registryUrls().values().join(QStringLiteral(", "))));
    emitLog(tr("ZooKeeper at %1; brokers at %2").arg(QString::fromStdString(m_cluster->ZooKeeperConnect()), bootstrap));
    QMetaObject::invokeMethod(this, [this, bootstrap] { emit started(bootstrap); }, Qt::QueuedConnection);
  });
}

void LocalClusterController::stop() {
  post([this] {
    if (m_cluster) {
      emitLog(tr("Stopping the brokers and ZooKeeper…"));
      (void)m_cluster->Stop();
      m_cluster.reset();
    }
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_bootstrapServers.clear();
      m_brokers.clear();
      m_registryUrls.clear();
      m_killed.clear();
    }
    emitLog(tr("Stopped."));
    QMetaObject::invokeMethod(this, [this] { emit stopped(); }, Qt::QueuedConnection);
  });
}

void LocalClusterController::brokerAction(int brokerId, BrokerAction action) {
  post([this, brokerId, action] {
    Status status = Status::Unavailable("no local cluster runs");
    if (m_cluster) {
      switch (action) {
        case BrokerAction::Start: status = m_cluster->StartBroker(brokerId); break;
        case BrokerAction::Stop: status = m_cluster->StopBroker(brokerId); break;
        case BrokerAction::Kill: status = m_cluster->KillBroker(brokerId); break;
      }
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (status.ok() && action == BrokerAction::Kill) m_killed.insert(brokerId);
        if (status.ok() && action != BrokerAction::Kill) m_killed.remove(brokerId);
        refreshBrokersLocked();
      }
      refreshRegistryUrls(5000);
    }
    const QString error = status.ok() ? QString() : QString::fromStdString(status.ToString());
    static const char* const kVerbs[] = {QT_TR_NOOP("started"), QT_TR_NOOP("stopped"), QT_TR_NOOP("killed")};
    emitLog(error.isEmpty() ? tr("Broker %1 %2.").arg(brokerId).arg(tr(kVerbs[int(action)]))
                            : tr("Broker %1: %2").arg(brokerId).arg(error));
    QMetaObject::invokeMethod(
        this, [this, brokerId, action, error] { emit brokerActionFinished(brokerId, action, error); },
        Qt::QueuedConnection);
  });
}

}  // namespace partita::app
