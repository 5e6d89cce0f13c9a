#include "engine/replication/replica_fetcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>

#include "engine/client/broker_connection.h"
#include "engine/client/fetch_session_builder.h"
#include "engine/group/group_partition.h"  // JavaStringHashCode, for Kafka's fetcher id
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"
#include "engine/replication/follower_truncation.h"

namespace partita::replication {

using protocol::ErrorCode;

// One thread fetching from one leader.
class ReplicaFetcherManager::Fetcher {
 public:
  Fetcher(int32_t leader, const FetcherOptions& options, const EndpointLookup& endpoints,
          const AppendListener& on_append)
      : leader_(leader), options_(options), endpoints_(endpoints), on_append_(on_append) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Fetcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void Add(std::shared_ptr<FollowerLog> partition, int32_t epoch, const protocol::Uuid& topic_id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& s = partitions_[partition->topic_partition()];
    if (s.partition == partition && s.epoch == epoch && s.topic_id == topic_id) return;  // already following
    s.partition = std::move(partition);
    s.epoch = epoch;
    s.topic_id = topic_id;
    s.generation = ++generation_;
    s.needs_truncation = true;
    s.retry_after_ms = 0;
    ++version_;
    cv_.notify_all();
  }

  void Remove(const TopicPartition& tp) {
    std::lock_guard<std::mutex> lock(mu_);
    if (partitions_.erase(tp) > 0) ++version_;
  }

  bool empty() {
    std::lock_guard<std::mutex> lock(mu_);
    return partitions_.empty();
  }

 private:
  struct State {
    std::shared_ptr<FollowerLog> partition;
    int32_t epoch = 0;
    protocol::Uuid topic_id{};  // zero: the topic has no id (then Fetch stays by name)
    uint64_t generation = 0;  // bumps on every Add, so a round's results never overwrite a newer Add
    bool needs_truncation = true;
    int64_t retry_after_ms = 0;
    bool caught_up = false;  // reached the leader's HW in the last response (Kafka: "replica in sync")
  };

  bool Throttled(const TopicPartition& tp, const State& s) const {
    return options_.quota && !s.caught_up && options_.quota->IsThrottled(tp);
  }

  bool Connect() {
    if (conn_ && conn_->connected()) return true;
    auto endpoint = endpoints_(leader_);
    if (!endpoint) return false;
    client::ConnectionOptions o;
    o.client_id = "replica-fetcher-" + std::to_string(options_.broker_id);
    o.request_timeout_ms = options_.max_wait_ms + 30000;
    o.max_response_bytes = options_.response_max_bytes + (1 << 20);
    o.tls = options_.tls;
    o.sasl_mechanism = options_.sasl_mechanism;
    o.sasl_username = options_.sasl_username;
    o.sasl_password = options_.sasl_password;
    auto conn = client::BrokerConnection::Connect(endpoint->first, endpoint->second, o);
    if (!conn.ok()) {
      spdlog::debug("replica fetcher for leader {}: {}", leader_, conn.status().ToString());
      return false;
    }
    conn_ = std::move(*conn);
    session_.Reset();  // a session lives with its connection here
    return true;
  }

