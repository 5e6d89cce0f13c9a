// The browser benchmarks' broker: one real partita-broker (BrokerFixture: a real ZooKeeper, the broker as a child
// process) with topic auto-creation off, and a client connected to it.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>

#include "engine/client/cluster_client.h"
#include "tests/integration/broker_fixture.h"

namespace partita::bench {

struct BenchBroker {
  std::unique_ptr<itest::BrokerFixture> fixture;
  std::unique_ptr<client::ClusterClient> client;
};

// nullopt (after saying why on stderr) when the broker does not start or cannot be reached.
inline std::optional<BenchBroker> StartBenchBroker() {
  itest::BrokerOptions options;
  options.auto_create_topics = false;
  auto fx = itest::BrokerFixture::Start(options);
  if (!fx.ok()) {
    std::fprintf(stderr, "broker: %s\n", fx.status().ToString().c_str());
    return std::nullopt;
  }
  auto client = client::ClusterClient::Connect((*fx)->bootstrap());
  if (!client.ok()) {
    std::fprintf(stderr, "client: %s\n", client.status().ToString().c_str());
    return std::nullopt;
  }
  return BenchBroker{std::move(*fx), std::move(*client)};
}

}  // namespace partita::bench
