#include "engine/broker/client_quotas.h"

#include <algorithm>
#include <cmath>

#include "engine/coordination/config_changes.h"

namespace partita::broker {

namespace {

constexpr const char* kDefaultName = "<default>";  // Kafka's ConfigEntityName.Default
constexpr int64_t kSensorIdleExpiryMs = 3600 * 1000;  // Kafka's quota sensors expire after an hour inactive

std::string PartPath(const QuotaEntityPart& p) {
  return p.kind == QuotaEntityPart::Kind::kDefault ? kDefaultName : coordination::SanitizeEntityName(p.name);
}

QuotaEntityPart PartFromPath(const std::string& segment) {
  if (segment == kDefaultName) return QuotaEntityPart::Default();
  return QuotaEntityPart::Named(coordination::DesanitizeEntityName(segment));
}

std::string DescribePart(const QuotaEntityPart& p) {
  return p.kind == QuotaEntityPart::Kind::kDefault ? kDefaultName : "'" + p.name + "'";
}

}  // namespace

std::string QuotaEntity::ZkEntityPath() const {
  std::string out;
  if (user.present()) out = "users/" + PartPath(user);
  if (client_id.present()) {
    if (!out.empty()) out += '/';
    out += "clients/";
    out += PartPath(client_id);
  }
  return out;
}

std::optional<QuotaEntity> QuotaEntity::FromZkEntityPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  for (const auto& p : parts)
    if (p.empty()) return std::nullopt;
  QuotaEntity e;
  if (parts.size() == 2 && parts[0] == "users") {
    e.user = PartFromPath(parts[1]);
  } else if (parts.size() == 2 && parts[0] == "clients") {
    e.client_id = PartFromPath(parts[1]);
  } else if (parts.size() == 4 && parts[0] == "users" && parts[2] == "clients") {
    e.user = PartFromPath(parts[1]);
    e.client_id = PartFromPath(parts[3]);
  } else {
    return std::nullopt;
  }
  return e;
}

std::string QuotaEntity::Describe() const {
  std::string out;
  if (user.present()) out = "user " + DescribePart(user);
  if (client_id.present()) out += (out.empty() ? "" : ", ") + std::string("client-id ") + DescribePart(client_id);
  return out;
}

std::optional<ResolvedQuota> ResolveQuota(const ClientQuotaConfigs& configs, const std::string& key,
                                          const std::string& user, const std::string& client_id) {
  using P = QuotaEntityPart;
  // Kafka's order (docs "Quotas": precedence of quota configs), most specific first.
  const QuotaEntity levels[] = {
      {P::Named(user), P::Named(client_id)}, {P::Named(user), P::Default()}, {P::Named(user), P::Absent()},
      {P::Default(), P::Named(client_id)},   {P::Default(), P::Default()},   {P::Default(), P::Absent()},
      {P::Absent(), P::Named(client_id)},    {P::Absent(), P::Default()},
  };
  for (const QuotaEntity& level : levels) {
    auto it = configs.find(level);
    if (it == configs.end()) continue;
    auto value = it->second.find(key);
    if (value == it->second.end()) continue;
    return ResolvedQuota{value->second, level};
  }
  return std::nullopt;
}

SampledRate::SampledRate(int samples, int64_t window_ms)
    : samples_(std::max(samples, 1)), window_ms_(std::max<int64_t>(window_ms, 1)) {}

void SampledRate::Record(double value, int64_t now_ms) {
  last_record_ms_ = now_ms;
  if (samples_v_.empty()) samples_v_.push_back({now_ms, 0});
  if (now_ms - samples_v_[current_].start_ms >= window_ms_) {
    current_ = (current_ + 1) % static_cast<size_t>(samples_);
    if (current_ >= samples_v_.size()) {
      samples_v_.push_back({now_ms, 0});
    } else {
      samples_v_[current_] = {now_ms, 0};
    }
  }
  samples_v_[current_].value += value;
}

void SampledRate::Purge(int64_t now_ms) {
  const int64_t expire_age = samples_ * window_ms_;
  for (auto& s : samples_v_)
    if (now_ms - s.start_ms >= expire_age) s = {now_ms, 0};
}

int64_t SampledRate::WindowSizeMs(int64_t now_ms) {
  Purge(now_ms);
  int64_t oldest = now_ms;
  for (const auto& s : samples_v_) oldest = std::min(oldest, s.start_ms);
  int64_t total = now_ms - oldest;
  const int64_t full_windows = total / window_ms_;
  const int64_t min_full_windows = samples_ - 1;
  if (full_windows < min_full_windows) total += (min_full_windows - full_windows) * window_ms_;
  return std::max<int64_t>(total, 1);
}

double SampledRate::Measure(int64_t now_ms) {
  Purge(now_ms);
  double sum = 0;
  for (const auto& s : samples_v_) sum += s.value;
  return sum / (static_cast<double>(WindowSizeMs(now_ms)) / 1000.0);
}

ClientQuotaManager::ClientQuotaManager(int window_num, int window_size_seconds)
    : window_num_(std::max(window_num, 1)), window_ms_(std::max<int64_t>(window_size_seconds, 1) * 1000) {}

