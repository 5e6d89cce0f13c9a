// Private state of GroupCoordinator (group_coordinator.h), shared by its .cc files. Not for other modules.
// Everything here is guarded by GroupCoordinator::mu_.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/group/group_coordinator.h"

namespace partita::group {

struct GroupCoordinator::Member {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string client_host;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = 0;
  std::string protocol_type;
  std::vector<JoinGroupArgs::Protocol> protocols;
  std::vector<uint8_t> assignment;
  JoinGroupCallback join_cb;  // set while awaiting the JoinGroup response
  SyncGroupCallback sync_cb;  // set while awaiting the SyncGroup response
  int64_t last_heartbeat_ms = 0;
  bool is_new = false;   // joined, has not received its first JoinGroup response yet
  uint64_t seq = 0;      // join order: the leader is the earliest remaining member

  bool awaiting_join() const { return static_cast<bool>(join_cb); }
  const std::vector<uint8_t>* MetadataFor(const std::string& protocol) const {
    for (const auto& p : protocols)
      if (p.name == protocol) return &p.metadata;
    return nullptr;
  }
  bool Matches(const std::vector<JoinGroupArgs::Protocol>& other) const {
    if (other.size() != protocols.size()) return false;
    for (size_t i = 0; i < other.size(); ++i)
      if (other[i].name != protocols[i].name || other[i].metadata != protocols[i].metadata) return false;
    return true;
  }
};

struct GroupCoordinator::Group {
  std::string id;
  GroupState state = GroupState::kEmpty;
  int64_t state_timestamp_ms = 0;
  int32_t generation = 0;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::optional<std::string> leader;
  std::map<std::string, Member> members;
  std::map<std::string, std::string> static_members;  // instance id -> member id
  std::map<std::string, int64_t> pending_members;     // MEMBER_ID_REQUIRED handed out: id -> expiry
  std::set<std::string> pending_sync;                 // members of this generation that have not synced
  // Rebalance bookkeeping (PreparingRebalance / CompletingRebalance).
  int64_t join_deadline_ms = 0;
  bool initial_delay = false;
  int64_t initial_limit_ms = 0;  // initial delay: never past first join + max(delay, rebalance timeout)
  int64_t sync_deadline_ms = 0;
  // Offsets.
  std::map<TopicPartitionKey, CommittedOffset> offsets;  // visible (replicated) offsets only
  // Staged commits not yet completed, per partition in staging order (Kafka's pendingOffsetCommits).
  // A partition with pending commits is not expired, and a group with any is not dropped as empty.
  std::map<TopicPartitionKey, std::deque<CommittedOffset>> pending_commits;
  std::optional<std::set<std::string>> subscribed_topics;  // nullopt: unknown (not the consumer protocol)

  int NumAwaitingJoin() const {
    int n = 0;
    for (const auto& [id, m] : members) n += m.awaiting_join() ? 1 : 0;
    return n;
  }
  bool AllMembersJoined() const {
    return pending_members.empty() && NumAwaitingJoin() == static_cast<int>(members.size());
  }
  int32_t RebalanceTimeoutMs() const {
    int32_t t = 0;
    for (const auto& [id, m] : members) t = std::max(t, m.rebalance_timeout_ms);
    return t;
  }
  bool IsLeader(const std::string& member_id) const { return leader && *leader == member_id; }
  bool IsConsumerGroup() const { return protocol_type && *protocol_type == "consumer"; }
  bool SubscribedTo(const std::string& topic) const {
    return !subscribed_topics || subscribed_topics->count(topic) > 0;
  }
  // Members in join order (the order the leader sees them).
  std::vector<const Member*> Ordered() const {
    std::vector<const Member*> v;
    for (const auto& [id, m] : members) v.push_back(&m);
    std::sort(v.begin(), v.end(), [](const Member* a, const Member* b) { return a->seq < b->seq; });
    return v;
  }
  std::string SelectProtocol() const;
  bool SupportsProtocols(const std::string& type, const std::vector<JoinGroupArgs::Protocol>& protocols) const;
  void ComputeSubscribedTopics();
};

// Work to do once the lock is released: store hooks first, then response callbacks.
struct GroupCoordinator::Effects {
  std::vector<std::function<void()>> store;
  std::vector<std::function<void()>> callbacks;
};

}  // namespace partita::group
