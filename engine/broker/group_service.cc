#include "engine/broker/group_service.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/broker/offsets_log.h"
#include "engine/broker/topic_creator.h"
#include "engine/common/clock.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/event_loop.h"
#include "engine/group/group_partition.h"

namespace partita::broker {

using protocol::ErrorCode;

namespace {

constexpr int kTickIntervalMs = 100;
const std::string kOffsetsTopic(group::kConsumerOffsetsTopic);

// An OffsetCommit waiting until its records are committed (the HW reached the log end it appended to).
class CommitWaiter : public DelayedOperation {
 public:
  CommitWaiter(std::shared_ptr<Partition> partition, int32_t epoch, Offset target, int64_t deadline_ms,
               std::function<void(ErrorCode)> done)
      : DelayedOperation(deadline_ms),
        partition_(std::move(partition)),
        epoch_(epoch),
        target_(target),
        done_(std::move(done)) {}

 protected:
  bool CanComplete() override { return Lost() || partition_->HighWatermark() >= target_; }
  void OnComplete(bool expired) override {
    if (Lost()) return done_(ErrorCode::kNotCoordinator);
    if (partition_->HighWatermark() >= target_) return done_(ErrorCode::kNone);
    done_(expired ? ErrorCode::kRequestTimedOut : ErrorCode::kNone);
  }

 private:
  bool Lost() const { return !partition_->IsLeader() || partition_->leader_epoch().value != epoch_; }

