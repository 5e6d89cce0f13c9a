// GroupCoordinator: committed offsets, retention, and the admin operations (list/describe/delete/load).
#include <algorithm>
#include <cctype>
#include <set>

#include "engine/group/group_coordinator.h"
#include "engine/group/group_internal.h"
#include "engine/group/pending_txn_offsets.h"

namespace partita::group {

OffsetCommitResult GroupCoordinator::OffsetCommit(const OffsetCommitArgs& args) {
  Effects fx;
  std::unique_lock lock(mu_);
  OffsetCommitResult result;
  std::vector<PartitionError>& out = result.partitions;
  auto all = [&](ErrorCode e) {
    for (const auto& p : args.partitions) out.push_back({p.topic, p.partition, e});
  };
  Group* g = Find(args.group_id);
  const bool from_member = args.generation_id >= 0 || !args.member_id.empty() || args.group_instance_id.has_value();
  ErrorCode e = ErrorCode::kNone;
  if (args.group_id.empty()) {
    e = ErrorCode::kInvalidGroupId;
  } else if (!g) {
    // No group: fine for a commit outside group management (it creates an Empty group holding only
    // offsets); a member of a group this coordinator does not know is from an older generation.
    if (args.generation_id < 0) g = &FindOrCreate(args.group_id);
    else e = ErrorCode::kIllegalGeneration;
  }
  if (e == ErrorCode::kNone && g) {
    if (g->state == GroupState::kDead) {
      e = ErrorCode::kCoordinatorNotAvailable;
    } else if (from_member) {
      e = ValidateCurrentMember(*g, args.member_id, args.group_instance_id, args.generation_id);
    } else if (g->state != GroupState::kEmpty) {
      e = ErrorCode::kUnknownMemberId;  // a live group's offsets are committed by its members only
    }
    if (e == ErrorCode::kNone && !(args.generation_id < 0 && g->state == GroupState::kEmpty) &&
        g->state == GroupState::kCompletingRebalance)
      e = ErrorCode::kRebalanceInProgress;
  }
  if (e != ErrorCode::kNone) {
    all(e);
    Run(fx, lock);
    return result;
  }
  const int64_t now = now_ms_();
  std::vector<OffsetCommitRecord> committed;
  for (const auto& p : args.partitions) {
    const std::string metadata = p.metadata.value_or("");
    if (static_cast<int64_t>(metadata.size()) > config_.offset_metadata_max_bytes) {
      out.push_back({p.topic, p.partition, ErrorCode::kOffsetMetadataTooLarge});
      continue;
    }
    CommittedOffset v{p.offset, p.leader_epoch, metadata, now};
    // With a store the offset becomes visible only once its record is replicated (CompleteOffsetCommit).
    if (store_) g->pending_commits[{p.topic, p.partition}].push_back(v);
    else g->offsets[{p.topic, p.partition}] = v;
    committed.push_back({p.topic, p.partition, v});
    out.push_back({p.topic, p.partition, ErrorCode::kNone});
  }
  if (g->members.count(args.member_id)) g->members.at(args.member_id).last_heartbeat_ms = now;
  if (store_ && !committed.empty()) {
    result.staged = committed;
    fx.store.push_back([store = store_, id = g->id, c = std::move(committed)] { store->OnOffsetsCommitted(id, c); });
  }
  Run(fx, lock);
  return result;
}

void GroupCoordinator::CompleteOffsetCommit(const std::string& group_id,
                                            const std::vector<OffsetCommitRecord>& staged, bool success) {
  std::lock_guard lock(mu_);
  Group* g = Find(group_id);
  if (!g || g->state == GroupState::kDead) return;  // its pending commits went with it (as Kafka's)
  for (const auto& r : staged) {
    auto it = g->pending_commits.find({r.topic, r.partition});
    if (it == g->pending_commits.end()) continue;  // offsets deleted meanwhile, or a recreated group
    auto& queue = it->second;
    auto v = std::find(queue.begin(), queue.end(), r.value);
    if (v == queue.end()) continue;
    if (success) {
      // Staged earlier = appended earlier: superseded by this one whatever their own outcome (completions
      // normally arrive in append order, but waiters on different threads may finish out of order).
      g->offsets[it->first] = r.value;
      queue.erase(queue.begin(), v + 1);
    } else {
      queue.erase(v);
    }
    if (queue.empty()) g->pending_commits.erase(it);
  }
}

OffsetFetchResult GroupCoordinator::OffsetFetch(const OffsetFetchArgs& args) {
  std::lock_guard lock(mu_);
  OffsetFetchResult r;
  Group* g = Find(args.group_id);
  if (g && g->state == GroupState::kDead) g = nullptr;
  // As Kafka's GroupMetadata.hasPendingOffsetCommitsForTopicPartition (KIP-447).
  const auto unstable = [&](const TopicPartitionKey& tp) {
    return args.require_stable && ((g && g->pending_commits.count(tp)) ||
                                   (args.pending_txn && args.pending_txn->HasPending(args.group_id, tp)));
  };
  if (!args.partitions) {
    if (g) {
      for (const auto& [tp, v] : g->offsets) {
        if (unstable(tp)) {
          r.partitions.push_back({tp.topic, tp.partition, -1, -1, "", ErrorCode::kUnstableOffsetCommit});
        } else {
          r.partitions.push_back({tp.topic, tp.partition, v.offset, v.leader_epoch, v.metadata, ErrorCode::kNone});
        }
      }
    }
    return r;
  }
  for (const auto& tp : *args.partitions) {
    OffsetFetchResult::Partition p{tp.topic, tp.partition, -1, -1, "", ErrorCode::kNone};
    if (unstable(tp)) {
      p.error = ErrorCode::kUnstableOffsetCommit;
    } else if (g) {
      auto it = g->offsets.find(tp);
      if (it != g->offsets.end()) {
        p.offset = it->second.offset;
        p.leader_epoch = it->second.leader_epoch;
        p.metadata = it->second.metadata;
      }
    }
    r.partitions.push_back(std::move(p));
  }
  return r;
}

OffsetDeleteResult GroupCoordinator::OffsetDelete(const std::string& group_id,
                                                  const std::vector<TopicPartitionKey>& partitions) {
  Effects fx;
  std::unique_lock lock(mu_);
  OffsetDeleteResult r;
  Group* g = Find(group_id);
  if (group_id.empty()) {
    r.error = ErrorCode::kInvalidGroupId;
  } else if (!g || g->state == GroupState::kDead) {
    r.error = ErrorCode::kGroupIdNotFound;
  } else if (g->state != GroupState::kEmpty && !g->IsConsumerGroup()) {
    // Only the consumer protocol says which topics a live group uses.
    r.error = ErrorCode::kNonEmptyGroup;
  } else {
    std::vector<TopicPartitionKey> deleted;
    for (const auto& tp : partitions) {
      if (g->state != GroupState::kEmpty && g->SubscribedTo(tp.topic)) {
        r.partitions.push_back({tp.topic, tp.partition, ErrorCode::kGroupSubscribedToTopic});
        continue;
      }
      // A staged commit of the partition is dropped too; its record precedes the tombstone in the log.
      const bool had_pending = g->pending_commits.erase(tp) > 0;
      if (g->offsets.erase(tp) > 0 || had_pending) deleted.push_back(tp);
      r.partitions.push_back({tp.topic, tp.partition, ErrorCode::kNone});
    }
    if (store_ && !deleted.empty())
      fx.store.push_back([store = store_, id = group_id, d = std::move(deleted)] { store->OnOffsetsDeleted(id, d); });
  }
  Run(fx, lock);
  return r;
}

// Kafka's GroupMetadata.removeExpiredOffsets (KIP-211): the offsets of an Empty consumer group expire
// offsets.retention after the group became Empty; a group without a protocol type (offsets only) expires
// each offset retention after its commit; a Stable consumer group expires offsets of topics it no longer
// subscribes to, retention after their commit. An Empty group left without offsets dies.
void GroupCoordinator::ExpireOffsets(Group& g, int64_t now, Effects& fx) {
  if (g.state == GroupState::kDead) return;
  std::vector<TopicPartitionKey> expired;
  const int64_t retention = config_.offsets_retention_ms;
  for (const auto& [tp, v] : g.offsets) {
    bool expire = false;
    if (!g.protocol_type) {
      expire = now - v.commit_timestamp_ms >= retention;
    } else if (g.state == GroupState::kEmpty) {
      expire = now - g.state_timestamp_ms >= retention;
    } else if (g.IsConsumerGroup() && g.state == GroupState::kStable && g.subscribed_topics) {
      expire = !g.subscribed_topics->count(tp.topic) && now - v.commit_timestamp_ms >= retention;
    }
    if (expire && !g.pending_commits.count(tp)) expired.push_back(tp);  // a pending commit renews it
  }
  for (const auto& tp : expired) g.offsets.erase(tp);
  if (store_ && !expired.empty())
    fx.store.push_back([store = store_, id = g.id, e = expired] { store->OnOffsetsDeleted(id, e); });
  if (g.state == GroupState::kEmpty && g.offsets.empty() && g.pending_commits.empty() && g.members.empty() &&
      g.pending_members.empty()) {
    TransitionTo(g, GroupState::kDead);
    if (store_) fx.store.push_back([store = store_, id = g.id] { store->OnGroupDeleted(id); });
  }
}

namespace {
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::vector<GroupListing> GroupCoordinator::ListGroups(const std::vector<std::string>& states_filter,
                                                       const std::vector<std::string>& types_filter) {
  const auto is_classic = [](const std::string& type) { return Lower(type) == kClassicGroupType; };
  if (!types_filter.empty() && std::none_of(types_filter.begin(), types_filter.end(), is_classic)) return {};
  std::lock_guard lock(mu_);
  std::vector<GroupListing> out;
  for (const auto& [id, g] : groups_) {
    if (g->state == GroupState::kDead) continue;
    if (!states_filter.empty()) {
      const std::string name = Lower(GroupStateName(g->state));
      bool match = std::any_of(states_filter.begin(), states_filter.end(),
                               [&](const std::string& f) { return Lower(f) == name; });
      if (!match) continue;
    }
    out.push_back({id, g->protocol_type.value_or(""), g->state});
  }
  return out;
}

std::vector<GroupDescription> GroupCoordinator::DescribeGroups(const std::vector<std::string>& group_ids) {
  std::lock_guard lock(mu_);
  std::vector<GroupDescription> out;
  for (const auto& id : group_ids) {
    GroupDescription d;
    d.group_id = id;
    Group* g = Find(id);
    if (id.empty()) {
      d.error = ErrorCode::kInvalidGroupId;
    } else if (g) {
      d.state = g->state;
      d.protocol_type = g->protocol_type.value_or("");
      const bool stable = g->state == GroupState::kStable;
      if (stable) d.protocol_data = g->protocol_name.value_or("");
      for (const Member* m : g->Ordered()) {
        GroupDescription::Member dm{m->member_id, m->group_instance_id, m->client_id, m->client_host, {}, {}};
        if (stable && g->protocol_name) {
          if (const auto* md = m->MetadataFor(*g->protocol_name)) dm.metadata = *md;
          dm.assignment = m->assignment;
        }
        d.members.push_back(std::move(dm));
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<GroupDeletionResult> GroupCoordinator::DeleteGroups(const std::vector<std::string>& group_ids) {
  Effects fx;
  std::unique_lock lock(mu_);
  std::vector<GroupDeletionResult> out;
  for (const auto& id : group_ids) {
    Group* g = Find(id);
    ErrorCode e = ErrorCode::kNone;
    if (id.empty()) {
      e = ErrorCode::kInvalidGroupId;
    } else if (!g || g->state == GroupState::kDead) {
      e = ErrorCode::kGroupIdNotFound;
    } else if (g->state != GroupState::kEmpty || !g->pending_members.empty()) {
      e = ErrorCode::kNonEmptyGroup;
    } else {
      std::set<TopicPartitionKey> keys;  // staged commits too: their records may already be in the log
      for (const auto& [tp, v] : g->offsets) keys.insert(tp);
      for (const auto& [tp, q] : g->pending_commits) keys.insert(tp);
      std::vector<TopicPartitionKey> offsets(keys.begin(), keys.end());
      groups_.erase(id);
      if (store_) {
        fx.store.push_back([store = store_, id, o = std::move(offsets)] {
          if (!o.empty()) store->OnOffsetsDeleted(id, o);
          store->OnGroupDeleted(id);
        });
      }
    }
    out.push_back({id, e});
  }
  Run(fx, lock);
  return out;
}

ErrorCode GroupCoordinator::ValidateTxnOffsetCommit(const std::string& group_id, const std::string& member_id,
                                                    const std::optional<std::string>& group_instance_id,
                                                    int32_t generation_id) {
  std::lock_guard lock(mu_);
  if (group_id.empty()) return ErrorCode::kInvalidGroupId;
  Group* g = Find(group_id);
  if (!g) {
    if (generation_id >= 0) return ErrorCode::kIllegalGeneration;
    FindOrCreate(group_id);
    return ErrorCode::kNone;
  }
  if (g->state == GroupState::kDead) return ErrorCode::kCoordinatorNotAvailable;
  if (generation_id >= 0 || !member_id.empty() || group_instance_id.has_value()) {
    return ValidateCurrentMember(*g, member_id, group_instance_id, generation_id);
  }
  return ErrorCode::kNone;
}

void GroupCoordinator::LoadOffset(const std::string& group_id, const TopicPartitionKey& tp,
                                  std::optional<CommittedOffset> value) {
  std::lock_guard lock(mu_);
  if (value) {
    FindOrCreate(group_id).offsets[tp] = *value;
  } else if (Group* g = Find(group_id)) {
    g->offsets.erase(tp);
  }
}

void GroupCoordinator::LoadGroup(const GroupMetadataSnapshot& snap) {
  Effects fx;
  std::unique_lock lock(mu_);
  Group& g = FindOrCreate(snap.group_id);
  std::vector<std::string> old;
  for (const auto& [id, m] : g.members) old.push_back(id);
  for (const auto& id : old) RemoveMember(g, id, ErrorCode::kNotCoordinator, fx);
  g.static_members.clear();
  g.pending_members.clear();
  g.pending_sync.clear();
  g.protocol_type = snap.protocol_type.empty() ? std::nullopt : std::optional<std::string>(snap.protocol_type);
  g.generation = snap.generation;
  g.protocol_name = snap.protocol;
  g.leader = snap.leader;
  const int64_t now = now_ms_();
  for (const auto& sm : snap.members) {
    Member m;
    m.member_id = sm.member_id;
    m.group_instance_id = sm.group_instance_id;
    m.client_id = sm.client_id;
    m.client_host = sm.client_host;
    m.session_timeout_ms = sm.session_timeout_ms;
    m.rebalance_timeout_ms = sm.rebalance_timeout_ms;
    m.protocol_type = snap.protocol_type;
    if (snap.protocol) m.protocols.push_back({*snap.protocol, sm.subscription});
    m.assignment = sm.assignment;
    m.last_heartbeat_ms = now;
    m.seq = ++join_seq_;
    if (m.group_instance_id) g.static_members[*m.group_instance_id] = m.member_id;
    g.members.emplace(m.member_id, std::move(m));
  }
  g.state = g.members.empty() ? GroupState::kEmpty : GroupState::kStable;
  g.state_timestamp_ms = snap.current_state_timestamp_ms >= 0 ? snap.current_state_timestamp_ms : now;
  if (g.members.empty()) g.leader.reset();
  g.ComputeSubscribedTopics();
  Run(fx, lock);
}

void GroupCoordinator::UnloadAll() {
  Effects fx;
  std::unique_lock lock(mu_);
  for (auto& [id, g] : groups_) {
    std::vector<std::string> ids;
    for (const auto& [mid, m] : g->members) ids.push_back(mid);
    for (const auto& mid : ids) RemoveMember(*g, mid, ErrorCode::kNotCoordinator, fx);
  }
  groups_.clear();
  Run(fx, lock);
}

}  // namespace partita::group
