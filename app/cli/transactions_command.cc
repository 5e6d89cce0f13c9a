// partita-cli transactions: kafka-transactions.sh's verbs (KIP-664), printed as Kafka's TransactionsCommand does
// (tab-separated columns padded to their widest cell):
//   list                 every transactional id each broker coordinates (ListTransactions on every broker)
//   describe             one transactional id (FindCoordinator key_type=1, DescribeTransactions)
//   describe-producers   the producer states of a partition (DescribeProducers to its leader or --broker-id)
//   abort                writes an ABORT marker for a hanging transaction (WriteTxnMarkers to the leader), by
//                        --start-offset (looked up with DescribeProducers) or --producer-id/--producer-epoch/
//                        --coordinator-epoch
//   find-hanging         open transactions older than --max-transaction-timeout minutes on a broker's partitions
//                        (or one topic/partition) that no coordinator has as ongoing with that partition
#include <algorithm>
#include <cstdio>
#include <set>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/common/clock.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "transactions";
using Row = std::vector<std::string>;

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--transactional-id", true, "ID: describe: the transactional id"},
      {"--topic", true, "TOPIC: describe-producers, abort, find-hanging: the topic"},
      {"--partition", true, "N: describe-producers, abort, find-hanging: the partition"},
      {"--broker-id", true, "ID: describe-producers: ask this replica; find-hanging: this broker's partitions"},
      {"--start-offset", true, "OFFSET: abort: the first offset of the hanging transaction"},
      {"--producer-id", true, "ID: abort: the producer of the transaction"},
      {"--producer-epoch", true, "EPOCH: abort: its epoch"},
      {"--coordinator-epoch", true, "EPOCH: abort: its coordinator epoch"},
      {"--max-transaction-timeout", true, "MINUTES: find-hanging: older open transactions are suspects (15)"},
  };
  return specs;
}

const std::set<std::string> kVerbs = {"list", "describe", "describe-producers", "abort", "find-hanging"};

void PrintTable(const Row& headers, const std::vector<Row>& rows) {
  std::vector<size_t> widths(headers.size());
  for (size_t i = 0; i < headers.size(); ++i) widths[i] = headers[i].size();
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], r[i].size());
  auto print = [&](const Row& r) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      std::string cell = r[i];
      if (i + 1 < r.size()) cell.resize(widths[i], ' ');
      line += (i ? "\t" : "") + cell;
    }
    std::printf("%s\n", line.c_str());
  };
  print(headers);
  for (const auto& r : rows) print(r);
}

std::string OrNone(int64_t v) { return v < 0 ? "None" : std::to_string(v); }

int List(client::ClusterClient& c) {
  auto listed = c.ListTransactions();
  if (!listed.ok()) return ReportError(kVerb, listed.status().message());
  std::vector<Row> rows;
  for (const auto& t : *listed) {
    rows.push_back({t.transactional_id, std::to_string(t.coordinator), std::to_string(t.producer_id), t.state});
  }
  PrintTable({"TransactionalId", "Coordinator", "ProducerId", "TransactionState"}, rows);
  return 0;
}

int Describe(client::ClusterClient& c, const std::string& id) {
  auto t = c.DescribeTransaction(id);
  if (!t.ok()) return ReportError(kVerb, t.status().message());
  std::string partitions;
  for (const auto& tp : t->partitions) partitions += (partitions.empty() ? "" : ",") + tp.DirName();
  const int64_t duration = t->start_time_ms >= 0 ? WallClockMs() - t->start_time_ms : -1;
  PrintTable({"CoordinatorId", "TransactionalId", "ProducerId", "ProducerEpoch", "TransactionState",
              "TransactionTimeoutMs", "CurrentTransactionStartTimeMs", "TransactionDurationMs", "TopicPartitions"},
             {{std::to_string(t->coordinator), t->transactional_id, std::to_string(t->producer_id),
               std::to_string(t->producer_epoch), t->state, std::to_string(t->timeout_ms), OrNone(t->start_time_ms),
               OrNone(duration), partitions}});
  return 0;
}

