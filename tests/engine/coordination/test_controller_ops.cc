// The controller's partition operations against a real ZooKeeper with several simulated brokers (one ZkClient
// and BrokerRegistration each): elections, reassignment, controlled shutdown, rebalance, ISR notifications,
// rack-aware creation, topic ids and deletion requests from tools.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/controlled_shutdown.h"
#include "tests/engine/coordination/controller_test_util.h"

using namespace partita;
using namespace partita::coordination;
using namespace partita::testing;

class TestControllerOps : public QObject {
  Q_OBJECT
 private slots:
  void preferredElectionOutcomes() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("t", {{0, {2, 1, 3}}, {1, {1, 2, 3}}}).ok());
    auto r = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::vector{Tp("t", 0), Tp("nope", 0), Tp("t", 9)}));
    QVERIFY(r.ok());
    QCOMPARE(r->at(Tp("t", 0)).error, ControllerError::kElectionNotNeeded);
    QCOMPARE(r->at(Tp("nope", 0)).error, ControllerError::kUnknownTopicOrPartition);
    QCOMPARE(r->at(Tp("t", 9)).error, ControllerError::kUnknownTopicOrPartition);

    // Broker 2 dies: broker 1 leads t-0. It returns outside the ISR: the preferred replica is not available.
    cl.brokers[2].Kill();
    QVERIFY(WaitUntil([&] { return State(cl.c(), "t", 0).leader == 1; }));
    QCOMPARE(State(cl.c(), "t", 0).isr, (std::vector<int32_t>{1, 3}));
    QVERIFY(cl.brokers[2].Start(cl.zk, 2));
    QTest::qWait(200);
    r = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::vector{Tp("t", 0)}));
    QCOMPARE(r->at(Tp("t", 0)).error, ControllerError::kPreferredLeaderNotAvailable);
    QVERIFY(r->at(Tp("t", 0)).message.find("not in the ISR") != std::string::npos);
    QCOMPARE(State(cl.c(), "t", 0).leader, 1);

    // The leader adds 2 back (ISR notification); now the election moves leadership and bumps the epoch.
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "t", 0, {1, 3, 2}).ok());
    const int32_t epoch = State(cl.c(), "t", 0).leader_epoch;
    QVERIFY(WaitUntil([&] {
      auto rr = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::nullopt));
      return rr.ok() && rr->count(Tp("t", 0)) && rr->at(Tp("t", 0)).ok();
    }));
    QCOMPARE(State(cl.c(), "t", 0).leader, 2);
    QCOMPARE(State(cl.c(), "t", 0).leader_epoch, epoch + 1);
    QCOMPARE(State(cl.c(), "t", 0).isr, (std::vector<int32_t>{1, 3, 2}));
    // All partitions: those that need nothing are left out.
    r = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::nullopt));
    QVERIFY(r->empty());
  }

  void preferredElectionFromAdminZnode() {
    Cluster cl;
    QVERIFY(cl.Start(NoRebalance(), 2));
    QVERIFY(cl.Create("p", {{0, {2, 1}}}).ok());
    cl.brokers[2].Kill();
    QVERIFY(WaitUntil([&] { return State(cl.c(), "p", 0).leader == 1; }));
    QVERIFY(cl.brokers[2].Start(cl.zk, 2));
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "p", 0, {1, 2}).ok());
    QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
    QVERIFY(cl.brokers[2].zk->Create("/admin/preferred_replica_election",
                                     R"({"version":1,"partitions":[{"topic":"p","partition":0}]})",
                                     CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] { return !cl.c()->Exists("/admin/preferred_replica_election")->has_value(); }));
    QCOMPARE(State(cl.c(), "p", 0).leader, 2);
  }

  void uncleanElectionOutcomes() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("u", {{0, {3, 1}}}).ok());
    QVERIFY(cl.Create("lonely", {{0, {3}}}).ok());
    auto r = Wait(cl.controller->ElectLeaders(ElectionType::kUnclean, std::vector{Tp("u", 0)}));
    QCOMPARE(r->at(Tp("u", 0)).error, ControllerError::kElectionNotNeeded);  // live leader
    QVERIFY(LeaderSetsIsr(cl.brokers[3].zk.get(), "u", 0, {3}).ok());           // 1 fell behind
    QVERIFY(WaitUntil([&] { return !cl.c()->GetChildren("/isr_change_notification")->size(); }));
    cl.brokers[3].Kill();
    QVERIFY(WaitUntil([&] { return State(cl.c(), "u", 0).leader == -1; }));
    QCOMPARE(State(cl.c(), "u", 0).isr, (std::vector<int32_t>{3}));  // clean election refused: offline

    r = Wait(cl.controller->ElectLeaders(ElectionType::kUnclean, std::vector{Tp("u", 0), Tp("lonely", 0)}));
    const PartitionResult& u = r->at(Tp("u", 0));
    QVERIFY2(u.ok(), u.message.c_str());
    QVERIFY(u.unclean);
    QCOMPARE(u.leader, 1);
    QCOMPARE(State(cl.c(), "u", 0).leader, 1);
    QCOMPARE(State(cl.c(), "u", 0).isr, (std::vector<int32_t>{1}));
    QCOMPARE(r->at(Tp("lonely", 0)).error, ControllerError::kEligibleLeadersNotAvailable);
    QCOMPARE(State(cl.c(), "lonely", 0).leader, -1);

    // A non-controller refuses the whole request.
    Controller other(cl.brokers[2].zk.get(), 2, NoRebalance());
    other.Start();
    QVERIFY(WaitUntil([&] { return other.elector().active_controller_id() == 1; }));
    auto refused = Wait(other.ElectLeaders(ElectionType::kPreferred, std::nullopt));
    QCOMPARE(refused.status().code(), Status::Code::kAborted);
  }

  void reassignmentCompletesOnlyAfterIsrCatchUp() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("r", {{0, {1, 2}}}).ok());
    auto r = Wait(cl.controller->AlterPartitionReassignments({{Tp("r", 0), std::vector<int32_t>{2, 3}}}));
    QVERIFY(r.ok());
    QVERIFY2(r->at(Tp("r", 0)).ok(), r->at(Tp("r", 0)).message.c_str());
    auto topic = nlohmann::json::parse(Raw(cl.c(), "/brokers/topics/r"));
    QCOMPARE(topic["partitions"]["0"].dump(), std::string("[2,3,1]"));
    QCOMPARE(topic["adding_replicas"].dump(), std::string(R"({"0":[3]})"));
    QCOMPARE(topic["removing_replicas"].dump(), std::string(R"({"0":[1]})"));
    auto listed = Wait(cl.controller->ListPartitionReassignments());
    QCOMPARE(listed->size(), size_t(1));
    const ReassignmentProgress& pr = listed->at(Tp("r", 0));
    QCOMPARE(pr.original, (std::vector<int32_t>{2, 1}));  // Kafka's ORS = RS - adding: common replicas in target order
    QCOMPARE(pr.target, (std::vector<int32_t>{2, 3}));
    QCOMPARE(pr.adding, (std::vector<int32_t>{3}));
    QCOMPARE(pr.removing, (std::vector<int32_t>{1}));
    QCOMPARE(pr.target_in_isr, (std::vector<int32_t>{2}));
    QCOMPARE(pr.leader, 1);

    // Not complete while 3 is outside the ISR, however long we wait.
    QTest::qWait(500);
    QVERIFY(!nlohmann::json::parse(Raw(cl.c(), "/brokers/topics/r"))["adding_replicas"].empty());
    QCOMPARE(State(cl.c(), "r", 0).leader, 1);

    // The leader (1) adds the caught-up replica 3: the controller elects 2 (1 is not a target) and finishes.
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "r", 0, {1, 2, 3}).ok());
    QVERIFY(WaitUntil([&] {
      return Raw(cl.c(), "/brokers/topics/r").find(R"("partitions":{"0":[2,3]},"adding_replicas":{},"removing_replicas":{})") !=
             std::string::npos;
    }));
    QCOMPARE(State(cl.c(), "r", 0).leader, 2);
    QCOMPARE(State(cl.c(), "r", 0).isr, (std::vector<int32_t>{2, 3}));
    QVERIFY(Wait(cl.controller->ListPartitionReassignments())->empty());
    QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
  }

  void newControllerResumesReassignment() {
    Cluster cl;
    QVERIFY(cl.Start());
    Controller standby(cl.brokers[2].zk.get(), 2, NoRebalance());
    standby.Start();
    QVERIFY(cl.Create("f", {{0, {1, 2}}}).ok());
    auto r = Wait(cl.controller->AlterPartitionReassignments({{Tp("f", 0), std::vector<int32_t>{2, 3}}}));
    QVERIFY(r->at(Tp("f", 0)).ok());
    cl.controller.reset();  // resigns; broker 1 stays registered and keeps leading
    QVERIFY(WaitUntil([&] { return standby.is_active(); }, 20000));
    auto listed = Wait(standby.ListPartitionReassignments(std::vector{Tp("f", 0)}));
    QVERIFY(listed.ok());
    QCOMPARE(listed->at(Tp("f", 0)).adding, (std::vector<int32_t>{3}));  // read back from the topic znode
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "f", 0, {1, 2, 3}).ok());
    QVERIFY(WaitUntil([&] { return Raw(cl.c(), "/brokers/topics/f").find(R"("0":[2,3]},"adding_replicas":{})") != std::string::npos; }));
    QCOMPARE(State(cl.c(), "f", 0).leader, 2);
    QCOMPARE(State(cl.c(), "f", 0).controller_epoch, 2);
  }

  void cancelRestoresAndInvalidChangesNothing() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("c", {{0, {1, 2}}, {1, {2, 1}}}).ok());
    const std::string before = Raw(cl.c(), "/brokers/topics/c");
    auto r = Wait(cl.controller->AlterPartitionReassignments({{Tp("c", 0), std::vector<int32_t>{}},
                                                              {Tp("c", 1), std::vector<int32_t>{3, 3}},
                                                              {Tp("c", 2), std::vector<int32_t>{1}},
                                                              {Tp("zz", 0), std::vector<int32_t>{1}}}));
    QCOMPARE(r->at(Tp("c", 0)).error, ControllerError::kInvalidReplicaAssignment);
    QVERIFY(r->at(Tp("c", 0)).message.find("empty") != std::string::npos);
    QCOMPARE(r->at(Tp("c", 1)).error, ControllerError::kInvalidReplicaAssignment);
    QVERIFY(r->at(Tp("c", 1)).message.find("duplicate") != std::string::npos);
    QCOMPARE(r->at(Tp("c", 2)).error, ControllerError::kUnknownTopicOrPartition);
    QCOMPARE(r->at(Tp("zz", 0)).error, ControllerError::kUnknownTopicOrPartition);
    r = Wait(cl.controller->AlterPartitionReassignments({{Tp("c", 0), std::vector<int32_t>{1, 7}},
                                                         {Tp("c", 1), std::vector<int32_t>{-1}}}));
    QCOMPARE(r->at(Tp("c", 0)).error, ControllerError::kInvalidReplicaAssignment);
    QVERIFY(r->at(Tp("c", 0)).message.find("broker 7") != std::string::npos);
    QCOMPARE(r->at(Tp("c", 1)).error, ControllerError::kInvalidReplicaAssignment);
    r = Wait(cl.controller->AlterPartitionReassignments({{Tp("c", 1), std::nullopt}}));
    QCOMPARE(r->at(Tp("c", 1)).error, ControllerError::kNoReassignmentInProgress);
    QCOMPARE(Raw(cl.c(), "/brokers/topics/c"), before);

    // Start [1,2] -> [3], then cancel: back to [1,2], sets cleared, ISR untouched.
    r = Wait(cl.controller->AlterPartitionReassignments({{Tp("c", 0), std::vector<int32_t>{3}}}));
    QVERIFY(r->at(Tp("c", 0)).ok());
    QVERIFY(Raw(cl.c(), "/brokers/topics/c").find(R"("0":[3,1,2])") != std::string::npos);
    r = Wait(cl.controller->AlterPartitionReassignments({{Tp("c", 0), std::nullopt}}));
    QVERIFY2(r->at(Tp("c", 0)).ok(), r->at(Tp("c", 0)).message.c_str());
    auto topic = nlohmann::json::parse(Raw(cl.c(), "/brokers/topics/c"));
    QCOMPARE(topic["partitions"]["0"].dump(), std::string("[1,2]"));
    QVERIFY(topic["adding_replicas"].empty() && topic["removing_replicas"].empty());
    QCOMPARE(State(cl.c(), "c", 0).leader, 1);
    QCOMPARE(State(cl.c(), "c", 0).isr, (std::vector<int32_t>{1, 2}));
  }

  void reassignmentFromAdminZnode() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("z", {{0, {1, 2}}, {1, {1, 2}}}).ok());
    QVERIFY(cl.c()->Create("/admin/reassign_partitions",
                           R"({"version":1,"partitions":[{"topic":"z","partition":0,"replicas":[1,3]},)"
                           R"({"topic":"z","partition":1,"replicas":[9]}]})",
                           CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] { return Raw(cl.c(), "/brokers/topics/z").find(R"("0":[1,3,2])") != std::string::npos; }));
    // The refused entry (broker 9) is dropped from the node; the running one stays listed until done.
    QVERIFY(WaitUntil([&] {
      return Raw(cl.c(), "/admin/reassign_partitions") ==
             R"({"version":1,"partitions":[{"topic":"z","partition":0,"replicas":[1,3]}]})";
    }));
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "z", 0, {1, 2, 3}).ok());
    QVERIFY(WaitUntil([&] { return !cl.c()->Exists("/admin/reassign_partitions")->has_value(); }));
    QVERIFY(Raw(cl.c(), "/brokers/topics/z").find(R"("0":[1,3])") != std::string::npos);
    QCOMPARE(State(cl.c(), "z", 0).isr, (std::vector<int32_t>{1, 3}));
    QCOMPARE(State(cl.c(), "z", 0).leader, 1);
  }

  void controlledShutdownMovesLeadership() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("s", {{0, {2, 1}}, {1, {1, 2}}}).ok());
    QVERIFY(cl.Create("one", {{0, {2}}}).ok());
    // Broker 2 asks through ZooKeeper, as a broker in another process does.
    auto remaining = RequestControlledShutdown(cl.brokers[2].zk.get(), 2, cl.brokers[2].reg->broker_epoch(), 10000);
    QVERIFY2(remaining.ok(), remaining.status().ToString().c_str());
    QVERIFY(remaining->empty());  // one-0 has a single replica: not counted, as in Kafka
    QCOMPARE(State(cl.c(), "s", 0).leader, 1);
    QCOMPARE(State(cl.c(), "s", 0).isr, (std::vector<int32_t>{1}));
    QCOMPARE(State(cl.c(), "s", 1).leader, 1);
    QCOMPARE(State(cl.c(), "s", 1).isr, (std::vector<int32_t>{1}));
    QCOMPARE(State(cl.c(), "one", 0).leader, 2);
    QVERIFY(!cl.c()->Exists(ControlledShutdownPath(2))->has_value());
    // While it is shutting down, broker 2 cannot become leader again.
    auto r = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::vector{Tp("s", 0)}));
    QCOMPARE(r->at(Tp("s", 0)).error, ControllerError::kPreferredLeaderNotAvailable);

    // The API form; a partition with no other ISR member remains.
    QVERIFY(cl.Create("k", {{0, {3, 1}}}).ok());
    QVERIFY(LeaderSetsIsr(cl.brokers[3].zk.get(), "k", 0, {3}).ok());
    QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
    auto left = Wait(cl.controller->ControlledShutdown(3));
    QVERIFY(left.ok());
    QCOMPARE(left->size(), size_t(1));
    QCOMPARE(left->front(), Tp("k", 0));
    QCOMPARE(Wait(cl.controller->ControlledShutdown(9)).status().code(), Status::Code::kNotFound);
  }

  void autoRebalanceRestoresPreferredLeaders() {
    Controller::Options o;
    o.auto_leader_rebalance_enable = true;
    o.leader_imbalance_check_interval_seconds = 0.2;
    Cluster cl;
    QVERIFY(cl.Start(o, 2));
    QVERIFY(cl.Create("b", {{0, {2, 1}}, {1, {2, 1}}, {2, {1, 2}}}).ok());
    cl.brokers[2].Kill();
    QVERIFY(WaitUntil([&] { return State(cl.c(), "b", 0).leader == 1 && State(cl.c(), "b", 1).leader == 1; }));
    QVERIFY(cl.brokers[2].Start(cl.zk, 2));
    QTest::qWait(500);
    QCOMPARE(State(cl.c(), "b", 0).leader, 1);  // not in the ISR yet: no move
    for (int p : {0, 1, 2}) QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "b", p, {1, 2}).ok());
    QVERIFY(WaitUntil([&] { return State(cl.c(), "b", 0).leader == 2 && State(cl.c(), "b", 1).leader == 2; }));
    QCOMPARE(State(cl.c(), "b", 2).leader, 1);
  }

  void rackAwareCreationTopicIdsAndToolDeletion() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    SimBroker b[7];
    const char* racks[] = {"", "a", "a", "b", "b", "c", "c"};
    for (int i = 1; i <= 6; ++i) QVERIFY(b[i].Start(zk, i, std::string(racks[i])));
    Controller controller(b[1].zk.get(), 1, NoRebalance());
    controller.Start();
    QVERIFY(WaitUntil([&] { return controller.is_active(); }));
    QTest::qWait(200);
    CreateTopicRequest req;
    req.name = "spread";
    req.num_partitions = 6;
    req.replication_factor = 3;
    QVERIFY(Wait(controller.CreateTopic(req)).ok());
    auto assignment = DecodeTopicAssignment(Raw(b[1].zk.get(), "/brokers/topics/spread"));
    QVERIFY(assignment.ok());
    for (const auto& [p, replicas] : assignment->partitions) {
      std::set<std::string> used;
      for (int32_t r : replicas) used.insert(racks[r]);
      QCOMPARE(used.size(), size_t(3));
    }
    QVERIFY(assignment->topic_id.has_value());
    QCOMPARE(assignment->topic_id->size(), size_t(22));
    QCOMPARE(nlohmann::json::parse(Raw(b[1].zk.get(), "/brokers/topics/spread"))["version"].get<int>(), 3);

    // A topic written by an old tool (no id, no states) gets an id and leaders.
    QVERIFY(b[2].zk->Create("/brokers/topics/legacy", R"({"version":1,"partitions":{"0":[2]}})", CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] { return State(b[1].zk.get(), "legacy", 0).leader == 2; }));
    QVERIFY(DecodeTopicAssignment(Raw(b[1].zk.get(), "/brokers/topics/legacy"))->topic_id.has_value());

    // Deletion requested by a tool through /admin/delete_topics/T.
    QVERIFY(b[3].zk->Create("/admin/delete_topics/legacy", "", CreateMode::kPersistent).ok());
    QVERIFY(b[3].zk->Create("/admin/delete_topics/never-existed", "", CreateMode::kPersistent).ok());
    QVERIFY(WaitUntil([&] {
      return !b[1].zk->Exists("/brokers/topics/legacy")->has_value() &&
             b[1].zk->GetChildren("/admin/delete_topics")->empty();
    }));
    QVERIFY(b[1].zk->Exists("/brokers/topics/spread")->has_value());
  }
};

QTEST_GUILESS_MAIN(TestControllerOps)
#include "test_controller_ops.moc"
