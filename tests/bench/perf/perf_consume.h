// The consume half of partita-perf (like kafka-consumer-perf-test).
//
// Contract: RunConsume() reads options.num_records records from options.topic
// on `bootstrap_servers` and fills *result. With options.group it subscribes
// as that consumer group (auto.offset.reset=earliest); without, it assigns
// every partition of the topic from the beginning and uses no group at all.
// It stops at num_records, after options.timeout_ms without a record, or when
// `stop` is set. Returns false with *error only when the run could not start;
// consume errors and missing records show in *result. Single-threaded.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_

#include <atomic>
#include <string>

#include "perf_options.h"
#include "perf_stats.h"

namespace partita::perf {

bool RunConsume(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, const std::atomic<bool>& stop,
                ConsumeResult* result, std::string* error);

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_
