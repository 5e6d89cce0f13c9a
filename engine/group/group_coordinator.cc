#include "engine/group/group_coordinator.h"

#include <algorithm>
#include <cstdio>

#include "engine/group/group_internal.h"
#include "engine/group/group_records.h"

namespace partita::group {

const char* GroupStateName(GroupState s) {
  switch (s) {
    case GroupState::kEmpty: return "Empty";
    case GroupState::kPreparingRebalance: return "PreparingRebalance";
    case GroupState::kCompletingRebalance: return "CompletingRebalance";
    case GroupState::kStable: return "Stable";
    case GroupState::kDead: return "Dead";
  }
  return "Unknown";
}

// ---- Group helpers ----

// Kafka's GroupMetadata.selectProtocol: candidates are the protocols every member supports; each member
// votes for its most preferred candidate; the most voted wins. Kafka breaks ties arbitrarily (hash map
// order); we break them by the earliest member's (the leader's) preference, so the result is stable.
std::string GroupCoordinator::Group::SelectProtocol() const {
  std::vector<const Member*> ordered = Ordered();
  if (ordered.empty()) return {};
  std::vector<std::string> candidates;
  for (const auto& p : ordered.front()->protocols) {
    bool all = std::all_of(ordered.begin(), ordered.end(), [&](const Member* m) { return m->MetadataFor(p.name); });
    if (all && std::find(candidates.begin(), candidates.end(), p.name) == candidates.end())
      candidates.push_back(p.name);
  }
  if (candidates.empty()) return {};
  std::map<std::string, int> votes;
  for (const Member* m : ordered) {
    for (const auto& p : m->protocols) {
      if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
        ++votes[p.name];
        break;
      }
    }
  }
  std::string best = candidates.front();
  for (const auto& c : candidates)
    if (votes[c] > votes[best]) best = c;
  return best;
}

bool GroupCoordinator::Group::SupportsProtocols(const std::string& type,
                                                const std::vector<JoinGroupArgs::Protocol>& protocols) const {
  if (state == GroupState::kEmpty || members.empty()) return !type.empty() && !protocols.empty();
  if (!protocol_type || *protocol_type != type) return false;
  for (const auto& p : protocols) {
    bool all = std::all_of(members.begin(), members.end(), [&](const auto& kv) { return kv.second.MetadataFor(p.name); });
    if (all) return true;
  }
  return false;
}

void GroupCoordinator::Group::ComputeSubscribedTopics() {
  subscribed_topics.reset();
  if (!IsConsumerGroup() || !protocol_name) return;
  std::set<std::string> topics;
  for (const auto& [id, m] : members) {
    const std::vector<uint8_t>* md = m.MetadataFor(*protocol_name);
    if (!md) return;
    auto parsed = ParseConsumerSubscriptionTopics(*md);
    if (!parsed.ok()) return;  // unknown subscription: treat every topic as subscribed (as Kafka)
    topics.insert(parsed->begin(), parsed->end());
  }
  subscribed_topics = std::move(topics);
}

// ---- Construction ----

GroupCoordinator::GroupCoordinator(GroupConfig config, std::function<int64_t()> now_ms,
                                   std::shared_ptr<GroupStore> store)
    : config_(config), now_ms_(std::move(now_ms)), store_(std::move(store)), rng_(std::random_device{}()) {}

GroupCoordinator::~GroupCoordinator() = default;

GroupCoordinator::Group* GroupCoordinator::Find(const std::string& group_id) {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second.get();
}

GroupCoordinator::Group& GroupCoordinator::FindOrCreate(const std::string& group_id) {
  auto& slot = groups_[group_id];
  if (!slot) {
    slot = std::make_unique<Group>();
    slot->id = group_id;
    slot->state_timestamp_ms = now_ms_();
  }
  return *slot;
}

// "<client_id>-<uuid v4>" like Kafka's GroupMetadata.generateMemberId.
std::string GroupCoordinator::NewMemberId(const std::string& client_id) {
  uint64_t hi = rng_(), lo = rng_();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return client_id + "-" + buf;
}

void GroupCoordinator::Run(Effects& fx, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  for (auto& f : fx.store) f();
  for (auto& f : fx.callbacks) f();
}

