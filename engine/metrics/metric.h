// The three Prometheus metric kinds, built for recording on hot paths: a recording is one or two relaxed atomic
// read-modify-writes on a pre-registered object, with no lock, allocation or lookup. Hot-path callers obtain the
// object once (Registry::GetCounter / GetHistogram / GetGauge) and keep the pointer.
// Thread safety: every method is thread-safe; readers (the exposition) may see a histogram's count and sum from
// slightly different moments, as Prometheus client libraries allow.
// Ownership: objects are owned by their Registry and live as long as it (or until removed from it).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace partita::metrics {

// A monotonically increasing count (Prometheus counter; Kafka's *PerSec meters' Count attribute).
class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (Prometheus gauge).
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A distribution over fixed upper bounds (Prometheus histogram; "le" buckets plus +Inf, _sum, _count).
class Histogram {
 public:
  // `upper_bounds` must be strictly increasing and finite; +Inf is implicit.
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);
  const std::vector<double>& upper_bounds() const { return bounds_; }

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per upper bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Read() const;

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1 (the last is +Inf), not cumulative
  std::atomic<double> sum_{0};
};

// Latency buckets in seconds, 100 µs to 30 s: request times from a local produce to a long-polled fetch.
const std::vector<double>& LatencyBuckets();

}  // namespace partita::metrics