  // KIP-101/279: truncate by leader epoch before fetching; a round may only get part of the way (the leader
  // answered an epoch we never had), and the partition is asked about again in the next round.
  void Truncate(std::map<TopicPartition, State>& work) {
    protocol::OffsetForLeaderEpochRequest req;
    req.replica_id = options_.broker_id;
    std::map<TopicPartition, State*> asked;
    const int64_t now = MonotonicMsNow();
    for (auto& [tp, s] : work) {
      if (!s.needs_truncation || s.retry_after_ms > now) continue;
      auto latest = EpochToAsk(*s.partition);
      if (!latest) {
        // No epochs to compare (an empty or pre-KIP-101 log): the high watermark is the safe point (Kafka's
        // truncateToHighWatermark).
        if (auto st = ApplyTruncation(*s.partition, {s.partition->HighWatermark(), true}); !st.ok()) {
          spdlog::error("{}: truncation to the high watermark failed: {}", tp.DirName(), st.ToString());
          s.retry_after_ms = MonotonicMsNow() + options_.backoff_ms;
          continue;
        }
        s.needs_truncation = false;
        continue;
      }
      auto& topic = FindOrAdd(req, tp.topic);
      auto& p = topic.partitions.emplace_back();
      p.partition = tp.partition.value;
      p.current_leader_epoch = s.epoch;
      p.leader_epoch = *latest;
      asked[tp] = &s;
    }
    if (asked.empty()) return;
    auto resp = conn_->Send<protocol::OffsetForLeaderEpochRequest, protocol::OffsetForLeaderEpochResponse>(req);
    if (!resp.ok()) {
      spdlog::warn("replica fetcher: OffsetForLeaderEpoch to broker {}: {}", leader_, resp.status().ToString());
      conn_.reset();
      return;
    }
    for (const auto& topic : resp->topics) {
      for (const auto& p : topic.partitions) {
        auto it = asked.find({topic.topic, PartitionId(p.partition)});
        if (it == asked.end()) continue;
        State& s = *it->second;
        if (p.error_code != 0) {
          s.retry_after_ms = MonotonicMsNow() + options_.backoff_ms;
          continue;
        }
        const EpochEndOffset answer{p.leader_epoch, p.end_offset};
        const TruncationDecision decision = DecideTruncation(*s.partition, answer);
        const int64_t leo = s.partition->LogEndOffset().value;
        if (decision.offset.value < leo) {
          spdlog::info("{}: truncating from {} to {} for leader {} epoch {} (leader's epoch {} ends at {}{})",
                       it->first.DirName(), leo, decision.offset.value, leader_, s.epoch, p.leader_epoch,
                       p.end_offset, decision.complete ? "" : "; asking again");
        }
        if (auto st = ApplyTruncation(*s.partition, decision); !st.ok()) {
          spdlog::error("{}: truncation failed: {}", it->first.DirName(), st.ToString());
          s.retry_after_ms = MonotonicMsNow() + options_.backoff_ms;
          continue;
        }
        s.needs_truncation = !decision.complete;
      }
    }
  }

  bool StillFollowing(const TopicPartition& tp, uint64_t generation) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = partitions_.find(tp);
    return it != partitions_.end() && it->second.generation == generation;
  }

  static protocol::OffsetForLeaderEpochRequest::Topic& FindOrAdd(protocol::OffsetForLeaderEpochRequest& req,
                                                                 const std::string& topic) {
    for (auto& t : req.topics)
      if (t.topic == topic) return t;
    auto& t = req.topics.emplace_back();
    t.topic = topic;
    return t;
  }

  static int64_t MonotonicMsNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  // States `tp` in the session to build: fetched from its log end, or left out while it waits (truncation, a
  // back-off, the follower throttle). Returns false when it waits.
  bool Restate(const TopicPartition& tp, const State& s, int64_t now) {
    if (s.needs_truncation || s.retry_after_ms > now || (Throttled(tp, s) && options_.quota->IsExceeded())) {
      session_.Remove(tp);
      return false;
    }
    protocol::FetchRequest::Partition p;
    p.partition = tp.partition.value;
    p.current_leader_epoch = s.epoch;
    p.fetch_offset = s.partition->LogEndOffset().value;
    p.log_start_offset = s.partition->LogStartOffset().value;
    p.partition_max_bytes = options_.partition_max_bytes;
    session_.Set(tp, p);
    return true;
  }

  // Brings the session's wanted partitions up to date. A round restates only what the last answer touched (a
  // follower's log end moves only by its own appends), so at 10,000 partitions it costs what changed (issue 11).
  // Every partition is restated after a change of the partition set, while any waits (a truncation, a back-off:
  // their time decides), while the follower throttle is on, and once a second for log start offsets, which
  // retention moves on its own.
  void RestateWanted(std::map<TopicPartition, State>& work) {
    const int64_t now = MonotonicMsNow();
    const bool throttling = options_.quota && options_.quota->AnyThrottled();
    if (full_restate_ || throttling || now - last_full_restate_ms_ >= kFullRestateIntervalMs) {
      full_restate_ = false;
      last_full_restate_ms_ = now;
      for (const auto& [tp, s] : work) full_restate_ |= !Restate(tp, s, now);
    } else {
      for (const auto& tp : touched_) {
        if (auto it = work.find(tp); it != work.end()) full_restate_ |= !Restate(tp, it->second, now);
      }
    }
    touched_.clear();
  }

