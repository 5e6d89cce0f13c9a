// partita-cli log-dirs: kafka-log-dirs.sh --describe — every (or --broker-list) broker's log directories with the
// size and offset lag of each partition replica in them (--topic-list filters by topic), printed as Kafka's tool
// does: two progress lines, then one line of JSON
//   {"version":1,"brokers":[{"broker":1,"logDirs":[{"logDir":"/data","error":null,"partitions":[
//     {"partition":"t-0","size":123,"offsetLag":0,"isFuture":false}]}]}]}
#include <algorithm>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "log-dirs";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--describe", false, "REQUIRED: describe the log directories"},
      {"--broker-list", true, "1,2,3: the brokers to query (default: all)"},
      {"--topic-list", true, "t1,t2: only these topics' partitions (default: all)"},
  };
  return specs;
}

}  // namespace

int RunLogDirs(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli log-dirs --bootstrap-server H:P --describe [--broker-list 1,2] "
                          "[--topic-list t1,t2]",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  if (!a.Has("--describe")) return ReportUsage(kVerb, "--describe is required");
  std::optional<std::set<std::string>> topics;
  if (auto t = a.Get("--topic-list")) {
    auto list = SplitList(*t);
    topics.emplace(list.begin(), list.end());
  }
  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto md = c->RefreshMetadata();
  if (!md.ok()) return ReportError(kVerb, md.status().message());
  std::vector<int32_t> existing;
  for (const auto& b : md->brokers) existing.push_back(b.id);
  std::vector<int32_t> brokers = existing;
  if (auto list = a.Get("--broker-list")) {
    auto ids = ParseIntList(*list, "--broker-list");
    if (!ids.ok()) return ReportUsage(kVerb, ids.status().message());
    std::vector<int32_t> missing;
    for (int32_t id : *ids) {
      if (std::find(existing.begin(), existing.end(), id) == existing.end()) missing.push_back(id);
    }
    if (!missing.empty()) {
      // Kafka's LogDirsCommand wording.
      return ReportError(kVerb, "The given brokers do not exist from --broker-list: " + JoinIds(missing) +
                                    ". Current existent brokers: " + JoinIds(existing));
    }
    brokers = *ids;
  }
  std::printf("Querying brokers for log directories information\n");
  nlohmann::ordered_json out;
  out["version"] = 1;
  out["brokers"] = nlohmann::ordered_json::array();
  std::vector<int32_t> answered;
  for (int32_t id : brokers) {
    auto dirs = c->DescribeLogDirs(id);
    if (!dirs.ok()) return ReportError(kVerb, dirs.status().message());
    answered.push_back(id);
    nlohmann::ordered_json broker;
    broker["broker"] = id;
    broker["logDirs"] = nlohmann::ordered_json::array();
    for (const auto& dir : *dirs) {
      nlohmann::ordered_json d;
      d["logDir"] = dir.path;
      d["error"] = dir.status.ok() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(dir.status.message());
      d["partitions"] = nlohmann::ordered_json::array();
      for (const auto& p : dir.partitions) {
        if (topics && !topics->count(p.tp.topic)) continue;
        d["partitions"].push_back({{"partition", p.tp.topic + "-" + std::to_string(p.tp.partition.value)},
                                   {"size", p.size},
                                   {"offsetLag", p.offset_lag},
                                   {"isFuture", p.is_future}});
      }
      broker["logDirs"].push_back(std::move(d));
    }
    out["brokers"].push_back(std::move(broker));
  }
  std::printf("Received log directory information from brokers %s\n%s\n", JoinIds(answered).c_str(), out.dump().c_str());
  return 0;
}

}  // namespace partita::cli