void GroupCoordinator::TransitionTo(Group& g, GroupState s) {
  g.state = s;
  g.state_timestamp_ms = now_ms_();
}

void GroupCoordinator::PersistGroup(const Group& g, Effects& fx) {
  if (!store_) return;
  GroupMetadataSnapshot snap;
  snap.group_id = g.id;
  snap.protocol_type = g.protocol_type.value_or("");
  snap.generation = g.generation;
  snap.protocol = g.protocol_name;
  snap.leader = g.leader;
  snap.current_state_timestamp_ms = g.state_timestamp_ms;
  for (const Member* m : g.Ordered()) {
    GroupMetadataSnapshot::Member sm;
    sm.member_id = m->member_id;
    sm.group_instance_id = m->group_instance_id;
    sm.client_id = m->client_id;
    sm.client_host = m->client_host;
    sm.rebalance_timeout_ms = m->rebalance_timeout_ms;
    sm.session_timeout_ms = m->session_timeout_ms;
    if (g.protocol_name) {
      if (const auto* md = m->MetadataFor(*g.protocol_name)) sm.subscription = *md;
    }
    sm.assignment = m->assignment;
    snap.members.push_back(std::move(sm));
  }
  fx.store.push_back([store = store_, snap = std::move(snap)] { store->OnGroupMetadataChanged(snap); });
}

JoinGroupResult GroupCoordinator::CurrentJoinResult(const Group& g, const Member& m, bool with_members) const {
  JoinGroupResult r;
  r.generation_id = g.generation;
  r.protocol_type = g.protocol_type;
  r.protocol_name = g.protocol_name;
  r.leader = g.leader.value_or("");
  r.member_id = m.member_id;
  if (with_members && g.protocol_name) {
    for (const Member* o : g.Ordered()) {
      const std::vector<uint8_t>* md = o->MetadataFor(*g.protocol_name);
      r.members.push_back({o->member_id, o->group_instance_id, md ? *md : std::vector<uint8_t>{}});
    }
  }
  return r;
}

ErrorCode GroupCoordinator::ValidateCurrentMember(const Group& g, const std::string& member_id,
                                                  const std::optional<std::string>& instance_id,
                                                  std::optional<int32_t> generation) const {
  if (instance_id) {
    auto it = g.static_members.find(*instance_id);
    if (it != g.static_members.end() && it->second != member_id) return ErrorCode::kFencedInstanceId;
  }
  if (!g.members.count(member_id)) return ErrorCode::kUnknownMemberId;
  if (generation && *generation != g.generation) return ErrorCode::kIllegalGeneration;
  return ErrorCode::kNone;
}

// ---- JoinGroup ----

namespace {
JoinGroupResult JoinError(ErrorCode e, std::string member_id = {}) {
  JoinGroupResult r;
  r.error = e;
  r.member_id = std::move(member_id);
  return r;
}
}  // namespace

void GroupCoordinator::JoinGroup(const JoinGroupArgs& args, JoinGroupCallback done) {
  Effects fx;
  std::unique_lock lock(mu_);
  auto fail = [&](ErrorCode e, std::string member_id = {}) {
    fx.callbacks.push_back([done = std::move(done), r = JoinError(e, std::move(member_id))] { done(r); });
  };
  if (args.group_id.empty()) {
    fail(ErrorCode::kInvalidGroupId);
  } else if (args.session_timeout_ms < config_.min_session_timeout_ms ||
             args.session_timeout_ms > config_.max_session_timeout_ms) {
    fail(ErrorCode::kInvalidSessionTimeout, args.member_id);
  } else if (args.member_id.empty()) {
    Group& g = FindOrCreate(args.group_id);
    if (g.state == GroupState::kDead) {
      fail(ErrorCode::kCoordinatorNotAvailable);
    } else if (!g.SupportsProtocols(args.protocol_type, args.protocols)) {
      fail(ErrorCode::kInconsistentGroupProtocol);
    } else if (!AcceptJoiningMember(g, "")) {
      fail(ErrorCode::kGroupMaxSizeReached);
    } else {
      JoinUnknownMember(g, args, done, fx);
    }
    // A group created for this join only and left empty (an error above) is dropped again.
    if (g.state == GroupState::kEmpty && g.members.empty() && g.pending_members.empty() && g.offsets.empty() &&
        g.generation == 0)
      groups_.erase(args.group_id);
  } else {
    Group* g = Find(args.group_id);
    if (!g || g->state == GroupState::kDead) {
      fail(ErrorCode::kUnknownMemberId, args.member_id);
    } else {
      JoinKnownMember(*g, args, done, fx);
    }
  }
  Run(fx, lock);
}

