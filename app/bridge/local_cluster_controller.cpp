#include "app/bridge/local_cluster_controller.h"

#include <QMetaObject>

#include "engine/cluster/local_cluster.h"

namespace partita::app {

LocalClusterController::LocalClusterController(QObject* parent) : QObject(parent) {}

LocalClusterController::~LocalClusterController() {
  joinWorker();
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_cluster) (void)m_cluster->Stop();
}

void LocalClusterController::joinWorker() {
  if (m_worker.joinable()) m_worker.join();
}

bool LocalClusterController::isRunning() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_cluster != nullptr;
}

void LocalClusterController::start(const QString& dataDir, int brokers) {
  joinWorker();
  if (isRunning()) {
    emit startFailed(tr("A local cluster is already running at %1").arg(m_bootstrapServers));
    return;
  }
  cluster::LocalCluster::Options options;
  options.data_dir = dataDir.toStdString();
  options.brokers = brokers;
  m_worker = std::thread([this, options] {
    auto result = cluster::LocalCluster::Start(options);
    if (!result.ok()) {
      const QString error = QString::fromStdString(result.status().ToString());
      QMetaObject::invokeMethod(this, [this, error] { emit startFailed(error); }, Qt::QueuedConnection);
      return;
    }
    const QString bootstrap = QString::fromStdString((*result)->BootstrapServers());
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_cluster = std::move(*result);
    }
    QMetaObject::invokeMethod(
        this,
        [this, bootstrap] {
          m_bootstrapServers = bootstrap;
          emit started(bootstrap);
        },
        Qt::QueuedConnection);
  });
}

void LocalClusterController::stop() {
  joinWorker();
  m_worker = std::thread([this] {
    std::unique_ptr<cluster::LocalCluster> cluster;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      cluster = std::move(m_cluster);
    }
    if (cluster) (void)cluster->Stop();
    QMetaObject::invokeMethod(this, [this] { emit stopped(); }, Qt::QueuedConnection);
  });
}

}  // namespace partita::app
