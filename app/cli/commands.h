// partita-cli subcommands. Each takes the arguments after its verb and returns the process exit code
// (0 ok, 1 failed, 2 bad usage). Output goes to stdout in the format of the matching Kafka tool; errors go to
// stderr and name the broker, the topic or partition and the Kafka error.
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_args.h"
#include "engine/client/cluster_client.h"

namespace partita::cli {

// `cluster up` (default 3 brokers) and its alias `local-cluster` (default 1 broker).
int RunLocalCluster(const std::vector<std::string>& args, int default_brokers = 1,
                    const char* verb = "local-cluster");
int RunCluster(const std::vector<std::string>& args);
int RunTopics(const std::vector<std::string>& args);
int RunConfigs(const std::vector<std::string>& args);
int RunLeaderElection(const std::vector<std::string>& args);
int RunReassignPartitions(const std::vector<std::string>& args);
int RunGetOffsets(const std::vector<std::string>& args);
int RunDumpLog(const std::vector<std::string>& args);
int RunConsumerGroups(const std::vector<std::string>& args);
int RunConsoleConsumer(const std::vector<std::string>& args);
int RunConsoleProducer(const std::vector<std::string>& args);
int RunBrokerApiVersions(const std::vector<std::string>& args);
int RunLogDirs(const std::vector<std::string>& args);
int RunDeleteRecords(const std::vector<std::string>& args);
int RunProducerPerfTest(const std::vector<std::string>& args);
int RunConsumerPerfTest(const std::vector<std::string>& args);
int RunUserScramCredentials(const std::vector<std::string>& args);
int RunSchemas(const std::vector<std::string>& args);
int RunTransactions(const std::vector<std::string>& args);
int RunAcls(const std::vector<std::string>& args);

// Shared by the verbs: connects or prints "Error: ..." and returns null. `command_config` is the path of a
// Kafka client properties file (--command-config): security.protocol and the ssl.* / sasl.* keys are applied.
// options.connection.client_id is set here.
std::unique_ptr<client::ClusterClient> ConnectOrReport(const std::string& verb, const std::string& bootstrap,
                                                       const std::optional<std::string>& command_config,
                                                       client::ClientOptions options = {});
// Prints "Error: <message>" to stderr; returns 1.
int ReportError(const std::string& verb, const std::string& message);
// Prints "<verb>: <message>\n" and the help hint; returns 2.
int ReportUsage(const std::string& verb, const std::string& message);
// The cluster's topic names (sorted) whose whole name matches `pattern` as a regular expression (kafka-topics'
// and kafka-get-offsets' --topic), or all without one. InvalidArgument names a bad pattern.
Result<std::vector<std::string>> MatchTopics(client::ClusterClient& c, const std::optional<std::string>& pattern,
                                             bool include_internal);
// Prints "partita-cli <version>" (the top-level --version and each verb's, as Kafka's tools have); returns 0.
int PrintVersion();
// Reads a whole (small) file: the JSON inputs.
Result<std::string> ReadTextFile(const std::string& path);
// A console tool's reader or formatter properties as Kafka's tools gather them: the properties file named by
// `file_option` (--reader-config, --formatter-config) first, then each --property k=v, later ones winning.
Result<std::map<std::string, std::string>> ToolProperties(const ParsedArgs& a, const std::string& file_option);

}  // namespace partita::cli
