// partita-cli get-offsets: kafka-get-offsets.sh (GetOffsetShell). Prints "topic:partition:offset" per partition,
// sorted by topic and partition. Partitions are chosen as Kafka does: --topic (a regular expression; all topics
// without it) with --partitions, or --topic-partitions patterns such as "orders:0-3,audit.*:5-,:-2".
#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <regex>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

namespace {

const char* kVerb = "get-offsets";

// One --topic-partitions pattern: a topic regex (any topic when absent) and partitions [low, high).
struct PartitionFilter {
  std::optional<std::string> topic;
  int32_t low = 0;
  int32_t high = std::numeric_limits<int32_t>::max();
  bool Accepts(int32_t partition) const { return partition >= low && partition < high; }
};

// Kafka's grammar: ([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))? — a number, "N-M" (M exclusive), "N-", "-M"
// or nothing after the colon.
Result<PartitionFilter> ParseTopicPartitionPattern(const std::string& text) {
  static const std::regex grammar("([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?");
  std::smatch m;
  if (!std::regex_match(text, m, grammar)) {
    return Status::InvalidArgument("--topic-partitions pattern '" + text + "' is not topic[:N|N-M|N-|-M]");
  }
  PartitionFilter f;
  if (m[1].length() > 0) f.topic = m[1].str();
  auto number = [&](int group, const char* what) -> Result<int32_t> { return ParseInt32(m[group].str(), what); };
  if (m[2].length() > 0) {
    auto p = number(2, "--topic-partitions partition");
    if (!p.ok()) return p.status();
    f.low = *p;
    f.high = *p + 1;
  }
  if (m[3].length() > 0) {
    auto p = number(3, "--topic-partitions lower bound");
    if (!p.ok()) return p.status();
    f.low = *p;
  }
  if (m[4].length() > 0) {
    auto p = number(4, "--topic-partitions upper bound");
    if (!p.ok()) return p.status();
    f.high = *p;
  }
  return f;
}

Result<int64_t> ParseTime(const std::string& t) {
  if (t == "latest") return client::kLatestTimestamp;
  if (t == "earliest") return client::kEarliestTimestamp;
  if (t == "max-timestamp") return client::kMaxTimestamp;
  // Without tiered storage every segment is local: the earliest local offset is the earliest offset (KIP-405).
  if (t == "earliest-local" || t == "-4") return client::kEarliestTimestamp;
  if (t == "latest-tiered" || t == "-5") {
    return Status::InvalidArgument("--time latest-tiered needs tiered storage (KIP-405), which Partita has not");
  }
  auto v = ParseInt64(t, "--time");
  if (!v.ok() || *v < -3) return Status::InvalidArgument("--time must be -1, -2, -3, -4 or a timestamp in ms");
  return *v;
}

}  // namespace

int RunGetOffsets(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kBrokerListOption,
      kCommandConfigOption,
      {"--topic", true, "topic name or regular expression (default: all topics)"},
      {"--partitions", true, "comma-separated partition ids (default: all)"},
      {"--topic-partitions", true, "comma-separated patterns topic-regex[:N|N-M|N-|-M] (M exclusive); excludes "
                                   "--topic and --partitions"},
      {"--time", true, "-1 or latest (default), -2 or earliest, -3 or max-timestamp, -4 or earliest-local, or a "
                       "timestamp in ms"},
      {"--exclude-internal-topics", false, "leave internal topics out"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli get-offsets --bootstrap-server H:P [--topic T] [--partitions P,P | "
                          "--topic-partitions T:N-M,...] [--time -1|-2|-3|ms]",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  int64_t time = client::kLatestTimestamp;
  if (auto t = a.Get("--time")) {
    auto v = ParseTime(*t);
    if (!v.ok()) return ReportUsage(kVerb, v.status().message());
    time = *v;
  }
  std::vector<PartitionFilter> filters;
  if (auto patterns = a.Get("--topic-partitions")) {
    if (a.Has("--topic") || a.Has("--partitions")) {
      return ReportUsage(kVerb, "--topic-partitions excludes --topic and --partitions");
    }
    for (const auto& text : SplitList(*patterns)) {
      auto f = ParseTopicPartitionPattern(text);
      if (!f.ok()) return ReportUsage(kVerb, f.status().message());
      filters.push_back(*f);
    }
  } else {
    std::vector<int32_t> only;
    if (auto p = a.Get("--partitions")) {
      auto ids = ParseIntList(*p, "--partitions");
      if (!ids.ok()) return ReportUsage(kVerb, ids.status().message());
      only = *ids;
    }
    if (only.empty()) {
      filters.push_back({a.Get("--topic")});
    }
    for (int32_t id : only) filters.push_back({a.Get("--topic"), id, id + 1});
  }

  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  // Topic -> the filters naming it; every matching topic is asked once.
  std::map<std::string, std::vector<const PartitionFilter*>> topics;
  for (const auto& f : filters) {
    auto names = MatchTopics(*c, f.topic, !a.Has("--exclude-internal-topics"));
    if (!names.ok()) {
      return names.status().code() == Status::Code::kInvalidArgument ? ReportUsage(kVerb, names.status().message())
                                                                      : ReportError(kVerb, names.status().message());
    }
    for (const auto& name : *names) topics[name].push_back(&f);
  }
  if (topics.empty() && (a.Has("--topic") || a.Has("--topic-partitions"))) {
    return ReportError(kVerb, "Could not match any topic-partitions with the specified filters (" +
                                  a.Get("--topic").value_or(a.Get("--topic-partitions").value_or("")) + ")");
  }
  int rc = 0;
  for (const auto& [topic, topic_filters] : topics) {
    auto offsets = c->ListTopicOffsets(topic, time);
    if (!offsets.ok()) {
      rc = ReportError(kVerb, offsets.status().message());
      continue;
    }
    std::sort(offsets->begin(), offsets->end(), [](const auto& x, const auto& y) { return x.tp < y.tp; });
    for (const auto& po : *offsets) {
      const bool wanted = std::any_of(topic_filters.begin(), topic_filters.end(),
                                      [&](const PartitionFilter* f) { return f->Accepts(po.tp.partition.value); });
      if (!wanted) continue;
      if (!po.status.ok()) {
        rc = ReportError(kVerb, po.status.message());
        continue;
      }
      std::fputs(FormatOffsetLine(po).c_str(), stdout);
    }
  }
  return rc;
}

}  // namespace partita::cli
