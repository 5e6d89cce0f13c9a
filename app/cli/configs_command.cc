// partita-cli configs: kafka-configs.sh for topics, brokers, broker loggers, users' SCRAM credentials and client
// quotas of users and client ids (--describe, --alter --add-config/--delete-config). --describe without an entity
// name describes every entity of the type (all topics, internal ones included; every broker, then the
// cluster-wide default; every broker's loggers), as kafka-configs.sh does.
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "engine/broker/broker_config.h"

namespace partita::cli {

namespace {

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--entity-type", true, "topics | brokers | broker-loggers | users | clients (users and clients may be combined)"},
      {"--entity-name", true, "topic name, broker id, user name or client id; without it --describe lists all"},
      {"--entity-default", false, "brokers: the cluster-wide broker default; users / clients: the default entity"},
      {"--user", true, "same as --entity-type users --entity-name U"},
      {"--client", true, "same as --entity-type clients --entity-name C"},
      {"--user-defaults", false, "same as --entity-type users --entity-default"},
      {"--client-defaults", false, "same as --entity-type clients --entity-default"},
      {"--topic", true, "same as --entity-type topics --entity-name T"},
      {"--broker", true, "same as --entity-type brokers --entity-name ID"},
      {"--broker-logger", true, "same as --entity-type broker-loggers --entity-name ID"},
      {"--describe", false, "list the entity's dynamic configs"},
      {"--all", false, "with --describe: all configs, defaults included"},
      {"--alter", false, "change configs"},
      {"--add-config", true,
       "k=v,k2=[a,b] to set; users: SCRAM-SHA-256=[iterations=N,password=P]; users / clients: "
       "producer_byte_rate=B,consumer_byte_rate=B,request_percentage=P"},
      {"--add-config-file", true, "FILE: a properties file of configs to set (instead of --add-config)"},
      {"--delete-config", true, "k,k2 to remove (back to the default)"},
      {"--force", false, "suppress console prompts (accepted: the tool never prompts)"},
  };
  return specs;
}

}  // namespace

// Client quotas of users and client ids, and users' SCRAM credentials (client_quota_configs.cc).
int RunClientQuotaConfigs(const ParsedArgs& a, const std::string& bootstrap);

