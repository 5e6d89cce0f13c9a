// RetryBackoff: the client's pause between retries of a retriable error — 100 ms doubling up to 1 s (Kafka's
// retry.backoff.ms and retry.backoff.max.ms) — within a time budget counted from construction.
// Thread safety: none; one per retry loop.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <thread>

#include "engine/common/clock.h"

namespace partita::client {

class RetryBackoff {
 public:
  explicit RetryBackoff(int budget_ms) : deadline_ms_(MonotonicMs() + budget_ms) {}
  // The next pause would end past the budget: the caller gives up (with its last error).
  bool Exhausted() const { return MonotonicMs() + pause_ms_ > deadline_ms_; }
  // Sleeps the next pause; the one after is twice as long, up to 1 s.
  void Pause() {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms_));
    pause_ms_ = std::min(pause_ms_ * 2, 1000);
  }

 private:
  const int64_t deadline_ms_;
  int pause_ms_ = 100;
};

}  // namespace partita::client
