// The produce half of partita-perf (like kafka-producer-perf-test).
//
// Contract: RunProduce() sends options.num_records records of
// options.record_size bytes to options.topic on `bootstrap_servers`, waits for
// every delivery report and fills *result (printing progress lines every
// options.report_interval_ms unless `quiet`). Returns false with *error only
// when the run could not start (bad config, unreachable cluster, missing
// topic); delivery failures are counted in result->errors instead.
// Latency = delivery-report time - send time, measured from two arrays of
// num_records entries allocated up front: the tool allocates nothing per record
// and librdkafka gets one shared payload buffer without copying it.
// Single-threaded: delivery reports run on the calling thread inside poll().
// `stop` (set from a signal handler) ends sending early; outstanding records
// are still flushed.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_PRODUCE_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_PRODUCE_H_

#include <atomic>
#include <string>

#include "perf_options.h"
#include "perf_stats.h"

namespace partita::perf {

bool RunProduce(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, bool quiet, const std::atomic<bool>& stop,
                ProduceResult* result, std::string* error);

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_PRODUCE_H_
