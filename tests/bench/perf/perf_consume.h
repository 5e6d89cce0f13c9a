// The consume half of partita-perf (like kafka-consumer-perf-test).
//
// Contract: RunConsume() reads options.num_records records from options.topic
// on `bootstrap_servers` and fills *result. With options.group it subscribes
// as that consumer group (auto.offset.reset=earliest); without, it assigns
// every partition of the topic from the beginning and uses no group at all.
// It stops at num_records, after options.timeout_ms without a record, or when
// `stop` is set. Returns false with *error only when the run could not start;
// consume errors and missing records show in *result. Single-threaded.
//
// `rewind_at_end` is for librdkafka's mock cluster only: the mock keeps just
// the newest ~5 MB (or 100000 batches) per partition, so a consume run longer
// than that would starve. With it, each partition seeks back to its log start
// at end of partition and the run re-reads the retained log until
// num_records are consumed (result->rewinds counts the seeks). Real fetch
// requests and responses either way; the seeks cost the mock a little time.
#ifndef PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_
#define PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_

#include <atomic>
#include <string>

#include "perf_options.h"
#include "perf_stats.h"

namespace partita::perf {

bool RunConsume(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, bool rewind_at_end, const std::atomic<bool>& stop,
                ConsumeResult* result, std::string* error);

}  // namespace partita::perf

#endif  // PARTITA_TESTS_BENCH_PERF_PERF_CONSUME_H_
