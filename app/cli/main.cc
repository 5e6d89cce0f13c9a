// partita-cli: administration of Kafka-compatible clusters, with the verbs and flags of Kafka's own tools
// (kafka-topics, kafka-configs, kafka-leader-election, kafka-reassign-partitions, kafka-get-offsets,
// kafka-dump-log, kafka-consumer-groups, kafka-console-producer/consumer, kafka-transactions, kafka-acls…), plus
// `cluster up` to run a local ZooKeeper + brokers without the desktop app.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace {

using partita::cli::PrintVersion;
using Args = std::vector<std::string>;

struct Verb {
  const char* name;
  int (*run)(const Args&);
  const char* summary;
  // Kafka's tools all take --version (print it and exit); a verb whose own --version takes a value opts out.
  bool version_is_an_option_of_its_own = false;
};

const Verb kVerbs[] = {
    {"cluster", partita::cli::RunCluster, "up: run a local cluster (ZooKeeper + 3 brokers) until Ctrl-C"},
    {"local-cluster", [](const Args& a) { return partita::cli::RunLocalCluster(a); },
     "the same, 1 broker by default (older name)"},
    {"topics", partita::cli::RunTopics, "create, list, describe, alter, delete topics (kafka-topics)"},
    {"configs", partita::cli::RunConfigs, "describe and alter topic/broker/user/client configs (kafka-configs)"},
    {"leader-election", partita::cli::RunLeaderElection, "preferred or unclean leader election (kafka-leader-election)"},
    {"reassign-partitions", partita::cli::RunReassignPartitions,
     "generate, execute, verify, cancel reassignments (kafka-reassign-partitions)"},
    {"get-offsets", partita::cli::RunGetOffsets, "earliest/latest/by-time offsets of a topic (kafka-get-offsets)"},
    {"consumer-groups", partita::cli::RunConsumerGroups,
     "list, describe (lag), reset offsets, delete groups (kafka-consumer-groups)"},
    {"dump-log", partita::cli::RunDumpLog, "print a segment's batches and records (kafka-dump-log)"},
    {"console-producer", partita::cli::RunConsoleProducer, "produce records read from stdin (kafka-console-producer)"},
    {"console-consumer", partita::cli::RunConsoleConsumer, "print a topic's records (kafka-console-consumer)"},
    {"broker-api-versions", partita::cli::RunBrokerApiVersions,
     "the API versions every broker serves (kafka-broker-api-versions)"},
    {"log-dirs", partita::cli::RunLogDirs, "log directories and partition sizes per broker (kafka-log-dirs)"},
    {"delete-records", partita::cli::RunDeleteRecords, "move partitions' log start offsets up (kafka-delete-records)"},
    {"producer-perf-test", partita::cli::RunProducerPerfTest,
     "produce N records at a given rate, print latencies (kafka-producer-perf-test)"},
    {"consumer-perf-test", partita::cli::RunConsumerPerfTest,
     "consume N records, print throughput (kafka-consumer-perf-test)"},
    {"user-scram-credentials", partita::cli::RunUserScramCredentials,
     "list users' SCRAM credentials (mechanisms, iterations)"},
    {"schemas", partita::cli::RunSchemas, "Schema Registry subjects, versions, register, compatibility, config",
     /*version_is_an_option_of_its_own=*/true},
    {"transactions", partita::cli::RunTransactions,
     "list, describe, describe-producers, abort, find-hanging (kafka-transactions)"},
    {"acls", partita::cli::RunAcls, "add, remove and list ACLs (kafka-acls)"},
};

int Usage(FILE* out) {
  std::fprintf(out, "usage: partita-cli <command> [options]\ncommands:\n");
  for (const Verb& v : kVerbs) std::fprintf(out, "  %-22s %s\n", v.name, v.summary);
  std::fprintf(out,
               "  %-22s %s\n"
               "Run 'partita-cli <command> --help' for a command's options; every command takes --version.\n",
               "--version", "print the version");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(stderr);
  const std::string command = argv[1];
  const Args args(argv + 2, argv + argc);
  if (command == "--version") return PrintVersion();
  if (command == "--help" || command == "-h") return Usage(stdout);
  for (const Verb& v : kVerbs) {
    if (command != v.name) continue;
    if (!v.version_is_an_option_of_its_own && std::find(args.begin(), args.end(), "--version") != args.end())
      return PrintVersion();
    return v.run(args);
  }
  std::fprintf(stderr, "partita-cli: unknown command '%s'\n", command.c_str());
  return Usage(stderr);
}
