#include "engine/broker/broker.h"

#include <unistd.h>

#include <algorithm>
#include <thread>

#include <spdlog/spdlog.h>

#include "engine/broker/broker_metrics_collector.h"
#include "engine/broker/group_service.h"
#include "engine/broker/schema_registry_service.h"
#include "engine/broker/transaction_service.h"
#include "engine/broker/handler_table.h"
#include "engine/broker/handlers/all_handlers.h"
#include "engine/broker/request_dispatcher.h"
#include "engine/common/clock.h"
#include "engine/common/open_file_limit.h"
#include "engine/broker/user_scram_credentials.h"
#include "engine/broker/client_quota_store.h"
#include "engine/coordination/acl_change_watcher.h"
#include "engine/coordination/acl_znodes.h"
#include "engine/coordination/broker_config_watcher.h"
#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/controlled_shutdown.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/event_loop.h"
#include "engine/coordination/isr_update.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/topic_znodes.h"
#include "engine/coordination/zk_client.h"
#include "engine/metrics/http_server.h"
#include "engine/net/tcp_server.h"
#include "engine/replication/replica_fetcher.h"
#include "engine/replication/replication_quota.h"
#include "engine/protocol/uuid_text.h"
#include "engine/storage/log_manager.h"

namespace partita::broker {

namespace {

// The key metadata waiters watch in their purgatory.
const TopicPartition kMetadataKey{"", PartitionId(-1)};

class MetadataWaiter : public DelayedOperation {
 public:
  MetadataWaiter(const coordination::MetadataWatcher* watcher,
                 std::function<bool(const coordination::ClusterMetadata&)> ready, std::function<void(bool)> then,
                 int64_t deadline_ms)
      : DelayedOperation(deadline_ms), watcher_(watcher), ready_(std::move(ready)), then_(std::move(then)) {}

 protected:
  bool CanComplete() override {
    auto snapshot = watcher_->snapshot();
    return snapshot && ready_(*snapshot);
  }
  void OnComplete(bool expired) override { then_(!expired || CanComplete()); }

