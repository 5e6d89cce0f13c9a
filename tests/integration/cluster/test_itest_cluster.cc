// Integration: a 3-broker cluster of real partita-broker processes and a real ZooKeeper (LocalCluster), driven by
// partita-cli, kcat (librdkafka) and confluent_kafka (cluster_io.py). Each slot starts its own cluster.
//   - describeAndAdminApis: topics --describe agrees with kcat -L; DescribeLogDirs, DescribeCluster, AlterConfigs
//     (confluent_kafka), IncrementalAlterConfigs (partita-cli) on topics and brokers, with their errors;
//   - leaderKillsUnderAcksAll: kill -9 of partition 0's leader twice under an acks=all producer; every acknowledged
//     record read back, in order; the restarted broker rejoins the ISR; a preferred election restores leaders;
//   - uncleanElection: a partition whose ISR is dead stays offline until unclean election is allowed;
//   - reassignmentUnderLoad: [1,2] -> [2,3] while producing; --verify completes; replicas identical on disk;
//   - controllerFailover: kill -9 of the controller; another broker takes over and the cluster keeps serving.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <algorithm>

#include "engine/client/broker_connection.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/partition_reassignments.h"
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

QString Ids(const std::vector<int32_t>& ids) {
  QStringList out;
  for (int32_t id : ids) out << QString::number(id);
  return out.join(',');
}

// kcat -L -J: partition -> "leader|replicas|isr" with sorted replica/isr lists.
std::map<int, QString> KcatPartitions(const QString& bs, const QString& topic, QString* error) {
  std::map<int, QString> out;
  ToolRun run = RunTool("kcat", {"-b", bs, "-L", "-J", "-t", topic}, 30000);
  if (!run.ok()) {
    *error = run.Describe();
    return out;
  }
  const QJsonObject root = QJsonDocument::fromJson(run.out).object();
  for (const auto& t : root["topics"].toArray()) {
    if (t.toObject()["topic"].toString() != topic) continue;
    for (const auto& pv : t.toObject()["partitions"].toArray()) {
      const QJsonObject p = pv.toObject();
      std::vector<int32_t> replicas, isr;
      for (const auto& r : p["replicas"].toArray()) replicas.push_back(r.toObject()["id"].toInt());
      for (const auto& r : p["isrs"].toArray()) isr.push_back(r.toObject()["id"].toInt());
      std::sort(isr.begin(), isr.end());
      out[p["partition"].toInt()] = QString("%1|%2|%3").arg(p["leader"].toInt()).arg(Ids(replicas), Ids(isr));
    }
  }
  if (out.empty()) *error = "kcat listed no partitions of " + topic + ": " + QString::fromUtf8(run.out);
  return out;
}

