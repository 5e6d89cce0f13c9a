// Integration: a local cluster's broker ports. A port picked free for a new cluster is only free until a broker
// binds it; another socket that takes it in between (an outgoing connection's ephemeral port, in CI a test running
// beside this one) must not stop the cluster: the broker takes another port, and cluster.json remembers that one.
// A port the cluster already had (read from cluster.json, the address users were given) is never moved silently:
// taken, it stops the start with a clear error.
// `--override listeners=` (one broker, first listener with its port) gives a local broker process a TLS listener
// beside its plaintext one; keys the cluster sets per broker are refused by name.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/cluster/local_cluster.h"
#include "engine/cluster/zookeeper_server.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

// A listening socket on 127.0.0.1:port, closed on destruction.
class HeldPort {
 public:
  explicit HeldPort(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ok_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 && ::listen(fd_, 1) == 0;
  }
  ~HeldPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return ok_; }

 private:
  int fd_ = -1;
  bool ok_ = false;
};

std::map<int, int> SavedBrokerPorts(const std::string& data_dir) {
  std::ifstream in(data_dir + "/cluster.json");
  auto j = nlohmann::json::parse(in, nullptr, false);
  std::map<int, int> ports;
  if (j.is_object() && j.contains("brokers"))
    for (const auto& b : j["brokers"]) ports[b.value("id", -1)] = b.value("port", 0);
  return ports;
}

}  // namespace

class TestItestLocalClusterPorts : public QObject {
  Q_OBJECT

 private slots:
  void aNewClustersPortTakenBeforeItsBrokerBindsIsPickedAgain() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    cluster::LocalCluster::Options options;
    options.data_dir = dir.path().toStdString();
    options.brokers = 2;
    options.mode = cluster::LocalCluster::BrokerMode::kInProcess;
    // After the ports are picked and before any broker binds: some other socket takes broker 1's port.
    std::unique_ptr<HeldPort> thief;
    int stolen = 0;
    options.before_brokers = [&](const std::string&) {
      stolen = SavedBrokerPorts(options.data_dir)[1];
      thief = std::make_unique<HeldPort>(stolen);
      return thief->ok() ? Status::Ok() : Status::IOError("cannot hold port " + std::to_string(stolen));
    };
    auto started = cluster::LocalCluster::Start(options);
    QVERIFY2(started.ok(), qPrintable(Q(started.status().ToString())));
    std::unique_ptr<cluster::LocalCluster> local = std::move(*started);
    QVERIFY(stolen > 0);

    int port1 = 0;
    for (const auto& b : local->Brokers())
      if (b.id == 1) port1 = b.port;
    QVERIFY(port1 > 0);
    QVERIFY2(port1 != stolen, qPrintable(QString("broker 1 still on the taken port %1").arg(stolen)));
    QCOMPARE(SavedBrokerPorts(options.data_dir)[1], port1);
    QVERIFY(!QString::fromStdString(local->BootstrapServers()).contains(":" + QString::number(stolen)));
    // Both brokers serve: a real client sees two brokers through broker 1's new port.
    ITEST_REQUIRE(MissingKcat());
    ToolRun list = RunTool("kcat", {"-L", "-b", "127.0.0.1:" + QString::number(port1)}, 30000);
    QVERIFY2(list.ok(), qPrintable(list.Describe()));
    QVERIFY2(list.out.contains("2 brokers"), qPrintable(QString::fromUtf8(list.out)));
    QVERIFY(local->Stop().ok());
    local.reset();

    // Started again from the same data dir, with that port taken now: a clear error, the port not moved.
    HeldPort again(port1);
    QVERIFY(again.ok());
    cluster::LocalCluster::Options restart = options;
    restart.before_brokers = nullptr;
    auto second = cluster::LocalCluster::Start(restart);
    QVERIFY(!second.ok());
    QCOMPARE(second.status().code(), Status::Code::kAddressInUse);
    QVERIFY2(QString::fromStdString(second.status().message()).contains(QString::number(port1)),
             qPrintable(Q(second.status().ToString())));
    QCOMPARE(SavedBrokerPorts(options.data_dir)[1], port1);
  }

  void overriddenListenersAreWaitedOnAndServed() {
    ITEST_REQUIRE(MissingKcat());
    const QString broker = QString::fromLocal8Bit(qgetenv("PARTITA_BUILD_DIR")) + "/app/broker/partita-broker";
    QVERIFY2(QFile::exists(broker), qPrintable("partita-broker not built at " + broker));
    QTemporaryDir dir, certs;
    QVERIFY(dir.isValid() && certs.isValid());
    ToolRun made = RunTool("sh", {ScriptPath("make_test_certs.sh"), certs.path()}, 120000);
    QVERIFY2(made.ok(), qPrintable(made.Describe()));
    auto plain = cluster::ZooKeeperServer::PickFreePort();
    auto tls = cluster::ZooKeeperServer::PickFreePort();
    QVERIFY(plain.ok() && tls.ok() && *plain != *tls);

    cluster::LocalCluster::Options options;
    options.data_dir = dir.path().toStdString();
    options.brokers = 1;
    options.mode = cluster::LocalCluster::BrokerMode::kProcess;
    options.broker_binary = broker.toStdString();
    options.broker_overrides = {
        {"listeners", "PLAINTEXT://127.0.0.1:" + std::to_string(*plain) + ",SSL://127.0.0.1:" + std::to_string(*tls)},
        {"ssl.keystore.type", "PEM"},
        {"ssl.keystore.location", certs.path().toStdString() + "/server-keystore.pem"},
        {"ssl.key.password", "keypass"}};
    auto started = cluster::LocalCluster::Start(options);
    QVERIFY2(started.ok(), qPrintable(Q(started.status().ToString())));
    QCOMPARE(QString::fromStdString((*started)->BootstrapServers()), "127.0.0.1:" + QString::number(*plain));
    QCOMPARE(SavedBrokerPorts(options.data_dir)[1], *plain);
    ToolRun over_tls = RunTool("kcat", {"-L", "-b", "127.0.0.1:" + QString::number(*tls), "-X", "security.protocol=SSL",
                                        "-X", "ssl.ca.location=" + certs.path() + "/ca.pem"},
                               30000);
    QVERIFY2(over_tls.ok() && over_tls.out.contains("1 brokers"), qPrintable(over_tls.Describe()));
    QVERIFY((*started)->Stop().ok());

    // Keys the cluster sets per broker, and listeners for several brokers or without a port: refused by name.
    const std::vector<std::pair<int, std::map<std::string, std::string>>> refused = {
        {1, {{"log.dirs", "/tmp/elsewhere"}}},
        {1, {{"broker.id", "7"}}},
        {2, {{"listeners", "PLAINTEXT://127.0.0.1:" + std::to_string(*plain)}}},
        {1, {{"listeners", "PLAINTEXT://127.0.0.1:0"}}}};
    for (const auto& [brokers, overrides] : refused) {
      cluster::LocalCluster::Options bad = options;
      bad.brokers = brokers;
      bad.broker_overrides = overrides;
      auto r = cluster::LocalCluster::Start(bad);
      QVERIFY(!r.ok());
      QCOMPARE(r.status().code(), Status::Code::kInvalidArgument);
      QVERIFY2(QString::fromStdString(r.status().message()).contains(QString::fromStdString(overrides.begin()->first)),
               qPrintable(Q(r.status().ToString())));
    }
  }
};

QTEST_GUILESS_MAIN(TestItestLocalClusterPorts)
#include "test_itest_local_cluster_ports.moc"
