// partita-cli get-offsets: kafka-get-offsets.sh. Prints "topic:partition:offset" per partition.
#include <algorithm>
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

int RunGetOffsets(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      {"--bootstrap-server", true, "REQUIRED: host:port[,host:port] of the cluster"},
      {"--command-config", true, "FILE: client properties for a secured cluster (security.protocol, ssl.*)"},
      {"--topic", true, "REQUIRED: topic name"},
      {"--partitions", true, "comma-separated partition ids (default: all)"},
      {"--time", true, "-1 or latest (default), -2 or earliest, -3 or max-timestamp, or a timestamp in ms"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage("get-offsets", parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli get-offsets --bootstrap-server H:P --topic T [--time -1|-2|ms]", specs).c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  auto topic = a.Get("--topic");
  if (!bootstrap || !topic) return ReportUsage("get-offsets", "--bootstrap-server and --topic are required");
  int64_t time = client::kLatestTimestamp;
  if (auto t = a.Get("--time")) {
    if (*t == "latest") {
      time = client::kLatestTimestamp;
    } else if (*t == "earliest") {
      time = client::kEarliestTimestamp;
    } else if (*t == "max-timestamp") {
      time = client::kMaxTimestamp;
    } else {
      auto v = ParseInt64(*t, "--time");
      if (!v.ok() || *v < -3) return ReportUsage("get-offsets", "--time must be -1, -2, -3 or a timestamp in ms");
      time = *v;
    }
  }
  auto c = ConnectOrReport("get-offsets", *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto offsets = c->ListTopicOffsets(*topic, time);
  if (!offsets.ok()) return ReportError("get-offsets", offsets.status().message());
  std::vector<int32_t> only;
  if (auto p = a.Get("--partitions")) {
    auto ids = ParseIntList(*p, "--partitions");
    if (!ids.ok()) return ReportUsage("get-offsets", ids.status().message());
    only = *ids;
  }
  int rc = 0;
  for (const auto& po : *offsets) {
    if (!only.empty() && std::find(only.begin(), only.end(), po.tp.partition.value) == only.end()) continue;
    if (!po.status.ok()) {
      rc = ReportError("get-offsets", po.status.message());
      continue;
    }
    std::fputs(FormatOffsetLine(po).c_str(), stdout);
  }
  return rc;
}

}  // namespace partita::cli
