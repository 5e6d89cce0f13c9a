// partita-cli consumer-groups: kafka-consumer-groups.sh. --list [--state [S]], --describe (offsets, --members
// [--verbose], --state), --reset-offsets (--dry-run / --execute), --delete, --delete-offsets. Groups are
// routed to their coordinator by engine/client (ClusterClient's group API); the tables are in group_format.
#include <algorithm>
#include <cstdio>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/group_format.h"
#include "engine/common/clock.h"

namespace partita::cli {

namespace {

const char* kVerb = "consumer-groups";

// Kafka's --state and --type take an optional value: "--state" alone (describe) or "--state Stable" (list
// filter). The value form becomes "--state --state-value V" (and "--type --type-value V") before parsing.
std::vector<std::string> SplitOptionalValues(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    bool split = false;
    for (const std::string name : {"--state", "--type"}) {
      if (args[i].rfind(name + "=", 0) == 0) {
        out.insert(out.end(), {name, name + "-value", args[i].substr(name.size() + 1)});
        split = true;
      } else if (args[i] == name && i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) {
        out.insert(out.end(), {name, name + "-value", args[++i]});
        split = true;
      }
    }
    if (!split) out.push_back(args[i]);
  }
  return out;
}

// The groups named by --group (repeatable) or --all-groups.
Result<std::vector<std::string>> TargetGroups(client::ClusterClient& c, const ParsedArgs& a) {
  if (a.Has("--all-groups")) {
    auto groups = c.ListGroups();
    if (!groups.ok()) return groups.status();
    std::vector<std::string> out;
    for (const auto& g : *groups) out.push_back(g.group_id);
    return out;
  }
  return a.GetAll("--group");
}

int List(client::ClusterClient& c, const ParsedArgs& a) {
  std::vector<std::string> states;
  for (const auto& v : a.GetAll("--state-value")) {
    for (auto& s : SplitList(v)) states.push_back(s);
  }
  // Every group here is a classic group (the pre-KIP-848 protocol), so --type lists them as Classic and a
  // filter without "classic" lists none.
  bool type_matches = true;
  for (const auto& v : a.GetAll("--type-value")) {
    type_matches = false;
    for (auto& t : SplitList(v)) {
      std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (t != "classic" && t != "consumer") {
        return ReportUsage(kVerb, "Invalid types list '" + v + "'. Valid types are: Classic, Consumer");
      }
      type_matches = type_matches || t == "classic";
    }
  }
  auto groups = c.ListGroups(states);
  if (!groups.ok()) return ReportError(kVerb, groups.status().message());
  if (!type_matches) groups->clear();
  if (a.Has("--state") || a.Has("--type")) {
    std::vector<std::string> header = {"GROUP"};
    if (a.Has("--type")) header.push_back("TYPE");
    if (a.Has("--state")) header.push_back("STATE");
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : *groups) {
      std::vector<std::string> row = {g.group_id};
      if (a.Has("--type")) row.push_back("Classic");
      if (a.Has("--state")) row.push_back(OrDash(g.state));
      rows.push_back(std::move(row));
    }
    std::fputs(FormatTable(header, rows).c_str(), stdout);
  } else {
    for (const auto& g : *groups) std::printf("%s\n", g.group_id.c_str());
  }
  return 0;
}

