// RateLimitedLog: at most one log line per interval for a condition that can repeat thousands of times a second
// (accept failing at the file-descriptor limit, connections refused by max.connections). The first occurrence
// is logged at once; later ones are counted and reported with the next line.
// Thread safety: not thread-safe; use from one strand or under a lock.
#pragma once

#include <cstdint>

namespace partita::net {

class RateLimitedLog {
 public:
  explicit RateLimitedLog(int64_t interval_ms) : interval_ms_(interval_ms) {}

  // Counts one occurrence at `now_ms`. True when a line should be written now; `*count` is then the number of
  // occurrences the line stands for (this one plus those suppressed since the last line).
  bool ShouldLog(int64_t now_ms, uint64_t* count) {
    ++pending_;
    if (logged_once_ && now_ms - last_ms_ < interval_ms_) return false;
    logged_once_ = true;
    last_ms_ = now_ms;
    *count = pending_;
    pending_ = 0;
    return true;
  }

 private:
  const int64_t interval_ms_;
  int64_t last_ms_ = 0;
  bool logged_once_ = false;
  uint64_t pending_ = 0;
};

}  // namespace partita::net