 private:
  const coordination::MetadataWatcher* watcher_;
  std::function<bool(const coordination::ClusterMetadata&)> ready_;
  std::function<void(bool)> then_;
};

storage::LogConfig DefaultLogConfig(const BrokerConfig& config) {
  return ResolveTopicSettings(config, {}).log;
}

// The host published for a listener bound to all interfaces.
std::string PublishedHost(const std::string& host) {
  if (!host.empty() && host != "0.0.0.0" && host != "::") return host;
  char name[256] = {0};
  if (::gethostname(name, sizeof(name) - 1) == 0 && name[0]) return name;
  return "localhost";
}

}  // namespace

Broker::Broker(BrokerConfig config)
    : metrics_(std::make_unique<BrokerMetrics>()),
      config_(std::move(config)),
      current_config_(std::make_shared<const BrokerConfig>(config_)),
      leader_quota_(std::make_shared<replication::ReplicationQuota>()),
      follower_quota_(std::make_shared<replication::ReplicationQuota>()),
      fetch_sessions_(std::make_unique<FetchSessionCache>(FetchSessionOptions{
          .max_slots = static_cast<size_t>(config_.GetLong("max.incremental.fetch.session.cache.slots"))})),
      client_quotas_(std::make_unique<ClientQuotaManager>(static_cast<int>(config_.GetLong("quota.window.num")),
                                                          static_cast<int>(config_.GetLong("quota.window.size.seconds")))) {
  leader_quota_->SetRate(config_.GetLong("leader.replication.throttled.rate"));
  follower_quota_->SetRate(config_.GetLong("follower.replication.throttled.rate"));
}

Broker::~Broker() {
  if (running_) Shutdown();
}

Result<std::unique_ptr<Broker>> Broker::Create(BrokerConfig config, BrokerOptions options) {
  std::unique_ptr<Broker> broker(new Broker(std::move(config)));
  broker->options_ = options;
  // authorizer.class.name was validated with the config: non-empty means Kafka's ACL authorizer.
  if (!broker->config_.GetString("authorizer.class.name").empty()) {
    security::AuthorizerOptions authorizer_options;
    authorizer_options.super_users = security::ParseSuperUsers(broker->config_.Get("super.users").value_or(""));
    authorizer_options.allow_everyone_if_no_acl_found = broker->config_.GetBool("allow.everyone.if.no.acl.found");
    broker->authorizer_ = std::make_unique<security::AclAuthorizer>(std::move(authorizer_options));
  }
  return broker;
}

Status Broker::Start() {
  // A descriptor per log segment and per connection: Linux's usual soft limit of 1,024 would cap a broker at a few
  // hundred partitions (see open_file_limit.h).
  if (const OpenFileLimit files = RaiseOpenFileLimit(); files.now != files.before) {
    spdlog::info("broker {}: open-file limit raised from {} to {} (the hard limit)", id(), files.before, files.now);
  }
  // Listeners are bound first: a configuration mistake such as an address in use fails here in a moment, before
  // ZooKeeper is contacted or a single log is recovered. Connections wait in the backlog until Serve().
  handlers_ = std::make_unique<HandlerTable>();
  RegisterAllHandlers(*handlers_);
  dispatcher_ = std::make_unique<RequestDispatcher>(this, handlers_.get(), metrics_.get());
  net::ServerOptions server_options;
  for (const auto& l : config_.listeners()) {
    net::ListenerConfig listener{l.name, l.host, l.port, l.protocol, nullptr};
    if (security::UsesTls(l.protocol)) {
      // The key store and trust store are read now: a missing file or a wrong key password stops the broker
      // with the key to fix before anything is bound.
      auto tls = security::TlsContext::ForServer(config_.TlsSettingsFor(l.name),
                                                  "listener " + l.name + " (" +
                                                      security::SecurityProtocolName(l.protocol) + ")");
      if (!tls.ok()) return tls.status();
      listener.tls = *tls;
      auto rules = security::PrincipalMapper::Parse(
          config_.GetForListener(l.name, "ssl.principal.mapping.rules").value_or("DEFAULT"));
      if (!rules.ok()) return rules.status();
      listener.principal_mapper = std::make_shared<const security::PrincipalMapper>(std::move(*rules));
    }
    if (security::UsesSasl(l.protocol)) {
      auto sasl = config_.SaslServerFor(l.name);
      if (!sasl.ok()) return sasl.status();
      auto with_scram = std::make_shared<security::SaslServerConfig>(**sasl);
      with_scram->scram = scram_credentials_;
      listener.sasl = std::move(with_scram);
    }
    server_options.listeners.push_back(std::move(listener));
  }
  server_options.tls_handshake_timeout_ms = config_.GetLong("ssl.handshake.timeout.ms");
  // Replica fetchers dial the inter-broker listener as clients with that listener's ssl.* settings (Kafka's
  // inter-broker client uses the listener's key store as its certificate and its trust store).
  std::shared_ptr<security::TlsContext> inter_broker_tls;
  for (const auto& l : config_.listeners()) {
    if (l.name != config_.inter_broker_listener() || !security::UsesTls(l.protocol)) continue;
    auto tls = security::TlsContext::ForClient(config_.TlsSettingsFor(l.name),
                                                "inter-broker listener " + l.name + " (client side)");
    if (!tls.ok()) return tls.status();
    inter_broker_tls = *tls;
  }
  server_options.network_threads = static_cast<int>(config_.GetLong("num.network.threads"));
  server_options.max_request_bytes = static_cast<int32_t>(config_.GetLong("socket.request.max.bytes"));
  server_options.max_idle_ms = config_.GetLong("connections.max.idle.ms");
  server_options.send_buffer_bytes = static_cast<int32_t>(config_.GetLong("socket.send.buffer.bytes"));
  server_options.receive_buffer_bytes = static_cast<int32_t>(config_.GetLong("socket.receive.buffer.bytes"));
  server_options.queued_max_request_bytes = config_.GetLong("queued.max.request.bytes");
  server_options.max_connections = static_cast<int32_t>(config_.GetLong("max.connections"));
  server_options.max_connections_per_ip = static_cast<int32_t>(config_.GetLong("max.connections.per.ip"));
  server_ = std::make_unique<net::TcpServer>(server_options, dispatcher_.get());
  PARTITA_RETURN_IF_ERROR(server_->Start());
  for (size_t i = 0; i < config_.listeners().size(); ++i) config_.SetBoundPort(i, server_->BoundPort(i));
  PARTITA_RETURN_IF_ERROR(StartMetricsListener());
  {
    std::lock_guard<std::mutex> lock(config_mu_);
    current_config_ = std::make_shared<const BrokerConfig>(config_);  // with the bound ports
  }
  const int session_timeout = static_cast<int>(config_.GetLong("zookeeper.session.timeout.ms"));
  const int connect_timeout = config_.Get("zookeeper.connection.timeout.ms")
                                  ? static_cast<int>(config_.GetLong("zookeeper.connection.timeout.ms"))
                                  : session_timeout;
  // A chroot ("host:port/kafka") must exist before a session can use it; Kafka creates it too.
  const std::string& connect = config_.zookeeper_connect();
  if (size_t slash = connect.find('/'); slash != std::string::npos && slash + 1 < connect.size()) {
    auto root = coordination::ZkClient::Connect(connect.substr(0, slash), session_timeout, connect_timeout);
    if (!root.ok()) {
      return Status::Unavailable("cannot connect to ZooKeeper at " + connect + ": " + root.status().message());
    }
    if (auto st = (*root)->EnsurePath(connect.substr(slash)); !st.ok()) {
      return Status::Unavailable("cannot create the ZooKeeper chroot " + connect.substr(slash) + ": " + st.message());
    }
  }
  auto zk = coordination::ZkClient::Connect(
      connect, session_timeout, connect_timeout,
      {.abandonable = options_.killable,
       .on_request_done = [latency = metrics_->zookeeper_request_time()](int64_t nanos) {
         latency->Observe(static_cast<double>(nanos) / 1e9);
       }});
  if (!zk.ok()) {
    return Status::Unavailable("cannot connect to ZooKeeper at " + config_.zookeeper_connect() + ": " +
                               zk.status().message());
  }
  zk_ = std::move(*zk);
  PARTITA_RETURN_IF_ERROR(coordination::BrokerRegistrar::EnsurePersistentPaths(zk_.get()));
  producer_ids_ = std::make_unique<ProducerIdGenerator>(zk_.get(), id());
  auto cluster_id = coordination::BrokerRegistrar::GetOrCreateClusterId(zk_.get());
  if (!cluster_id.ok()) return cluster_id.status();

  storage::LogManagerConfig log_config;
  log_config.log_dirs = config_.log_dirs();
  log_config.default_log_config = DefaultLogConfig(config_);
  log_config.retention_check_interval_ms = config_.GetLong("log.retention.check.interval.ms");
  log_config.cleaner_enable = config_.GetBool("log.cleaner.enable");
  log_config.cleaner_backoff_ms = config_.GetLong("log.cleaner.backoff.ms");
  log_config.broker_id = id();
  log_config.cluster_id = *cluster_id;
  log_config.flush_time = metrics_->log_flush_time();
  auto logs = storage::LogManager::Open(std::move(log_config));
  if (!logs.ok()) return logs.status();
  logs_ = std::move(*logs);
  replicas_ = std::make_unique<ReplicaManager>(BrokerId(id()), logs_.get(), config_.log_dirs());
  logs_->SetHighWatermarkSource([this] { return replicas_->HighWatermarks(); });
  logs_->Start();
  metadata_waiters_ = std::make_unique<Purgatory>();
  groups_ = std::make_unique<GroupService>(this);
  transactions_ = std::make_unique<TransactionService>(this, inter_broker_tls);


  coordination::BrokerRegistration registration;
  registration.id = id();
  const auto& advertised = config_.advertised_listeners();
  registration.host = PublishedHost(advertised.front().host);
  registration.port = advertised.front().port;
  for (const auto& l : advertised) {
    coordination::BrokerEndpoint e;
    e.listener = l.name;
    e.host = PublishedHost(l.host);
    e.port = l.port;
    registration.endpoints.push_back(e);
  }
  registration.rack = config_.rack();
  registration.timestamp_ms = WallClockMs();
  registrar_ = std::make_unique<coordination::BrokerRegistrar>(zk_.get(), registration);
  // After a crash (or a ZooKeeper restart that restored old sessions) our id can still be held by the previous
  // session until it expires: wait for that instead of failing, as long as a session timeout allows.
  const int64_t register_deadline = MonotonicMs() + session_timeout + 5000;
  for (;;) {
    Status st = registrar_->Register();
    if (st.ok()) break;
    if (st.code() != Status::Code::kAlreadyExists || MonotonicMs() > register_deadline) return st;
    spdlog::info("broker {}: id still registered by a previous session; waiting for it to expire", id());
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }

  replication::FetcherOptions fetcher_options;
  fetcher_options.broker_id = id();
  fetcher_options.max_wait_ms = static_cast<int32_t>(config_.GetLong("replica.fetch.wait.max.ms"));
  fetcher_options.partition_max_bytes = static_cast<int32_t>(config_.GetLong("replica.fetch.max.bytes"));
  fetcher_options.num_fetchers = static_cast<int32_t>(config_.GetLong("num.replica.fetchers"));
  fetcher_options.quota = follower_quota_;
  fetcher_options.tls = inter_broker_tls;
  fetcher_options.broker_epoch = [this] { return BrokerEpoch(*metadata()); };
  auto sasl_login = config_.InterBrokerSaslLogin();
  if (!sasl_login.ok()) return sasl_login.status();
  if (*sasl_login) {
    fetcher_options.sasl_mechanism = (*sasl_login)->mechanism;
    fetcher_options.sasl_username = (*sasl_login)->username;
    fetcher_options.sasl_password = (*sasl_login)->password;
  }
  fetchers_ = std::make_unique<replication::ReplicaFetcherManager>(
      fetcher_options, [this](int32_t broker) { return EndpointOf(broker); },
      [this](const TopicPartition& tp) {
        if (replicas_) replicas_->OnPartitionChanged(tp);
      });
  isr_loop_ = std::make_unique<coordination::EventLoop>("isr-" + std::to_string(id()));
  ScheduleIsrShrinkCheck();

  watcher_ = std::make_unique<coordination::MetadataWatcher>(
      zk_.get(), [this](const auto& before, const auto& after) { OnMetadataChange(before, after); });
  watcher_->Start();
  coordination::Controller::Options controller_options;
  controller_options.unclean_leader_election_enable = config_.GetBool("unclean.leader.election.enable");
  controller_options.auto_leader_rebalance_enable = config_.GetBool("auto.leader.rebalance.enable");
  controller_options.leader_imbalance_check_interval_seconds =
      static_cast<double>(config_.GetLong("leader.imbalance.check.interval.seconds"));
  controller_options.leader_imbalance_per_broker_percentage =
      static_cast<int32_t>(config_.GetLong("leader.imbalance.per.broker.percentage"));
  controller_ = std::make_unique<coordination::Controller>(zk_.get(), id(), controller_options);
  controller_->Start();
  config_watcher_ = std::make_unique<coordination::BrokerConfigWatcher>(
      zk_.get(), id(), [this](const auto& cluster_default, const auto& per_broker) {
        OnDynamicConfig(cluster_default, per_broker);
      });
  config_watcher_->AddRefresher([this] { return RefreshScramCredentials(); });
  config_watcher_->AddRefresher([this] { return RefreshClientQuotas(); });
  config_watcher_->Start();
  if (authorizer_) {
    // Kafka's AclAuthorizer loads every ACL when it starts, before the broker serves: the first requests are
    // judged by the stored ACLs, not by an empty cache.
    PARTITA_RETURN_IF_ERROR(ReloadAcls());
    acl_watcher_ = std::make_unique<coordination::AclChangeWatcher>(zk_.get(), [this] { return ReloadAcls(); });
    acl_watcher_->Start();
  }
  // Serve requests only with a settled view: this broker registered, a controller elected, and (if it is us)
  // the controller active — otherwise the first clients would see an empty cluster or NOT_CONTROLLER. Dynamic
  // broker configs are applied before the first request too, and the controller has given new leader epochs to
  // the partitions this broker led in its previous life (KIP-380), so a restart does not answer NOT_LEADER.
  const int64_t settle_deadline = MonotonicMs() + std::max(session_timeout, 10000);
  while (MonotonicMs() < settle_deadline) {
    auto md = watcher_->snapshot();
    if (md && md->brokers.count(id()) && md->controller_id >= 0 &&
        (md->controller_id != id() || controller_->is_active()) && dynamic_config_loaded_ &&
        PartitionsAwaitingController(*md) == 0) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  PARTITA_RETURN_IF_ERROR(StartSchemaRegistry());
  server_->Serve();
  running_ = true;
  return Status::Ok();
}

Status Broker::StartMetricsListener() {
  const auto spec = config_.Get("metrics.listener");
  if (!spec || spec->empty()) return Status::Ok();
  auto listener = metrics::ParseHttpListener(*spec);
  if (!listener.ok()) return Status::InvalidArgument("metrics.listener: " + listener.status().message());
  if (listener->tls) return Status::InvalidArgument("metrics.listener: only http:// is served (no TLS on this listener)");
  metrics_->registry().AddCollector(MakeBrokerCollector(this));
  metrics_server_ = std::make_unique<metrics::HttpServer>(*listener, [this](const std::string& path) {
    if (path == "/metrics") return metrics::HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8",
                                                         metrics_->registry().Expose()};
    if (path == "/") return metrics::HttpResponse{200, "text/plain; charset=utf-8", "partita-broker: see /metrics\n"};
    return metrics::HttpResponse{404, "text/plain; charset=utf-8", "not found: " + path + "\n"};
  });
  PARTITA_RETURN_IF_ERROR(metrics_server_->Start());
  spdlog::info("broker {}: metrics at http://{}:{}/metrics", id(), listener->host, metrics_server_->BoundPort());
  return Status::Ok();
}

Status Broker::StartSchemaRegistry() {
  const auto spec = config_.Get("schema.registry.listeners");
  if (!spec || spec->empty()) return Status::Ok();
  // Confluent's `listeners` is a list; one address is served here (the first).
  auto listener = metrics::ParseHttpListener(spec->substr(0, spec->find(',')));
  if (!listener.ok()) return Status::InvalidArgument("schema.registry.listeners: " + listener.status().message());
  SchemaRegistrySecurity security;
  const security::TlsSettings tls = config_.SchemaRegistryTlsSettings();
  if (listener->tls) {
    // Read now, like a listener's key store: a missing file stops the broker naming the key to fix.
    auto server = security::TlsContext::ForServer(tls, "schema.registry.listeners (https)");
    if (!server.ok()) return server.status();
    security.server_tls = *server;
  }
  if (listener->tls || tls.HasKeystore() || !tls.truststore_location.empty() || !tls.truststore_certificates.empty()) {
    // Followers forward to the leader's published URL, https:// when the leader's listener is.
    auto client = security::TlsContext::ForClient(tls, "schema registry forwarding (client side)");
    if (!client.ok()) return client.status();
    security.client_tls = *client;
  }
  if (config_.Get("schema.registry.authentication.method").value_or("NONE") == "BASIC") {
    security.basic_auth =
        std::make_shared<security::HttpBasicAuthenticator>(config_.PlainAuthenticators(), scram_credentials_);
  }
  schema_registry_ = std::make_unique<SchemaRegistryService>(
      this, *listener, static_cast<size_t>(config_.GetLong("schema.registry.max.request.bytes")),
      std::move(security));
  return schema_registry_->Start();
}

int Broker::SchemaRegistryPort() const { return schema_registry_ ? schema_registry_->BoundPort() : 0; }

int Broker::MetricsPort() const { return metrics_server_ ? metrics_server_->BoundPort() : 0; }

size_t Broker::ConnectionCount() const { return server_ ? server_->ConnectionCount() : 0; }

int64_t Broker::QueuedRequestBytes() const { return server_ ? server_->QueuedRequestBytes() : 0; }

void Broker::StopServing() {
  // The metrics collector reads the state torn down below: its server stops first.
  if (metrics_server_) metrics_server_->Stop();
  if (schema_registry_) schema_registry_->Stop();
  if (server_) server_->Stop();
  if (transactions_) transactions_->Stop();
  if (groups_) groups_->Stop();
  if (fetchers_) fetchers_->Shutdown();
  isr_loop_.reset();
  // Coordination objects hold listeners on the ZooKeeper client: they go before it does.
  if (config_watcher_) config_watcher_->Stop();
  config_watcher_.reset();
  if (acl_watcher_) acl_watcher_->Stop();
  acl_watcher_.reset();
  if (controller_) controller_->Stop();
  if (watcher_) watcher_->Stop();
  controller_.reset();
  watcher_.reset();
  metadata_waiters_.reset();
}

void Broker::Shutdown() {
  if (!running_.exchange(false) && !server_) return;
  spdlog::info("broker {}: shutting down", id());
  if (zk_ && registrar_ && config_.GetBool("controlled.shutdown.enable")) {
    // Leadership moves to other in-sync replicas before we stop, so producers see no offline partition. The
    // controller may be this broker: it is still running here.
    auto remaining = coordination::RequestControlledShutdown(zk_.get(), id(), registrar_->broker_epoch(), 30000);
    if (!remaining.ok()) {
      spdlog::warn("broker {}: controlled shutdown: {}", id(), remaining.status().ToString());
    } else if (!remaining->empty()) {
      spdlog::info("broker {}: controlled shutdown left {} partition(s) led here (no other in-sync replica)", id(),
                   remaining->size());
    }
  }
  StopServing();
  registrar_.reset();
  if (replicas_) replicas_->SnapshotProducerStates();
  // The log manager's last high-watermark checkpoint reads the replica manager: shut the logs down first.
  if (logs_) {
    if (auto st = logs_->Shutdown(true); !st.ok()) spdlog::error("broker {}: log shutdown: {}", id(), st.ToString());
  }
  replicas_.reset();
  zk_.reset();
  server_.reset();
}

void Broker::Kill() {
  running_ = false;
  spdlog::warn("broker {}: killed", id());
  // First drop the ZooKeeper connection without closing the session, as a crashed process would: the rest of the
  // cluster notices only when the session expires (zookeeper.session.timeout.ms), and the teardown below can no
  // longer resign the controller or write anything to ZooKeeper.
  if (zk_) zk_->AbandonSession();
  StopServing();
  registrar_.reset();
  if (logs_) (void)logs_->Shutdown(false);
  replicas_.reset();
  zk_.reset();
  server_.reset();
}

std::string Broker::BootstrapServers() const {
  const auto& l = config_.advertised_listeners().front();
  return PublishedHost(l.host) + ":" + std::to_string(l.port);
}

std::shared_ptr<const coordination::ClusterMetadata> Broker::metadata() const {
  if (!watcher_) return std::make_shared<coordination::ClusterMetadata>();
  auto s = watcher_->snapshot();
  return s ? s : std::make_shared<coordination::ClusterMetadata>();
}

bool Broker::PartitionExists(const TopicPartition& tp) const {
  auto md = metadata();
  auto it = md->topics.find(tp.topic);
  return it != md->topics.end() && it->second.partitions.count(tp.partition.value) > 0;
}

std::shared_ptr<Partition> Broker::LeaderPartition(const TopicPartition& tp, protocol::ErrorCode* error) const {
  auto partition = replicas_ ? replicas_->Get(tp) : nullptr;
  if (partition && partition->IsLeader()) return partition;
  *error = PartitionExists(tp) ? protocol::ErrorCode::kNotLeaderOrFollower
                               : protocol::ErrorCode::kUnknownTopicOrPartition;
  return nullptr;
}

std::shared_ptr<const BrokerConfig> Broker::current_config() const {
  std::lock_guard<std::mutex> lock(config_mu_);
  return current_config_;
}

Status Broker::ReloadAcls() {
  auto loaded = coordination::LoadAllAcls(zk_.get());
  if (!loaded.ok()) return loaded.status();
  const size_t before = authorizer_->size();
  const size_t count = loaded->size();
  authorizer_->ReplaceAll(std::move(*loaded));
  if (count != before) spdlog::info("broker {}: {} ACL(s) loaded", id(), count);
  return Status::Ok();
}

Status Broker::RefreshScramCredentials() {
  auto loaded = LoadUserScramCredentials(zk_.get());
  if (!loaded.ok()) return loaded.status();
  const size_t before = scram_credentials_->user_count();
  const size_t users = loaded->size();
  scram_credentials_->ReplaceAll(std::move(*loaded));
  if (users != before) spdlog::info("broker {}: SCRAM credentials of {} user(s) loaded", id(), users);
  return Status::Ok();
}

Status Broker::RefreshClientQuotas() {
  auto loaded = LoadClientQuotas(zk_.get());
  if (!loaded.ok()) return loaded.status();
  const size_t entities = loaded->size();
  const size_t before = client_quotas_->Snapshot().size();
  client_quotas_->ReplaceAll(std::move(*loaded));
  if (entities != before) spdlog::info("broker {}: client quotas of {} entit(ies) loaded", id(), entities);
  return Status::Ok();
}

void Broker::OnDynamicConfig(const coordination::TopicConfig& cluster_default,
                             const coordination::TopicConfig& per_broker) {
  std::vector<std::string> ignored;
  auto next = std::make_shared<const BrokerConfig>(config_.WithDynamic(cluster_default, per_broker, &ignored));
  for (const auto& why : ignored) spdlog::warn("broker {}: dynamic config ignored: {}", id(), why);
  {
    std::lock_guard<std::mutex> lock(config_mu_);
    current_config_ = next;
  }
  spdlog::info("broker {}: dynamic broker configs applied ({} default, {} per-broker)", id(),
               next->dynamic_default_values().size(), next->dynamic_broker_values().size());
  leader_quota_->SetRate(next->GetLong("leader.replication.throttled.rate"));
  follower_quota_->SetRate(next->GetLong("follower.replication.throttled.rate"));
  if (controller_) controller_->SetUncleanLeaderElectionEnable(next->GetBool("unclean.leader.election.enable"));
  // Topic settings inherit broker defaults (min.insync.replicas, retention, segment size...): re-resolve them.
  if (replicas_ && watcher_ && watcher_->snapshot()) {
    std::lock_guard<std::mutex> lock(apply_mu_);
    if (auto st = ApplyLeadership(*watcher_->snapshot()); !st.ok()) spdlog::error("broker {}: {}", id(), st.ToString());
  }
  dynamic_config_loaded_ = true;
}

TopicSettings Broker::SettingsFor(const std::string& topic) const {
  auto md = metadata();
  auto it = md->topics.find(topic);
  return ResolveTopicSettings(*current_config(),
                              it == md->topics.end() ? coordination::TopicConfig{} : it->second.config);
}

coordination::Controller* Broker::active_controller() {
  return controller_ && controller_->is_active() ? controller_.get() : nullptr;
}

void Broker::AutoCreateTopic(const std::string& topic) {
  {
    std::lock_guard<std::mutex> lock(auto_create_mu_);
    if (!auto_creating_.insert(topic).second) return;
  }
  auto finish = [this, topic](const Status& st) {
    if (!st.ok() && st.code() != Status::Code::kAlreadyExists) {
      spdlog::warn("broker {}: auto-creating topic {} failed: {}", id(), topic, st.ToString());
    } else if (st.ok()) {
      spdlog::info("broker {}: auto-created topic {}", id(), topic);
    }
    std::lock_guard<std::mutex> lock(auto_create_mu_);
    auto_creating_.erase(topic);
  };
  auto md = metadata();
  const int32_t partitions = static_cast<int32_t>(config_.GetLong("num.partitions"));
  const int32_t live = static_cast<int32_t>(md->brokers.size());
  const int32_t rf =
      std::max<int32_t>(1, std::min<int32_t>(static_cast<int32_t>(config_.GetLong("default.replication.factor")), live));
  if (coordination::Controller* controller = active_controller()) {
    coordination::CreateTopicRequest request;
    request.name = topic;
    request.num_partitions = partitions;
    request.replication_factor = rf;
    controller->CreateTopic(request, finish);
    return;
  }
  // Any broker may create a topic (Kafka's AutoTopicCreationManager in ZK mode writes the topic znodes through
  // AdminZkClient): the controller sees the new /brokers/topics child and elects the leaders. Written from the
  // broker's ZooKeeper loop, never from the network thread that answers Metadata.
  if (!isr_loop_ || !zk_) return finish(Status::Unavailable("no ZooKeeper session"));
  std::map<int32_t, std::optional<std::string>> racks;
  for (const auto& [broker, reg] : md->brokers) racks[broker] = reg.rack;
  isr_loop_->Post([this, topic, racks = std::move(racks), partitions, rf, finish] {
    Result<coordination::ReplicaAssignment> assignment = coordination::AssignNewTopic(racks, partitions, rf);
    finish(assignment.ok() ? coordination::WriteTopicZnodes(zk_.get(), topic, *assignment, {}) : assignment.status());
  });
}

void Broker::WhenMetadata(std::function<bool(const coordination::ClusterMetadata&)> ready, int64_t timeout_ms,
                          std::function<void(bool)> then) {
  if (!metadata_waiters_ || !watcher_) return then(false);
  auto op = std::make_shared<MetadataWaiter>(watcher_.get(), std::move(ready), std::move(then),
                                             MonotonicMs() + std::max<int64_t>(timeout_ms, 0));
  metadata_waiters_->Watch(op, {kMetadataKey});
}

void Broker::OnMetadataChange(const std::shared_ptr<const coordination::ClusterMetadata>& before,
                              const std::shared_ptr<const coordination::ClusterMetadata>& after) {
  if (!after || !replicas_) return;
  // Partitions of topics that disappeared are deleted from this broker.
  if (before) {
    for (const auto& [name, topic] : before->topics) {
      if (after->topics.count(name)) continue;
      for (const auto& [p, _] : topic.partitions) replicas_->StopReplica({name, PartitionId(p)}, true);
      metrics_->RemoveTopic(name);
      spdlog::info("broker {}: topic {} deleted", id(), name);
    }
    if (active_controller()) CountElections(*before, *after);
  }
  {
    std::lock_guard<std::mutex> lock(apply_mu_);
    if (auto st = ApplyLeadership(*after); !st.ok()) spdlog::error("broker {}: {}", id(), st.ToString());
  }
  UpdateThrottledReplicas(*after);
  if (groups_) groups_->OnLeadershipChanged();
  if (schema_registry_) schema_registry_->OnLeadershipChanged();
  if (transactions_) transactions_->OnLeadershipChanged();
  if (metadata_waiters_) metadata_waiters_->Notify(kMetadataKey);
}

void Broker::UpdateThrottledReplicas(const coordination::ClusterMetadata& now) {
  std::map<std::string, replication::ThrottledPartitions> leader, follower;
  for (const auto& [name, topic] : now.topics) {
    if (auto it = topic.config.find("leader.replication.throttled.replicas"); it != topic.config.end()) {
      if (auto p = replication::ParseThrottledReplicas(it->second, id()); !p.empty()) leader[name] = std::move(p);
    }
    if (auto it = topic.config.find("follower.replication.throttled.replicas"); it != topic.config.end()) {
      if (auto p = replication::ParseThrottledReplicas(it->second, id()); !p.empty()) follower[name] = std::move(p);
    }
  }
  leader_quota_->SetThrottled(std::move(leader));
  follower_quota_->SetThrottled(std::move(follower));
}

Status Broker::ApplyLeadership(const coordination::ClusterMetadata& now) {
  Status first_error;
  const std::shared_ptr<const BrokerConfig> config = current_config();
  // This incarnation's broker epoch: the registrar's (set before the watcher started, and on re-registration
  // after a session expiry), or the snapshot's if that already shows a newer registration.
  const int64_t my_epoch = BrokerEpoch(now);
  std::string waiting;  // the first partition that waits for the controller, for the log
  size_t waiting_count = 0;
  for (const auto& [name, topic] : now.topics) {
    if (topic.marked_for_deletion) continue;
    TopicSettings settings = ResolveTopicSettings(*config, topic.config);
    for (const auto& [p, partition] : topic.partitions) {
      TopicPartition tp{name, PartitionId(p)};
      auto local = replicas_->Get(tp);
      // A new partition whose state the controller has not written yet: nothing to lead or follow; its state
      // arrives in a state-change notification moments later (creating an offline replica first doubled the
      // work of a large CreateTopics).
      if (!local && partition.state_zk_version < 0) continue;
      const bool replica = std::find(partition.replicas.begin(), partition.replicas.end(), id()) !=
                           partition.replicas.end();
      PartitionLeadership leadership{tp,
                                     LeaderEpoch(partition.leader_epoch),
                                     partition.leader,
                                     partition.controller_epoch,
                                     partition.replicas,
                                     partition.isr,
                                     partition.state_zk_version,
                                     topic.topic_id};
      if (partition.leader == id()) {
        if (local && local->IsLeader() && local->leader_epoch().value == partition.leader_epoch) {
          local->UpdateSettings(settings);
          local->UpdateLeaderState(partition.replicas, partition.isr, partition.state_zk_version);
          // A replica that left the assignment must not hold the high watermark back until it times out.
          if (auto change = local->MaybeShrinkIsr(MonotonicMs(), config_.GetLong("replica.lag.time.max.ms"))) {
            ProposeIsrChange(*change);
          }
          continue;
        }
        // KIP-380: never lead from a state decided before this registration (see MayLeadFrom); the controller
        // writes a newer one with a bumped leader epoch once it sees our new broker epoch.
        if (!coordination::MayLeadFrom(partition, id(), my_epoch)) {
          if (waiting.empty()) waiting = tp.DirName();
          ++waiting_count;
          continue;
        }
        if (fetchers_) fetchers_->RemovePartition(tp);
        if (auto st = replicas_->BecomeLeader(leadership, settings); !st.ok() && first_error.ok()) {
          first_error = Status::IOError("cannot lead " + tp.DirName() + ": " + st.message());
        }
      } else if (replica) {
        if (local && !local->IsLeader() && local->leader() == partition.leader &&
            local->leader_epoch().value == partition.leader_epoch) {
          local->UpdateSettings(settings);
          continue;
        }
        auto follower = replicas_->BecomeFollower(leadership, settings);
        if (!follower.ok()) {
          if (first_error.ok()) first_error = Status::IOError("cannot follow " + tp.DirName() + ": " + follower.status().message());
          continue;
        }
        if (partition.leader >= 0 && fetchers_) {
          fetchers_->AddPartition(*follower, partition.leader, partition.leader_epoch,
                                  protocol::UuidOrZero(topic.topic_id));
        } else if (fetchers_) {
          fetchers_->RemovePartition(tp);  // offline: nothing to fetch from until a leader is elected
        }
      } else if (local) {
        // No longer a replica (reassigned away): stop and delete this copy.
        if (fetchers_) fetchers_->RemovePartition(tp);
        replicas_->StopReplica(tp, true);
      }
    }
  }
  if (waiting_count != logged_waiting_count_ && waiting_count > 0) {
    spdlog::info("broker {}: not leading {} partition(s) ({}...) from states written before this registration "
                 "(broker epoch {}, KIP-380); waiting for the controller's new leader epochs",
                 id(), waiting_count, waiting, my_epoch);
  }
  logged_waiting_count_ = waiting_count;
  return first_error;
}

int64_t Broker::BrokerEpoch(const coordination::ClusterMetadata& now) const {
  // This incarnation's broker epoch: the registrar's (set before the watcher started, and again when it
  // re-registers after a session expiry), or the snapshot's if that already shows a newer registration.
  int64_t epoch = registrar_ ? registrar_->broker_epoch() : -1;
  if (auto me = now.brokers.find(id()); me != now.brokers.end()) epoch = std::max(epoch, me->second.broker_epoch);
  return epoch;
}

size_t Broker::PartitionsAwaitingController(const coordination::ClusterMetadata& now) const {
  const int64_t epoch = BrokerEpoch(now);
  size_t n = 0;
  for (const auto& [name, topic] : now.topics) {
    for (const auto& [p, partition] : topic.partitions) {
      if (partition.leader == id() && !coordination::MayLeadFrom(partition, id(), epoch)) ++n;
    }
  }
  return n;
}

std::optional<std::pair<std::string, int>> Broker::EndpointOf(int32_t broker_id) const {
  auto md = metadata();
  auto it = md->brokers.find(broker_id);
  if (it == md->brokers.end()) return std::nullopt;
  // Replication uses the inter-broker listener (inter.broker.listener.name / security.inter.broker.protocol).
  auto [host, port] = coordination::EndpointFor(it->second, config_.inter_broker_listener());
  return std::make_pair(host, static_cast<int>(port));
}

void Broker::ProposeIsrChange(const IsrChange& change) {
  if (!isr_loop_) return;
  // Changes proposed while a flush is queued ride along with it: a burst (e.g. followers of many partitions
  // catching up after a restart) becomes one round of ZooKeeper writes with one notification per multi.
  std::lock_guard<std::mutex> lock(isr_mu_);
  proposed_isr_.push_back(change);
  if (isr_flush_posted_) return;
  isr_flush_posted_ = true;
  isr_loop_->Post([this] { FlushProposedIsrChanges(); });
}

void Broker::FlushProposedIsrChanges() {
  std::vector<IsrChange> changes;
  {
    std::lock_guard<std::mutex> lock(isr_mu_);
    changes.swap(proposed_isr_);
    isr_flush_posted_ = false;
  }
  CommitIsrChanges(changes);
}

void Broker::CommitIsrChanges(const std::vector<IsrChange>& changes) {
  if (!replicas_ || !zk_ || changes.empty()) return;
  std::vector<coordination::IsrUpdate> updates;
  std::vector<std::shared_ptr<Partition>> partitions;
  std::vector<const IsrChange*> proposed;
  for (const IsrChange& change : changes) {
    auto partition = replicas_->Get(change.tp);
    if (!partition) continue;
    coordination::PartitionState state;
    state.leader = change.leader;
    state.leader_epoch = change.leader_epoch;
    state.controller_epoch = change.controller_epoch;
    state.isr = change.isr;
    updates.push_back(coordination::IsrUpdate{change.tp, state, change.zk_version});
    partitions.push_back(std::move(partition));
    proposed.push_back(&change);
  }
  std::vector<int32_t> versions;
  const std::vector<Status> written = coordination::UpdateIsrs(zk_.get(), updates, &versions);
  size_t applied = 0;
  for (size_t i = 0; i < updates.size(); ++i) {
    const IsrChange& change = *proposed[i];
    if (!written[i].ok()) {
      // Fenced (the controller changed the state meanwhile): the watcher brings the new state; retry from there.
      spdlog::info("{}: ISR change to {} members not written: {}", change.tp.DirName(), change.isr.size(),
                   written[i].ToString());
      partitions[i]->AbandonIsrChange();
      continue;
    }
    spdlog::debug("{}: ISR is now {} replica(s) (leader epoch {})", change.tp.DirName(), change.isr.size(),
                  change.leader_epoch);
    const size_t before = partitions[i]->isr().size();
    if (change.isr.size() < before) metrics_->isr_shrinks().Increment();
    if (change.isr.size() > before) metrics_->isr_expands().Increment();
    partitions[i]->ApplyIsr(change, versions[i]);
    replicas_->OnPartitionChanged(change.tp);
    ++applied;
  }
  if (applied) spdlog::info("broker {}: ISR changes written for {} partition(s)", id(), applied);
}

void Broker::CountElections(const coordination::ClusterMetadata& before,
                            const coordination::ClusterMetadata& after) {
  // Kafka's controller counts the elections it runs; here brokers learn leadership from ZooKeeper, so the active
  // controller counts the leader changes it observes: a new leader at a higher leader epoch is an election, and
  // one from outside the previous ISR is an unclean election (KIP-106: data loss possible).
  for (const auto& [name, topic] : after.topics) {
    auto old_topic = before.topics.find(name);
    if (old_topic == before.topics.end()) continue;
    for (const auto& [p, now] : topic.partitions) {
      auto old = old_topic->second.partitions.find(p);
      if (old == old_topic->second.partitions.end()) continue;
      const auto& was = old->second;
      if (now.leader < 0 || now.leader == was.leader || now.leader_epoch <= was.leader_epoch) continue;
      metrics_->leader_elections().Increment();
      if (std::find(was.isr.begin(), was.isr.end(), now.leader) == was.isr.end()) {
        metrics_->unclean_leader_elections().Increment();
      }
    }
  }
}

void Broker::ScheduleIsrShrinkCheck() {
  const int64_t max_lag = config_.GetLong("replica.lag.time.max.ms");
  isr_loop_->Post(
      [this, max_lag] {
        if (!replicas_) return;
        const int64_t now = MonotonicMs();
        std::vector<IsrChange> shrinks;
        for (const auto& partition : replicas_->All()) {
          if (auto change = partition->MaybeShrinkIsr(now, max_lag)) shrinks.push_back(std::move(*change));
        }
        CommitIsrChanges(shrinks);
        ScheduleIsrShrinkCheck();
      },
      static_cast<int>(std::clamp<int64_t>(max_lag / 2, 100, 30000)));
}

}  // namespace partita::broker