bool GroupCoordinator::AcceptJoiningMember(const Group& g, const std::string& member_id) const {
  switch (g.state) {
    case GroupState::kEmpty:
    case GroupState::kDead:
      return true;
    case GroupState::kPreparingRebalance: {
      auto it = g.members.find(member_id);
      return (it != g.members.end() && it->second.awaiting_join()) || g.NumAwaitingJoin() < config_.max_size;
    }
    case GroupState::kCompletingRebalance:
    case GroupState::kStable:
      return g.members.count(member_id) || static_cast<int64_t>(g.members.size()) < config_.max_size;
  }
  return false;
}

void GroupCoordinator::JoinUnknownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done, Effects& fx) {
  if (args.group_instance_id && args.api_version >= 5) {
    JoinStaticUnknownMember(g, args, done, fx);
    return;
  }
  const std::string member_id = NewMemberId(args.client_id);
  if (args.api_version >= 4) {
    // KIP-394: hand out the id first; the member becomes real when it rejoins with it.
    g.pending_members[member_id] = now_ms_() + args.session_timeout_ms;
    fx.callbacks.push_back([done = std::move(done), r = JoinError(ErrorCode::kMemberIdRequired, member_id)] {
      done(r);
    });
    return;
  }
  AddMemberAndRebalance(g, args, member_id, done, fx);
}

void GroupCoordinator::JoinStaticUnknownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done,
                                               Effects& fx) {
  const std::string& instance = *args.group_instance_id;
  auto sit = g.static_members.find(instance);
  const std::string new_id = NewMemberId(args.client_id);
  if (sit == g.static_members.end()) {
    AddMemberAndRebalance(g, args, new_id, done, fx);
    return;
  }
  // A known instance restarted: its old member id is fenced and replaced by a new one (KIP-345).
  const std::string old_id = sit->second;
  const std::string old_leader = g.leader.value_or("");
  Member m = std::move(g.members.at(old_id));
  g.members.erase(old_id);
  g.pending_sync.erase(old_id);
  if (m.join_cb)
    fx.callbacks.push_back([cb = std::move(m.join_cb), r = JoinError(ErrorCode::kFencedInstanceId, old_id)] { cb(r); });
  if (m.sync_cb) {
    SyncGroupResult r;
    r.error = ErrorCode::kFencedInstanceId;
    fx.callbacks.push_back([cb = std::move(m.sync_cb), r] { cb(r); });
  }
  m.join_cb = nullptr;
  m.sync_cb = nullptr;
  m.member_id = new_id;
  m.client_id = args.client_id;
  m.client_host = args.client_host;
  m.session_timeout_ms = args.session_timeout_ms;
  m.rebalance_timeout_ms = args.rebalance_timeout_ms < 0 ? args.session_timeout_ms : args.rebalance_timeout_ms;
  m.last_heartbeat_ms = now_ms_();
  const bool protocols_changed = !m.Matches(args.protocols);
  m.protocols = args.protocols;
  g.members.emplace(new_id, std::move(m));
  sit->second = new_id;
  if (g.IsLeader(old_id)) g.leader = new_id;
  Member& nm = g.members.at(new_id);

  switch (g.state) {
    case GroupState::kStable: {
      if (!protocols_changed || (g.protocol_name && g.SelectProtocol() == *g.protocol_name)) {
        // No rebalance, and a Stable group would not broadcast a new assignment, so a restarted leader
        // must not assign. From JoinGroup v9 it is told so (KIP-814): it gets the members, to keep
        // watching their metadata, with skip_assignment set. Older clients get the old leader's id instead,
        // so that they do not think they lead.
        JoinGroupResult r;
        if (args.api_version >= 9) {
          const bool leads = g.IsLeader(new_id);
          r = CurrentJoinResult(g, nm, leads);
          r.skip_assignment = leads;
        } else {
          r = CurrentJoinResult(g, nm, false);
          r.leader = old_leader;
        }
        PersistGroup(g, fx);
        fx.callbacks.push_back([done = std::move(done), r = std::move(r)] { done(r); });
      } else {
        nm.join_cb = std::move(done);
        PrepareRebalance(g, fx);
      }
      break;
    }
    case GroupState::kCompletingRebalance:
      // The leader may already be assigning for the old id: rebalance again.
      nm.join_cb = std::move(done);
      PrepareRebalance(g, fx);
      break;
    case GroupState::kPreparingRebalance:
      nm.join_cb = std::move(done);
      TryCompleteJoin(g, fx);
      break;
    case GroupState::kEmpty:
    case GroupState::kDead:
      // Cannot happen (a static member exists); answer rather than hang.
      fx.callbacks.push_back([done = std::move(done)] { done(JoinError(ErrorCode::kUnknownMemberId)); });
      break;
  }
}

