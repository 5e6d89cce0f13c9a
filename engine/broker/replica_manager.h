// ReplicaManager: the partitions this broker hosts, keyed by topic partition. It turns metadata changes into
// leader/follower transitions (opening or deleting logs through the LogManager) and wakes parked fetches when
// a partition's data grows.
// Thread safety: thread-safe; partitions are shared_ptrs so a request keeps its partition alive while it runs.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/broker/purgatory.h"
#include "engine/storage/log_manager.h"

namespace partita::broker {

// A partition's state as ZooKeeper holds it (/brokers/topics/T/partitions/P/state plus the assignment).
struct PartitionLeadership {
  TopicPartition tp;
  LeaderEpoch leader_epoch{0};
  int32_t leader = -1;
  int32_t controller_epoch = 0;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  int32_t zk_version = -1;
  std::string topic_id;  // the topic's id (KIP-516, Kafka's text form); empty: none yet
};

class ReplicaManager {
 public:
  // Reads the replication-offset-checkpoint of every log dir: a new leader's high watermark starts there.
  ReplicaManager(BrokerId self, storage::LogManager* logs, const std::vector<std::string>& log_dirs);
  ~ReplicaManager();

  // This broker leads `p`: opens (or creates) the log and makes the partition leader at p.leader_epoch.
  Status BecomeLeader(const PartitionLeadership& p, const TopicSettings& settings);
  // This broker follows p.leader: opens (or creates) the log; the caller starts fetching.
  Result<std::shared_ptr<Partition>> BecomeFollower(const PartitionLeadership& p, const TopicSettings& settings);
  // This broker no longer hosts the partition; `delete_log` removes its files (topic deleted / reassigned).
  void StopReplica(const TopicPartition& tp, bool delete_log);
  void UpdateSettings(const std::string& topic, const TopicSettings& settings);

  std::shared_ptr<Partition> Get(const TopicPartition& tp) const;
  std::vector<std::shared_ptr<Partition>> All() const;

  Purgatory& fetch_purgatory() { return *fetch_purgatory_; }
  // Called after data was appended to `tp` (or its HW moved): parked fetches re-check.
  void OnPartitionChanged(const TopicPartition& tp) {
    fetch_purgatory_->Notify(tp);
    produce_purgatory_->Notify(tp);
  }

  // Snapshots every partition's producer state (clean shutdown).
  void SnapshotProducerStates();
  // High watermarks of every partition, for the replication-offset-checkpoint.
  std::map<TopicPartition, int64_t> HighWatermarks() const;

  Purgatory& produce_purgatory() { return *produce_purgatory_; }

 private:
  Result<std::shared_ptr<Partition>> GetOrCreate(const TopicPartition& tp, const TopicSettings& settings,
                                                 const std::string& topic_id);
  Offset CheckpointedHighWatermark(const TopicPartition& tp) const;

  const BrokerId self_;
  storage::LogManager* const logs_;
  mutable std::shared_mutex mu_;
  std::unordered_map<TopicPartition, std::shared_ptr<Partition>> partitions_;
  std::unique_ptr<Purgatory> fetch_purgatory_;
  std::unique_ptr<Purgatory> produce_purgatory_;  // acks=all produces waiting for the high watermark
  // From the last run, read once at start; an entry is dropped (by the metadata thread, the only caller of
  // GetOrCreate) when its log was a stray of an earlier topic incarnation.
  std::map<TopicPartition, int64_t> checkpointed_hw_;
};

}  // namespace partita::broker
