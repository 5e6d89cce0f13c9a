// partita-cli topics: kafka-topics.sh verbs (--create, --list, --describe, --delete, --alter --partitions).
// As in kafka-topics, --topic is a regular expression (matching a whole name) for every verb but --create.
// --alter also takes --config / --delete-config as kafka-topics did with --zookeeper (Kafka refuses them with
// --bootstrap-server and points to kafka-configs; here they go through IncrementalAlterConfigs, with the same
// deprecation warning). --partition-size-limit-per-response (KRaft's DescribeTopicPartitions paging) is checked and
// has no effect: partitions come from one Metadata answer.
#include <algorithm>
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"

namespace partita::cli {

namespace {

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--create", false, "create a topic"},
      {"--list", false, "list topic names"},
      {"--describe", false, "describe topics (all, or --topic)"},
      {"--delete", false, "delete a topic"},
      {"--alter", false, "add partitions (--partitions) and/or change configs (--config, --delete-config)"},
      {"--topic", true, "topic name; a regular expression matching whole names except with --create "
                        "(escape '.' as '\\.' to match it literally)"},
      {"--partitions", true, "partition count (create: default broker's num.partitions; alter: new total)"},
      {"--replication-factor", true, "replication factor (default broker's default.replication.factor)"},
      {"--replica-assignment", true, "explicit assignment: 1:2,2:3 (replicas of partition 0, then 1, ...)"},
      {"--config", true, "topic config override key=value (repeatable; --create or --alter)"},
      {"--delete-config", true, "with --alter: a config override to remove (repeatable)"},
      {"--partition-size-limit-per-response", true, "accepted (no effect: partitions come from one Metadata answer)"},
      {"--if-not-exists", false, "with --create: no error when the topic exists"},
      {"--if-exists", false, "with --delete/--alter/--describe: no error when the topic is missing"},
      {"--exclude-internal", false, "leave internal topics out of --list/--describe"},
      {"--under-replicated-partitions", false, "with --describe: only partitions whose ISR is smaller than replicas"},
      {"--unavailable-partitions", false, "with --describe: only partitions without a leader"},
      {"--under-min-isr-partitions", false, "with --describe: only partitions whose ISR is smaller than the "
                                            "topic's min.insync.replicas"},
      {"--at-min-isr-partitions", false, "with --describe: only partitions whose ISR equals min.insync.replicas"},
      {"--topics-with-overrides", false, "with --describe: only topics that override a config (summary lines)"},
      {"--topic-id", true, "TOPIC_ID: with --describe, the topic with this id (KIP-516, as --describe prints it)"},
  };
  return specs;
}

// The topics --topic names: all (no --topic), or those whose whole name matches it as a regular expression.
// With --topic and no match, kafka-topics fails ("does not exist as expected") unless --if-exists.
Result<std::vector<std::string>> SelectTopics(client::ClusterClient& c, const ParsedArgs& a) {
  const auto pattern = a.Get("--topic");
  auto names = MatchTopics(c, pattern, !a.Has("--exclude-internal"));
  if (names.ok() && pattern && names->empty() && !a.Has("--if-exists")) {
    return Status::NotFound("Topic '" + *pattern + "' does not exist as expected");
  }
  return names;
}

// min.insync.replicas of a topic as its configs report it (1, Kafka's default, when they cannot be read).
int64_t MinInsyncReplicas(const std::vector<client::ConfigEntry>& entries) {
  for (const auto& e : entries) {
    if (e.name == "min.insync.replicas" && e.value) {
      if (auto v = ParseInt64(*e.value, e.name); v.ok()) return *v;
    }
  }
  return 1;
}

int Describe(client::ClusterClient& c, const ParsedArgs& a) {
  auto names = SelectTopics(c, a);
  if (!names.ok()) return ReportError("topics", names.status().message());
  if (names->empty()) return 0;
  auto topics = c.DescribeTopics(*names);
  if (!topics.ok()) {
    if (topics.status().IsNotFound() && a.Has("--if-exists")) return 0;
    return ReportError("topics", topics.status().message());
  }
  if (const auto id = a.Get("--topic-id")) {
    std::erase_if(*topics, [&](const client::TopicInfo& t) { return t.topic_id != *id; });
    if (topics->empty() && !a.Has("--if-exists"))
      return ReportError("topics", "Topic id '" + *id + "' does not exist as expected");
  }
  const bool under = a.Has("--under-replicated-partitions");
  const bool unavailable = a.Has("--unavailable-partitions");
  const bool under_min_isr = a.Has("--under-min-isr-partitions");
  const bool at_min_isr = a.Has("--at-min-isr-partitions");
  const bool partition_filter = under || unavailable || under_min_isr || at_min_isr;
  for (const auto& t : *topics) {
    auto entries = c.DescribeConfigs({client::ConfigResourceType::kTopic, t.name});
    const std::string configs = entries.ok() ? FormatNonDefaultConfigs(*entries) : std::string();
    if (partition_filter) {
      const int64_t min_isr = entries.ok() ? MinInsyncReplicas(*entries) : 1;
      // Kafka prints only the matching partition lines in these modes.
      for (const auto& p : t.partitions) {
        const auto isr = static_cast<int64_t>(p.isr.size());
        if ((under && p.isr.size() < p.replicas.size()) || (unavailable && p.leader < 0) ||
            (under_min_isr && isr < min_isr) || (at_min_isr && isr == min_isr)) {
          client::TopicInfo one = t;
          one.partitions = {p};
          std::string text = FormatTopicDescription(one, "");
          std::fputs(text.substr(text.find('\n') + 1).c_str(), stdout);
        }
      }
      continue;
    }
    if (a.Has("--topics-with-overrides")) {
      // Kafka prints the summary line of each topic that overrides a config, without its partitions.
      if (configs.empty()) continue;
      std::string text = FormatTopicDescription(t, configs);
      std::fputs(text.substr(0, text.find('\n') + 1).c_str(), stdout);
      continue;
    }
    std::fputs(FormatTopicDescription(t, configs).c_str(), stdout);
  }
  return 0;
}

