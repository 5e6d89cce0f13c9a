// GroupService: the broker's group coordinator component. It hosts one group::GroupCoordinator per
// __consumer_offsets partition this broker leads, created when the broker becomes that partition's leader
// (the partition's log is replayed first; requests meanwhile get COORDINATOR_LOAD_IN_PROGRESS) and dropped
// when leadership moves away (pending JoinGroup/SyncGroup answers get NOT_COORDINATOR). Group metadata and
// offset commits are appended to the partition (OffsetsLogStore) and replicate like any partition.
// It also creates __consumer_offsets on first use (FindCoordinator or any group request): through the
// controller when this broker is the active controller, otherwise by writing the topic's config and
// assignment znodes, which the controller picks up (as Kafka's AdminZkClient does).
// One event-loop thread loads/unloads partitions, creates the topic and ticks every coordinator (session and
// rebalance timeouts, the initial rebalance delay, offset retention).
// Thread safety: every public method is thread-safe; handlers call them from network threads.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/group/group_coordinator.h"
#include "engine/group/pending_txn_offsets.h"
#include "engine/protocol/error_code.h"

namespace partita::coordination {
class EventLoop;
}

namespace partita::broker {

class Broker;

class GroupService {
 public:
  explicit GroupService(Broker* broker);
  ~GroupService();
  // Stops the loop and unloads every coordinator (pending answers get NOT_COORDINATOR). Idempotent.
  void Stop();
  GroupService(const GroupService&) = delete;
  GroupService& operator=(const GroupService&) = delete;

  // The coordinating partition of a group under the current (or configured) partition count.
  int32_t PartitionFor(const std::string& group_id) const;

  // FindCoordinator for a group: the broker id leading the group's partition, or an error
  // (COORDINATOR_NOT_AVAILABLE while the topic is being created or the partition has no live leader).
  protocol::ErrorCode FindCoordinator(const std::string& group_id, int32_t* node_id);

  // The coordinator of a group hosted here. On error (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS,
  // COORDINATOR_NOT_AVAILABLE) the result's coordinator is null.
  struct Hosted {
    protocol::ErrorCode error = protocol::ErrorCode::kNone;
    std::shared_ptr<group::GroupCoordinator> coordinator;
    std::shared_ptr<Partition> partition;
    int32_t leader_epoch = -1;
    std::shared_ptr<group::PendingTxnOffsets> txn_offsets;  // TxnOffsetCommits awaiting their marker
  };
  Hosted CoordinatorFor(const std::string& group_id);

  // Every loaded coordinator (ListGroups). *loading is set if a hosted partition is still loading.
  std::vector<std::shared_ptr<group::GroupCoordinator>> LoadedCoordinators(bool* loading);

  // Calls done(NONE) once `hosted.partition`'s high watermark reaches its current log end (the records an
  // operation just appended are committed), NOT_COORDINATOR if leadership is lost, REQUEST_TIMED_OUT after
  // offsets.commit.timeout.ms. Never blocks the caller.
  void WhenCommitted(const Hosted& hosted, std::function<void(protocol::ErrorCode)> done);

  // A transaction marker of `producer_id` is replicated on __consumer_offsets partition `partition` (WriteTxnMarkers):
  // a COMMIT makes the producer's pending transactional offsets visible, an ABORT drops them (KIP-98).
  void CompleteTxnOffsets(int32_t partition, int64_t producer_id, bool commit);

  // The broker's view of leadership changed: loads and unloads coordinators (asynchronously).
  void OnLeadershipChanged();

 private:
  struct Slot {
    int32_t leader_epoch = -1;
    std::shared_ptr<Partition> partition;
    std::shared_ptr<group::GroupCoordinator> coordinator;
    std::shared_ptr<group::PendingTxnOffsets> txn_offsets = std::make_shared<group::PendingTxnOffsets>();
    bool loaded = false;
  };

  void EnsureOffsetsTopic();
  void CreateOffsetsTopic();  // loop thread
  void SyncLeadership();      // loop thread
  void Load(int32_t partition, int32_t epoch);  // loop thread
  void ScheduleTick();        // loop thread
  group::GroupConfig MakeGroupConfig() const;

  Broker* const broker_;
  const group::GroupConfig group_config_;
  std::shared_ptr<std::atomic<bool>> creating_topic_ = std::make_shared<std::atomic<bool>>(false);
  std::mutex mu_;
  std::map<int32_t, Slot> slots_;  // by __consumer_offsets partition
  std::unique_ptr<coordination::EventLoop> loop_;  // last: its thread uses the members above
};

}  // namespace partita::broker
