// Client quotas as Kafka enforces them (KIP-13 byte-rate quotas, KIP-55 user quotas, KIP-546 entity model).
//  - A quota entity names a user, a client id, or both; each part is a name or <default>. Kafka keeps them under
//    /config/users/<user>, /config/clients/<client-id> and /config/users/<user>/clients/<client-id>, with
//    "<default>" as the name of the default entity.
//  - For a request of (user, client id) the quota of each type comes from the first of Kafka's eight levels that
//    sets it (DefaultQuotaCallback): user+client, user+default client, user, default user+client, default
//    user+default client, default user, client, default client. Default entities apply to each user / client
//    on its own: the rate is measured per the matched level's parts (e.g. a quota on /config/users/alice is
//    shared by all of alice's clients, one on /config/clients/<default> is measured per client id).
//  - The rate is Kafka's Rate over SampledStat: quota.window.num samples of quota.window.size.seconds; a
//    recording that pushes it above the bound gets throttle = (rate - bound) / bound * window (QuotaUtils
//    .throttleTime), which the broker returns as throttle_time_ms and for which it mutes the connection
//    (KIP-219).
//  - KIP-124 request quotas (request_percentage): the time the broker's threads spend on a client's requests,
//    as a percentage of one thread over the window (ClientRequestQuotaManager: nanos x 100 / 1e9 recorded on the
//    same Rate, so the measured rate is a percentage). Its throttle is capped at one window
//    (quota.window.size.seconds), as Kafka's boundedThrottleTime. Exempt requests (inter-broker) are only
//    counted on the broker-wide exempt time.
// Thread safety: ClientQuotaManager is thread-safe (one mutex; recording is a map lookup and a few additions).
// The pure types are values.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace partita::broker {

// One part of a quota entity: absent, the <default> entity, or a name.
struct QuotaEntityPart {
  enum class Kind { kAbsent, kDefault, kName };
  Kind kind = Kind::kAbsent;
  std::string name;
  static QuotaEntityPart Absent() { return {}; }
  static QuotaEntityPart Default() { return {Kind::kDefault, ""}; }
  static QuotaEntityPart Named(std::string n) { return {Kind::kName, std::move(n)}; }
  bool present() const { return kind != Kind::kAbsent; }
  auto operator<=>(const QuotaEntityPart&) const = default;
};

struct QuotaEntity {
  QuotaEntityPart user;
  QuotaEntityPart client_id;
  auto operator<=>(const QuotaEntity&) const = default;
  // Kafka's entity path below /config (names sanitized): "users/alice/clients/<default>", "clients/app".
  std::string ZkEntityPath() const;
  // Parses an entity path as written in /config/changes and ZooKeeper; nullopt for anything else.
  static std::optional<QuotaEntity> FromZkEntityPath(const std::string& path);
  // For logs: "user 'alice', client-id <default>".
  std::string Describe() const;
};

// The quota keys Kafka defines for users and client ids (QuotaConfigs).
inline constexpr const char* kProducerByteRate = "producer_byte_rate";
inline constexpr const char* kConsumerByteRate = "consumer_byte_rate";
inline constexpr const char* kRequestPercentage = "request_percentage";
inline constexpr const char* kControllerMutationRate = "controller_mutation_rate";

using QuotaValues = std::map<std::string, double>;
using ClientQuotaConfigs = std::map<QuotaEntity, QuotaValues>;

// The quota of `key` for a request of (user, client_id) by Kafka's precedence, and the entity it came from.
struct ResolvedQuota {
  double bound = 0;
  QuotaEntity matched;
};
std::optional<ResolvedQuota> ResolveQuota(const ClientQuotaConfigs& configs, const std::string& key,
                                          const std::string& user, const std::string& client_id);

// Kafka's Rate with a SampledStat of `samples` windows of `window_ms` (org.apache.kafka.common.metrics.stats).
// Not thread-safe (guarded by its owner).
class SampledRate {
 public:
  SampledRate(int samples, int64_t window_ms);
  void Record(double value, int64_t now_ms);
  // Undoes a recording (Kafka's unrecordQuotaSensor): value subtracted from the current sample.
  void Unrecord(double value, int64_t now_ms) { Record(-value, now_ms); }
  // Per second over the elapsed window (at least samples-1 full windows, as Rate.windowSize).
  double Measure(int64_t now_ms);
  int64_t WindowSizeMs(int64_t now_ms);
  int64_t last_record_ms() const { return last_record_ms_; }

 private:
  struct Sample {
    int64_t start_ms = 0;
    double value = 0;
  };
  void Purge(int64_t now_ms);
  int samples_;
  int64_t window_ms_;
  std::vector<Sample> samples_v_;
  size_t current_ = 0;
  int64_t last_record_ms_ = 0;
};