// Partita's default partita.max.partitions.per.topic, used when the cluster does not report one (Apache Kafka has
// no such bound; no real topic needs more, and ZooKeeper's 1 MB znode limit refuses a few tens of thousands).
constexpr int64_t kDefaultMaxPartitionsPerTopic = 10000;

// The counts a broker would refuse are refused here, before anything is sent (issue 9: a request for
// 2147483647 partitions used to go out unchecked). The bound is the cluster's partita.max.partitions.per.topic
// when its brokers report it in DescribeConfigs; the replication factor is bounded by the live brokers.
Status CheckTopicShape(client::ClusterClient& c, int64_t partitions, int64_t replication_factor) {
  int64_t max_partitions = kDefaultMaxPartitionsPerTopic;
  auto md = c.RefreshMetadata();
  if (md.ok() && !md->brokers.empty()) {
    const int32_t broker = md->controller_id >= 0 ? md->controller_id : md->brokers.front().id;
    auto entries = c.DescribeConfigs({client::ConfigResourceType::kBroker, std::to_string(broker)},
                                     {"partita.max.partitions.per.topic"});
    if (entries.ok()) {
      for (const auto& e : *entries) {
        if (e.name == "partita.max.partitions.per.topic" && e.value) {
          if (auto v = ParseInt64(*e.value, e.name); v.ok()) max_partitions = *v;
        }
      }
    }
    if (replication_factor > static_cast<int64_t>(md->brokers.size())) {
      return Status::InvalidArgument("replication factor " + std::to_string(replication_factor) +
                                     " is larger than the " + std::to_string(md->brokers.size()) +
                                     " broker(s) of the cluster");
    }
  }
  if (partitions > max_partitions) {
    return Status::InvalidArgument(std::to_string(partitions) + " partitions is more than the " +
                                   std::to_string(max_partitions) +
                                   " a topic may have (the brokers' partita.max.partitions.per.topic)");
  }
  return Status::Ok();
}

int Create(client::ClusterClient& c, const ParsedArgs& a, const std::string& topic) {
  client::NewTopic nt;
  nt.name = topic;
  if (auto p = a.Get("--partitions")) {
    auto v = ParseInt32(*p, "--partitions");
    if (!v.ok()) return ReportUsage("topics", v.status().message());
    if (*v < 1) return ReportUsage("topics", "--partitions must be at least 1");
    nt.partitions = *v;
  }
  if (auto r = a.Get("--replication-factor")) {
    auto v = ParseInt32(*r, "--replication-factor");
    if (!v.ok()) return ReportUsage("topics", v.status().message());
    if (*v < 1 || *v > INT16_MAX) return ReportUsage("topics", "--replication-factor must be in [1, 32767]");
    nt.replication_factor = static_cast<int16_t>(*v);
  }
  if (auto ra = a.Get("--replica-assignment")) {
    if (a.Has("--partitions") || a.Has("--replication-factor")) {
      return ReportUsage("topics", "--replica-assignment excludes --partitions and --replication-factor");
    }
    for (const auto& part : SplitList(*ra)) {
      std::vector<int32_t> replicas;
      size_t start = 0;
      while (true) {
        size_t colon = part.find(':', start);
        auto id = ParseInt32(part.substr(start, colon == std::string::npos ? std::string::npos : colon - start),
                             "--replica-assignment");
        if (!id.ok()) return ReportUsage("topics", id.status().message());
        replicas.push_back(*id);
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
      nt.replica_assignment.push_back(replicas);
    }
  }
  for (const auto& kv : a.GetAll("--config")) {
    auto parsed = ParseKeyValue(kv, "--config");
    if (!parsed.ok()) return ReportUsage("topics", parsed.status().message());
    nt.configs.push_back(*parsed);
  }
  const int64_t partitions = nt.replica_assignment.empty() ? nt.partitions : int64_t(nt.replica_assignment.size());
  const int64_t replication = nt.replica_assignment.empty() ? nt.replication_factor
                                                             : int64_t(nt.replica_assignment.front().size());
  if (Status bounds = CheckTopicShape(c, partitions, replication); !bounds.ok()) {
    return ReportUsage("topics", bounds.message());
  }
  Status st = c.CreateTopic(nt);
  if (!st.ok()) {
    if (st.code() == Status::Code::kAlreadyExists && a.Has("--if-not-exists")) return 0;
    return ReportError("topics", st.message());
  }
  std::printf("Created topic %s.\n", topic.c_str());
  return 0;
}

}  // namespace

