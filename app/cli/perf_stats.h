// PerfStats: the statistics of kafka-producer-perf-test (Kafka's ProducerPerformance.Stats): a line every
// 5 s for the window, and a total with latency percentiles from a sample of at most 500,000 latencies.
// Thread safety: not thread-safe; one producer loop owns it. Lines go to stdout.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/common/clock.h"

namespace partita::cli {

class PerfStats {
 public:
  PerfStats(int64_t num_records, int64_t start_ms)
      : start_ms_(start_ms), window_start_ms_(start_ms),
        sampling_(std::max<int64_t>(1, num_records / std::min<int64_t>(num_records, 500000))) {
    latencies_.reserve(static_cast<size_t>(std::min<int64_t>(num_records, 500000)));
  }

  void Record(int64_t latency_ms, int64_t bytes, int64_t now_ms) {
    ++count_;
    bytes_ += bytes;
    total_latency_ += latency_ms;
    max_latency_ = std::max(max_latency_, latency_ms);
    ++window_count_;
    window_bytes_ += bytes;
    window_total_latency_ += latency_ms;
    window_max_latency_ = std::max(window_max_latency_, latency_ms);
    if (count_ % sampling_ == 0) latencies_.push_back(latency_ms);
    if (now_ms - window_start_ms_ >= kReportingIntervalMs) {
      PrintWindow(now_ms);
      window_start_ms_ = now_ms;
      window_count_ = window_bytes_ = window_total_latency_ = window_max_latency_ = 0;
    }
  }

  // "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P ms 50th, ... 99.9th."
  std::string Total() {
    const int64_t elapsed = std::max<int64_t>(1, MonotonicMs() - start_ms_);
    const double recs_per_sec = 1000.0 * static_cast<double>(count_) / static_cast<double>(elapsed);
    const double mb_per_sec = 1000.0 * static_cast<double>(bytes_) / static_cast<double>(elapsed) / (1024.0 * 1024.0);
    std::sort(latencies_.begin(), latencies_.end());
    auto pct = [&](double p) -> int64_t {
      if (latencies_.empty()) return 0;
      return latencies_[std::min(latencies_.size() - 1, static_cast<size_t>(p * static_cast<double>(latencies_.size())))];
    };
    char line[512];
    std::snprintf(line, sizeof line,
                  "%lld records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
                  "%lld ms 50th, %lld ms 95th, %lld ms 99th, %lld ms 99.9th.\n",
                  static_cast<long long>(count_), recs_per_sec, mb_per_sec,
                  count_ ? static_cast<double>(total_latency_) / static_cast<double>(count_) : 0.0,
                  static_cast<double>(max_latency_), static_cast<long long>(pct(0.5)),
                  static_cast<long long>(pct(0.95)), static_cast<long long>(pct(0.99)),
                  static_cast<long long>(pct(0.999)));
    return line;
  }

  static constexpr int64_t kReportingIntervalMs = 5000;

 private:
  void PrintWindow(int64_t now_ms) const {
    const int64_t elapsed = std::max<int64_t>(1, now_ms - window_start_ms_);
    std::printf("%lld records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.\n",
                static_cast<long long>(window_count_),
                1000.0 * static_cast<double>(window_count_) / static_cast<double>(elapsed),
                1000.0 * static_cast<double>(window_bytes_) / static_cast<double>(elapsed) / (1024.0 * 1024.0),
                static_cast<double>(window_total_latency_) / static_cast<double>(std::max<int64_t>(1, window_count_)),
                static_cast<double>(window_max_latency_));
    std::fflush(stdout);
  }

  int64_t start_ms_;
  int64_t window_start_ms_;
  int64_t sampling_;
  int64_t count_ = 0, bytes_ = 0, total_latency_ = 0, max_latency_ = 0;
  int64_t window_count_ = 0, window_bytes_ = 0, window_total_latency_ = 0, window_max_latency_ = 0;
  std::vector<int64_t> latencies_;
};

}  // namespace partita::cli
