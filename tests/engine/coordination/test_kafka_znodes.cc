// Unit tests: Kafka znode JSON (golden strings as Kafka writes them, round trips, malformed input) and the
// controller's pure decisions (replica assignment, leader election).
#include <QtTest>

#include "engine/coordination/controller.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_paths.h"

using namespace partita;
using namespace partita::coordination;

class TestKafkaZnodes : public QObject {
  Q_OBJECT
 private slots:
  void brokerRegistrationGolden() {
    BrokerRegistration b;
    b.id = 1;
    b.host = "localhost";
    b.port = 9092;
    b.endpoints = {BrokerEndpoint{"PLAINTEXT", "localhost", 9092, "PLAINTEXT"}};
    b.timestamp_ms = 1700000000000;
    QCOMPARE(QString::fromStdString(EncodeBrokerRegistration(b)),
             QString(R"({"version":5,"host":"localhost","port":9092,"jmx_port":-1,"timestamp":"1700000000000",)"
                     R"("endpoints":["PLAINTEXT://localhost:9092"],"listener_security_protocol_map":)"
                     R"({"PLAINTEXT":"PLAINTEXT"},"rack":null,"features":{}})"));
    auto back = DecodeBrokerRegistration(1, EncodeBrokerRegistration(b));
    QVERIFY(back.ok());
    QVERIFY(*back == b);
    b.rack = "r1";
    QCOMPARE(DecodeBrokerRegistration(1, EncodeBrokerRegistration(b))->rack.value(), std::string("r1"));
  }

  void brokerRegistrationAsKafkaWritesIt() {
    // Written by Apache Kafka 3.x (key order of a Scala map, rack absent, SASL listener).
    const char* kafka =
        R"({"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT","INTERNAL":"SASL_PLAINTEXT"},)"
        R"("endpoints":["PLAINTEXT://kafka-1:9092","INTERNAL://10.0.0.1:9093"],"jmx_port":9999,"port":9092,)"
        R"("host":"kafka-1","version":5,"timestamp":"1699999999999"})";
    auto b = DecodeBrokerRegistration(7, kafka);
    QVERIFY2(b.ok(), b.status().ToString().c_str());
    QCOMPARE(b->id, 7);
    QCOMPARE(b->jmx_port, 9999);
    QCOMPARE(b->timestamp_ms, int64_t(1699999999999));
    QVERIFY(!b->rack.has_value());
    QCOMPARE(b->endpoints.size(), size_t(2));
    QCOMPARE(QString::fromStdString(b->endpoints[1].listener), QString("INTERNAL"));
    QCOMPARE(QString::fromStdString(b->endpoints[1].host), QString("10.0.0.1"));
    QCOMPARE(b->endpoints[1].port, 9093);
    QCOMPARE(QString::fromStdString(b->endpoints[1].security_protocol), QString("SASL_PLAINTEXT"));
  }

  void controllerAndEpochGolden() {
    QCOMPARE(QString::fromStdString(EncodeControllerInfo({3, 1700000000000})),
             QString(R"({"version":1,"brokerid":3,"timestamp":"1700000000000"})"));
    QCOMPARE(DecodeControllerInfo(R"({"version":1,"brokerid":3,"timestamp":"5"})")->broker_id, 3);
    QCOMPARE(QString::fromStdString(EncodeControllerEpoch(12)), QString("12"));
    QCOMPARE(*DecodeControllerEpoch("12"), 12);
    QVERIFY(DecodeControllerEpoch("12x").status().IsCorruption());
    QVERIFY(DecodeControllerEpoch("").status().IsCorruption());
    QVERIFY(DecodeControllerEpoch("-1").status().IsCorruption());
  }

