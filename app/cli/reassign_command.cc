// partita-cli reassign-partitions: kafka-reassign-partitions.sh (--generate, --execute, --verify, --cancel) with
// Kafka's JSON files. --execute prints the current assignment first, to save for a rollback, as Kafka does.
// --execute --throttle B/s sets Kafka's replication throttles before starting (the rates on every broker involved,
// the throttled replica lists on the moved topics); --verify removes them once every reassignment is done.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

namespace {

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--generate", false, "propose an assignment of --topics-to-move-json-file over --broker-list"},
      {"--execute", false, "start the reassignment in --reassignment-json-file"},
      {"--verify", false, "report the progress of --reassignment-json-file"},
      {"--cancel", false, "cancel the reassignments of --reassignment-json-file"},
      {"--topics-to-move-json-file", true, "{\"version\":1,\"topics\":[{\"topic\":\"foo\"}]}"},
      {"--broker-list", true, "brokers to place replicas on, e.g. 1,2,3"},
      {"--reassignment-json-file", true, "{\"version\":1,\"partitions\":[{\"topic\":..,\"partition\":..,\"replicas\":[..]}]}"},
      {"--throttle", true, "with --execute: replication between brokers is limited to this many bytes/s while moving"},
      {"--preserve-throttles", false, "with --verify or --cancel: leave the throttles in place"},
      {"--list", false, "list the reassignments in progress in the cluster"},
      {"--additional", false, "with --execute: start the moves even while other reassignments are in progress"},
      {"--disable-rack-aware", false, "with --generate: ignore the brokers' racks"},
      {"--timeout", true, "with --execute: ms to wait for the controller to start the moves (default 10000)"},
  };
  return specs;
}

std::string JoinPartitions(const std::vector<client::Reassignment>& rs) {
  std::string out;
  for (const auto& r : rs) {
    if (!out.empty()) out += ',';
    out += r.tp.DirName();
  }
  return out;
}

using CurrentReplicas = std::map<std::pair<std::string, int32_t>, std::vector<int32_t>>;

const char* const kRateKeys[] = {"leader.replication.throttled.rate", "follower.replication.throttled.rate"};
const char* const kReplicaListKeys[] = {"leader.replication.throttled.replicas",
                                        "follower.replication.throttled.replicas"};

// Kafka's throttles for a move: on each topic the leader side throttles every current replica ("p:b" — any of
// them may lead while data is copied) and the follower side throttles the replicas being added; the rate is
// set on every broker that holds a current or a new replica.
int SetThrottles(client::ClusterClient& c, const std::vector<client::Reassignment>& plan,
                 const CurrentReplicas& current, int64_t rate) {
  const std::string verb = "reassign-partitions";
  std::map<std::string, std::pair<std::string, std::string>> lists;  // topic -> (leader, follower)
  std::set<int32_t> brokers;
  auto add = [](std::string& list, int32_t partition, int32_t broker) {
    if (!list.empty()) list.push_back(',');
    list.append(std::to_string(partition)).append(":").append(std::to_string(broker));
  };
  for (const auto& r : plan) {
    if (!r.replicas) continue;
    const auto& now = current.at({r.tp.topic, r.tp.partition.value});
    auto& [leader, follower] = lists[r.tp.topic];
    for (int32_t b : now) {
      add(leader, r.tp.partition.value, b);
      brokers.insert(b);
    }
    for (int32_t b : *r.replicas) {
      if (std::find(now.begin(), now.end(), b) == now.end()) add(follower, r.tp.partition.value, b);
      brokers.insert(b);
    }
  }
  for (const auto& [topic, l] : lists) {
    client::ConfigResource res{client::ConfigResourceType::kTopic, topic};
    Status st = c.IncrementalAlterConfigs(res, {{kReplicaListKeys[0], l.first, client::ConfigOp::Type::kSet},
                                                {kReplicaListKeys[1], l.second, client::ConfigOp::Type::kSet}});
    if (!st.ok()) return ReportError(verb, "setting the throttled replicas of topic " + topic + ": " + st.message());
  }
  for (int32_t b : brokers) {
    client::ConfigResource res{client::ConfigResourceType::kBroker, std::to_string(b)};
    Status st = c.IncrementalAlterConfigs(res, {{kRateKeys[0], std::to_string(rate), client::ConfigOp::Type::kSet},
                                                {kRateKeys[1], std::to_string(rate), client::ConfigOp::Type::kSet}});
    if (!st.ok()) {
      return ReportError(verb, "setting the throttle rate of broker " + std::to_string(b) + ": " + st.message());
    }
  }
  std::printf("Warning: You must run --verify periodically, until the reassignment completes, to ensure the "
              "throttle is removed.\nThe inter-broker throttle limit was set to %lld B/s\n",
              static_cast<long long>(rate));
  return 0;
}

