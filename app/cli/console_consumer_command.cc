// partita-cli console-consumer: kafka-console-consumer.sh — prints a topic's records to stdout with Kafka's
// DefaultMessageFormatter layout ([CreateTime:ts][Partition:p][Offset:o][headers][key]value, fields separated by
// key.separator) and "Processed a total of N messages" on stderr at the end.
// Flags as Kafka's: --topic or --include (a regular expression over topic names, internal topics left out as
// the Java consumer's exclude.internal.topics), --partition, --offset earliest|latest|N (needs --partition),
// --from-beginning, --group, --max-messages, --timeout-ms, --isolation-level, --property k=v, --formatter,
// --consumer-property, --formatter-config (a properties file read before --property), --key-deserializer /
// --value-deserializer (Kafka's built-in deserializers, java_deserializers.h), --skip-message-on-error (a record
// a deserializer refuses is reported and skipped instead of ending the run), --enable-systest-events
// ("shutdown_complete" on stdout at the end, as Kafka's shutdown hook prints it). read_committed (KIP-98) starts "latest" at the last stable offset and leaves out aborted
// transactions and control records, as Kafka's consumer.
// Difference: with --group the records start at the group's committed offsets and the positions reached are
// committed at the end, but the tool does not join the group (no partition assignment: two console consumers
// of one group both read every partition).
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <map>
#include <regex>
#include <string>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/java_deserializers.h"
#include "engine/common/clock.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "console-consumer";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--topic", true, "the topic to consume (this or --include)"},
      {"--include", true, "a regular expression: consume every non-internal topic whose whole name matches"},
      {"--whitelist", true, "the deprecated spelling of --include", "--include"},
      {"--partition", true, "consume only this partition"},
      {"--offset", true, "earliest | latest | N: where to start in --partition (default latest)"},
      {"--from-beginning", false, "start at the earliest offset when there is no committed offset"},
      {"--group", true, "start at the group's committed offsets and commit the positions reached at the end"},
      {"--max-messages", true, "exit after this many records"},
      {"--timeout-ms", true, "exit when no record arrives for this long"},
      {"--isolation-level", true, "read_uncommitted (default) | read_committed: only committed transactions, "
                                  "up to the last stable offset"},
      {"--property", true, "formatter property k=v: print.key, print.value, print.timestamp, print.partition, "
                           "print.offset, print.headers, key.separator, line.separator, headers.separator, "
                           "null.literal (repeatable)"},
      {"--formatter", true, "kafka.tools.DefaultMessageFormatter (default) | kafka.tools.NoOpMessageFormatter"},
      {"--formatter-config", true, "FILE: formatter properties (as --property; --property wins)"},
      {"--key-deserializer", true, "a Kafka deserializer class for keys, e.g. "
                                   "org.apache.kafka.common.serialization.LongDeserializer"},
      {"--value-deserializer", true, "a Kafka deserializer class for values"},
      {"--enable-systest-events", false, "print lifecycle events (shutdown_complete) besides the records"},
      {"--consumer-property", true, "k=v consumer settings (accepted for compatibility, ignored)"},
      {"--consumer.config", true, "consumer properties file (accepted for compatibility, ignored)"},
      {"--skip-message-on-error", false, "a record that cannot be deserialized is reported and skipped"},
  };
  return specs;
}

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

// Kafka's DefaultMessageFormatter.
struct Formatter {
  bool noop = false;
  bool print_timestamp = false, print_key = false, print_value = true, print_partition = false,
       print_offset = false, print_headers = false;
  std::string key_separator = "\t", line_separator = "\n", headers_separator = ",", null_literal = "null";
  JavaDeserializer key_deserializer = JavaDeserializer::kString, value_deserializer = JavaDeserializer::kString;