void ClientQuotaManager::ReplaceAll(ClientQuotaConfigs configs) {
  std::lock_guard<std::mutex> lock(mu_);
  configs_ = std::move(configs);
  bool any_request_quota = false;
  for (const auto& [entity, values] : configs_) any_request_quota |= values.count(kRequestPercentage) > 0;
  request_active_.store(any_request_quota, std::memory_order_release);
  active_.store(!configs_.empty(), std::memory_order_release);
}

ClientQuotaConfigs ClientQuotaManager::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return configs_;
}

std::string ClientQuotaManager::UserOf(const std::string& principal) {
  const auto colon = principal.find(':');
  return colon == std::string::npos ? principal : principal.substr(colon + 1);
}

ClientQuotaManager::Sensor* ClientQuotaManager::SensorFor(const SensorKey& key, int64_t now_ms) {
  ExpireIdle(now_ms);
  auto it = sensors_.find(key);
  if (it == sensors_.end()) it = sensors_.emplace(key, Sensor(window_num_, window_ms_)).first;
  return &it->second;
}

void ClientQuotaManager::ExpireIdle(int64_t now_ms) {
  if (now_ms - last_expiry_ms_ < 60000) return;
  last_expiry_ms_ = now_ms;
  std::erase_if(sensors_, [&](const auto& kv) { return now_ms - kv.second.rate.last_record_ms() > kSensorIdleExpiryMs; });
}

namespace {
const char* KeyOf(QuotaType type) {
  switch (type) {
    case QuotaType::kProduce: return kProducerByteRate;
    case QuotaType::kFetch: return kConsumerByteRate;
    case QuotaType::kRequest: return kRequestPercentage;
  }
  return "";
}
}  // namespace

int32_t ClientQuotaManager::RecordAndGetThrottleMs(QuotaType type, const std::string& user,
                                                   const std::string& client_id, double bytes, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (configs_.empty()) return 0;  // the common case: no quota anywhere, nothing to measure
  return RecordLocked(type, user, client_id, bytes, now_ms);
}

int32_t ClientQuotaManager::RecordRequestTimeAndGetThrottleMs(const std::string& user, const std::string& client_id,
                                                              int64_t thread_nanos, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (configs_.empty()) return 0;
  return RecordLocked(QuotaType::kRequest, user, client_id, NanosToPercentage(thread_nanos), now_ms);
}

int32_t ClientQuotaManager::RecordLocked(QuotaType type, const std::string& user, const std::string& client_id,
                                         double value, int64_t now_ms) {
  auto quota = ResolveQuota(configs_, KeyOf(type), user, client_id);
  if (!quota) return 0;
  // The rate is shared by everything the matched entity covers (its parts filled with the actual names).
  Sensor* sensor = SensorFor({type, quota->matched.user.present() ? user : "",
                              quota->matched.client_id.present() ? client_id : ""},
                             now_ms);
  SampledRate* rate = &sensor->rate;
  rate->Record(value, now_ms);
  const double measured = rate->Measure(now_ms);
  if (measured <= quota->bound) return 0;
  // Request quotas: Kafka's ClientRequestQuotaManager bounds the throttle by one window (boundedThrottleTime),
  // so a burst never silences a client for longer than quota.window.size.seconds.
  const int64_t max_throttle = type == QuotaType::kRequest ? window_ms_ : window_ms_ * window_num_;
  int32_t throttle_ms = static_cast<int32_t>(max_throttle);
  if (quota->bound > 0) {
    // QuotaUtils.throttleTime: the delay that brings the observed rate back to the bound.
    const double throttle = (measured - quota->bound) / quota->bound * static_cast<double>(rate->WindowSizeMs(now_ms));
    throttle_ms = static_cast<int32_t>(
        std::min<double>(std::llround(throttle), type == QuotaType::kRequest ? double(max_throttle) : INT32_MAX));
  }
  if (throttle_ms > 0) {
    sensor->throttle_sum.Record(throttle_ms, now_ms);
    sensor->throttle_count.Record(1, now_ms);
  }
  return throttle_ms;
}

std::vector<QuotaSensorStats> ClientQuotaManager::SensorStats(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<QuotaSensorStats> out;
  for (auto& [key, sensor] : sensors_) {
    QuotaSensorStats s{std::get<0>(key), std::get<1>(key), std::get<2>(key)};
    s.rate = sensor.rate.Measure(now_ms);
    const double count = sensor.throttle_count.Measure(now_ms);
    if (count > 0) s.throttle_time_ms = sensor.throttle_sum.Measure(now_ms) / count;
    out.push_back(std::move(s));
  }
  return out;
}

void ClientQuotaManager::Unrecord(QuotaType type, const std::string& user, const std::string& client_id,
                                  double bytes, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto quota = ResolveQuota(configs_, KeyOf(type), user, client_id);
  if (!quota) return;
  SensorFor({type, quota->matched.user.present() ? user : "", quota->matched.client_id.present() ? client_id : ""},
            now_ms)
      ->rate.Unrecord(bytes, now_ms);
}

}  // namespace partita::broker
