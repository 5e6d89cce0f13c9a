// Client quotas from partita-cli, in kafka-configs.sh's forms (KIP-546 DescribeClientQuotas / AlterClientQuotas):
//   configs --entity-type users --entity-name alice --alter --add-config producer_byte_rate=1048576
//   configs --entity-type clients --entity-default --alter --add-config consumer_byte_rate=2097152
//   configs --entity-type users --entity-name alice --entity-type clients --entity-name app --describe
//   configs --user alice --client app --alter --delete-config producer_byte_rate
//   configs --entity-type users --describe                        (every user entity with quotas)
// Output as kafka-configs.sh prints it: "Quota configs for user-principal 'alice', client-id 'app' are
// producer_byte_rate=1048576.0". SCRAM credential keys of users go to user_scram_command.cc instead.
#include <cstdio>
#include <set>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/protocol/messages/client_quotas.h"
#include "engine/security/scram.h"

namespace partita::cli {

namespace {

struct EntityPart {
  std::string type;                 // "user" / "client-id"
  std::optional<std::string> name;  // nullopt: the default entity; with `any`: unused
  bool any = false;                 // describe: every specified name (no --entity-name given)
};

// Kafka's ConfigCommand pairs --entity-type and --entity-name / --entity-default in order; --user / --client
// (and --user-defaults / --client-defaults) are its shortcuts.
Result<std::vector<EntityPart>> ParseEntity(const ParsedArgs& a) {
  std::vector<EntityPart> parts;
  auto type_of = [](const std::string& t) -> std::string {
    return t == "users" ? "user" : t == "clients" ? "client-id" : "";
  };
  std::vector<std::string> names = a.GetAll("--entity-name");
  size_t next_name = 0;
  for (const auto& t : a.GetAll("--entity-type")) {
    const std::string type = type_of(t);
    if (type.empty()) return Status::InvalidArgument("--entity-type " + t + " cannot be combined with users/clients");
    EntityPart p{type, std::nullopt, false};
    if (next_name < names.size()) {
      p.name = names[next_name++];
    } else if (!a.Has("--entity-default")) {
      p.any = true;
    }
    parts.push_back(p);
  }
  if (auto u = a.Get("--user")) parts.push_back({"user", *u, false});
  if (a.Has("--user-defaults")) parts.push_back({"user", std::nullopt, false});
  if (auto c = a.Get("--client")) parts.push_back({"client-id", *c, false});
  if (a.Has("--client-defaults")) parts.push_back({"client-id", std::nullopt, false});
  std::set<std::string> seen;
  for (const auto& p : parts) {
    if (!seen.insert(p.type).second) return Status::InvalidArgument("the " + p.type + " entity is named twice");
    if (p.name && p.name->empty()) return Status::InvalidArgument("an empty entity name; use --entity-default");
  }
  if (parts.empty()) return Status::InvalidArgument("name a user and/or client entity");
  // kafka-configs lists users before clients whatever the order typed.
  if (parts.size() == 2 && parts[0].type == "client-id") std::swap(parts[0], parts[1]);
  return parts;
}

std::string FormatDouble(double v) {
  // Java's Double.toString for the values quotas take: "1048576.0", "12.5".
  char buf[64];
  if (v == static_cast<double>(static_cast<int64_t>(v))) {
    std::snprintf(buf, sizeof buf, "%lld.0", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", v);
  }
  return buf;
}

template <class Entities>
std::string DescribeEntity(const Entities& entity) {
  std::string out;
  for (const char* type : {"user", "client-id"}) {
    for (const auto& e : entity) {
      if (e.entity_type != type) continue;
      const std::string label = e.entity_type == "user" ? "user-principal" : "client-id";
      out += (out.empty() ? "" : ", ") + (e.entity_name ? label + " '" + *e.entity_name + "'" : "the default " + label);
    }
  }
  return out;
}

int DescribeQuotas(client::ClusterClient& c, const std::vector<EntityPart>& parts) {
  protocol::DescribeClientQuotasRequest req;
  for (const auto& p : parts) {
    auto& comp = req.components.emplace_back();
    comp.entity_type = p.type;
    comp.match_type = p.any ? 2 : p.name ? 0 : 1;
    if (p.name && !p.any) comp.match = *p.name;
  }
  req.strict = true;  // ClientQuotaFilter.containsOnly, as kafka-configs describes
  auto resp = c.SendToAny<protocol::DescribeClientQuotasRequest, protocol::DescribeClientQuotasResponse>(req);
  if (!resp.ok()) return ReportError("configs", resp.status().message());
  if (resp->error_code != 0) {
    return ReportError("configs", client::KafkaError(resp->error_code, "DescribeClientQuotas",
                                                     resp->error_message.value_or(""))
                                      .message());
  }
  if (!resp->entries) return 0;
  for (const auto& entry : *resp->entries) {
    std::string values;
    for (const auto& v : entry.values) values += (values.empty() ? "" : ", ") + v.key + "=" + FormatDouble(v.value);
    std::printf("Quota configs for %s are %s\n", DescribeEntity(entry.entity).c_str(), values.c_str());
  }
  return 0;
}

int AlterQuotas(client::ClusterClient& c, const ParsedArgs& a, const std::vector<EntityPart>& parts) {
  protocol::AlterClientQuotasRequest req;
  auto& entry = req.entries.emplace_back();
  for (const auto& p : parts) {
    if (p.any) return ReportUsage("configs", "--alter needs --entity-name or --entity-default for every entity type");
    entry.entity.push_back({p.type, p.name});
  }
  for (const auto& list : a.GetAll("--add-config")) {
    auto kvs = ParseConfigList(list);
    if (!kvs.ok()) return ReportUsage("configs", "--add-config: " + kvs.status().message());
    for (const auto& [k, v] : *kvs) {
      char* end = nullptr;
      const double value = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size()) {
        return ReportUsage("configs", "--add-config: the quota " + k + " needs a number, not '" + v + "'");
      }
      entry.ops.push_back({k, value, false});
    }
  }
  for (const auto& list : a.GetAll("--delete-config")) {
    for (const auto& k : SplitList(list)) entry.ops.push_back({k, 0, true});
  }
  if (entry.ops.empty()) return ReportUsage("configs", "--alter needs --add-config and/or --delete-config");
  auto resp = c.SendToAny<protocol::AlterClientQuotasRequest, protocol::AlterClientQuotasResponse>(req);
  if (!resp.ok()) return ReportError("configs", resp.status().message());
  for (const auto& r : resp->entries) {
    if (r.error_code != 0) {
      return ReportError("configs",
                         client::KafkaError(r.error_code, "AlterClientQuotas", r.error_message.value_or("")).message());
    }
  }
  // kafka-configs: "Completed updating config for user alice." / "... for client app."
  const EntityPart& first = parts.front();
  std::printf("Completed updating config for %s %s.\n", first.type == "user" ? "user" : "client",
              first.name.value_or("<default>").c_str());
  return 0;
}

bool NamesScramKey(const ParsedArgs& a) {
  for (const auto& list : a.GetAll("--add-config")) {
    auto kvs = ParseConfigList(list);
    if (!kvs.ok()) continue;
    for (const auto& [k, v] : *kvs)
      if (security::ScramMechanismFromName(k)) return true;
  }
  for (const auto& list : a.GetAll("--delete-config"))
    for (const auto& k : SplitList(list))
      if (security::ScramMechanismFromName(k)) return true;
  return false;
}

}  // namespace

int RunUserConfigs(const ParsedArgs& a, const std::string& bootstrap, const std::optional<std::string>& name);
int DescribeUserScram(client::ClusterClient& c, const std::optional<std::string>& name);

int RunClientQuotaConfigs(const ParsedArgs& a, const std::string& bootstrap) {
  auto parts = ParseEntity(a);
  if (!parts.ok()) return ReportUsage("configs", parts.status().message());
  const bool single_user = parts->size() == 1 && parts->front().type == "user";
  // SCRAM credentials are user configs too (KIP-554): kafka-configs sends them with AlterUserScramCredentials.
  if (a.Has("--alter") && single_user && NamesScramKey(a)) return RunUserConfigs(a, bootstrap, parts->front().name);
  auto c = ConnectOrReport("configs", bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  if (a.Has("--alter")) return AlterQuotas(*c, a, *parts);
  int rc = DescribeQuotas(*c, *parts);
  if (rc == 0 && single_user && (parts->front().name || parts->front().any)) {
    rc = DescribeUserScram(*c, parts->front().any ? std::nullopt : parts->front().name);
  }
  return rc;
}

}  // namespace partita::cli
