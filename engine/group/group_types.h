// Inputs, outputs, configuration and the persistence hook of the classic group coordinator
// (GroupCoordinator in group_coordinator.h). The request/result structs mirror the wire messages in
// engine/protocol/messages/ (same field names and types) minus the framing, so the broker maps them 1:1;
// error fields are protocol::ErrorCode. Thread safety: plain values; GroupStore implementations must be
// thread-safe (the coordinator calls them from whichever thread runs an operation or Tick()).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/protocol/error_code.h"

namespace partita::group {

using protocol::ErrorCode;

// Kafka's broker settings for groups and offsets (names in comments), with Kafka's defaults.
struct GroupConfig {
  int32_t min_session_timeout_ms = 6000;             // group.min.session.timeout.ms
  int32_t max_session_timeout_ms = 1800000;          // group.max.session.timeout.ms
  int32_t initial_rebalance_delay_ms = 3000;         // group.initial.rebalance.delay.ms
  int32_t max_size = std::numeric_limits<int32_t>::max();  // group.max.size
  int64_t offsets_retention_ms = 7LL * 24 * 60 * 60 * 1000;  // offsets.retention.minutes (10080)
  int32_t offset_metadata_max_bytes = 4096;          // offset.metadata.max.bytes
  // A member that joined (awaiting its first JoinGroup response) and vanished is dropped after this
  // (Kafka's GroupCoordinator.NewMemberJoinTimeoutMs, 5 minutes).
  int32_t new_member_join_timeout_ms = 300000;
};

enum class GroupState { kEmpty, kPreparingRebalance, kCompletingRebalance, kStable, kDead };
// Kafka's names: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
const char* GroupStateName(GroupState s);

// ---- JoinGroup ----
// The only group type here (KIP-848 names it): groups of the JoinGroup/SyncGroup protocol.
inline constexpr std::string_view kClassicGroupType = "classic";

struct JoinGroupArgs {
  struct Protocol {
    std::string name;
    std::vector<uint8_t> metadata;
  };
  int16_t api_version = 7;  // decides MEMBER_ID_REQUIRED (v4+) and static membership (v5+)
  std::string group_id;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = -1;  // -1 (v0): the session timeout is used
  std::string member_id;              // "" = unknown member
  std::optional<std::string> group_instance_id;
  std::string protocol_type;
  std::vector<Protocol> protocols;  // in the member's order of preference
  std::string client_id;
  std::string client_host;
};

struct JoinGroupResult {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::vector<uint8_t> metadata;  // the selected protocol's metadata, byte for byte
  };
  ErrorCode error = ErrorCode::kNone;
  int32_t generation_id = -1;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::string leader;
  std::string member_id;
  std::vector<Member> members;  // filled for the leader only
  // KIP-814 (JoinGroup v9+): the receiver is the leader of a Stable group and must not run its assignor.
  bool skip_assignment = false;
};
using JoinGroupCallback = std::function<void(JoinGroupResult)>;

// ---- SyncGroup ----
struct SyncGroupArgs {
  struct Assignment {
    std::string member_id;
    std::vector<uint8_t> assignment;
  };
  std::string group_id;
  int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::optional<std::string> protocol_type;  // v5+: checked when present
  std::optional<std::string> protocol_name;  // v5+: checked when present
  std::vector<Assignment> assignments;       // from the leader only
};

struct SyncGroupResult {
  ErrorCode error = ErrorCode::kNone;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::vector<uint8_t> assignment;
};
using SyncGroupCallback = std::function<void(SyncGroupResult)>;

// ---- Heartbeat ----
struct HeartbeatArgs {
  std::string group_id;
  int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;
};

// ---- LeaveGroup ----
struct LeaveGroupArgs {
  struct Member {
    std::string member_id;  // may be "" when group_instance_id is set
    std::optional<std::string> group_instance_id;
  };
  std::string group_id;
  std::vector<Member> members;  // v0-2: exactly one
};

struct LeaveGroupResult {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    ErrorCode error = ErrorCode::kNone;
  };
  ErrorCode error = ErrorCode::kNone;  // top level (group-wide); v0-2 callers use members[0].error if none
  std::vector<Member> members;
};

// ---- Offsets ----
struct TopicPartitionKey {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartitionKey&) const = default;
};

struct CommittedOffset {
  int64_t offset = -1;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  bool operator==(const CommittedOffset&) const = default;
};