void GroupCoordinator::JoinKnownMember(Group& g, const JoinGroupArgs& args, JoinGroupCallback& done, Effects& fx) {
  auto reply = [&](JoinGroupResult r) { fx.callbacks.push_back([done = std::move(done), r = std::move(r)] { done(r); }); };
  if (g.pending_members.count(args.member_id)) {
    g.pending_members.erase(args.member_id);
    if (!g.SupportsProtocols(args.protocol_type, args.protocols)) {
      reply(JoinError(ErrorCode::kInconsistentGroupProtocol, args.member_id));
    } else if (!AcceptJoiningMember(g, args.member_id)) {
      reply(JoinError(ErrorCode::kGroupMaxSizeReached, args.member_id));
    } else {
      AddMemberAndRebalance(g, args, args.member_id, done, fx);
    }
    return;
  }
  ErrorCode e = ValidateCurrentMember(g, args.member_id, args.api_version >= 5 ? args.group_instance_id : std::nullopt,
                                      std::nullopt);
  if (e != ErrorCode::kNone) return reply(JoinError(e, args.member_id));
  if (!g.SupportsProtocols(args.protocol_type, args.protocols))
    return reply(JoinError(ErrorCode::kInconsistentGroupProtocol, args.member_id));
  if (!AcceptJoiningMember(g, args.member_id)) {
    RemoveMemberAndUpdateGroup(g, args.member_id, fx);
    return reply(JoinError(ErrorCode::kGroupMaxSizeReached, args.member_id));
  }
  Member& m = g.members.at(args.member_id);
  switch (g.state) {
    case GroupState::kPreparingRebalance:
      UpdateMemberAndRebalance(g, m, args, done, fx);
      break;
    case GroupState::kCompletingRebalance:
      if (m.Matches(args.protocols)) {
        // The member lost its JoinGroup response: send it again.
        m.last_heartbeat_ms = now_ms_();
        reply(CurrentJoinResult(g, m, g.IsLeader(m.member_id)));
      } else {
        UpdateMemberAndRebalance(g, m, args, done, fx);
      }
      break;
    case GroupState::kStable:
      if (g.IsLeader(m.member_id) || !m.Matches(args.protocols)) {
        // The leader rejoining (e.g. metadata changed) or a changed subscription: rebalance.
        UpdateMemberAndRebalance(g, m, args, done, fx);
      } else {
        m.last_heartbeat_ms = now_ms_();
        reply(CurrentJoinResult(g, m, false));
      }
      break;
    case GroupState::kEmpty:
    case GroupState::kDead:
      reply(JoinError(ErrorCode::kUnknownMemberId, args.member_id));
      break;
  }
}