  void FetchOnce(std::map<TopicPartition, State>& work) {
    protocol::FetchRequest req;
    req.replica_id = options_.broker_id;
    req.max_wait_ms = options_.max_wait_ms;
    req.min_bytes = options_.min_bytes;
    req.max_bytes = options_.response_max_bytes;
    RestateWanted(work);
    if (session_.wanted_count() == 0) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(100));
      return;
    }
    // Fetch v13 names topics by id (KIP-516), as Kafka's followers do when the leader supports it and every
    // topic has an id; otherwise v11. v12's last_fetched_epoch is left at -1: this fetcher truncates through
    // OffsetForLeaderEpoch instead of KIP-320's diverging epoch, so v12 by itself adds nothing.
    auto picked = conn_->PickVersion<protocol::FetchRequest>();
    int16_t version = picked.ok() ? std::min<int16_t>(*picked, 11) : 11;
    if (picked.ok() && *picked >= 13 && all_topic_ids_) version = std::min<int16_t>(*picked, 15);
    // Fetch v15 (KIP-903), as Kafka 3.8's followers: the replica id moves into replica_state, with this broker's
    // epoch, so a leader can tell a restarted incarnation from the old one (KRaft checks it; ZooKeeper-mode
    // leaders, ours included, only ask that the follower be alive). v14 adds nothing a follower uses and v16
    // only leader discovery, which the fetcher gets from the metadata anyway.
    if (version >= 15) {
      req.replica_state.replica_id = options_.broker_id;
      req.replica_state.replica_epoch = options_.broker_epoch ? options_.broker_epoch() : -1;
    }
    // An incremental fetch session (KIP-227), as Kafka's followers: after the first fetch only the partitions
    // whose log end moved are sent, and the leader answers only those with news.
    session_.BuildChanges(version, &req, &topic_ids_);
    std::vector<uint8_t> frame;
    auto resp = conn_->Send<protocol::FetchRequest, protocol::FetchResponse>(req, version, nullptr, &frame);
    if (!resp.ok()) {
      spdlog::warn("replica fetcher: fetch from broker {} failed: {}", leader_, resp.status().ToString());
      conn_.reset();
      session_.Reset();
      return;
    }
    if (!session_.OnResponse(*resp)) {
      spdlog::debug("replica fetcher: fetch session with broker {} ended ({}); starting a new one", leader_,
                    resp->error_code);
      return;
    }
    if (version >= 13) client::FetchSessionBuilder::NameTopics(topic_ids_, &*resp);
    for (const auto& topic : resp->responses) {
      for (const auto& p : topic.partitions) {
        TopicPartition tp{topic.topic, PartitionId(p.partition_index)};
        auto it = work.find(tp);
        if (it == work.end()) continue;
        State& s = it->second;
        touched_.push_back(tp);
        auto error = static_cast<ErrorCode>(p.error_code);
        if (error != ErrorCode::kNone) full_restate_ = true;  // it waits now: its time decides when it is back
        if (error == ErrorCode::kOffsetOutOfRange) {
          // Behind the leader's log start (retention there): restart the log at the leader's start.
          if (p.log_start_offset > s.partition->LogEndOffset().value) {
            (void)s.partition->TruncateFullyAndStartAt(Offset(p.log_start_offset));
          } else {
            s.needs_truncation = true;
          }
          continue;
        }
        if (error != ErrorCode::kNone) {
          // Leadership is moving (or the leader has not created the partition yet): the metadata will tell.
          s.retry_after_ms = MonotonicMsNow() + std::min(options_.backoff_ms, 200);
          continue;
        }
        if (!StillFollowing(tp, s.generation)) continue;  // removed or re-added while the fetch was in flight
        if (Throttled(tp, s)) options_.quota->Record(static_cast<int64_t>(p.records.view.size()));
        if (!p.records.view.empty()) {
          if (auto appended = s.partition->AppendFetched(p.records.view); !appended.ok()) {
            spdlog::error("{}: follower append failed: {}", tp.DirName(), appended.ToString());
            full_restate_ = true;
            s.needs_truncation = true;
            s.retry_after_ms = MonotonicMsNow() + options_.backoff_ms;
            continue;
          }
        }
        s.partition->UpdateFollowerHighWatermark(Offset(p.high_watermark));
        s.caught_up = s.partition->LogEndOffset().value >= p.high_watermark;
        if (!p.records.view.empty()) on_append_(tp);
      }
    }
  }

  void Run() {
    // The fetcher thread's copy of partitions_, taken again only when an Add or Remove changed it: copying
    // thousands of partitions every round cost more than the round's reads (issue 11's 10,000 partitions).
    std::map<TopicPartition, State> work;
    uint64_t copied_version = 0;
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_ || !partitions_.empty(); });
        if (stopping_) return;
        if (version_ != copied_version) {
          std::map<TopicPartition, State> previous = std::move(work);
          work = CopyKeepingWhatWasLearned(previous);
          copied_version = version_;
          for (const auto& [tp, s] : previous) {
            if (!work.count(tp)) session_.Remove(tp);
          }
          topic_ids_.clear();
          all_topic_ids_ = true;
          for (const auto& [tp, s] : work) {
            topic_ids_.try_emplace(tp.topic, s.topic_id);
            all_topic_ids_ = all_topic_ids_ && s.topic_id != protocol::Uuid{};
          }
          full_restate_ = true;
        }
      }
      if (work.empty()) continue;
      if (!Connect()) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, std::chrono::milliseconds(options_.backoff_ms), [&] { return stopping_; });
        continue;
      }
      if (full_restate_) Truncate(work);  // only then may a partition wait for truncation
      if (conn_) FetchOnce(work);
    }
  }

  // partitions_ (mu_ held), with what earlier rounds learned about each partition (truncation done, back-offs,
  // caught up) carried over from `previous` unless the partition was re-added since (a new generation).
  std::map<TopicPartition, State> CopyKeepingWhatWasLearned(const std::map<TopicPartition, State>& previous) {
    std::map<TopicPartition, State> copy = partitions_;
    for (auto& [tp, s] : copy) {
      auto it = previous.find(tp);
      if (it == previous.end() || it->second.generation != s.generation) continue;
      s.needs_truncation = it->second.needs_truncation;
      s.retry_after_ms = it->second.retry_after_ms;
      s.caught_up = it->second.caught_up;
    }
    return copy;
  }

  const int32_t leader_;
  const FetcherOptions options_;
  const EndpointLookup& endpoints_;
  const AppendListener& on_append_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::map<TopicPartition, State> partitions_;
  uint64_t generation_ = 0;
  uint64_t version_ = 0;  // bumps on every change of partitions_, so the fetcher thread knows to copy it again
  // Fetcher thread only, from here on.
  std::unique_ptr<client::BrokerConnection> conn_;
  client::FetchSessionBuilder session_;  // the session on conn_; what it wants is what RestateWanted stated
  static constexpr int64_t kFullRestateIntervalMs = 1000;
  bool full_restate_ = true;                 // restate every partition before the next fetch
  int64_t last_full_restate_ms_ = 0;
  std::vector<TopicPartition> touched_;      // partitions the last answer named
  client::FetchSessionBuilder::TopicIds topic_ids_;  // of the partitions followed (KIP-516)
  bool all_topic_ids_ = false;               // every followed topic has an id: Fetch v13+ possible
  std::thread thread_;
};

