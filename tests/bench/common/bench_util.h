// Small helpers shared by the benchmark tools that drive a LocalCluster (partita-failover-bench,
// partita-group-bench): a monotonic clock in nanoseconds, a polling wait, and the path of the partita-broker
// binary next to the tool in the build tree. Header-only, stateless; callable from any thread.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>

namespace partita::bench {

inline int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Polls ready() every poll_ms until it returns true (true) or timeout_ms passed (false).
template <typename F>
bool WaitFor(F ready, int timeout_ms, int poll_ms = 100) {
  const int64_t deadline = NowNs() + int64_t(timeout_ms) * 1000000;
  while (!ready()) {
    if (NowNs() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms));
  }
  return true;
}

// build/tests/bench/<tool>/<binary> -> build/app/broker/partita-broker; empty if /proc/self/exe is unreadable.
inline std::string SiblingBrokerBinary() {
  char self[4096] = {0};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return {};
  return (std::filesystem::path(self).parent_path() / "../../../app/broker/partita-broker").lexically_normal();
}

}  // namespace partita::bench