void GroupCoordinator::AddMemberAndRebalance(Group& g, const JoinGroupArgs& args, const std::string& member_id,
                                             JoinGroupCallback& done, Effects& fx) {
  Member m;
  m.member_id = member_id;
  m.group_instance_id = args.api_version >= 5 ? args.group_instance_id : std::nullopt;
  m.client_id = args.client_id;
  m.client_host = args.client_host;
  m.session_timeout_ms = args.session_timeout_ms;
  m.rebalance_timeout_ms = args.rebalance_timeout_ms < 0 ? args.session_timeout_ms : args.rebalance_timeout_ms;
  m.protocol_type = args.protocol_type;
  m.protocols = args.protocols;
  m.join_cb = std::move(done);
  m.last_heartbeat_ms = now_ms_();
  m.is_new = true;
  m.seq = ++join_seq_;
  if (g.members.empty()) g.protocol_type = args.protocol_type;
  if (!g.leader) g.leader = member_id;
  if (m.group_instance_id) g.static_members[*m.group_instance_id] = member_id;
  g.members.emplace(member_id, std::move(m));
  if (g.state == GroupState::kPreparingRebalance && g.initial_delay && g.generation == 0) {
    // A new group waits until no new member has arrived for group.initial.rebalance.delay.ms (bounded by
    // initial_limit_ms). Kafka extends in whole windows instead (a member arriving during a window adds a full
    // window after it), so a burst of members joining at once waits 2 x delay there; here it waits 1 x delay
    // after the last of them, and never longer than Kafka would.
    g.join_deadline_ms = std::min<int64_t>(now_ms_() + config_.initial_rebalance_delay_ms, g.initial_limit_ms);
  }
  MaybePrepareRebalance(g, fx);
  TryCompleteJoin(g, fx);
}

void GroupCoordinator::UpdateMemberAndRebalance(Group& g, Member& m, const JoinGroupArgs& args,
                                                JoinGroupCallback& done, Effects& fx) {
  m.protocols = args.protocols;
  m.session_timeout_ms = args.session_timeout_ms;
  m.rebalance_timeout_ms = args.rebalance_timeout_ms < 0 ? args.session_timeout_ms : args.rebalance_timeout_ms;
  m.last_heartbeat_ms = now_ms_();
  if (m.join_cb) {
    // A duplicate JoinGroup while one is pending: the older request is answered as superseded.
    fx.callbacks.push_back([cb = std::move(m.join_cb), r = JoinError(ErrorCode::kRebalanceInProgress, m.member_id)] {
      cb(r);
    });
  }
  m.join_cb = std::move(done);
  MaybePrepareRebalance(g, fx);
  TryCompleteJoin(g, fx);
}

void GroupCoordinator::MaybePrepareRebalance(Group& g, Effects& fx) {
  if (g.state == GroupState::kEmpty || g.state == GroupState::kStable || g.state == GroupState::kCompletingRebalance)
    PrepareRebalance(g, fx);
}

void GroupCoordinator::PrepareRebalance(Group& g, Effects& fx) {
  if (g.state == GroupState::kCompletingRebalance) {
    // The assignment being computed is stale: followers waiting for it must rejoin.
    for (auto& [id, m] : g.members) {
      m.assignment.clear();
      if (m.sync_cb) {
        SyncGroupResult r;
        r.error = ErrorCode::kRebalanceInProgress;
        fx.callbacks.push_back([cb = std::move(m.sync_cb), r] { cb(r); });
        m.sync_cb = nullptr;
      }
    }
  }
  g.pending_sync.clear();
  const int64_t now = now_ms_();
  const int64_t rebalance_timeout = g.RebalanceTimeoutMs();
  if (g.state == GroupState::kEmpty) {
    // group.initial.rebalance.delay.ms: wait for more members of a new group before the first generation,
    // extending by the delay while members keep arriving, at most up to the rebalance timeout.
    g.initial_delay = true;
    g.join_deadline_ms = now + config_.initial_rebalance_delay_ms;
    g.initial_limit_ms = now + std::max<int64_t>(rebalance_timeout, config_.initial_rebalance_delay_ms);
  } else {
    g.initial_delay = false;
    g.join_deadline_ms = now + rebalance_timeout;
  }
  TransitionTo(g, GroupState::kPreparingRebalance);
}

void GroupCoordinator::TryCompleteJoin(Group& g, Effects& fx) {
  if (g.state != GroupState::kPreparingRebalance) return;
  const int64_t now = now_ms_();
  if (g.initial_delay) {
    // Only the deadline (moved by each new member, see AddMemberAndRebalance) ends the initial delay.
    if (now >= g.join_deadline_ms) CompleteJoin(g, fx);
    return;
  }
  if (g.AllMembersJoined() || now >= g.join_deadline_ms) CompleteJoin(g, fx);
}