// partita-cli topics --describe: partition -> "leader|replicas|isr" (isr sorted, as kcat's is compared sorted).
std::map<int, QString> CliPartitions(const ClusterUnderTest& c, const QString& topic, QString* error) {
  std::map<int, QString> out;
  ToolRun run = c.Cli({"topics", "--bootstrap-server", c.bs(), "--describe", "--topic", topic});
  if (!run.ok()) {
    *error = run.Describe();
    return out;
  }
  for (const QString& line : Lines(run.out)) {
    if (!line.startsWith("\tTopic: ")) continue;
    std::map<QString, QString> f;
    for (const QString& field : line.split('\t', Qt::SkipEmptyParts)) {
      const int colon = field.indexOf(": ");
      f[colon < 0 ? field.chopped(1) : field.left(colon)] = colon < 0 ? QString() : field.mid(colon + 2);
    }
    QStringList isr = f["Isr"].split(',', Qt::SkipEmptyParts);
    std::sort(isr.begin(), isr.end(), [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    const QString leader = f["Leader"] == "none" ? "-1" : f["Leader"];
    out[f["Partition"].toInt()] = QString("%1|%2|%3").arg(leader, f["Replicas"], isr.join(','));
  }
  return out;
}

bool Registered(const ClusterUnderTest& c, int id) {
  auto md = c.Metadata();
  return md && md->FindBroker(id) != nullptr;
}

}  // namespace

class TestItestCluster : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  void StartCluster(std::map<std::string, std::string> overrides = {}) { StartClusterInto(&c_, std::move(overrides)); }
  void CreateTopic(const QStringList& extra) {
    ToolRun run = c_->Cli(QStringList{"topics", "--bootstrap-server", c_->bs(), "--create"} + extra);
    CLUSTER_VERIFY_RUN(run);
  }
  // Waits until broker id's registration is gone (its session expired), as the controller needs before it
  // elects around it.
  void WaitDeregistered(int id) {
    CLUSTER_VERIFY(WaitUntil([&] { return !Registered(*c_, id); }, 30000),
                   QString("broker %1 still registered 30 s after kill -9").arg(id));
  }
  void KillAndWait(int id) {
    QVERIFY(c_->cluster().KillBroker(id).ok());
    WaitDeregistered(id);
  }
  void Restart(int id) {
    Status st = c_->RestartAfterCrash(id);
    CLUSTER_VERIFY(st.ok(), QString::fromStdString(st.ToString()));
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingClusterTools());
  }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void describeAndAdminApis() {
    StartCluster();
    CreateTopic({"--topic", "described", "--partitions", "3", "--replication-factor", "3"});
    ToolRun produce = RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "described", "-X", "acks=all"}, 30000,
                              QByteArray("one\ntwo\nthree\nfour\nfive\nsix\n"));
    CLUSTER_VERIFY_RUN(produce);
    // partita-cli and librdkafka see the same leaders, replicas and ISRs (once the ISRs are full).
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "described"); }, 30000), "ISR never full");
    QString error;
    const auto cli = CliPartitions(*c_, "described", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto kcat = KcatPartitions(c_->bs(), "described", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(cli.size(), size_t(3));
    QCOMPARE(cli, kcat);

    // DescribeLogDirs: every broker holds the 3 partitions; the data is on disk.
    auto client = client::ClusterClient::Connect(c_->bootstrap());
    QVERIFY(client.ok());
    for (int id = 1; id <= 3; ++id) {
      auto dirs = (*client)->DescribeLogDirs(id);
      QVERIFY2(dirs.ok(), qPrintable(QString::fromStdString(dirs.status().ToString())));
      QCOMPARE(dirs->size(), size_t(1));
      const auto& d = dirs->front();
      QVERIFY2(d.status.ok(), d.status.ToString().c_str());
      QCOMPARE(QString::fromStdString(d.path), c_->BrokerLogDir(id));
      QVERIFY(d.total_bytes > 0 && d.usable_bytes > 0 && d.usable_bytes <= d.total_bytes);
      int64_t bytes = 0;
      int described = 0;
      for (const auto& p : d.partitions) {
        if (p.tp.topic != "described") continue;
        ++described;
        bytes += p.size;
        QCOMPARE(p.offset_lag, int64_t(0));
        QVERIFY(!p.is_future);
      }
      QCOMPARE(described, 3);
      QVERIFY2(bytes > 0, "no bytes on disk for the produced records");
    }

    // DescribeCluster (v1): the 3 brokers, the controller and the cluster id of Metadata.
    auto md = c_->Metadata();
    QVERIFY(md);
    const auto& b1 = *md->FindBroker(1);
    auto conn = client::BrokerConnection::Connect(b1.host, b1.port);
    QVERIFY2(conn.ok(), qPrintable(QString::fromStdString(conn.status().ToString())));
    auto cluster = (*conn)->Send<protocol::DescribeClusterRequest, protocol::DescribeClusterResponse>({});
    QVERIFY2(cluster.ok(), qPrintable(QString::fromStdString(cluster.status().ToString())));
    QCOMPARE(cluster->error_code, int16_t(0));
    QCOMPARE(cluster->brokers.size(), size_t(3));
    QCOMPARE(cluster->controller_id, md->controller_id);
    QCOMPARE(std::optional<std::string>(cluster->cluster_id), md->cluster_id);
    QCOMPARE(cluster->cluster_authorized_operations, std::numeric_limits<int32_t>::min());

    // Controller-only APIs sent to a broker that is not the controller: NOT_CONTROLLER (top level and, for
    // ElectLeaders, per partition) so that clients retry against the controller; at the controller, a reassignment
    // to an unknown broker is refused per partition.
    const int other = md->controller_id == 1 ? 2 : 1;
    const auto& ob = *md->FindBroker(other);
    auto other_conn = client::BrokerConnection::Connect(ob.host, ob.port);
    QVERIFY(other_conn.ok());
    protocol::ElectLeadersRequest elect;
    elect.topic_partitions.emplace();
    elect.topic_partitions->push_back({"described", {0, 1}});
    auto elected = (*other_conn)->Send<protocol::ElectLeadersRequest, protocol::ElectLeadersResponse>(elect, 2);
    QVERIFY(elected.ok());
    QCOMPARE(elected->error_code, int16_t(protocol::ErrorCode::kNotController));
    QCOMPARE(elected->replica_election_results.size(), size_t(1));
    QCOMPARE(elected->replica_election_results[0].partition_result.size(), size_t(2));
    QCOMPARE(elected->replica_election_results[0].partition_result[1].error_code,
             int16_t(protocol::ErrorCode::kNotController));
    protocol::AlterPartitionReassignmentsRequest move;
    move.topics.push_back({"described", {{0, std::vector<int32_t>{1, 9}}}});
    auto refused = (*other_conn)->Send<protocol::AlterPartitionReassignmentsRequest,
                                       protocol::AlterPartitionReassignmentsResponse>(move);
    QVERIFY(refused.ok());
    QCOMPARE(refused->error_code, int16_t(protocol::ErrorCode::kNotController));
    const auto& cb = *md->FindBroker(md->controller_id);
    auto controller_conn = client::BrokerConnection::Connect(cb.host, cb.port);
    QVERIFY(controller_conn.ok());
    auto invalid = (*controller_conn)->Send<protocol::AlterPartitionReassignmentsRequest,
                                            protocol::AlterPartitionReassignmentsResponse>(move);
    QVERIFY(invalid.ok());
    QCOMPARE(invalid->error_code, int16_t(0));
    QCOMPARE(invalid->responses.size(), size_t(1));
    QCOMPARE(invalid->responses[0].partitions[0].error_code, int16_t(protocol::ErrorCode::kInvalidReplicaAssignment));
    auto listed = (*controller_conn)->Send<protocol::ListPartitionReassignmentsRequest,
                                           protocol::ListPartitionReassignmentsResponse>({});
    QVERIFY(listed.ok());
    QCOMPARE(listed->error_code, int16_t(0));
    QVERIFY(listed->topics.empty());
    elected = (*controller_conn)->Send<protocol::ElectLeadersRequest, protocol::ElectLeadersResponse>(elect, 2);
    QVERIFY(elected.ok());
    QCOMPARE(elected->error_code, int16_t(0));
    for (const auto& r : elected->replica_election_results[0].partition_result) {
      // Leaders are already the preferred replicas of a fresh topic.
      QCOMPARE(r.error_code, int16_t(protocol::ErrorCode::kElectionNotNeeded));
    }

    // IncrementalAlterConfigs through partita-cli: a topic override is applied and described; a bad value and an
    // unknown topic are refused with Kafka's error naming the problem.
    ToolRun alter = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--topic", "described",
                             "--add-config", "retention.ms=3600000,cleanup.policy=[delete]"});
    CLUSTER_VERIFY_RUN(alter);
    ToolRun describe = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--describe", "--topic", "described"});
    CLUSTER_VERIFY_RUN(describe);
    QVERIFY2(describe.out.contains("retention.ms=3600000"), describe.out.constData());
    ToolRun bad = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--topic", "described",
                           "--add-config", "retention.ms=soon"});
    QCOMPARE(bad.exit_code, 1);
    QVERIFY2(bad.err.contains("INVALID_CONFIG") && bad.err.contains("retention.ms"), bad.err.constData());
    ToolRun missing = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--topic", "no-such-topic",
                               "--add-config", "retention.ms=1000"});
    QCOMPARE(missing.exit_code, 1);
    QVERIFY2(missing.err.contains("UNKNOWN_TOPIC_OR_PARTITION"), missing.err.constData());
    ToolRun remove = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--topic", "described",
                              "--delete-config", "retention.ms"});
    CLUSTER_VERIFY_RUN(remove);
    describe = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--describe", "--topic", "described"});
    QVERIFY2(!describe.out.contains("retention.ms=3600000"), describe.out.constData());

    // A dynamic broker config is stored and described with its source; a static-only key is refused.
    ToolRun broker_alter = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--broker", "2",
                                    "--add-config", "log.retention.ms=7200000"});
    CLUSTER_VERIFY_RUN(broker_alter);
    ToolRun broker_describe = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--describe", "--broker", "2"});
    CLUSTER_VERIFY_RUN(broker_describe);
    QVERIFY2(broker_describe.out.contains("log.retention.ms=7200000"), broker_describe.out.constData());
    ToolRun broker_bad = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--broker", "2",
                                  "--add-config", "broker.id=7"});
    QCOMPARE(broker_bad.exit_code, 1);
    QVERIFY2(broker_bad.err.contains("INVALID_CONFIG") && broker_bad.err.contains("broker.id"),
             broker_bad.err.constData());

    // AlterConfigs v0 from librdkafka (confluent_kafka AdminClient), validate_only and for real.
    const QString script = QString(R"PY(
import sys
from confluent_kafka.admin import AdminClient, ConfigResource
a = AdminClient({"bootstrap.servers": sys.argv[1]})
def alter(value, validate):
    r = ConfigResource(ConfigResource.Type.TOPIC, "described", set_config={"retention.ms": value})
    for res, f in a.alter_configs([r], validate_only=validate, request_timeout=30).items():
        try:
            f.result()
            print("ok", value, validate)
        except Exception as e:
            print("error", value, validate, e)
alter("7000", True)
alter("8000", False)
alter("-5", False)
r = ConfigResource(ConfigResource.Type.TOPIC, "described")
for res, f in a.describe_configs([r], request_timeout=30).items():
    print("retention.ms", f.result()["retention.ms"].value)
)PY");
    ToolRun py = RunTool(PythonInterpreter(), {"-c", script, c_->bs()}, 60000);
    CLUSTER_VERIFY_RUN(py);
    const QStringList lines = Lines(py.out);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("ok 7000 True"));
    QCOMPARE(lines[1], QString("ok 8000 False"));
    QVERIFY2(lines[2].startsWith("error -5 False") && lines[2].contains("retention.ms"), qPrintable(lines[2]));
    QCOMPARE(lines[3], QString("retention.ms 8000"));  // validate_only wrote nothing; -5 was refused
  }

  void leaderKillsUnderAcksAll() {
    StartCluster();
    CreateTopic({"--topic", "acks", "--partitions", "3", "--replication-factor", "3", "--config",
                 "min.insync.replicas=2"});
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "acks"); }, 30000), "ISR never full");
    BackgroundProducer producer(c_->dir(), c_->bootstrap(), "acks", 200);
    CLUSTER_VERIFY(WaitUntil([&] { return producer.AckedSoFar() > 200; }, 30000), "the producer made no progress");

    for (int round = 0; round < 2; ++round) {
      auto p0 = c_->Partition("acks", 0);
      QVERIFY(p0 && p0->leader > 0);
      const int victim = p0->leader;
      QVERIFY(c_->cluster().KillBroker(victim).ok());
      CLUSTER_VERIFY(WaitUntil(
                         [&] {
                           auto p = c_->Partition("acks", 0);
                           return p && p->leader > 0 && p->leader != victim;
                         },
                         30000),
                     QString("round %1: no new leader for acks-0 after killing broker %2").arg(round).arg(victim));
      const int acked = producer.AckedSoFar();
      CLUSTER_VERIFY(WaitUntil([&] { return producer.AckedSoFar() > acked + 200; }, 30000),
                     QString("round %1: acks=all producing stalled with broker %2 down").arg(round).arg(victim));
      WaitDeregistered(victim);
      Restart(victim);
      // The restarted broker catches up and rejoins the ISR of every partition.
      CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "acks"); }, 40000),
                     QString("round %1: broker %2 did not rejoin the ISRs").arg(round).arg(victim));
    }
    QString summary;
    QVERIFY2(producer.Stop(&summary), qPrintable("producer failed: " + summary + c_->AllLogTails()));
    const QJsonObject produced = LastJsonLine(summary.toUtf8());
    QVERIFY2(produced["acked"].toInt() > 1000, qPrintable(summary));
    qInfo("producer: %s", qPrintable(summary.trimmed()));

    ToolRun verify = RunTool(PythonInterpreter(), {ClusterScript(), "verify", "--bootstrap", c_->bs(), "--topic",
                                                   "acks", "--expect", producer.acked_file()},
                             120000);
    CLUSTER_VERIFY_RUN(verify);
    const QJsonObject v = LastJsonLine(verify.out);
    QVERIFY2(v["ok"].toBool(), verify.out.constData());
    qInfo("verify: %s", verify.out.trimmed().constData());
    // The producer is idempotent: a batch retried after a leader died is answered with its original offset by the
    // new leader (which learnt the producer's sequences as a follower) and never stored twice.
    QCOMPARE(v["duplicated_acked_count"].toInt(), 0);

    // A preferred election gives every partition back to the head of its assignment.
    ToolRun elect = c_->Cli({"leader-election", "--bootstrap-server", c_->bs(), "--election-type", "preferred",
                             "--all-topic-partitions"});
    CLUSTER_VERIFY_RUN(elect);
    // The controller answers once its own metadata shows the new leaders; the other brokers' views follow
    // within milliseconds (ZooKeeper watches), and Metadata may be answered by any of them.
    QString last;
    const bool preferred = WaitUntil(
        [&] {
          auto md = c_->Metadata();
          if (!md || !md->FindTopic("acks")) return false;
          last.clear();
          for (const auto& p : md->FindTopic("acks")->partitions) {
            if (p.leader != p.replicas.front())
              last += QString("acks-%1 led by %2, preferred %3; ").arg(p.partition).arg(p.leader).arg(p.replicas.front());
          }
          return last.isEmpty();
        },
        10000);
    CLUSTER_VERIFY(preferred, last + "election said: " + QString::fromUtf8(elect.out + elect.err));
  }

  void uncleanElection() {
    StartCluster();
    CreateTopic({"--topic", "fragile", "--replica-assignment", "1:2"});
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "fragile"); }, 30000), "ISR never full");
    ToolRun produce = RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "fragile", "-X", "acks=all"}, 30000,
                              QByteArray("a\nb\nc\n"));
    CLUSTER_VERIFY_RUN(produce);
    // The follower dies first (leaves the ISR), then the leader: the only ISR member is dead.
    KillAndWait(2);
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         auto p = c_->Partition("fragile", 0);
                         return p && p->isr == std::vector<int32_t>{1};
                       },
                       20000),
                   "broker 2 did not leave the ISR of fragile-0");
    KillAndWait(1);
    Restart(2);
    // Unclean election is off (the default): broker 2 is alive but not in the ISR, so the partition stays offline.
    QThread::msleep(3000);
    auto p = c_->Partition("fragile", 0);
    QVERIFY(p);
    QVERIFY2(p->leader < 0, qPrintable(QString("fragile-0 got leader %1 with unclean election disabled").arg(p->leader)));
    ToolRun preferred = c_->Cli({"leader-election", "--bootstrap-server", c_->bs(), "--election-type", "preferred",
                                 "--topic", "fragile", "--partition", "0"});
    QCOMPARE(preferred.exit_code, 1);
    QVERIFY2(preferred.err.contains("PREFERRED_LEADER_NOT_AVAILABLE"), preferred.err.constData());

    ToolRun allow = c_->Cli({"configs", "--bootstrap-server", c_->bs(), "--alter", "--topic", "fragile",
                             "--add-config", "unclean.leader.election.enable=true"});
    CLUSTER_VERIFY_RUN(allow);
    const bool by_config = WaitUntil(
        [&] {
          auto q = c_->Partition("fragile", 0);
          return q && q->leader == 2;
        },
        10000);
    QVERIFY2(by_config, "the controller must elect fragile-0's leader once unclean.leader.election.enable is set");
    p = c_->Partition("fragile", 0);
    QVERIFY(p);
    QCOMPARE(p->leader, 2);
    // The partition serves again.
    ToolRun more = RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "fragile", "-X", "acks=all"}, 30000, "d\n");
    CLUSTER_VERIFY_RUN(more);
    ToolRun consume = RunTool("kcat", {"-b", c_->bs(), "-C", "-t", "fragile", "-o", "beginning", "-e"}, 30000);
    CLUSTER_VERIFY_RUN(consume);
    QVERIFY2(Lines(consume.out).contains("d"), consume.out.constData());
  }

  void reassignmentUnderLoad() {
    StartCluster();
    CreateTopic({"--topic", "moving", "--replica-assignment", "1:2"});
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "moving"); }, 30000), "ISR never full");
    BackgroundProducer producer(c_->dir(), c_->bootstrap(), "moving", 300);
    CLUSTER_VERIFY(WaitUntil([&] { return producer.AckedSoFar() > 300; }, 30000), "the producer made no progress");

    const QString plan = c_->dir() + "/reassign.json";
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version":1,"partitions":[{"topic":"moving","partition":0,"replicas":[2,3]}]})");
    f.close();
    ToolRun execute = c_->Cli({"reassign-partitions", "--bootstrap-server", c_->bs(), "--execute",
                               "--reassignment-json-file", plan});
    CLUSTER_VERIFY_RUN(execute);
    QVERIFY2(execute.out.contains("Successfully started partition reassignments"), execute.out.constData());
    ToolRun verify_run;
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         verify_run = c_->Cli({"reassign-partitions", "--bootstrap-server", c_->bs(), "--verify",
                                               "--reassignment-json-file", plan});
                         return verify_run.out.contains("Reassignment of partition moving-0 is completed.");
                       },
                       60000),
                   "reassignment not completed: " + QString::fromUtf8(verify_run.out + verify_run.err));
    const int acked = producer.AckedSoFar();
    CLUSTER_VERIFY(WaitUntil([&] { return producer.AckedSoFar() > acked + 100; }, 30000),
                   "producing stalled after the reassignment");
    QString summary;
    QVERIFY2(producer.Stop(&summary), qPrintable("producer failed: " + summary + c_->AllLogTails()));

    auto p = c_->Partition("moving", 0);
    QVERIFY(p);
    QCOMPARE(Ids(p->replicas), QString("2,3"));
    ToolRun verify = RunTool(PythonInterpreter(), {ClusterScript(), "verify", "--bootstrap", c_->bs(), "--topic",
                                                   "moving", "--expect", producer.acked_file()},
                             120000);
    CLUSTER_VERIFY_RUN(verify);
    QCOMPARE(LastJsonLine(verify.out)["duplicated_acked_count"].toInt(), 0);

    // The new replica holds exactly the leader's bytes (followers copy batches as they are), and the old replica's
    // directory is gone from broker 1.
    const QString dir2 = c_->BrokerLogDir(2) + "/moving-0", dir3 = c_->BrokerLogDir(3) + "/moving-0";
    QStringList segments;
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         segments = FilesEndingWith(dir2, ".log");
                         if (segments.isEmpty() || segments != FilesEndingWith(dir3, ".log")) return false;
                         for (const QString& s : segments)
                           if (ReadAll(dir2 + "/" + s) != ReadAll(dir3 + "/" + s)) return false;
                         return true;
                       },
                       30000),
                   "segments of moving-0 differ between brokers 2 and 3");
    ToolRun dump2 = c_->Cli({"dump-log", "--files", dir2 + "/" + segments.front()});
    ToolRun dump3 = c_->Cli({"dump-log", "--files", dir3 + "/" + segments.front()});
    CLUSTER_VERIFY_RUN(dump2);
    CLUSTER_VERIFY_RUN(dump3);
    QCOMPARE(QString::fromUtf8(dump2.out).replace(dir2, "DIR"), QString::fromUtf8(dump3.out).replace(dir3, "DIR"));
    CLUSTER_VERIFY(WaitUntil([&] { return !QDir(c_->BrokerLogDir(1) + "/moving-0").exists(); }, 20000),
                   "broker 1 still has moving-0 after the reassignment");
  }

  void controllerFailover() {
    StartCluster();
    CreateTopic({"--topic", "steady", "--partitions", "3", "--replication-factor", "3"});
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "steady"); }, 30000), "ISR never full");
    auto md = c_->Metadata();
    QVERIFY(md && md->controller_id > 0);
    const int old_controller = md->controller_id;
    QElapsedTimer t;
    t.start();
    QVERIFY(c_->cluster().KillBroker(old_controller).ok());
    int new_controller = -1;
    // zookeeper.session.timeout.ms is 6000: the old controller's /controller node goes with its session.
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         auto m = c_->Metadata();
                         new_controller = m ? m->controller_id : -1;
                         return new_controller > 0 && new_controller != old_controller;
                       },
                       20000),
                   QString("no new controller 20 s after killing controller %1").arg(old_controller));
    qInfo("controller %d -> %d after %lld ms", old_controller, new_controller, static_cast<long long>(t.elapsed()));
    // Partitions the old controller led get new leaders; the cluster keeps serving data and admin requests.
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         auto m = c_->Metadata();
                         const client::TopicInfo* topic = m ? m->FindTopic("steady") : nullptr;
                         if (!topic) return false;
                         for (const auto& p : topic->partitions)
                           if (p.leader <= 0 || p.leader == old_controller) return false;
                         return true;
                       },
                       20000),
                   "partitions of steady kept a dead leader");
    CreateTopic({"--topic", "after-failover", "--partitions", "2", "--replication-factor", "2"});
    ToolRun produce = RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "steady", "-X", "acks=all"}, 30000,
                              QByteArray("x1\nx2\nx3\n"));
    CLUSTER_VERIFY_RUN(produce);
    ToolRun consume = RunTool("kcat", {"-b", c_->bs(), "-C", "-t", "steady", "-o", "beginning", "-e"}, 30000);
    CLUSTER_VERIFY_RUN(consume);
    QStringList got = Lines(consume.out);
    got.sort();
    QCOMPARE(got, (QStringList{"x1", "x2", "x3"}));
    // The old controller comes back as an ordinary broker and rejoins the ISRs.
    WaitDeregistered(old_controller);
    Restart(old_controller);
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, "steady"); }, 40000),
                   "the old controller did not rejoin the ISRs");
    md = c_->Metadata();
    QVERIFY(md);
    QCOMPARE(md->controller_id, new_controller);
  }
};

QTEST_GUILESS_MAIN(TestItestCluster)
#include "test_itest_cluster.moc"
