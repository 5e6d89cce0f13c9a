// partita-cli console-producer: kafka-console-producer.sh — reads records from stdin, one per line, and produces
// them to a topic. Kafka's LineMessageReader properties: parse.key / key.separator, parse.headers /
// headers.delimiter / headers.separator / headers.key.separator, null.marker, ignore.error. Kafka's flags
// --request-required-acks (default -1), --compression-codec, --batch-size (records per request, default 200),
// --sync (one request per record); --reader-config (a properties file read before --property); --line-reader
// (Kafka's LineMessageReader only: no Java class can be loaded); --max-partition-memory-bytes and --max-memory-bytes
// (batch.size and buffer.memory: the records waiting for one partition, or for all, are sent once they hold this
// many bytes). --metadata-expiry-ms and --socket-buffer-size are checked and have no effect: the tool reads the
// partition count once and uses the system's socket buffers. The other producer tuning flags are accepted and
// ignored.
// Partitioning as Kafka's producer: a keyed record goes to toPositive(murmur2(key)) % partitions (Java's
// BuiltInPartitioner); keyless records fill one partition per request and move round robin (close to Kafka's
// sticky partitioner). --partition N (Partita's addition; kcat's -p) sends everything to one partition.
// Differences: the topic must exist (the tool does not ask for auto-creation) and a failed send makes the exit
// status 1 (Kafka's tool logs the error and exits 0).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/client/kafka_partitioner.h"
#include "engine/protocol/compression.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "console-producer";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kBrokerListOption,
      kCommandConfigOption,
      {"--topic", true, "REQUIRED: the topic to produce to"},
      {"--partition", true, "send every record to this partition (default: Kafka's partitioner)"},
      {"--property", true, "reader property k=v: parse.key, key.separator, parse.headers, headers.delimiter, "
                           "headers.separator, headers.key.separator, null.marker, ignore.error (repeatable)"},
      {"--request-required-acks", true, "-1 (all, default), 1 or 0"},
      {"--compression-codec", true, "none | gzip | snappy | lz4 | zstd"},
      {"--batch-size", true, "records sent in one request when not --sync (default 200)"},
      {"--sync", false, "send each record in its own request and wait for it"},
      {"--reader-config", true, "FILE: reader properties (as --property; --property wins)"},
      {"--line-reader", true, "org.apache.kafka.tools.LineMessageReader (the default and the only reader)"},
      {"--max-partition-memory-bytes", true, "send a partition's waiting records once they hold this many bytes "
                                             "(batch.size, default 16384)"},
      {"--max-memory-bytes", true, "send all waiting records once they hold this many bytes (buffer.memory, "
                                   "default 33554432)"},
      {"--metadata-expiry-ms", true, "accepted (no effect: the partition count is read once)"},
      {"--socket-buffer-size", true, "accepted (no effect: the system's socket buffers are used)"},
      {"--producer-property", true, "k=v producer settings (accepted for compatibility, ignored)"},
      {"--producer.config", true, "producer properties file (accepted for compatibility, ignored)"},
      {"--timeout", true, "accepted for compatibility"},
      {"--max-block-ms", true, "accepted for compatibility"},
      {"--request-timeout-ms", true, "accepted for compatibility"},
      {"--message-send-max-retries", true, "accepted for compatibility"},
      {"--retry-backoff-ms", true, "accepted for compatibility"},
  };
  return specs;
}

// Kafka's LineMessageReader configuration.
struct LineReader {
  bool parse_key = false, parse_headers = false, ignore_error = false;
  std::string key_separator = "\t", headers_delimiter = "\t", headers_separator = ",", headers_key_separator = ":";
  std::optional<std::string> null_marker;

  std::optional<std::string> Nullable(std::string s) const {
    if (null_marker && s == *null_marker) return std::nullopt;
    return s;
  }