namespace {

int DescribeOne(client::ClusterClient& c, const client::ConfigResource& resource, const std::string& label,
                bool all) {
  auto entries = c.DescribeConfigs(resource);
  if (!entries.ok()) return ReportError("configs", entries.status().message());
  if (resource.type == client::ConfigResourceType::kBroker && resource.name.empty() && !all) {
    // Kafka's default broker resource holds only the cluster-wide defaults (/config/brokers/<default>); the
    // broker answering also reports its own layers, which are not the default's.
    std::erase_if(*entries, [](const client::ConfigEntry& e) {
      return e.source != static_cast<int8_t>(client::ConfigSource::kDynamicDefaultBrokerConfig);
    });
    std::string text = FormatConfigsDescription(label, *entries, false);
    text.replace(0, text.find(" are:"), "Default configs for brokers in the cluster");
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  std::fputs(FormatConfigsDescription(label, *entries, all).c_str(), stdout);
  return 0;
}

// --describe without --entity-name: every topic (internal ones too: ListTopicsOptions.listInternal(true)), or
// every broker (then the cluster-wide default, for brokers), as kafka-configs.sh enumerates them.
int DescribeEvery(client::ClusterClient& c, client::ConfigResourceType type, bool all) {
  auto md = c.RefreshMetadata();
  if (!md.ok()) return ReportError("configs", md.status().message());
  int rc = 0;
  if (type == client::ConfigResourceType::kTopic) {
    for (const auto& t : md->topics) rc |= DescribeOne(c, {type, t.name}, "topic " + t.name, all);
    return rc;
  }
  const char* kind = type == client::ConfigResourceType::kBroker ? "broker " : "broker-logger ";
  for (const auto& b : md->brokers) {
    const std::string id = std::to_string(b.id);
    rc |= DescribeOne(c, {type, id}, kind + id, all);
  }
  if (type == client::ConfigResourceType::kBroker) rc |= DescribeOne(c, {type, ""}, "brokers default", all);
  return rc;
}

}  // namespace

int RunConfigs(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage("configs", parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli configs --bootstrap-server H:P --entity-type topics|brokers|broker-loggers|users|clients "
                          "[--entity-name X | --entity-default] "
                          "(--describe [--all] | --alter [--add-config k=v,... | --add-config-file F] [--delete-config k,...]); "
                          "--entity-type brokers --entity-default: the cluster-wide broker default; users / clients take "
                          "producer_byte_rate, consumer_byte_rate and request_percentage quotas; --describe without a name describes all",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage("configs", "--bootstrap-server is required");
  if (a.Has("--describe") == a.Has("--alter")) return ReportUsage("configs", "exactly one of --describe, --alter");
  std::string type = a.Get("--entity-type").value_or("");
  std::optional<std::string> name = a.Get("--entity-name");
  if (auto t = a.Get("--topic")) {
    type = "topics";
    name = *t;
  }
  if (auto b = a.Get("--broker")) {
    type = "brokers";
    name = *b;
  }
  if (auto b = a.Get("--broker-logger")) {
    type = "broker-loggers";
    name = *b;
  }
  bool quota_entity = a.Has("--user") || a.Has("--client") || a.Has("--user-defaults") || a.Has("--client-defaults");
  for (const auto& t : a.GetAll("--entity-type")) quota_entity = quota_entity || t == "users" || t == "clients";
  if (quota_entity) return RunClientQuotaConfigs(a, *bootstrap);
  // Without a name, --describe covers every entity of the type (not the brokers' default: that is --entity-default).
  const bool every = a.Has("--describe") && !name && !a.Has("--entity-default");
  client::ConfigResource resource;
  std::string label;
  if (type == "topics") {
    if (!name && !every) return ReportUsage("configs", "--entity-name is required to alter topics");
    resource = {client::ConfigResourceType::kTopic, name.value_or("")};
    label = "topic " + name.value_or("");
  } else if (type == "brokers") {
    if (!name && !a.Has("--entity-default") && !every) {
      return ReportUsage("configs", "--entity-name (a broker id) or --entity-default is required to alter brokers");
    }
    if (name && !ParseInt32(*name, "--entity-name").ok()) {
      return ReportUsage("configs", "the entity name of a broker must be its id, not '" + *name + "'");
    }
    resource = {client::ConfigResourceType::kBroker, name.value_or("")};
    label = name ? "broker " + *name : "brokers default";
  } else if (type == "broker-loggers") {
    // Kafka's ConfigCommand: a broker's loggers, named by its id; every logger is dynamic (DYNAMIC_BROKER_LOGGER).
    if ((!name && !every) || (name && !ParseInt32(*name, "--entity-name").ok())) {
      return ReportUsage("configs", "--entity-name must be a broker id for broker-loggers");
    }
    resource = {client::ConfigResourceType::kBrokerLogger, name.value_or("")};
    label = "broker-logger " + name.value_or("");
  } else {
    return ReportUsage("configs", "--entity-type must be topics, brokers, broker-loggers, users or clients");
  }
  auto c = ConnectOrReport("configs", *bootstrap, a.Get("--command-config"));
  if (!c) return 1;

  if (a.Has("--describe")) {
    if (every) return DescribeEvery(*c, resource.type, a.Has("--all"));
    return DescribeOne(*c, resource, label, a.Has("--all"));
  }
  std::vector<client::ConfigOp> ops;
  for (const auto& list : a.GetAll("--add-config")) {
    auto kvs = ParseConfigList(list);
    if (!kvs.ok()) return ReportUsage("configs", "--add-config: " + kvs.status().message());
    for (const auto& [k, v] : *kvs) ops.push_back({k, v, client::ConfigOp::Type::kSet});
  }
  if (auto file = a.Get("--add-config-file")) {
    if (a.Has("--add-config")) return ReportUsage("configs", "Only one of --add-config or --add-config-file must be specified");
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError("configs", "--add-config-file: " + text.status().message());
    auto props = broker::ParseProperties(*text);
    if (!props.ok()) return ReportError("configs", *file + ": " + props.status().message());
    if (props->empty()) return ReportError("configs", *file + ": no configs to add");
    for (const auto& [k, v] : *props) ops.push_back({k, v, client::ConfigOp::Type::kSet});
  }
  for (const auto& list : a.GetAll("--delete-config")) {
    for (const auto& k : SplitList(list)) ops.push_back({k, std::nullopt, client::ConfigOp::Type::kDelete});
  }
  if (ops.empty()) return ReportUsage("configs", "--alter needs --add-config and/or --delete-config");
  Status st = c->IncrementalAlterConfigs(resource, ops);
  if (!st.ok()) return ReportError("configs", st.message());
  std::printf("Completed updating config for %s.\n", label.c_str());
  return 0;
}

}  // namespace partita::cli
