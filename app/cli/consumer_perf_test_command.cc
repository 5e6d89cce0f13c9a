// partita-cli consumer-perf-test: kafka-consumer-perf-test.sh. Reads --messages records of --topic (from the
// earliest offsets, or the latest with --from-latest) and prints Kafka's ConsumerPerformance summary:
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
//   fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
// or, with --show-detailed-stats, one line per --reporting-interval. Stops with Kafka's WARNING when no record
// arrives for --timeout ms. Difference: the tool fetches every partition itself instead of joining a group (as
// console-consumer does): with --group it starts at the group's committed offsets and commits the positions
// reached at the end; rebalance.time.ms is therefore 0.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/common/clock.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "consumer-perf-test";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kBrokerListOption,
      {"--topic", true, "REQUIRED: topic to consume"},
      {"--messages", true, "REQUIRED: number of records to consume"},
      {"--group", true, "start at this group's committed offsets and commit the positions reached"},
      {"--fetch-size", true, "bytes to fetch per request (default 1048576)"},
      {"--from-latest", false, "start at the latest offsets (default: earliest)"},
      {"--timeout", true, "ms allowed between two records (default 10000)"},
      {"--show-detailed-stats", false, "print a line per reporting interval instead of the summary"},
      {"--reporting-interval", true, "ms between detailed lines (default 5000)"},
      {"--hide-header", false, "do not print the header line"},
      {"--socket-buffer-size", true, "accepted (no effect: the system's socket buffers are used)"},
      {"--date-format", true, "accepted; dates are printed as yyyy-MM-dd HH:mm:ss:SSS"},
      {"--consumer.config", true, "FILE: consumer properties (security.protocol, ssl.*, sasl.*)"},
      kCommandConfigOption,
      {"--print-metrics", false, "accepted; partita's client has no metrics to print"},
      {"--threads", true, "accepted and ignored (deprecated in Kafka)"},
      {"--num-fetch-threads", true, "accepted and ignored (deprecated in Kafka)"},
  };
  return specs;
}

// Kafka's default --date-format, yyyy-MM-dd HH:mm:ss:SSS, in local time.
std::string FormatDate(int64_t wall_ms) {
  const std::time_t secs = static_cast<std::time_t>(wall_ms / 1000);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%s:%03lld", buf, static_cast<long long>(wall_ms % 1000));
  return out;
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }
double PerSec(double amount, int64_t ms) { return ms > 0 ? amount * 1000.0 / static_cast<double>(ms) : 0.0; }

}  // namespace

