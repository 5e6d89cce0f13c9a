// partita-cli producer-perf-test: kafka-producer-perf-test.sh. Produces --num-records records of --record-size
// bytes (or lines of --payload-file) to --topic at most --throughput records/s (-1: no limit), and prints
// Kafka's ProducerPerformance lines: every 5 s "N records sent, R records/sec (M MB/sec), A ms avg latency,
// X ms max latency." and at the end the same with the 50th/95th/99th/99.9th latency percentiles.
// --producer-props / --producer.config: bootstrap.servers, acks (0, 1, -1/all), batch.size (bytes per request and
// partition, default 16384), compression.type, transactional.id, transaction.timeout.ms; the other producer keys
// are accepted and ignored (named on stderr).
// Transactions (Kafka 3.8's --transactional-id / --transaction-duration-ms, KIP-98) are on when either flag is
// given or transactional.id is a producer property: --transactional-id wins over the property, and without an id
// it is "performance-producer-" + a random UUID; the records then go through client::TransactionalProducer,
// which begins a transaction before its first record and commits it after the send that finds it at least
// --transaction-duration-ms (default 3000, > 0) old, and commits the last one at the end. A transactional
// producer is idempotent: acks must be all (-1), and enable.idempotence must not be false (exit 2 otherwise).
// Difference: partita's client sends one request at a time (no pipelining), so throughput depends on the round
// trip; a record's latency is from its creation to its acknowledgement, as Kafka measures it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/perf_stats.h"
#include "engine/broker/broker_config.h"
#include "engine/client/transactional_producer.h"
#include "engine/common/clock.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/protocol/compression.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "producer-perf-test";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      {"--topic", true, "REQUIRED: topic to produce to"},
      {"--num-records", true, "REQUIRED: number of records to produce"},
      {"--throughput", true, "REQUIRED: maximum records/s (-1: no limit)"},
      {"--record-size", true, "bytes per record (exactly one of this, --payload-file, --payload-monotonic)"},
      {"--payload-file", true, "records' values: the file's lines (with --payload-delimiter), picked at random"},
      {"--payload-monotonic", false, "record i's value is i as decimal text (0, 1, 2, ...)"},
      {"--payload-delimiter", true, "delimiter of --payload-file (default \\n)"},
      {"--producer-props", true,
       "k=v producer properties: bootstrap.servers, acks, batch.size, compression.type, transactional.id, "
       "transaction.timeout.ms"},
      {"--producer.config", true, "FILE: producer properties (and security.protocol, ssl.*, sasl.*)"},
      {"--bootstrap-server", true, "host:port[,host:port] (instead of bootstrap.servers in --producer-props)"},
      kCommandConfigOption,
      {"--print-metrics", false, "accepted; partita's client has no metrics to print"},
      {"--transactional-id", true,
       "ID: produce in transactions with this id (wins over transactional.id in the producer properties; with "
       "only --transaction-duration-ms: performance-producer-<random UUID>)"},
      {"--transaction-duration-ms", true,
       "MS: commit each transaction once it is this old (> 0; default 3000 when transactions are on)"},
  };
  return specs;
}

// Kafka's ThroughputThrottler: sleep whenever more records have been sent than the rate allows so far.
class Throttler {
 public:
  Throttler(double per_sec, int64_t start_ms) : per_sec_(per_sec), start_ms_(start_ms) {}
  void Wait(int64_t sent) const {
    if (per_sec_ <= 0) return;
    const double due_ms = static_cast<double>(sent) * 1000.0 / per_sec_;
    const double ahead_ms = due_ms - static_cast<double>(MonotonicMs() - start_ms_);
    if (ahead_ms > 1) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int64_t>(ahead_ms * 1000)));
  }

 private:
  double per_sec_;
  int64_t start_ms_;
};

}  // namespace

