// Clocks: wall time in Kafka's milliseconds, and a monotonic clock for timeouts.
// Clock is the seam for code whose decisions depend on time (the ISR's replica.lag.time.max.ms, producer
// expiry): it reads SystemClock() in production and a manual clock in unit tests, so those decisions are tested
// step by step instead of by sleeping.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace partita {

inline int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
inline int64_t MonotonicMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Thread safety: implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t WallMs() const = 0;       // milliseconds since the epoch (timestamps, producer expiry)
  virtual int64_t MonotonicMs() const = 0;  // never goes back (lag windows, timeouts)
};

// The process's real clocks. Lives for the whole program.
inline const Clock& SystemClock() {
  class System final : public Clock {
   public:
    int64_t WallMs() const override { return WallClockMs(); }
    int64_t MonotonicMs() const override { return partita::MonotonicMs(); }
  };
  static const System clock;
  return clock;
}

// A clock that moves only when told (unit tests; also usable for simulations). Both readings advance together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'000'000) : now_(start_ms) {}
  int64_t WallMs() const override { return now_.load(); }
  int64_t MonotonicMs() const override { return now_.load(); }
  void Advance(int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace partita
