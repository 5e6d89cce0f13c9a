#include "engine/coordination/controller_elector.h"

#include <future>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {
constexpr int kRetryDelayMs = 300;
}

std::vector<ZkOp> FencedOps(const FencingToken& token, std::vector<ZkOp> ops) {
  ops.insert(ops.begin(), ZkOp::Check(std::string(zkpaths::kControllerEpoch), token.epoch_zk_version));
  return ops;
}

ControllerElector::ControllerElector(ZkClient* zk, int32_t broker_id, Callbacks callbacks)
    : zk_(zk), broker_id_(broker_id), callbacks_(std::move(callbacks)),
      loop_(std::make_shared<EventLoop>("controller-elector")) {
  listener_id_ = zk_->AddSessionListener([this, loop = loop_] {
    loop->Post([this] {
      // The old session's /controller (if ours) and our watch are gone. Resign now, then compete again.
      watch_armed_ = false;
      Resign();
      if (started_ && !stopped_) Elect();
    });
  });
}

ControllerElector::~ControllerElector() {
  Stop();
  zk_->RemoveSessionListener(listener_id_);
  loop_->Stop();
}

void ControllerElector::Start() {
  loop_->Post([this] {
    if (started_ || stopped_) return;
    started_ = true;
    Elect();
  });
}

void ControllerElector::Stop() {
  std::promise<void> done;
  auto fut = done.get_future();
  loop_->Post([this, &done] {
    if (!stopped_) {
      stopped_ = true;
      if (is_controller_) {
        // Delete /controller only if it is still ours (same session): then the others elect at once
        // instead of waiting for our session to close.
        Result<ZkGetResult> got = zk_->Get(std::string(zkpaths::kController));
        if (got.ok() && got->stat.ephemeral_owner == zk_->session_id()) {
          (void)zk_->Delete(std::string(zkpaths::kController), got->stat.version);
        }
      }
      Resign();
    }
    done.set_value();
  });
  // If the loop was already stopped the task is dropped; never wait forever.
  fut.wait_for(std::chrono::seconds(30));
}

void ControllerElector::OnFenced() {
  loop_->Post([this] {
    spdlog::warn("broker {}: controller write fenced; another controller was elected", broker_id_);
    Resign();
    if (started_ && !stopped_) Elect();
  });
}

std::optional<FencingToken> ControllerElector::fencing_token() const {
  std::lock_guard<std::mutex> lock(token_mu_);
  return token_;
}

void ControllerElector::Resign() {
  if (!is_controller_.exchange(false)) return;
  {
    std::lock_guard<std::mutex> lock(token_mu_);
    token_.reset();
  }
  if (active_controller_id_ == broker_id_) active_controller_id_ = -1;
  if (callbacks_.on_resigned) callbacks_.on_resigned();
}

void ControllerElector::ArmWatch() {
  if (watch_armed_) return;
  // Exists-watch: fires on creation, deletion and data change, whether or not the node exists now.
  Result<std::optional<ZkStat>> r = zk_->Exists(std::string(zkpaths::kController), [this, loop = loop_](const WatchEvent&) {
    loop->Post([this] {
      watch_armed_ = false;
      if (started_ && !stopped_) Elect();
    });
  });
  if (r.ok()) watch_armed_ = true;
}

void ControllerElector::Elect() {
  if (stopped_) return;
  const std::string controller_path(zkpaths::kController);
  const std::string epoch_path(zkpaths::kControllerEpoch);
  ArmWatch();
  Result<ZkGetResult> current = zk_->Get(controller_path);
  if (current.ok()) {
    Result<ControllerInfo> info = DecodeControllerInfo(current->data);
    const int32_t id = info.ok() ? info->broker_id : -1;
    active_controller_id_ = id;
    const bool ours = current->stat.ephemeral_owner == zk_->session_id();
    if (!ours) Resign();  // deposed (or never were); a stale node of our expired session vanishes by itself
    if (!watch_armed_) loop_->Post([this] { Elect(); }, kRetryDelayMs);
    return;
  }
  if (!current.status().IsNotFound()) {
    loop_->Post([this] { Elect(); }, kRetryDelayMs);
    return;
  }
  // No controller: read the epoch (creating it as 0 on a fresh cluster), then try the atomic takeover.
  Result<ZkGetResult> epoch_node = zk_->Get(epoch_path);
  if (!epoch_node.ok() && epoch_node.status().IsNotFound()) {
    Result<std::string> created = zk_->Create(epoch_path, EncodeControllerEpoch(0), CreateMode::kPersistent);
    if (!created.ok() && created.status().code() != Status::Code::kAlreadyExists) {
      loop_->Post([this] { Elect(); }, kRetryDelayMs);
      return;
    }
    epoch_node = zk_->Get(epoch_path);
  }
  if (!epoch_node.ok()) {
    loop_->Post([this] { Elect(); }, kRetryDelayMs);
    return;
  }
  Result<int32_t> epoch = DecodeControllerEpoch(epoch_node->data);
  if (!epoch.ok()) {
    spdlog::error("broker {}: {}", broker_id_, epoch.status().ToString());
    loop_->Post([this] { Elect(); }, 5 * kRetryDelayMs);
    return;
  }
  const int32_t new_epoch = *epoch + 1;
  std::vector<ZkOpResult> results;
  Status s = zk_->Multi({ZkOp::Create(controller_path, EncodeControllerInfo({broker_id_, WallClockMs()}),
                                      CreateMode::kEphemeral),
                         ZkOp::SetData(epoch_path, EncodeControllerEpoch(new_epoch), epoch_node->stat.version)},
                        &results);
  if (s.ok()) {
    FencingToken token{new_epoch, results[1].stat.version};
    {
      std::lock_guard<std::mutex> lock(token_mu_);
      token_ = token;
    }
    active_controller_id_ = broker_id_;
    is_controller_ = true;
    spdlog::info("broker {}: elected controller, epoch {}", broker_id_, new_epoch);
    if (callbacks_.on_became_controller) callbacks_.on_became_controller(token);
    return;
  }
  // Lost the race (node exists / epoch moved) or ZooKeeper hiccup: look again; the watch covers the rest.
  const int delay = (s.code() == Status::Code::kAlreadyExists || IsBadVersion(s)) ? 0 : kRetryDelayMs;
  loop_->Post([this] { Elect(); }, delay);
}

}  // namespace partita::coordination
