// GroupCoordinator: SyncGroup, Heartbeat, LeaveGroup and the timers (session, pending-sync and rebalance
// expiry) driven by Tick(). Joins and the rebalance itself are in group_coordinator.cc.
#include <algorithm>

#include "engine/group/group_coordinator.h"
#include "engine/group/group_internal.h"

namespace partita::group {

// ---- SyncGroup ----

void GroupCoordinator::SyncGroup(const SyncGroupArgs& args, SyncGroupCallback done) {
  Effects fx;
  std::unique_lock lock(mu_);
  auto reply = [&](SyncGroupResult r) { fx.callbacks.push_back([done = std::move(done), r = std::move(r)] { done(r); }); };
  auto fail = [&](ErrorCode e) {
    SyncGroupResult r;
    r.error = e;
    reply(std::move(r));
  };
  Group* g = Find(args.group_id);
  if (!g) {
    fail(ErrorCode::kUnknownMemberId);
  } else if (g->state == GroupState::kDead) {
    fail(ErrorCode::kCoordinatorNotAvailable);
  } else if (ErrorCode e = ValidateCurrentMember(*g, args.member_id, args.group_instance_id, args.generation_id);
             e != ErrorCode::kNone) {
    fail(e);
  } else if ((args.protocol_type && g->protocol_type != args.protocol_type) ||
             (args.protocol_name && g->protocol_name != args.protocol_name)) {
    fail(ErrorCode::kInconsistentGroupProtocol);
  } else {
    Member& m = g->members.at(args.member_id);
    switch (g->state) {
      case GroupState::kEmpty:
        fail(ErrorCode::kUnknownMemberId);
        break;
      case GroupState::kPreparingRebalance:
        fail(ErrorCode::kRebalanceInProgress);
        break;
      case GroupState::kCompletingRebalance: {
        m.last_heartbeat_ms = now_ms_();
        g->pending_sync.erase(m.member_id);
        if (m.sync_cb) {
          SyncGroupResult r;
          r.error = ErrorCode::kRebalanceInProgress;  // superseded by this request
          fx.callbacks.push_back([cb = std::move(m.sync_cb), r] { cb(r); });
        }
        m.sync_cb = std::move(done);
        if (g->IsLeader(m.member_id)) {
          // Members the leader left out get an empty assignment; unknown ids are ignored.
          for (auto& [id, mem] : g->members) mem.assignment.clear();
          for (const auto& a : args.assignments) {
            auto it = g->members.find(a.member_id);
            if (it != g->members.end()) it->second.assignment = a.assignment;
          }
          TransitionTo(*g, GroupState::kStable);
          PersistGroup(*g, fx);
          for (auto& [id, mem] : g->members) {
            if (!mem.sync_cb) continue;
            SyncGroupResult r;
            r.protocol_type = g->protocol_type;
            r.protocol_name = g->protocol_name;
            r.assignment = mem.assignment;
            fx.callbacks.push_back([cb = std::move(mem.sync_cb), r = std::move(r)] { cb(r); });
            mem.sync_cb = nullptr;
          }
        }
        break;
      }
      case GroupState::kStable: {
        m.last_heartbeat_ms = now_ms_();
        g->pending_sync.erase(m.member_id);
        SyncGroupResult r;
        r.protocol_type = g->protocol_type;
        r.protocol_name = g->protocol_name;
        r.assignment = m.assignment;
        reply(std::move(r));
        break;
      }
      case GroupState::kDead:
        fail(ErrorCode::kCoordinatorNotAvailable);
        break;
    }
  }
  Run(fx, lock);
}

// ---- Heartbeat / LeaveGroup ----

ErrorCode GroupCoordinator::Heartbeat(const HeartbeatArgs& args) {
  std::lock_guard lock(mu_);
  Group* g = Find(args.group_id);
  if (!g) return ErrorCode::kUnknownMemberId;
  if (g->state == GroupState::kDead) return ErrorCode::kCoordinatorNotAvailable;
  ErrorCode e = ValidateCurrentMember(*g, args.member_id, args.group_instance_id, args.generation_id);
  if (e != ErrorCode::kNone) return e;
  g->members.at(args.member_id).last_heartbeat_ms = now_ms_();
  switch (g->state) {
    case GroupState::kEmpty: return ErrorCode::kUnknownMemberId;
    // Kafka >= 2.5: a member that got its JoinGroup response heartbeats normally while the leader assigns.
    case GroupState::kCompletingRebalance: return ErrorCode::kNone;
    case GroupState::kPreparingRebalance: return ErrorCode::kRebalanceInProgress;
    case GroupState::kStable: return ErrorCode::kNone;
    case GroupState::kDead: return ErrorCode::kCoordinatorNotAvailable;
  }
  return ErrorCode::kUnknownServerError;
}

LeaveGroupResult GroupCoordinator::LeaveGroup(const LeaveGroupArgs& args) {
  Effects fx;
  std::unique_lock lock(mu_);
  LeaveGroupResult result;
  Group* g = Find(args.group_id);
  if (g && g->state == GroupState::kDead) {
    result.error = ErrorCode::kCoordinatorNotAvailable;
  } else {
    for (const auto& who : args.members) {
      LeaveGroupResult::Member out{who.member_id, who.group_instance_id, ErrorCode::kNone};
      if (!g) {
        out.error = ErrorCode::kUnknownMemberId;
      } else if (who.group_instance_id) {
        auto it = g->static_members.find(*who.group_instance_id);
        if (it == g->static_members.end()) {
          out.error = ErrorCode::kUnknownMemberId;
        } else if (!who.member_id.empty() && it->second != who.member_id) {
          out.error = ErrorCode::kFencedInstanceId;
        } else {
          RemoveMemberAndUpdateGroup(*g, it->second, fx);
        }
      } else if (g->pending_members.erase(who.member_id)) {
        TryCompleteJoin(*g, fx);  // a pending member may be all the rebalance was waiting for
      } else if (!g->members.count(who.member_id)) {
        out.error = ErrorCode::kUnknownMemberId;
      } else {
        RemoveMemberAndUpdateGroup(*g, who.member_id, fx);
      }
      result.members.push_back(std::move(out));
    }
  }
  Run(fx, lock);
  return result;
}

// ---- Timers ----

void GroupCoordinator::ExpireSessions(Group& g, int64_t now, Effects& fx) {
  for (auto it = g.pending_members.begin(); it != g.pending_members.end();) {
    if (now >= it->second) it = g.pending_members.erase(it);
    else ++it;
  }
  std::vector<std::string> expired;
  for (const auto& [id, m] : g.members) {
    if (m.sync_cb) continue;  // waiting on the leader, not on itself
    if (m.join_cb) {
      // Waiting for the rebalance: only a new member that never got a response can time out here.
      if (m.is_new && now >= m.last_heartbeat_ms + config_.new_member_join_timeout_ms) expired.push_back(id);
      continue;
    }
    if (now >= m.last_heartbeat_ms + m.session_timeout_ms) expired.push_back(id);
  }
  for (const auto& id : expired) RemoveMemberAndUpdateGroup(g, id, fx);

  if ((g.state == GroupState::kCompletingRebalance || g.state == GroupState::kStable) && !g.pending_sync.empty() &&
      now >= g.sync_deadline_ms) {
    // Members that never sent SyncGroup for this generation (Kafka 3.2+ pending-sync expiry).
    std::vector<std::string> missing(g.pending_sync.begin(), g.pending_sync.end());
    for (const auto& id : missing) RemoveMember(g, id, ErrorCode::kUnknownMemberId, fx);
    PrepareRebalance(g, fx);
  }
  TryCompleteJoin(g, fx);
}

void GroupCoordinator::Tick() {
  Effects fx;
  std::unique_lock lock(mu_);
  const int64_t now = now_ms_();
  for (auto it = groups_.begin(); it != groups_.end();) {
    Group& g = *it->second;
    ExpireSessions(g, now, fx);
    ExpireOffsets(g, now, fx);
    if (g.state == GroupState::kDead) {
      it = groups_.erase(it);
    } else {
      ++it;
    }
  }
  Run(fx, lock);
}

std::optional<GroupState> GroupCoordinator::StateOf(const std::string& group_id) {
  std::lock_guard lock(mu_);
  Group* g = Find(group_id);
  if (!g) return std::nullopt;
  return g->state;
}

int32_t GroupCoordinator::GenerationOf(const std::string& group_id) {
  std::lock_guard lock(mu_);
  Group* g = Find(group_id);
  return g ? g->generation : -1;
}

}  // namespace partita::group
