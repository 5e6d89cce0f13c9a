// Broker: the composition root of one Kafka-compatible broker — log manager, ZooKeeper session, broker
// registration, controller election (and the controller when this broker wins), the metadata view fed by
// ZooKeeper watches, the replica manager, the API handlers and the network server.
// Lifecycle: Create -> Start -> Shutdown (clean: checkpoints + clean-shutdown marker) or Kill (abrupt: as if
// the process died; used for fault injection in local clusters). A broker object is started at most once.
// Thread safety: Start/Shutdown/Kill from one owner thread; the accessors are used by handlers on network
// threads and are thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "engine/security/authorizer.h"
#include "engine/security/scram_credential_cache.h"
#include "engine/broker/broker_config.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/client_quotas.h"
#include "engine/broker/fetch_session_cache.h"
#include "engine/broker/producer_id_generator.h"
#include "engine/broker/replica_manager.h"
#include "engine/broker/topic_settings.h"
#include "engine/common/status.h"
#include "engine/coordination/metadata_watcher.h"

namespace partita::net {
class TcpServer;
}
namespace partita::metrics {
class HttpServer;
}
namespace partita::storage {
class LogManager;
}
namespace partita::coordination {
class ZkClient;
class BrokerRegistrar;
class Controller;
class EventLoop;
}
namespace partita::coordination {
class AclChangeWatcher;
class BrokerConfigWatcher;
}
namespace partita::replication {
class ReplicaFetcherManager;
class ReplicationQuota;
}

namespace partita::broker {

class GroupService;
class HandlerTable;
class SchemaRegistryService;
class TransactionService;
class RequestDispatcher;

struct BrokerOptions {
  // Kill() behaves as kill -9 only for a killable broker: its ZooKeeper session must be left to expire, which
  // needs a relayed connection (coordination::ZkLink). Local clusters' embedded brokers are killable.
  bool killable = false;
};

class Broker {
 public:
  static Result<std::unique_ptr<Broker>> Create(BrokerConfig config, BrokerOptions options = {});
  ~Broker();
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  // Recovers the logs, binds the listeners (port 0 picks a free port), connects to ZooKeeper, registers,
  // joins controller election and starts serving.
  Status Start();
  // Clean stop: stops serving, resigns, flushes and checkpoints, writes the clean-shutdown marker.
  void Shutdown();
  // Abrupt stop, as kill -9: closes sockets without flushing or checkpointing, and leaves the ZooKeeper session to
  // expire (its ephemerals stay until zookeeper.session.timeout.ms), so failover takes as long as after a crash.
  // (A broker not created killable closes its session instead: the cluster then notices at once.)
  void Kill();
  bool running() const { return running_.load(); }

