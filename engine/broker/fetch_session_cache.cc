#include "engine/broker/fetch_session_cache.h"

#include "engine/broker/fetch_session.h"

#include <algorithm>
#include <atomic>
#include <set>

namespace partita::broker {

using protocol::ErrorCode;
using protocol::FetchRequest;
using protocol::FetchResponse;

namespace {

// Kafka's FetchMetadata epochs.
constexpr int32_t kInitialEpoch = 0;
constexpr int32_t kFinalEpoch = -1;
// Every partition of an incremental session is read at least this often, whatever its stamp (see the header).
constexpr int64_t kFullReadIntervalMs = 1000;

int32_t NextEpoch(int32_t epoch) { return epoch == INT32_MAX ? 1 : epoch + 1; }

}  // namespace

FetchSessionCache::FetchSessionCache(FetchSessionOptions options) : options_(options), ids_(std::random_device{}()) {}

FetchSessionCache::~FetchSessionCache() = default;

size_t FetchSessionCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

std::shared_ptr<FetchSession> FetchSessionCache::Find(int32_t id) {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
}

FetchSessionContext FetchSessionCache::Begin(const FetchRequest& request, int16_t version, bool privileged,
                                             int64_t now_ms) {
  FetchSessionContext context;
  const int32_t id = version >= 7 ? request.session_id : 0;
  const int32_t epoch = version >= 7 ? request.session_epoch : kFinalEpoch;
  if (epoch == kInitialEpoch || epoch == kFinalEpoch) {
    // A full fetch closes the session it names.
    if (id != 0) {
      std::lock_guard<std::mutex> lock(mu_);
      sessions_.erase(id);
    }
    context.request = std::make_shared<const FetchRequest>(request);
    if (epoch == kInitialEpoch) context.session = MaybeCreate(request, privileged, now_ms);
    if (context.session) {
      context.response_session_id = context.session->id;
      context.clock = context.session->clock;
      context.session->clock->last_fetch_ms = now_ms;
    }
    return context;
  }
  std::shared_ptr<FetchSession> session;
  {
    std::lock_guard<std::mutex> lock(mu_);
    session = Find(id);
    if (!session) {
      context.error = ErrorCode::kFetchSessionIdNotFound;
      return context;
    }
    if (session->next_epoch != epoch) {
      context.error = ErrorCode::kInvalidFetchSessionEpoch;
      return context;
    }
    session->next_epoch = NextEpoch(epoch);
    session->last_used_ms = now_ms;
    context.previous_fetch_ms = session->clock->last_fetch_ms.exchange(now_ms);
  }
  size_t count = 0;
  {
    std::lock_guard<std::mutex> session_lock(session->mu);
    session->Update(request);
    count = session->partition_count();
    if (count > 0 && count <= options_.max_partitions_per_session) {
      context.request = std::make_shared<const FetchRequest>(request);
      context.clock = session->clock;
      context.session = std::move(session);
      context.response_session_id = id;
      context.incremental = true;
      return context;
    }
  }
  // Nothing left to follow (Kafka serves that sessionless), or more than a session may hold: close it; in the
  // second case the client starts over with full fetches.
  {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(id);
  }
  if (count > 0) {
    context.error = ErrorCode::kFetchSessionIdNotFound;
    return context;
  }
  context.request = std::make_shared<const FetchRequest>(request);
  context.previous_fetch_ms = -1;
  return context;
}

std::shared_ptr<FetchSession> FetchSessionCache::MaybeCreate(const FetchRequest& request, bool privileged,
                                                             int64_t now_ms) {
  size_t partitions = 0;
  for (const auto& topic : request.topics) partitions += topic.partitions.size();
  if (partitions == 0 || partitions > options_.max_partitions_per_session || options_.max_slots == 0) return nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  if (sessions_.size() >= options_.max_slots && !MakeRoom(privileged, partitions, now_ms)) return nullptr;
  int32_t id = 0;
  std::uniform_int_distribution<int32_t> pick(1, INT32_MAX);
  while (id == 0 || sessions_.count(id)) id = pick(ids_);
  auto session = std::make_shared<FetchSession>(id, privileged, now_ms);
  session->last_used_ms = now_ms;
  {
    std::lock_guard<std::mutex> session_lock(session->mu);
    session->Update(request);
  }
  sessions_.emplace(id, session);
  return session;
}

// Kafka's FetchSessionCache.tryEvict: a stale session (unused for eviction_ms) goes first; otherwise a session
// older than eviction_ms that is worth less than the new one — unprivileged before privileged, smaller before
// larger — and only a privileged (follower) request may evict a privileged session.
bool FetchSessionCache::MakeRoom(bool privileged, size_t partitions, int64_t now_ms) {
  auto stale = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
    return a.second->last_used_ms < b.second->last_used_ms;
  });
  if (stale != sessions_.end() && now_ms - stale->second->last_used_ms > options_.eviction_ms) {
    sessions_.erase(stale);
    return true;
  }
  auto worth = [](bool p, size_t n) { return std::pair<bool, size_t>(p, n); };
  auto victim = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    const FetchSession& s = *it->second;
    if (now_ms - s.created_ms <= options_.eviction_ms) continue;
    if (s.privileged && !privileged) continue;
    if (victim == sessions_.end() ||
        worth(s.privileged, s.partition_count()) <
            worth(victim->second->privileged, victim->second->partition_count())) {
      victim = it;
    }
  }
  if (victim == sessions_.end()) return false;
  if (worth(privileged, partitions) < worth(victim->second->privileged, victim->second->partition_count())) {
    return false;
  }
  sessions_.erase(victim);
  return true;
}

