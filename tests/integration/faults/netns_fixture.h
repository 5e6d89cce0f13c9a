// NetnsFixture: puts one broker of a LocalCluster in its own network namespace, so that the test can cut it off
// from ZooKeeper, the other brokers and the clients by taking its link down (a real network partition: packets
// vanish, connections stall, nothing is refused).
//   root namespace: veth end <root_if> 10.213.77.1/24; ZooKeeper (loopback), the other two brokers and the clients;
//                   tcp_forward.py relays 10.213.77.1:<victim port> -> the victim and 10.213.77.1:<zk relay port>
//                   -> ZooKeeper (which listens on loopback only);
//   namespace <ns>: veth end <ns_if> 10.213.77.2/24; the victim broker (started by netns_broker.sh through
//                   `ip netns exec`), listening on 10.213.77.2 and advertising 10.213.77.1 (the relay).
// Every broker listens on 10.213.77.1 (LocalCluster's host), so the victim reaches its peers over the veth link.
// Needs root and iproute2; Unavailable() says why it cannot run.
// Ownership: owns the namespace, the veth pair and the forwarder process; the destructor removes them.
// Thread safety: none; one test thread.
#pragma once

#include <unistd.h>

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QThread>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/cluster/zookeeper_server.h"
#include "tests/integration/external_tool.h"

namespace partita::itest {

class NetnsFixture {
 public:
  static constexpr const char* kRootAddr = "10.213.77.1";
  static constexpr const char* kNsAddr = "10.213.77.2";

  explicit NetnsFixture(int victim_id)
      : victim_id_(victim_id),
        ns_("ptfaults" + QString::number(::getpid())),
        root_if_("ptf" + QString::number(::getpid()) + "r"),
        ns_if_("ptf" + QString::number(::getpid()) + "n") {}
  ~NetnsFixture() {
    if (forwarder_.state() != QProcess::NotRunning) {
      forwarder_.kill();
      forwarder_.waitForFinished(5000);
    }
    if (created_) {
      RunTool("ip", {"link", "del", root_if_}, 10000);
      RunTool("ip", {"netns", "del", ns_}, 10000);
    }
  }

  // Empty when network namespaces can be used here; otherwise why not.
  static QString Unavailable() {
    if (::geteuid() != 0) return "not running as root";
    ToolRun ip = RunTool("ip", {"netns", "list"}, 10000);
    if (!ip.ok()) return "`ip netns list` failed (install iproute2): " + ip.Describe();
    return {};
  }

  // Creates the namespace and the veth pair; first error as a message.
  QString Create() {
    RemoveLeftovers();
    const QList<QStringList> steps = {
        {"netns", "add", ns_},
        {"link", "add", root_if_, "type", "veth", "peer", "name", ns_if_},
        {"link", "set", ns_if_, "netns", ns_},
        {"addr", "add", QString(kRootAddr) + "/24", "dev", root_if_},
        {"link", "set", root_if_, "up"},
        {"netns", "exec", ns_, "ip", "addr", "add", QString(kNsAddr) + "/24", "dev", ns_if_},
        {"netns", "exec", ns_, "ip", "link", "set", ns_if_, "up"},
        {"netns", "exec", ns_, "ip", "link", "set", "lo", "up"},
    };
    for (const QStringList& step : steps) {
      ToolRun run = RunTool("ip", step, 10000);
      created_ = true;
      if (!run.ok()) return run.Describe();
    }
    return {};
  }

  // A run killed before its destructor (a CI job stopped mid-test) leaves its namespace and veth behind, and its
  // 10.213.77.1/24 then shadows ours: remove those of processes that are gone.
  static void RemoveLeftovers() {
    ToolRun list = RunTool("ip", {"netns", "list"}, 10000);
    for (const QString& line : QString::fromUtf8(list.out).split('\n')) {
      const QString name = line.section(' ', 0, 0);
      if (!name.startsWith(QLatin1String("ptfaults"))) continue;
      bool number = false;
      const int pid = name.mid(8).toInt(&number);
      if (!number || pid == ::getpid() || QFile::exists(QString("/proc/%1").arg(pid))) continue;
      RunTool("ip", {"link", "del", QString("ptf%1r").arg(pid)}, 10000);
      RunTool("ip", {"netns", "del", name}, 10000);
    }
  }

  // Cuts the victim off (its side of the link down) or reconnects it.
  QString SetLinkUp(bool up) {
    ToolRun run = RunTool("ip", {"netns", "exec", ns_, "ip", "link", "set", ns_if_, up ? "up" : "down"}, 10000);
    return run.ok() ? QString() : run.Describe();
  }

  // LocalCluster's `prepare` hook: chooses the ports (cluster.json, which LocalCluster reads), starts the relays
  // and sets the environment netns_broker.sh reads (the brokers inherit it).
  Status Prepare(const QString& cluster_dir, const QString& forwarder_script, const QString& real_broker) {
    auto pick = [] { return cluster::ZooKeeperServer::PickFreePort(); };
    auto zk = pick(), relay = pick();
    if (!zk.ok() || !relay.ok()) return Status::IOError("no free port");
    nlohmann::json j;
    j["zookeeper_port"] = *zk;
    j["brokers"] = nlohmann::json::array();
    for (int id = 1; id <= 3; ++id) {
      auto port = pick();
      if (!port.ok()) return port.status();
      if (id == victim_id_) victim_port_ = *port;
      j["brokers"].push_back({{"id", id}, {"port", *port}});
    }
    std::ofstream((cluster_dir + "/cluster.json").toStdString()) << j.dump(2) << "\n";
    const QString victim = QString::number(victim_port_);
    forwarder_.setProgram(PythonInterpreter());
    forwarder_.setArguments({"-u", forwarder_script, QString("%1:%2=%3:%2").arg(kRootAddr, victim, kNsAddr),
                             QString("%1:%2=127.0.0.1:%3").arg(kRootAddr).arg(*relay).arg(*zk)});
    forwarder_.setStandardOutputFile(cluster_dir + "/../forwarder.log");
    forwarder_.setStandardErrorFile(cluster_dir + "/../forwarder.err");
    forwarder_.start();
    if (!forwarder_.waitForStarted(10000)) return Status::Unavailable("tcp_forward.py did not start");
    for (int i = 0; i < 100 && !QFile(cluster_dir + "/../forwarder.log").size(); ++i) QThread::msleep(100);
    qputenv("PARTITA_NETNS_BROKER_ID", QByteArray::number(victim_id_));
    qputenv("PARTITA_NETNS_NAME", ns_.toUtf8());
    qputenv("PARTITA_NETNS_ADDR", kNsAddr);
    qputenv("PARTITA_NETNS_ADVERTISED", kRootAddr);
    qputenv("PARTITA_NETNS_ZK", QString("%1:%2").arg(kRootAddr).arg(*relay).toUtf8());
    qputenv("PARTITA_NETNS_REAL_BROKER", real_broker.toUtf8());
    return Status::Ok();
  }

  const QString& ns() const { return ns_; }

 private:
  const int victim_id_;
  const QString ns_, root_if_, ns_if_;
  bool created_ = false;
  int victim_port_ = 0;
  QProcess forwarder_;
};

}  // namespace partita::itest
