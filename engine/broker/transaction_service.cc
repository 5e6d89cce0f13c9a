#include "engine/broker/transaction_service.h"

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/broker/topic_creator.h"
#include "engine/broker/internal_topics.h"
#include "engine/broker/txn_log_store.h"
#include "engine/broker/txn_marker_channel.h"
#include "engine/broker/txn_verifier.h"
#include "engine/common/clock.h"
#include "engine/coordination/event_loop.h"
#include "engine/group/group_partition.h"

namespace partita::broker {

using protocol::ErrorCode;

namespace {

const std::string kTxnTopic(kTransactionStateTopic);
// Kafka's TransactionStateManager writes with the broker's request.timeout.ms (30 s by default).
constexpr int64_t kLogWriteTimeoutMs = 30000;

class GeneratorIds : public transactions::ProducerIdSource {
 public:
  explicit GeneratorIds(Broker* broker) : broker_(broker) {}
  Result<int64_t> Next() override { return broker_->producer_ids().Next(); }

 private:
  Broker* const broker_;
};

transactions::TxnConfig MakeConfig(const BrokerConfig& c) {
  transactions::TxnConfig t;
  t.max_timeout_ms = static_cast<int32_t>(c.GetLong("transaction.max.timeout.ms"));
  t.id_expiration_ms = c.GetLong("transactional.id.expiration.ms");
  return t;
}

}  // namespace

TransactionService::TransactionService(Broker* broker, std::shared_ptr<security::TlsContext> inter_broker_tls)
    : broker_(broker),
      config_(MakeConfig(broker->config())),
      tick_interval_ms_(broker->config().GetLong("transaction.abort.timed.out.transaction.cleanup.interval.ms")),
      producer_ids_(std::make_shared<GeneratorIds>(broker)),
      loop_(std::make_unique<coordination::EventLoop>("txns-" + std::to_string(broker->id()))) {
  TxnMarkerChannel::Options options;
  options.broker_id = broker->id();
  options.tls = std::move(inter_broker_tls);
  markers_ = std::make_shared<TxnMarkerChannel>(
      options, [broker](int32_t id) { return broker->InterBrokerEndpoint(id); },
      [broker] { return broker->metadata(); });
  if (broker->config().GetBool("transaction.partition.verification.enable")) {
    TxnVerifier::Options verifier;
    verifier.broker_id = broker->id();
    verifier.tls = options.tls;
    verifier_ = std::make_unique<TxnVerifier>(
        verifier,
        [this](const std::string& id, int32_t* node) { return FindCoordinator(id, node, /*create_topic=*/false); },
        [broker](int32_t id) { return broker->InterBrokerEndpoint(id); });
  }
  loop_->Post([this] { ScheduleTick(); }, static_cast<int>(tick_interval_ms_));
}

TransactionService::~TransactionService() { Stop(); }

void TransactionService::Stop() {
  if (loop_) loop_->Stop();
  if (markers_) markers_->Stop();
  if (verifier_) verifier_->Stop();
  std::map<int32_t, Slot> slots;
  {
    std::lock_guard<std::mutex> lock(mu_);
    slots.swap(slots_);
  }
  for (auto& [p, slot] : slots) {
    if (slot.coordinator) slot.coordinator->Unload();
  }
}

int32_t TransactionService::PartitionCount(bool* exists) const {
  auto md = broker_->metadata();
  auto it = md->topics.find(kTxnTopic);
  *exists = it != md->topics.end() && !it->second.partitions.empty();
  return *exists ? static_cast<int32_t>(it->second.partitions.size())
                 : static_cast<int32_t>(broker_->config().GetLong("transaction.state.log.num.partitions"));
}

ErrorCode TransactionService::FindCoordinator(const std::string& transactional_id, int32_t* node_id,
                                              bool create_topic) {
  bool exists = false;
  const int32_t count = PartitionCount(&exists);
  if (!exists) {
    if (create_topic) EnsureTopic();
    return ErrorCode::kCoordinatorNotAvailable;
  }
  // Kafka's TransactionStateManager.partitionFor: Utils.abs(transactionalId.hashCode) % partitions.
  const int32_t p = group::OffsetsPartitionFor(transactional_id, count);
  auto md = broker_->metadata();
  const auto& partitions = md->topics.at(kTxnTopic).partitions;
  auto pit = partitions.find(p);
  if (pit == partitions.end() || pit->second.leader < 0 || !md->brokers.count(pit->second.leader)) {
    return ErrorCode::kCoordinatorNotAvailable;
  }
  *node_id = pit->second.leader;
  return ErrorCode::kNone;
}

TransactionService::Hosted TransactionService::CoordinatorFor(const std::string& transactional_id) {
  Hosted out;
  bool exists = false;
  const int32_t count = PartitionCount(&exists);
  if (!exists) {
    EnsureTopic();
    out.error = ErrorCode::kCoordinatorNotAvailable;
    return out;
  }
  const int32_t p = group::OffsetsPartitionFor(transactional_id, count);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(p);
  if (it == slots_.end()) {
    out.error = ErrorCode::kNotCoordinator;
  } else if (!it->second.loaded) {
    out.error = ErrorCode::kCoordinatorLoadInProgress;
  } else if (!it->second.partition->IsLeader() ||
             it->second.partition->leader_epoch().value != it->second.leader_epoch) {
    out.error = ErrorCode::kNotCoordinator;  // leadership moved; the unload is on its way
  } else {
    out.coordinator = it->second.coordinator;
  }
  return out;
}

std::vector<std::shared_ptr<transactions::TransactionCoordinator>> TransactionService::LoadedCoordinators(
    bool* loading) {
  std::vector<std::shared_ptr<transactions::TransactionCoordinator>> out;
  *loading = false;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [p, slot] : slots_) {
    if (slot.loaded) {
      out.push_back(slot.coordinator);
    } else {
      *loading = true;
    }
  }
  return out;
}

