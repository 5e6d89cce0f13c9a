// ClusterWorker: the bridge objects' way to talk to a cluster off the GUI thread. Owns one ClusterClient for a
// bootstrap list (connected lazily, with the security registered for it, see client_factory.h) and runs every
// request on its own single worker thread, one after the other. run() takes the work to do there and the work
// returns what to do with the answer on the GUI thread; answers for an older bootstrap list are dropped.
// Used by TransactionMonitor and AclMonitor.
// Lifetime: the destructor drops queued work and waits for the request in progress.
// Thread safety: call from the GUI thread (the owner's); results run on it.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <functional>
#include <memory>

namespace partita::client {
class ClusterClient;
}

namespace partita::app {

class ClusterWorker : public QObject {
  Q_OBJECT

 public:
  // On the worker: the client (nullptr with `error` when the cluster cannot be reached) → what the GUI gets.
  using Work = std::function<std::function<void()>(client::ClusterClient* client, const QString& error)>;

  explicit ClusterWorker(QObject* parent = nullptr);
  ~ClusterWorker() override;

  // "host:port,..."; empty disconnects. Queued work for the old list is dropped.
  void setBootstrapServers(const QString& servers);
  QString bootstrapServers() const { return m_servers; }
  bool busy() const { return m_inFlight > 0; }

  // Does nothing without a bootstrap list.
  void run(Work work);

 private:
  struct Session;
  QString m_servers;
  quint64 m_generation = 0;
  int m_inFlight = 0;
  std::shared_ptr<Session> m_session;
  QThreadPool m_pool;
};

}  // namespace partita::app
