// MetadataWatcher: every broker's view of the cluster, built from ZooKeeper watches and published as an
// immutable snapshot (std::shared_ptr<const ClusterMetadata>, swapped atomically).
//
// Why watches rather than Kafka's LeaderAndIsr/UpdateMetadata RPCs: ZooKeeper is the one source of truth (the
// controller's fenced writes land there first), ZooKeeper delivers a change to every watcher within
// milliseconds, and no broker can miss or reorder an update because each watch re-reads the current node. The
// next issue may add controller->broker RPCs for latency or scale; the snapshot API stays the same.
//
// Watched: /brokers/ids (children + each broker's data), /controller, /cluster/id, /brokers/topics (children),
// each /brokers/topics/T, each partitions/P/state (with its mzxid, see MayLeadFrom), and /config/topics/T. On every change a new snapshot is
// published and on_change(old, new) runs on the watcher's own thread (never the ZooKeeper thread), so a broker
// can become leader or follower of its partitions there. After a session expiry everything is re-read.
// Ownership: borrows the ZkClient (must outlive this). Thread safety: snapshot() from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/coordination/event_loop.h"
#include "engine/coordination/kafka_znodes.h"
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
  uint64_t version = 0;  // bumps with every published snapshot
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
  void RefreshPartitionState(const std::string& topic, int32_t partition);
  void RefreshTopicConfig(const std::string& topic);
  void RefreshDeletions();
  // Returns a one-shot callback that re-runs `refresh` on the loop, or nullptr if `key` is already watched.
  WatchCallback WatchOnce(const std::string& key, std::function<void()> refresh);
  void Retry(std::function<void()> refresh);
  void Publish();

  ZkClient* const zk_;
  OnChange on_change_;
  std::shared_ptr<EventLoop> loop_;
  int listener_id_ = 0;
  uint64_t session_epoch_ = 0;  // loop thread: bumps on a new session, invalidating old watch callbacks
  std::set<std::string> armed_;  // loop thread: keys of outstanding watches
  ClusterMetadata working_;      // loop thread
  std::atomic<std::shared_ptr<const ClusterMetadata>> snapshot_;
};

}  // namespace partita::coordination