struct OffsetCommitArgs {
  struct Partition {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    int32_t leader_epoch = -1;
    std::optional<std::string> metadata;  // null is stored as ""
  };
  std::string group_id;
  int32_t generation_id = -1;  // -1: a commit from outside group management (admin / manual assignment)
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<Partition> partitions;
};

struct PartitionError {
  std::string topic;
  int32_t partition = 0;
  ErrorCode error = ErrorCode::kNone;
};

struct OffsetCommitRecord {
  std::string topic;
  int32_t partition = 0;
  CommittedOffset value;
};

struct OffsetCommitResult {
  std::vector<PartitionError> partitions;
  // With a GroupStore: the offsets handed to it, staged and not yet visible to OffsetFetch. The caller passes
  // them to CompleteOffsetCommit once the write's fate is known. Always empty without a store (nothing to
  // wait for: the offsets are visible at once).
  std::vector<OffsetCommitRecord> staged;
};

class PendingTxnOffsets;

struct OffsetFetchArgs {
  std::string group_id;
  std::optional<std::vector<TopicPartitionKey>> partitions;  // nullopt: all committed offsets (v2+)
  // KIP-447 (OffsetFetch v7+ require_stable, sent by read_committed consumers): a partition with an offset
  // commit still pending — a plain one being written or a transaction's awaiting its marker (`pending_txn`) —
  // answers UNSTABLE_OFFSET_COMMIT instead of an offset that may be about to change; the client asks again.
  bool require_stable = false;
  const PendingTxnOffsets* pending_txn = nullptr;
};

struct OffsetFetchResult {
  struct Partition {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = -1;  // -1: nothing committed
    int32_t leader_epoch = -1;
    std::string metadata;
    ErrorCode error = ErrorCode::kNone;
  };
  ErrorCode error = ErrorCode::kNone;
  std::vector<Partition> partitions;  // sorted by (topic, partition) when all were asked for
};

struct OffsetDeleteResult {
  ErrorCode error = ErrorCode::kNone;  // top level: GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, ...
  std::vector<PartitionError> partitions;
};

// ---- Admin ----
struct GroupListing {
  std::string group_id;
  std::string protocol_type;
  GroupState state = GroupState::kEmpty;
};

struct GroupDescription {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    std::string client_host;
    std::vector<uint8_t> metadata;    // only when Stable (as Kafka)
    std::vector<uint8_t> assignment;  // only when Stable
  };
  ErrorCode error = ErrorCode::kNone;
  std::string group_id;
  GroupState state = GroupState::kDead;  // an unknown group is described as Dead, error NONE (Kafka <=3.8)
  std::string protocol_type;
  std::string protocol_data;  // the selected protocol, only when Stable
  std::vector<Member> members;
};

struct GroupDeletionResult {
  std::string group_id;
  ErrorCode error = ErrorCode::kNone;
};

// ---- Persistence hook ----
// What a group looks like in a __consumer_offsets GroupMetadataValue (see group_records.h for encodings).
struct GroupMetadataSnapshot {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    std::string client_host;
    int32_t rebalance_timeout_ms = 0;
    int32_t session_timeout_ms = 0;
    std::vector<uint8_t> subscription;
    std::vector<uint8_t> assignment;
  };
  std::string group_id;
  std::string protocol_type;
  int32_t generation = 0;
  std::optional<std::string> protocol;
  std::optional<std::string> leader;
  int64_t current_state_timestamp_ms = -1;
  std::vector<Member> members;
};

// Implemented by the broker with __consumer_offsets records. Called after the in-memory state changed
// (for OffsetCommit: after the offsets were staged, see CompleteOffsetCommit), outside the coordinator's
// lock, before the operation's response callback runs. Default: no-ops.
class GroupStore {
 public:
  virtual ~GroupStore() = default;
  virtual void OnOffsetsCommitted(const std::string& group_id, const std::vector<OffsetCommitRecord>& offsets) {
    (void)group_id, (void)offsets;
  }
  // Offsets removed by OffsetDelete, retention or group deletion: tombstones for their keys.
  virtual void OnOffsetsDeleted(const std::string& group_id, const std::vector<TopicPartitionKey>& partitions) {
    (void)group_id, (void)partitions;
  }
  // A new generation, an assignment, a static member replaced, a group that became Empty.
  virtual void OnGroupMetadataChanged(const GroupMetadataSnapshot& group) { (void)group; }
  // The group is gone (DeleteGroups or expiry of an empty group): a tombstone for its metadata key.
  virtual void OnGroupDeleted(const std::string& group_id) { (void)group_id; }
};

}  // namespace partita::group
