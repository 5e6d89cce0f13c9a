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
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/common/clock.h"
#include "engine/protocol/messages/describe_producers.h"
#include "engine/protocol/messages/describe_transactions.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/list_transactions.h"
#include "engine/protocol/messages/write_txn_markers.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "transactions";
using protocol::ErrorCode;
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
      {"--version", false, "print the version and exit"},
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

Result<int32_t> LeaderOf(client::ClusterClient& c, const std::string& topic, int32_t partition) {
  auto md = c.RefreshMetadata();
  if (!md.ok()) return md.status();
  const client::TopicInfo* t = md->FindTopic(topic);
  if (t) {
    for (const auto& p : t->partitions) {
      if (p.partition == partition && p.leader >= 0) return p.leader;
    }
  }
  return Status::NotFound("no leader for " + topic + "-" + std::to_string(partition));
}

Result<protocol::DescribeProducersResponse::PartitionResponse> DescribeProducers(client::ClusterClient& c, int32_t broker,
                                                                                  const std::string& topic,
                                                                                  int32_t partition) {
  protocol::DescribeProducersRequest req;
  req.topics.push_back({topic, {partition}});
  auto resp = c.SendToBroker<protocol::DescribeProducersRequest, protocol::DescribeProducersResponse>(broker, req);
  if (!resp.ok()) return resp.status();
  if (resp->topics.empty() || resp->topics[0].partitions.empty()) return Status::Corruption("empty answer");
  auto& p = resp->topics[0].partitions[0];
  if (p.error_code != 0) {
    return Status::InvalidArgument(topic + "-" + std::to_string(partition) + ": " +
                                   protocol::ErrorCodeName(static_cast<ErrorCode>(p.error_code)));
  }
  return p;
}