void TransactionService::OnLeadershipChanged() {
  loop_->Post([this] { SyncLeadership(); });
}

void TransactionService::SyncLeadership() {
  auto md = broker_->metadata();
  std::map<int32_t, std::shared_ptr<Partition>> leading;
  if (auto it = md->topics.find(kTxnTopic); it != md->topics.end()) {
    for (const auto& [p, _] : it->second.partitions) {
      auto local = broker_->replicas().Get({kTxnTopic, PartitionId(p)});
      if (local && local->IsLeader()) leading[p] = local;
    }
  }
  std::vector<std::shared_ptr<transactions::TransactionCoordinator>> unloaded;
  std::vector<std::pair<int32_t, int32_t>> to_load;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = slots_.begin(); it != slots_.end();) {
      auto l = leading.find(it->first);
      if (l != leading.end() && l->second == it->second.partition &&
          l->second->leader_epoch().value == it->second.leader_epoch) {
        ++it;
        continue;
      }
      spdlog::info("broker {}: no longer transaction coordinator for {}-{}", broker_->id(), kTxnTopic, it->first);
      unloaded.push_back(it->second.coordinator);
      it = slots_.erase(it);
    }
    for (const auto& [p, partition] : leading) {
      if (slots_.count(p)) continue;
      Slot slot;
      slot.leader_epoch = partition->leader_epoch().value;
      slot.partition = partition;
      slots_[p] = slot;
      to_load.emplace_back(p, slot.leader_epoch);
    }
  }
  for (auto& c : unloaded) {
    if (c) c->Unload();
  }
  for (auto [p, epoch] : to_load) {
    loop_->Post([this, p = p, epoch = epoch] { Load(p, epoch); });
  }
}

void TransactionService::Load(int32_t p, int32_t epoch) {
  std::shared_ptr<Partition> partition;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = slots_.find(p);
    if (it == slots_.end() || it->second.leader_epoch != epoch || it->second.loaded) return;
    partition = it->second.partition;
  }
  const int64_t start = MonotonicMs();
  auto coordinator = std::make_shared<transactions::TransactionCoordinator>(
      p, epoch, config_, [] { return WallClockMs(); },
      std::make_shared<TxnLogStore>(partition, epoch, &broker_->replicas(), kLogWriteTimeoutMs), markers_,
      producer_ids_);
  if (Status st = LoadTxnPartition(*partition, *coordinator); !st.ok()) {
    spdlog::error("{}: loading transactions failed: {}", partition->topic_partition().DirName(), st.ToString());
    loop_->Post([this, p, epoch] { Load(p, epoch); }, 1000);
    return;
  }
  bool installed = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = slots_.find(p);
    if (it != slots_.end() && it->second.leader_epoch == epoch && !it->second.loaded) {
      it->second.coordinator = coordinator;
      it->second.loaded = true;
      installed = true;
    }
  }
  if (!installed) {
    coordinator->Unload();  // leadership changed while loading
    return;
  }
  coordinator->CompleteLoad();
  spdlog::info("broker {}: transaction coordinator for {}-{} (epoch {}) loaded in {} ms", broker_->id(), kTxnTopic, p,
               epoch, MonotonicMs() - start);
}

void TransactionService::ScheduleTick() {
  for (const auto& c : [this] {
         bool loading = false;
         return LoadedCoordinators(&loading);
       }()) {
    c->Tick();
  }
  loop_->Post([this] { ScheduleTick(); }, static_cast<int>(tick_interval_ms_));
}

void TransactionService::EnsureTopic() {
  if (creating_topic_->exchange(true)) return;
  loop_->Post([this] {
    const BrokerConfig& config = broker_->config();
    coordination::CreateTopicRequest request;
    request.name = kTxnTopic;
    request.num_partitions = static_cast<int32_t>(config.GetLong("transaction.state.log.num.partitions"));
    request.replication_factor = static_cast<int32_t>(config.GetLong("transaction.state.log.replication.factor"));
    request.configs["cleanup.policy"] = "compact";
    request.configs["compression.type"] = "uncompressed";
    request.configs["unclean.leader.election.enable"] = "false";
    request.configs["min.insync.replicas"] = std::to_string(config.GetLong("transaction.state.log.min.isr"));
    request.configs["segment.bytes"] = std::to_string(config.GetLong("transaction.state.log.segment.bytes"));
    CreateTopicOnFirstUse(broker_, std::move(request), [flag = creating_topic_] { flag->store(false); });
  });
}

}  // namespace partita::broker
