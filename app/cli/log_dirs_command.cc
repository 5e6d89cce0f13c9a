// partita-cli log-dirs: kafka-log-dirs.sh --describe. Asks each broker (DescribeLogDirs) for its log dirs and
// the size of every replica in them, and prints Kafka's JSON: {"brokers":[{"broker":1,"logDirs":[{"logDir":..,
// "error":null,"partitions":[{"partition":"t-0","size":..,"offsetLag":..,"isFuture":false}]}]}],"version":1}.
#include <algorithm>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

int RunLogDirs(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      {"--bootstrap-server", true, "REQUIRED: host:port[,host:port] of the cluster"},
      {"--describe", false, "REQUIRED: describe the log dirs"},
      {"--broker-list", true, "brokers to ask, e.g. 1,2 (default: all)"},
      {"--topic-list", true, "topics to report, e.g. t1,t2 (default: all)"},
      {"--version", false, "print the version"},
  };
  const char* verb = "log-dirs";
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage(verb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli log-dirs --bootstrap-server H:P --describe [--broker-list 1,2] "
                          "[--topic-list t1,t2]",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  if (a.Has("--version")) return PrintVersion();
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap || !a.Has("--describe")) return ReportUsage(verb, "--bootstrap-server and --describe are required");
  std::vector<int32_t> brokers;
  if (auto list = a.Get("--broker-list")) {
    auto ids = ParseIntList(*list, "--broker-list");
    if (!ids.ok()) return ReportUsage(verb, ids.status().message());
    brokers = *ids;
  }
  std::set<std::string> topics;
  if (auto list = a.Get("--topic-list")) {
    for (auto& t : SplitList(*list)) topics.insert(std::move(t));
  }
  auto c = ConnectOrReport(verb, *bootstrap);
  if (!c) return 1;
  const auto md = c->Metadata();
  if (brokers.empty()) {
    for (const auto& b : md.brokers) brokers.push_back(b.id);
  }
  for (int32_t id : brokers) {
    if (md.FindBroker(id) == nullptr) return ReportError(verb, "broker " + std::to_string(id) + " is not in the cluster");
  }
  std::fprintf(stdout, "Querying brokers for log directories information\n");
  nlohmann::json out_brokers = nlohmann::json::array();
  std::vector<int32_t> answered;
  int rc = 0;
  for (int32_t id : brokers) {
    auto dirs = c->DescribeLogDirs(id);
    if (!dirs.ok()) {
      rc = ReportError(verb, dirs.status().message());
      continue;
    }
    answered.push_back(id);
    nlohmann::json log_dirs = nlohmann::json::array();
    for (const auto& dir : *dirs) {
      nlohmann::json partitions = nlohmann::json::array();
      for (const auto& p : dir.partitions) {
        if (!topics.empty() && !topics.count(p.tp.topic)) continue;
        partitions.push_back({{"partition", p.tp.DirName()},
                              {"size", p.size},
                              {"offsetLag", p.offset_lag},
                              {"isFuture", p.is_future}});
      }
      nlohmann::json error = nullptr;
      if (!dir.status.ok()) error = dir.status.message();
      log_dirs.push_back({{"logDir", dir.path}, {"error", error}, {"partitions", partitions}});
    }
    out_brokers.push_back({{"broker", id}, {"logDirs", log_dirs}});
  }
  std::fprintf(stdout, "Received log directory information from brokers %s\n", JoinIds(answered).c_str());
  std::fprintf(stdout, "%s\n", nlohmann::json({{"brokers", out_brokers}, {"version", 1}}).dump().c_str());
  return rc;
}

}  // namespace partita::cli
