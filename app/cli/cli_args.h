// Argument parsing for partita-cli verbs, in the style of Kafka's tools: `--name value` or `--name=value`
// options (some repeatable, e.g. --config), and `--flag` switches. Each verb declares its options; an option not
// declared, a missing value or a stray positional word is an error that names it.
// Thread safety: values and free functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status.h"

namespace partita::cli {

struct OptionSpec {
  std::string name;  // with the dashes: "--topic"
  bool takes_value = false;
  std::string help;  // one line for --help; "VALUE: text" style
  // Another spelling of an option (Kafka's deprecated names: --broker-list for --bootstrap-server): its values
  // and flags are stored under alias_of, so a verb reads only the option's own name.
  std::string alias_of;
};

// --command-config FILE, taken by every verb that connects to a cluster (Kafka's tools all have it).
// The cluster every networked verb talks to, as Kafka's tools name it.
inline const OptionSpec kBootstrapServerOption = {"--bootstrap-server", true,
                                                  "REQUIRED: host:port[,host:port] of the cluster"};

// Kafka's tools still accept --broker-list where they once took it (kafka-console-producer, kafka-get-offsets,
// kafka-consumer-perf-test): the deprecated spelling of --bootstrap-server.
inline const OptionSpec kBrokerListOption = {"--broker-list", true, "the deprecated spelling of --bootstrap-server",
                                             "--bootstrap-server"};

inline const OptionSpec kCommandConfigOption = {
    "--command-config", true, "FILE: client properties for a secured cluster (security.protocol, ssl.*, sasl.*)"};

class ParsedArgs {
 public:
  bool Has(const std::string& name) const { return flags_.count(name) > 0 || values_.count(name) > 0; }
  // The last value given for name.
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  void AddFlag(const std::string& name) { flags_.insert(name); }
  void AddValue(const std::string& name, std::string value) { values_[name].push_back(std::move(value)); }

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::vector<std::string>> values_;
};

Result<ParsedArgs> ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// "usage line" + one line per option.
std::string FormatHelp(const std::string& usage, const std::vector<OptionSpec>& specs);

// Integers with a message naming the option on bad input.
Result<int64_t> ParseInt64(const std::string& text, const std::string& what);
Result<int32_t> ParseInt32(const std::string& text, const std::string& what);
// "1,2,3" -> {1,2,3}.
Result<std::vector<int32_t>> ParseIntList(const std::string& text, const std::string& what);
// "k=v,k2=v2" (kafka-configs --add-config): values may hold commas inside square brackets, "k=[a,b]" -> "a,b".
Result<std::vector<std::pair<std::string, std::string>>> ParseConfigList(const std::string& text);
// "k=v" (kafka-topics --config).
Result<std::pair<std::string, std::string>> ParseKeyValue(const std::string& text, const std::string& what);
// Splits on commas, trimming spaces, dropping empty items.
std::vector<std::string> SplitList(const std::string& text);

}  // namespace partita::cli
