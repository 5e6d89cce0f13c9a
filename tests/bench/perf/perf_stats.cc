#include "perf_stats.h"

#include <algorithm>
#include <cstdio>

namespace partita::perf {

namespace {

// Nearest-rank percentile over sorted samples, as Kafka's perf tool does.
double PercentileMs(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t index = static_cast<size_t>(p * static_cast<double>(sorted.size()));
  if (index >= sorted.size()) index = sorted.size() - 1;
  return sorted[index] / 1000.0;
}

}  // namespace

LatencySummary SummarizeLatency(std::vector<uint32_t>* micros) {
  LatencySummary s;
  s.count = static_cast<int64_t>(micros->size());
  if (micros->empty()) return s;
  std::sort(micros->begin(), micros->end());
  double sum = 0;
  for (uint32_t v : *micros) sum += v;
  s.avg_ms = sum / static_cast<double>(micros->size()) / 1000.0;
  s.max_ms = micros->back() / 1000.0;
  s.p50_ms = PercentileMs(*micros, 0.50);
  s.p95_ms = PercentileMs(*micros, 0.95);
  s.p99_ms = PercentileMs(*micros, 0.99);
  s.p999_ms = PercentileMs(*micros, 0.999);
  return s;
}

void PrintProduceResult(const ProduceResult& r, int64_t wanted) {
  const LatencySummary& l = r.latency;
  // Kafka's kafka-producer-perf-test final line first, so existing habits work.
  std::printf("%lld records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, "
              "%.2f ms max latency, %.2f ms 50th, %.2f ms 95th, %.2f ms 99th, %.2f ms 99.9th.\n",
              static_cast<long long>(r.delivered), r.RecordsPerSec(), r.MbPerSec(), l.avg_ms,
              l.max_ms, l.p50_ms, l.p95_ms, l.p99_ms, l.p999_ms);
  std::printf("== produce: %s\n", r.target.c_str());
  std::printf("  %-22s %lld\n", "records wanted", static_cast<long long>(wanted));
  std::printf("  %-22s %lld\n", "records sent", static_cast<long long>(r.sent));
  std::printf("  %-22s %lld\n", "records delivered", static_cast<long long>(r.delivered));
  std::printf("  %-22s %lld\n", "errors", static_cast<long long>(r.errors));
  std::printf("  %-22s %.3f\n", "elapsed s", r.elapsed_s);
  std::printf("  %-22s %.1f\n", "records/s", r.RecordsPerSec());
  std::printf("  %-22s %.2f\n", "MB/s (payload)", r.MbPerSec());
  std::printf("  %-22s %.3f / %.3f\n", "latency avg/max ms", l.avg_ms, l.max_ms);
  std::printf("  %-22s %.3f / %.3f / %.3f / %.3f\n", "p50/p95/p99/p99.9 ms", l.p50_ms,
              l.p95_ms, l.p99_ms, l.p999_ms);
  if (r.transactions > 0) {
    const LatencySummary& c = r.commit_latency;
    std::printf("  %-22s %lld\n", "transactions", static_cast<long long>(r.transactions));
    std::printf("  %-22s %.3f / %.3f / %.3f / %.3f\n", "commit p50/p99/avg/max", c.p50_ms, c.p99_ms, c.avg_ms,
                c.max_ms);
  }
  if (!r.first_error.empty()) std::printf("  %-22s %s\n", "first error", r.first_error.c_str());
  std::printf("  %-22s %s\n", "result", r.Clean(wanted) ? "CLEAN" : "FAILED");
  std::fflush(stdout);
}

void PrintConsumeResult(const ConsumeResult& r, int64_t wanted) {
  std::printf("== consume: %s\n", r.target.c_str());
  std::printf("  %-22s %lld\n", "records wanted", static_cast<long long>(wanted));
  std::printf("  %-22s %lld\n", "records consumed", static_cast<long long>(r.records));
  std::printf("  %-22s %lld\n", "errors", static_cast<long long>(r.errors));
  std::printf("  %-22s %.3f\n", "elapsed s", r.elapsed_s);
  std::printf("  %-22s %.3f\n", "time to first record s", r.first_record_s);
  std::printf("  %-22s %.1f\n", "records/s", r.RecordsPerSec());
  std::printf("  %-22s %.2f\n", "MB/s (payload)", r.MbPerSec());
  std::printf("  %-22s %.1f\n", "records/s after first", r.FetchRecordsPerSec());
  if (r.rewinds > 0) {
    std::printf("  %-22s %lld (mock log holds ~5 MB/partition; re-read)\n", "rewinds to log start",
                static_cast<long long>(r.rewinds));
  }
  if (!r.first_error.empty()) std::printf("  %-22s %s\n", "first error", r.first_error.c_str());
  std::printf("  %-22s %s\n", "result", r.Clean(wanted) ? "CLEAN" : "FAILED");
  std::fflush(stdout);
}

void PrintComparison(const std::string& what, double ours, double mock) {
  if (ours > 0 && mock > 0) {
    std::printf("  %-28s %12.1f / %12.1f records/s = %.3f of the mock ceiling\n", what.c_str(),
                ours, mock, ours / mock);
  } else {
    std::printf("  %-28s n/a (a run produced no rate)\n", what.c_str());
  }
  std::fflush(stdout);
}

}  // namespace partita::perf
