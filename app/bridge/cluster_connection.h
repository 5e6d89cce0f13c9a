// ClusterConnection: the app's handle on one cluster — either a local cluster it owns (through a
// LocalClusterController) or a remote bootstrap list. A poller on its own QThread holds the engine's
// ClusterClient (which blocks) and, every refresh interval, reads metadata, offsets, log dir sizes and
// reassignments into an immutable ClusterSnapshot that is emitted as snapshotReady(). Operations (create/delete
// topic, elections, reassignments, configs, local broker stop/kill/start) are queued to the same thread and
// answer with operationFinished(op, subject, error) where error is a translated sentence, empty on success.
// Ownership: owns the poller thread and the local cluster; the destructor stops both (it blocks until the
// poller's current call returns). Thread safety: GUI thread only; signals arrive on the GUI thread.
#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QThread>

#include "app/bridge/cluster_snapshot.h"
#include "app/bridge/connection_profile.h"
#include "app/bridge/local_cluster_controller.h"
#include "app/bridge/local_schema.h"
#include "app/bridge/partition_ref.h"

namespace partita::app {

class ClusterPoller;
class SchemaRegistry;


struct TopicSpec {
  QString name;
  int partitions = 1;
  int replicationFactor = 1;
  QList<QPair<QString, QString>> configs;
};

struct ConfigValue {
  QString name;
  QString value;
  QString source;  // Kafka's name, e.g. DYNAMIC_TOPIC_CONFIG, DEFAULT_CONFIG
  bool readOnly = false;
  bool isDefault = false;
  bool sensitive = false;
};

struct PlannedReassignment {
  QString topic;
  int partition = 0;
  QList<int> replicas;
};

// DeleteRecords of one partition: records before `offset` go (-1: up to the high watermark).
struct RecordsDeletion {
  QString topic;
  int partition = 0;
  qint64 offset = -1;
};

class ClusterConnection : public QObject {
  Q_OBJECT

 public:
  enum class Kind { Local, Remote };
  enum class State { Idle, Starting, Connecting, Connected, Failed, Stopped };
  enum class Operation {
    CreateTopic,
    DeleteTopic,
    AddPartitions,
    AlterConfigs,
    DescribeConfigs,
    ElectPreferred,
    ElectUnclean,
    Reassign,
    CancelReassignment,
    StartBroker,
    StopBroker,
    KillBroker,
    DeleteRecords,
    SetThrottle,
    ClearThrottle,
  };
  Q_ENUM(Operation)

  struct LocalOptions {
    QString dataDir;
    int brokers = 3;
    int basePort = 0;  // 0: free ports
    // TLS + SCRAM (local_cluster_security.h): the poller connects with the cluster's admin credentials.
    bool secured = false;
  };

  ClusterConnection(const QString& name, const QString& bootstrapServers, QObject* parent = nullptr);
  // A remote cluster reached with the profile's security settings.
  explicit ClusterConnection(const ConnectionProfile& profile, QObject* parent = nullptr);
  ClusterConnection(const QString& name, const LocalOptions& local, QObject* parent = nullptr);
  ~ClusterConnection() override;

  // Starts the local cluster (Local) and the poller. Idempotent.
  void open();
  // Stops polling; a local cluster is stopped cleanly (asynchronously, stateChanged(Stopped) follows).
  void close();

  QString name() const { return m_name; }
  Kind kind() const { return m_kind; }
  State state() const { return m_state; }
  QString stateDetail() const { return m_stateDetail; }
  QString bootstrapServers() const;  // empty until a local cluster runs
  QStringList localLogDirs() const;  // empty for remote clusters
  LocalOptions localOptions() const { return m_local; }
  // A running secured local cluster's admin credentials and CA file (empty otherwise), to show the user.
  LocalClusterCredentials localCredentials() const;
  SnapshotPtr snapshot() const { return m_snapshot; }
  // Remote only: name, bootstrap list and security. setProfile takes effect at once (a running connection
  // reconnects with the new settings).
  ConnectionProfile profile() const { return m_profile; }
  void setProfile(const ConnectionProfile& profile);
  // The cluster's Schema Registry client (never null): the profile's registry for a remote cluster; for a local
  // one the registry its brokers serve (a running broker's, chosen again when brokers stop or start).
  SchemaRegistry* schemaRegistry() const { return m_registry; }
  // Points topics at local .avsc / .proto files (local_schema.h): kept in the settings under this connection's
  // name and applied to schemaRegistry() at once.
  void setLocalSchemas(const LocalSchemaMap& schemas);
  // Local only: broker id -> registry URL of every running broker.
  QMap<int, QString> localRegistryUrls() const;
  // A SASL profile whose password is not known (not remembered, not entered since the app started).
  bool needsPassword() const;

