// GroupCoordinator: the classic (pre-KIP-848) consumer-group coordinator's state machine and its
// in-memory committed-offset store, as Kafka 3.8's GroupCoordinator/GroupMetadata behave. Pure logic:
// no networking, no storage. The broker maps wire requests to the *Args structs (group_types.h), calls
// the operations, and writes the results into responses; persistence happens through GroupStore hooks.
//
// Time: every deadline is computed from the injected now_ms() clock; nothing happens by itself. The
// owner calls Tick() periodically (e.g. every 100-500 ms) to expire sessions and pending members,
// finish rebalances whose (initial) delay or rebalance timeout passed, remove members that did not
// SyncGroup within the rebalance timeout, and expire offsets (offsets.retention.minutes).
//
// Completion callbacks: JoinGroup completes when the rebalance completes (possibly during a later
// operation or Tick(), possibly immediately); a follower's SyncGroup completes when the leader's
// assignment arrives. Each callback runs exactly once, on the thread whose operation or Tick() completed
// it, never under the coordinator's lock (a callback may call back into the coordinator).
//
// Thread safety: all public methods are thread-safe (one mutex for all groups; groups are small and
// operations are short). GroupStore hooks run outside the lock, before that operation's callbacks.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/group/group_types.h"

namespace partita::group {

class GroupCoordinator {
 public:
  // store may be null (nothing persisted). now_ms: milliseconds, any epoch that commit timestamps
  // should use (wall clock in the broker, a fake in tests).
  GroupCoordinator(GroupConfig config, std::function<int64_t()> now_ms, std::shared_ptr<GroupStore> store = nullptr);
  ~GroupCoordinator();
  GroupCoordinator(const GroupCoordinator&) = delete;
  GroupCoordinator& operator=(const GroupCoordinator&) = delete;

  void JoinGroup(const JoinGroupArgs& args, JoinGroupCallback done);
  void SyncGroup(const SyncGroupArgs& args, SyncGroupCallback done);
  ErrorCode Heartbeat(const HeartbeatArgs& args);
  LeaveGroupResult LeaveGroup(const LeaveGroupArgs& args);

  // Validates a commit. Without a store the accepted offsets are visible at once; with one they are only
  // staged (as Kafka's pending offset commits): handed to GroupStore::OnOffsetsCommitted and returned in
  // `staged`, invisible to OffsetFetch until CompleteOffsetCommit(success=true) applies them.
  OffsetCommitResult OffsetCommit(const OffsetCommitArgs& args);
  // The write of `staged` (from one OffsetCommit) is replicated (success) or failed/timed out. Success makes
  // those offsets visible (a later success for the same partition supersedes earlier staged ones); failure
  // drops them, leaving the previous offsets. Staged offsets whose group was deleted, unloaded or recreated, or
  // whose partition was deleted (OffsetDelete) meanwhile are dropped either way. Call once per staged result.
  void CompleteOffsetCommit(const std::string& group_id, const std::vector<OffsetCommitRecord>& staged,
                            bool success);
  // TxnOffsetCommit (KIP-98, KIP-447): checks the committing member as OffsetCommit does (a commit without a
  // generation is accepted for an unknown or Empty group, which it creates). The offsets themselves are kept
  // by the broker until the transaction's marker lands, then applied with LoadOffset.
  ErrorCode ValidateTxnOffsetCommit(const std::string& group_id, const std::string& member_id,
                                    const std::optional<std::string>& group_instance_id, int32_t generation_id);
  OffsetFetchResult OffsetFetch(const OffsetFetchArgs& args);
  OffsetDeleteResult OffsetDelete(const std::string& group_id, const std::vector<TopicPartitionKey>& partitions);

  // states_filter: Kafka's state names, case-insensitive (ListGroups v4); empty = all groups.
  // types_filter (ListGroups v5, KIP-848): group types, case-insensitive; every group here is of
  // kClassicGroupType, so a filter that does not name it lists none.
  std::vector<GroupListing> ListGroups(const std::vector<std::string>& states_filter = {},
                                       const std::vector<std::string>& types_filter = {});
  std::vector<GroupDescription> DescribeGroups(const std::vector<std::string>& group_ids);
  std::vector<GroupDeletionResult> DeleteGroups(const std::vector<std::string>& group_ids);

  // Restores state read back from __consumer_offsets when this broker becomes coordinator (loading
  // replays records in offset order; the last one wins). A group restored with members is Stable
  // (Empty without members); every member's session starts now. offsets: nullopt value = tombstone.
  void LoadOffset(const std::string& group_id, const TopicPartitionKey& tp, std::optional<CommittedOffset> value);
  void LoadGroup(const GroupMetadataSnapshot& group);
  // Drops every group (this broker is no longer the coordinator): pending callbacks get NOT_COORDINATOR.
  void UnloadAll();

  void Tick();

  // Test/diagnostic helpers.
  std::optional<GroupState> StateOf(const std::string& group_id);
  int32_t GenerationOf(const std::string& group_id);  // -1 for an unknown group

 private:
  struct Member;
  struct Group;
  struct Effects;

  Group* Find(const std::string& group_id);
  Group& FindOrCreate(const std::string& group_id);
  std::string NewMemberId(const std::string& client_id);

  void JoinUnknownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done, Effects& fx);
  void JoinKnownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done, Effects& fx);
  void JoinStaticUnknownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done, Effects& fx);
  void AddMemberAndRebalance(Group& g, const JoinGroupArgs& args, const std::string& member_id,
                             JoinGroupCallback& done, Effects& fx);
  void UpdateMemberAndRebalance(Group& g, Member& m, const JoinGroupArgs& args, JoinGroupCallback& done,
                                Effects& fx);
  bool AcceptJoiningMember(const Group& g, const std::string& member_id) const;
  void MaybePrepareRebalance(Group& g, Effects& fx);
  void PrepareRebalance(Group& g, Effects& fx);
  void TryCompleteJoin(Group& g, Effects& fx);
  void CompleteJoin(Group& g, Effects& fx);
  void RemoveMember(Group& g, const std::string& member_id, ErrorCode callback_error, Effects& fx);
  void RemoveMemberAndUpdateGroup(Group& g, const std::string& member_id, Effects& fx);
  void TransitionTo(Group& g, GroupState s);
  void ExpireSessions(Group& g, int64_t now, Effects& fx);
  void ExpireOffsets(Group& g, int64_t now, Effects& fx);
  void PersistGroup(const Group& g, Effects& fx);
  JoinGroupResult CurrentJoinResult(const Group& g, const Member& m, bool with_members) const;
  ErrorCode ValidateCurrentMember(const Group& g, const std::string& member_id,
                                  const std::optional<std::string>& instance_id,
                                  std::optional<int32_t> generation) const;
  void Run(Effects& fx, std::unique_lock<std::mutex>& lock);

  const GroupConfig config_;
  const std::function<int64_t()> now_ms_;
  const std::shared_ptr<GroupStore> store_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Group>> groups_;
  std::mt19937_64 rng_;
  uint64_t join_seq_ = 0;
};

}  // namespace partita::group
