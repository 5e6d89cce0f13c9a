// ZkLink: a relay between one ZooKeeper client handle and its servers that can be cut the way a crashed
// process's connections are. The C client cannot drop a connection without sending CloseSession (which ends the
// session at once) and reconnects by itself to any server of its list; so a client that must be able to vanish —
// an embedded broker killed from the desktop app, which must fail over only when its session times out, as after
// kill -9 — connects through a link instead, and Sever() closes both ends of every relayed connection and stops
// accepting new ones: to the server the client is simply gone, and nothing the handle sends afterwards arrives.
// One listening socket on 127.0.0.1 per server of the connect string; one thread relays all connections.
// Thread safety: Sever() and the destructor may be called from any thread; the rest is internal.
#pragma once

#include <memory>
#include <string>

#include "engine/common/status.h"

namespace partita::coordination {

class ZkLink {
 public:
  // servers: the "host:port,host:port" part of a connect string (no chroot).
  static Result<std::unique_ptr<ZkLink>> Open(const std::string& servers);
  ~ZkLink();
  ZkLink(const ZkLink&) = delete;
  ZkLink& operator=(const ZkLink&) = delete;

  // The connect string (without chroot) that reaches the servers through this link.
  const std::string& local_servers() const;
  // Closes every relayed connection (no byte of what is still buffered is delivered) and refuses new ones, for
  // good. Returns once the relay thread has closed them. Idempotent.
  void Sever();

 private:
  struct Impl;
  explicit ZkLink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partita::coordination