enum class QuotaType { kProduce, kFetch, kRequest };

// One quota sensor's state for the metrics endpoint (Kafka's kafka.server:type=Produce|Fetch|Request,user=..,
// client-id=..): the measured rate (bytes/s, or percent of a thread for kRequest) and the average throttle time of
// the throttled answers in the window (0 when none was throttled).
struct QuotaSensorStats {
  QuotaType type;
  std::string user;       // "" when the matched quota does not name users
  std::string client_id;  // "" when it does not name client ids
  double rate = 0;
  double throttle_time_ms = 0;
};

class ClientQuotaManager {
 public:
  // quota.window.num and quota.window.size.seconds (read at start, as in Kafka).
  ClientQuotaManager(int window_num, int window_size_seconds);

  // Replaces every quota (the config watcher's reload of /config/users and /config/clients).
  void ReplaceAll(ClientQuotaConfigs configs);
  ClientQuotaConfigs Snapshot() const;
  // Whether any quota is set anywhere; without one the produce and fetch paths skip quotas entirely (no lock, no
  // string copies).
  bool active() const { return active_.load(std::memory_order_acquire); }
  // Whether any request_percentage quota is set; without one no request time is measured.
  bool request_quotas_active() const { return request_active_.load(std::memory_order_acquire); }

  // Records `bytes` for the client and returns the throttle time in ms (0 within quota, or without a quota).
  int32_t RecordAndGetThrottleMs(QuotaType type, const std::string& user, const std::string& client_id,
                                 double bytes, int64_t now_ms);
  // KIP-124: records `thread_nanos` of broker thread time spent on one request of the client and returns the
  // request throttle time in ms (at most one window). 0 without a request_percentage quota.
  int32_t RecordRequestTimeAndGetThrottleMs(const std::string& user, const std::string& client_id,
                                            int64_t thread_nanos, int64_t now_ms);
  // Thread time of an exempt request (inter-broker), Kafka's exempt-request-time; a total in nanoseconds.
  void RecordExemptRequestTime(int64_t thread_nanos) {
    exempt_request_ns_.fetch_add(thread_nanos, std::memory_order_relaxed);
  }
  int64_t exempt_request_ns() const { return exempt_request_ns_.load(std::memory_order_relaxed); }
  // Every live sensor's rate and throttle time (for the metrics scrape), sorted by type, user, client id.
  std::vector<QuotaSensorStats> SensorStats(int64_t now_ms);
  // Kafka's nanosToPercentage: thread time as a percentage of one second.
  static double NanosToPercentage(int64_t nanos) { return static_cast<double>(nanos) * 100.0 / 1e9; }

  // Kafka's unrecordQuotaSensor, for an answer that is not sent after all.
  void Unrecord(QuotaType type, const std::string& user, const std::string& client_id, double bytes,
                int64_t now_ms);

  // The quota's user name for a principal "User:alice" -> "alice" (Kafka's principal.getName).
  static std::string UserOf(const std::string& principal);

 private:
  // Which rate a request records on: the type and the matched entity's parts filled with the actual names.
  using SensorKey = std::tuple<QuotaType, std::string, std::string>;
  struct Sensor {
    Sensor(int samples, int64_t window_ms) : rate(samples, window_ms), throttle_sum(samples, window_ms),
        throttle_count(samples, window_ms) {}
    SampledRate rate;
    // Kafka's throttle-time Avg: sum and count of the throttle times given in the same windows.
    SampledRate throttle_sum;
    SampledRate throttle_count;
  };
  Sensor* SensorFor(const SensorKey& key, int64_t now_ms);  // mu_ held
  // Records `value` on the client's sensor of `type` and returns its throttle time (mu_ held).
  int32_t RecordLocked(QuotaType type, const std::string& user, const std::string& client_id, double value,
                       int64_t now_ms);
  void ExpireIdle(int64_t now_ms);                                // mu_ held

  const int window_num_;
  const int64_t window_ms_;
  mutable std::mutex mu_;
  ClientQuotaConfigs configs_;                 // guarded by mu_
  std::map<SensorKey, Sensor> sensors_;          // guarded by mu_; idle ones expire after an hour, as Kafka's
  int64_t last_expiry_ms_ = 0;                 // guarded by mu_
  std::atomic<bool> active_{false};            // !configs_.empty()
  std::atomic<bool> request_active_{false};    // some entity sets request_percentage
  std::atomic<int64_t> exempt_request_ns_{0};
};

}  // namespace partita::broker