  // The record's line, or the deserializer's refusal.
  Result<std::string> Format(int32_t partition, const client::ConsumedRecord& r) const {
    if (noop) return std::string();
    std::optional<std::string> key, value;
    if (print_key) {
      auto k = Deserialize(key_deserializer, r.key);
      if (!k.ok()) return k.status();
      key = std::move(*k);
    }
    if (print_value) {
      auto v = Deserialize(value_deserializer, r.value);
      if (!v.ok()) return v.status();
      value = std::move(*v);
    }
    std::string out;
    auto field = [&](const std::string& text) { out += text + key_separator; };
    if (print_timestamp) {
      field(r.timestamp < 0 ? std::string("NO_TIMESTAMP")
                            : std::string(r.log_append_time ? "LogAppendTime:" : "CreateTime:") +
                                  std::to_string(r.timestamp));
    }
    if (print_partition) field("Partition:" + std::to_string(partition));
    if (print_offset) field("Offset:" + std::to_string(r.offset));
    if (print_headers) {
      std::string headers;
      for (size_t i = 0; i < r.headers.size(); ++i) {
        if (i) headers += headers_separator;
        headers += r.headers[i].key + ":" + r.headers[i].value.value_or(null_literal);
      }
      field(r.headers.empty() ? std::string("NO_HEADERS") : headers);
    }
    if (print_key) field(key.value_or(null_literal));
    if (print_value) {
      out += value.value_or(null_literal);
    } else if (!out.empty()) {
      out.resize(out.size() - key_separator.size());
    }
    return out + line_separator;
  }
};

Result<Formatter> MakeFormatter(const ParsedArgs& a) {
  Formatter f;
  if (auto name = a.Get("--formatter")) {
    if (*name == "kafka.tools.NoOpMessageFormatter" || *name == "org.apache.kafka.tools.consumer.NoOpMessageFormatter") {
      f.noop = true;
    } else if (*name != "kafka.tools.DefaultMessageFormatter" &&
               *name != "org.apache.kafka.tools.consumer.DefaultMessageFormatter") {
      return Status::InvalidArgument("--formatter " + *name + " is not available (DefaultMessageFormatter, "
                                     "NoOpMessageFormatter)");
    }
  }
  auto props = ToolProperties(a, "--formatter-config");
  if (!props.ok()) return props.status();
  // The flags win over the properties, as Kafka's ConsoleConsumerOptions sets them last.
  if (auto d = a.Get("--key-deserializer")) (*props)["key.deserializer"] = *d;
  if (auto d = a.Get("--value-deserializer")) (*props)["value.deserializer"] = *d;
  for (const auto& kv : *props) {
    // Named references, not a structured binding: lambdas may not capture bindings before C++20 in clang 14.
    const std::string& k = kv.first;
    const std::string& v = kv.second;
    auto flag = [&v](bool* out) { *out = v == "true" || v == "TRUE" || v == "True"; };
    // Kafka's DefaultMessageFormatter unescapes the separators (so "\n" on a command line is a newline).
    auto text = [&v](std::string* out) {
      std::string s;
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size() && (v[i + 1] == 'n' || v[i + 1] == 't')) {
          s += v[++i] == 'n' ? '\n' : '\t';
        } else {
          s += v[i];
        }
      }
      *out = s;
    };
    if (k == "print.timestamp") flag(&f.print_timestamp);
    else if (k == "print.key") flag(&f.print_key);
    else if (k == "print.value") flag(&f.print_value);
    else if (k == "print.partition") flag(&f.print_partition);
    else if (k == "print.offset") flag(&f.print_offset);
    else if (k == "print.headers") flag(&f.print_headers);
    else if (k == "key.separator") text(&f.key_separator);
    else if (k == "line.separator") text(&f.line_separator);
    else if (k == "headers.separator") text(&f.headers_separator);
    else if (k == "null.literal") text(&f.null_literal);
    else if (k == "key.deserializer" || k == "value.deserializer") {
      auto d = JavaDeserializerNamed(v);
      if (!d.ok()) return d.status();
      (k == "key.deserializer" ? f.key_deserializer : f.value_deserializer) = *d;
    }
    // Others (print.epoch...) are accepted and ignored, as the formatter ignores unknown keys.
  }
  return f;
}

}  // namespace