  int32_t id() const { return config_.broker_id(); }
  // host:port of the first advertised listener.
  std::string BootstrapServers() const;
  // The static configuration (server.properties and overrides): identity, listeners, log dirs.
  const BrokerConfig& config() const { return config_; }
  // The effective configuration: config() with the dynamic broker configs of /config/brokers/<default> and
  // /config/brokers/<id> layered on; replaced (never mutated) when they change.
  std::shared_ptr<const BrokerConfig> current_config() const;
  // Replication throttles (Kafka's ReplicationQuotaManager): the leader side limits what fetch responses send
  // to throttled followers, the follower side what the replica fetchers ask for.
  replication::ReplicationQuota& leader_quota() { return *leader_quota_; }
  FetchSessionCache& fetch_sessions() { return *fetch_sessions_; }
  // Client quotas (KIP-13/55): kept equal to /config/users and /config/clients by the config watcher, so a
  // quota set through any broker applies on every broker.
  ClientQuotaManager& client_quotas() { return *client_quotas_; }
  ReplicaManager& replicas() { return *replicas_; }
  std::shared_ptr<const coordination::ClusterMetadata> metadata() const;
  // The partition exists in the cluster metadata (whether or not this broker hosts it).
  bool PartitionExists(const TopicPartition& tp) const;
  // The partition if this broker leads it; otherwise null with `error` set to NOT_LEADER_OR_FOLLOWER (the
  // partition exists elsewhere) or UNKNOWN_TOPIC_OR_PARTITION.
  std::shared_ptr<Partition> LeaderPartition(const TopicPartition& tp, protocol::ErrorCode* error) const;
  TopicSettings SettingsFor(const std::string& topic) const;
  // The controller, if this broker is the active controller; otherwise null.
  coordination::Controller* active_controller();
  // The SCRAM credentials SASL listeners authenticate against, kept equal to /config/users by the config
  // watcher (KIP-84: a change made through any broker reaches every broker without a restart).
  const std::shared_ptr<security::ScramCredentialCache>& scram_credentials() const { return scram_credentials_; }
  // The ACL authorizer when authorizer.class.name selects it (null: no authorization), its cache kept equal to
  // the ACL znodes by the ACL change watcher. Handlers check through handlers/authorize.h.
  const security::AclAuthorizer* authorizer() const { return authorizer_.get(); }
  // This broker's ZooKeeper session (admin handlers write config znodes through it).
  coordination::ZkClient* zk() { return zk_.get(); }
  storage::LogManager& logs() { return *logs_; }
  ProducerIdGenerator& producer_ids() { return *producer_ids_; }
  // The group coordinator component (consumer groups and committed offsets).
  GroupService& groups() { return *groups_; }
  // The transaction coordinator component (transactional ids, __transaction_state).
  TransactionService& transactions() { return *transactions_; }
  // host:port of a live broker's inter-broker listener (replica fetchers, transaction markers).
  std::optional<std::pair<std::string, int>> InterBrokerEndpoint(int32_t broker_id) const { return EndpointOf(broker_id); }
  // This broker's metrics (recorded by handlers, served on metrics.listener); alive as long as the broker.
  BrokerMetrics& metrics() { return *metrics_; }
  // The port the metrics listener bound (metrics.listener with port 0 picks one); 0 without a listener.
  int MetricsPort() const;
  // The port the Schema Registry listener bound (schema.registry.listeners); 0 without one.
  int SchemaRegistryPort() const;
  // Open client connections and the bytes of requests in flight (for the metrics).
  size_t ConnectionCount() const;
  int64_t QueuedRequestBytes() const;
  // Auto-creation (auto.create.topics.enable) with the broker defaults, from any broker: the controller's broker
  // asks its controller; any other writes the topic znodes, which the controller completes (as Kafka does).
  // Asynchronous; the topic appears in the metadata when created.
  void AutoCreateTopic(const std::string& topic);
  // Commits a leader's ISR change to ZooKeeper (asynchronously, on the ISR thread) and applies it to the
  // partition when the conditional write succeeds.
  void ProposeIsrChange(const IsrChange& change);
  // Runs `then(true)` once `ready(metadata)` holds (checked now and after every metadata change), or
  // `then(false)` after timeout_ms. Used by admin requests that answer once their change is visible.
  void WhenMetadata(std::function<bool(const coordination::ClusterMetadata&)> ready, int64_t timeout_ms,
                    std::function<void(bool)> then);