  void setRefreshInterval(int milliseconds);
  int refreshInterval() const { return m_refreshMs; }
  void refreshNow();

  void createTopic(const TopicSpec& spec);
  void deleteTopic(const QString& topic);
  void addPartitions(const QString& topic, int totalCount);
  void describeTopicConfigs(const QString& topic);  // answers with topicConfigs()
  // set: name -> value; remove: names reverted to their default.
  void alterTopicConfigs(const QString& topic, const QList<QPair<QString, QString>>& set, const QStringList& remove);
  // Dynamic broker configs (IncrementalAlterConfigs on the broker resource); answers with brokerConfigs().
  void describeBrokerConfigs(int brokerId);
  void alterBrokerConfigs(int brokerId, const QList<QPair<QString, QString>>& set, const QStringList& remove);
  // Kafka's DeleteRecords, sent to each partition's leader; operationFinished(DeleteRecords) names the first
  // partition that failed.
  void deleteRecords(const QList<RecordsDeletion>& deletions);
  void electLeaders(bool unclean, const QList<PartitionRef>& partitions);
  // throttleBytesPerSec > 0 sets Kafka's replication throttles first, as kafka-reassign-partitions --throttle
  // does (the rate on every broker involved, the throttled replica lists on the topic); they are removed
  // (ClearThrottle) once a snapshot shows no reassignment in progress, as its --verify would.
  void executeReassignment(const QList<PlannedReassignment>& plan, qint64 throttleBytesPerSec = 0);
  void cancelReassignment(const QList<PartitionRef>& partitions);
  void brokerAction(int brokerId, LocalClusterController::BrokerAction action);

  // Translated name of an operation, e.g. "Create topic".
  static QString operationName(Operation op);

 signals:
  void stateChanged(partita::app::ClusterConnection::State state, const QString& detail);
  void snapshotReady(const partita::app::SnapshotPtr& snapshot);
  void operationFinished(partita::app::ClusterConnection::Operation op, const QString& subject, const QString& error);
  void topicConfigs(const QString& topic, const QList<partita::app::ConfigValue>& configs, const QString& error);
  void brokerConfigs(int brokerId, const QList<partita::app::ConfigValue>& configs, const QString& error);
  void logMessage(const QString& line);

 private:
  void init();
  void setState(State state, const QString& detail = QString());
  void startPoller(const QString& bootstrap);
  void stopPoller();
  void clearThrottles();
  void updateRegistryEndpoint();
  template <class F>
  void onWorker(F&& f);

  QString m_name;
  const Kind m_kind;
  LocalOptions m_local;
  ConnectionProfile m_profile;  // Remote only
  LocalClusterController* m_controller = nullptr;  // Local only; child
  SchemaRegistry* m_registry = nullptr;             // child
  QThread m_thread;
  ClusterPoller* m_poller = nullptr;  // lives in m_thread
  State m_state = State::Idle;
  QString m_stateDetail;
  SnapshotPtr m_snapshot;
  int m_refreshMs = 3000;
  // Throttles set for a reassignment: armed once it was accepted, cleared when none is in progress.
  QStringList m_throttledTopics;
  QList<int> m_throttledBrokers;
  bool m_throttleArmed = false;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::ClusterConnection::State)
Q_DECLARE_METATYPE(partita::app::ClusterConnection::Operation)
Q_DECLARE_METATYPE(partita::app::ConfigValue)
