// LocalClusterController: runs an embedded local cluster (ZooKeeper + in-process brokers) for the desktop app.
// Starting and stopping take seconds (ZooKeeper is a Java process), so both run on a worker thread and report
// through signals; the GUI thread never waits. Owns the engine's LocalCluster.
// Thread safety: call from the GUI thread; signals are emitted on the GUI thread.
#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <mutex>
#include <thread>

namespace partita::cluster {
class LocalCluster;
}

namespace partita::app {

class LocalClusterController : public QObject {
  Q_OBJECT

 public:
  explicit LocalClusterController(QObject* parent = nullptr);
  ~LocalClusterController() override;  // stops the cluster cleanly (blocks: used at application exit)

  // Starts a cluster with its data in `dataDir` (created if needed; an existing one keeps its data and ports).
  void start(const QString& dataDir, int brokers);
  void stop();
  bool isRunning() const;
  QString bootstrapServers() const { return m_bootstrapServers; }

 signals:
  void started(const QString& bootstrapServers);
  void startFailed(const QString& error);
  void stopped();

 private:
  void joinWorker();
  std::unique_ptr<cluster::LocalCluster> m_cluster;  // touched by the worker only while it runs
  mutable std::mutex m_mutex;
  std::thread m_worker;
  QString m_bootstrapServers;
};

}  // namespace partita::app
