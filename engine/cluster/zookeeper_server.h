// ZooKeeperServer: runs Debian's ZooKeeper (Java) as a child process with a private config, for local clusters
// and integration tests.
//
// Contract: Start() writes <data_dir>/zoo.cfg, fork/execs `java ... QuorumPeerMain zoo.cfg` directly (so pid() is
// java's own pid, not a shell's), and returns only once the server answers the `srvr` four-letter word with
// "Mode:" (i.e. it serves clients). The child gets PR_SET_PDEATHSIG(SIGKILL) so it never outlives us.
// Its stdout/stderr go to <data_dir>/zookeeper.log. If java or /usr/share/java/zookeeper.jar is missing, Start
// returns Unavailable naming the Debian packages to install.
// Ownership: the object owns the process; the destructor calls Stop(). The data dir is the caller's.
// Thread safety: not thread-safe; one owner thread.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "engine/common/status.h"

namespace partita::cluster {

class ZooKeeperServer {
 public:
  struct Options {
    std::string data_dir;     // created if missing; holds zoo.cfg, data/ and zookeeper.log
    int port = 0;             // 0 = pick a free loopback port
    std::string java = "java";
    int heap_mb = 256;
    int start_timeout_ms = 30000;
  };

  static Result<std::unique_ptr<ZooKeeperServer>> Start(const Options& options);

  ~ZooKeeperServer();
  ZooKeeperServer(const ZooKeeperServer&) = delete;
  ZooKeeperServer& operator=(const ZooKeeperServer&) = delete;

  int port() const { return port_; }
  std::string ConnectString() const { return "127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  const std::string& log_path() const { return log_path_; }

  // SIGTERM, wait up to ~10 s, then SIGKILL. Idempotent.
  Status Stop();
  // SIGKILL and reap: a crash, for fault tests. Idempotent.
  void Kill();

  // Sends a four-letter word ("srvr", "ruok", "stat", ...) and returns the answer.
  static Result<std::string> FourLetterWord(int port, const std::string& word, int timeout_ms = 2000);
  // A port free on 127.0.0.1 now, below the kernel's ephemeral range when one is free there (so that no
  // outgoing connection takes it before it is bound), else one the kernel chooses.
  static Result<int> PickFreePort();

 private:
  ZooKeeperServer() = default;
  Status Launch(const Options& options);

  int port_ = 0;
  pid_t pid_ = -1;
  std::string log_path_;
};

}  // namespace partita::cluster
