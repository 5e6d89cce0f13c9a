// partita-cli broker-api-versions: kafka-broker-api-versions.sh — every live broker's supported version range
// per API, in Kafka's NodeApiVersions layout:
//   host:port (id: 1 rack: null) -> (
//   	Produce(0): 0 to 11 [usable: 11],
//   	...
//   	LeaderAndIsr(4): UNSUPPORTED
//   )
// "usable" is the highest version both sides speak; this tool lists the APIs it knows by name (Kafka's lists the
// ones of its client), and any other API a broker serves by number.
#include <cstdio>
#include <set>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/client/broker_connection.h"
#include "engine/protocol/api_key.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "broker-api-versions";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
  };
  return specs;
}

std::string Describe(const client::BrokerInfo& broker, const std::map<int16_t, std::pair<int16_t, int16_t>>& served) {
  std::set<int16_t> keys;
  for (int16_t k = 0; k < 128; ++k) {
    if (std::string(protocol::ApiKeyName(k)) != "Unknown") keys.insert(k);
  }
  for (const auto& [k, range] : served) keys.insert(k);
  std::string out = broker.Address() + " (id: " + std::to_string(broker.id) +
                    " rack: " + broker.rack.value_or("null") + ") -> (";
  bool first = true;
  for (int16_t k : keys) {
    out += first ? "\n\t" : ",\n\t";
    first = false;
    out += std::string(protocol::ApiKeyName(k)) + "(" + std::to_string(k) + "): ";
    auto it = served.find(k);
    if (it == served.end()) {
      out += "UNSUPPORTED";
    } else {
      out += std::to_string(it->second.first) + " to " + std::to_string(it->second.second) +
             " [usable: " + std::to_string(it->second.second) + "]";
    }
  }
  return out + "\n)\n";
}

}  // namespace

int RunBrokerApiVersions(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli broker-api-versions --bootstrap-server H:P", Specs()).c_str(), stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  auto md = c->RefreshMetadata();
  if (!md.ok()) return ReportError(kVerb, md.status().message());
  int failures = 0;
  for (const auto& broker : md->brokers) {
    auto conn = client::BrokerConnection::Connect(broker.host, broker.port);
    if (!conn.ok()) {
      // Kafka's tool prints the broker with the error and goes on with the others.
      std::printf("%s (id: %d rack: %s) -> ERROR: %s\n", broker.Address().c_str(), broker.id,
                  broker.rack.value_or("null").c_str(), conn.status().message().c_str());
      ++failures;
      continue;
    }
    std::fputs(Describe(broker, (*conn)->broker_versions()).c_str(), stdout);
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace partita::cli
