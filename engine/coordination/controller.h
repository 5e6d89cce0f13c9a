// Controller: the seed of Kafka's ZK-mode controller. Every broker runs one; only the broker whose
// ControllerElector wins acts (the others answer requests with Aborted("not controller ...")).
//
// What the active controller does, all on its own EventLoop thread (Kafka's ControllerEventManager: one queue,
// one thread, so controller state needs no locks and events are handled in order):
// - watches /brokers/ids (live brokers) and /brokers/topics (topics created by any broker);
// - CreateTopic: validates (Kafka's name rules, partitions >= 1, replication factor <= live brokers), assigns
//   replicas round-robin from a random start with Kafka's shifted followers (rack-aware later), then writes
//   /config/topics/T and /brokers/topics/T in one fenced multi and the partitions' states in pipelined fenced
//   multis of at most kStatesPerMulti partitions (one multi larger than jute.maxbuffer, 1 MiB, would break the
//   session); a topic of many partitions is written in slices between other events, so the controller keeps
//   answering. Brokers see each partition's state appear through the state-change notifications; a controller
//   that dies half way leaves a topic whose missing states the next controller creates (LoadTopic), as Kafka's
//   controller does for topics written by AdminZkClient;
// - CreatePartitions, DeleteTopic (marks /admin/delete_topics/T, removes the topic's znodes, clears the mark);
// - topics get a Kafka topic id at creation (v3 topic znode); topics written by others without one get one;
// - on broker death or return, re-elects leaders of affected partitions: first replica in assignment order that
//   is alive and in the ISR; if none, the first alive replica only when unclean election is enabled (topic config
//   unclean.leader.election.enable or Options), else leader -1 with the ISR kept. Dead replicas leave the ISR.
//   Every change bumps leader_epoch and is written conditionally on the state node's zkVersion.
// - broker epochs (KIP-380): keeps broker id -> epoch (the czxid of /brokers/ids/N) and, on every /brokers/ids
//   change, takes a broker whose epoch changed (bounced: restarted or re-registered after a session expiry,
//   even when the id set did not change) as a failure then a startup: its partitions get a new leader from the
//   rest of the live ISR at a bumped leader epoch and it leaves the ISRs (the sole ISR member goes offline and
//   is then re-elected at a NEW leader epoch), so it never resumes leadership decided for its previous life.
//   A new controller, which cannot know earlier epochs, does the same for every live leader/ISR member whose
//   registration is newer than the partition state znode (czxid > the state's mzxid). Controlled-shutdown
//   requests carrying an older broker epoch than the registered one are refused (STALE_BROKER_EPOCH).
// - ElectLeaders (preferred / unclean), also /admin/preferred_replica_election written by tools;
// - partition reassignment (Kafka's KIP-455 algorithm, state kept in the topic znode's adding/removing sets so a
//   new controller resumes it), also /admin/reassign_partitions written by tools (entries removed when done);
// - controlled shutdown, via the API or /admin/controlled_shutdown/<id> (see controlled_shutdown.h);
// - ISR change notifications (/isr_change_notification, see isr_update.h): reloads states, deletes the nodes;
// - deletion requests /admin/delete_topics/T from other tools;
// - auto leader rebalance (Kafka's auto.leader.rebalance.enable and friends).
// Every write includes the fencing check on /controller_epoch (FencedOps); a fenced write resigns at once.
// Batches (KIP-291's lesson, Kafka 1.1): every event — broker death or return, controlled shutdown, elections,
// topic creation, ISR notifications, failover — is ONE pass over the partitions it touches with pipelined
// ZooKeeper reads and writes (UpdatePartitionStates, LoadTopics), not one synchronous round trip per partition.
//
// Results come back through callbacks (run on the controller thread; must not block) or futures, so a network
// handler never blocks on ZooKeeper; tests may wait on the futures.
// Ownership: borrows the ZkClient (must outlive this). Thread safety: public methods are safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordination/controller_elector.h"
#include "engine/coordination/controller_types.h"
#include "engine/coordination/event_loop.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/replica_assignment.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

struct CreateTopicRequest {
  std::string name;
  int32_t num_partitions = 1;
  int32_t replication_factor = 1;
  ReplicaAssignment manual_assignment;  // empty: automatic
  TopicConfig configs;
};

// Pure leader election for one partition given the live brokers; nullopt if nothing changes.
std::optional<PartitionState> ElectLeader(const std::vector<int32_t>& replicas, const PartitionState& current,
                                          const std::set<int32_t>& live, bool unclean_allowed,
                                          int32_t controller_epoch);

