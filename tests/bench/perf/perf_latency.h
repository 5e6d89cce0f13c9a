// The end-to-end latency mode of partita-perf (`partita-perf latency`): a producer sends at a fixed rate while a
// consumer in the same process reads the topic; each record's latency is the time the consumer got it minus the
// time the producer handed it to rd_kafka_produce() (both on the monotonic clock of this process, so no clock
// skew enters). This is produce -> broker -> replication (acks, high watermark) -> fetch -> consumer, the number
// Kafka's EndToEndLatency tool reports, but at a steady load instead of one record at a time.
//
// Contract: RunLatency() fills *result and returns true when the run started; false with *error when it could
// not (bad config, unreachable cluster, missing topic). Records carry a 24-byte header in their value (run id,
// sequence, send time), so --record-size must be >= 24; records of other runs in the topic are skipped. With
// options.throughput <= 0 it first measures the maximum produce rate (num_records unthrottled, like `produce`)
// and then runs at half of it. The consumer is assigned at the log end before the first record is sent.
// Threads: the calling thread produces; one consumer thread. Samples are preallocated (no allocation per record
// besides librdkafka's copy of each value).
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_LATENCY_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_LATENCY_H_

#include <atomic>
#include <string>

#include "perf_options.h"
#include "perf_stats.h"

namespace partita::perf {

struct LatencyResult {
  std::string target;
  double max_rate = 0;      // Measured first when --throughput <= 0 (records/s), else 0.
  double target_rate = 0;   // Records/s asked of the producer.
  double achieved_rate = 0; // Records sent / send duration.
  int64_t sent = 0;
  int64_t delivered = 0;
  int64_t received = 0;     // Distinct records of this run the consumer got.
  int64_t errors = 0;
  LatencySummary end_to_end;  // consume time - send time
  LatencySummary produce;     // delivery report time - send time (the acks part)
  std::string first_error;
  bool Clean() const { return errors == 0 && received == sent && delivered == sent; }
};

bool RunLatency(const Options& options, const std::string& bootstrap_servers, const std::atomic<bool>& stop,
                LatencyResult* result, std::string* error);
void PrintLatencyResult(const LatencyResult& r);

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_LATENCY_H_
