// BrokerConfigWatcher: how a running broker learns its dynamic configs, as Kafka's ZkConfigManager does in ZK
// mode — a children watch on /config/changes, where every AlterConfigs writer adds a sequential notification.
// On start, on every new notification and on every new ZooKeeper session it re-reads /config/brokers/<default>
// and /config/brokers/<id> and, when either differs from what it last delivered, calls on_change with both
// (a missing node is an empty map). Re-reading both nodes instead of parsing each notification's entity keeps
// the watcher idempotent: a lost or duplicated notification cannot leave the broker with a stale value.
// Ownership: holds a listener on the ZkClient, which must outlive it (Stop before destroying the client).
// Thread safety: on_change runs on the watcher's own thread; Start/Stop from the owner thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "engine/coordination/event_loop.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

class BrokerConfigWatcher {
 public:
  using OnChange = std::function<void(const TopicConfig& cluster_default, const TopicConfig& per_broker)>;

  BrokerConfigWatcher(ZkClient* zk, int32_t broker_id, OnChange on_change);
  ~BrokerConfigWatcher();
  BrokerConfigWatcher(const BrokerConfigWatcher&) = delete;
  BrokerConfigWatcher& operator=(const BrokerConfigWatcher&) = delete;

  // Also runs `refresh` on start, on every notification and on every new session (on the watcher's thread),
  // for state kept under /config other than broker configs (SCRAM credentials under /config/users). A failing
  // refresh is retried like a failed read. Call before Start.
  void AddRefresher(std::function<Status()> refresh) { refreshers_.push_back(std::move(refresh)); }

  void Start();
  void Stop();

 private:
  void Refresh();  // loop thread

  ZkClient* zk_;
  int32_t broker_id_;
  OnChange on_change_;
  std::shared_ptr<EventLoop> loop_;
  int listener_id_ = -1;
  bool watch_armed_ = false;  // loop thread
  std::optional<std::pair<TopicConfig, TopicConfig>> delivered_;  // loop thread
  std::vector<std::function<Status()>> refreshers_;
};

}  // namespace partita::coordination
