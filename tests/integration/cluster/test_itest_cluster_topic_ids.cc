// Integration: topic ids end to end (KIP-516) on a 3-broker cluster (real partita-broker processes and ZooKeeper).
// - A topic deleted and recreated under the same name while a follower is down: when the follower returns, its
//   directory's partition.metadata names the old incarnation's id, so it is dropped as a stray log and the follower
//   replicates the new incarnation from scratch; once it leads, it serves only the new records (without the check
//   its old records below the new log end would survive follower truncation, which works by leader epoch only).
// - The id is the same everywhere: CreateTopics v7, Metadata v12 (also by id), the partition.metadata of every
//   replica, partita-cli topics --describe; Fetch v13 by id reads records, an unknown id is UNKNOWN_TOPIC_ID;
//   DeleteTopics v6 deletes by id.
// - KIP-951 leader discovery: Produce v10-11 and Fetch v16 sent to a broker that does not lead the partition
//   answer NOT_LEADER_OR_FOLLOWER with the current leader and epoch and that leader's endpoint; older versions
//   carry neither. (The replica fetchers use Fetch v15 with KIP-903's replica_state: every acks=all produce
//   to a replicated topic here waits for followers that only count as followers through it.)
#include <QFile>
#include <QtTest>

#include "engine/client/cluster_client.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/uuid_text.h"
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;
using protocol::ErrorCode;

namespace {

std::string PartitionMetadataOf(const ClusterUnderTest& c, int broker, const std::string& dir_name) {
  QFile f(c.BrokerLogDir(broker) + "/" + QString::fromStdString(dir_name) + "/partition.metadata");
  if (!f.open(QIODevice::ReadOnly)) return "";
  return f.readAll().toStdString();
}

std::vector<std::string> Values(const client::FetchResult& r) {
  std::vector<std::string> out;
  for (const auto& rec : r.records) out.push_back(rec.value.value_or("(null)"));
  return out;
}

}  // namespace