Result<int32_t> TxnCoordinator(client::ClusterClient& c, const std::string& id) {
  protocol::FindCoordinatorRequest req;
  req.key = id;
  req.key_type = 1;
  for (int attempt = 0;; ++attempt) {
    auto resp = c.SendToAny<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse>(req, 3);
    if (!resp.ok()) return resp.status();
    const auto e = static_cast<ErrorCode>(resp->error_code);
    if (e == ErrorCode::kNone) return resp->node_id;
    // The transaction state topic may be created by this very request.
    if (e != ErrorCode::kCoordinatorNotAvailable || attempt >= 20) {
      return Status::Unavailable(std::string("FindCoordinator: ") + protocol::ErrorCodeName(e));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

int List(client::ClusterClient& c) {
  auto md = c.RefreshMetadata();
  if (!md.ok()) return ReportError(kVerb, md.status().message());
  std::vector<Row> rows;
  for (const auto& b : md->brokers) {
    protocol::ListTransactionsRequest req;
    auto resp = c.SendToBroker<protocol::ListTransactionsRequest, protocol::ListTransactionsResponse>(b.id, req);
    if (!resp.ok()) return ReportError(kVerb, "broker " + std::to_string(b.id) + ": " + resp.status().message());
    if (resp->error_code != 0) {
      return ReportError(kVerb, "broker " + std::to_string(b.id) + ": " +
                                    protocol::ErrorCodeName(static_cast<ErrorCode>(resp->error_code)));
    }
    for (const auto& t : resp->transaction_states) {
      rows.push_back({t.transactional_id, std::to_string(b.id), std::to_string(t.producer_id), t.transaction_state});
    }
  }
  PrintTable({"TransactionalId", "Coordinator", "ProducerId", "TransactionState"}, rows);
  return 0;
}

int Describe(client::ClusterClient& c, const std::string& id) {
  auto coordinator = TxnCoordinator(c, id);
  if (!coordinator.ok()) return ReportError(kVerb, coordinator.status().message());
  protocol::DescribeTransactionsRequest req;
  req.transactional_ids = {id};
  auto resp =
      c.SendToBroker<protocol::DescribeTransactionsRequest, protocol::DescribeTransactionsResponse>(*coordinator, req);
  if (!resp.ok()) return ReportError(kVerb, resp.status().message());
  if (resp->transaction_states.empty()) return ReportError(kVerb, "empty DescribeTransactions answer");
  const auto& t = resp->transaction_states[0];
  if (t.error_code != 0) {
    return ReportError(kVerb, "transactional id " + id + ": " +
                                  protocol::ErrorCodeName(static_cast<ErrorCode>(t.error_code)));
  }
  std::string partitions;
  for (const auto& topic : t.topics) {
    for (int32_t p : topic.partitions) partitions += (partitions.empty() ? "" : ",") + topic.topic + "-" + std::to_string(p);
  }
  const int64_t duration = t.transaction_start_time_ms >= 0 ? WallClockMs() - t.transaction_start_time_ms : -1;
  PrintTable({"CoordinatorId", "TransactionalId", "ProducerId", "ProducerEpoch", "TransactionState",
              "TransactionTimeoutMs", "CurrentTransactionStartTimeMs", "TransactionDurationMs", "TopicPartitions"},
             {{std::to_string(*coordinator), t.transactional_id, std::to_string(t.producer_id),
               std::to_string(t.producer_epoch), t.transaction_state, std::to_string(t.transaction_timeout_ms),
               OrNone(t.transaction_start_time_ms), OrNone(duration), partitions}});
  return 0;
}

int DescribeProducersVerb(client::ClusterClient& c, const std::string& topic, int32_t partition,
                          std::optional<int32_t> broker) {
  if (!broker) {
    auto leader = LeaderOf(c, topic, partition);
    if (!leader.ok()) return ReportError(kVerb, leader.status().message());
    broker = *leader;
  }
  auto p = DescribeProducers(c, *broker, topic, partition);
  if (!p.ok()) return ReportError(kVerb, p.status().message());
  std::vector<Row> rows;
  for (const auto& s : p->active_producers) {
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

int Abort(client::ClusterClient& c, const ParsedArgs& a, const std::string& topic, int32_t partition) {
  auto leader = LeaderOf(c, topic, partition);
  if (!leader.ok()) return ReportError(kVerb, leader.status().message());
  int64_t producer_id = -1;
  int32_t producer_epoch = -1, coordinator_epoch = 0;
  if (auto start = a.Get("--start-offset")) {
    auto offset = ParseInt64(*start, "--start-offset");
    if (!offset.ok()) return ReportUsage(kVerb, offset.status().message());
    auto p = DescribeProducers(c, *leader, topic, partition);
    if (!p.ok()) return ReportError(kVerb, p.status().message());
    for (const auto& s : p->active_producers) {
      if (s.current_txn_start_offset == *offset) {
        producer_id = s.producer_id;
        producer_epoch = s.producer_epoch;
        coordinator_epoch = std::max(0, s.coordinator_epoch);
      }
    }
    if (producer_id < 0) {
      return ReportError(kVerb, "Could not find any open transactions starting at offset " + *start + " on partition " +
                                    topic + "-" + std::to_string(partition));
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
  protocol::WriteTxnMarkersRequest req;
  auto& m = req.markers.emplace_back();
  m.producer_id = producer_id;
  m.producer_epoch = static_cast<int16_t>(producer_epoch);
  m.transaction_result = false;
  m.coordinator_epoch = coordinator_epoch;
  m.topics.push_back({topic, {partition}});
  auto resp = c.SendToBroker<protocol::WriteTxnMarkersRequest, protocol::WriteTxnMarkersResponse>(*leader, req);
  if (!resp.ok()) return ReportError(kVerb, resp.status().message());
  for (const auto& mr : resp->markers)
    for (const auto& t : mr.topics)
      for (const auto& p : t.partitions)
        if (p.error_code != 0) {
          return ReportError(kVerb, "abort on " + t.name + "-" + std::to_string(p.partition_index) + ": " +
                                        protocol::ErrorCodeName(static_cast<ErrorCode>(p.error_code)));
        }
  return 0;
}

int FindHanging(client::ClusterClient& c, const ParsedArgs& a) {
  int64_t max_minutes = 15;
  if (auto m = a.Get("--max-transaction-timeout")) {
    auto parsed = ParseInt64(*m, "--max-transaction-timeout");
    if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
    max_minutes = *parsed;
  }
  auto md = c.RefreshMetadata();
  if (!md.ok()) return ReportError(kVerb, md.status().message());
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
  struct Suspect {
    std::string topic;
    int32_t partition;
    protocol::DescribeProducersResponse::ProducerState state;
  };
  std::vector<Suspect> suspects;
  const int64_t now = WallClockMs();
  for (const auto& t : md->topics) {
    if (topic && t.name != *topic) continue;
    for (const auto& p : t.partitions) {
      if (only_partition && p.partition != *only_partition) continue;
      if (p.leader < 0 || (broker && p.leader != *broker)) continue;
      auto d = DescribeProducers(c, p.leader, t.name, p.partition);
      if (!d.ok()) return ReportError(kVerb, d.status().message());
      for (const auto& s : d->active_producers) {
        if (s.current_txn_start_offset >= 0 && now - s.last_timestamp > max_minutes * 60000) {
          suspects.push_back({t.name, p.partition, s});
        }
      }
    }
  }
  // A suspect is hanging unless some coordinator has its producer's transaction ongoing with this partition.
  std::set<std::pair<int64_t, std::string>> ongoing;  // (producer id, "topic-partition")
  if (!suspects.empty()) {
    protocol::ListTransactionsRequest list;
    for (const auto& s : suspects) list.producer_id_filters.push_back(s.state.producer_id);
    for (const auto& b : md->brokers) {
      auto resp = c.SendToBroker<protocol::ListTransactionsRequest, protocol::ListTransactionsResponse>(b.id, list);
      if (!resp.ok()) return ReportError(kVerb, resp.status().message());
      protocol::DescribeTransactionsRequest describe;
      for (const auto& t : resp->transaction_states) describe.transactional_ids.push_back(t.transactional_id);
      if (describe.transactional_ids.empty()) continue;
      auto d = c.SendToBroker<protocol::DescribeTransactionsRequest, protocol::DescribeTransactionsResponse>(b.id,
                                                                                                         describe);
      if (!d.ok()) return ReportError(kVerb, d.status().message());
      for (const auto& t : d->transaction_states) {
        if (t.error_code != 0 || t.transaction_state != "Ongoing") continue;
        for (const auto& tp : t.topics)
          for (int32_t p : tp.partitions) ongoing.insert({t.producer_id, tp.topic + "-" + std::to_string(p)});
      }
    }
  }
  std::vector<Row> rows;
  for (const auto& s : suspects) {
    if (ongoing.count({s.state.producer_id, s.topic + "-" + std::to_string(s.partition)})) continue;
    rows.push_back({s.topic, std::to_string(s.partition), std::to_string(s.state.producer_id),
                    std::to_string(s.state.producer_epoch), std::to_string(s.state.coordinator_epoch),
                    std::to_string(s.state.current_txn_start_offset), std::to_string(s.state.last_timestamp),
                    std::to_string((now - s.state.last_timestamp) / 60000)});
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
  if (a.Has("--version")) return PrintVersion();
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
    return DescribeProducersVerb(*c, *a.Get("--topic"), *partition, broker);
  }
  if (*verb == "abort") return Abort(*c, a, *a.Get("--topic"), *partition);
  return FindHanging(*c, a);
}

}  // namespace partita::cli
