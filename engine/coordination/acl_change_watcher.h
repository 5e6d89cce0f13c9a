// AclChangeWatcher: how every broker's ACL cache follows ZooKeeper, as Kafka's AclAuthorizer does with its
// ZkNodeChangeNotificationListeners on /kafka-acl-changes and /kafka-acl-extended-changes. A children watch on
// both; on start, on every new notification and on every new ZooKeeper session it calls `reload` (which re-reads
// every ACL: idempotent, so a lost or duplicated notification cannot leave a stale cache). A failed reload is
// retried. Notifications older than 15 minutes are deleted, as Kafka's listener does (changeExpirationMs), so
// the change paths do not grow without bound.
// Ownership: holds a session listener on the ZkClient, which must outlive it (Stop before destroying the client).
// Thread safety: reload runs on the watcher's own thread; Start/Stop from the owner thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engine/common/status.h"
#include "engine/coordination/event_loop.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

class AclChangeWatcher {
 public:
  AclChangeWatcher(ZkClient* zk, std::function<Status()> reload);
  ~AclChangeWatcher();
  AclChangeWatcher(const AclChangeWatcher&) = delete;
  AclChangeWatcher& operator=(const AclChangeWatcher&) = delete;

  void Start();
  void Stop();

 private:
  void Refresh();                                   // loop thread
  bool ArmAndPurge(const std::string& path, int i);  // loop thread

  ZkClient* zk_;
  std::function<Status()> reload_;
  std::shared_ptr<EventLoop> loop_;
  int listener_id_ = -1;
  bool armed_[2] = {false, false};  // loop thread
};

}  // namespace partita::coordination
