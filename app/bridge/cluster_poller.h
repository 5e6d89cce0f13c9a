// ClusterPoller: the worker half of a ClusterConnection. Lives on the connection's QThread, owns the engine's
// blocking ClusterClient, polls on a timer and runs queued operations; everything it learns leaves as signals
// carrying values (queued to the GUI thread). Keeps the state a single snapshot cannot: the previous offsets (for
// throughput) and the leader/ISR change history. Thread safety: its thread only (except construction).
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

#include "app/bridge/broker_metrics_scrape.h"
#include "app/bridge/cluster_connection.h"

namespace partita::client {
class ClusterClient;
}

namespace partita::app {

class ClusterPoller : public QObject {
  Q_OBJECT

 public:
  // localBrokers: thread-safe view of the local cluster's brokers (empty function for remote clusters).
  ClusterPoller(QString bootstrap, std::function<QList<LocalClusterController::Broker>()> localBrokers);
  ~ClusterPoller() override;

  // Worker thread, via QMetaObject::invokeMethod.
  void startPolling(int intervalMs);
  void setInterval(int intervalMs);
  void poll();
  // Runs `op` with a connected client; failure to connect becomes the operation's error.
  void run(ClusterConnection::Operation op, const QString& subject,
           const std::function<QString(client::ClusterClient&)>& op_body);
  client::ClusterClient* client() { return m_client.get(); }

 signals:
  void connected(const QString& bootstrap);
  void connectionFailed(const QString& error);
  void snapshotReady(const partita::app::SnapshotPtr& snapshot);
  void operationFinished(partita::app::ClusterConnection::Operation op, const QString& subject, const QString& error);
  void topicConfigs(const QString& topic, const QList<partita::app::ConfigValue>& configs, const QString& error);
  void brokerConfigs(int brokerId, const QList<partita::app::ConfigValue>& configs, const QString& error);

 private:
  QString ensureClient();  // error text, empty when connected
  SnapshotPtr buildSnapshot(QString* error);
  // Scrapes the /metrics of every live broker whose endpoint is known (local brokers: from the controller;
  // others: their metrics.listener through DescribeConfigs) and fills the brokers' metrics fields.
  void scrapeMetrics(ClusterSnapshot* snap, const QList<LocalClusterController::Broker>& local);

  const QString m_bootstrap;
  std::function<QList<LocalClusterController::Broker>()> m_localBrokers;
  std::unique_ptr<client::ClusterClient> m_client;
  QTimer* m_timer = nullptr;
  bool m_connected = false;
  // From the previous poll: high watermark, leader and ISR per partition, and when.
  struct Seen {
    qint64 hw = -1;
    int leader = -1;
    QList<int> isr;
  };
  QHash<PartitionRef, Seen> m_seen;
  qint64 m_lastPollMs = 0;
  QList<PartitionEvent> m_events;
  // Per broker id: its metrics endpoint and the previous scrape (for rates).
  struct MetricsSource {
    QString host;
    int port = 0;              // 0: unknown or not served
    qint64 discoveredMs = 0;   // when metrics.listener was last asked for (remote brokers)
    qint64 retryAfterMs = 0;   // an endpoint that failed is not tried again before this
    bool haveLast = false;
    BrokerMetricsReading last;
  };
  QHash<int, MetricsSource> m_metrics;
};

}  // namespace partita::app
