// MetadataWatcher: every broker's view of the cluster, built from ZooKeeper watches and published as an
// immutable snapshot (std::shared_ptr<const ClusterMetadata>, swapped atomically).
//
// Why ZooKeeper rather than Kafka's LeaderAndIsr/UpdateMetadata RPCs: ZooKeeper is the one source of truth (the
// controller's fenced writes land there first) and no broker can miss or reorder an update. Leaders and ISRs
// come in batches (state_changes.h): every write of partition states also creates one sequential notification
// listing the new states, so a broker keeps ONE children watch on /partita/state_changes and does one read per
// notification (up to kStatesPerMulti partitions each) — never a watch or a read per partition. An event that
// moves 3,000 leaders costs each broker one watch event and ~6 reads, and one published snapshot.
//
// Watched: /brokers/ids (children + each broker's data), /controller, /cluster/id, /brokers/topics (children),
// each /brokers/topics/T (assignment; its partition states are read once, pipelined, when the topic or new
// partitions appear), /partita/state_changes (children), /admin/delete_topics and /config/topics/T. Each watch
// event's work runs on the watcher's own thread, then ONE new snapshot is published and on_change(old, new) runs
// there (never on the ZooKeeper thread), so a broker can become leader or follower of its partitions there.
// After a session expiry, or when notifications it had not read were trimmed, everything is re-read (pipelined).
// Ownership: borrows the ZkClient (must outlive this). Thread safety: snapshot() from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordination/event_loop.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

struct PartitionMetadata {
  int32_t partition = 0;
  std::vector<int32_t> replicas;           // during a reassignment: original + target (Kafka's RS)
  std::vector<int32_t> adding_replicas;    // non-empty only while a reassignment is in progress
  std::vector<int32_t> removing_replicas;
  int32_t leader = -1;
  int32_t leader_epoch = -1;
  int32_t controller_epoch = -1;
  std::vector<int32_t> isr;
  int32_t state_zk_version = -1;  // -1: no state node yet
  int64_t state_mzxid = -1;       // the zxid of the write that decided the state (-1: no state node yet)
  bool operator==(const PartitionMetadata&) const = default;
};

// Whether a broker whose current registration has broker epoch my_broker_epoch (the czxid of its
// /brokers/ids/N) may become leader from this partition state (KIP-380 in a design where brokers learn
// leadership from ZooKeeper rather than from the controller's LeaderAndIsr, which Kafka fences by broker epoch).
// ZooKeeper zxids are totally ordered: a state whose mzxid is below my registration's czxid was written before
// this incarnation existed, so "leader = me" in it was decided for an earlier life of this broker id — one whose
// unflushed log tail may be gone. Leading from it at the same leader epoch would let followers truncate
// acknowledged records away. Such a broker waits: the controller sees the new broker epoch (or, after a failover,
// a registration newer than the state) and writes a new state with a bumped leader epoch, which is newer than the
// registration. Becoming a follower from an old state is safe (followers truncate by leader epoch, KIP-101/279).
// False for leader != broker; true if either zxid is unknown (< 0).
bool MayLeadFrom(const PartitionMetadata& partition, int32_t broker_id, int64_t my_broker_epoch);

struct TopicMetadata {
  std::string name;
  std::string topic_id;  // Kafka's 22-character base64 Uuid from the v3 topic znode; empty if the topic has none
  std::map<int32_t, PartitionMetadata> partitions;
  TopicConfig config;
  bool marked_for_deletion = false;
  bool operator==(const TopicMetadata&) const = default;
};

struct ClusterMetadata {
  std::string cluster_id;
  int32_t controller_id = -1;
  std::map<int32_t, BrokerRegistration> brokers;  // live brokers (registration incl. endpoints, broker_epoch)
  std::map<std::string, TopicMetadata> topics;
  // Topic id text -> name of every topic not marked for deletion (KIP-516 requests name topics by id); built by
  // the watcher with each published snapshot (IndexTopicIds).
  std::map<std::string, std::string, std::less<>> topic_names_by_id;
  uint64_t version = 0;  // bumps with every published snapshot

  // The live topic with this id (Kafka's 22-character text), or null: a deleted topic's id never names the
  // topic recreated under the same name.
  const TopicMetadata* FindTopicById(std::string_view topic_id) const;
  void IndexTopicIds();
};

class MetadataWatcher {
 public:
  using OnChange = std::function<void(const std::shared_ptr<const ClusterMetadata>& before,
                                      const std::shared_ptr<const ClusterMetadata>& after)>;

  MetadataWatcher(ZkClient* zk, OnChange on_change = nullptr);
  ~MetadataWatcher();
  MetadataWatcher(const MetadataWatcher&) = delete;
  MetadataWatcher& operator=(const MetadataWatcher&) = delete;

  void Start();  // reads everything and arms the watches (asynchronously)
  void Stop();

  std::shared_ptr<const ClusterMetadata> snapshot() const { return snapshot_.load(); }

 private:
  // Loop thread only.
  void RefreshAll();
  void RefreshBrokers();
  void RefreshController();
  void RefreshClusterId();
  void RefreshTopicList();
  void RefreshTopic(const std::string& topic);
  // Reads the states of these partitions with pipelined reads and takes them as they are now.
  void ReadStates(const std::vector<TopicPartition>& partitions);
  void ReadAllStates();
  // Reads the notifications not applied yet (one children watch) and applies them in order. baseline: only
  // list them and remember the newest (the caller reads every state next).
  void RefreshStateChanges(bool baseline = false);
  // Takes a notified state unless the snapshot already holds one at least as new (mzxid).
  void ApplyStateChange(const StateChange& change, int64_t mzxid);
  void RefreshTopicConfig(const std::string& topic);
  void RefreshDeletions();
  // Returns a one-shot callback that re-runs `refresh` on the loop, or nullptr if `key` is already watched.
  WatchCallback WatchOnce(const std::string& key, std::function<void()> refresh);
  void Retry(std::function<void()> refresh);
  void Publish();
  // The session expired: every leader this snapshot names was read under it and may have been replaced since
  // (see the constructor). Leaders become unknown (-1) until RefreshAll re-reads the states.
  void ForgetLeaders();

  ZkClient* const zk_;
  OnChange on_change_;
  std::shared_ptr<EventLoop> loop_;
  int listener_id_ = 0;
  int lost_listener_id_ = 0;
  uint64_t session_epoch_ = 0;  // loop thread: bumps on a new session, invalidating old watch callbacks
  std::set<std::string> armed_;  // loop thread: keys of outstanding watches
  ClusterMetadata working_;      // loop thread
  // Loop thread: sequence number of the newest state-change notification applied (or seen when the states were
  // read in full); -1: none yet. Reset with every full read.
  int64_t last_change_seq_ = -1;
  std::atomic<std::shared_ptr<const ClusterMetadata>> snapshot_;
};

}  // namespace partita::coordination