void GroupCoordinator::CompleteJoin(Group& g, Effects& fx) {
  // Dynamic members that did not rejoin within the rebalance timeout are removed; static members stay
  // (their session timeout decides), as in Kafka.
  std::vector<std::string> gone;
  for (const auto& [id, m] : g.members)
    if (!m.awaiting_join() && !m.group_instance_id) gone.push_back(id);
  for (const auto& id : gone) RemoveMember(g, id, ErrorCode::kUnknownMemberId, fx);
  // Ids handed out (MEMBER_ID_REQUIRED) but not used yet stay valid: as in Kafka, only their own session
  // timeout (ExpireSessions) drops them. Dropping them here sent members that were just told their id, and
  // rejoined a moment after a generation completed without them, to UNKNOWN_MEMBER_ID and a client back-off.

  if (g.leader && !g.members.at(*g.leader).awaiting_join()) {
    const Member* joined = nullptr;
    for (const Member* m : g.Ordered())
      if (m->awaiting_join()) { joined = m; break; }
    if (joined) {
      g.leader = joined->member_id;
    } else if (!g.members.empty()) {
      // Only static members that have not rejoined: wait another rebalance timeout for them.
      g.initial_delay = false;
      g.join_deadline_ms = now_ms_() + g.RebalanceTimeoutMs();
      return;
    }
  }
  ++g.generation;
  g.initial_delay = false;
  if (g.members.empty()) {
    g.protocol_name.reset();
    g.leader.reset();
    TransitionTo(g, GroupState::kEmpty);
    g.ComputeSubscribedTopics();
    PersistGroup(g, fx);
    return;
  }
  g.protocol_name = g.SelectProtocol();
  g.ComputeSubscribedTopics();
  TransitionTo(g, GroupState::kCompletingRebalance);
  g.sync_deadline_ms = now_ms_() + g.RebalanceTimeoutMs();
  for (auto& [id, m] : g.members) {
    g.pending_sync.insert(id);
    if (!m.join_cb) continue;
    JoinGroupResult r = CurrentJoinResult(g, m, g.IsLeader(id));
    fx.callbacks.push_back([cb = std::move(m.join_cb), r = std::move(r)] { cb(r); });
    m.join_cb = nullptr;
    m.is_new = false;
    m.last_heartbeat_ms = now_ms_();
  }
}

void GroupCoordinator::RemoveMember(Group& g, const std::string& member_id_ref, ErrorCode callback_error,
                                    Effects& fx) {
  const std::string member_id = member_id_ref;  // the caller's string may live in a map entry erased below
  auto it = g.members.find(member_id);
  if (it == g.members.end()) return;
  Member& m = it->second;
  if (m.join_cb)
    fx.callbacks.push_back([cb = std::move(m.join_cb), r = JoinError(callback_error, "")] { cb(r); });
  if (m.sync_cb) {
    SyncGroupResult r;
    r.error = callback_error;
    fx.callbacks.push_back([cb = std::move(m.sync_cb), r] { cb(r); });
  }
  if (m.group_instance_id) {
    auto s = g.static_members.find(*m.group_instance_id);
    if (s != g.static_members.end() && s->second == member_id) g.static_members.erase(s);
  }
  g.members.erase(it);
  g.pending_sync.erase(member_id);
  if (g.IsLeader(member_id)) {
    auto ordered = g.Ordered();
    if (ordered.empty()) g.leader.reset();
    else g.leader = ordered.front()->member_id;
  }
}

void GroupCoordinator::RemoveMemberAndUpdateGroup(Group& g, const std::string& member_id_ref, Effects& fx) {
  const std::string member_id = member_id_ref;
  RemoveMember(g, member_id, ErrorCode::kUnknownMemberId, fx);
  switch (g.state) {
    case GroupState::kStable:
    case GroupState::kCompletingRebalance:
      PrepareRebalance(g, fx);
      TryCompleteJoin(g, fx);
      break;
    case GroupState::kPreparingRebalance:
      TryCompleteJoin(g, fx);
      break;
    case GroupState::kEmpty:
    case GroupState::kDead:
      break;
  }
}

}  // namespace partita::group