  const std::shared_ptr<Partition> partition_;
  const int32_t epoch_;
  const Offset target_;
  const std::function<void(ErrorCode)> done_;
};

}  // namespace

GroupService::GroupService(Broker* broker)
    : broker_(broker),
      group_config_(MakeGroupConfig()),
      loop_(std::make_unique<coordination::EventLoop>("groups-" + std::to_string(broker->id()))) {
  loop_->Post([this] { ScheduleTick(); }, kTickIntervalMs);
}

GroupService::~GroupService() { Stop(); }

void GroupService::Stop() {
  if (loop_) loop_->Stop();
  std::map<int32_t, Slot> slots;
  {
    std::lock_guard<std::mutex> lock(mu_);
    slots.swap(slots_);
  }
  for (auto& [p, slot] : slots) {
    if (slot.coordinator) slot.coordinator->UnloadAll();
  }
}

group::GroupConfig GroupService::MakeGroupConfig() const {
  const BrokerConfig& c = broker_->config();
  group::GroupConfig g;
  g.min_session_timeout_ms = static_cast<int32_t>(c.GetLong("group.min.session.timeout.ms"));
  g.max_session_timeout_ms = static_cast<int32_t>(c.GetLong("group.max.session.timeout.ms"));
  g.initial_rebalance_delay_ms = static_cast<int32_t>(c.GetLong("group.initial.rebalance.delay.ms"));
  g.max_size = static_cast<int32_t>(c.GetLong("group.max.size"));
  g.offsets_retention_ms = c.GetLong("offsets.retention.minutes") * 60 * 1000;
  g.offset_metadata_max_bytes = static_cast<int32_t>(c.GetLong("offset.metadata.max.bytes"));
  return g;
}

int32_t GroupService::PartitionFor(const std::string& group_id) const {
  auto md = broker_->metadata();
  auto it = md->topics.find(kOffsetsTopic);
  const int32_t count = it != md->topics.end() && !it->second.partitions.empty()
                            ? static_cast<int32_t>(it->second.partitions.size())
                            : static_cast<int32_t>(broker_->config().GetLong("offsets.topic.num.partitions"));
  return group::OffsetsPartitionFor(group_id, count);
}

ErrorCode GroupService::FindCoordinator(const std::string& group_id, int32_t* node_id) {
  auto md = broker_->metadata();
  auto it = md->topics.find(kOffsetsTopic);
  if (it == md->topics.end() || it->second.partitions.empty()) {
    EnsureOffsetsTopic();
    return ErrorCode::kCoordinatorNotAvailable;
  }
  const int32_t p = group::OffsetsPartitionFor(group_id, static_cast<int32_t>(it->second.partitions.size()));
  auto pit = it->second.partitions.find(p);
  if (pit == it->second.partitions.end() || pit->second.leader < 0 || !md->brokers.count(pit->second.leader)) {
    return ErrorCode::kCoordinatorNotAvailable;
  }
  *node_id = pit->second.leader;
  return ErrorCode::kNone;
}

GroupService::Hosted GroupService::CoordinatorFor(const std::string& group_id) {
  Hosted out;
  auto md = broker_->metadata();
  auto it = md->topics.find(kOffsetsTopic);
  if (it == md->topics.end() || it->second.partitions.empty()) {
    EnsureOffsetsTopic();
    out.error = ErrorCode::kCoordinatorNotAvailable;
    return out;
  }
  const int32_t p = group::OffsetsPartitionFor(group_id, static_cast<int32_t>(it->second.partitions.size()));
  std::lock_guard<std::mutex> lock(mu_);
  auto sit = slots_.find(p);
  if (sit == slots_.end()) {
    out.error = ErrorCode::kNotCoordinator;
    return out;
  }
  if (!sit->second.loaded) {
    out.error = ErrorCode::kCoordinatorLoadInProgress;
    return out;
  }
  const Slot& slot = sit->second;
  if (!slot.partition->IsLeader() || slot.partition->leader_epoch().value != slot.leader_epoch) {
    out.error = ErrorCode::kNotCoordinator;  // leadership moved; the unload is on its way
    return out;
  }
  out.coordinator = slot.coordinator;
  out.partition = slot.partition;
  out.leader_epoch = slot.leader_epoch;
  out.txn_offsets = slot.txn_offsets;
  return out;
}

std::vector<std::shared_ptr<group::GroupCoordinator>> GroupService::LoadedCoordinators(bool* loading) {
  std::vector<std::shared_ptr<group::GroupCoordinator>> out;
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

void GroupService::WhenCommitted(const Hosted& hosted, std::function<void(ErrorCode)> done) {
  const int64_t timeout = broker_->config().GetLong("offsets.commit.timeout.ms");
  auto op = std::make_shared<CommitWaiter>(hosted.partition, hosted.leader_epoch, hosted.partition->LogEndOffset(),
                                           MonotonicMs() + timeout, std::move(done));
  broker_->replicas().produce_purgatory().Watch(op, {hosted.partition->topic_partition()});
}

void GroupService::CompleteTxnOffsets(int32_t partition, int64_t producer_id, bool commit) {
  std::shared_ptr<group::GroupCoordinator> coordinator;
  std::shared_ptr<group::PendingTxnOffsets> pending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = slots_.find(partition);
    if (it == slots_.end() || !it->second.loaded) return;  // a later load replays the marker from the log
    coordinator = it->second.coordinator;
    pending = it->second.txn_offsets;
  }
  for (auto& o : pending->Take(producer_id)) {
    if (commit) coordinator->LoadOffset(o.group_id, {o.record.topic, o.record.partition}, o.record.value);
  }
}

void GroupService::OnLeadershipChanged() {
  loop_->Post([this] { SyncLeadership(); });
}

void GroupService::SyncLeadership() {
  auto md = broker_->metadata();
  std::map<int32_t, std::shared_ptr<Partition>> leading;
  if (auto it = md->topics.find(kOffsetsTopic); it != md->topics.end()) {
    for (const auto& [p, _] : it->second.partitions) {
      auto local = broker_->replicas().Get({kOffsetsTopic, PartitionId(p)});
      if (local && local->IsLeader()) leading[p] = local;
    }
  }
  std::vector<std::pair<TopicPartition, std::shared_ptr<group::GroupCoordinator>>> unloaded;
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
      unloaded.emplace_back(TopicPartition{kOffsetsTopic, PartitionId(it->first)}, it->second.coordinator);
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
  for (auto& [tp, coordinator] : unloaded) {
    if (coordinator) coordinator->UnloadAll();
    spdlog::info("broker {}: no longer coordinator for {}", broker_->id(), tp.DirName());
    broker_->replicas().produce_purgatory().Notify(tp);  // commits waiting there answer NOT_COORDINATOR
  }
  for (auto [p, epoch] : to_load) {
    loop_->Post([this, p = p, epoch = epoch] { Load(p, epoch); });
  }
}

void GroupService::Load(int32_t p, int32_t epoch) {
  std::shared_ptr<Partition> partition;
  std::shared_ptr<group::PendingTxnOffsets> txn_offsets;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = slots_.find(p);
    if (it == slots_.end() || it->second.leader_epoch != epoch || it->second.loaded) return;
    partition = it->second.partition;
    txn_offsets = it->second.txn_offsets;
  }
  const int64_t start = MonotonicMs();
  auto coordinator = std::make_shared<group::GroupCoordinator>(group_config_, [] { return WallClockMs(); },
                                                               std::make_shared<OffsetsLogStore>(partition, [this, tp = partition->topic_partition()] {
                                                                 broker_->replicas().OnPartitionChanged(tp);
                                                               }));
  if (Status st = LoadOffsetsPartition(*partition, *coordinator, txn_offsets.get()); !st.ok()) {
    // Retry later: the partition stays "loading" rather than serving without its committed offsets.
    spdlog::error("{}: loading groups failed: {}", partition->topic_partition().DirName(), st.ToString());
    loop_->Post([this, p, epoch] { Load(p, epoch); }, 1000);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = slots_.find(p);
    if (it != slots_.end() && it->second.leader_epoch == epoch && !it->second.loaded) {
      it->second.coordinator = coordinator;
      it->second.loaded = true;
      coordinator.reset();
    }
  }
  if (coordinator) {
    coordinator->UnloadAll();  // leadership changed while loading
    return;
  }
  spdlog::info("broker {}: coordinator for {}-{} (epoch {}) loaded in {} ms", broker_->id(), kOffsetsTopic, p, epoch,
               MonotonicMs() - start);
}

void GroupService::ScheduleTick() {
  std::vector<std::shared_ptr<group::GroupCoordinator>> loaded;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [p, slot] : slots_)
      if (slot.loaded) loaded.push_back(slot.coordinator);
  }
  for (const auto& c : loaded) c->Tick();
  loop_->Post([this] { ScheduleTick(); }, kTickIntervalMs);
}

void GroupService::EnsureOffsetsTopic() {
  if (creating_topic_->exchange(true)) return;
  loop_->Post([this] { CreateOffsetsTopic(); });
}

void GroupService::CreateOffsetsTopic() {
  const BrokerConfig& config = broker_->config();
  coordination::CreateTopicRequest request;
  request.name = kOffsetsTopic;
  request.num_partitions = static_cast<int32_t>(config.GetLong("offsets.topic.num.partitions"));
  request.replication_factor = static_cast<int32_t>(config.GetLong("offsets.topic.replication.factor"));
  request.configs["cleanup.policy"] = "compact";
  request.configs["segment.bytes"] = std::to_string(config.GetLong("offsets.topic.segment.bytes"));
  request.configs["compression.type"] = "producer";
  CreateTopicOnFirstUse(broker_, request, [flag = creating_topic_] { flag->store(false); });
}

}  // namespace partita::broker