 private:
  explicit Broker(BrokerConfig config);
  void OnMetadataChange(const std::shared_ptr<const coordination::ClusterMetadata>& before,
                        const std::shared_ptr<const coordination::ClusterMetadata>& after);
  Status ApplyLeadership(const coordination::ClusterMetadata& now);  // apply_mu_ held
  // This incarnation's broker epoch (KIP-380), and how many partitions name this broker leader in a state
  // written before its registration (it does not lead them until the controller writes new leader epochs).
  int64_t BrokerEpoch(const coordination::ClusterMetadata& now) const;
  size_t PartitionsAwaitingController(const coordination::ClusterMetadata& now) const;
  void UpdateThrottledReplicas(const coordination::ClusterMetadata& now);
  // Dynamic broker configs changed (config watcher thread): swap the effective config and apply it.
  Status RefreshScramCredentials();  // config watcher thread
  Status ReloadAcls();               // ACL watcher thread (and Start)
  Status RefreshClientQuotas();      // config watcher thread
  void OnDynamicConfig(const coordination::TopicConfig& cluster_default, const coordination::TopicConfig& per_broker);
  // Writes ISR changes of many partitions in one round (coordination::UpdateIsrs); ISR thread.
  void CommitIsrChanges(const std::vector<IsrChange>& changes);
  void FlushProposedIsrChanges();  // ISR thread: commits everything ProposeIsrChange queued so far
  void ScheduleIsrShrinkCheck();                  // ISR thread
  std::optional<std::pair<std::string, int>> EndpointOf(int32_t broker_id) const;
  void StopServing();
  Status StartMetricsListener();
  Status StartSchemaRegistry();
  // Leader elections seen between two metadata snapshots, counted on the active controller.
  void CountElections(const coordination::ClusterMetadata& before, const coordination::ClusterMetadata& after);

  // First member: outlives everything that records on it (handlers, logs, the ISR thread).
  std::unique_ptr<BrokerMetrics> metrics_;
  BrokerConfig config_;
  BrokerOptions options_;
  mutable std::mutex config_mu_;
  std::shared_ptr<const BrokerConfig> current_config_;  // guarded by config_mu_
  std::atomic<bool> dynamic_config_loaded_{false};
  size_t logged_waiting_count_ = 0;  // apply_mu_: partitions awaiting the controller, as last logged
  std::mutex apply_mu_;  // one ApplyLeadership at a time (metadata watcher and config watcher threads)
  std::shared_ptr<replication::ReplicationQuota> leader_quota_;
  std::shared_ptr<replication::ReplicationQuota> follower_quota_;
  std::unique_ptr<FetchSessionCache> fetch_sessions_;
  std::unique_ptr<ClientQuotaManager> client_quotas_;
  std::atomic<bool> running_{false};
  std::unique_ptr<storage::LogManager> logs_;
  std::unique_ptr<ReplicaManager> replicas_;
  std::unique_ptr<coordination::ZkClient> zk_;
  std::unique_ptr<coordination::BrokerRegistrar> registrar_;
  std::unique_ptr<ProducerIdGenerator> producer_ids_;
  std::unique_ptr<coordination::Controller> controller_;
  std::unique_ptr<coordination::MetadataWatcher> watcher_;
  std::unique_ptr<coordination::BrokerConfigWatcher> config_watcher_;
  std::shared_ptr<security::ScramCredentialCache> scram_credentials_ =
      std::make_shared<security::ScramCredentialCache>();
  std::unique_ptr<security::AclAuthorizer> authorizer_;  // set in Create when configured; immutable pointer
  std::unique_ptr<coordination::AclChangeWatcher> acl_watcher_;
  std::unique_ptr<replication::ReplicaFetcherManager> fetchers_;
  std::unique_ptr<coordination::EventLoop> isr_loop_;  // ISR writes and the periodic shrink check
  std::mutex isr_mu_;
  std::vector<IsrChange> proposed_isr_;  // guarded by isr_mu_: queued for the next FlushProposedIsrChanges
  bool isr_flush_posted_ = false;        // guarded by isr_mu_
  std::unique_ptr<GroupService> groups_;
  std::unique_ptr<TransactionService> transactions_;
  std::unique_ptr<HandlerTable> handlers_;
  std::unique_ptr<RequestDispatcher> dispatcher_;
  std::unique_ptr<net::TcpServer> server_;
  std::unique_ptr<metrics::HttpServer> metrics_server_;  // metrics.listener; stopped first, before the state it reads
  std::unique_ptr<SchemaRegistryService> schema_registry_;  // schema.registry.listeners; stopped first too
  std::unique_ptr<Purgatory> metadata_waiters_;  // WhenMetadata operations, notified on every change
  std::mutex auto_create_mu_;
  std::set<std::string> auto_creating_;  // topics with a creation in flight
};

}  // namespace partita::broker
