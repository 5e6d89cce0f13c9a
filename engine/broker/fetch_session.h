// One client's incremental fetch session (KIP-227) as the broker keeps it — its partitions with their fetch
// parameters, what the last answers told it, what each partition's Partition looked like when last read — and
// the standing purgatory registration its parked fetches are woken through. Used by FetchSessionCache only
// (fetch_session_cache.h says what a session does); internal to engine/broker.
// Thread safety: a FetchSession's members are guarded by its `mu` unless noted; SessionWatch is thread-safe.
#pragma once

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/broker/fetch_session_cache.h"
#include "engine/broker/partition.h"
#include "engine/broker/purgatory.h"

namespace partita::broker {

// Keeps a session registered in the purgatory for each of its partitions, so that a change of one re-checks the
// session's parked fetch: a fetch then parks without registering thousands of keys (issue 11). It never
// completes; the purgatory drops its entries once the session is gone.
class SessionWatch final : public DelayedOperation {
 public:
  SessionWatch() : DelayedOperation(INT64_MAX) {}

  void SetParked(const std::shared_ptr<DelayedOperation>& op) {
    std::lock_guard<std::mutex> lock(mu_);
    parked_ = op;
  }

 protected:
  bool CanComplete() override {
    if (auto op = Parked()) op->TryComplete();
    return false;
  }
  bool CanCompleteAfterChangeOf(const TopicPartition& key) override {
    if (auto op = Parked()) op->TryCompleteAfterChangeOf(key);
    return false;
  }
  void OnComplete(bool) override {}

 private:
  std::shared_ptr<DelayedOperation> Parked() {
    std::lock_guard<std::mutex> lock(mu_);
    return parked_.lock();
  }

  std::mutex mu_;
  std::weak_ptr<DelayedOperation> parked_;
};

// One client's session: the partitions it follows with their fetch parameters, and what the last answer told
// it about each (to answer only what changed).
class FetchSession {
 public:
  struct Cached {
    // First what Plan looks at for every partition of the session at every fetch: one cache line.
    std::shared_ptr<Partition> partition;  // as last read (null: not yet, or not hosted here then)
    uint64_t answered_stamp = 0;           // its change stamp when last read for an answer
    uint64_t progress_stamp = 0;           // its change stamp when the follower's progress was last recorded
    bool needs_read = true;                // named by the client, or last answered with records/an error/no budget
    TopicPartition tp;
    protocol::Uuid topic_id{};         // Fetch v13+ (KIP-516): the id the client named the topic by
    protocol::FetchRequest::Partition fetch;     // the client's parameters, as last sent
    int64_t sent_high_watermark = -1;  // -1: never answered, or last answered with an error
    int64_t sent_last_stable_offset = -1;
    int64_t sent_log_start_offset = -1;
  };

  FetchSession(int32_t id, bool privileged, int64_t now_ms) : id(id), privileged(privileged), created_ms(now_ms) {}

  // Adds or updates the request's partitions, then forgets the forgotten ones (Kafka's FetchSession.update).
  void Update(const protocol::FetchRequest& request) {
    for (const auto& topic : request.topics) {
      for (const auto& p : topic.partitions) {
        TopicPartition tp{topic.topic, PartitionId(p.partition)};
        if (auto it = index_.find(tp); it != index_.end()) {
          it->second->fetch = p;
          it->second->topic_id = topic.topic_id;
          it->second->needs_read = true;
        } else {
          partitions_.push_back(Cached{.tp = tp, .topic_id = topic.topic_id, .fetch = p});
          index_.emplace(tp, std::prev(partitions_.end()));
          ++topics_[tp.topic];
          if (!watched_.count(tp)) unwatched_.insert(tp);
        }
      }
    }
    for (const auto& forgotten : request.forgotten_topics_data) {
      for (int32_t partition : forgotten.partitions) {
        auto it = index_.find({forgotten.topic, PartitionId(partition)});
        if (it == index_.end()) continue;
        unwatched_.erase(it->first);
        if (auto t = topics_.find(forgotten.topic); t != topics_.end() && --t->second == 0) topics_.erase(t);
        partitions_.erase(it->second);
        index_.erase(it);
      }
    }
    count_ = partitions_.size();
  }

  // The partitions `include` picks, in session order, as a request with the top-level fields of `request`
  // (consecutive partitions of one topic share a topic entry, as Kafka's FetchRequest.Builder). `include` may
  // resolve a cached partition and tell its stamp.
  template <typename Include>
  FetchPlan Select(const protocol::FetchRequest& request, Include include) {
    FetchPlan plan;
    auto out = std::make_shared<protocol::FetchRequest>();
    out->replica_id = request.replica_id;
    out->max_wait_ms = request.max_wait_ms;
    out->min_bytes = request.min_bytes;
    out->max_bytes = request.max_bytes;
    out->isolation_level = request.isolation_level;
    out->session_id = request.session_id;
    out->session_epoch = request.session_epoch;
    out->rack_id = request.rack_id;
    out->replica_state = request.replica_state;
    for (auto& cached : partitions_) {
      uint64_t stamp = 0;
      if (!include(cached, &stamp)) continue;
      if (out->topics.empty() || out->topics.back().topic != cached.tp.topic ||
          out->topics.back().topic_id != cached.topic_id) {
        auto& topic = out->topics.emplace_back();
        topic.topic = cached.tp.topic;
        topic.topic_id = cached.topic_id;
      }
      out->topics.back().partitions.push_back(cached.fetch);
      plan.partitions.push_back(cached.partition);
      plan.stamps.push_back(stamp);
    }
    plan.request = std::move(out);
    return plan;
  }