int Describe(client::ClusterClient& c, const ParsedArgs& a, const std::vector<std::string>& groups) {
  int rc = 0;
  for (const auto& group : groups) {
    auto d = c.DescribeGroup(group);
    if (!d.ok()) {
      rc = ReportError(kVerb, d.status().message());
      continue;
    }
    std::printf("\n");
    if (a.Has("--state")) {
      const auto md = c.Metadata();
      const client::BrokerInfo* b = md.FindBroker(d->coordinator);
      std::fputs(FormatGroupState(*d, b ? b->Address() : std::string("?")).c_str(), stdout);
      continue;
    }
    if (d->state == "Dead") {
      std::fprintf(stderr, "Consumer group '%s' does not exist.\n", group.c_str());
      rc = 1;
      continue;
    }
    if (d->state == "PreparingRebalance" || d->state == "CompletingRebalance") {
      std::fprintf(stderr, "Warning: Consumer group '%s' is rebalancing.\n", group.c_str());
    } else if (d->state == "Empty") {
      std::fprintf(stderr, "Consumer group '%s' has no active members.\n", group.c_str());
    }
    for (const auto& m : d->members) {
      if (!m.assignment_error.empty()) std::fprintf(stderr, "Warning: %s\n", m.assignment_error.c_str());
    }
    if (a.Has("--members")) {
      std::fputs(FormatGroupMembers(*d, a.Has("--verbose")).c_str(), stdout);
      continue;
    }
    auto lag = c.GroupLag(group, true);
    if (!lag.ok()) {
      rc = ReportError(kVerb, lag.status().message());
      continue;
    }
    std::fputs(FormatGroupOffsets(*d, *lag).c_str(), stdout);
  }
  return rc;
}

Result<ResetSpec> ParseResetSpec(const ParsedArgs& a) {
  std::vector<ResetSpec> specs;
  if (a.Has("--to-earliest")) specs.push_back({ResetSpec::Kind::kEarliest, 0});
  if (a.Has("--to-latest")) specs.push_back({ResetSpec::Kind::kLatest, 0});
  if (a.Has("--to-current")) specs.push_back({ResetSpec::Kind::kCurrent, 0});
  if (auto v = a.Get("--to-datetime")) {
    auto t = ParseResetDatetime(*v);
    if (!t.ok()) return t.status();
    specs.push_back({ResetSpec::Kind::kDatetime, *t});
  }
  if (auto v = a.Get("--by-duration")) {
    auto d = ParseIsoDuration(*v);
    if (!d.ok()) return d.status();
    specs.push_back({ResetSpec::Kind::kByDuration, *d});
  }
  if (auto v = a.Get("--shift-by")) {
    auto n = ParseInt64(*v, "--shift-by");
    if (!n.ok()) return n.status();
    specs.push_back({ResetSpec::Kind::kShiftBy, *n});
  }
  if (auto v = a.Get("--to-offset")) {
    auto n = ParseInt64(*v, "--to-offset");
    if (!n.ok()) return n.status();
    specs.push_back({ResetSpec::Kind::kToOffset, *n});
  }
  // --from-file: each partition's offset comes from the plan, clamped into the log as --to-offset is.
  if (a.Has("--from-file")) specs.push_back({ResetSpec::Kind::kToOffset, 0});
  if (specs.size() != 1) {
    return Status::InvalidArgument(
        "give exactly one of --to-earliest, --to-latest, --to-current, --to-datetime, --by-duration, --shift-by, "
        "--to-offset, --from-file");
  }
  return specs[0];
}

// The partitions a reset covers: --topic T[:p,p] (all partitions of T without a list) or --all-topics (every
// partition the group has committed).
Result<std::vector<TopicPartition>> ResetPartitions(client::ClusterClient& c, const ParsedArgs& a,
                                                    const std::map<TopicPartition, int64_t>& committed) {
  std::set<TopicPartition> out;
  if (a.Has("--all-topics")) {
    for (const auto& [tp, off] : committed) out.insert(tp);
  }
  for (const auto& text : a.GetAll("--topic")) {
    auto sel = ParseTopicSelection(text);
    if (!sel.ok()) return sel.status();
    if (!sel->partitions.empty()) {
      for (int32_t p : sel->partitions) out.insert({sel->topic, PartitionId(p)});
      continue;
    }
    auto topics = c.DescribeTopics({sel->topic});
    if (!topics.ok()) return topics.status();
    for (const auto& p : (*topics)[0].partitions) out.insert({sel->topic, PartitionId(p.partition)});
  }
  return std::vector<TopicPartition>(out.begin(), out.end());
}

