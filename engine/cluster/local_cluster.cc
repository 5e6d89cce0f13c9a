#include "engine/cluster/local_cluster.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/cluster/zookeeper_server.h"
#include "engine/coordination/zk_client.h"

namespace partita::cluster {

namespace fs = std::filesystem;

namespace {

bool PortAccepts(const std::string& host, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

// The keys a local cluster sets per broker cannot be overridden for every broker at once. `listeners` can, for a
// single broker, when its first listener (the one the cluster waits on and prints as bootstrap) names its port:
// that is how a local broker gets an SSL listener beside its plaintext one.
Result<int> CheckOverrides(const LocalCluster::Options& options) {
  for (const char* key : {"broker.id", "log.dirs", "log.dir", "zookeeper.connect"}) {
    if (options.broker_overrides.count(key))
      return Status::InvalidArgument(std::string("--override ") + key +
                                     ": a local cluster sets it for each broker (see its server.properties)");
  }
  auto it = options.broker_overrides.find("listeners");
  if (it == options.broker_overrides.end()) return 0;
  if (options.brokers != 1)
    return Status::InvalidArgument("--override listeners: a local cluster of " + std::to_string(options.brokers) +
                                   " brokers gives each broker its own port; override listeners with one broker only");
  auto listeners = broker::ParseListeners(it->second);
  if (!listeners.ok()) return Status::InvalidArgument("--override listeners: " + listeners.status().message());
  if (listeners->empty() || listeners->front().port == 0)
    return Status::InvalidArgument("--override listeners: the first listener must name its port (the cluster "
                                   "waits on it and clients bootstrap from it)");
  return listeners->front().port;
}

}  // namespace

LocalCluster::LocalCluster(Options options) : options_(std::move(options)) {}

LocalCluster::~LocalCluster() { (void)Stop(); }

std::string LocalCluster::BrokerDir(int id) const { return options_.data_dir + "/broker-" + std::to_string(id); }

Status LocalCluster::LoadOrAssignPorts() {
  const std::string path = options_.data_dir + "/cluster.json";
  std::map<int, int> ports;
  if (fs::exists(path)) {
    std::ifstream in(path);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::Corruption(path + " is not valid JSON");
    zookeeper_port_ = j.value("zookeeper_port", 0);
    if (j.contains("brokers") && j["brokers"].is_array()) {
      for (const auto& b : j["brokers"])
        if (b.is_object()) ports[b.value("id", -1)] = b.value("port", 0);
    }
  }
  if (zookeeper_port_ == 0) {
    auto port = ZooKeeperServer::PickFreePort();
    if (!port.ok()) return port.status();
    zookeeper_port_ = *port;
  }
  for (int id = 1; id <= options_.brokers; ++id) {
    BrokerSlot slot;
    slot.info.id = id;
    slot.info.port = ports.count(id) ? ports[id] : 0;
    if (slot.info.port == 0) {
      auto port = ZooKeeperServer::PickFreePort();
      if (!port.ok()) return port.status();
      slot.info.port = *port;
      slot.port_picked_now = true;
    }
    brokers_[id] = std::move(slot);
  }
  return SavePorts();
}

Status LocalCluster::SavePorts() const {
  nlohmann::json j;
  j["zookeeper_port"] = zookeeper_port_;
  j["brokers"] = nlohmann::json::array();
  for (const auto& [id, slot] : brokers_) j["brokers"].push_back({{"id", id}, {"port", slot.info.port}});
  std::ofstream out(options_.data_dir + "/cluster.json", std::ios::trunc);
  out << j.dump(2) << "\n";
  if (!out) return Status::IOError("cannot write " + options_.data_dir + "/cluster.json");
  return Status::Ok();
}

std::map<std::string, std::string> LocalCluster::BrokerProperties(const BrokerSlot& slot) const {
  std::map<std::string, std::string> p = {
      {"broker.id", std::to_string(slot.info.id)},
      {"listeners", options_.listener_protocol + "://" + options_.host + ":" + std::to_string(slot.info.port)},
      {"log.dirs", BrokerDir(slot.info.id) + "/logs"},
      {"zookeeper.connect", ZooKeeperConnect()},
      {"offsets.topic.replication.factor", std::to_string(std::min(options_.brokers, 3))},
      {"default.replication.factor", std::to_string(std::min(options_.brokers, 3))},
      {"group.initial.rebalance.delay.ms", "0"},
  };
  for (const auto& [k, v] : options_.broker_overrides) p[k] = v;
  return p;
}

Result<std::unique_ptr<LocalCluster>> LocalCluster::Start(const Options& options) {
  if (options.data_dir.empty()) return Status::InvalidArgument("a local cluster needs a data directory");
  if (options.brokers < 1) return Status::InvalidArgument("a local cluster needs at least one broker");
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);
  if (ec) return Status::IOError("cannot create " + options.data_dir + ": " + ec.message());
  auto listener_port = CheckOverrides(options);
  if (!listener_port.ok()) return listener_port.status();
  std::unique_ptr<LocalCluster> cluster(new LocalCluster(options));
  PARTITA_RETURN_IF_ERROR(cluster->LoadOrAssignPorts());
  if (*listener_port != 0) {
    BrokerSlot& only = cluster->brokers_.begin()->second;
    only.info.port = *listener_port;
    only.port_picked_now = false;
    PARTITA_RETURN_IF_ERROR(cluster->SavePorts());
  }

