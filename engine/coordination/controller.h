// Controller: the seed of Kafka's ZK-mode controller. Every broker runs one; only the broker whose
// ControllerElector wins acts (the others answer requests with Aborted("not controller ...")).
//
// What the active controller does, all on its own EventLoop thread (Kafka's ControllerEventManager: one queue,
// one thread, so controller state needs no locks and events are handled in order):
// - watches /brokers/ids (live brokers) and /brokers/topics (topics created by any broker);
// - CreateTopic: validates (Kafka's name rules, partitions >= 1, replication factor <= live brokers), assigns
//   replicas round-robin from a random start with Kafka's shifted followers (rack-aware later), then writes
//   /config/topics/T, /brokers/topics/T and every partitions/P/state in ONE fenced multi (atomic, so a watcher
//   never sees a topic without its partition states);
// - CreatePartitions, DeleteTopic (marks /admin/delete_topics/T, removes the topic's znodes, clears the mark);
// - on broker death or return, re-elects leaders of affected partitions: first replica in assignment order that
//   is alive and in the ISR; if none, the first alive replica only when unclean election is enabled (topic config
//   unclean.leader.election.enable or Options), else leader -1 with the ISR kept. Dead replicas leave the ISR.
//   Every change bumps leader_epoch and is written conditionally on the state node's zkVersion.
// Every write includes the fencing check on /controller_epoch (FencedOps); a fenced write resigns at once.
//
// Results come back through callbacks (run on the controller thread; must not block) or futures, so a network
// handler never blocks on ZooKeeper; tests may wait on the futures.
// Ownership: borrows the ZkClient (must outlive this). Thread safety: public methods are safe from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/coordination/controller_elector.h"
#include "engine/coordination/event_loop.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

using ReplicaAssignment = std::map<int32_t, std::vector<int32_t>>;  // partition -> replicas (preferred first)

struct CreateTopicRequest {
  std::string name;
  int32_t num_partitions = 1;
  int32_t replication_factor = 1;
  ReplicaAssignment manual_assignment;  // empty: automatic
  TopicConfig configs;
};

// Kafka's rack-unaware assignment (AdminUtils.assignReplicasToBrokersRackUnaware): partition p's first replica
// is brokers[(p + start) % n]; followers are shifted by a per-round offset so that leaders AND followers spread.
// brokers must be sorted; start_index and replica_shift are random in [0, n) in production, fixed in tests.
ReplicaAssignment AssignReplicas(const std::vector<int32_t>& brokers, int32_t num_partitions,
                                 int32_t replication_factor, int32_t start_index, int32_t replica_shift,
                                 int32_t first_partition = 0);

// Pure leader election for one partition given the live brokers; nullopt if nothing changes.
std::optional<PartitionState> ElectLeader(const std::vector<int32_t>& replicas, const PartitionState& current,
                                          const std::set<int32_t>& live, bool unclean_allowed,
                                          int32_t controller_epoch);

class Controller {
 public:
  struct Options {
    bool unclean_leader_election_enable = false;  // broker default; topics may override
    uint32_t random_seed = 0;                     // 0 = seed from std::random_device
  };
  using Callback = std::function<void(const Status&)>;

  Controller(ZkClient* zk, int32_t broker_id, Options options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  void Start();  // starts competing for the controllership
  void Stop();   // resigns and stops; blocks until done

  bool is_active() const { return active_.load(); }
  const ControllerElector& elector() const { return *elector_; }

  void CreateTopic(CreateTopicRequest request, Callback done);
  std::future<Status> CreateTopic(CreateTopicRequest request);
  // Grows topic to new_total partitions (manual: assignment for the new partitions only, optional).
  void CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual, Callback done);
  std::future<Status> CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual = {});
  void DeleteTopic(std::string topic, Callback done);
  std::future<Status> DeleteTopic(std::string topic);

 private:
  struct PartitionEntry {
    PartitionState state;
    int32_t zk_version = -1;
  };
  struct TopicEntry {
    TopicAssignment assignment;
    int32_t zk_version = -1;
    TopicConfig config;
    std::map<int32_t, PartitionEntry> partitions;
  };

  // Everything below runs on loop_ only.
  void OnBecameController(const FencingToken& token);
  void OnResigned();
  void WatchBrokers();
  void WatchTopics();
  Status LoadTopic(const std::string& topic);
  void ElectLeaders();
  Status DoCreateTopic(const CreateTopicRequest& request);
  Status DoCreatePartitions(const std::string& topic, int32_t new_total, const ReplicaAssignment& manual);
  Status DoDeleteTopic(const std::string& topic);
  Status NotController() const;
  // Runs a fenced multi; on a failed fencing check, resigns and returns Aborted.
  Status FencedMulti(std::vector<ZkOp> ops, std::vector<ZkOpResult>* results = nullptr);
  Status ValidateAssignment(const ReplicaAssignment& a, int32_t first_partition, int32_t count) const;
  PartitionState InitialState(const std::vector<int32_t>& replicas) const;
  bool UncleanAllowed(const TopicEntry& topic) const;

  ZkClient* const zk_;
  const int32_t broker_id_;
  const Options options_;
  std::shared_ptr<EventLoop> loop_;
  std::unique_ptr<ControllerElector> elector_;
  std::atomic<bool> active_{false};
  uint64_t activation_ = 0;  // bumps on each (re)activation so stale watch events are ignored
  FencingToken token_;
  std::set<int32_t> live_brokers_;
  std::map<std::string, TopicEntry> topics_;
  std::mt19937 rng_;
};

}  // namespace partita::coordination
