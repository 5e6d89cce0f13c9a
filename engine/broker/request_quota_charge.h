// RequestQuotaCharge: one request's charge on its client's KIP-124 request quota (request_percentage).
// Kafka's RequestChannel charges a client the time the broker's threads spend on its request; here the network
// threads run the handlers, so that time is the dispatcher's: from the complete frame to the handler's return
// (or to the answer, when it is given first). A request answered later (purgatory, ZooKeeper) is charged its
// handler time only, as Kafka does not charge the time a request waits in purgatory. Socket reads and writes are
// asynchronous (asio) and not charged.
// The answer path calls Charge() once, just before encoding the response: the throttle it returns goes into the
// response's throttle_time_ms and mutes the connection (KIP-219), as Kafka's sendResponseMaybeThrottle.
// An exempt request (inter-broker: Kafka's sendResponseExemptThrottle) is counted on the exempt time only.
// Thread safety: MarkHandled and Charge may run on different threads; Charge runs once (the Responder's).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "engine/broker/broker_metrics.h"
#include "engine/broker/client_quotas.h"

namespace partita::broker {

class RequestQuotaCharge {
 public:
  RequestQuotaCharge(ClientQuotaManager* quotas, std::string user, std::string client_id, int64_t start_ns)
      : quotas_(quotas), user_(std::move(user)), client_id_(std::move(client_id)), start_ns_(start_ns) {}

  // Kafka's sendResponseExemptThrottle: a follower fetch (known only once the request is decoded).
  void Exempt() { exempt_.store(true, std::memory_order_relaxed); }
  // The handler returned: time after this (waiting for replicas, ZooKeeper) is not thread time.
  void MarkHandled(int64_t now_ns) { handled_ns_.store(now_ns, std::memory_order_release); }

  // Records the thread time spent so far and returns the request throttle in ms (0 within the quota).
  int32_t Charge() {
    const int64_t now = MetricsNowNanos();
    const int64_t handled = handled_ns_.load(std::memory_order_acquire);
    const int64_t thread_ns = (handled == 0 ? now : handled) - start_ns_;
    if (exempt_.load(std::memory_order_relaxed)) {
      quotas_->RecordExemptRequestTime(thread_ns);
      return 0;
    }
    return quotas_->RecordRequestTimeAndGetThrottleMs(user_, client_id_, thread_ns, now / 1000000);
  }

 private:
  ClientQuotaManager* quotas_;
  const std::string user_;
  const std::string client_id_;
  const int64_t start_ns_;
  std::atomic<int64_t> handled_ns_{0};
  std::atomic<bool> exempt_{false};
};

}  // namespace partita::broker