  // One line into a record; an error names the line as Kafka's reader does.
  Result<client::ProduceRecord> Parse(const std::string& line, int64_t line_number) const {
    client::ProduceRecord r;
    std::string rest = line;
    if (parse_headers) {
      const size_t at = rest.find(headers_delimiter);
      if (at == std::string::npos) {
        if (!ignore_error) {
          return Status::InvalidArgument("No headers delimiter found on line number " + std::to_string(line_number) +
                                         ": '" + line + "'");
        }
      } else {
        const std::string headers = rest.substr(0, at);
        rest = rest.substr(at + headers_delimiter.size());
        if (!null_marker || headers != *null_marker) {
          size_t pos = 0;
          while (pos <= headers.size()) {
            size_t end = headers.find(headers_separator, pos);
            if (end == std::string::npos) end = headers.size();
            const std::string h = headers.substr(pos, end - pos);
            const size_t ks = h.find(headers_key_separator);
            if (ks == std::string::npos) {
              r.headers.push_back({h, std::nullopt});
            } else {
              r.headers.push_back({h.substr(0, ks), Nullable(h.substr(ks + headers_key_separator.size()))});
            }
            pos = end + headers_separator.size();
          }
        }
      }
    }
    if (parse_key) {
      const size_t at = rest.find(key_separator);
      if (at == std::string::npos) {
        if (!ignore_error) {
          return Status::InvalidArgument("No key separator found on line number " + std::to_string(line_number) +
                                         ": '" + line + "'");
        }
        r.value = Nullable(rest);
      } else {
        r.key = Nullable(rest.substr(0, at));
        r.value = Nullable(rest.substr(at + key_separator.size()));
      }
    } else {
      r.value = Nullable(rest);
    }
    return r;
  }
};

Result<LineReader> MakeReader(const ParsedArgs& a) {
  if (auto name = a.Get("--line-reader")) {
    if (*name != "org.apache.kafka.tools.LineMessageReader" && *name != "kafka.tools.ConsoleProducer$LineMessageReader" &&
        *name != "kafka.tools.LineMessageReader") {
      return Status::InvalidArgument("--line-reader " + *name +
                                     " is not available: only Kafka's LineMessageReader (no Java class can be loaded)");
    }
  }
  LineReader reader;
  auto props = ToolProperties(a, "--reader-config");
  if (!props.ok()) return props.status();
  for (const auto& [k, v] : *props) {
    const bool on = v == "true" || v == "TRUE" || v == "True";
    if (k == "parse.key") reader.parse_key = on;
    else if (k == "parse.headers") reader.parse_headers = on;
    else if (k == "ignore.error") reader.ignore_error = on;
    else if (k == "key.separator") reader.key_separator = v;
    else if (k == "headers.delimiter") reader.headers_delimiter = v;
    else if (k == "headers.separator") reader.headers_separator = v;
    else if (k == "headers.key.separator") reader.headers_key_separator = v;
    else if (k == "null.marker") reader.null_marker = v;
  }
  // Kafka's LineMessageReader refuses separators that would make a line ambiguous.
  if (reader.key_separator.empty() || reader.headers_delimiter.empty() || reader.headers_separator.empty() ||
      reader.headers_key_separator.empty()) {
    return Status::InvalidArgument("separators and delimiters must not be empty");
  }
  if (reader.headers_separator == reader.headers_key_separator) {
    return Status::InvalidArgument("headers.separator and headers.key.separator may not be equal");
  }
  return reader;
}

}  // namespace

