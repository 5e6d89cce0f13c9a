#include "engine/broker/fetch_session_cache.h"

#include <algorithm>
#include <atomic>

namespace partita::broker {

using protocol::ErrorCode;
using protocol::FetchRequest;
using protocol::FetchResponse;

namespace {

// Kafka's FetchMetadata epochs.
constexpr int32_t kInitialEpoch = 0;
constexpr int32_t kFinalEpoch = -1;

int32_t NextEpoch(int32_t epoch) { return epoch == INT32_MAX ? 1 : epoch + 1; }

}  // namespace

// One client's session: the partitions it follows with their fetch parameters, and what the last answer told
// it about each (to answer only what changed).
class FetchSession {
 public:
  struct Cached {
    TopicPartition tp;
    protocol::Uuid topic_id{};         // Fetch v13+ (KIP-516): the id the client named the topic by
    FetchRequest::Partition fetch;     // the client's parameters, as last sent
    int64_t sent_high_watermark = -1;  // -1: never answered, or last answered with an error
    int64_t sent_last_stable_offset = -1;
    int64_t sent_log_start_offset = -1;
  };

  FetchSession(int32_t id, bool privileged, int64_t now_ms) : id(id), privileged(privileged), created_ms(now_ms) {}

  // Adds or updates the request's partitions, then forgets the forgotten ones (Kafka's FetchSession.update).
  void Update(const FetchRequest& request) {
    for (const auto& topic : request.topics) {
      for (const auto& p : topic.partitions) {
        TopicPartition tp{topic.topic, PartitionId(p.partition)};
        if (auto it = index_.find(tp); it != index_.end()) {
          it->second->fetch = p;
          it->second->topic_id = topic.topic_id;
        } else {
          partitions_.push_back(Cached{tp, topic.topic_id, p});
          index_.emplace(tp, std::prev(partitions_.end()));
        }
      }
    }
    count_ = partitions_.size();
    for (const auto& forgotten : request.forgotten_topics_data) {
      for (int32_t partition : forgotten.partitions) {
        auto it = index_.find({forgotten.topic, PartitionId(partition)});
        if (it == index_.end()) continue;
        partitions_.erase(it->second);
        index_.erase(it);
      }
    }
    count_ = partitions_.size();
  }

  // The request to read for this session: the top-level fields of `request`, every partition of the session in
  // session order (consecutive partitions of one topic share a topic entry, as Kafka's FetchRequest.Builder).
  std::shared_ptr<const FetchRequest> Effective(const FetchRequest& request) const {
    auto out = std::make_shared<FetchRequest>();
    out->replica_id = request.replica_id;
    out->max_wait_ms = request.max_wait_ms;
    out->min_bytes = request.min_bytes;
    out->max_bytes = request.max_bytes;
    out->isolation_level = request.isolation_level;
    out->session_id = request.session_id;
    out->session_epoch = request.session_epoch;
    out->rack_id = request.rack_id;
    for (const auto& cached : partitions_) {
      if (out->topics.empty() || out->topics.back().topic != cached.tp.topic ||
          out->topics.back().topic_id != cached.topic_id) {
        auto& topic = out->topics.emplace_back();
        topic.topic = cached.tp.topic;
        topic.topic_id = cached.topic_id;
      }
      out->topics.back().partitions.push_back(cached.fetch);
    }
    return out;
  }

  // Remembers what `answer` tells the client and, when `drop_unchanged`, leaves out the partitions with nothing
  // new — Kafka's CachedPartition.maybeUpdateResponseData: records, an error or a moved offset are news. The
  // answer follows the session's order, so one pass over both finds each partition. Returns the partitions
  // that carried records.
  std::vector<TopicPartition> Record(FetchResponse& answer, bool drop_unchanged) {
    std::vector<TopicPartition> with_data;
    auto cursor = partitions_.begin();
    for (auto& topic : answer.responses) {
      auto kept = topic.partitions.begin();
      for (auto& p : topic.partitions) {
        Cached* cached = nullptr;
        if (cursor != partitions_.end() && cursor->tp.partition.value == p.partition_index &&
            cursor->tp.topic == topic.topic) {
          cached = &*cursor++;
        } else if (auto it = index_.find({topic.topic, PartitionId(p.partition_index)}); it != index_.end()) {
          cached = &*it->second;  // the order moved under a concurrent request
        }
        const bool had_records = p.records.size() > 0;
        if (had_records) with_data.push_back({topic.topic, PartitionId(p.partition_index)});
        bool news = had_records || p.error_code != 0 || !cached;
        if (cached && p.error_code != 0) {
          cached->sent_high_watermark = -1;  // re-sent once the error goes away
        } else if (cached) {
          news = news || cached->sent_high_watermark != p.high_watermark ||
                 cached->sent_last_stable_offset != p.last_stable_offset ||
                 cached->sent_log_start_offset != p.log_start_offset;
          cached->sent_high_watermark = p.high_watermark;
          cached->sent_last_stable_offset = p.last_stable_offset;
          cached->sent_log_start_offset = p.log_start_offset;
        }
        if (news || !drop_unchanged) {
          if (&*kept != &p) *kept = std::move(p);
          ++kept;
        }
      }
      topic.partitions.erase(kept, topic.partitions.end());
    }
    if (drop_unchanged) {
      std::erase_if(answer.responses, [](const FetchResponse::Topic& t) { return t.partitions.empty(); });
    }
    return with_data;
  }

  // A partition that returned data goes to the end, so the next answer's byte budget starts with the others.
  void MoveToEnd(const TopicPartition& tp) {
    auto it = index_.find(tp);
    if (it == index_.end()) return;
    partitions_.splice(partitions_.end(), partitions_, it->second);
  }

  // Readable without `mu` (the cache weighs sessions for eviction under its own mutex only).
  size_t partition_count() const { return count_; }

  const int32_t id;
  const bool privileged;
  const int64_t created_ms;
  int64_t last_used_ms = 0;     // under the cache's mutex
  int32_t next_epoch = 1;       // under the cache's mutex
  std::mutex mu;                // guards the partitions

 private:
  std::list<Cached> partitions_;
  std::map<TopicPartition, std::list<Cached>::iterator> index_;
  std::atomic<size_t> count_{0};
};

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
    context.effective = std::make_shared<const FetchRequest>(request);
    if (epoch == kInitialEpoch) context.session = MaybeCreate(request, privileged, now_ms);
    if (context.session) context.response_session_id = context.session->id;
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
  }
  size_t count = 0;
  {
    std::lock_guard<std::mutex> session_lock(session->mu);
    session->Update(request);
    count = session->partition_count();
    if (count > 0 && count <= options_.max_partitions_per_session) {
      context.effective = session->Effective(request);
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
  context.effective = std::make_shared<const FetchRequest>(request);
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

void FetchSessionCache::Complete(const FetchSessionContext& context, FetchResponse* response) {
  response->session_id = context.response_session_id;
  if (!context.session) return;
  FetchSession& session = *context.session;
  std::lock_guard<std::mutex> session_lock(session.mu);
  const std::vector<TopicPartition> with_data = session.Record(*response, /*drop_unchanged=*/context.incremental);
  if (context.incremental) {
    for (const auto& tp : with_data) session.MoveToEnd(tp);
  }
}

}  // namespace partita::broker
