// Helpers shared by the partita-cli verbs.
#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/cli/commands.h"
#include "engine/broker/broker_config.h"
#include "engine/security/client_security.h"

namespace partita::cli {

int ReportError(const std::string& verb, const std::string& message) {
  std::fprintf(stderr, "Error (%s): %s\n", verb.c_str(), message.c_str());
  return 1;
}

int ReportUsage(const std::string& verb, const std::string& message) {
  std::fprintf(stderr, "partita-cli %s: %s\nRun 'partita-cli %s --help' for its options.\n", verb.c_str(),
               message.c_str(), verb.c_str());
  return 2;
}

std::unique_ptr<client::ClusterClient> ConnectOrReport(const std::string& verb, const std::string& bootstrap,
                                                       const std::optional<std::string>& command_config,
                                                       client::ClientOptions options) {
  options.connection.client_id = "partita-cli";
  auto fail = [&verb](const std::string& message) {
    ReportError(verb, message);
    return std::unique_ptr<client::ClusterClient>();
  };
  if (command_config) {
    auto text = ReadTextFile(*command_config);
    if (!text.ok()) return fail("--command-config: " + text.status().message());
    auto props = broker::ParseProperties(*text);
    if (!props.ok()) return fail(*command_config + ": " + props.status().message());
    auto client_security = security::ClientSecurityFromProperties(*props);
    if (!client_security.ok()) return fail(*command_config + ": " + client_security.status().message());
    auto tls = security::ClientTlsContext(*client_security);
    if (!tls.ok()) return fail(*command_config + ": " + tls.status().message());
    options.connection.tls = *tls;
    options.connection.sasl_mechanism = client_security->sasl_mechanism;
    options.connection.sasl_username = client_security->sasl_username;
    options.connection.sasl_password = client_security->sasl_password;
  }
  auto c = client::ClusterClient::Connect(bootstrap, options);
  if (!c.ok()) {
    ReportError(verb, c.status().message());
    return nullptr;
  }
  return std::move(*c);
}

Result<std::vector<std::string>> MatchTopics(client::ClusterClient& c, const std::optional<std::string>& pattern,
                                             bool include_internal) {
  std::regex re;
  if (pattern) {
    try {
      re = std::regex(*pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("--topic '" + *pattern + "' is not a valid regular expression: " + e.what());
    }
  }
  auto listed = c.ListTopics(include_internal);
  if (!listed.ok()) return listed.status();
  std::vector<std::string> names;
  for (const auto& t : *listed) {
    if (!pattern || std::regex_match(t.name, re)) names.push_back(t.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

int PrintVersion() {
  std::printf("partita-cli %s\n", PARTITA_VERSION_STRING);
  return 0;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read '" + path + "'");
  return ss.str();
}

Result<std::map<std::string, std::string>> ToolProperties(const ParsedArgs& a, const std::string& file_option) {
  std::map<std::string, std::string> props;
  if (auto file = a.Get(file_option)) {
    auto text = ReadTextFile(*file);
    if (!text.ok()) return Status::InvalidArgument(file_option + ": " + text.status().message());
    auto parsed = broker::ParseProperties(*text);
    if (!parsed.ok()) return Status::InvalidArgument(*file + ": " + parsed.status().message());
    props = std::move(*parsed);
  }
  for (const auto& p : a.GetAll("--property")) {
    auto kv = ParseKeyValue(p, "--property");
    if (!kv.ok()) return kv.status();
    props[kv->first] = kv->second;
  }
  return props;
}

}  // namespace partita::cli