FetchPlan FetchSessionCache::Plan(const FetchSessionContext& context, const PartitionLookup& lookup, int64_t now_ms,
                                  bool for_progress) {
  if (!context.incremental) {
    FetchPlan plan;
    plan.request = context.request;
    for (const auto& topic : context.request->topics) {
      for (const auto& p : topic.partitions) {
        plan.partitions.push_back(lookup({topic.topic, PartitionId(p.partition)}));
        plan.stamps.push_back(plan.partitions.back() ? plan.partitions.back()->change_stamp() : 0);
      }
    }
    return plan;
  }
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> lock(session.mu);
  const bool read_all = now_ms - session.last_full_read_ms >= kFullReadIntervalMs;
  if (read_all) session.last_full_read_ms = now_ms;
  return session.Select(*context.request, [&](FetchSession::Cached& c, uint64_t* stamp) {
    *stamp = c.partition ? c.partition->change_stamp() : 0;
    bool include = read_all || !c.partition || c.needs_read || *stamp != c.answered_stamp ||
                   (for_progress && *stamp != c.progress_stamp);
    if (!include) return false;  // a change of leadership moves the stamp: unchanged, it is still led here
    if (!c.partition || !c.partition->IsLeader()) {
      // Not led here (any more): looked up afresh, and read for its error (or its new incarnation).
      c.partition = lookup(c.tp);
      *stamp = c.partition ? c.partition->change_stamp() : 0;
    }
    if (for_progress) c.progress_stamp = *stamp;
    return true;
  });
}

void FetchSessionCache::Complete(const FetchSessionContext& context, const FetchPlan& plan,
                                 const std::vector<size_t>& starved, FetchResponse* response) {
  response->session_id = context.response_session_id;
  if (!context.session) return;
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> session_lock(session.mu);
  const std::vector<TopicPartition> with_data =
      session.Record(*response, plan, starved, /*drop_unchanged=*/context.incremental);
  if (context.incremental) {
    for (const auto& tp : with_data) session.MoveToEnd(tp);
  }
}

namespace {

// Whether a session partition has records for the client since its last answer, or stopped being led here.
bool HasNewDataIn(const FetchSession::Cached& c, bool from_follower, IsolationLevel isolation) {
  if (!c.partition) return true;  // not hosted here: answered with its error now
  if (!c.needs_read && c.partition->change_stamp() == c.answered_stamp) return false;
  if (!c.partition->IsLeader()) return true;
  return c.partition->HasDataAfter(Offset(c.fetch.fetch_offset), from_follower, isolation);
}

}  // namespace

bool FetchSessionCache::HasNewData(const FetchSessionContext& context, const TopicPartition* changed,
                                   bool from_follower, IsolationLevel isolation) {
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> lock(session.mu);
  if (changed) {
    const FetchSession::Cached* c = session.Find(changed->topic, changed->partition.value);
    return c && HasNewDataIn(*c, from_follower, isolation);
  }
  for (const auto& c : session.partitions()) {
    if (HasNewDataIn(c, from_follower, isolation)) return true;
  }
  return false;
}

void FetchSessionCache::Park(const FetchSessionContext& context, const std::shared_ptr<DelayedOperation>& op,
                             Purgatory& purgatory) {
  FetchSession& session = *context.session;
  std::shared_ptr<SessionWatch> watch;
  std::vector<TopicPartition> unwatched;
  {
    std::lock_guard<std::mutex> lock(session.mu);
    watch = session.WatchFor(&unwatched);
  }
  if (!unwatched.empty()) purgatory.Subscribe(watch, unwatched);
  watch->SetParked(op);
  purgatory.Watch(op, {});  // its deadline; and one more check, for a change that came before SetParked
}

std::vector<std::string> FetchSessionCache::Topics(const FetchSessionContext& context) const {
  if (!context.incremental) {
    std::vector<std::string> out;
    for (const auto& topic : context.request->topics) out.push_back(topic.topic);
    return out;
  }
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> lock(session.mu);
  return session.Topics();
}

std::shared_ptr<const FetchRequest> FetchSessionCache::Wanted(const FetchSessionContext& context) const {
  if (!context.incremental) return context.request;
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> lock(session.mu);
  return session.Select(*context.request, [](const FetchSession::Cached&, uint64_t*) { return true; }).request;
}

}  // namespace partita::broker