int Reset(client::ClusterClient& c, const ParsedArgs& a, const std::vector<std::string>& groups) {
  auto spec = ParseResetSpec(a);
  if (!spec.ok()) return ReportUsage(kVerb, spec.status().message());
  std::optional<ResetPlan> plan;
  if (auto file = a.Get("--from-file")) {
    if (a.Has("--topic") || a.Has("--all-topics")) return ReportUsage(kVerb, "--from-file excludes --topic and --all-topics");
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError(kVerb, text.status().message());
    auto parsed = ParseResetPlanCsv(*text, groups.size() == 1 ? groups[0] : std::string());
    if (!parsed.ok()) return ReportUsage(kVerb, *file + ": " + parsed.status().message());
    plan = std::move(*parsed);
  } else if (a.Has("--topic") == a.Has("--all-topics")) {
    return ReportUsage(kVerb, "give --topic or --all-topics");
  }
  if (a.Has("--dry-run") && a.Has("--execute")) return ReportUsage(kVerb, "--dry-run and --execute exclude each other");
  const bool execute = a.Has("--execute");
  if (!execute && !a.Has("--dry-run")) {
    std::fprintf(stderr, "WARN: No action will be performed as the --execute option is missing. In a future major "
                         "release, the default behavior of this command will be to prompt the user before executing "
                         "the reset rather than doing a dry run. You should add the --dry-run option explicitly if you "
                         "are scripting this command and want to keep the current default behavior without "
                         "prompting.\n");
  }
  int rc = 0;
  std::vector<std::vector<std::string>> table;
  ResetPlan exported;
  for (const auto& group : groups) {
    auto d = c.DescribeGroup(group);
    if (!d.ok()) {
      rc = ReportError(kVerb, d.status().message());
      continue;
    }
    if (d->state != "Empty" && d->state != "Dead") {
      rc = ReportError(kVerb, "Assignments can only be reset if the group '" + group +
                                  "' is inactive, but the current state is " + d->state + ".");
      continue;
    }
    auto committed = c.FetchCommittedOffsets(group);
    if (!committed.ok()) {
      rc = ReportError(kVerb, committed.status().message());
      continue;
    }
    const std::map<TopicPartition, int64_t>* planned = nullptr;
    if (plan) {
      auto it = plan->find(group);
      if (it == plan->end()) {
        rc = ReportError(kVerb, "the reset plan has no offsets for group '" + group + "'");
        continue;
      }
      planned = &it->second;
    }
    Result<std::vector<TopicPartition>> tps = std::vector<TopicPartition>{};
    if (planned) {
      for (const auto& [tp, offset] : *planned) tps->push_back(tp);
    } else {
      tps = ResetPartitions(c, a, *committed);
    }
    if (!tps.ok()) {
      rc = ReportError(kVerb, tps.status().message());
      continue;
    }
    auto earliest = c.ListOffsets(*tps, client::kEarliestTimestamp);
    auto latest = c.ListOffsets(*tps, client::kLatestTimestamp);
    Result<std::vector<client::PartitionOffset>> by_time = std::vector<client::PartitionOffset>{};
    if (auto ts = spec->LookupTimestamp(WallClockMs())) by_time = c.ListOffsets(*tps, *ts);
    for (const auto* r : {&earliest, &latest, &by_time}) {
      if (!r->ok()) return ReportError(kVerb, r->status().message());
    }
    std::map<TopicPartition, int64_t> targets;
    bool failed = false;
    for (size_t i = 0; i < tps->size(); ++i) {
      const TopicPartition& tp = (*tps)[i];
      for (const auto* r : {&earliest, &latest, &by_time}) {
        if (i < (*r)->size() && !(**r)[i].status.ok()) {
          ReportError(kVerb, "group '" + group + "': " + (**r)[i].status.message());
          failed = true;
        }
      }
      if (failed) break;
      auto it = committed->find(tp);
      const ResetSpec partition_spec = planned ? ResetSpec{ResetSpec::Kind::kToOffset, planned->at(tp)} : *spec;
      auto target = ResetTarget(partition_spec, it == committed->end() ? -1 : it->second, (*earliest)[i].offset,
                                (*latest)[i].offset, by_time->empty() ? -1 : (*by_time)[i].offset);
      if (!target.ok()) {
        ReportError(kVerb, "group '" + group + "' partition " + tp.DirName() + ": " + target.status().message());
        failed = true;
        break;
      }
      targets[tp] = *target;
    }
    if (failed) {
      rc = 1;
      continue;
    }
    if (execute) {
      Status st = c.CommitOffsets(group, targets);
      if (!st.ok()) {
        rc = ReportError(kVerb, st.message());
        continue;
      }
    }
    for (const auto& [tp, off] : targets) {
      table.push_back({group, tp.topic, std::to_string(tp.partition.value), std::to_string(off)});
    }
    exported[group] = std::move(targets);
  }
  if (a.Has("--export")) {
    // Kafka's CSV: without the group column when one group was asked for (what --from-file reads back).
    std::fputs(FormatResetPlanCsv(exported, a.GetAll("--group").size() != 1).c_str(), stdout);
    return rc;
  }
  if (!table.empty()) {
    std::printf("\n");
    std::fputs(FormatTable({"GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"}, table).c_str(), stdout);
  }
  return rc;
}