// After the moves: the rates come off every broker of the cluster, the replica lists off the plan's topics.
int ClearThrottles(client::ClusterClient& c, const std::vector<client::Reassignment>& plan) {
  const std::string verb = "reassign-partitions";
  std::vector<int32_t> brokers;
  for (const auto& b : c.Metadata().brokers) brokers.push_back(b.id);
  for (int32_t b : brokers) {
    client::ConfigResource res{client::ConfigResourceType::kBroker, std::to_string(b)};
    Status st = c.IncrementalAlterConfigs(res, {{kRateKeys[0], std::nullopt, client::ConfigOp::Type::kDelete},
                                                {kRateKeys[1], std::nullopt, client::ConfigOp::Type::kDelete}});
    if (!st.ok()) {
      return ReportError(verb, "clearing the throttle of broker " + std::to_string(b) + ": " + st.message());
    }
  }
  std::printf("Clearing broker-level throttles on brokers %s\n", JoinIds(brokers).c_str());
  std::set<std::string> topics;
  for (const auto& r : plan) topics.insert(r.tp.topic);
  std::string names;
  for (const auto& t : topics) {
    client::ConfigResource res{client::ConfigResourceType::kTopic, t};
    Status st = c.IncrementalAlterConfigs(res, {{kReplicaListKeys[0], std::nullopt, client::ConfigOp::Type::kDelete},
                                                {kReplicaListKeys[1], std::nullopt, client::ConfigOp::Type::kDelete}});
    if (!st.ok()) return ReportError(verb, "clearing the throttled replicas of topic " + t + ": " + st.message());
    if (!names.empty()) names.push_back(',');
    names.append(t);
  }
  std::printf("Clearing topic-level throttles on topic(s) %s\n", names.c_str());
  return 0;
}

}  // namespace