int RunConsumerPerfTest(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli consumer-perf-test --bootstrap-server H:P --topic T --messages N", Specs()).c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  auto topic = a.Get("--topic");
  auto messages_text = a.Get("--messages");
  if (!bootstrap || !topic || !messages_text) {
    return ReportUsage(kVerb, "--bootstrap-server, --topic and --messages are required");
  }
  auto messages = ParseInt64(*messages_text, "--messages");
  if (!messages.ok() || *messages <= 0) return ReportUsage(kVerb, "--messages must be a positive integer");
  auto int_option = [&](const char* name, int64_t fallback) -> Result<int64_t> {
    auto v = a.Get(name);
    if (!v) return fallback;
    auto n = ParseInt64(*v, name);
    if (!n.ok() || *n <= 0) return Status::InvalidArgument(std::string(name) + " must be a positive integer");
    return *n;
  };
  auto fetch_size = int_option("--fetch-size", 1048576);
  auto timeout = int_option("--timeout", 10000);
  auto interval = int_option("--reporting-interval", 5000);
  for (const auto* r : {&fetch_size, &timeout, &interval})
    if (!r->ok()) return ReportUsage(kVerb, r->status().message());
  const bool detailed = a.Has("--show-detailed-stats");

  auto c = ConnectOrReport(kVerb, *bootstrap,
                           a.Get("--command-config") ? a.Get("--command-config") : a.Get("--consumer.config"));
  if (!c) return 1;
  const int64_t join_start = MonotonicMs();
  auto starts = c->ListTopicOffsets(*topic, a.Has("--from-latest") ? client::kLatestTimestamp
                                                                   : client::kEarliestTimestamp);
  if (!starts.ok()) return ReportError(kVerb, starts.status().message());
  std::map<int32_t, int64_t> position;
  for (const auto& p : *starts) {
    if (!p.status.ok()) return ReportError(kVerb, p.status.message());
    position[p.tp.partition.value] = p.offset;
  }
  const auto group = a.Get("--group");
  if (group) {
    auto committed = c->FetchCommittedOffsets(*group);
    if (!committed.ok()) return ReportError(kVerb, committed.status().message());
    for (const auto& [tp, offset] : *committed)
      if (tp.topic == *topic && position.count(tp.partition.value)) position[tp.partition.value] = offset;
  }
  if (position.empty()) return ReportError(kVerb, "topic " + *topic + " has no partitions");
  const int64_t join_ms = 0;  // no group join (see the header comment)
  (void)join_start;

  if (!a.Has("--hide-header")) {
    std::printf("%s, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n",
                detailed ? "time, threadId" : "start.time, end.time");
  }
  const int64_t start_wall = WallClockMs();
  const int64_t start_ms = MonotonicMs();
  int64_t read = 0, bytes = 0, last_record_ms = start_ms;
  int64_t last_report_ms = start_ms, last_report_read = 0, last_report_bytes = 0;
  bool timed_out = false;
  auto it = position.begin();
  while (read < *messages) {
    if (MonotonicMs() - last_record_ms > *timeout) {
      timed_out = true;
      break;
    }
    auto& [partition, offset] = *it;
    auto fetched = c->FetchRecords({*topic, PartitionId(partition)}, offset, static_cast<int32_t>(*fetch_size), 100);
    if (!fetched.ok()) return ReportError(kVerb, fetched.status().message());
    for (const auto& r : fetched->records) {
      if (read >= *messages) break;
      ++read;
      bytes += static_cast<int64_t>((r.key ? r.key->size() : 0) + (r.value ? r.value->size() : 0));
      offset = r.offset + 1;
    }
    if (!fetched->records.empty()) last_record_ms = MonotonicMs();
    if (fetched->records.empty() || fetched->next_offset <= offset) ++it;
    if (it == position.end()) it = position.begin();
    const int64_t now = MonotonicMs();
    if (detailed && now - last_report_ms >= *interval) {
      const int64_t window = now - last_report_ms;
      std::printf("%s, %d, %.4f, %.4f, %lld, %.4f, %lld, %lld, %.4f, %.4f\n", FormatDate(WallClockMs()).c_str(), 0,
                  Mb(bytes), PerSec(Mb(bytes - last_report_bytes), window), static_cast<long long>(read),
                  PerSec(static_cast<double>(read - last_report_read), window), static_cast<long long>(join_ms),
                  static_cast<long long>(window), PerSec(Mb(bytes - last_report_bytes), window),
                  PerSec(static_cast<double>(read - last_report_read), window));
      std::fflush(stdout);
      last_report_ms = now;
      last_report_read = read;
      last_report_bytes = bytes;
    }
  }
  const int64_t elapsed = MonotonicMs() - start_ms;
  if (timed_out) {
    std::printf("WARNING: Exiting before consuming the expected number of messages: timeout (%lld ms) exceeded. "
                "You can use the --timeout option to increase the timeout.\n",
                static_cast<long long>(*timeout));
  }
  if (group) {
    std::map<TopicPartition, int64_t> commit;
    for (const auto& [p, offset] : position) commit[{*topic, PartitionId(p)}] = offset;
    if (Status st = c->CommitOffsets(*group, commit); !st.ok()) return ReportError(kVerb, st.message());
  }
  if (!detailed) {
    const int64_t fetch_ms = elapsed - join_ms;
    std::printf("%s, %s, %.4f, %.4f, %lld, %.4f, %lld, %lld, %.4f, %.4f\n", FormatDate(start_wall).c_str(),
                FormatDate(WallClockMs()).c_str(), Mb(bytes), PerSec(Mb(bytes), elapsed),
                static_cast<long long>(read), PerSec(static_cast<double>(read), elapsed),
                static_cast<long long>(join_ms), static_cast<long long>(fetch_ms), PerSec(Mb(bytes), fetch_ms),
                PerSec(static_cast<double>(read), fetch_ms));
  }
  return 0;  // as Kafka: a timeout is the WARNING line, not a failure
}

}  // namespace partita::cli