int DescribeProducersVerb(client::ClusterClient& c, const TopicPartition& tp, std::optional<int32_t> broker) {
  auto producers = c.DescribeProducers(tp, broker);
  if (!producers.ok()) return ReportError(kVerb, producers.status().message());
  std::vector<Row> rows;
  for (const auto& s : *producers) {
    rows.push_back({std::to_string(s.producer_id), std::to_string(s.producer_epoch),
                    s.coordinator_epoch < 0 ? "None" : std::to_string(s.coordinator_epoch),
                    std::to_string(s.last_sequence), std::to_string(s.last_timestamp),
                    OrNone(s.current_txn_start_offset)});
  }
  PrintTable({"ProducerId", "ProducerEpoch", "LatestCoordinatorEpoch", "LastSequence", "LastTimestamp",
              "CurrentTransactionStartOffset"},
             rows);
  return 0;
}

int Abort(client::ClusterClient& c, const ParsedArgs& a, const TopicPartition& tp) {
  int64_t producer_id = -1;
  int32_t producer_epoch = -1, coordinator_epoch = 0;
  if (auto start = a.Get("--start-offset")) {
    auto offset = ParseInt64(*start, "--start-offset");
    if (!offset.ok()) return ReportUsage(kVerb, offset.status().message());
    auto producers = c.DescribeProducers(tp);
    if (!producers.ok()) return ReportError(kVerb, producers.status().message());
    for (const auto& s : *producers) {
      if (s.current_txn_start_offset == *offset) {
        producer_id = s.producer_id;
        producer_epoch = s.producer_epoch;
        coordinator_epoch = std::max(0, s.coordinator_epoch);
      }
    }
    if (producer_id < 0) {
      return ReportError(kVerb, "Could not find any open transactions starting at offset " + *start + " on partition " +
                                    tp.DirName());
    }
  } else {
    auto pid = a.Get("--producer-id"), epoch = a.Get("--producer-epoch"), ce = a.Get("--coordinator-epoch");
    if (!pid || !epoch || !ce) {
      return ReportUsage(kVerb, "abort needs --start-offset, or --producer-id, --producer-epoch and --coordinator-epoch");
    }
    auto parsed_pid = ParseInt64(*pid, "--producer-id");
    auto parsed_epoch = ParseInt32(*epoch, "--producer-epoch");
    auto parsed_ce = ParseInt32(*ce, "--coordinator-epoch");
    if (!parsed_pid.ok()) return ReportUsage(kVerb, parsed_pid.status().message());
    if (!parsed_epoch.ok()) return ReportUsage(kVerb, parsed_epoch.status().message());
    if (!parsed_ce.ok()) return ReportUsage(kVerb, parsed_ce.status().message());
    producer_id = *parsed_pid;
    producer_epoch = *parsed_epoch;
    coordinator_epoch = *parsed_ce;
  }
  Status aborted = c.AbortTransaction(tp, producer_id, static_cast<int16_t>(producer_epoch), coordinator_epoch);
  return aborted.ok() ? 0 : ReportError(kVerb, aborted.message());
}

