// Clocks: wall time in Kafka's milliseconds, and a monotonic clock for timeouts.
#pragma once

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

}  // namespace partita