ReplicaFetcherManager::ReplicaFetcherManager(FetcherOptions options, EndpointLookup endpoints,
                                             AppendListener on_append)
    : options_(options), endpoints_(std::move(endpoints)), on_append_(std::move(on_append)) {}

ReplicaFetcherManager::~ReplicaFetcherManager() { Shutdown(); }

int32_t ReplicaFetcherManager::FetcherIdOf(const TopicPartition& tp) const {
  const int32_t n = std::max(options_.num_fetchers, 1);
  // Java int arithmetic (wrapping), then Kafka's Utils.abs (MIN_VALUE -> 0).
  const int32_t h = static_cast<int32_t>(31u * static_cast<uint32_t>(group::JavaStringHashCode(tp.topic)) +
                                         static_cast<uint32_t>(tp.partition.value));
  const int32_t a = h == INT32_MIN ? 0 : (h < 0 ? -h : h);
  return a % n;
}

void ReplicaFetcherManager::AddPartition(std::shared_ptr<FollowerLog> partition, int32_t leader,
                                         int32_t leader_epoch, const protocol::Uuid& topic_id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shut_down_) return;
  const TopicPartition tp = partition->topic_partition();
  const int32_t fetcher_id = FetcherIdOf(tp);
  if (auto it = leader_of_.find(tp); it != leader_of_.end() && it->second != leader) {
    if (auto f = fetchers_.find({it->second, fetcher_id}); f != fetchers_.end()) f->second->Remove(tp);
  }
  leader_of_[tp] = leader;
  auto& fetcher = fetchers_[{leader, fetcher_id}];
  if (!fetcher) fetcher = std::make_unique<Fetcher>(leader, options_, endpoints_, on_append_);
  fetcher->Add(std::move(partition), leader_epoch, topic_id);
}

void ReplicaFetcherManager::RemovePartition(const TopicPartition& tp) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = leader_of_.find(tp);
  if (it == leader_of_.end()) return;
  if (auto f = fetchers_.find({it->second, FetcherIdOf(tp)}); f != fetchers_.end()) f->second->Remove(tp);
  leader_of_.erase(it);
}

void ReplicaFetcherManager::Shutdown() {
  std::map<std::pair<int32_t, int32_t>, std::unique_ptr<Fetcher>> fetchers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    shut_down_ = true;
    fetchers = std::move(fetchers_);
    leader_of_.clear();
  }
  fetchers.clear();  // joins the threads
}

}  // namespace partita::replication
