#include "engine/broker/replica_manager.h"

#include <spdlog/spdlog.h>

#include "engine/storage/checkpoint_file.h"

namespace partita::broker {

ReplicaManager::ReplicaManager(BrokerId self, storage::LogManager* logs, const std::vector<std::string>& log_dirs)
    : self_(self),
      logs_(logs),
      fetch_purgatory_(std::make_unique<Purgatory>()),
      produce_purgatory_(std::make_unique<Purgatory>()) {
  for (const auto& dir : log_dirs) {
    auto hw = storage::ReadOffsetCheckpoint(dir + "/" + storage::kReplicationOffsetCheckpointFile);
    if (!hw.ok()) {
      spdlog::warn("{}: {}; high watermarks start at the log end", dir, hw.status().ToString());
      continue;
    }
    checkpointed_hw_.insert(hw->begin(), hw->end());
  }
}

ReplicaManager::~ReplicaManager() = default;

Result<std::shared_ptr<Partition>> ReplicaManager::GetOrCreate(const TopicPartition& tp,
                                                               const TopicSettings& settings,
                                                               const std::string& topic_id) {
  if (auto existing = Get(tp)) {
    existing->UpdateSettings(settings);
    return existing;
  }
  // KIP-516: a log left from an earlier incarnation of the topic (partition.metadata names another topic id) is
  // deleted there, and its checkpointed high watermark must not carry over to the new incarnation.
  auto before = logs_->GetLog(tp);
  auto log = logs_->GetOrCreateLog(tp, settings.log, topic_id);
  if (!log.ok()) return log.status();
  if (before && before != *log) checkpointed_hw_.erase(tp);
  auto partition = std::make_shared<Partition>(tp, self_, *log, settings);
  std::unique_lock lock(mu_);
  auto [it, inserted] = partitions_.emplace(tp, partition);
  return it->second;
}

Offset ReplicaManager::CheckpointedHighWatermark(const TopicPartition& tp) const {
  auto hw = checkpointed_hw_.find(tp);
  return Offset(hw == checkpointed_hw_.end() ? -1 : hw->second);
}

Status ReplicaManager::BecomeLeader(const PartitionLeadership& p, const TopicSettings& settings) {
  auto partition = GetOrCreate(p.tp, settings, p.topic_id);
  if (!partition.ok()) return partition.status();
  (*partition)->BecomeLeader(p.leader_epoch, p.controller_epoch, p.replicas, p.isr, p.zk_version,
                             CheckpointedHighWatermark(p.tp));
  spdlog::info("{}: leader at epoch {} (replicas {}, isr {})", p.tp.DirName(), p.leader_epoch.value,
               p.replicas.size(), p.isr.size());
  OnPartitionChanged(p.tp);
  return Status::Ok();
}

Result<std::shared_ptr<Partition>> ReplicaManager::BecomeFollower(const PartitionLeadership& p,
                                                                  const TopicSettings& settings) {
  auto partition = GetOrCreate(p.tp, settings, p.topic_id);
  if (!partition.ok()) return partition.status();
  (*partition)->BecomeFollower(p.leader, p.leader_epoch, p.replicas, CheckpointedHighWatermark(p.tp));
  spdlog::info("{}: follower of broker {} at epoch {}", p.tp.DirName(), p.leader, p.leader_epoch.value);
  OnPartitionChanged(p.tp);  // parked consumer fetches answer NOT_LEADER_OR_FOLLOWER now
  return partition;
}

void ReplicaManager::StopReplica(const TopicPartition& tp, bool delete_log) {
  std::shared_ptr<Partition> partition;
  {
    std::unique_lock lock(mu_);
    auto it = partitions_.find(tp);
    if (it != partitions_.end()) {
      partition = it->second;
      partitions_.erase(it);
    }
  }
  // Kafka's ReplicaManager.stopPartitions: the partition stops leading (Partition.delete) before the delayed
  // operations are completed. Only removing it from the map left an acks=all produce parked on a leader that a
  // reassignment had just moved away: no follower fetches from it any more, its high watermark never moves,
  // and the producer (one request in flight, idempotent) stalled until the request timed out (30 s).
  if (partition) partition->Stop();
  OnPartitionChanged(tp);  // parked produces and fetches answer NOT_LEADER_OR_FOLLOWER now
  if (delete_log) {
    if (auto st = logs_->DeleteLog(tp); !st.ok()) spdlog::warn("deleting log {}: {}", tp.DirName(), st.ToString());
  }
}

void ReplicaManager::UpdateSettings(const std::string& topic, const TopicSettings& settings) {
  for (auto& p : All())
    if (p->topic_partition().topic == topic) p->UpdateSettings(settings);
}

std::shared_ptr<Partition> ReplicaManager::Get(const TopicPartition& tp) const {
  std::shared_lock lock(mu_);
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Partition>> ReplicaManager::All() const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<Partition>> out;
  out.reserve(partitions_.size());
  for (const auto& [tp, p] : partitions_) out.push_back(p);
  return out;
}

void ReplicaManager::SnapshotProducerStates() {
  for (const auto& p : All()) {
    if (auto st = p->SnapshotProducerState(); !st.ok()) {
      spdlog::warn("{}: producer state snapshot failed: {}", p->topic_partition().DirName(), st.ToString());
    }
  }
}

std::map<TopicPartition, int64_t> ReplicaManager::HighWatermarks() const {
  std::map<TopicPartition, int64_t> out;
  for (const auto& p : All()) out[p->topic_partition()] = p->HighWatermark().value;
  return out;
}

}  // namespace partita::broker
