// ReplicaFetcherManager: the follower side of replication. num.replica.fetchers fetcher threads per leader broker
// (a partition goes to fetcher abs(31 * javaHash(topic) + partition) % num.replica.fetchers, Kafka's
// AbstractFetcherManager.getFetcherId) fetch every partition this broker follows from that leader — Fetch requests with our replica id, like a consumer that
// reads up to the leader's log end — and appends the batches as they are (offsets and leader epochs kept).
// Before fetching from a new leader epoch a partition is truncated by leader epoch (OffsetForLeaderEpoch,
// KIP-101/279; rules in follower_truncation.h), so a follower never keeps records the new leader does not have.
// The fetcher sees a partition only through replication::FollowerLog (the broker's Partition implements it).
// The leader learns our progress from the fetch offsets; its high watermark comes back in every response.
// Thread safety: Add/Remove/Shutdown from any thread; each fetcher thread owns its connection.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "engine/protocol/reader.h"
#include "engine/replication/follower_log.h"
#include "engine/security/tls_context.h"
#include "engine/replication/replication_quota.h"

namespace partita::replication {

struct FetcherOptions {
  int32_t broker_id = -1;
  int32_t max_wait_ms = 500;               // replica.fetch.wait.max.ms
  int32_t min_bytes = 1;                   // replica.fetch.min.bytes
  int32_t partition_max_bytes = 1 << 20;   // replica.fetch.max.bytes
  int32_t response_max_bytes = 10 << 20;   // replica.fetch.response.max.bytes
  int32_t backoff_ms = 500;                // replica.fetch.backoff.ms
  int32_t num_fetchers = 1;                // num.replica.fetchers: fetcher threads (and connections) per leader
  // Follower-side throttle (follower.replication.throttled.*): a throttled partition that has not caught up
  // with the leader's high watermark is left out of fetches while the quota is used up. Null: no throttle.
  std::shared_ptr<ReplicationQuota> quota;
  // TLS to the leaders when the inter-broker listener runs SSL (issue 10); null = plaintext.
  std::shared_ptr<security::TlsContext> tls;
  // SASL login for a SASL inter-broker listener (sasl.mechanism.inter.broker.protocol); empty = none.
  std::string sasl_mechanism;
  std::string sasl_username;
  std::string sasl_password;
  // This broker's epoch (its registration's czxid), sent in Fetch v15+'s replica_state (KIP-903); null: -1.
  std::function<int64_t()> broker_epoch;
};

// host and port of a live broker, or nullopt.
using EndpointLookup = std::function<std::optional<std::pair<std::string, int>>(int32_t broker_id)>;
// Called after data was appended to a followed partition (the broker wakes waiting requests).
using AppendListener = std::function<void(const TopicPartition&)>;

class ReplicaFetcherManager {
 public:
  ReplicaFetcherManager(FetcherOptions options, EndpointLookup endpoints, AppendListener on_append);
  ~ReplicaFetcherManager();  // Shutdown()

  // Follows `partition` from `leader` at `leader_epoch` (replacing any previous leader for it). `topic_id`: the
  // topic's id (KIP-516), zero if it has none; with ids for all its topics a fetcher uses Fetch v13.
  void AddPartition(std::shared_ptr<FollowerLog> partition, int32_t leader, int32_t leader_epoch,
                    const protocol::Uuid& topic_id = {});
  void RemovePartition(const TopicPartition& tp);
  void Shutdown();

 private:
  class Fetcher;
  FetcherOptions options_;
  EndpointLookup endpoints_;
  AppendListener on_append_;
  std::mutex mu_;
  // Kafka's getFetcherId: which of a leader's fetchers follows `tp`.
  int32_t FetcherIdOf(const TopicPartition& tp) const;
  std::map<std::pair<int32_t, int32_t>, std::unique_ptr<Fetcher>> fetchers_;  // by (leader broker id, fetcher id)
  std::map<TopicPartition, int32_t> leader_of_;
  bool shut_down_ = false;
};

}  // namespace partita::replication