  // Remembers what `answer` (read for `plan`, in its order) tells the client and, when `drop_unchanged`, leaves
  // out the partitions with nothing new — Kafka's CachedPartition.maybeUpdateResponseData: records, an error or
  // a moved offset are news. Returns the partitions that carried records.
  std::vector<TopicPartition> Record(protocol::FetchResponse& answer, const FetchPlan& plan,
                                     const std::vector<size_t>& starved, bool drop_unchanged) {
    std::vector<TopicPartition> with_data;
    size_t index = 0;  // into plan
    auto next_starved = starved.begin();
    for (auto& topic : answer.responses) {
      auto kept = topic.partitions.begin();
      for (auto& p : topic.partitions) {
        const size_t i = index++;
        Cached* cached = Find(topic.topic, p.partition_index);
        const bool had_records = p.records.size() > 0;
        if (had_records) with_data.push_back({topic.topic, PartitionId(p.partition_index)});
        bool news = had_records || p.error_code != 0 || !cached;
        const bool was_starved = next_starved != starved.end() && *next_starved == i;
        if (was_starved) ++next_starved;
        if (cached && i < plan.stamps.size()) {
          cached->partition = plan.partitions[i];
          cached->answered_stamp = plan.stamps[i];
          cached->needs_read = had_records || p.error_code != 0 || was_starved;
        }
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
      std::erase_if(answer.responses, [](const protocol::FetchResponse::Topic& t) { return t.partitions.empty(); });
    }
    return with_data;
  }

  // A partition that returned data goes to the end, so the next answer's byte budget starts with the others.
  void MoveToEnd(const TopicPartition& tp) {
    auto it = index_.find(tp);
    if (it == index_.end()) return;
    partitions_.splice(partitions_.end(), partitions_, it->second);
  }

  std::list<Cached>& partitions() { return partitions_; }

  std::vector<std::string> Topics() const {
    std::vector<std::string> out;
    out.reserve(topics_.size());
    for (const auto& [topic, count] : topics_) out.push_back(topic);
    return out;
  }

  Cached* Find(const std::string& topic, int32_t partition) {
    auto it = index_.find({topic, PartitionId(partition)});
    return it == index_.end() ? nullptr : &*it->second;
  }

  // The watch to park a fetch of this session with, and the partitions to register it for: those added since
  // the last call. Registrations are not taken back when a partition is forgotten, so once they outnumber the
  // session's partitions twice over (a client cycling through partitions) a new watch replaces the old one, whose
  // entries the purgatory then drops: memory stays bounded by what the session holds.
  std::shared_ptr<SessionWatch> WatchFor(std::vector<TopicPartition>* to_register) {
    if (!watch_ || watched_.size() > 2 * partitions_.size() + 1024) {
      watch_ = std::make_shared<SessionWatch>();
      watched_.clear();
      for (const auto& [tp, it] : index_) unwatched_.insert(tp);
    }
    *to_register = TakeUnwatched();
    return watch_;
  }

  // Readable without `mu` (the cache weighs sessions for eviction under its own mutex only).
  size_t partition_count() const { return count_; }

  const int32_t id;
  const bool privileged;
  const int64_t created_ms;
  int64_t last_used_ms = 0;     // under the cache's mutex
  int32_t next_epoch = 1;       // under the cache's mutex
  const std::shared_ptr<FollowerSessionClock> clock = std::make_shared<FollowerSessionClock>();
  std::mutex mu;                // guards what follows and the partitions
  int64_t last_full_read_ms = 0;

 private:
  std::vector<TopicPartition> TakeUnwatched() {
    std::vector<TopicPartition> out(unwatched_.begin(), unwatched_.end());
    watched_.merge(unwatched_);
    unwatched_.clear();
    return out;
  }

  std::shared_ptr<SessionWatch> watch_;

  std::list<Cached> partitions_;
  std::map<TopicPartition, std::list<Cached>::iterator> index_;
  std::map<std::string, size_t> topics_;  // the session's topics, with how many of their partitions it holds
  std::atomic<size_t> count_{0};
  std::set<TopicPartition> unwatched_;  // in the session, not yet registered for its watch
  std::set<TopicPartition> watched_;    // registered (never twice)
};

}  // namespace partita::broker
