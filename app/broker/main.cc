// partita-broker: the engine as a daemon, configured like Kafka with server.properties.
//   partita-broker <server.properties> [--override key=value]...
//   partita-broker --version
//   partita-broker --config-reference
// SIGTERM / SIGINT: clean shutdown (checkpoints and the clean-shutdown marker are written).
#include <signal.h>

#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/broker/broker_config.h"
#include "engine/broker/config_reference.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: partita-broker <server.properties> [--override key=value]...\n"
               "       partita-broker --version\n"
               "       partita-broker --config-reference   (print docs/CONFIG.md: every key and its state)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string properties;
  std::vector<std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--version" || arg == "-v") {
      std::printf("partita-broker %s\n", PARTITA_VERSION_STRING);
      return 0;
    }
    if (arg == "--help" || arg == "-h") return Usage(), 0;
    if (arg == "--config-reference") {
      std::fputs(partita::broker::RenderConfigReference().c_str(), stdout);
      return 0;
    }
    if (arg == "--override") {
      if (i + 1 >= argc) return Usage();
      overrides.push_back(argv[++i]);
    } else if (arg.rfind("--override=", 0) == 0) {
      overrides.push_back(arg.substr(11));
    } else if (properties.empty() && arg[0] != '-') {
      properties = arg;
    } else {
      std::fprintf(stderr, "partita-broker: unknown argument '%s'\n", arg.c_str());
      return Usage();
    }
  }
  if (properties.empty()) return Usage();

  spdlog::set_pattern("[%Y-%m-%d %H:%M:%S,%e] %^%l%$ %v");
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug for more detail
  std::vector<std::string> warnings;
  auto config = partita::broker::BrokerConfig::FromFile(properties, overrides, &warnings);
  for (const auto& w : warnings) spdlog::warn("{}", w);
  if (!config.ok()) {
    spdlog::error("configuration error: {}", config.status().message());
    return 1;
  }

  // Signals are taken synchronously by a waiting thread; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto broker = partita::broker::Broker::Create(std::move(*config));
  if (!broker.ok()) {
    spdlog::error("cannot create broker: {}", broker.status().ToString());
    return 1;
  }
  if (auto st = (*broker)->Start(); !st.ok()) {
    spdlog::error("cannot start broker: {}", st.ToString());
    (*broker)->Shutdown();
    return 1;
  }
  spdlog::info("partita-broker {} started: broker.id={} listening on {}", PARTITA_VERSION_STRING,
               (*broker)->id(), (*broker)->BootstrapServers());

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("received {}, shutting down cleanly", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  (*broker)->Shutdown();
  spdlog::info("shutdown complete");
  return 0;
}