  // Encoding is linear: 100,000 partitions (over 30 s when it was quadratic) round-trip.
  void largeTopicAssignmentRoundTrips() {
    TopicAssignment a;
    a.topic_id = "q0JHQfZoS9OXMIbYk7yKtQ";
    for (int32_t p = 0; p < 100000; ++p) a.partitions[p] = {p % 3 + 1, (p + 1) % 3 + 1, (p + 2) % 3 + 1};
    a.adding_replicas[5] = {4};
    const std::string json = EncodeTopicAssignment(a);
    QVERIFY(json.size() > 100000 * 10);
    auto back = DecodeTopicAssignment(json);
    QVERIFY(back.ok());
    QVERIFY(*back == a);
  }

  void stateChangesGoldenAndBatches() {
    StateChange c{TopicPartition{"t", PartitionId(3)}, PartitionState{2, 7, 4, {2, 1}}, 9};
    const std::string json = EncodeStateChanges({c});
    QCOMPARE(QString::fromStdString(json),
             QString(R"({"version":1,"partitions":[{"topic":"t","partition":3,"leader":2,"leader_epoch":7,)"
                     R"("controller_epoch":4,"isr":[2,1],"zk_version":9}]})"));
    QVERIFY(*DecodeStateChanges(json) == std::vector<StateChange>{c});
    QVERIFY(DecodeStateChanges(R"({"version":1,"partitions":[{"topic":"t"}]})").status().IsCorruption());
    QVERIFY(DecodeStateChanges("[").status().IsCorruption());
    QCOMPARE(*StateChangeSequence("change_0000000042"), int64_t(42));
    QVERIFY(!StateChangeSequence("isr_change_1"));
    QVERIFY(!StateChangeSequence("change_"));
    // 1,201 writes: three multis of at most kStatesPerMulti partitions, each ending with its notification.
    std::vector<StateWrite> writes;
    for (int32_t p = 0; p < 1201; ++p) {
      writes.push_back(StateWrite{TopicPartition{"t", PartitionId(p)}, PartitionState{1, 0, 1, {1}}, p % 2 ? 4 : -1,
                                  true});
    }
    std::vector<std::pair<size_t, size_t>> where;
    auto batches = StateWriteBatches(writes, &where);
    QCOMPARE(batches.size(), size_t(3));
    QCOMPARE(where.size(), writes.size());
    QCOMPARE(where[500], (std::pair<size_t, size_t>{1, 1}));  // 500 is a create with its parent: ops 0 and 1
    QCOMPARE(where[501], (std::pair<size_t, size_t>{1, 2}));
    QCOMPARE(batches[1][where[501].second].kind, ZkOp::Kind::kSetData);
    QCOMPARE(batches[1][where[501].second].version, 4);
    QCOMPARE(batches[2].back().kind, ZkOp::Kind::kCreate);
    auto notified = DecodeStateChanges(batches[2].back().data);
    QVERIFY(notified.ok());
    QCOMPARE(notified->size(), size_t(201));
    QCOMPARE(notified->back().zk_version, 0);     // 1200: created
    QCOMPARE(notified->front().zk_version, 0);    // 1000: created
    QCOMPARE((*DecodeStateChanges(batches[0].back().data))[1].zk_version, 5);  // 1: set at 4 -> 5
  }

  void topicAssignmentGolden() {
    TopicAssignment a;
    a.partitions = {{0, {1, 2, 3}}, {1, {2, 3, 1}}, {10, {3}}};
    const std::string json = EncodeTopicAssignment(a);
    QCOMPARE(QString::fromStdString(json),
             QString(R"({"version":2,"partitions":{"0":[1,2,3],"1":[2,3,1],"10":[3]},)"
                     R"("adding_replicas":{},"removing_replicas":{}})"));
    QVERIFY(*DecodeTopicAssignment(json) == a);
    // Kafka >= 2.8 writes version 3 with a topic id.
    auto v3 = DecodeTopicAssignment(
        R"({"partitions":{"0":[1]},"topic_id":"q0JHQfZoS9OXMIbYk7yKtQ","adding_replicas":{},"removing_replicas":{},"version":3})");
    QVERIFY(v3.ok());
    QCOMPARE(QString::fromStdString(*v3->topic_id), QString("q0JHQfZoS9OXMIbYk7yKtQ"));
  }

