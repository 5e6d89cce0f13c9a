// partita-cli reassign-partitions: kafka-reassign-partitions.sh (--generate, --execute, --verify, --cancel) with
// Kafka's JSON files. --execute prints the current assignment first, to save for a rollback, as Kafka does.
#include <algorithm>
#include <cstdio>
#include <map>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

namespace {

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      {"--bootstrap-server", true, "REQUIRED: host:port[,host:port] of the cluster"},
      {"--generate", false, "propose an assignment of --topics-to-move-json-file over --broker-list"},
      {"--execute", false, "start the reassignment in --reassignment-json-file"},
      {"--verify", false, "report the progress of --reassignment-json-file"},
      {"--cancel", false, "cancel the reassignments of --reassignment-json-file"},
      {"--topics-to-move-json-file", true, "{\"version\":1,\"topics\":[{\"topic\":\"foo\"}]}"},
      {"--broker-list", true, "brokers to place replicas on, e.g. 1,2,3"},
      {"--reassignment-json-file", true, "{\"version\":1,\"partitions\":[{\"topic\":..,\"partition\":..,\"replicas\":[..]}]}"},
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

}  // namespace

int RunReassignPartitions(const std::vector<std::string>& args) {
  const std::string verb = "reassign-partitions";
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(verb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli reassign-partitions --bootstrap-server H:P (--generate "
                          "--topics-to-move-json-file F --broker-list 1,2,3 | --execute|--verify|--cancel "
                          "--reassignment-json-file F)",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  const int actions = a.Has("--generate") + a.Has("--execute") + a.Has("--verify") + a.Has("--cancel");
  if (actions != 1) return ReportUsage(verb, "exactly one of --generate, --execute, --verify, --cancel");
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(verb, "--bootstrap-server is required");

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
    auto c = ConnectOrReport(verb, *bootstrap);
    if (!c) return 1;
    auto topics = c->DescribeTopics(*names);
    if (!topics.ok()) return ReportError(verb, topics.status().message());
    auto md = c->Metadata();
    for (int32_t id : *brokers) {
      if (md.FindBroker(id) == nullptr) return ReportError(verb, "broker " + std::to_string(id) + " is not in the cluster");
    }
    auto proposal = GenerateAssignment(*topics, *brokers);
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
  auto c = ConnectOrReport(verb, *bootstrap);
  if (!c) return 1;
  std::vector<std::string> names;
  for (const auto& r : *plan) {
    if (std::find(names.begin(), names.end(), r.tp.topic) == names.end()) names.push_back(r.tp.topic);
  }
  auto topics = c->DescribeTopics(names);
  if (!topics.ok()) return ReportError(verb, topics.status().message());
  std::map<std::pair<std::string, int32_t>, std::vector<int32_t>> current;
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
    std::vector<client::Reassignment> cancels;
    for (const auto& r : *plan) cancels.push_back({r.tp, std::nullopt});
    auto results = c->AlterPartitionReassignments(cancels);
    if (!results.ok()) return ReportError(verb, results.status().message());
    int rc = 0;
    for (const auto& item : *results) {
      if (!item.status.ok()) rc = ReportError(verb, item.status.message());
    }
    if (rc == 0) std::printf("Successfully cancelled partition reassignments for: %s\n", JoinPartitions(*plan).c_str());
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
  return rc;
}

}  // namespace partita::cli
