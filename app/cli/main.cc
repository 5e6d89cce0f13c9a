// partita-cli: administration of Kafka-compatible clusters, with the verbs and flags of Kafka's own tools
// (kafka-topics, kafka-configs, kafka-leader-election, kafka-reassign-partitions, kafka-get-offsets,
// kafka-dump-log, kafka-consumer-groups, kafka-delete-records, kafka-producer/consumer-perf-test), plus `cluster up` to run a local ZooKeeper + brokers without the desktop app.
// kafka-dump-log, kafka-consumer-groups, kafka-transactions), plus `cluster up` to run a local ZooKeeper + brokers without the desktop app.
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace {

int Usage(FILE* out) {
  std::fprintf(out,
               "usage: partita-cli <command> [options]\n"
               "commands:\n"
               "  cluster up            run a local cluster (ZooKeeper + 3 brokers) until Ctrl-C\n"
               "  local-cluster         the same, 1 broker by default (older name)\n"
               "  topics                create, list, describe, alter, delete topics (kafka-topics)\n"
               "  configs               describe and alter topic/broker configs (kafka-configs)\n"
               "  leader-election       preferred or unclean leader election (kafka-leader-election)\n"
               "  reassign-partitions   generate, execute, verify, cancel reassignments (kafka-reassign-partitions)\n"
               "  get-offsets           earliest/latest/by-time offsets of a topic (kafka-get-offsets)\n"
               "  consumer-groups       list, describe (lag), reset offsets, delete groups (kafka-consumer-groups)\n"
               "  dump-log              print a segment's batches and records (kafka-dump-log)\n"
               "  console-producer      produce records read from stdin (kafka-console-producer)\n"
               "  console-consumer      print a topic's records (kafka-console-consumer)\n"
               "  broker-api-versions   the API versions every broker serves (kafka-broker-api-versions)\n"
               "  log-dirs              log directories and partition sizes per broker (kafka-log-dirs)\n"
               "  delete-records        move partitions' log start offsets up (kafka-delete-records)\n"
               "  producer-perf-test    produce N records at a given rate, print latencies (kafka-producer-perf-test)\n"
               "  consumer-perf-test    consume N records, print throughput (kafka-consumer-perf-test)\n"
               "  user-scram-credentials  list users' SCRAM credentials (mechanisms, iterations)\n"
               "  schemas               Schema Registry subjects, versions, register, compatibility, config\n"
               "  transactions          list, describe, describe-producers, abort, find-hanging (kafka-transactions)\n"
               "  acls                  add, remove and list ACLs (kafka-acls)\n"
               "  --version             print the version\n"
               "Run 'partita-cli <command> --help' for a command's options.\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(stderr);
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--version") return partita::cli::PrintVersion();
  if (command == "--help" || command == "-h") return Usage(stdout);
  using namespace partita::cli;
  if (command == "local-cluster") return RunLocalCluster(args);
  if (command == "cluster") return RunCluster(args);
  if (command == "topics") return RunTopics(args);
  if (command == "configs") return RunConfigs(args);
  if (command == "leader-election") return RunLeaderElection(args);
  if (command == "reassign-partitions") return RunReassignPartitions(args);
  if (command == "get-offsets") return RunGetOffsets(args);
  if (command == "dump-log") return RunDumpLog(args);
  if (command == "consumer-groups") return RunConsumerGroups(args);
  if (command == "console-consumer") return RunConsoleConsumer(args);
  if (command == "console-producer") return RunConsoleProducer(args);
  if (command == "broker-api-versions") return RunBrokerApiVersions(args);
  if (command == "log-dirs") return RunLogDirs(args);
  if (command == "delete-records") return RunDeleteRecords(args);
  if (command == "producer-perf-test") return RunProducerPerfTest(args);
  if (command == "consumer-perf-test") return RunConsumerPerfTest(args);
  if (command == "user-scram-credentials") return RunUserScramCredentials(args);
  if (command == "schemas") return RunSchemas(args);
  if (command == "transactions") return RunTransactions(args);
  if (command == "acls") return RunAcls(args);
  std::fprintf(stderr, "partita-cli: unknown command '%s'\n", command.c_str());
  return Usage(stderr);
}
