// Helpers for coordination integration tests: a real ZooKeeper server per test in a temp dir, and polling.
#pragma once

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "engine/cluster/zookeeper_server.h"
#include "engine/coordination/zk_client.h"

namespace partita::testing {

struct ZkFixture {
  QTemporaryDir dir;
  std::unique_ptr<cluster::ZooKeeperServer> server;

  // Fails the test with the install command when Java or ZooKeeper is missing (never skips silently).
  bool Start() {
    if (!dir.isValid()) return false;
    cluster::ZooKeeperServer::Options options;
    options.data_dir = dir.path().toStdString() + "/zk";
    auto started = cluster::ZooKeeperServer::Start(options);
    if (!started.ok()) {
      qWarning("%s", started.status().ToString().c_str());
      return false;
    }
    server = std::move(started).value();
    return true;
  }
  std::unique_ptr<coordination::ZkClient> Connect(int session_timeout_ms = 6000) {
    auto c = coordination::ZkClient::Connect(server->ConnectString(), session_timeout_ms, 10000);
    if (!c.ok()) {
      qWarning("%s", c.status().ToString().c_str());
      return nullptr;
    }
    return std::move(c).value();
  }
  ~ZkFixture() {
    if (server) (void)server->Stop();
  }
};

// Polls until pred() or timeout; returns pred()'s last value.
inline bool WaitUntil(const std::function<bool()>& pred, int timeout_ms = 10000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

}  // namespace partita::testing
