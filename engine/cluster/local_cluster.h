// LocalCluster: a whole Kafka-compatible cluster on this machine — a real ZooKeeper server (child process) and
// N brokers, either in-process (the desktop app's embedded engine) or as partita-broker child processes (so
// that a kill is a real kill -9). Everything lives under one data dir, and the ports are remembered in
// <data_dir>/cluster.json so that a cluster started again later keeps its data and its bootstrap address.
//   <data_dir>/cluster.json  <data_dir>/zookeeper/  <data_dir>/broker-<id>/{server.properties,logs/,broker.log}
// Thread safety: one owner thread.
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::broker {
class Broker;
}
namespace partita::cluster {

class ZooKeeperServer;

class LocalCluster {
 public:
  enum class BrokerMode { kInProcess, kProcess };
  struct Options {
    std::string data_dir;
    int brokers = 1;
    BrokerMode mode = BrokerMode::kInProcess;
    std::string broker_binary;  // kProcess: path of partita-broker
    std::map<std::string, std::string> broker_overrides;  // extra server.properties keys for every broker
    // Security protocol of each broker's one listener (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL); the ssl.* /
    // sasl.* keys it needs come in broker_overrides.
    std::string listener_protocol = "PLAINTEXT";
    // Run once ZooKeeper serves and before any broker starts, with its connect string: e.g. to create the SCRAM
    // users a SASL inter-broker login needs. An error stops the start.
    std::function<Status(const std::string& zookeeper_connect)> before_brokers;
    std::string host = "127.0.0.1";
  };
  struct BrokerInfo {
    int id = 0;
    int port = 0;
    bool running = false;
    pid_t pid = -1;  // kProcess only
    // The port its metrics.listener bound (in-process brokers serving metrics); 0 when unknown or not served.
    int metrics_port = 0;
  };

  // Starts ZooKeeper, then every broker; returns once all brokers serve.
  static Result<std::unique_ptr<LocalCluster>> Start(const Options& options);
  ~LocalCluster();  // Stop()

  std::string BootstrapServers() const;
  std::string ZooKeeperConnect() const;
  const std::string& data_dir() const { return options_.data_dir; }
  std::vector<BrokerInfo> Brokers() const;

  Status StartBroker(int id);
  // Clean stop (SIGTERM for processes).
  Status StopBroker(int id);
  // Abrupt stop: kill -9 for processes, Broker::Kill for in-process brokers.
  Status KillBroker(int id);
  // Stops every broker cleanly, then ZooKeeper.
  Status Stop();

 private:
  struct BrokerSlot {
    BrokerInfo info;
    std::unique_ptr<broker::Broker> embedded;
    // The port was picked free in this run, not read from cluster.json: nobody knows it yet, so another may be
    // picked when some other socket took it between the pick and the bind.
    bool port_picked_now = false;
  };
  explicit LocalCluster(Options options);
  Status LoadOrAssignPorts();
  Status SavePorts() const;
  std::string BrokerDir(int id) const;
  std::map<std::string, std::string> BrokerProperties(const BrokerSlot& slot) const;
  // Waits until every running broker is registered in ZooKeeper, so that the first client sees the whole
  // cluster (a broker accepts TCP connections before it has registered).
  Status WaitForRegistrations() const;

  Options options_;
  int zookeeper_port_ = 0;
  std::unique_ptr<ZooKeeperServer> zookeeper_;
  std::map<int, BrokerSlot> brokers_;
};

}  // namespace partita::cluster
