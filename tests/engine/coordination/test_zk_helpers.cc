// The ZooKeeper helpers other modules call outside the controller: UpdateIsr, AllocateProducerIdBlock, dynamic
// config writes, plus the pure rack-aware assignment and the admin znode payloads.
#include <QtTest>

#include <set>
#include <thread>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/config_changes.h"
#include "engine/coordination/isr_update.h"
#include "engine/coordination/producer_id_manager.h"
#include "engine/coordination/replica_assignment.h"
#include "engine/coordination/zk_paths.h"
#include "tests/engine/coordination/zk_test_util.h"

using namespace partita;
using namespace partita::coordination;
using partita::testing::ZkFixture;

namespace {

QString Raw(ZkClient* zk, const std::string& path) {
  auto got = zk->Get(path);
  if (got.ok()) return QString::fromStdString(got->data);
  return QStringLiteral("<%1>").arg(QString::fromStdString(got.status().ToString()));
}

}  // namespace

class TestZkHelpers : public QObject {
  Q_OBJECT
 private slots:
  void rackAlternatedListAndAssignmentMatchKafka() {
    // Kafka's AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers.
    const std::map<int32_t, std::string> racks = {{0, "rack1"}, {1, "rack3"}, {2, "rack3"},
                                                  {3, "rack2"}, {4, "rack2"}, {5, "rack1"}};
    QCOMPARE(RackAlternatedBrokers(racks), (std::vector<int32_t>{0, 3, 1, 5, 4, 2}));
    ReplicaAssignment a = AssignReplicasRackAware(racks, 7, 3, 0, 0);
    QCOMPARE(a.at(0), (std::vector<int32_t>{0, 3, 1}));
    QCOMPARE(a.at(1), (std::vector<int32_t>{3, 1, 5}));
    QCOMPARE(a.at(2), (std::vector<int32_t>{1, 5, 4}));
    QCOMPARE(a.at(3), (std::vector<int32_t>{5, 4, 2}));
    QCOMPARE(a.at(4), (std::vector<int32_t>{4, 2, 0}));
    QCOMPARE(a.at(5), (std::vector<int32_t>{2, 0, 3}));
    QCOMPARE(a.at(6), (std::vector<int32_t>{0, 4, 2}));
  }

  void rackAwareSpreadsReplicasOverRacks() {
    const std::map<int32_t, std::string> racks = {{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}, {5, "c"}, {6, "c"}};
    for (int start = 0; start < 6; ++start) {
      ReplicaAssignment a = AssignReplicasRackAware(racks, 12, 3, start, (start * 5) % 6);
      QCOMPARE(a.size(), size_t(12));
      std::map<int32_t, int> leaders;
      for (const auto& [p, replicas] : a) {
        std::set<std::string> used;
        for (int32_t b : replicas) used.insert(racks.at(b));
        QCOMPARE(used.size(), size_t(3));  // RF 3 over 3 racks: one replica per rack
        leaders[replicas.front()]++;
      }
      for (const auto& [b, n] : leaders) QCOMPARE(n, 2);  // 12 partitions, 6 brokers: even leaders
    }
    // Enforced mode: mixed rack information is refused; none at all is rack-unaware.
    std::map<int32_t, std::optional<std::string>> mixed = {{1, "a"}, {2, std::nullopt}};
    QCOMPARE(AssignReplicasEnforced(mixed, 1, 1, 0, 0).status().code(), Status::Code::kInvalidArgument);
    std::map<int32_t, std::optional<std::string>> none = {{1, std::nullopt}, {2, std::nullopt}};
    QCOMPARE(AssignReplicasEnforced(none, 2, 2, 0, 0)->at(0), (std::vector<int32_t>{1, 2}));
  }