int Delete(client::ClusterClient& c, const std::vector<std::string>& groups) {
  auto results = c.DeleteGroups(groups);
  if (!results.ok()) return ReportError(kVerb, results.status().message());
  std::string ok;
  std::string failed;
  for (const auto& r : *results) {
    if (r.status.ok()) {
      ok += std::string(ok.empty() ? "" : ", ") + "'" + r.name + "'";
    } else {
      failed += "* Group '" + r.name + "' could not be deleted due to: " + r.status.message() + "\n";
    }
  }
  if (!ok.empty()) std::printf("Deletion of requested consumer groups (%s) was successful.\n", ok.c_str());
  if (!failed.empty()) {
    std::fprintf(stderr, "Deletion of some consumer groups failed:\n%s", failed.c_str());
    return 1;
  }
  return 0;
}

int DeleteOffsets(client::ClusterClient& c, const ParsedArgs& a, const std::string& group) {
  std::vector<TopicPartition> tps;
  for (const auto& text : a.GetAll("--topic")) {
    auto sel = ParseTopicSelection(text);
    if (!sel.ok()) return ReportUsage(kVerb, sel.status().message());
    if (sel->partitions.empty()) {
      auto topics = c.DescribeTopics({sel->topic});
      if (!topics.ok()) return ReportError(kVerb, topics.status().message());
      for (const auto& p : (*topics)[0].partitions) tps.push_back({sel->topic, PartitionId(p.partition)});
    } else {
      for (int32_t p : sel->partitions) tps.push_back({sel->topic, PartitionId(p)});
    }
  }
  Status st = c.DeleteOffsets(group, tps);
  if (!st.ok()) return ReportError(kVerb, st.message());
  std::printf("Request succeed for deleting offsets from group %s.\n\n", group.c_str());
  std::vector<std::vector<std::string>> rows;
  for (const auto& tp : tps) rows.push_back({tp.topic, std::to_string(tp.partition.value), "Successful"});
  std::fputs(FormatTable({"TOPIC", "PARTITION", "STATUS"}, rows).c_str(), stdout);
  return 0;
}

}  // namespace