int RunTopics(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage("topics", parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli topics --bootstrap-server H:P (--create | --list | --describe | --delete | "
                          "--alter) [options]",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  int actions = 0;
  for (const char* action : {"--create", "--list", "--describe", "--delete", "--alter"}) actions += a.Has(action);
  if (actions != 1) {
    return ReportUsage("topics", "exactly one of --create, --list, --describe, --delete, --alter is required");
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage("topics", "--bootstrap-server is required");
  const std::string topic = a.Get("--topic").value_or("");
  if ((a.Has("--create") || a.Has("--delete") || a.Has("--alter")) && topic.empty()) {
    return ReportUsage("topics", "--topic is required with --create, --delete and --alter");
  }
  const bool alter_configs = a.Has("--config") || a.Has("--delete-config");
  if (a.Has("--alter") && !a.Has("--partitions") && !alter_configs) {
    return ReportUsage("topics", "--alter needs --partitions (the new total partition count), --config or --delete-config");
  }
  if (a.Has("--delete-config") && !a.Has("--alter")) return ReportUsage("topics", "--delete-config needs --alter");
  if (auto v = a.Get("--partition-size-limit-per-response")) {
    auto n = ParseInt32(*v, "--partition-size-limit-per-response");
    if (!n.ok() || *n <= 0) return ReportUsage("topics", "--partition-size-limit-per-response must be a positive number");
  }
  std::vector<client::ConfigOp> config_ops;
  if (a.Has("--alter")) {
    for (const auto& kv : a.GetAll("--config")) {
      auto parsed = ParseKeyValue(kv, "--config");
      if (!parsed.ok()) return ReportUsage("topics", parsed.status().message());
      config_ops.push_back({parsed->first, parsed->second, client::ConfigOp::Type::kSet});
    }
    for (const auto& k : a.GetAll("--delete-config")) {
      config_ops.push_back({k, std::nullopt, client::ConfigOp::Type::kDelete});
    }
  }
  auto c = ConnectOrReport("topics", *bootstrap, a.Get("--command-config"));
  if (!c) return 1;

  if (a.Has("--describe")) return Describe(*c, a);
  if (a.Has("--create")) return Create(*c, a, topic);
  int32_t count = 0;
  if (a.Has("--alter") && a.Has("--partitions")) {
    auto parsed = ParseInt32(*a.Get("--partitions"), "--partitions");
    if (!parsed.ok()) return ReportUsage("topics", parsed.status().message());
    if (Status bounds = CheckTopicShape(*c, *parsed, 0); !bounds.ok()) return ReportUsage("topics", bounds.message());
    count = *parsed;
  }
  auto names = SelectTopics(*c, a);
  if (!names.ok()) return ReportError("topics", names.status().message());
  if (a.Has("--list")) {
    for (const auto& name : *names) std::printf("%s\n", name.c_str());
    return 0;
  }
  int failed = 0;
  if (!config_ops.empty()) {
    std::fputs("WARNING: Altering topic configuration from this script has been deprecated and may be removed in "
               "future releases.\n         Going forward, please use kafka-configs.sh for this functionality\n",
               stderr);
  }
  for (const auto& name : *names) {
    if (!config_ops.empty()) {
      Status st = c->IncrementalAlterConfigs({client::ConfigResourceType::kTopic, name}, config_ops);
      if (st.IsNotFound() && a.Has("--if-exists")) continue;
      if (!st.ok()) {
        failed = ReportError("topics", name + ": " + st.message());
        continue;
      }
      std::printf("Updated config for topic %s.\n", name.c_str());
    }
    if (a.Has("--alter") && !a.Has("--partitions")) continue;
    Status st = a.Has("--delete") ? c->DeleteTopic(name) : c->CreatePartitions(name, count);
    if (st.IsNotFound() && a.Has("--if-exists")) continue;
    if (!st.ok()) {
      failed = ReportError("topics", name + ": " + st.message());
    } else if (a.Has("--delete")) {
      std::printf("Deleted topic %s.\n", name.c_str());
    } else {
      std::printf("Topic %s now has %d partitions.\n", name.c_str(), count);
    }
  }
  return failed;
}

}  // namespace partita::cli