int RunReassignPartitions(const std::vector<std::string>& args) {
  const std::string verb = "reassign-partitions";
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(verb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli reassign-partitions --bootstrap-server H:P (--generate "
                          "--topics-to-move-json-file F --broker-list 1,2,3 [--disable-rack-aware] | --execute [--throttle B] "
                          "[--additional] [--timeout MS] | --verify "
                          "[--preserve-throttles] | --cancel [--preserve-throttles]) --reassignment-json-file F | --list",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  const int actions =
      a.Has("--generate") + a.Has("--execute") + a.Has("--verify") + a.Has("--cancel") + a.Has("--list");
  if (actions != 1) return ReportUsage(verb, "exactly one of --generate, --execute, --verify, --cancel, --list");
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(verb, "--bootstrap-server is required");
  client::ClientOptions options;
  if (auto timeout = a.Get("--timeout")) {
    auto ms = ParseInt32(*timeout, "--timeout");
    if (!ms.ok() || *ms <= 0) return ReportUsage(verb, "--timeout takes a positive number of milliseconds");
    options.admin_timeout_ms = *ms;
    options.controller_retry_ms = *ms;
  }

  if (a.Has("--list")) {
    auto c = ConnectOrReport(verb, *bootstrap, a.Get("--command-config"), options);
    if (!c) return 1;
    auto ongoing = c->ListPartitionReassignments();
    if (!ongoing.ok()) return ReportError(verb, ongoing.status().message());
    std::fputs(FormatOngoingReassignments(*ongoing).c_str(), stdout);
    return 0;
  }
  std::optional<int64_t> throttle;
  if (auto t = a.Get("--throttle")) {
    if (!a.Has("--execute")) return ReportUsage(verb, "--throttle is only valid with --execute");
    auto parsed_rate = ParseInt64(*t, "--throttle");
    if (!parsed_rate.ok()) return ReportUsage(verb, parsed_rate.status().message());
    if (*parsed_rate < 0) return ReportUsage(verb, "--throttle must be at least 0 bytes/s");
    throttle = *parsed_rate;
  }

  if (a.Has("--generate")) {
    auto file = a.Get("--topics-to-move-json-file");
    auto list = a.Get("--broker-list");
    if (!file || !list) return ReportUsage(verb, "--generate needs --topics-to-move-json-file and --broker-list");
    auto brokers = ParseIntList(*list, "--broker-list");
    if (!brokers.ok()) return ReportUsage(verb, brokers.status().message());
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError(verb, text.status().message());
    auto names = ParseTopicsToMoveJson(*text);
    if (!names.ok()) return ReportError(verb, "'" + *file + "': " + names.status().message());
    auto c = ConnectOrReport(verb, *bootstrap, a.Get("--command-config"), options);
    if (!c) return 1;
    auto topics = c->DescribeTopics(*names);
    if (!topics.ok()) return ReportError(verb, topics.status().message());
    auto md = c->Metadata();
    std::map<int32_t, std::optional<std::string>> broker_racks;
    for (int32_t id : *brokers) {
      const client::BrokerInfo* b = md.FindBroker(id);
      if (b == nullptr) return ReportError(verb, "broker " + std::to_string(id) + " is not in the cluster");
      broker_racks[id] = b->rack;
    }
    auto proposal = GenerateAssignment(*topics, broker_racks, !a.Has("--disable-rack-aware"));
    if (!proposal.ok()) return ReportError(verb, proposal.status().message());
    std::printf("Current partition replica assignment\n%s\n\nProposed partition reassignment configuration\n%s\n",
                FormatReassignmentJson(CurrentAssignment(*topics)).c_str(), FormatReassignmentJson(*proposal).c_str());
    return 0;
  }

  auto file = a.Get("--reassignment-json-file");
  if (!file) return ReportUsage(verb, "--reassignment-json-file is required");
  auto text = ReadTextFile(*file);
  if (!text.ok()) return ReportError(verb, text.status().message());
  auto plan = ParseReassignmentJson(*text);
  if (!plan.ok()) return ReportError(verb, "'" + *file + "': " + plan.status().message());
  auto c = ConnectOrReport(verb, *bootstrap, a.Get("--command-config"), options);
  if (!c) return 1;
  std::vector<std::string> names;
  for (const auto& r : *plan) {
    if (std::find(names.begin(), names.end(), r.tp.topic) == names.end()) names.push_back(r.tp.topic);
  }
  auto topics = c->DescribeTopics(names);
  if (!topics.ok()) return ReportError(verb, topics.status().message());
  CurrentReplicas current;
  for (const auto& t : *topics) {
    for (const auto& p : t.partitions) current[{t.name, p.partition}] = p.replicas;
  }
  for (const auto& r : *plan) {
    if (!current.count({r.tp.topic, r.tp.partition.value})) {
      return ReportError(verb, "partition " + r.tp.DirName() + " does not exist");
    }
  }

  if (a.Has("--execute")) {
    std::vector<client::Reassignment> before;
    for (const auto& r : *plan) before.push_back({r.tp, current[{r.tp.topic, r.tp.partition.value}]});
    std::printf("Current partition replica assignment\n\n%s\n\nSave this to use as the --reassignment-json-file "
                "option during rollback\n",
                FormatReassignmentJson(before).c_str());
    // Kafka refuses to start a plan while other moves run, unless told they may overlap (--additional).
    if (!a.Has("--additional")) {
      auto ongoing = c->ListPartitionReassignments();
      if (!ongoing.ok()) return ReportError(verb, ongoing.status().message());
      if (!ongoing->empty()) {
        return ReportError(verb, "Cannot execute because there is an existing partition assignment. Use --additional "
                                 "to override this and create a new partition assignment in addition to the "
                                 "existing one.");
      }
    }
    if (throttle) {
      if (int rc = SetThrottles(*c, *plan, current, *throttle); rc != 0) return rc;
    }
    auto results = c->AlterPartitionReassignments(*plan);
    if (!results.ok()) return ReportError(verb, results.status().message());
    int rc = 0;
    for (const auto& item : *results) {
      if (!item.status.ok()) rc = ReportError(verb, item.status.message());
    }
    if (rc == 0) std::printf("Successfully started partition reassignments for %s\n", JoinPartitions(*plan).c_str());
    return rc;
  }

  if (a.Has("--cancel")) {
    // As Kafka's cancelAssignment: only the plan's partitions that are moving are cancelled; none moving is not an
    // error. Throttles come off unless --preserve-throttles.
    auto ongoing = c->ListPartitionReassignments();
    if (!ongoing.ok()) return ReportError(verb, ongoing.status().message());
    std::vector<client::Reassignment> cancels;
    for (const auto& r : *plan) {
      for (const auto& o : *ongoing) {
        if (o.tp == r.tp) cancels.push_back({r.tp, std::nullopt});
      }
    }
    int rc = 0;
    if (cancels.empty()) {
      std::printf("None of the specified partition reassignments are active.\n");
    } else {
      auto results = c->AlterPartitionReassignments(cancels);
      if (!results.ok()) return ReportError(verb, results.status().message());
      for (const auto& item : *results) {
        if (!item.status.ok()) rc = ReportError(verb, item.status.message());
      }
      if (rc == 0) {
        std::printf("Successfully cancelled partition reassignments for: %s\n", JoinPartitions(cancels).c_str());
      }
    }
    if (rc == 0 && !a.Has("--preserve-throttles")) rc = ClearThrottles(*c, *plan);
    return rc;
  }

  // --verify
  std::vector<TopicPartition> tps;
  for (const auto& r : *plan) tps.push_back(r.tp);
  auto ongoing = c->ListPartitionReassignments(tps);
  if (!ongoing.ok()) return ReportError(verb, ongoing.status().message());
  std::printf("Status of partition reassignment:\n");
  int rc = 0;
  for (const auto& r : *plan) {
    bool in_progress = false;
    for (const auto& o : *ongoing) in_progress = in_progress || o.tp == r.tp;
    const auto& now = current[{r.tp.topic, r.tp.partition.value}];
    if (in_progress) {
      std::printf("Reassignment of partition %s is still in progress.\n", r.tp.DirName().c_str());
      rc = 1;
    } else if (r.replicas && now == *r.replicas) {
      std::printf("Reassignment of partition %s is completed.\n", r.tp.DirName().c_str());
    } else {
      std::printf("There is no active reassignment of partition %s, but replica set is %s rather than %s.\n",
                  r.tp.DirName().c_str(), JoinIds(now).c_str(), JoinIds(r.replicas.value_or(std::vector<int32_t>{})).c_str());
      rc = 1;
    }
  }
  // Kafka's tool removes the throttles once nothing is moving any more (a mismatch is reported, not retried).
  bool moving = false;
  for (const auto& o : *ongoing)
    for (const auto& r : *plan) moving = moving || o.tp == r.tp;
  if (!moving && !a.Has("--preserve-throttles")) {
    if (int clear_rc = ClearThrottles(*c, *plan); clear_rc != 0) return clear_rc;
  }
  return rc;
}

}  // namespace partita::cli