  void adminPayloadsRoundTripAndRejectJunk() {
    const std::string reassign = EncodeReassignPartitions({{TopicPartition{"t", PartitionId(0)}, {1, 2, 3}}});
    QCOMPARE(QString::fromStdString(reassign),
             QString(R"({"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,3]}]})"));
    // Kafka's tool adds log_dirs; accepted and ignored.
    auto decoded = DecodeReassignPartitions(
        R"({"version":1,"partitions":[{"topic":"t","partition":2,"replicas":[3],"log_dirs":["any"]}]})");
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->at(0).partition.partition.value, 2);
    QCOMPARE(QString::fromStdString(EncodePartitionList({TopicPartition{"t", PartitionId(1)}})),
             QString(R"({"version":1,"partitions":[{"topic":"t","partition":1}]})"));
    QCOMPARE(QString::fromStdString(EncodeProducerIdBlock({2, 1000, 1000})),
             QString(R"({"version":1,"broker":2,"block_start":"1000","block_end":"1999"})"));
    QCOMPARE(DecodeProducerIdBlock(R"({"version":1,"broker":2,"block_start":"1000","block_end":"1999"})")->size, 1000);
    for (const char* junk : {"", "[]", "{", R"({"partitions":7})", R"({"partitions":[{"topic":1,"partition":0}]})",
                             R"({"partitions":[{"topic":"t","partition":-1}]})"}) {
      QCOMPARE(DecodePartitionList(junk).status().code(), Status::Code::kCorruption);
      QCOMPARE(DecodeReassignPartitions(junk).status().code(), Status::Code::kCorruption);
    }
    QCOMPARE(DecodeProducerIdBlock(R"({"broker":1,"block_start":"9","block_end":"3"})").status().code(),
             Status::Code::kCorruption);
  }

  void updateIsrWritesConditionallyWithNotification() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(c);
    QVERIFY(BrokerRegistrar::EnsurePersistentPaths(c.get()).ok());
    const std::string state_path = zkpaths::PartitionStatePath("t", 0);
    PartitionState st{1, 3, 1, {1, 2}};
    QVERIFY(c->Create(state_path, EncodePartitionState(st), CreateMode::kPersistent, true).ok());
    st.isr = {1, 2, 3};
    int32_t version = -1;
    Status s = UpdateIsr(c.get(), "t", 0, st, 0, &version);
    QVERIFY2(s.ok(), s.ToString().c_str());
    QCOMPARE(version, 1);
    QCOMPARE(Raw(c.get(), state_path), QString(R"({"version":1,"leader":1,"leader_epoch":3,"controller_epoch":1,"isr":[1,2,3]})"));
    auto children = c->GetChildren("/isr_change_notification");
    QCOMPARE(children->size(), size_t(1));
    QCOMPARE(QString::fromStdString(children->front()), QString("isr_change_0000000000"));
    QCOMPARE(Raw(c.get(), "/isr_change_notification/" + children->front()),
             QString(R"({"version":1,"partitions":[{"topic":"t","partition":0}]})"));
    // A stale zkVersion (the controller wrote meanwhile) fails and writes nothing, not even a notification.
    st.isr = {1};
    QVERIFY(IsBadVersion(UpdateIsr(c.get(), "t", 0, st, 0)));
    QCOMPARE(c->GetChildren("/isr_change_notification")->size(), size_t(1));
    QCOMPARE(UpdateIsr(c.get(), "t", 0, PartitionState{1, 3, 1, {}}, 1).code(), Status::Code::kInvalidArgument);
  }

  void producerIdBlocksAreDisjointAcrossConcurrentAllocators() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    constexpr int kAllocators = 4, kBlocks = 20;
    std::vector<std::unique_ptr<ZkClient>> clients;
    for (int i = 0; i < kAllocators; ++i) clients.push_back(zk.Connect());
    QVERIFY(BrokerRegistrar::EnsurePersistentPaths(clients[0].get()).ok());  // node exists, empty, like Kafka
    std::vector<std::vector<ProducerIdBlock>> got(kAllocators);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < kAllocators; ++i) {
      threads.emplace_back([&, i] {
        for (int b = 0; b < kBlocks; ++b) {
          auto block = AllocateProducerIdBlock(clients[size_t(i)].get(), i + 1, 10);
          if (!block.ok()) {
            failures++;
            continue;
          }
          got[size_t(i)].push_back(*block);
        }
      });
    }
    for (auto& t : threads) t.join();
    QCOMPARE(failures.load(), 0);
    std::map<int64_t, ProducerIdBlock> by_start;
    for (int i = 0; i < kAllocators; ++i) {
      for (const auto& b : got[size_t(i)]) {
        QCOMPARE(b.broker_id, i + 1);
        QVERIFY(by_start.emplace(b.first_producer_id, b).second);
      }
    }
    QCOMPARE(by_start.size(), size_t(kAllocators * kBlocks));
    int64_t next = 0;
    for (const auto& [start, b] : by_start) {  // contiguous, no overlap, starting at 0
      QCOMPARE(start, next);
      next = b.last_producer_id() + 1;
    }
    auto last = DecodeProducerIdBlock(Raw(clients[0].get(), "/latest_producer_id_block").toStdString());
    QCOMPARE(last->last_producer_id(), next - 1);
  }

  void configChangesWriteKafkaZnodes() {
    ZkFixture zk;
    QVERIFY(zk.Start());
    auto c = zk.Connect();
    QVERIFY(BrokerRegistrar::EnsurePersistentPaths(c.get()).ok());
    QCOMPARE(AlterTopicConfig(c.get(), "nope", {{"retention.ms", "1"}}).code(), Status::Code::kNotFound);
    QVERIFY(c->Create(zkpaths::TopicPath("t"), EncodeTopicAssignment({{{0, {1}}}, {}, {}, std::nullopt}),
                      CreateMode::kPersistent).ok());
    QVERIFY(AlterTopicConfig(c.get(), "t", {{"retention.ms", "1000"}, {"cleanup.policy", "delete"}}).ok());
    QCOMPARE(Raw(c.get(), "/config/topics/t"),
             QString(R"({"version":1,"config":{"cleanup.policy":"delete","retention.ms":"1000"}})"));
    QCOMPARE(Raw(c.get(), "/config/changes/config_change_0000000000"),
             QString(R"({"version":2,"entity_path":"topics/t"})"));
    Status s = IncrementalAlterTopicConfig(c.get(), "t",
                                           {{"cleanup.policy", ConfigOpType::kAppend, "compact,delete"},
                                            {"retention.ms", ConfigOpType::kDelete, ""},
                                            {"segment.ms", ConfigOpType::kSet, "60000"}});
    QVERIFY2(s.ok(), s.ToString().c_str());
    QCOMPARE(Raw(c.get(), "/config/topics/t"),
             QString(R"({"version":1,"config":{"cleanup.policy":"delete,compact","segment.ms":"60000"}})"));
    QVERIFY(IncrementalAlterTopicConfig(c.get(), "t", {{"cleanup.policy", ConfigOpType::kSubtract, "delete"}}).ok());
    QCOMPARE(ReadTopicConfig(c.get(), "t")->at("cleanup.policy"), std::string("compact"));
    QCOMPARE(c->GetChildren("/config/changes")->size(), size_t(3));  // one notification per write

    QVERIFY(AlterBrokerConfig(c.get(), 1, {{"log.cleaner.threads", "2"}}).ok());
    QVERIFY(AlterBrokerConfig(c.get(), std::nullopt, {{"min.insync.replicas", "2"}}).ok());
    QCOMPARE(Raw(c.get(), "/config/brokers/1"), QString(R"({"version":1,"config":{"log.cleaner.threads":"2"}})"));
    QCOMPARE(Raw(c.get(), "/config/brokers/<default>"), QString(R"({"version":1,"config":{"min.insync.replicas":"2"}})"));
    QCOMPARE(Raw(c.get(), "/config/changes/config_change_0000000003"), QString(R"({"version":2,"entity_path":"brokers/1"})"));
    QCOMPARE(Raw(c.get(), "/config/changes/config_change_0000000004"),
             QString(R"({"version":2,"entity_path":"brokers/<default>"})"));
    QVERIFY(IncrementalAlterBrokerConfig(c.get(), 1, {{"log.cleaner.threads", ConfigOpType::kDelete, ""}}).ok());
    QVERIFY(ReadBrokerConfig(c.get(), 1)->empty());
    QVERIFY(ReadBrokerConfig(c.get(), 7)->empty());  // never configured
  }
};

QTEST_GUILESS_MAIN(TestZkHelpers)
#include "test_zk_helpers.moc"