int RunConsumerGroups(const std::vector<std::string>& raw_args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--list", false, "list all consumer groups"},
      {"--describe", false, "describe the group(s): offsets and lag (default), --members or --state"},
      {"--delete", false, "delete the group(s) (only groups without active members)"},
      {"--delete-offsets", false, "delete committed offsets of --group for --topic T[:p,p]"},
      {"--reset-offsets", false, "reset committed offsets of an inactive group (with --dry-run or --execute)"},
      {"--group", true, "group id (repeatable)"},
      {"--all-groups", false, "every group (with --describe, --delete, --reset-offsets)"},
      {"--members", false, "with --describe: the members"},
      {"--verbose", false, "with --describe --members: instance ids and assignments"},
      {"--offsets", false, "with --describe: offsets and lag (the default)"},
      {"--state", false, "with --describe: state and coordinator; with --list [--state S,S]: filter and show states"},
      {"--state-value", true, "(the value of --state S)"},
      {"--topic", true, "T or T:0,1 (repeatable) for --reset-offsets / --delete-offsets"},
      {"--all-topics", false, "with --reset-offsets: every partition the group has committed"},
      {"--to-earliest", false, "reset to the log start"},
      {"--to-latest", false, "reset to the log end"},
      {"--to-current", false, "reset to the committed offset"},
      {"--to-datetime", true, "reset to the first offset at or after YYYY-MM-DDTHH:mm:SS.sss[Z|+hh:mm]"},
      {"--by-duration", true, "reset to the first offset at or after now minus PnDTnHnMnS"},
      {"--shift-by", true, "move the committed offset by N (may be negative)"},
      {"--to-offset", true, "reset to offset N"},
      {"--from-file", true, "reset to the offsets of a CSV plan (topic,partition,offset or group,topic,partition,"
                            "offset lines, as --export writes)"},
      {"--dry-run", false, "only print the new offsets (the default)"},
      {"--execute", false, "commit the new offsets"},
      {"--export", false, "with --reset-offsets: print the plan as CSV (for --from-file) instead of the table"},
      {"--type", false, "with --list [--type T,T]: show (or filter by) group types: Classic, Consumer"},
      {"--type-value", true, "(the value of --type T)"},
      {"--timeout", true, "ms to wait for the cluster's answers (default 5000, as Kafka)"},
  };
  auto parsed = ParseArgs(SplitOptionalValues(raw_args), specs);
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli consumer-groups --bootstrap-server H:P (--list [--state [S]] [--type [T]] | --describe "
                          "(--group G | --all-groups) [--members [--verbose] | --state | --offsets] | "
                          "--reset-offsets (--group G | --all-groups) (--topic T[:p,p] | --all-topics) <spec> "
                          "(--dry-run | --execute) [--export] | --reset-offsets (--group G | --all-groups) --from-file F | --delete (--group G | --all-groups) | --delete-offsets --group G "
                          "--topic T[:p])",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  if (a.Has("--export") && !a.Has("--reset-offsets")) return ReportUsage(kVerb, "--export goes with --reset-offsets");
  const int actions = a.Has("--list") + a.Has("--describe") + a.Has("--delete") + a.Has("--delete-offsets") +
                      a.Has("--reset-offsets");
  if (actions != 1) {
    return ReportUsage(kVerb, "give exactly one of --list, --describe, --delete, --delete-offsets, --reset-offsets");
  }
  if (!a.Has("--list") && !a.Has("--group") && !a.Has("--all-groups")) {
    return ReportUsage(kVerb, "--group or --all-groups is required");
  }
  if (a.Has("--delete-offsets") && (a.GetAll("--group").size() != 1 || !a.Has("--topic"))) {
    return ReportUsage(kVerb, "--delete-offsets needs one --group and --topic");
  }
  if (a.Has("--describe") && a.Has("--members") + a.Has("--state") + a.Has("--offsets") > 1) {
    return ReportUsage(kVerb, "--members, --state and --offsets exclude each other");
  }
  client::ClientOptions options;
  if (auto timeout = a.Get("--timeout")) {
    auto ms = ParseInt32(*timeout, "--timeout");
    if (!ms.ok() || *ms <= 0) return ReportUsage(kVerb, "--timeout takes a positive number of milliseconds");
    options.connection.connect_timeout_ms = *ms;
    options.connection.request_timeout_ms = *ms;
    options.coordinator_retry_ms = *ms;
  }
  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"), options);
  if (!c) return 1;
  if (a.Has("--list")) return List(*c, a);
  if (a.Has("--delete-offsets")) return DeleteOffsets(*c, a, a.GetAll("--group")[0]);
  auto groups = TargetGroups(*c, a);
  if (!groups.ok()) return ReportError(kVerb, groups.status().message());
  if (a.Has("--describe")) return Describe(*c, a, *groups);
  if (a.Has("--delete")) return Delete(*c, *groups);
  return Reset(*c, a, *groups);
}

}  // namespace partita::cli
