// SCRAM credentials from partita-cli, as kafka-configs.sh manages them (KIP-554):
//   configs --entity-type users --entity-name U --alter --add-config 'SCRAM-SHA-256=[iterations=8192,password=P]'
//   configs --entity-type users --entity-name U --alter --delete-config SCRAM-SHA-512
//   configs --entity-type users [--entity-name U] --describe
// and `user-scram-credentials [--user U ...]`, which lists users with their mechanisms and iterations.
// Passwords are salted by the client (engine/client/admin_scram) and never printed.
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/client/admin_scram.h"

namespace partita::cli {
namespace {

std::string DescribeUser(const client::UserScramCredentialsInfo& info) {
  // kafka-configs.sh: "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192"
  std::string line = "SCRAM credential configs for user-principal '" + info.user + "' are ";
  for (size_t i = 0; i < info.credentials.size(); ++i) {
    line += (i ? ", " : "") + std::string(security::ScramMechanismName(info.credentials[i].first)) +
            "=iterations=" + std::to_string(info.credentials[i].second);
  }
  return line + "\n";
}

int Describe(client::ClusterClient& c, const std::vector<std::string>& users, const char* verb) {
  auto infos = client::DescribeUserScramCredentials(c, users);
  if (!infos.ok()) return ReportError(verb, infos.status().message());
  int rc = 0;
  for (const auto& info : *infos) {
    if (!info.status.ok()) {
      std::fprintf(stderr, "Error: %s\n", info.status.message().c_str());
      rc = 1;
      continue;
    }
    std::fputs(DescribeUser(info).c_str(), stdout);
  }
  return rc;
}

// "iterations=8192,password=secret" (the value inside SCRAM-SHA-256=[...]).
Result<client::ScramCredentialChange> ParseScramValue(const std::string& user, security::ScramMechanism m,
                                                      const std::string& value) {
  client::ScramCredentialChange change;
  change.user = user;
  change.mechanism = m;
  auto fields = ParseConfigList(value);
  if (!fields.ok()) return fields.status();
  for (const auto& [k, v] : *fields) {
    if (k == "password") {
      change.password = v;
    } else if (k == "iterations") {
      auto n = ParseInt32(v, "iterations");
      if (!n.ok()) return n.status();
      change.iterations = *n;
    } else {
      return Status::InvalidArgument("unknown SCRAM field '" + k + "' (password, iterations)");
    }
  }
  if (!change.password || change.password->empty()) {
    return Status::InvalidArgument(std::string(security::ScramMechanismName(m)) + " needs a password: " +
                                   security::ScramMechanismName(m) + "=[password=...]");
  }
  return change;
}

}  // namespace

// configs --describe --entity-type users: the SCRAM half (the quota half is client_quota_configs.cc); a user with
// quotas but no credential is not an error there, as in kafka-configs.sh.
int DescribeUserScram(client::ClusterClient& c, const std::optional<std::string>& name) {
  auto infos = client::DescribeUserScramCredentials(c, name ? std::vector<std::string>{*name} : std::vector<std::string>{});
  if (!infos.ok()) return ReportError("configs", infos.status().message());
  for (const auto& info : *infos) {
    if (!info.status.ok()) {
      if (info.status.message().find("RESOURCE_NOT_FOUND") != std::string::npos) continue;
      return ReportError("configs", info.status.message());
    }
    std::fputs(DescribeUser(info).c_str(), stdout);
  }
  return 0;
}

int RunUserConfigs(const ParsedArgs& a, const std::string& bootstrap, const std::optional<std::string>& name) {
  if (a.Has("--describe")) {
    auto c = ConnectOrReport("configs", bootstrap, a.Get("--command-config"));
    if (!c) return 1;
    return Describe(*c, name ? std::vector<std::string>{*name} : std::vector<std::string>{}, "configs");
  }
  if (!name || name->empty()) return ReportUsage("configs", "--entity-name (a user) is required to alter users");
  std::vector<client::ScramCredentialChange> changes;
  for (const auto& list : a.GetAll("--add-config")) {
    auto kvs = ParseConfigList(list);
    if (!kvs.ok()) return ReportUsage("configs", "--add-config: " + kvs.status().message());
    for (const auto& [k, v] : *kvs) {
      auto m = security::ScramMechanismFromName(k);
      if (!m) return ReportUsage("configs", "users take SCRAM-SHA-256 / SCRAM-SHA-512 configs here, not '" + k + "'");
      auto change = ParseScramValue(*name, *m, v);
      if (!change.ok()) return ReportUsage("configs", "--add-config: " + change.status().message());
      changes.push_back(std::move(*change));
    }
  }
  for (const auto& list : a.GetAll("--delete-config")) {
    for (const auto& k : SplitList(list)) {
      auto m = security::ScramMechanismFromName(k);
      if (!m) return ReportUsage("configs", "--delete-config: '" + k + "' is not SCRAM-SHA-256 or SCRAM-SHA-512");
      changes.push_back({*name, *m, std::nullopt});
    }
  }
  if (changes.empty()) return ReportUsage("configs", "--alter needs --add-config and/or --delete-config");
  auto c = ConnectOrReport("configs", bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto results = client::AlterUserScramCredentials(*c, changes);
  if (!results.ok()) return ReportError("configs", results.status().message());
  for (const auto& r : *results) {
    if (!r.status.ok()) return ReportError("configs", r.status.message());
  }
  std::printf("Completed updating config for user %s.\n", name->c_str());
  return 0;
}

int RunUserScramCredentials(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--user", true, "a user to describe (repeatable); all users without it"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage("user-scram-credentials", parsed.status().message());
  if (parsed->Has("--help")) {
    std::fputs(FormatHelp("partita-cli user-scram-credentials --bootstrap-server H:P [--user U ...]", specs).c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = parsed->Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage("user-scram-credentials", "--bootstrap-server is required");
  auto c = ConnectOrReport("user-scram-credentials", *bootstrap, parsed->Get("--command-config"));
  if (!c) return 1;
  return Describe(*c, parsed->GetAll("--user"), "user-scram-credentials");
}

}  // namespace partita::cli
