// Integration tests against a real ZooKeeper: broker registration (incl. re-registration after session expiry),
// controller election and fencing, the controller's topic znodes, and MetadataWatcher snapshots.
#include <QRegularExpression>
#include <QtTest>

#include <atomic>
#include <mutex>

#include <nlohmann/json.hpp>

#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/controller_elector.h"
#include "engine/coordination/metadata_watcher.h"
#include "engine/coordination/zk_paths.h"
#include "tests/engine/coordination/zk_test_util.h"

using namespace partita;
using namespace partita::coordination;
using partita::testing::WaitUntil;
using partita::testing::ZkFixture;

namespace {

BrokerRegistration Broker(int32_t id) {
  BrokerRegistration b;
  b.id = id;
  b.host = "127.0.0.1";
  b.port = 9000 + id;
  b.endpoints = {BrokerEndpoint{"PLAINTEXT", "127.0.0.1", 9000 + id, "PLAINTEXT"}};
  return b;
}

std::string Raw(ZkClient* zk, const std::string& path) {
  auto got = zk->Get(path);
  return got.ok() ? got->data : "<" + got.status().ToString() + ">";
}

Status Wait(std::future<Status> f) {
  if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) return Status::Timeout("no answer");
  return f.get();
}

}  // namespace

class TestController : public QObject {
  Q_OBJECT
 private slots:
  void registrationCreatesKafkaLayout() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    BrokerRegistrar reg(c.get(), Broker(1));
    QVERIFY(reg.Register().ok());
    for (std::string_view p : zkpaths::kPersistentPaths) QVERIFY(c->Exists(std::string(p))->has_value());
    QCOMPARE(reg.cluster_id().size(), size_t(22));
    auto node = c->Get("/brokers/ids/1");
    QVERIFY(node.ok());
    QCOMPARE(node->stat.ephemeral_owner, c->session_id());
    QCOMPARE(reg.broker_epoch(), node->stat.czxid);
    auto j = nlohmann::json::parse(node->data);
    QCOMPARE(j["version"].get<int>(), 5);
    QCOMPARE(j["endpoints"][0].get<std::string>(), std::string("PLAINTEXT://127.0.0.1:9001"));