int FindHanging(client::ClusterClient& c, const ParsedArgs& a) {
  int64_t max_minutes = 15;
  if (auto m = a.Get("--max-transaction-timeout")) {
    auto parsed = ParseInt64(*m, "--max-transaction-timeout");
    if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
    max_minutes = *parsed;
  }
  std::optional<int32_t> broker;
  if (auto b = a.Get("--broker-id")) {
    auto parsed = ParseInt32(*b, "--broker-id");
    if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
    broker = *parsed;
  }
  auto topic = a.Get("--topic");
  if (!broker && !topic) return ReportUsage(kVerb, "find-hanging needs --broker-id or --topic");
  std::optional<int32_t> only_partition;
  if (auto p = a.Get("--partition")) {
    auto parsed = ParseInt32(*p, "--partition");
    if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
    only_partition = *parsed;
  }
  auto md = c.RefreshMetadata();
  if (!md.ok()) return ReportError(kVerb, md.status().message());
  std::vector<TopicPartition> scope;
  for (const auto& t : md->topics) {
    if (topic && t.name != *topic) continue;
    for (const auto& p : t.partitions) {
      if (only_partition && p.partition != *only_partition) continue;
      if (p.leader < 0 || (broker && p.leader != *broker)) continue;
      scope.push_back({t.name, PartitionId(p.partition)});
    }
  }
  if (scope.empty()) return ReportError(kVerb, "no led partition matches");
  auto hanging = c.FindHangingTransactions(scope, max_minutes * 60000);
  if (!hanging.ok()) return ReportError(kVerb, hanging.status().message());
  const int64_t now = WallClockMs();
  std::vector<Row> rows;
  for (const auto& h : *hanging) {
    const auto& s = h.producer;
    rows.push_back({h.tp.topic, std::to_string(h.tp.partition.value), std::to_string(s.producer_id),
                    std::to_string(s.producer_epoch), std::to_string(s.coordinator_epoch),
                    std::to_string(s.current_txn_start_offset), std::to_string(s.last_timestamp),
                    std::to_string((now - s.last_timestamp) / 60000)});
  }
  PrintTable({"Topic", "Partition", "ProducerId", "ProducerEpoch", "CoordinatorEpoch", "StartOffset", "LastTimestamp",
              "Duration(min)"},
             rows);
  return 0;
}

}  // namespace

int RunTransactions(const std::vector<std::string>& args) {
  // kafka-transactions.sh [global options] <verb> [verb options]: the verb is the one positional word.
  std::vector<std::string> rest;
  std::optional<std::string> verb;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (!verb && token.rfind("--", 0) != 0 && kVerbs.count(token)) {
      verb = token;
      continue;
    }
    rest.push_back(token);
    const bool takes_value = std::any_of(Specs().begin(), Specs().end(), [&](const OptionSpec& s) {
      return s.name == token && s.takes_value;
    });
    if (takes_value && i + 1 < args.size()) rest.push_back(args[++i]);
  }
  auto parsed = ParseArgs(rest, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli transactions --bootstrap-server H:P "
                          "list | describe --transactional-id ID | "
                          "describe-producers --topic T --partition N [--broker-id B] | "
                          "abort --topic T --partition N (--start-offset O | --producer-id P --producer-epoch E "
                          "--coordinator-epoch C) | find-hanging (--broker-id B | --topic T [--partition N]) "
                          "[--max-transaction-timeout MIN]",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  if (!verb) return ReportUsage(kVerb, "a verb is required: list, describe, describe-producers, abort, find-hanging");
  std::optional<int32_t> partition;
  if (auto p = a.Get("--partition")) {
    auto parsed_p = ParseInt32(*p, "--partition");
    if (!parsed_p.ok()) return ReportUsage(kVerb, parsed_p.status().message());
    partition = *parsed_p;
  }
  const bool needs_partition = *verb == "describe-producers" || *verb == "abort";
  if (needs_partition && (!a.Get("--topic") || !partition)) {
    return ReportUsage(kVerb, *verb + " needs --topic and --partition");
  }
  if (*verb == "describe" && !a.Get("--transactional-id")) return ReportUsage(kVerb, "describe needs --transactional-id");
  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  if (*verb == "list") return List(*c);
  if (*verb == "describe") return Describe(*c, *a.Get("--transactional-id"));
  if (*verb == "describe-producers") {
    std::optional<int32_t> broker;
    if (auto b = a.Get("--broker-id")) {
      auto parsed_b = ParseInt32(*b, "--broker-id");
      if (!parsed_b.ok()) return ReportUsage(kVerb, parsed_b.status().message());
      broker = *parsed_b;
    }
    return DescribeProducersVerb(*c, {*a.Get("--topic"), PartitionId(*partition)}, broker);
  }
  if (*verb == "abort") return Abort(*c, a, {*a.Get("--topic"), PartitionId(*partition)});
  return FindHanging(*c, a);
}

}  // namespace partita::cli
