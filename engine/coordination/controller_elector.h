// ControllerElector: Kafka's ZK-mode controller election for one broker.
//
// A broker becomes controller by one atomic multi-op: create the ephemeral /controller AND set /controller_epoch
// to epoch+1 conditionally on the zkVersion it read (created as "0" if missing). Whoever loses watches
// /controller and tries again when it disappears (the controller's session closed or expired).
// Fencing: the winner gets a FencingToken {epoch, epoch_zk_version}. Every controller write must be a multi that
// includes ZkOp::Check(/controller_epoch, epoch_zk_version) (see FencedOps): once another broker wins, the
// zkVersion moves and a deposed controller's writes fail with bad version instead of clobbering state.
// On such a failure the owner calls OnFenced(): the elector resigns at once and re-runs the election.
//
// Threads: all work and both callbacks run on the elector's own EventLoop thread, never on the ZooKeeper
// completion thread, so callbacks may block on ZooKeeper. Accessors are safe from any thread.
// Ownership: borrows the ZkClient (must outlive this object).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/coordination/event_loop.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

struct FencingToken {
  int32_t epoch = 0;             // the controller epoch this broker won
  int32_t epoch_zk_version = 0;  // /controller_epoch's zkVersion right after winning
};

// Prepends the fencing check to a controller write.
std::vector<ZkOp> FencedOps(const FencingToken& token, std::vector<ZkOp> ops);

class ControllerElector {
 public:
  struct Callbacks {
    std::function<void(const FencingToken&)> on_became_controller;
    std::function<void()> on_resigned;
  };

  ControllerElector(ZkClient* zk, int32_t broker_id, Callbacks callbacks);
  ~ControllerElector();
  ControllerElector(const ControllerElector&) = delete;
  ControllerElector& operator=(const ControllerElector&) = delete;

  // Starts electing (asynchronously).
  void Start();
  // Resigns (deletes /controller if it is ours) and stops. Blocks until done. Not from a callback.
  void Stop();
  // A fenced write failed: another controller exists. Resign at once and re-elect.
  void OnFenced();

  bool is_controller() const { return is_controller_.load(); }
  int32_t active_controller_id() const { return active_controller_id_.load(); }
  std::optional<FencingToken> fencing_token() const;
  int32_t broker_id() const { return broker_id_; }

 private:
  void Elect();
  void Resign();
  void ArmWatch();

  ZkClient* const zk_;
  const int32_t broker_id_;
  Callbacks callbacks_;
  int listener_id_ = 0;
  std::shared_ptr<EventLoop> loop_;
  bool started_ = false;  // loop thread only
  bool stopped_ = false;  // loop thread only
  bool watch_armed_ = false;  // loop thread only
  std::atomic<bool> is_controller_{false};
  std::atomic<int32_t> active_controller_id_{-1};
  mutable std::mutex token_mu_;
  std::optional<FencingToken> token_;
};

}  // namespace partita::coordination
