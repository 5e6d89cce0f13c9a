// partita-cli leader-election: kafka-leader-election.sh (--election-type preferred|unclean, one partition,
// a JSON file of partitions, or --all-topic-partitions). Sent to the controller (ElectLeaders).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"

namespace partita::cli {

int RunLeaderElection(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--admin.config", true, "FILE: Kafka's name for --command-config", "--command-config"},
      {"--election-type", true, "REQUIRED: preferred | unclean"},
      {"--topic", true, "topic of the partition to elect (with --partition)"},
      {"--partition", true, "partition to elect (with --topic)"},
      {"--path-to-json-file", true, "JSON {\"partitions\":[{\"topic\":T,\"partition\":P}]}"},
      {"--all-topic-partitions", false, "every partition of the cluster"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage("leader-election", parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli leader-election --bootstrap-server H:P --election-type preferred|unclean "
                          "(--topic T --partition P | --path-to-json-file F | --all-topic-partitions)",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage("leader-election", "--bootstrap-server is required");
  const std::string type_name = a.Get("--election-type").value_or("");
  client::ElectionType type;
  if (type_name == "preferred" || type_name == "PREFERRED") {
    type = client::ElectionType::kPreferred;
  } else if (type_name == "unclean" || type_name == "UNCLEAN") {
    type = client::ElectionType::kUnclean;
  } else {
    return ReportUsage("leader-election", "--election-type must be preferred or unclean");
  }
  const int sources = (a.Has("--topic") || a.Has("--partition")) + a.Has("--path-to-json-file") +
                      a.Has("--all-topic-partitions");
  if (sources != 1) {
    return ReportUsage("leader-election",
                       "give exactly one of --topic/--partition, --path-to-json-file, --all-topic-partitions");
  }
  std::optional<std::vector<TopicPartition>> partitions;
  if (a.Has("--topic") || a.Has("--partition")) {
    if (!a.Has("--topic") || !a.Has("--partition")) {
      return ReportUsage("leader-election", "--topic and --partition go together");
    }
    auto p = ParseInt32(*a.Get("--partition"), "--partition");
    if (!p.ok()) return ReportUsage("leader-election", p.status().message());
    partitions = std::vector<TopicPartition>{{*a.Get("--topic"), PartitionId(*p)}};
  } else if (auto file = a.Get("--path-to-json-file")) {
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError("leader-election", text.status().message());
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("partitions") || !j["partitions"].is_array()) {
      return ReportUsage("leader-election", "'" + *file + "' must hold {\"partitions\": [{\"topic\": ..., \"partition\": ...}]}");
    }
    partitions.emplace();
    for (const auto& e : j["partitions"]) {
      if (!e.is_object() || !e.contains("topic") || !e["topic"].is_string() || !e.contains("partition") ||
          !e["partition"].is_number_integer()) {
        return ReportUsage("leader-election", "each entry of '" + *file + "' needs topic and partition");
      }
      partitions->push_back({e["topic"].get<std::string>(), PartitionId(e["partition"].get<int32_t>())});
    }
  }
  auto c = ConnectOrReport("leader-election", *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto results = c->ElectLeaders(type, partitions);
  if (!results.ok()) return ReportError("leader-election", results.status().message());
  const char* label = type == client::ElectionType::kPreferred ? "PREFERRED" : "UNCLEAN";
  std::string done;
  std::string not_needed;
  int rc = 0;
  for (const auto& r : *results) {
    if (r.not_needed) {
      if (!not_needed.empty()) not_needed += ", ";
      not_needed += r.tp.DirName();
    } else if (r.status.ok()) {
      if (!done.empty()) done += ", ";
      done += r.tp.DirName();
    } else {
      std::fprintf(stderr, "Error completing leader election (%s) for partition: %s: %s\n", label,
                   r.tp.DirName().c_str(), r.status.message().c_str());
      rc = 1;
    }
  }
  if (!done.empty()) std::printf("Successfully completed leader election (%s) for partitions %s\n", label, done.c_str());
  if (!not_needed.empty()) std::printf("Valid replica already elected for partitions %s\n", not_needed.c_str());
  return rc;
}

}  // namespace partita::cli
