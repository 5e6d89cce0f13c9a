// Command-line options of partita-perf.
//
// Contract: ParseOptions() fills an Options value from argv or returns false
// with a one-line reason in *error; it never exits or throws. Options is a
// plain value owned by the caller. Single-threaded (called once from main).
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_OPTIONS_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_OPTIONS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace partita::perf {

enum class Mode { kProduce, kConsume, kBoth, kLatency };

struct Options {
  Mode mode = Mode::kProduce;
  std::string bootstrap_servers;  // Empty only when running against the mock.
  std::string topic;
  int64_t num_records = 0;
  int record_size = 100;
  std::string acks = "1";           // "0", "1" or "all".
  std::string compression = "none"; // none|gzip|snappy|lz4|zstd.
  double throughput = -1;           // Records/s cap; <= 0 means unthrottled.
  int linger_ms = 5;
  int64_t batch_size = -1;          // -1: librdkafka's default.
  int64_t transaction_size = 0;     // > 0: a transactional producer committing every N records.
  std::string group;                // Empty: assign all partitions from the beginning.
  int mock_brokers = 0;             // > 0: run against librdkafka's mock cluster only.
  bool compare_mock = false;        // Run against bootstrap AND the mock.
  int partitions = 0;               // Mock topic partitions; 0: 1, or as the compared cluster.
  int timeout_ms = 30000;           // Consume: give up after this long without a record.
  int report_interval_ms = 5000;    // Progress line period; 0 disables.
  std::vector<std::pair<std::string, std::string>> extra;  // -X key=value, in order.
};

// Returns false and sets *error on bad input. "--help" also returns false
// with an empty *error so the caller prints usage and exits 0.
bool ParseOptions(int argc, char** argv, Options* out, std::string* error);

// The usage text (printed on --help and on errors).
const char* UsageText();

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_OPTIONS_H_