int RunProducerPerfTest(const std::vector<std::string>& raw_args) {
  // Kafka's --producer-props takes several values (--producer-props acks=all linger.ms=5): each word up to the
  // next option becomes its own --producer-props.
  std::vector<std::string> args;
  bool in_props = false;
  for (const auto& arg : raw_args) {
    if (arg.starts_with("--")) {
      in_props = arg == "--producer-props";
      args.push_back(arg);
      continue;
    }
    if (in_props && !args.empty() && args.back() != "--producer-props") args.push_back("--producer-props");
    args.push_back(arg);
  }
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli producer-perf-test --topic T --num-records N --throughput R "
                          "(--record-size B | --payload-file F | --payload-monotonic) (--producer-props bootstrap.servers=H:P [k=v...] | "
                          "--bootstrap-server H:P)",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto topic = a.Get("--topic");
  auto num = a.Get("--num-records");
  auto rate = a.Get("--throughput");
  if (!topic || !num || !rate) return ReportUsage(kVerb, "--topic, --num-records and --throughput are required");
  auto num_records = ParseInt64(*num, "--num-records");
  if (!num_records.ok() || *num_records <= 0) return ReportUsage(kVerb, "--num-records must be a positive integer");
  auto throughput = ParseInt64(*rate, "--throughput");
  if (!throughput.ok()) return ReportUsage(kVerb, throughput.status().message());
  const int payload_sources = int{a.Has("--record-size")} + int{a.Has("--payload-file")} + int{a.Has("--payload-monotonic")};
  if (payload_sources != 1) {
    return ReportUsage(kVerb, "exactly one of --record-size, --payload-file or --payload-monotonic must be specified");
  }

  // Properties: --producer.config, then --producer-props (which win, as in Kafka).
  std::map<std::string, std::string> props;
  if (auto file = a.Get("--producer.config")) {
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError(kVerb, "--producer.config: " + text.status().message());
    auto p = broker::ParseProperties(*text);
    if (!p.ok()) return ReportError(kVerb, *file + ": " + p.status().message());
    props = *p;
  }
  for (const auto& list : a.GetAll("--producer-props")) {
    for (const auto& item : SplitList(list)) {
      auto kv = ParseKeyValue(item, "--producer-props");
      if (!kv.ok()) return ReportUsage(kVerb, kv.status().message());
      props[kv->first] = kv->second;
    }
  }
  std::string bootstrap = a.Get("--bootstrap-server").value_or(props.count("bootstrap.servers") ? props["bootstrap.servers"] : "");
  if (bootstrap.empty()) {
    return ReportUsage(kVerb, "bootstrap.servers must be given in --producer-props or --producer.config, or "
                              "--bootstrap-server");
  }
  int16_t acks = -1;  // the producer's default since Kafka 3.0 (KIP-679)
  if (auto it = props.find("acks"); it != props.end()) {
    if (it->second == "all" || it->second == "-1") acks = -1;
    else if (it->second == "1") acks = 1;
    else if (it->second == "0") acks = 0;
    else return ReportUsage(kVerb, "acks must be all, -1, 0 or 1, not '" + it->second + "'");
  }
  int64_t batch_bytes = 16384;
  if (auto it = props.find("batch.size"); it != props.end()) {
    auto v = ParseInt64(it->second, "batch.size");
    if (!v.ok() || *v < 0) return ReportUsage(kVerb, "batch.size must be a non-negative integer");
    batch_bytes = std::max<int64_t>(*v, 1);
  }
  protocol::Compression compression = protocol::Compression::kNone;
  if (auto it = props.find("compression.type"); it != props.end()) {
    if (it->second != "none" && !protocol::ParseCompression(it->second, &compression)) {
      return ReportUsage(kVerb, "compression.type must be none, gzip, snappy, lz4 or zstd");
    }
  }
  // Transactions as Kafka's ProducerPerformance enables them (3.8).
  std::optional<std::string> transactional_id = a.Get("--transactional-id");
  if (!transactional_id && props.count("transactional.id")) transactional_id = props["transactional.id"];
  if (!transactional_id && a.Has("--transaction-duration-ms")) {
    transactional_id = "performance-producer-" + coordination::GenerateUuid();
  }
  int64_t transaction_duration_ms = 3000;
  if (auto d = a.Get("--transaction-duration-ms")) {
    auto v = ParseInt64(*d, "--transaction-duration-ms");
    if (!v.ok()) return ReportUsage(kVerb, v.status().message());
    if (*v <= 0) return ReportUsage(kVerb, "--transaction-duration-ms should > 0");  // Kafka's words
    transaction_duration_ms = *v;
  }
  int32_t transaction_timeout_ms = 60000;  // the producer's transaction.timeout.ms default
  if (auto it = props.find("transaction.timeout.ms"); it != props.end()) {
    auto v = ParseInt32(it->second, "transaction.timeout.ms");
    if (!v.ok() || *v <= 0) return ReportUsage(kVerb, "transaction.timeout.ms must be a positive integer");
    transaction_timeout_ms = *v;
  }
  if (transactional_id) {
    // ProducerConfig's checks: a transactional producer is idempotent, and idempotence needs acks=all.
    if (auto it = props.find("enable.idempotence"); it != props.end() && it->second == "false") {
      return ReportUsage(kVerb, "Cannot set a transactional.id without also enabling idempotence.");
    }
    if (acks != -1) {
      return ReportUsage(kVerb, "Must set acks to all in order to use the idempotent producer. Otherwise we cannot "
                                "guarantee idempotence. (transactional id '" + *transactional_id + "')");
    }
  }
  for (const auto& [k, v] : props) {
    static const std::set<std::string> kUsed{"bootstrap.servers", "acks",           "batch.size",
                                             "compression.type",  "security.protocol", "transactional.id",
                                             "transaction.timeout.ms", "enable.idempotence"};
    if (!kUsed.count(k) && !k.starts_with("ssl.") && !k.starts_with("sasl.")) {
      std::fprintf(stderr, "%s: producer property %s is not used by partita's client\n", kVerb, k.c_str());
    }
  }

  // Payloads: random upper-case letters of --record-size (as Kafka), the lines of --payload-file, or (made per
  // record below) the record's number for --payload-monotonic.
  const bool monotonic = a.Has("--payload-monotonic");
  std::vector<std::string> payloads;
  std::mt19937_64 rng(42);
  if (auto size = a.Get("--record-size")) {
    auto n = ParseInt32(*size, "--record-size");
    if (!n.ok() || *n < 0) return ReportUsage(kVerb, "--record-size must be a non-negative integer");
    std::string p(static_cast<size_t>(*n), 'A');
    for (auto& ch : p) ch = static_cast<char>('A' + rng() % 26);
    payloads.push_back(std::move(p));
  } else if (!monotonic) {
    auto text = ReadTextFile(*a.Get("--payload-file"));
    if (!text.ok()) return ReportError(kVerb, "--payload-file: " + text.status().message());
    const std::string delimiter = a.Get("--payload-delimiter").value_or("\n");
    if (delimiter.empty()) return ReportUsage(kVerb, "--payload-delimiter must not be empty");
    size_t start = 0;
    while (start < text->size()) {
      size_t end = text->find(delimiter, start);
      if (end == std::string::npos) end = text->size();
      if (end > start) payloads.push_back(text->substr(start, end - start));
      start = end + delimiter.size();
    }
    if (payloads.empty()) return ReportError(kVerb, "--payload-file holds no payloads");
    std::printf("Reading payloads from: %s\nNumber of messages read: %zu\n", a.Get("--payload-file")->c_str(),
                payloads.size());
  }

  auto c = ConnectOrReport(kVerb, bootstrap, a.Get("--command-config").has_value() ? a.Get("--command-config")
                                                                                     : a.Get("--producer.config"));
  if (!c) return 1;
  auto partitions = c->ListTopicOffsets(*topic, client::kLatestTimestamp);
  if (!partitions.ok()) return ReportError(kVerb, partitions.status().message());
  if (partitions->empty()) return ReportError(kVerb, "topic " + *topic + " has no partitions");
  std::optional<client::TransactionalProducer> txn;
  if (transactional_id) {
    auto p = client::TransactionalProducer::Create(
        c.get(), {.transactional_id = *transactional_id, .transaction_timeout_ms = transaction_timeout_ms,
                  .compression = compression});
    if (!p.ok()) return ReportUsage(kVerb, p.status().message());
    txn.emplace(std::move(*p));
    if (Status st = txn->InitTransactions(); !st.ok()) return ReportError(kVerb, st.message());
  }

  PerfStats stats(*num_records, MonotonicMs());
  const int64_t start_ms = MonotonicMs();
  Throttler throttler(static_cast<double>(*throughput), start_ms);
  size_t next_partition = 0;
  int64_t created = 0;
  std::vector<client::ProduceRecord> batch;
  std::vector<int64_t> created_ms;
  int64_t batch_size = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    const TopicPartition tp{*topic, (*partitions)[next_partition].tp.partition};
    next_partition = (next_partition + 1) % partitions->size();
    auto r = txn ? txn->Send(tp, batch) : c->Produce(tp, batch, acks, compression);
    if (!r.ok()) return r.status();
    const int64_t now = MonotonicMs();
    for (size_t i = 0; i < batch.size(); ++i) {
      stats.Record(now - created_ms[i], static_cast<int64_t>(batch[i].value->size()), now);
    }
    batch.clear();
    created_ms.clear();
    batch_size = 0;
    return Status::Ok();
  };
  int64_t transaction_size = 0;  // records sent in the open transaction
  int64_t transaction_start_ms = 0;
  const auto fail = [&](const Status& st) {
    std::fputs(stats.Total().c_str(), stdout);
    return ReportError(kVerb, st.message());
  };
  for (int64_t i = 0; i < *num_records; ++i) {
    throttler.Wait(created);
    if (txn && transaction_size == 0) {
      if (Status st = txn->BeginTransaction(); !st.ok()) return fail(st);
      transaction_start_ms = MonotonicMs();
    }
    client::ProduceRecord r;
    if (monotonic) r.value = std::to_string(i);
    else r.value = payloads.size() == 1 ? payloads[0] : payloads[rng() % payloads.size()];
    batch_size += static_cast<int64_t>(r.value->size());
    batch.push_back(std::move(r));
    created_ms.push_back(MonotonicMs());
    ++created;
    // A batch goes when it is full, or when the throttle would make its records wait (Kafka's linger.ms=0).
    const bool throttled_wait = *throughput > 0 &&
                                static_cast<double>(created) * 1000.0 / static_cast<double>(*throughput) >
                                    static_cast<double>(MonotonicMs() - start_ms + 1);
    if (batch_size >= batch_bytes || throttled_wait || i + 1 == *num_records) {
      if (Status st = flush(); !st.ok()) return fail(st);
    }
    // Kafka commits after the send that finds the transaction at least --transaction-duration-ms old; its
    // records still waiting in the batch go first.
    ++transaction_size;
    if (txn && transaction_duration_ms <= MonotonicMs() - transaction_start_ms) {
      if (Status st = flush(); !st.ok()) return fail(st);
      if (Status st = txn->CommitTransaction(); !st.ok()) return fail(st);
      transaction_size = 0;
    }
  }
  if (txn && transaction_size != 0) {
    if (Status st = txn->CommitTransaction(); !st.ok()) return fail(st);
  }
  std::fputs(stats.Total().c_str(), stdout);
  return 0;
}

}  // namespace partita::cli