    // A second broker with the same id is refused; a second broker joins the same cluster id.
    auto c2 = zk.Connect();
    BrokerRegistrar dup(c2.get(), Broker(1));
    Status s = dup.Register();
    QCOMPARE(s.code(), Status::Code::kAlreadyExists);
    QVERIFY(s.message().find("broker id 1 is already registered") != std::string::npos);
    BrokerRegistrar other(c2.get(), Broker(2));
    QVERIFY(other.Register().ok());
    QCOMPARE(other.cluster_id(), reg.cluster_id());
  }

  void reRegistersAfterSessionExpiry() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    std::atomic<int> reregistered{0};
    BrokerRegistrar reg(c.get(), Broker(5), [&](const Status& s) {
      if (s.ok()) reregistered++;
    });
    QVERIFY(reg.Register().ok());
    const int64_t epoch1 = reg.broker_epoch();
    auto observer = zk.Connect();
    QVERIFY(c->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return reregistered.load() == 1; }, 20000));
    auto node = observer->Get("/brokers/ids/5");
    QVERIFY(node.ok());
    QCOMPARE(node->stat.ephemeral_owner, c->session_id());
    QVERIFY(reg.broker_epoch() > epoch1);  // a new czxid: peers see a new broker epoch
  }

  void onlyOneElectorWinsAndTheOtherTakesOver() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c1 = zk.Connect();
    auto c2 = zk.Connect();
    std::atomic<int> won1{0}, won2{0}, resigned1{0};
    std::atomic<int32_t> epoch2{0};
    auto e1 = std::make_unique<ControllerElector>(
        c1.get(), 1, ControllerElector::Callbacks{[&](const FencingToken&) { won1++; }, [&] { resigned1++; }});
    ControllerElector e2(c2.get(), 2,
                         ControllerElector::Callbacks{[&](const FencingToken& t) {
                                                        epoch2 = t.epoch;
                                                        won2++;
                                                      },
                                                      nullptr});
    e1->Start();
    QVERIFY(WaitUntil([&] { return e1->is_controller(); }));
    e2.Start();
    QVERIFY(WaitUntil([&] { return e2.active_controller_id() == 1; }));
    QVERIFY(!e2.is_controller());
    QCOMPARE(won1.load(), 1);
    QCOMPARE(e1->fencing_token()->epoch, 1);
    QCOMPARE(QString::fromStdString(Raw(c1.get(), "/controller_epoch")), QString("1"));
    auto info = DecodeControllerInfo(Raw(c1.get(), "/controller"));
    QCOMPARE(info->broker_id, 1);

    // The first controller shuts down and its session closes: broker 2 takes over with a bumped epoch.
    const FencingToken old_token = *e1->fencing_token();
    e1.reset();
    QCOMPARE(resigned1.load(), 1);
    c1.reset();
    QVERIFY(WaitUntil([&] { return e2.is_controller(); }, 20000));
    QCOMPARE(epoch2.load(), 2);
    QCOMPARE(QString::fromStdString(Raw(c2.get(), "/controller_epoch")), QString("2"));
    QCOMPARE(DecodeControllerInfo(Raw(c2.get(), "/controller"))->broker_id, 2);

    // The deposed controller's fenced writes fail.
    Status fenced = c2->Multi(FencedOps(old_token, {ZkOp::Create("/should-not-exist", "")}));
    QVERIFY(IsBadVersion(fenced));
    QVERIFY(!c2->Exists("/should-not-exist")->has_value());
    QVERIFY(c2->Multi(FencedOps(*e2.fencing_token(), {ZkOp::Create("/ok", "")})).ok());
  }

  void controllerResignsOnSessionExpiryAndWinsAgain() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    std::atomic<int> won{0}, resigned{0};
    ControllerElector e(c.get(), 1, ControllerElector::Callbacks{[&](const FencingToken&) { won++; }, [&] { resigned++; }});
    e.Start();
    QVERIFY(WaitUntil([&] { return won.load() == 1; }));
    QVERIFY(c->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return won.load() == 2; }, 20000));
    QCOMPARE(resigned.load(), 1);
    QCOMPARE(e.fencing_token()->epoch, 2);
  }

  void createTopicWritesKafkaZnodes() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    BrokerRegistrar reg(c.get(), Broker(1));
    QVERIFY(reg.Register().ok());
    Controller controller(c.get(), 1, Controller::Options{});
    controller.Start();
    QVERIFY(WaitUntil([&] { return controller.is_active(); }));

    CreateTopicRequest req;
    req.name = "orders";
    req.num_partitions = 2;
    req.replication_factor = 1;
    req.configs = {{"retention.ms", "1000"}};
    Status s = Wait(controller.CreateTopic(req));
    QVERIFY2(s.ok(), s.ToString().c_str());
    // Version 3 with a generated topic id (22 characters, Kafka's Uuid text).
    QRegularExpression v3(R"(^\{"version":3,"topic_id":"[A-Za-z0-9_-]{22}",)"
                          R"("partitions":\{"0":\[1\],"1":\[1\]\},"adding_replicas":\{\},"removing_replicas":\{\}\}$)");
    QVERIFY2(v3.match(QString::fromStdString(Raw(c.get(), "/brokers/topics/orders"))).hasMatch(),
             Raw(c.get(), "/brokers/topics/orders").c_str());
    const std::string topic_id = *DecodeTopicAssignment(Raw(c.get(), "/brokers/topics/orders"))->topic_id;
    QCOMPARE(QString::fromStdString(Raw(c.get(), "/brokers/topics/orders/partitions/0/state")),
             QString(R"({"version":1,"leader":1,"leader_epoch":0,"controller_epoch":1,"isr":[1]})"));
    QCOMPARE(QString::fromStdString(Raw(c.get(), "/brokers/topics/orders/partitions/1/state")),
             QString(R"({"version":1,"leader":1,"leader_epoch":0,"controller_epoch":1,"isr":[1]})"));
    QCOMPARE(QString::fromStdString(Raw(c.get(), "/config/topics/orders")),
             QString(R"({"version":1,"config":{"retention.ms":"1000"}})"));

    QCOMPARE(Wait(controller.CreateTopic(req)).code(), Status::Code::kAlreadyExists);
    for (const char* bad : {"", ".", "..", "a b", "x/y"}) {
      req.name = bad;
      QCOMPARE(Wait(controller.CreateTopic(req)).code(), Status::Code::kInvalidArgument);
    }
    req.name = std::string(250, 'x');
    QCOMPARE(Wait(controller.CreateTopic(req)).code(), Status::Code::kInvalidArgument);
    req.name = "wide";
    req.replication_factor = 3;
    s = Wait(controller.CreateTopic(req));
    QCOMPARE(s.code(), Status::Code::kInvalidArgument);
    QVERIFY(s.message().find("replication factor 3 is larger than the number of live brokers (1)") !=
            std::string::npos);
    QVERIFY(!c->Exists("/brokers/topics/wide")->has_value());
    req.replication_factor = 1;
    req.manual_assignment = {{0, {7}}};
    QCOMPARE(Wait(controller.CreateTopic(req)).code(), Status::Code::kInvalidArgument);  // broker 7 not live

    // CreatePartitions then DeleteTopic.
    s = Wait(controller.CreatePartitions("orders", 3));
    QVERIFY2(s.ok(), s.ToString().c_str());
    QCOMPARE(QString::fromStdString(Raw(c.get(), "/brokers/topics/orders")),
             QString::fromStdString(R"({"version":3,"topic_id":")" + topic_id +
                                    R"(","partitions":{"0":[1],"1":[1],"2":[1]},"adding_replicas":{},"removing_replicas":{}})"));
    QVERIFY(c->Exists("/brokers/topics/orders/partitions/2/state")->has_value());
    QCOMPARE(Wait(controller.CreatePartitions("orders", 2)).code(), Status::Code::kInvalidArgument);
    QVERIFY(Wait(controller.DeleteTopic("orders")).ok());
    QVERIFY(!c->Exists("/brokers/topics/orders")->has_value());
    QVERIFY(!c->Exists("/config/topics/orders")->has_value());
    QVERIFY(!c->Exists("/admin/delete_topics/orders")->has_value());
    QCOMPARE(Wait(controller.DeleteTopic("orders")).code(), Status::Code::kNotFound);
  }

  void nonControllerRefuses() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c1 = zk.Connect();
    auto c2 = zk.Connect();
    Controller a(c1.get(), 1, {});
    a.Start();
    QVERIFY(WaitUntil([&] { return a.is_active(); }));
    Controller b(c2.get(), 2, {});
    b.Start();
    QVERIFY(WaitUntil([&] { return b.elector().active_controller_id() == 1; }));
    CreateTopicRequest req;
    req.name = "t";
    Status s = Wait(b.CreateTopic(req));
    QCOMPARE(s.code(), Status::Code::kAborted);
    QVERIFY(s.message().find("not controller") != std::string::npos);
  }

  void leadersMoveWhenBrokersDieAndReturn_watcherSeesIt() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c1 = zk.Connect();
    auto c2 = zk.Connect();
    auto c3 = zk.Connect();
    BrokerRegistrar r1(c1.get(), Broker(1));
    auto r2 = std::make_unique<BrokerRegistrar>(c2.get(), Broker(2));
    QVERIFY(r1.Register().ok() && r2->Register().ok());

    std::atomic<int> changes{0};
    MetadataWatcher watcher(c3.get(), [&](auto, auto) { changes++; });
    watcher.Start();
    QVERIFY(WaitUntil([&] { return watcher.snapshot()->brokers.size() == 2; }));

    Controller controller(c1.get(), 1, {});
    controller.Start();
    QVERIFY(WaitUntil([&] { return controller.is_active(); }));
    QVERIFY(WaitUntil([&] { return watcher.snapshot()->controller_id == 1; }, 1000));

    CreateTopicRequest req;
    req.name = "events";
    req.manual_assignment = {{0, {2, 1}}, {1, {1, 2}}};
    QVERIFY(Wait(controller.CreateTopic(req)).ok());
    QVERIFY(WaitUntil([&] {
      auto s = watcher.snapshot();
      return s->topics.count("events") && s->topics.at("events").partitions.size() == 2 &&
             s->topics.at("events").partitions.at(0).leader == 2;
    }, 1000));
    auto snap = watcher.snapshot();
    QCOMPARE(snap->cluster_id, r1.cluster_id());
    QCOMPARE(snap->brokers.at(2).endpoints[0].port, 9002);
    QCOMPARE(snap->brokers.at(1).broker_epoch, r1.broker_epoch());
    QCOMPARE(snap->topics.at("events").partitions.at(0).replicas, (std::vector<int32_t>{2, 1}));
    QCOMPARE(snap->topics.at("events").partitions.at(0).isr, (std::vector<int32_t>{2, 1}));

    // Broker 2 dies: partition 0 moves to broker 1, partition 1 drops 2 from its ISR.
    r2.reset();
    c2.reset();
    QVERIFY(WaitUntil([&] {
      auto s = watcher.snapshot();
      const auto& p = s->topics.at("events").partitions;
      return s->brokers.size() == 1 && p.at(0).leader == 1 && p.at(1).isr == std::vector<int32_t>{1};
    }, 3000));
    snap = watcher.snapshot();
    QCOMPARE(snap->topics.at("events").partitions.at(0).leader_epoch, 1);
    QCOMPARE(snap->topics.at("events").partitions.at(0).isr, (std::vector<int32_t>{1}));
    auto st = DecodePartitionState(Raw(c1.get(), "/brokers/topics/events/partitions/0/state"));
    QCOMPARE(st->leader, 1);
    QCOMPARE(st->controller_epoch, 1);

    // Broker 2 returns: it is not in the ISR (replication will add it back), leadership stays.
    auto c2b = zk.Connect();
    BrokerRegistrar r2b(c2b.get(), Broker(2));
    QVERIFY(r2b.Register().ok());
    QVERIFY(WaitUntil([&] { return watcher.snapshot()->brokers.size() == 2; }, 1000));
    QTest::qWait(300);
    QCOMPARE(watcher.snapshot()->topics.at("events").partitions.at(0).leader, 1);

    // Config change and deletion are seen too.
    QVERIFY(c1->Set("/config/topics/events", EncodeTopicConfig({{"retention.ms", "5"}})).ok());
    QVERIFY(WaitUntil([&] { return watcher.snapshot()->topics.at("events").config.count("retention.ms"); }, 1000));
    QVERIFY(Wait(controller.DeleteTopic("events")).ok());
    QVERIFY(WaitUntil([&] { return watcher.snapshot()->topics.empty(); }, 1000));
    QVERIFY(changes.load() >= 5);
  }

  void offlinePartitionGetsItsLeaderBackCleanly() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c1 = zk.Connect();
    auto cb = zk.Connect();
    BrokerRegistrar r1(c1.get(), Broker(1));
    auto rb = std::make_unique<BrokerRegistrar>(cb.get(), Broker(2));
    QVERIFY(r1.Register().ok() && rb->Register().ok());
    Controller controller(c1.get(), 1, {});
    controller.Start();
    QVERIFY(WaitUntil([&] { return controller.is_active(); }));
    CreateTopicRequest req;
    req.name = "solo";
    req.manual_assignment = {{0, {2}}};
    QVERIFY(Wait(controller.CreateTopic(req)).ok());
    rb.reset();
    cb.reset();
    const std::string path = "/brokers/topics/solo/partitions/0/state";
    QVERIFY(WaitUntil([&] { return DecodePartitionState(Raw(c1.get(), path))->leader == -1; }));
    QCOMPARE(DecodePartitionState(Raw(c1.get(), path))->isr, (std::vector<int32_t>{2}));  // kept for a clean return
    auto cb2 = zk.Connect();
    BrokerRegistrar rb2(cb2.get(), Broker(2));
    QVERIFY(rb2.Register().ok());
    QVERIFY(WaitUntil([&] { return DecodePartitionState(Raw(c1.get(), path))->leader == 2; }));
    QCOMPARE(DecodePartitionState(Raw(c1.get(), path))->leader_epoch, 2);
  }
};

QTEST_GUILESS_MAIN(TestController)
#include "test_controller.moc"
