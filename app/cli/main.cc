// partita-cli: administration of Kafka-compatible clusters, with the verbs of Kafka's own tools, plus
// `local-cluster` to run a local ZooKeeper + brokers without the desktop app.
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace {

int Usage(FILE* out) {
  std::fprintf(out,
               "usage: partita-cli <command> [options]\n"
               "commands:\n"
               "  local-cluster   run a local cluster (ZooKeeper + brokers) until Ctrl-C\n"
               "  --version       print the version\n"
               "Run 'partita-cli <command> --help' for a command's options.\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(stderr);
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--version") {
    std::printf("partita-cli %s\n", PARTITA_VERSION_STRING);
    return 0;
  }
  if (command == "--help" || command == "-h") return Usage(stdout);
  if (command == "local-cluster") return partita::cli::RunLocalCluster(args);
  std::fprintf(stderr, "partita-cli: unknown command '%s'\n", command.c_str());
  return Usage(stderr);
}