  ZooKeeperServer::Options zk;
  zk.data_dir = options.data_dir + "/zookeeper";
  zk.port = cluster->zookeeper_port_;
  auto server = ZooKeeperServer::Start(zk);
  if (!server.ok()) return server.status();
  cluster->zookeeper_ = std::move(*server);
  spdlog::info("local cluster: ZooKeeper serving on {}", cluster->ZooKeeperConnect());

  if (options.before_brokers) PARTITA_RETURN_IF_ERROR(options.before_brokers(cluster->ZooKeeperConnect()));
  for (auto& [id, slot] : cluster->brokers_) PARTITA_RETURN_IF_ERROR(cluster->StartBroker(id));
  PARTITA_RETURN_IF_ERROR(cluster->WaitForRegistrations());
  return cluster;
}

Status LocalCluster::WaitForRegistrations() const {
  auto zk = coordination::ZkClient::Connect(ZooKeeperConnect(), 10000);
  if (!zk.ok()) return zk.status();
  std::set<std::string> expected;
  for (const auto& [id, slot] : brokers_)
    if (slot.info.running) expected.insert(std::to_string(id));
  std::vector<std::string> registered;
  for (int i = 0; i < 600; ++i) {
    auto ids = (*zk)->GetChildren("/brokers/ids");
    if (ids.ok()) {
      registered = *ids;
      const std::set<std::string> now(registered.begin(), registered.end());
      if (std::includes(now.begin(), now.end(), expected.begin(), expected.end())) return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::Timeout("brokers did not all register in ZooKeeper within 60 s (registered: " +
                         std::to_string(registered.size()) + " of " + std::to_string(expected.size()) + ")");
}

Status LocalCluster::StartBroker(int id) {
  auto it = brokers_.find(id);
  if (it == brokers_.end()) return Status::NotFound("no broker " + std::to_string(id) + " in this cluster");
  BrokerSlot& slot = it->second;
  if (slot.info.running) return Status::Ok();
  const std::string dir = BrokerDir(id);
  std::error_code ec;
  fs::create_directories(dir + "/logs", ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  auto props = BrokerProperties(slot);

  if (options_.mode == BrokerMode::kInProcess) {
    for (int attempt = 1;; ++attempt) {
      auto config = broker::BrokerConfig::FromMap(props, nullptr);
      if (!config.ok()) return config.status();
      auto b = broker::Broker::Create(std::move(*config), {.killable = true});
      if (!b.ok()) return b.status();
      Status started = (*b)->Start();
      if (started.ok()) {
        slot.embedded = std::move(*b);
        slot.info.running = true;
        slot.port_picked_now = false;
        return Status::Ok();
      }
      // A free port is only free until bound: an outgoing connection of any process may take it as its
      // ephemeral port in between. A port nobody was told about yet can simply be picked again.
      if (started.code() != Status::Code::kAddressInUse || !slot.port_picked_now || attempt == 5) return started;
      auto port = ZooKeeperServer::PickFreePort();
      if (!port.ok()) return port.status();
      spdlog::warn("local cluster: {}; broker {} takes port {} instead", started.message(), id, *port);
      slot.info.port = *port;
      PARTITA_RETURN_IF_ERROR(SavePorts());
      props = BrokerProperties(slot);
    }
  }

  // A partita-broker child process with its own server.properties.
  const std::string properties = dir + "/server.properties";
  {
    std::ofstream out(properties, std::ios::trunc);
    out << "# written by Partita's local cluster\n";
    for (const auto& [k, v] : props) out << k << "=" << v << "\n";
  }
  if (options_.broker_binary.empty() || ::access(options_.broker_binary.c_str(), X_OK) != 0) {
    return Status::NotFound("partita-broker binary not found at '" + options_.broker_binary + "'");
  }
  const std::string log_path = dir + "/broker.log";
  pid_t pid = ::fork();
  if (pid < 0) return Status::FromErrno(errno, "fork");
  if (pid == 0) {
    // Its own process group: a terminal's Ctrl-C reaches only the owner, which stops the brokers in order
    // (controlled shutdown needs ZooKeeper) instead of every child at once.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execl(options_.broker_binary.c_str(), options_.broker_binary.c_str(), properties.c_str(), nullptr);
    _exit(127);
  }
  slot.info.pid = pid;
  for (int i = 0; i < 600; ++i) {
    if (PortAccepts(options_.host, slot.info.port)) {
      slot.info.running = true;
      return Status::Ok();
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      slot.info.pid = -1;
      return Status::Unavailable("broker " + std::to_string(id) + " exited at start; see " + log_path);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (void)KillBroker(id);
  return Status::Timeout("broker " + std::to_string(id) + " did not start listening within 60 s; see " + log_path);
}

Status LocalCluster::StopBroker(int id) {
  auto it = brokers_.find(id);
  if (it == brokers_.end()) return Status::NotFound("no broker " + std::to_string(id));
  BrokerSlot& slot = it->second;
  if (slot.embedded) {
    slot.embedded->Shutdown();
    slot.embedded.reset();
  } else if (slot.info.pid > 0) {
    ::kill(slot.info.pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300 && ::waitpid(slot.info.pid, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (::waitpid(slot.info.pid, &status, WNOHANG) == 0) {
      ::kill(slot.info.pid, SIGKILL);
      ::waitpid(slot.info.pid, &status, 0);
    }
    slot.info.pid = -1;
  }
  slot.info.running = false;
  return Status::Ok();
}

Status LocalCluster::KillBroker(int id) {
  auto it = brokers_.find(id);
  if (it == brokers_.end()) return Status::NotFound("no broker " + std::to_string(id));
  BrokerSlot& slot = it->second;
  if (slot.embedded) {
    slot.embedded->Kill();
    slot.embedded.reset();
  } else if (slot.info.pid > 0) {
    ::kill(slot.info.pid, SIGKILL);
    int status = 0;
    ::waitpid(slot.info.pid, &status, 0);
    slot.info.pid = -1;
  }
  slot.info.running = false;
  return Status::Ok();
}

Status LocalCluster::Stop() {
  Status result;
  for (auto& [id, slot] : brokers_) {
    if (auto st = StopBroker(id); !st.ok() && result.ok()) result = st;
  }
  if (zookeeper_) {
    if (auto st = zookeeper_->Stop(); !st.ok() && result.ok()) result = st;
    zookeeper_.reset();
  }
  return result;
}

std::string LocalCluster::BootstrapServers() const {
  std::string out;
  for (const auto& [id, slot] : brokers_) {
    if (!out.empty()) out += ",";
    out += options_.host + ":" + std::to_string(slot.info.port);
  }
  return out;
}

std::string LocalCluster::ZooKeeperConnect() const { return "127.0.0.1:" + std::to_string(zookeeper_port_); }

std::vector<LocalCluster::BrokerInfo> LocalCluster::Brokers() const {
  std::vector<BrokerInfo> out;
  for (const auto& [id, slot] : brokers_) {
    out.push_back(slot.info);
    if (slot.embedded && slot.info.running) out.back().metrics_port = slot.embedded->MetricsPort();
  }
  return out;
}

}  // namespace partita::cluster
