#include "engine/coordination/broker_registrar.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "engine/common/clock.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {

BrokerRegistrar::BrokerRegistrar(ZkClient* zk, BrokerRegistration registration,
                                 std::function<void(const Status&)> on_reregistered)
    : zk_(zk), registration_(std::move(registration)), on_reregistered_(std::move(on_reregistered)) {
  listener_id_ = zk_->AddSessionListener([this] {
    // New session: the old ephemeral vanished with the old one. Retry briefly through connection blips.
    Status s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!registered_) return;
      for (int attempt = 0; attempt < 20; ++attempt) {
        s = RegisterLocked();
        if (s.code() != Status::Code::kUnavailable) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
      }
    }
    if (on_reregistered_) on_reregistered_(s);
  });
}

BrokerRegistrar::~BrokerRegistrar() { zk_->RemoveSessionListener(listener_id_); }

Status BrokerRegistrar::EnsurePersistentPaths(ZkClient* zk) {
  for (std::string_view path : zkpaths::kPersistentPaths) PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(path)));
  return zk->EnsurePath(std::string(kStateChangesPath));  // Partita's batched leader/ISR notifications
}

Result<std::string> BrokerRegistrar::GetOrCreateClusterId(ZkClient* zk) {
  const std::string path(zkpaths::kClusterId);
  for (int attempt = 0; attempt < 3; ++attempt) {
    Result<ZkGetResult> got = zk->Get(path);
    if (got.ok()) return DecodeClusterId(got->data);
    if (!got.status().IsNotFound()) return got.status();
    Result<std::string> created = zk->Create(path, EncodeClusterId(GenerateClusterId()), CreateMode::kPersistent,
                                             /*create_parents=*/true);
    if (!created.ok() && created.status().code() != Status::Code::kAlreadyExists) return created.status();
  }
  return Status::Unavailable("could not read or create /cluster/id");
}

Status BrokerRegistrar::Register() {
  std::lock_guard<std::mutex> lock(mu_);
  Status s = RegisterLocked();
  if (s.ok()) registered_ = true;
  return s;
}

Status BrokerRegistrar::RegisterLocked() {
  PARTITA_RETURN_IF_ERROR(EnsurePersistentPaths(zk_));
  Result<std::string> cluster_id = GetOrCreateClusterId(zk_);
  if (!cluster_id.ok()) return cluster_id.status();
  cluster_id_ = *cluster_id;

  BrokerRegistration reg = registration_;
  reg.timestamp_ms = WallClockMs();
  const std::string path = zkpaths::BrokerIdPath(reg.id);
  Result<std::string> created = zk_->Create(path, EncodeBrokerRegistration(reg), CreateMode::kEphemeral);
  if (!created.ok() && created.status().code() != Status::Code::kAlreadyExists) return created.status();
  Result<ZkGetResult> got = zk_->Get(path);
  if (!got.ok()) return got.status();
  if (got->stat.ephemeral_owner != zk_->session_id()) {
    char owner[32];
    std::snprintf(owner, sizeof(owner), "0x%llx", static_cast<unsigned long long>(got->stat.ephemeral_owner));
    return Status::AlreadyExists("broker id " + std::to_string(reg.id) +
                                 " is already registered in ZooKeeper by a live broker (session " + owner +
                                 "); stop that broker or choose another broker.id");
  }
  broker_epoch_ = got->stat.czxid;
  return Status::Ok();
}

std::string BrokerRegistrar::cluster_id() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cluster_id_;
}

int64_t BrokerRegistrar::broker_epoch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return broker_epoch_;
}

}  // namespace partita::coordination
