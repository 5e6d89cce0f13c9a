// Latency summaries and the printed result tables of partita-perf.
//
// Contract: SummarizeLatency() sorts the caller's sample array in place (the
// samples are not needed afterwards) and returns a small value. The Print*
// functions write to stdout. Single-threaded; no allocation per record.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_STATS_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_STATS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace partita::perf {

// Monotonic nanoseconds; cheap (vDSO clock_gettime), called once per record.
inline int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct LatencySummary {
  int64_t count = 0;
  double avg_ms = 0;
  double max_ms = 0;
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
};

// `micros` holds one latency sample (microseconds) per delivered record.
LatencySummary SummarizeLatency(std::vector<uint32_t>* micros);

struct ProduceResult {
  std::string target;      // "localhost:9092" or "mock (1 broker)".
  int partitions = 0;      // Of the topic, from metadata.
  int64_t sent = 0;        // Accepted by rd_kafka_produce().
  int64_t delivered = 0;   // Delivery reports without error.
  int64_t errors = 0;      // Failed produce() calls + failed delivery reports.
  int64_t payload_bytes = 0;
  double elapsed_s = 0;    // First send to last delivery report (after flush).
  LatencySummary latency;
  int64_t transactions = 0;       // Committed (--transaction-size).
  LatencySummary commit_latency;  // commit_transaction() calls, which flush the transaction's records first.
  std::string first_error;
  bool Clean(int64_t wanted) const { return errors == 0 && delivered == wanted; }
  double RecordsPerSec() const { return elapsed_s > 0 ? delivered / elapsed_s : 0; }
  double MbPerSec() const { return elapsed_s > 0 ? payload_bytes / 1048576.0 / elapsed_s : 0; }
};

struct ConsumeResult {
  std::string target;
  int partitions = 0;         // Assigned partitions (0 with --group: the group decides).
  int64_t records = 0;
  int64_t payload_bytes = 0;  // Value bytes (keys are not sent by the producer).
  int64_t errors = 0;
  int64_t rewinds = 0;         // Mock only: seeks back to the log start.
  double elapsed_s = 0;        // Consumer start (assign/subscribe) to last record.
  double first_record_s = 0;   // Consumer start to first record (-1: none).
  std::string first_error;
  bool Clean(int64_t wanted) const { return errors == 0 && records >= wanted; }
  double RecordsPerSec() const { return elapsed_s > 0 ? records / elapsed_s : 0; }
  double MbPerSec() const { return elapsed_s > 0 ? payload_bytes / 1048576.0 / elapsed_s : 0; }
  // Rate once data flows: excludes connection, metadata and group join time.
  double FetchRecordsPerSec() const {
    double t = elapsed_s - first_record_s;
    return t > 0 ? records / t : 0;
  }
};

void PrintProduceResult(const ProduceResult& r, int64_t wanted);
void PrintConsumeResult(const ConsumeResult& r, int64_t wanted);
// "ours / mock" table for --compare-mock; a rate of 0 on either side prints "n/a".
void PrintComparison(const std::string& what, double ours, double mock);

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_STATS_H_
