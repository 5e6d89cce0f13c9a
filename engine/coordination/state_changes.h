// Partition state changes, batched: how brokers learn leaders and ISRs without a watch and a read per partition.
//
// Every write of partition state znodes (/brokers/topics/T/partitions/P/state) — the controller's elections,
// topic creation, leaders' ISR changes — goes through StateWriteBatches: the writes are cut into multis of at
// most kStatesPerMulti partitions, and each multi also creates ONE persistent sequential notification
//   /partita/state_changes/change_NNNNNNNNNN
//   {"version":1,"partitions":[{"topic":"t","partition":0,"leader":1,"leader_epoch":3,"controller_epoch":2,
//                               "isr":[1,2],"zk_version":4}, ...]}
// holding the new states themselves. Because the notification is created in the same multi, it exists iff the
// writes happened, its czxid is the states' new mzxid (one multi = one zxid; brokers need it for KIP-380's
// MayLeadFrom) and zk_version is the version the write produced (expected + 1; 0 for a create). Sequence
// numbers follow zxid order, so applying notifications in sequence order applies the writes in order.
//
// A broker (MetadataWatcher) keeps one children watch on /partita/state_changes and reads each new notification
// once: an event touching N partitions costs every broker one watch event and ceil(N / kStatesPerMulti) reads,
// instead of N watch events and N reads. It applies a state only when newer (mzxid) than what it holds, so a
// notification read after a full reload never goes backwards. The active controller trims old notifications
// (keeping the newest kKeptStateChanges); a broker that finds a gap (it missed deleted ones) or starts a new
// session re-reads every state with pipelined reads.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

inline constexpr std::string_view kStateChangesPath = "/partita/state_changes";
inline constexpr std::string_view kStateChangePrefix = "/partita/state_changes/change_";
// ~150 bytes of notification + ~150 bytes of state write per partition: ~150 KiB per multi, well within
// jute.maxbuffer (1 MiB).
inline constexpr size_t kStatesPerMulti = 500;
inline constexpr size_t kKeptStateChanges = 2000;

struct StateChange {
  TopicPartition tp;
  PartitionState state;
  int32_t zk_version = 0;  // the state node's version after the write
  bool operator==(const StateChange&) const = default;
};
std::string EncodeStateChanges(const std::vector<StateChange>& changes);
Result<std::vector<StateChange>> DecodeStateChanges(std::string_view json);
// The sequence number of a notification child name ("change_0000000042" -> 42); nullopt for a foreign name.
std::optional<int64_t> StateChangeSequence(std::string_view child);

// The notification op for changes written by the same multi (for writers that build their own multi).
ZkOp StateChangeOp(const std::vector<StateChange>& changes);

// One partition state write: conditional on expected_version, or a create (expected_version < 0; with_parent
// also creates /brokers/topics/T/partitions/P first).
struct StateWrite {
  TopicPartition tp;
  PartitionState state;
  int32_t expected_version = -1;
  bool with_parent = false;
};

// The writes cut into multis of at most kStatesPerMulti partitions, each ending with its notification.
// where (optional) receives, per write, its (batch, op index of its state write within that batch).
std::vector<std::vector<ZkOp>> StateWriteBatches(const std::vector<StateWrite>& writes,
                                                 std::vector<std::pair<size_t, size_t>>* where = nullptr);

}  // namespace partita::coordination