  void partitionStateGolden() {
    PartitionState s{1, 4, 5, {1, 2, 3}};
    QCOMPARE(QString::fromStdString(EncodePartitionState(s)),
             QString(R"({"version":1,"leader":1,"leader_epoch":4,"controller_epoch":5,"isr":[1,2,3]})"));
    auto kafka = DecodePartitionState(
        R"({"controller_epoch":5,"leader":1,"version":2,"leader_epoch":4,"isr":[1,2,3],"leader_recovery_state":0})");
    QVERIFY(kafka.ok());
    QVERIFY(*kafka == s);
  }

  void topicConfigAndClusterIdGolden() {
    QCOMPARE(QString::fromStdString(EncodeTopicConfig({{"retention.ms", "1000"}, {"cleanup.policy", "compact"}})),
             QString(R"({"version":1,"config":{"cleanup.policy":"compact","retention.ms":"1000"}})"));
    QCOMPARE(DecodeTopicConfig(R"({"version":1,"config":{"retention.ms":"1000"}})")->at("retention.ms"),
             std::string("1000"));
    QCOMPARE(QString::fromStdString(EncodeClusterId("abc")), QString(R"({"version":"1","id":"abc"})"));
    QCOMPARE(*DecodeClusterId(R"({"version":"1","id":"abc"})"), std::string("abc"));
    QCOMPARE(QString::fromStdString(EncodeConfigChangeNotification("topics/t")),
             QString(R"({"version":2,"entity_path":"topics/t"})"));
    const std::string id = GenerateClusterId();
    QCOMPARE(id.size(), size_t(22));
    for (char c : id) QVERIFY(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    QVERIFY(GenerateClusterId() != id);
  }

  void malformedJsonIsCorruptionNeverAThrow() {
    const char* bad[] = {"", "{", "[]", "null", "{\"leader\":\"one\"}", "{\"partitions\":{\"x\":[1]}}",
                         "{\"partitions\":{\"0\":[\"a\"]}}", "{\"leader\":1,\"leader_epoch\":1,\"controller_epoch\":1,\"isr\":[1e99]}",
                         "{\"version\":5,\"endpoints\":[\"nonsense\"]}", "{\"version\":5,\"endpoints\":[\"P://h:99999\"]}",
                         "{\"config\":{\"a\":1}}", "{\"id\":5}", "\xff\xfe"};
    for (const char* text : bad) {
      QVERIFY(!DecodeTopicAssignment(text).ok());
      QVERIFY(!DecodePartitionState(text).ok());
      QVERIFY(!DecodeTopicConfig(text).ok());
      QVERIFY(!DecodeClusterId(text).ok());
      QVERIFY(!DecodeControllerInfo(text).ok());
    }
    QVERIFY(DecodeBrokerRegistration(1, "{\"version\":5,\"endpoints\":[\"nonsense\"]}").status().IsCorruption());
    QVERIFY(DecodeBrokerRegistration(1, "{\"version\":5,\"endpoints\":[\"P://h:99999\"]}").status().IsCorruption());
    QVERIFY(DecodeBrokerRegistration(1, "{").status().IsCorruption());
    // The version 1 layout (host + port, no endpoints) is held to the same port range as endpoints.
    QVERIFY(DecodeBrokerRegistration(1, "{\"version\":1,\"host\":\"h\",\"port\":8188184}").status().IsCorruption());
    QVERIFY(DecodeBrokerRegistration(1, "{\"version\":1,\"host\":\"h\",\"port\":-2}").status().IsCorruption());
    QVERIFY(DecodeBrokerRegistration(1, "{\"host\":\"h\"}").status().IsCorruption());  // no version
  }

  void topicNameRules() {
    QVERIFY(ValidateTopicName("orders.v1_EU-west").ok());
    QVERIFY(ValidateTopicName(std::string(249, 'a')).ok());
    QVERIFY(!ValidateTopicName(std::string(250, 'a')).ok());
    QVERIFY(!ValidateTopicName("").ok());
    QVERIFY(!ValidateTopicName(".").ok());
    QVERIFY(!ValidateTopicName("..").ok());
    QVERIFY(!ValidateTopicName("a b").ok());
    QVERIFY(!ValidateTopicName("a/b").ok());
    QVERIFY(!ValidateTopicName("caf\xc3\xa9").ok());
  }

  void paths() {
    QCOMPARE(QString::fromStdString(zkpaths::PartitionStatePath("t", 3)),
             QString("/brokers/topics/t/partitions/3/state"));
    QCOMPARE(QString::fromStdString(zkpaths::BrokerIdPath(2)), QString("/brokers/ids/2"));
    QCOMPARE(QString::fromStdString(zkpaths::TopicConfigPath("t")), QString("/config/topics/t"));
  }

  void assignmentSpreadsLeadersAndFollowers() {
    // Kafka's documented example: 5 brokers, 10 partitions, rf 3, start 0, shift 0.
    auto a = AssignReplicas({0, 1, 2, 3, 4}, 10, 3, 0, 0);
    QCOMPARE(a.size(), size_t(10));
    QCOMPARE(a[0], (std::vector<int32_t>{0, 1, 2}));
    QCOMPARE(a[1], (std::vector<int32_t>{1, 2, 3}));
    QCOMPARE(a[4], (std::vector<int32_t>{4, 0, 1}));
    QCOMPARE(a[5], (std::vector<int32_t>{0, 2, 3}));  // second round: followers shifted
    QCOMPARE(a[9], (std::vector<int32_t>{4, 1, 2}));
    std::map<int32_t, int> leaders;
    for (auto& [p, r] : a) leaders[r[0]]++;
    for (auto& [b, n] : leaders) QCOMPARE(n, 2);
    QVERIFY(AssignReplicas({1, 2}, 3, 3, 0, 0).empty());
  }

  void leaderElectionRules() {
    PartitionState s{1, 4, 2, {1, 2, 3}};
    // leader dies: first replica in assignment order that is alive and in ISR
    auto next = ElectLeader({1, 2, 3}, s, {2, 3}, false, 3);
    QVERIFY(next);
    QCOMPARE(next->leader, 2);
    QCOMPARE(next->isr, (std::vector<int32_t>{2, 3}));
    QCOMPARE(next->leader_epoch, 5);
    QCOMPARE(next->controller_epoch, 3);
    // nothing changes -> nullopt
    QVERIFY(!ElectLeader({1, 2, 3}, s, {1, 2, 3}, false, 3));
    // follower dies: ISR shrinks, leader stays, epoch bumps
    next = ElectLeader({1, 2, 3}, s, {1, 2}, false, 3);
    QCOMPARE(next->leader, 1);
    QCOMPARE(next->isr, (std::vector<int32_t>{1, 2}));
    QCOMPARE(next->leader_epoch, 5);
    // only an out-of-sync replica alive: offline unless unclean
    PartitionState only1{1, 4, 2, {1}};
    next = ElectLeader({1, 2}, only1, {2}, false, 3);
    QCOMPARE(next->leader, -1);
    QCOMPARE(next->isr, (std::vector<int32_t>{1}));
    next = ElectLeader({1, 2}, only1, {2}, true, 3);
    QCOMPARE(next->leader, 2);
    QCOMPARE(next->isr, (std::vector<int32_t>{2}));
    // the last ISR member returns: clean leader again
    PartitionState offline{-1, 5, 3, {1}};
    next = ElectLeader({1, 2}, offline, {1, 2}, false, 3);
    QCOMPARE(next->leader, 1);
    QCOMPARE(next->leader_epoch, 6);
  }
};

QTEST_GUILESS_MAIN(TestKafkaZnodes)
#include "test_kafka_znodes.moc"
