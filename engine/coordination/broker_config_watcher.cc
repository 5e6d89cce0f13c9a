#include "engine/coordination/broker_config_watcher.h"

#include <spdlog/spdlog.h>

#include "engine/coordination/config_changes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {
constexpr int kRetryDelayMs = 500;
}

BrokerConfigWatcher::BrokerConfigWatcher(ZkClient* zk, int32_t broker_id, OnChange on_change)
    : zk_(zk), broker_id_(broker_id), on_change_(std::move(on_change)),
      loop_(std::make_shared<EventLoop>("config-watcher-" + std::to_string(broker_id))) {
  listener_id_ = zk_->AddSessionListener([this, loop = loop_] {
    loop->Post([this] {
      watch_armed_ = false;  // the old session's watches are gone
      Refresh();
    });
  });
}

BrokerConfigWatcher::~BrokerConfigWatcher() {
  zk_->RemoveSessionListener(listener_id_);
  Stop();
}

void BrokerConfigWatcher::Start() {
  loop_->Post([this] { Refresh(); });
}

void BrokerConfigWatcher::Stop() { loop_->Stop(); }

void BrokerConfigWatcher::Refresh() {
  if (!watch_armed_) {
    // The watch is one-shot: it fires on the next notification, which re-arms it here.
    WatchCallback watch = [this, loop = loop_](const WatchEvent&) {
      loop->Post([this] {
        watch_armed_ = false;
        Refresh();
      });
    };
    Status st = zk_->EnsurePath(std::string(zkpaths::kConfigChanges));
    Result<std::vector<std::string>> children =
        st.ok() ? zk_->GetChildren(std::string(zkpaths::kConfigChanges), watch) : Result<std::vector<std::string>>(st);
    if (!children.ok()) {
      spdlog::warn("broker {}: watching /config/changes failed: {}; retrying", broker_id_,
                   children.status().ToString());
      loop_->Post([this] { Refresh(); }, kRetryDelayMs);
      return;
    }
    watch_armed_ = true;
  }
  for (const auto& refresh : refreshers_) {
    Status st = refresh();
    if (!st.ok()) {
      spdlog::warn("broker {}: refreshing /config state failed: {}; retrying", broker_id_, st.ToString());
      loop_->Post([this] { Refresh(); }, kRetryDelayMs);
      return;
    }
  }
  Result<TopicConfig> cluster_default = ReadBrokerConfig(zk_, std::nullopt);
  Result<TopicConfig> per_broker = ReadBrokerConfig(zk_, broker_id_);
  if (!cluster_default.ok() || !per_broker.ok()) {
    spdlog::warn("broker {}: reading dynamic broker configs failed: {}; retrying", broker_id_,
                 (!cluster_default.ok() ? cluster_default.status() : per_broker.status()).ToString());
    loop_->Post([this] { Refresh(); }, kRetryDelayMs);
    return;
  }
  auto now = std::make_pair(std::move(*cluster_default), std::move(*per_broker));
  if (delivered_ && *delivered_ == now) return;
  delivered_ = now;
  on_change_(now.first, now.second);
}

}  // namespace partita::coordination