class TestItestClusterTopicIds : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;
  std::unique_ptr<client::ClusterClient> client_;

  std::string TopicIdOf(const std::string& topic) {
    auto md = client_->RefreshMetadata();
    if (!md.ok()) return "";
    const client::TopicInfo* t = md->FindTopic(topic);
    return t ? t->topic_id : "";
  }

  bool InIsr(const std::string& topic, int broker) {
    auto p = c_->Partition(topic, 0);
    return p && std::find(p->isr.begin(), p->isr.end(), broker) != p->isr.end();
  }

  Status Produce(const std::string& topic, const std::vector<std::string>& values, int16_t acks) {
    std::vector<client::ProduceRecord> records;
    for (const auto& v : values) records.push_back({std::nullopt, v, {}, -1});
    auto r = client_->Produce({topic, PartitionId(0)}, records, acks);
    return r.ok() ? Status::Ok() : r.status();
  }

 private slots:
  void initTestCase() { ITEST_REQUIRE(MissingClusterTools()); }
  void init() {
    auto started = ClusterUnderTest::Start({{"replica.lag.time.max.ms", "3000"}});
    QVERIFY2(started.ok(), started.status().ToString().c_str());
    c_ = std::move(*started);
    auto client = client::ClusterClient::Connect(c_->bootstrap());
    QVERIFY2(client.ok(), client.status().ToString().c_str());
    client_ = std::move(*client);
  }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("%s", qPrintable(c_->AllLogTails()));
    client_.reset();
    c_.reset();
  }

  void recreatedTopicIsNotServedFromAStrayLog() {
    auto md = c_->Metadata();
    QVERIFY(md);
    const int controller = md->controller_id;
    std::vector<int> others;
    for (int id = 1; id <= 3; ++id)
      if (id != controller) others.push_back(id);
    const int leader = others[0], follower = others[1];
    const QString assignment = QString("%1:%2").arg(leader).arg(follower);
    ITEST_CHECK_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "reborn",
                             "--replica-assignment", assignment}),
                    c_->AllLogTails());
    QVERIFY(WaitUntil([&] { return FullyReplicated(*c_, "reborn"); }, 60000));
    // Retried like any client's produce: the leader may not have applied its state yet.
    QVERIFY(WaitUntil([&] { return Produce("reborn", {"old-0", "old-1", "old-2", "old-3", "old-4"}, -1).ok(); },
                      30000));
    const std::string old_id = TopicIdOf("reborn");
    QCOMPARE(int(old_id.size()), 22);
    QVERIFY(WaitUntil([&] { return PartitionMetadataOf(*c_, follower, "reborn-0") ==
                                   "version: 0\ntopic_id: " + old_id + "\n"; }, 30000));

    // The follower is away while the topic is deleted and created again under the same name (on the leader only:
    // an assignment naming a broker that is not live is refused, as by Kafka).
    ITEST_VERIFY_STATUS(c_->cluster().StopBroker(follower), nullptr);
    ITEST_VERIFY_STATUS(client_->DeleteTopic("reborn"), nullptr);
    QVERIFY(WaitUntil([&] { return TopicIdOf("reborn").empty(); }, 30000));
    ITEST_CHECK_RUN(c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "reborn",
                             "--replica-assignment", QString::number(leader)}),
                    c_->AllLogTails());
    std::string new_id;
    QVERIFY(WaitUntil([&] { return !(new_id = TopicIdOf("reborn")).empty(); }, 30000));
    QVERIFY(new_id != old_id);
    QVERIFY(WaitUntil([&] { return Produce("reborn", {"new-0", "new-1"}, -1).ok(); }, 30000));
    QCOMPARE(PartitionMetadataOf(*c_, follower, "reborn-0"), "version: 0\ntopic_id: " + old_id + "\n");

    // It returns and is made a replica again: its old directory is a stray; it replicates the new incarnation
    // and joins the ISR.
    ITEST_VERIFY_STATUS(c_->RestartAfterCrash(follower), nullptr);
    const QString plan = c_->dir() + "/reassign.json";
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QString(R"({"version":1,"partitions":[{"topic":"reborn","partition":0,"replicas":[%1,%2]}]})")
                .arg(leader)
                .arg(follower)
                .toUtf8());
    f.close();
    ITEST_CHECK_RUN(c_->Cli({"reassign-partitions", "--bootstrap-server", c_->bs(), "--execute",
                             "--reassignment-json-file", plan}),
                    c_->AllLogTails());
    QVERIFY2(WaitUntil([&] { return InIsr("reborn", follower); }, 60000), "the follower never rejoined the ISR");
    QCOMPARE(PartitionMetadataOf(*c_, follower, "reborn-0"), "version: 0\ntopic_id: " + new_id + "\n");
    const QString follower_log = QString::fromStdString(c_->BrokerLogTail(follower, 200000));
    QVERIFY2(follower_log.contains("stray log"), qPrintable(follower_log.right(3000)));

    // It leads: only the new incarnation's records are there.
    ITEST_VERIFY_STATUS(c_->cluster().KillBroker(leader), nullptr);
    QVERIFY(WaitUntil([&] { auto p = c_->Partition("reborn", 0); return p && p->leader == follower; }, 60000));
    client::FetchResult got;
    std::string last_error;
    QVERIFY2(WaitUntil([&] {
      (void)client_->RefreshMetadata();  // the old leader is gone
      auto r = client_->FetchRecords({"reborn", PartitionId(0)}, 0, 1 << 20, 0);
      if (r.ok()) got = *r;
      if (!r.ok()) last_error = r.status().ToString();
      return r.ok();
    }, 30000), last_error.c_str());
    QCOMPARE(Values(got), (std::vector<std::string>{"new-0", "new-1"}));
    QCOMPARE(got.high_watermark, int64_t(2));
  }

  void topicIdsOnTheWire() {
    // CreateTopics v7 answers the id; Metadata, partition.metadata and partita-cli agree with it.
    protocol::CreateTopicsRequest create;
    create.timeout_ms = 30000;
    auto& t = create.topics.emplace_back();
    t.name = "ids";
    t.num_partitions = 2;
    t.replication_factor = 3;
    auto created = client_->SendToController<protocol::CreateTopicsRequest, protocol::CreateTopicsResponse>(
        create, [](const protocol::CreateTopicsResponse& r) {
          return !r.topics.empty() && r.topics[0].error_code == int16_t(ErrorCode::kNotController);
        });
    QVERIFY2(created.ok(), created.status().ToString().c_str());
    QCOMPARE(created->topics.at(0).error_code, int16_t(0));
    const protocol::Uuid id = created->topics[0].topic_id;
    QVERIFY(id != protocol::kZeroUuid);
    const std::string text = protocol::UuidToText(id);
    QCOMPARE(TopicIdOf("ids"), text);
    QVERIFY(WaitUntil([&] { return FullyReplicated(*c_, "ids"); }, 60000));
    ToolRun describe = c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--describe", "--topic", "ids"});
    QVERIFY2(describe.ok(), describe.err.constData());
    QVERIFY2(describe.out.contains(QByteArray("Topic: ids\tTopicId: ") + text.c_str() + "\tPartitionCount: 2"),
             describe.out.constData());
    QVERIFY(WaitUntil([&] { return Produce("ids", {"a", "b", "c"}, -1).ok(); }, 30000));
    // Every replica wrote partition.metadata before its first record (as Kafka: not at creation).
    for (int b = 1; b <= 3; ++b) {
      QVERIFY(WaitUntil([&] { return PartitionMetadataOf(*c_, b, "ids-0") == "version: 0\ntopic_id: " + text + "\n"; },
                        30000));
    }
    auto p0 = c_->Partition("ids", 0);
    QVERIFY(p0);

    // Metadata v12 by id alone; an unknown id is UNKNOWN_TOPIC_ID with a null name; v11 refuses ids.
    protocol::MetadataRequest by_id;
    by_id.topics.emplace();
    by_id.topics->push_back({id, std::nullopt});
    protocol::Uuid unknown = id;
    unknown[15] ^= 0x5a;
    by_id.topics->push_back({unknown, std::nullopt});
    auto m12 = client_->SendToBroker<protocol::MetadataRequest, protocol::MetadataResponse>(p0->leader, by_id, 12);
    QVERIFY2(m12.ok(), m12.status().ToString().c_str());
    QCOMPARE(int(m12->topics.size()), 2);
    QCOMPARE(m12->topics[0].name.value_or("(null)"), std::string("ids"));
    QCOMPARE(m12->topics[0].topic_id, id);
    QCOMPARE(int(m12->topics[0].partitions.size()), 2);
    QCOMPARE(m12->topics[1].error_code, int16_t(ErrorCode::kUnknownTopicId));
    QVERIFY(!m12->topics[1].name);
    auto m11 = client_->SendToBroker<protocol::MetadataRequest, protocol::MetadataResponse>(p0->leader, by_id, 11);
    QVERIFY2(m11.ok(), m11.status().ToString().c_str());
    QCOMPARE(m11->topics.at(0).error_code, int16_t(ErrorCode::kInvalidRequest));

    // Fetch v13 by id: the records; an unknown id: UNKNOWN_TOPIC_ID for each of its partitions.
    protocol::FetchRequest fetch;
    fetch.max_wait_ms = 0;
    fetch.min_bytes = 0;
    fetch.session_epoch = -1;
    auto& ft = fetch.topics.emplace_back();
    ft.topic_id = id;
    auto& fp = ft.partitions.emplace_back();
    fp.partition = 0;
    fp.fetch_offset = 0;
    fp.partition_max_bytes = 1 << 20;
    auto& fu = fetch.topics.emplace_back();
    fu.topic_id = unknown;
    fu.partitions.push_back(fp);
    auto f13 = client_->SendToBroker<protocol::FetchRequest, protocol::FetchResponse>(p0->leader, fetch, 13);
    QVERIFY2(f13.ok(), f13.status().ToString().c_str());
    QCOMPARE(f13->error_code, int16_t(0));
    QCOMPARE(int(f13->responses.size()), 2);
    QCOMPARE(f13->responses[0].topic_id, id);
    QCOMPARE(f13->responses[0].partitions.at(0).error_code, int16_t(0));
    QCOMPARE(f13->responses[0].partitions[0].high_watermark, int64_t(3));
    QVERIFY(f13->responses[0].partitions[0].records.size() > 0);
    QCOMPARE(f13->responses[1].topic_id, unknown);
    QCOMPARE(f13->responses[1].partitions.at(0).error_code, int16_t(ErrorCode::kUnknownTopicId));

    // DeleteTopics v6 by id; the id then names nothing.
    protocol::DeleteTopicsRequest del;
    del.timeout_ms = 30000;
    del.topics.push_back({std::nullopt, id});
    auto deleted = client_->SendToController<protocol::DeleteTopicsRequest, protocol::DeleteTopicsResponse>(
        del, [](const protocol::DeleteTopicsResponse& r) {
          return !r.responses.empty() && r.responses[0].error_code == int16_t(ErrorCode::kNotController);
        });
    QVERIFY2(deleted.ok(), deleted.status().ToString().c_str());
    QCOMPARE(deleted->responses.at(0).error_code, int16_t(0));
    QCOMPARE(deleted->responses[0].name.value_or("(null)"), std::string("ids"));
    QVERIFY(WaitUntil([&] { return TopicIdOf("ids").empty(); }, 30000));
    auto again = client_->SendToController<protocol::DeleteTopicsRequest, protocol::DeleteTopicsResponse>(
        del, [](const protocol::DeleteTopicsResponse& r) {
          return !r.responses.empty() && r.responses[0].error_code == int16_t(ErrorCode::kNotController);
        });
    QVERIFY2(again.ok(), again.status().ToString().c_str());
    QCOMPARE(again->responses.at(0).error_code, int16_t(ErrorCode::kUnknownTopicId));
  }

  void leaderDiscoveryOnTheWire() {
    client::NewTopic t;
    t.name = "lead";
    t.partitions = 1;
    t.replication_factor = 1;
    QVERIFY2(client_->CreateTopic(t).ok(), "create topic");
    QVERIFY(WaitUntil([&] { return Produce("lead", {"x"}, -1).ok(); }, 60000));
    auto p0 = c_->Partition("lead", 0);
    QVERIFY(p0 && p0->leader > 0);
    const int leader = p0->leader;
    const int other = leader == 1 ? 2 : 1;
    int leader_port = 0;
    for (const auto& b : c_->cluster().Brokers())
      if (b.id == leader) leader_port = b.port;
    QVERIFY(leader_port > 0);

    // Produce to the broker that does not lead: v11 (and v10) tell who does; v9 cannot.
    protocol::ProduceRequest produce;
    produce.acks = 1;
    produce.timeout_ms = 30000;
    auto& pt = produce.topics.emplace_back();
    pt.name = "lead";
    pt.partitions.emplace_back().index = 0;
    pt.partitions[0].records.is_null = true;
    for (int16_t v : {int16_t(9), int16_t(10), int16_t(11)}) {
      auto r = client_->SendToBroker<protocol::ProduceRequest, protocol::ProduceResponse>(other, produce, v);
      QVERIFY2(r.ok(), r.status().ToString().c_str());
      const auto& part = r->responses.at(0).partitions.at(0);
      QCOMPARE(part.error_code, int16_t(ErrorCode::kNotLeaderOrFollower));
      if (v < 10) {
        QCOMPARE(part.current_leader.leader_id.value, -1);
        QVERIFY(r->node_endpoints.empty());
        continue;
      }
      QCOMPARE(part.current_leader.leader_id.value, leader);
      QCOMPARE(part.current_leader.leader_epoch, p0->leader_epoch);
      QCOMPARE(r->node_endpoints.size(), size_t(1));
      QCOMPARE(r->node_endpoints[0].node_id.value, leader);
      QCOMPARE(r->node_endpoints[0].host, std::string("127.0.0.1"));
      QCOMPARE(r->node_endpoints[0].port, leader_port);
    }

    // Fetch v16 by id from the broker that does not lead: the same; v15 does not carry it.
    protocol::FetchRequest fetch;
    fetch.max_wait_ms = 0;
    fetch.min_bytes = 0;
    fetch.session_epoch = -1;
    auto& ft = fetch.topics.emplace_back();
    std::string id_text = TopicIdOf("lead");
    auto id = protocol::UuidFromText(id_text);
    QVERIFY(id.has_value());
    ft.topic_id = *id;
    auto& fp = ft.partitions.emplace_back();
    fp.partition = 0;
    fp.partition_max_bytes = 1 << 20;
    for (int16_t v : {int16_t(15), int16_t(16)}) {
      auto r = client_->SendToBroker<protocol::FetchRequest, protocol::FetchResponse>(other, fetch, v);
      QVERIFY2(r.ok(), r.status().ToString().c_str());
      const auto& part = r->responses.at(0).partitions.at(0);
      QCOMPARE(part.error_code, int16_t(ErrorCode::kNotLeaderOrFollower));
      QCOMPARE(part.current_leader.leader_id.value, v >= 16 ? leader : -1);
      QCOMPARE(r->node_endpoints.size(), size_t(v >= 16 ? 1 : 0));
      if (v >= 16) QCOMPARE(r->node_endpoints[0].port, leader_port);
    }

    // Fetch v15 as a consumer (no replica_state) from the leader reads its records.
    auto consumer = client_->SendToBroker<protocol::FetchRequest, protocol::FetchResponse>(leader, fetch, 15);
    QVERIFY2(consumer.ok(), consumer.status().ToString().c_str());
    QCOMPARE(consumer->responses.at(0).partitions.at(0).error_code, int16_t(0));
    QCOMPARE(consumer->responses[0].partitions[0].high_watermark, int64_t(1));
    QVERIFY(consumer->responses[0].partitions[0].records.view.size() > 0);
  }
};

QTEST_GUILESS_MAIN(TestItestClusterTopicIds)
#include "test_itest_cluster_topic_ids.moc"
