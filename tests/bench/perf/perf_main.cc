// partita-perf: producer/consumer load tool on librdkafka, in the spirit of
// kafka-producer-perf-test and kafka-consumer-perf-test, with librdkafka's
// in-process mock cluster as a client-bound ceiling for comparison.
// See UsageText() in perf_options.cc and docs/PERFORMANCE.md.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perf_consume.h"
#include "perf_latency.h"
#include "perf_mock.h"
#include "perf_options.h"
#include "perf_produce.h"
#include "perf_stats.h"

namespace partita::perf {
namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop.store(true); }

struct TargetRun {
  std::string label;
  std::optional<ProduceResult> produce;
  std::optional<ConsumeResult> consume;
  bool started = true;  // False when a run could not even start.
};

// Runs the requested load against one cluster. On the mock, a consume-only
// run first produces the records (unmeasured) so the topic has data, and the
// consumer re-reads the mock's short retained log (see perf_consume.h).
TargetRun RunTarget(const Options& options, const std::string& bootstrap_servers,
                    const std::string& label, bool is_mock) {
  TargetRun run;
  run.label = label;
  std::string error;
  bool produce = options.mode != Mode::kConsume;
  bool consume = options.mode != Mode::kProduce;
  if (!produce && is_mock) {
    ProduceResult ignored;
    std::printf("preloading %lld records into %s (not measured)\n",
                static_cast<long long>(options.num_records), label.c_str());
    if (!RunProduce(options, bootstrap_servers, label, /*quiet=*/true, g_stop, &ignored, &error) ||
        !ignored.Clean(options.num_records)) {
      std::fprintf(stderr, "partita-perf: preload into %s failed: %s\n", label.c_str(),
                   error.empty() ? ignored.first_error.c_str() : error.c_str());
      run.started = false;
      return run;
    }
  }
  if (produce && !g_stop) {
    ProduceResult result;
    if (RunProduce(options, bootstrap_servers, label, /*quiet=*/false, g_stop, &result, &error)) {
      PrintProduceResult(result, options.num_records);
      run.produce = result;
    } else {
      std::fprintf(stderr, "partita-perf: produce on %s: %s\n", label.c_str(), error.c_str());
      run.started = false;
      return run;
    }
  }
  if (consume && !g_stop) {
    ConsumeResult result;
    if (RunConsume(options, bootstrap_servers, label, is_mock, g_stop, &result, &error)) {
      PrintConsumeResult(result, options.num_records);
      run.consume = result;
    } else {
      std::fprintf(stderr, "partita-perf: consume on %s: %s\n", label.c_str(), error.c_str());
      run.started = false;
    }
  }
  return run;
}

// `partitions` <= 0 means 1.
TargetRun RunOnMock(const Options& options, int partitions) {
  int brokers = options.mock_brokers > 0 ? options.mock_brokers : 1;
  std::string error;
  std::unique_ptr<MockCluster> mock =
      MockCluster::Start(brokers, options.topic, partitions > 0 ? partitions : 1, &error);
  if (!mock) {
    std::fprintf(stderr, "partita-perf: %s\n", error.c_str());
    TargetRun failed;
    failed.label = "mock";
    failed.started = false;
    return failed;
  }
  return RunTarget(options, mock->bootstrap_servers(), mock->label(), /*is_mock=*/true);
}

bool Clean(const TargetRun& run, int64_t wanted) {
  return run.started && (!run.produce || run.produce->Clean(wanted)) &&
         (!run.consume || run.consume->Clean(wanted));
}

int Main(int argc, char** argv) {
  Options options;
  std::string error;
  if (!ParseOptions(argc, argv, &options, &error)) {
    if (error.empty()) {
      std::fputs(UsageText(), stdout);
      return 0;
    }
    std::fprintf(stderr, "partita-perf: %s\n%s", error.c_str(), UsageText());
    return 2;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);

  if (options.mode == Mode::kLatency) {
    std::unique_ptr<MockCluster> mock;
    std::string bootstrap = options.bootstrap_servers;
    if (options.mock_brokers > 0) {
      mock = MockCluster::Start(options.mock_brokers, options.topic, options.partitions > 0 ? options.partitions : 1,
                                &error);
      if (!mock) {
        std::fprintf(stderr, "partita-perf: %s\n", error.c_str());
        return 1;
      }
      bootstrap = mock->bootstrap_servers();
    }
    LatencyResult result;
    if (!RunLatency(options, bootstrap, g_stop, &result, &error)) {
      std::fprintf(stderr, "partita-perf: latency on %s: %s\n", bootstrap.c_str(), error.c_str());
      return 1;
    }
    PrintLatencyResult(result);
    return result.Clean() && !g_stop ? 0 : 1;
  }

  std::vector<TargetRun> runs;
  if (!options.bootstrap_servers.empty()) {
    runs.push_back(RunTarget(options, options.bootstrap_servers, options.bootstrap_servers,
                             /*is_mock=*/false));
  }
  if ((options.compare_mock || options.mock_brokers > 0) && !g_stop) {
    // Compare like with like: unless told otherwise, the mock topic gets as
    // many partitions as the topic on the compared cluster.
    int partitions = options.partitions;
    if (partitions <= 0 && !runs.empty()) {
      const TargetRun& ours = runs.front();
      if (ours.produce) partitions = ours.produce->partitions;
      if (partitions <= 0 && ours.consume) partitions = ours.consume->partitions;
    }
    runs.push_back(RunOnMock(options, partitions));
  }

  if (options.compare_mock && runs.size() == 2) {
    const TargetRun& ours = runs[0];
    const TargetRun& mock = runs[1];
    std::printf("== %s vs %s\n", ours.label.c_str(), mock.label.c_str());
    if (ours.produce && mock.produce) {
      PrintComparison("produce", ours.produce->RecordsPerSec(), mock.produce->RecordsPerSec());
    }
    if (ours.consume && mock.consume) {
      PrintComparison("consume", ours.consume->RecordsPerSec(), mock.consume->RecordsPerSec());
      PrintComparison("consume after first record", ours.consume->FetchRecordsPerSec(),
                      mock.consume->FetchRecordsPerSec());
    }
  }

  bool clean = !g_stop;
  for (const TargetRun& run : runs) clean = clean && Clean(run, options.num_records);
  return clean ? 0 : 1;
}

}  // namespace
}  // namespace partita::perf

int main(int argc, char** argv) { return partita::perf::Main(argc, argv); }
