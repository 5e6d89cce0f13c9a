// ReplicationQuota: Kafka's ReplicationQuotaManager for one side of replication (leader or follower). It holds
// which partitions are throttled on this broker — from the topic configs leader.replication.throttled.replicas
// / follower.replication.throttled.replicas ("partition:broker,..." pairs naming this broker, or "*") — and one
// byte rate shared by all of them (leader.replication.throttled.rate / follower.replication.throttled.rate).
// Callers throttle only replicas that are not in the ISR (as Kafka does): a caught-up follower is never slowed,
// so throttling cannot shrink the ISR; it only delays a new replica's catch-up.
// The rate is a token bucket holding at most one second of bytes: IsExceeded() once the bucket is empty,
// Record() takes the bytes actually sent (it may go negative, so a large response is paid off before the next).
// Thread safety: thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "engine/common/types.h"

namespace partita::replication {

// The partitions of one topic a throttled-replicas value names for `broker_id`.
struct ThrottledPartitions {
  bool all = false;
  std::set<int32_t> partitions;
  bool empty() const { return !all && partitions.empty(); }
  bool operator==(const ThrottledPartitions&) const = default;
};
// Parses Kafka's "*" or "0:101,1:102" (spaces allowed); pairs for other brokers and malformed items are skipped.
ThrottledPartitions ParseThrottledReplicas(std::string_view value, int32_t broker_id);

class ReplicationQuota {
 public:
  static constexpr int64_t kUnlimited = INT64_MAX;

  // bytes per second; kUnlimited (Kafka's default Long.MAX_VALUE) disables the bound.
  void SetRate(int64_t bytes_per_second);
  int64_t rate() const;
  // Replaces the throttled partitions of every topic (topics absent from the map are not throttled).
  void SetThrottled(std::map<std::string, ThrottledPartitions> by_topic);

  bool IsThrottled(const TopicPartition& tp) const;
  // Whether any partition is throttled now (a rate is set and some partition named).
  bool AnyThrottled() const;
  bool IsExceeded() const;
  void Record(int64_t bytes);

 private:
  void RefillLocked(int64_t now_us) const;

  mutable std::mutex mu_;
  int64_t rate_ = kUnlimited;
  mutable double tokens_ = 0;
  mutable int64_t last_refill_us_ = -1;
  std::map<std::string, ThrottledPartitions> throttled_;
};

}  // namespace partita::replication
