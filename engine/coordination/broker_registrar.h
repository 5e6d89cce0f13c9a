// BrokerRegistrar: registers this broker in ZooKeeper the way a Kafka broker does in ZK mode.
//
// Register(): creates Kafka's persistent paths, reads or creates /cluster/id, then creates the ephemeral
// /brokers/ids/N. If N is held by another live session it fails with AlreadyExists naming the owner session,
// never stealing the id; a node that already exists and is owned by this session (a create whose answer was lost
// to a connection blip, retried) is recognised as ours, as Kafka's checkedEphemeralCreate does. The broker epoch
// (KIP-380) is the registration node's czxid: it grows with every registration, so the controller tells a
// restarted broker from the one it knew, and the broker never leads from a state older than it (MayLeadFrom).
// After a session expiry the ZkClient opens a new session and this class re-registers automatically (on the
// ZkClient session thread) and reports through on_reregistered.
// Ownership: borrows the ZkClient, which must outlive it. Thread safety: Register() from one thread; the
// accessors are safe from any thread.
#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

class BrokerRegistrar {
 public:
  BrokerRegistrar(ZkClient* zk, BrokerRegistration registration,
                  std::function<void(const Status&)> on_reregistered = nullptr);
  ~BrokerRegistrar();
  BrokerRegistrar(const BrokerRegistrar&) = delete;
  BrokerRegistrar& operator=(const BrokerRegistrar&) = delete;

  Status Register();

  std::string cluster_id() const;
  int64_t broker_epoch() const;
  int32_t broker_id() const { return registration_.id; }

  // Creates Kafka's persistent paths (idempotent). Exposed for the controller and tools.
  static Status EnsurePersistentPaths(ZkClient* zk);
  // Reads /cluster/id, creating it with a fresh id if missing (the first broker of a cluster wins the race).
  static Result<std::string> GetOrCreateClusterId(ZkClient* zk);

 private:
  Status RegisterLocked();

  ZkClient* const zk_;
  const BrokerRegistration registration_;
  std::function<void(const Status&)> on_reregistered_;
  int listener_id_ = 0;
  mutable std::mutex mu_;
  std::string cluster_id_;
  int64_t broker_epoch_ = -1;
  bool registered_ = false;
};

}  // namespace partita::coordination