int RunConsoleConsumer(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli console-consumer --bootstrap-server H:P (--topic T | --include REGEX) [options]",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  auto topic = a.Get("--topic");
  auto include = a.Get("--include");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  // Kafka's ConsoleConsumerOptions checks.
  if (topic.has_value() == include.has_value()) return ReportUsage(kVerb, "Exactly one of include/topic is required.");
  if (a.Has("--partition") && !topic) return ReportUsage(kVerb, "The topic is required when partition is specified.");
  std::optional<std::regex> pattern;
  if (include) {
    try {
      pattern.emplace(*include, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return ReportUsage(kVerb, "--include " + *include + " is not a valid regular expression: " + e.what());
    }
  }
  if (a.Has("--offset") && !a.Has("--partition")) {
    return ReportUsage(kVerb, "The partition is required when offset is specified.");
  }
  if (a.Has("--offset") && a.Has("--from-beginning")) {
    return ReportUsage(kVerb, "Options from-beginning and offset cannot be specified together.");
  }
  if (a.Has("--group") && a.Has("--partition")) {
    return ReportUsage(kVerb, "Options group and partition cannot be specified together.");
  }
  if (auto level = a.Get("--isolation-level"); level && *level != "read_committed" && *level != "read_uncommitted") {
    return ReportUsage(kVerb, "--isolation-level must be read_committed or read_uncommitted");
  }
  const client::IsolationLevel isolation = a.Get("--isolation-level") == std::optional<std::string>("read_committed")
                                               ? client::IsolationLevel::kReadCommitted
                                               : client::IsolationLevel::kReadUncommitted;
  auto formatter = MakeFormatter(a);
  if (!formatter.ok()) return ReportUsage(kVerb, formatter.status().message());
  int64_t max_messages = -1, timeout_ms = -1;
  std::optional<int32_t> only_partition;
  if (auto v = a.Get("--max-messages")) {
    auto n = ParseInt64(*v, "--max-messages");
    if (!n.ok()) return ReportUsage(kVerb, n.status().message());
    max_messages = *n;
  }
  if (auto v = a.Get("--timeout-ms")) {
    auto n = ParseInt64(*v, "--timeout-ms");
    if (!n.ok()) return ReportUsage(kVerb, n.status().message());
    timeout_ms = *n;
  }
  if (auto v = a.Get("--partition")) {
    auto n = ParseInt32(*v, "--partition");
    if (!n.ok()) return ReportUsage(kVerb, n.status().message());
    only_partition = *n;
  }
  std::optional<int64_t> explicit_offset;
  bool start_earliest = a.Has("--from-beginning");
  if (auto v = a.Get("--offset")) {
    if (*v == "earliest") {
      start_earliest = true;
    } else if (*v != "latest") {
      auto n = ParseInt64(*v, "--offset");
      if (!n.ok() || *n < 0) return ReportUsage(kVerb, "--offset must be earliest, latest or a non-negative offset");
      explicit_offset = *n;
    }
  }

  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  std::vector<std::string> topics;
  if (topic) {
    topics.push_back(*topic);
  } else {
    auto listed = c->ListTopics(/*include_internal=*/false);
    if (!listed.ok()) return ReportError(kVerb, listed.status().message());
    for (const auto& t : *listed)
      if (std::regex_match(t.name, *pattern)) topics.push_back(t.name);
    if (topics.empty()) return ReportError(kVerb, "no topic matches --include " + *include);
  }
  std::vector<client::PartitionOffset> earliest;
  for (const auto& t : topics) {
    auto offsets = c->ListTopicOffsets(t, client::kEarliestTimestamp);
    if (!offsets.ok()) return ReportError(kVerb, offsets.status().message());
    earliest.insert(earliest.end(), offsets->begin(), offsets->end());
  }
  std::vector<TopicPartition> all;
  for (const auto& e : earliest) all.push_back(e.tp);
  // "latest" is the high watermark, or for read_committed the last stable offset (KIP-98).
  auto latest = c->ListOffsets(all, client::kLatestTimestamp, isolation);
  if (!latest.ok()) return ReportError(kVerb, latest.status().message());
  if (latest->size() != earliest.size()) return ReportError(kVerb, "the topics changed while starting");
  std::map<TopicPartition, int64_t> committed;
  if (auto group = a.Get("--group")) {
    auto r = c->FetchCommittedOffsets(*group);
    if (!r.ok()) return ReportError(kVerb, r.status().message());
    committed = std::move(*r);
  }
  // Positions, in partition order.
  std::vector<std::pair<TopicPartition, int64_t>> positions;
  for (size_t i = 0; i < earliest.size(); ++i) {
    const TopicPartition& tp = earliest[i].tp;
    if (only_partition && tp.partition.value != *only_partition) continue;
    if (!earliest[i].status.ok()) return ReportError(kVerb, earliest[i].status.message());
    if (!(*latest)[i].status.ok()) return ReportError(kVerb, (*latest)[i].status.message());
    int64_t start = start_earliest ? earliest[i].offset : (*latest)[i].offset;
    if (explicit_offset) start = *explicit_offset;
    if (auto it = committed.find(tp); it != committed.end() && it->second >= 0) start = it->second;
    positions.emplace_back(tp, start);
  }
  if (positions.empty()) {
    const std::string what = topic ? "topic " + *topic : "the topics matching --include " + *include;
    return ReportError(kVerb, only_partition ? what + " has no partition " + std::to_string(*only_partition)
                                             : what + " has no partitions");
  }

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  int64_t processed = 0;
  int64_t last_record_ms = MonotonicMs();
  bool timed_out = false;
  bool idle_round = false;
  std::string error;
  // One fetch per leader for all partitions, over incremental fetch sessions (KIP-227): after the first, only
  // partitions whose position moved are sent and only partitions with news come back.
  std::map<TopicPartition, int64_t> wanted(positions.begin(), positions.end());
  while (!g_stop && (max_messages < 0 || processed < max_messages)) {
    bool got = false;
    // After a round without records, wait at the log end (long poll) instead of spinning.
    client::FetchOptions fetch_options;
    fetch_options.isolation = isolation;
    fetch_options.max_wait_ms =
        !idle_round ? 0 : static_cast<int32_t>(timeout_ms >= 0 ? std::clamp<int64_t>(timeout_ms, 20, 500) : 500);
    auto answered = c->FetchMany(wanted, fetch_options);
    if (!answered.ok()) {
      error = answered.status().message();
      break;
    }
    for (auto& partition_fetch : *answered) {
      if (g_stop || (max_messages >= 0 && processed >= max_messages)) break;
      if (!partition_fetch.status.ok()) {
        error = partition_fetch.status.message();
        break;
      }
      const TopicPartition& tp = partition_fetch.tp;
      int64_t& position = wanted[tp];
      const client::FetchResult* fetched = &partition_fetch.result;
      std::string out;
      for (const auto& r : fetched->records) {
        if (max_messages >= 0 && processed >= max_messages) break;
        auto line = formatter->Format(tp.partition.value, r);
        if (!line.ok() && !a.Has("--skip-message-on-error")) {
          error = "Error processing message, terminating consumer process: " + line.status().message();
          break;
        }
        ++processed;  // as Kafka counts: a skipped record was processed too
        if (line.ok()) {
          out += *line;
        } else {
          std::fprintf(stderr, "ERROR Error processing message, skipping this message: %s\n",
                       line.status().message().c_str());
        }
        position = r.offset + 1;
        got = true;
      }
      if (fetched->records.empty()) position = std::max(position, fetched->next_offset);
      if (!out.empty()) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
      }
      if (!error.empty()) break;
    }
    if (!error.empty()) break;
    idle_round = !got;
    if (got) last_record_ms = MonotonicMs();
    if (timeout_ms >= 0 && MonotonicMs() - last_record_ms >= timeout_ms) {
      timed_out = true;
      break;
    }
  }
  c->CloseFetchSessions();  // the brokers free their sessions now rather than when they are evicted
  if (auto group = a.Get("--group")) {
    if (Status st = c->CommitOffsets(*group, wanted); !st.ok() && error.empty()) error = st.message();
  }
  if (timed_out) {
    std::fputs("ERROR Error processing message, terminating consumer process: "
               "org.apache.kafka.common.errors.TimeoutException\n",
               stderr);
  }
  std::fprintf(stderr, "Processed a total of %lld messages\n", static_cast<long long>(processed));
  if (a.Has("--enable-systest-events")) std::fputs("shutdown_complete\n", stdout);
  if (!error.empty()) return ReportError(kVerb, error);
  return 0;
}

}  // namespace partita::cli