class Controller {
 public:
  struct Options {
    bool unclean_leader_election_enable = false;  // broker default; topics may override
    uint32_t random_seed = 0;                     // 0 = seed from std::random_device
    // Kafka's auto.leader.rebalance.enable, leader.imbalance.check.interval.seconds (fractions allowed, for
    // tests), leader.imbalance.per.broker.percentage.
    bool auto_leader_rebalance_enable = true;
    double leader_imbalance_check_interval_seconds = 300;
    int32_t leader_imbalance_per_broker_percentage = 10;
  };
  using Callback = std::function<void(const Status&)>;
  // A non-ok Status means the whole request failed (e.g. Aborted "not controller"); otherwise one result per
  // partition.
  using ResultsCallback = std::function<void(Result<PartitionResults>)>;
  using ReassignmentsCallback = std::function<void(Result<ReassignmentMap>)>;
  using ShutdownCallback = std::function<void(Result<std::vector<TopicPartition>>)>;
  using TargetReplicas = std::map<TopicPartition, std::optional<std::vector<int32_t>>>;  // nullopt = cancel

  Controller(ZkClient* zk, int32_t broker_id, Options options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  void Start();  // starts competing for the controllership
  void Stop();   // resigns and stops; blocks until done

  bool is_active() const { return active_.load(); }
  // The broker default unclean.leader.election.enable changed (dynamic broker config). Enabling it elects
  // leaders for offline partitions now, as Kafka's controller does, rather than at the next broker change.
  void SetUncleanLeaderElectionEnable(bool enable);
  const ControllerElector& elector() const { return *elector_; }

  void CreateTopic(CreateTopicRequest request, Callback done);
  std::future<Status> CreateTopic(CreateTopicRequest request);
  // Grows topic to new_total partitions (manual: assignment for the new partitions only, optional).
  void CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual, Callback done);
  std::future<Status> CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual = {});
  void DeleteTopic(std::string topic, Callback done);
  std::future<Status> DeleteTopic(std::string topic);

  // Preferred: the head of the assignment becomes leader if alive and in the ISR (ELECTION_NOT_NEEDED if it
  // already leads, PREFERRED_LEADER_NOT_AVAILABLE otherwise). Unclean: for a partition without a live leader,
  // the first live ISR member in assignment order, else the first live replica (result.unclean = true);
  // ELECTION_NOT_NEEDED if a live leader exists, ELIGIBLE_LEADERS_NOT_AVAILABLE if no replica is alive.
  // partitions nullopt = all partitions; then ELECTION_NOT_NEEDED results are left out (as Kafka's KafkaApis).
  void ElectLeaders(ElectionType type, std::optional<std::vector<TopicPartition>> partitions, ResultsCallback done);
  std::future<Result<PartitionResults>> ElectLeaders(ElectionType type,
                                                     std::optional<std::vector<TopicPartition>> partitions);

  // Starts (or cancels, with nullopt) reassignments; answers once each is started (or refused), not when done.
  // Errors per partition: INVALID_REPLICA_ASSIGNMENT (empty, duplicate, negative or unknown broker ids; nothing
  // changes), UNKNOWN_TOPIC_OR_PARTITION, NO_REASSIGNMENT_IN_PROGRESS (cancel of nothing).
  void AlterPartitionReassignments(TargetReplicas targets, ResultsCallback done);
  std::future<Result<PartitionResults>> AlterPartitionReassignments(TargetReplicas targets);
  // Reassignments in progress (partitions nullopt = all), with progress.
  void ListPartitionReassignments(std::optional<std::vector<TopicPartition>> partitions, ReassignmentsCallback done);
  std::future<Result<ReassignmentMap>> ListPartitionReassignments(
      std::optional<std::vector<TopicPartition>> partitions = std::nullopt);

  // Moves leadership of the broker's replicated partitions to other live ISR members and removes it from the
  // ISRs; answers with the partitions it still leads (no other ISR member). NotFound if it is not registered.
  // Brokers in another process use RequestControlledShutdown (controlled_shutdown.h), which ends up here.
  // broker_epoch: the requesting incarnation's broker epoch (-1 = unknown, accepted as Kafka does); a request
  // from an incarnation older than the registered one fails with StaleEpoch and changes nothing (KIP-380).
  void ControlledShutdown(int32_t broker_id, ShutdownCallback done, int64_t broker_epoch = -1);
  std::future<Result<std::vector<TopicPartition>>> ControlledShutdown(int32_t broker_id, int64_t broker_epoch = -1);

 private:
  struct PartitionEntry {
    PartitionState state;
    int32_t zk_version = -1;
    // The state znode's mzxid: the zxid of the write that decided this state. kWrittenNow for a node this
    // controller just created (ZooKeeper's create does not return a Stat in a multi): newer than every
    // registration the controller knows.
    int64_t mzxid = kWrittenNow;
  };
  static constexpr int64_t kWrittenNow = INT64_MAX;
  struct TopicEntry {
    TopicAssignment assignment;
    int32_t zk_version = -1;
    TopicConfig config;
    std::map<int32_t, PartitionEntry> partitions;
  };

  // Decides a partition's next state from its current one; nullopt = no write.
  using StateDecision = std::function<std::optional<PartitionState>(const std::vector<int32_t>& replicas,
                                                                    const PartitionState& current)>;
  using BatchDecision = std::function<std::optional<PartitionState>(
      const TopicPartition& tp, const std::vector<int32_t>& replicas, const PartitionState& current)>;

  // Everything below runs on loop_ only.
  void OnBecameController(const FencingToken& token);
  void OnResigned();
  void WatchBrokers();
  void WatchTopics();
  // Re-arming watches that run handler on every change while this activation lasts.
  void ArmChildren(const std::string& path, std::function<void(const std::vector<std::string>&)> handler);
  void ArmNode(const std::string& path, std::function<void(const std::optional<ZkGetResult>&)> handler);
  Status LoadTopic(const std::string& topic);
  // Loads many topics with pipelined reads (assignments, configs, then every partition state at once), creating
  // missing partition states; a controller failover loads the whole cluster this way. Returns the failures.
  std::map<std::string, Status> LoadTopics(const std::vector<std::string>& topics);
  Status ReloadPartitionState(const std::string& topic, int32_t partition);
  // Re-reads many partition states into the cache with pipelined reads; returns the failures.
  std::map<TopicPartition, Status> ReloadPartitionStates(const std::vector<TopicPartition>& partitions);
  // Topic creation, after its topic znode is written: the partition states, kCreateSlice partitions per loop
  // task so other events run in between; done runs after the last slice (or the first failure).
  void CreateStatesInSlices(const std::string& topic, std::shared_ptr<const std::vector<StateWrite>> writes,
                            size_t from, uint64_t activation, Callback done);
  void ElectOfflineLeaders();
  // Kafka's onBrokerFailure for brokers that came back as a new incarnation (KIP-380): for every partition with
  // a live leader, the replicas in `bounced` plus the live leader/ISR members registered after the state was
  // written (StaleMembers) are taken as failed — a new leader from the rest of the live ISR (leader -1 if none,
  // ISR kept), they leave the ISR, the leader epoch is bumped. ElectOfflineLeaders() then runs the startup half.
  void FenceNewIncarnations(const std::set<int32_t>& bounced);
  // Live members of {leader} + ISR whose registration (broker epoch = czxid) is newer than the state's mzxid:
  // this state was decided before their current incarnation existed. Empty for a partition without a leader
  // (an offline partition's ISR member returning is an ordinary startup).
  std::set<int32_t> StaleMembers(const PartitionState& state, int64_t mzxid) const;
  // Writes the decided state conditionally on the cached zkVersion, re-reading and deciding again when a leader's
  // ISR write got there first. Ok without a write when decide returns nullopt.
  Status UpdatePartitionState(const std::string& topic, int32_t partition, const StateDecision& decide);
  // The batched form every controller event uses: ONE pass over `partitions` decides every next state, and all
  // the writes go out together in pipelined fenced multis (each state write conditional on its cached zkVersion,
  // with one state-change notification per multi for the brokers, see state_changes.h). Writes that lost a race
  // with a leader's ISR write are re-read (pipelined) and decided again, up to 5 rounds. Returns the failures.
  std::map<TopicPartition, Status> UpdatePartitionStates(const std::vector<TopicPartition>& partitions,
                                                         const BatchDecision& decide);
  // Writes states (creates or conditional sets) in pipelined fenced multis; one Status per write, and the new
  // Stat of each successful set in *stats. Resigns when fenced.
  std::vector<Status> WriteStates(const std::vector<StateWrite>& writes, std::vector<ZkStat>* stats);
  // Deletes old /partita/state_changes notifications (keeps the newest kKeptStateChanges), periodically.
  void ScheduleStateChangeTrim();
  void TrimStateChanges();
  // Every partition of every cached topic.
  std::vector<TopicPartition> AllPartitions() const;
  TopicEntry* FindPartition(const TopicPartition& tp, std::vector<int32_t>* replicas);
  bool Eligible(int32_t broker) const { return live_brokers_.count(broker) && !shutting_down_.count(broker); }

  // controller_elections.cc
  PartitionResults DoElectLeaders(ElectionType type, const std::optional<std::vector<TopicPartition>>& partitions);
  // Elects for all `targets` in one batch; results per partition.
  PartitionResults ElectBatch(ElectionType type, const std::vector<TopicPartition>& targets);
  Result<std::vector<TopicPartition>> DoControlledShutdown(int32_t broker_id, int64_t broker_epoch);
  // Kafka's StaleBrokerEpochException check: a known epoch newer than the request's.
  bool IsStaleEpoch(int32_t broker_id, int64_t broker_epoch) const;
  // The warning every unclean election leaves in the log (admin ElectLeaders and unclean.leader.election.enable).
  void LogUncleanElection(const TopicPartition& tp, const PartitionState& before, const PartitionState& after,
                          std::string_view trigger) const;
  void OnPreferredElectionNode(const std::optional<ZkGetResult>& node);
  void OnControlledShutdownRequests(const std::vector<std::string>& children);
  void ScheduleRebalanceCheck();
  void CheckLeaderBalance();
  void OnDeleteTopicRequests(const std::vector<std::string>& children);
  void OnIsrChangeNotifications(const std::vector<std::string>& children);
  // A topic config changed (/config/changes): reload the configs, then elect leaders that may now be allowed
  // (unclean.leader.election.enable set on a topic).
  void OnConfigChanges();

  // controller_reassignment.cc
  PartitionResults DoAlterReassignments(const TargetReplicas& targets, bool from_zk);
  PartitionResult StartReassignment(const TopicPartition& tp, const std::optional<std::vector<int32_t>>& target);
  std::optional<std::string> ValidateTargetReplicas(const std::vector<int32_t>& target) const;
  // Finishes the reassignment of tp if every target replica is in the ISR.
  void TryCompleteReassignment(const TopicPartition& tp);
  void ResumeReassignments();
  ReassignmentMap DoListReassignments(const std::optional<std::vector<TopicPartition>>& partitions) const;
  void OnReassignNode(const std::optional<ZkGetResult>& node);
  void RemoveFromZkReassignment(const std::set<TopicPartition>& done);
  // Validate and write the topic znode; the partition states to create go to *states (CreateStatesInSlices).
  Status DoCreateTopic(const CreateTopicRequest& request, std::vector<StateWrite>* states);
  Status DoCreatePartitions(const std::string& topic, int32_t new_total, const ReplicaAssignment& manual,
                            std::vector<StateWrite>* states);
  Status DoDeleteTopic(const std::string& topic);
  Status NotController() const;
  // Runs a fenced multi; on a failed fencing check, resigns and returns Aborted.
  Status FencedMulti(std::vector<ZkOp> ops, std::vector<ZkOpResult>* results = nullptr);
  Status ValidateAssignment(const ReplicaAssignment& a, int32_t first_partition, int32_t count) const;
  PartitionState InitialState(const std::vector<int32_t>& replicas) const;
  bool UncleanAllowed(const std::string& topic) const;
  // UncleanAllowed read once per topic per pass (the setting lives in ZooKeeper).
  bool UncleanAllowedCached(const std::string& topic, std::map<std::string, bool>* cache) const;

  ZkClient* const zk_;
  const int32_t broker_id_;
  const Options options_;
  bool unclean_default_;  // loop thread: options_'s value until a dynamic broker config changes it
  std::shared_ptr<EventLoop> loop_;
  std::unique_ptr<ControllerElector> elector_;
  std::atomic<bool> active_{false};
  uint64_t activation_ = 0;  // bumps on each (re)activation so stale watch events are ignored
  FencingToken token_;
  std::set<int32_t> live_brokers_;
  std::map<int32_t, int64_t> broker_epochs_;  // live brokers -> broker epoch (registration czxid, KIP-380)
  std::map<int32_t, std::optional<std::string>> broker_racks_;  // live brokers -> broker.rack
  std::set<int32_t> shutting_down_;                             // controlled shutdown in progress
  std::set<TopicPartition> zk_reassignments_;                   // started from /admin/reassign_partitions
  std::map<std::string, TopicEntry> topics_;
  std::mt19937 rng_;
};

}  // namespace partita::coordination
