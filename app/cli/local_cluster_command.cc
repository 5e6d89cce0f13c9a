// partita-cli cluster up [--dir DIR] [--brokers N] [--processes] [--override key=value]...  (default 3 brokers)
// partita-cli local-cluster [--data-dir DIR] [--brokers N] [--processes] [--override key=value]...  (alias, 1)
// Starts ZooKeeper and the brokers, prints the bootstrap servers, and runs until SIGINT/SIGTERM, then stops
// everything cleanly. The data dir keeps the cluster's data and ports for the next start.
// Every broker serves the Schema Registry on a free loopback port (issue 15), printed with the bootstrap list;
// --override schema.registry.listeners= (empty) turns it off, or names other addresses.
#include <signal.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include "app/cli/commands.h"
#include "app/cli/registry_urls.h"
#include "engine/cluster/local_cluster.h"

namespace partita::cli {

namespace {

std::string DefaultDataDir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  std::string base = xdg && *xdg ? xdg : std::string(home ? home : "/tmp") + "/.local/share";
  return base + "/partita/clusters/default";
}

std::string SiblingBinary(const char* name) {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return name;
  self[n] = 0;
  auto dir = std::filesystem::path(self).parent_path();
  for (auto candidate : {dir / name, dir.parent_path() / "broker" / name}) {
    if (std::filesystem::exists(candidate)) return candidate.string();
  }
  return name;
}

}  // namespace

int RunCluster(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fprintf(args.empty() ? stderr : stdout,
                 "usage: partita-cli cluster up [--dir DIR] [--brokers N] [--processes] [--override key=value]...\n");
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "up") {
    std::fprintf(stderr, "cluster: unknown action '%s' (expected: up)\n", args[0].c_str());
    return 2;
  }
  return RunLocalCluster(std::vector<std::string>(args.begin() + 1, args.end()), 3, "cluster up");
}

int RunLocalCluster(const std::vector<std::string>& args, int default_brokers, const char* verb) {
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug for more detail
  cluster::LocalCluster::Options options;
  options.data_dir = DefaultDataDir();
  options.brokers = default_brokers;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "%s: %s needs a value\n", verb, a.c_str());
        std::exit(2);
      }
      return args[++i];
    };
    if (a == "--data-dir" || a == "--dir") {
      options.data_dir = value();
    } else if (a == "--brokers") {
      options.brokers = std::atoi(value().c_str());
    } else if (a == "--processes") {
      options.mode = cluster::LocalCluster::BrokerMode::kProcess;
    } else if (a == "--override") {
      std::string kv = value();
      auto eq = kv.find('=');
      if (eq == std::string::npos) {
        std::fprintf(stderr, "%s: --override needs key=value\n", verb);
        return 2;
      }
      options.broker_overrides[kv.substr(0, eq)] = kv.substr(eq + 1);
    } else if (a == "--help" || a == "-h") {
      std::printf(
          "usage: partita-cli %s [--dir DIR] [--brokers N] [--processes] [--override key=value]...\n"
          "  --dir DIR        cluster data (default %s; --data-dir is the same)\n"
          "  --brokers N      number of brokers (default %d)\n"
          "  --processes      run brokers as partita-broker processes instead of in this process\n"
          "  --override k=v   a server.properties setting for every broker\n"
          "                   (the Schema Registry is on by default: schema.registry.listeners=%s;\n"
          "                   --override schema.registry.listeners= turns it off; metrics.listener=%s\n"
          "                   likewise serves Prometheus metrics; with one broker, listeners=... adds e.g. an\n"
          "                   SSL listener: its first listener, with its port, is the bootstrap address)\n",
          verb, DefaultDataDir().c_str(), default_brokers, kLocalRegistryListener, kLocalMetricsListener);
      return 0;
    } else {
      std::fprintf(stderr, "%s: unknown option '%s'\n", verb, a.c_str());
      return 2;
    }
  }
  if (options.brokers < 1) {
    std::fprintf(stderr, "%s: --brokers must be at least 1\n", verb);
    return 2;
  }
  options.broker_binary = SiblingBinary("partita-broker");
  if (!options.broker_overrides.count(kRegistryListenersKey)) options.broker_overrides[kRegistryListenersKey] = kLocalRegistryListener;
  if (!options.broker_overrides.count(kMetricsListenerKey)) options.broker_overrides[kMetricsListenerKey] = kLocalMetricsListener;

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto cluster = cluster::LocalCluster::Start(options);
  if (!cluster.ok()) {
    std::fprintf(stderr, "%s: %s\n", verb, cluster.status().ToString().c_str());
    return 1;
  }
  std::printf("Local cluster running: %d broker(s), data in %s\n", options.brokers, options.data_dir.c_str());
  std::printf("ZooKeeper:         %s\n", (*cluster)->ZooKeeperConnect().c_str());
  std::printf("Bootstrap servers: %s\n", (*cluster)->BootstrapServers().c_str());
  if (!options.broker_overrides[kRegistryListenersKey].empty()) {
    std::vector<int> ids;
    for (const auto& b : (*cluster)->Brokers()) ids.push_back(b.id);
    auto urls = ReadRegistryUrls((*cluster)->ZooKeeperConnect(), ids);
    std::string list;
    if (urls.ok()) {
      for (const auto& [id, url] : *urls) list += (list.empty() ? "" : ",") + url;
    }
    std::printf("Schema Registry:   %s\n", list.empty() ? "(not answering)" : list.c_str());
  }
  std::printf("Try: kcat -b %s -L\nPress Ctrl-C to stop.\n", (*cluster)->BootstrapServers().c_str());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&signals, &sig);
  std::printf("Stopping the local cluster...\n");
  auto st = (*cluster)->Stop();
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", verb, st.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace partita::cli
