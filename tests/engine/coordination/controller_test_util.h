// Helpers for controller tests against a real ZooKeeper: simulated brokers (one ZkClient and registration each),
// a cluster of them with a controller, and readers of the partition state znodes.
#pragma once

#include <QtTest>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/isr_update.h"
#include "engine/coordination/zk_paths.h"
#include "tests/engine/coordination/zk_test_util.h"

namespace partita::testing {

using namespace partita::coordination;

inline TopicPartition Tp(const std::string& t, int32_t p) { return TopicPartition{t, PartitionId(p)}; }

// A simulated broker: its own ZooKeeper session and registration. Reset() = the broker dies.
struct SimBroker {
  std::unique_ptr<ZkClient> zk;
  std::unique_ptr<BrokerRegistrar> reg;
  BrokerRegistration registration;
  bool Start(ZkFixture& f, int32_t id, std::optional<std::string> rack = std::nullopt) {
    zk = f.Connect();
    if (!zk) return false;
    registration = BrokerRegistration{};
    registration.id = id;
    registration.host = "127.0.0.1";
    registration.port = 9000 + id;
    registration.endpoints = {BrokerEndpoint{"PLAINTEXT", "127.0.0.1", 9000 + id, "PLAINTEXT"}};
    registration.rack = rack;
    reg = std::make_unique<BrokerRegistrar>(zk.get(), registration);
    return reg->Register().ok();
  }
  // The broker restarts (kill -9 and a fast restart) and its new incarnation registers before anyone sees the
  // old registration go: the old ephemeral is replaced by the new session's in ONE ZooKeeper transaction, so no
  // watch round ever shows the id missing — only the czxid (the broker epoch) changes. The new registrar then
  // finds the node already there and recognises it as its own session's (Kafka's checkedEphemeralCreate).
  bool Bounce(ZkFixture& f) {
    auto next = f.Connect();
    if (!next) return false;
    const std::string path = zkpaths::BrokerIdPath(registration.id);
    Status s = next->Multi({ZkOp::Delete(path), ZkOp::Create(path, EncodeBrokerRegistration(registration),
                                                             CreateMode::kEphemeral)});
    if (!s.ok()) return false;
    reg.reset();
    zk = std::move(next);  // the old session closes with nothing of it left
    reg = std::make_unique<BrokerRegistrar>(zk.get(), registration);
    return reg->Register().ok();
  }
  void Kill() {
    reg.reset();
    zk.reset();
  }
};

inline std::string Raw(ZkClient* zk, const std::string& path) {
  auto got = zk->Get(path);
  if (got.ok()) return got->data;
  std::string error = "<";  // built by appending: GCC 12 warns falsely (-Wrestrict) on "<" + std::string
  error.append(got.status().ToString()).append(">");
  return error;
}

inline PartitionState State(ZkClient* zk, const std::string& t, int32_t p) {
  auto s = DecodePartitionState(Raw(zk, zkpaths::PartitionStatePath(t, p)));
  return s.ok() ? *s : PartitionState{-2, -2, -2, {}};
}

// What a partition leader does when a follower catches up (or falls behind).
inline Status LeaderSetsIsr(ZkClient* zk, const std::string& t, int32_t p, std::vector<int32_t> isr) {
  auto got = zk->Get(zkpaths::PartitionStatePath(t, p));
  if (!got.ok()) return got.status();
  PartitionState st = *DecodePartitionState(got->data);
  st.isr = std::move(isr);
  return UpdateIsr(zk, t, p, st, got->stat.version);
}

template <class T>
T Wait(std::future<T> f) {
  if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) qFatal("controller did not answer");
  return f.get();
}

inline Controller::Options NoRebalance() {
  Controller::Options o;
  o.auto_leader_rebalance_enable = false;
  return o;
}

struct Cluster {
  ZkFixture zk;
  SimBroker brokers[4];  // ids 1..3 at [1..3]
  std::unique_ptr<Controller> controller;
  bool Start(Controller::Options options = NoRebalance(), int n = 3) {
    if (!zk.Start()) return false;
    for (int i = 1; i <= n; ++i) {
      if (!brokers[i].Start(zk, i)) return false;
    }
    controller = std::make_unique<Controller>(brokers[1].zk.get(), 1, options);
    controller->Start();
    return WaitUntil([&] { return controller->is_active(); });
  }
  ZkClient* c() { return brokers[1].zk.get(); }
  Status Create(const std::string& name, ReplicaAssignment assignment) {
    CreateTopicRequest req;
    req.name = name;
    req.manual_assignment = std::move(assignment);
    return Wait(controller->CreateTopic(req));
  }
  ~Cluster() { controller.reset(); }
};

}  // namespace partita::testing