int RunConsoleProducer(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli console-producer --bootstrap-server H:P --topic T [options] < records", Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  auto topic = a.Get("--topic");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  if (!topic) return ReportUsage(kVerb, "--topic is required");
  auto reader = MakeReader(a);
  if (!reader.ok()) return ReportUsage(kVerb, reader.status().message());
  int16_t acks = -1;
  if (auto v = a.Get("--request-required-acks")) {
    if (*v == "all") {
      acks = -1;
    } else if (*v == "-1" || *v == "0" || *v == "1") {
      acks = static_cast<int16_t>(std::stoi(*v));
    } else {
      return ReportUsage(kVerb, "--request-required-acks must be -1, all, 0 or 1");
    }
  }
  protocol::Compression compression = protocol::Compression::kNone;
  if (auto v = a.Get("--compression-codec")) {
    static const std::map<std::string, protocol::Compression> codecs{{"none", protocol::Compression::kNone},
                                                                     {"gzip", protocol::Compression::kGzip},
                                                                     {"snappy", protocol::Compression::kSnappy},
                                                                     {"lz4", protocol::Compression::kLz4},
                                                                     {"zstd", protocol::Compression::kZstd}};
    auto it = codecs.find(*v);
    if (it == codecs.end()) return ReportUsage(kVerb, "--compression-codec must be none, gzip, snappy, lz4 or zstd");
    compression = it->second;
  }
  int64_t batch_size = 200;
  if (auto v = a.Get("--batch-size")) {
    auto n = ParseInt64(*v, "--batch-size");
    if (!n.ok() || *n < 1) return ReportUsage(kVerb, "--batch-size must be a positive number");
    batch_size = *n;
  }
  if (a.Has("--sync")) batch_size = 1;
  // Kafka's defaults for batch.size and buffer.memory.
  int64_t partition_bytes_limit = 16384, total_bytes_limit = 32 << 20;
  using LimitFlag = std::pair<const char*, int64_t*>;  // a flag and where its value goes (null: checked only)
  for (auto [flag, out] : {LimitFlag{"--max-partition-memory-bytes", &partition_bytes_limit},
                           LimitFlag{"--max-memory-bytes", &total_bytes_limit}, LimitFlag{"--metadata-expiry-ms", nullptr},
                           LimitFlag{"--socket-buffer-size", nullptr}}) {
    auto v = a.Get(flag);
    if (!v) continue;
    auto n = ParseInt64(*v, flag);
    if (!n.ok() || *n < 0) return ReportUsage(kVerb, std::string(flag) + " must be a non-negative number");
    if (out) *out = std::max<int64_t>(*n, 1);
  }

  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto partitions = c->ListTopicOffsets(*topic, client::kLatestTimestamp);
  if (!partitions.ok()) return ReportError(kVerb, partitions.status().message());
  const auto count = static_cast<int32_t>(partitions->size());
  std::optional<int32_t> fixed;
  if (auto v = a.Get("--partition")) {
    auto n = ParseInt32(*v, "--partition");
    if (!n.ok() || *n < 0 || *n >= count) {
      return ReportUsage(kVerb, "--partition must be between 0 and " + std::to_string(count - 1));
    }
    fixed = *n;
  }

  std::map<int32_t, std::vector<client::ProduceRecord>> pending;
  std::map<int32_t, int64_t> pending_bytes;
  size_t pending_count = 0;
  int64_t pending_total_bytes = 0;
  int32_t sticky = 0;  // the partition keyless records go to until the next send
  int failures = 0;
  auto flush = [&] {
    for (auto& [p, records] : pending) {
      if (records.empty()) continue;
      auto r = c->Produce({*topic, PartitionId(p)}, records, acks, compression);
      if (!r.ok()) {
        ++failures;
        std::fprintf(stderr, "ERROR Error when sending %zu message(s) to topic %s partition %d: %s\n", records.size(),
                     topic->c_str(), p, r.status().message().c_str());
      }
    }
    pending.clear();
    pending_bytes.clear();
    pending_count = 0;
    pending_total_bytes = 0;
    sticky = (sticky + 1) % count;
  };
  const bool interactive = ::isatty(STDIN_FILENO);
  std::string line;
  int64_t line_number = 0;
  if (interactive) std::fputs(">", stdout), std::fflush(stdout);
  while (std::getline(std::cin, line)) {
    ++line_number;
    auto record = reader->Parse(line, line_number);
    if (!record.ok()) {
      flush();
      return ReportError(kVerb, record.status().message());
    }
    const int32_t partition = fixed ? *fixed : record->key ? client::PartitionForKey(*record->key, count) : sticky;
    int64_t bytes = static_cast<int64_t>(record->key.value_or("").size() + record->value.value_or("").size());
    for (const auto& h : record->headers) bytes += static_cast<int64_t>(h.key.size() + h.value.value_or("").size());
    pending[partition].push_back(std::move(*record));
    pending_total_bytes += bytes;
    const bool partition_full = (pending_bytes[partition] += bytes) >= partition_bytes_limit;
    if (++pending_count >= static_cast<size_t>(batch_size) || partition_full ||
        pending_total_bytes >= total_bytes_limit || interactive) {
      flush();
    }
    if (interactive) std::fputs(">", stdout), std::fflush(stdout);
  }
  flush();
  return failures == 0 ? 0 : 1;
}

}  // namespace partita::cli
