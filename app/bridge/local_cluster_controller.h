// LocalClusterController: runs an embedded local cluster (ZooKeeper + in-process brokers) for the desktop app.
// Starting and stopping take seconds (ZooKeeper is a Java process), so every operation — start, stop, and
// stop/kill/start of one broker — is queued to one worker thread that owns the engine's LocalCluster, and
// reports through signals; the GUI thread never waits (except in the destructor, at application exit).
// brokers() and logDirs() are thread-safe copies, so the ClusterConnection poller can read them.
// Thread safety: call the methods from the GUI thread; signals are emitted on the GUI thread.
#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app/bridge/local_cluster_security.h"

namespace partita::cluster {
class LocalCluster;
}

namespace partita::app {

class LocalClusterController : public QObject {
  Q_OBJECT

 public:
  struct Broker {
    int id = 0;
    int port = 0;
    bool running = false;
    // Ended by Kill (a crash: its ZooKeeper session is left to expire) rather than by a clean Stop.
    bool killed = false;
    int metricsPort = 0;  // its Prometheus endpoint on 127.0.0.1 (metrics.listener); 0 when not served
  };
  enum class BrokerAction { Start, Stop, Kill };

  explicit LocalClusterController(QObject* parent = nullptr);
  ~LocalClusterController() override;  // stops the cluster cleanly (blocks: used at application exit)

  // Starts a cluster with its data in `dataDir` (created if needed; an existing one keeps its data and ports).
  // basePort > 0 on a new data dir: ZooKeeper on basePort, broker i on basePort + i; 0 picks free ports.
  // secured: SASL_SSL + SCRAM-SHA-512 listeners with a generated CA (local_cluster_security.h).
  void start(const QString& dataDir, int brokers, int basePort = 0, bool secured = false);
  void stop();
  void brokerAction(int brokerId, BrokerAction action);

  bool isRunning() const;
  QString dataDir() const;
  QString bootstrapServers() const;
  QList<Broker> brokers() const;  // empty when no cluster runs
  // The log dir of every broker (<data>/broker-<id>/logs), whether it runs or not.
  QStringList logDirs() const;
  // The Schema Registry every running broker serves (on by default, a free loopback port each; issue 15):
  // broker id -> "http://127.0.0.1:port". Read after the start and after each broker action.
  QMap<int, QString> registryUrls() const;
  // A secured cluster's admin credentials and CA file, set before started() (empty for a plaintext one).
  LocalClusterCredentials credentials() const;

 signals:
  void started(const QString& bootstrapServers);
  void startFailed(const QString& error);
  void stopped();
  void brokerActionFinished(int brokerId, partita::app::LocalClusterController::BrokerAction action,
                            const QString& error);  // error empty on success
  void logMessage(const QString& line);

 private:
  void post(std::function<void()> task);
  void runTasks();
  void refreshBrokersLocked();  // worker: copies the cluster's broker list under m_mutex
  void refreshRegistryUrls(int timeoutMs);  // worker: reads the running brokers' registry URLs
  void emitLog(const QString& line);

  std::unique_ptr<cluster::LocalCluster> m_cluster;  // worker thread only
  mutable std::mutex m_mutex;                        // guards the fields below
  QString m_dataDir;
  QString m_bootstrapServers;
  QList<Broker> m_brokers;
  QMap<int, QString> m_registryUrls;
  LocalClusterCredentials m_credentials;
  int m_brokerCount = 0;
  QSet<int> m_killed;  // brokers whose last action was Kill
  std::deque<std::function<void()>> m_tasks;
  bool m_quit = false;
  std::condition_variable m_wake;
  std::thread m_worker;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::LocalClusterController::BrokerAction)
