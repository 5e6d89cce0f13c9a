#include "app/bridge/cluster_worker.h"

#include <QMetaObject>

#include "app/bridge/client_factory.h"
#include "engine/client/cluster_client.h"

namespace partita::app {

struct ClusterWorker::Session {
  std::string servers;
  std::unique_ptr<client::ClusterClient> client;
};

ClusterWorker::ClusterWorker(QObject* parent) : QObject(parent), m_session(std::make_shared<Session>()) {
  m_pool.setMaxThreadCount(1);
  m_pool.setExpiryTimeout(-1);
}

ClusterWorker::~ClusterWorker() {
  m_pool.clear();
  m_pool.waitForDone();
}

void ClusterWorker::setBootstrapServers(const QString& servers) {
  if (servers.trimmed() == m_servers) return;
  m_servers = servers.trimmed();
  ++m_generation;
  m_inFlight = 0;
  m_pool.clear();  // queued requests were meant for the old cluster (they never deliver)
}

void ClusterWorker::run(Work work) {
  if (m_servers.isEmpty()) return;
  const std::string servers = m_servers.toStdString();
  const quint64 generation = m_generation;
  std::shared_ptr<Session> session = m_session;
  ++m_inFlight;
  m_pool.start([this, servers, generation, session, work = std::move(work)] {
    QString error;
    if (!session->client || session->servers != servers) {
      session->client.reset();
      client::ClientOptions options;
      options.connection.connect_timeout_ms = 5000;
      options.connection.request_timeout_ms = 15000;
      auto connected = connectClusterClient(QString::fromStdString(servers), options);
      if (connected.ok()) {
        session->client = std::move(*connected);
        session->servers = servers;
      } else {
        error = tr("Cannot connect to %1: %2")
                    .arg(QString::fromStdString(servers), QString::fromStdString(connected.status().ToString()));
      }
    }
    std::function<void()> answer = work(error.isEmpty() ? session->client.get() : nullptr, error);
    // The destructor waits for this task, so `this` outlives it; the answer runs on the owner's thread.
    QMetaObject::invokeMethod(
        this,
        [this, generation, answer = std::move(answer)] {
          if (generation != m_generation) return;  // for a cluster we left; m_inFlight was reset then
          --m_inFlight;
          if (answer) answer();
        },
        Qt::QueuedConnection);
  });
}

}  // namespace partita::app
