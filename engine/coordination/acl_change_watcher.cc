#include "engine/coordination/acl_change_watcher.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

#include "engine/coordination/acl_znodes.h"

namespace partita::coordination {
namespace {
constexpr int kRetryDelayMs = 500;
constexpr int64_t kChangeExpirationMs = 15 * 60 * 1000;  // Kafka's ZkNodeChangeNotificationListener default
const std::string kPaths[2] = {std::string(kAclLiteralChanges), std::string(kAclExtendedChanges)};
}  // namespace

AclChangeWatcher::AclChangeWatcher(ZkClient* zk, std::function<Status()> reload)
    : zk_(zk), reload_(std::move(reload)), loop_(std::make_shared<EventLoop>("acl-watcher")) {
  listener_id_ = zk_->AddSessionListener([this, loop = loop_] {
    loop->Post([this] {
      armed_[0] = armed_[1] = false;  // the old session's watches are gone
      Refresh();
    });
  });
}

AclChangeWatcher::~AclChangeWatcher() {
  zk_->RemoveSessionListener(listener_id_);
  Stop();
}

void AclChangeWatcher::Start() {
  loop_->Post([this] { Refresh(); });
}

void AclChangeWatcher::Stop() { loop_->Stop(); }

bool AclChangeWatcher::ArmAndPurge(const std::string& path, int i) {
  // The watch is one-shot: it fires on the next notification, which re-arms it here.
  WatchCallback watch = [this, i, loop = loop_](const WatchEvent&) {
    loop->Post([this, i] {
      armed_[i] = false;
      Refresh();
    });
  };
  Status st = zk_->EnsurePath(path);
  auto children = st.ok() ? zk_->GetChildren(path, watch) : Result<std::vector<std::string>>(st);
  if (!children.ok()) {
    spdlog::warn("watching {} failed: {}; retrying", path, children.status().ToString());
    return false;
  }
  armed_[i] = true;
  if (children->empty()) return true;
  std::vector<std::string> paths;
  for (const auto& c : *children) paths.push_back(path + "/" + c);
  auto nodes = zk_->GetMany(paths);
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  for (size_t k = 0; k < paths.size(); ++k) {
    if (nodes[k].ok() && now_ms - nodes[k]->stat.ctime > kChangeExpirationMs) {
      (void)zk_->Delete(paths[k], nodes[k]->stat.version);  // another broker may purge it first
    }
  }
  return true;
}

void AclChangeWatcher::Refresh() {
  for (int i = 0; i < 2; ++i) {
    if (!armed_[i] && !ArmAndPurge(kPaths[i], i)) {
      loop_->Post([this] { Refresh(); }, kRetryDelayMs);
      return;
    }
  }
  Status st = reload_();
  if (!st.ok()) {
    spdlog::warn("reloading ACLs failed: {}; retrying", st.ToString());
    loop_->Post([this] { Refresh(); }, kRetryDelayMs);
  }
}

}  // namespace partita::coordination
