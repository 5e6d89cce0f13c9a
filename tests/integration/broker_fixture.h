// BrokerFixture: one real ZooKeeper server plus one real partita-broker child process, for integration tests.
//
// Contract: Start() makes a private temp dir, starts Debian's ZooKeeper on a free loopback port, writes
// <root>/server.properties (broker.id, listeners on a free port, log.dirs, zookeeper.connect, plus the caller's
// properties) and fork/execs ${PARTITA_BUILD_DIR}/app/broker/partita-broker. It returns only once the broker's port
// accepts connections AND a hand-encoded Metadata v1 request is answered with our broker in the broker list.
// StopBroker() is a clean stop (SIGTERM, wait); KillBroker() is a crash (SIGKILL). StartBroker() restarts on the
// same port and dirs. The broker's stdout/stderr are appended to <root>/broker.log.
// Ownership: the fixture owns both processes and the temp dir; the destructor kills the broker (SIGKILL), stops
// ZooKeeper and removes the dir (kept when PARTITA_KEEP_TEST_DIRS=1). Children get PR_SET_PDEATHSIG(SIGKILL), so
// a test killed by a ctest timeout leaves nothing running.
// Thread safety: none; one test thread.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/cluster/zookeeper_server.h"
#include "engine/common/status.h"

class QTemporaryDir;

namespace partita::itest {

struct BrokerOptions {
  int broker_id = 1;
  int num_partitions = 1;
  bool auto_create_topics = true;
  // Extra server.properties lines, written after the defaults (so they win).
  std::vector<std::pair<std::string, std::string>> properties;
  // More listeners after the PLAINTEXT one the fixture probes, e.g. "SSL://127.0.0.1:19093".
  std::vector<std::string> extra_listeners;
  int ready_timeout_ms = 60000;
};

class BrokerFixture {
 public:
  static Result<std::unique_ptr<BrokerFixture>> Start(const BrokerOptions& options = {});
  ~BrokerFixture();
  BrokerFixture(const BrokerFixture&) = delete;
  BrokerFixture& operator=(const BrokerFixture&) = delete;

  // Starts (or restarts) the broker with the same properties, port and dirs; waits until it serves metadata.
  Status StartBroker();
  // StartBroker, retried for up to retry_ms while the broker refuses to start because its id is still registered
  // in ZooKeeper by the session of a killed predecessor (as Kafka does until zookeeper.session.timeout.ms passes).
  Status StartBrokerAfterCrash(int retry_ms = 60000);
  // SIGTERM and wait for exit; an error if it does not exit in time (then it is killed) or exits non-zero.
  Status StopBroker(int timeout_ms = 60000);
  // SIGKILL and reap. Idempotent.
  void KillBroker();
  // True while the child has not exited (reaps it if it has).
  bool BrokerRunning();
  // Exit status of the last broker process as waitpid reported it; -1 while running / never started.
  int last_wait_status() const { return last_wait_status_; }

  std::string bootstrap() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  int broker_id() const { return options_.broker_id; }
  pid_t broker_pid() const { return pid_; }
  const std::string& root_dir() const { return root_; }
  const std::string& log_dir() const { return log_dir_; }
  const std::string& properties_path() const { return properties_path_; }
  std::string broker_log_path() const { return root_ + "/broker.log"; }
  std::string zookeeper_connect() const { return zk_ ? zk_->ConnectString() : std::string(); }
  std::string BrokerLogTail(size_t max_bytes = 4000) const;
  std::string BrokerLog() const;

 private:
  BrokerFixture() = default;
  Status WriteProperties();
  Status WaitUntilReady();

  BrokerOptions options_;
  std::unique_ptr<QTemporaryDir> temp_;
  std::string root_;
  std::string log_dir_;
  std::string properties_path_;
  std::string broker_binary_;
  std::unique_ptr<cluster::ZooKeeperServer> zk_;
  int port_ = 0;
  pid_t pid_ = -1;
  int last_wait_status_ = -1;
  int starts_ = 0;
};

// The broker binary: ${PARTITA_BUILD_DIR}/app/broker/partita-broker (PARTITA_BUILD_DIR is set by ctest).
std::string BrokerBinaryPath();

// Sends Metadata v1 (all topics) to 127.0.0.1:port and checks that the answer lists expected_broker_id.
Status ProbeMetadata(int port, int expected_broker_id, int timeout_ms);

}  // namespace partita::itest
