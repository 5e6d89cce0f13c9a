#include "engine/replication/replication_quota.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace partita::replication {
namespace {

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool ParseInt(std::string_view s, int32_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

ThrottledPartitions ParseThrottledReplicas(std::string_view value, int32_t broker_id) {
  ThrottledPartitions out;
  std::string v;
  for (char c : value)
    if (c != ' ' && c != '\t') v.push_back(c);
  if (v == "*") {
    out.all = true;
    return out;
  }
  size_t start = 0;
  while (start < v.size()) {
    size_t comma = v.find(',', start);
    if (comma == std::string::npos) comma = v.size();
    std::string_view item(v.data() + start, comma - start);
    start = comma + 1;
    size_t colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    int32_t partition = -1, broker = -1;
    if (ParseInt(item.substr(0, colon), &partition) && ParseInt(item.substr(colon + 1), &broker) &&
        broker == broker_id && partition >= 0) {
      out.partitions.insert(partition);
    }
  }
  return out;
}

void ReplicationQuota::SetRate(int64_t bytes_per_second) {
  std::lock_guard<std::mutex> lock(mu_);
  bytes_per_second = std::max<int64_t>(bytes_per_second, 0);
  if (bytes_per_second == rate_) return;
  rate_ = bytes_per_second;
  tokens_ = static_cast<double>(rate_ == kUnlimited ? 0 : rate_);  // a new bound starts with a full second
  last_refill_us_ = NowUs();
}

int64_t ReplicationQuota::rate() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rate_;
}

void ReplicationQuota::SetThrottled(std::map<std::string, ThrottledPartitions> by_topic) {
  std::lock_guard<std::mutex> lock(mu_);
  throttled_ = std::move(by_topic);
}

bool ReplicationQuota::IsThrottled(const TopicPartition& tp) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (rate_ == kUnlimited) return false;
  auto it = throttled_.find(tp.topic);
  return it != throttled_.end() && (it->second.all || it->second.partitions.count(tp.partition.value) > 0);
}

bool ReplicationQuota::AnyThrottled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rate_ != kUnlimited && !throttled_.empty();
}

void ReplicationQuota::RefillLocked(int64_t now_us) const {
  if (last_refill_us_ < 0) last_refill_us_ = now_us;
  const double elapsed_s = static_cast<double>(now_us - last_refill_us_) / 1e6;
  tokens_ = std::min(static_cast<double>(rate_), tokens_ + elapsed_s * static_cast<double>(rate_));
  last_refill_us_ = now_us;
}

bool ReplicationQuota::IsExceeded() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (rate_ == kUnlimited) return false;
  RefillLocked(NowUs());
  return tokens_ <= 0;
}

void ReplicationQuota::Record(int64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  if (rate_ == kUnlimited || bytes <= 0) return;
  RefillLocked(NowUs());
  tokens_ -= static_cast<double>(bytes);
}

}  // namespace partita::replication
