// Fault injection (issue 9, "the replication core tested deterministically"): 3 partita-broker processes and a
// real ZooKeeper (ClusterUnderTest), RF=3, min.insync.replicas=2, a real idempotent acks=all producer
// (confluent_kafka through cluster_io.py) recording every acknowledged (partition, offset, key, value). Each slot
// injects one kind of fault and ends with the same proof (CheckNothingLost):
//   - every acknowledged record read back at its offset, none stored twice, per-partition produce order kept
//     (cluster_io.py verify --fail-on-duplicates);
//   - every replica byte-identical to the others up to the high watermark (each replica's batches read from its
//     segment files with the engine's BatchScanner; segment boundaries and bytes past the high watermark may
//     differ).
// Slots:
//   kip380FastRestartWithCutTail   leader kill -9, the tail of its log cut (lost unflushed data), restarted at once;
//                                  the controller is slow (paused) while the old session expires and the new one
//                                  registers, so it sees the same set of broker ids (Kafka's KIP-380).
//   kip279TwoLeaderFailuresWithPausedReplica  X at 50-52 on one replica, Y at 50-52 on the next leader, then the
//                                  first one leads again (Kafka's KIP-279 follower truncation).
//   controllerKills, zookeeperRestarts, zombieLeader, brokerCutOffInNetworkNamespace.
// Timing: every wait is for a condition with a deadline, except where a fault must last a given time (ZooKeeper
// down longer than the session timeout) or be placed relative to a known timeout; those say why.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "engine/cluster/zookeeper_server.h"
#include "engine/coordination/zk_client.h"
#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/faults/fault_injection.h"
#include "tests/integration/faults/netns_fixture.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

// Runs a helper that checks with QVERIFY/QFAIL and ends the slot if it failed (a failure inside a called
// function only returns from that function).
#define CHECKED(call)                       \
  do {                                      \
    call;                                   \
    if (QTest::currentTestFailed()) return; \
  } while (0)

namespace {

// The highest acknowledged offset of a partition in a cluster_io.py --out file (-1: none).
int64_t MaxAckedOffset(const QString& acked_file, int partition) {
  int64_t max = -1;
  for (const QByteArray& line : ReadAll(acked_file).split('\n')) {
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    if (!o.isEmpty() && o["p"].toInt() == partition) max = std::max<int64_t>(max, o["o"].toInteger());
  }
  return max;
}

int AckedCount(const QString& acked_file) { return int(ReadAll(acked_file).count('\n')); }

QString Describe(const ReplicaLog& log, int64_t from, int64_t to) {
  QStringList out;
  for (const DiskBatch& b : log.batches) {
    if (b.header.last_offset() < from || b.header.base_offset > to) continue;
    out << QString("%1-%2@epoch%3")
               .arg(b.header.base_offset)
               .arg(b.header.last_offset())
               .arg(b.header.partition_leader_epoch);
  }
  return out.join(' ');
}

}  // namespace

class TestItestFaults : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;
  std::unique_ptr<cluster::ZooKeeperServer> restarted_zk_;  // zookeeperRestarts: the second ZooKeeper process
  std::unique_ptr<NetnsFixture> netns_;                     // brokerCutOffInNetworkNamespace
  std::string host_ = "127.0.0.1";                          // where the brokers listen

  void StartCluster(int session_timeout_ms, std::map<std::string, std::string> extra = {},
                    const ClusterUnderTest::Layout& layout = ClusterUnderTest::Layout()) {
    host_ = layout.host;
    std::map<std::string, std::string> o = {{"zookeeper.session.timeout.ms", std::to_string(session_timeout_ms)},
                                            {"min.insync.replicas", "2"},
                                            {"default.replication.factor", "3"},
                                            {"unclean.leader.election.enable", "false"},
                                            {"replica.lag.time.max.ms", "30000"}};
    for (auto& [k, v] : extra) o[k] = v;
    auto started = ClusterUnderTest::Start(std::move(o), layout);
    QVERIFY2(started.ok(), qPrintable(QString::fromStdString(started.status().ToString())));
    c_ = std::move(*started);
  }
  void CreateTopic(const QStringList& extra) {
    CLUSTER_VERIFY_RUN(c_->Cli(QStringList{"topics", "--bootstrap-server", c_->bs(), "--create"} + extra));
  }
  // A 3-partition RF=3 topic under a 300 records/s idempotent acks=all producer that has 300 acknowledgements.
  std::unique_ptr<BackgroundProducer> LoadedTopic(const QString& topic) {
    CreateTopic({"--topic", topic, "--partitions", "3", "--replication-factor", "3"});
    if (QTest::currentTestFailed()) return nullptr;
    WaitFullyReplicated(topic, 30000);
    auto producer = std::make_unique<BackgroundProducer>(c_->dir(), c_->bootstrap(), topic, 300);
    WaitAcked(*producer, 300);
    return producer;
  }
  // host:port of one broker.
  std::string Address(int id) const { return host_ + ":" + std::to_string(BrokerPort(c_->cluster(), id)); }
  int ControllerId() {
    auto md = c_->Metadata();
    return md ? md->controller_id : -1;
  }
  QString Dir(int broker, const QString& topic, int partition) const {
    return PartitionDir(c_->BrokerLogDir(broker), topic, partition);
  }
  void WaitAcked(const BackgroundProducer& p, int at_least, int timeout_ms = 60000) {
    CLUSTER_VERIFY(WaitUntil([&] { return p.AckedSoFar() >= at_least; }, timeout_ms),
                   QString("the producer acknowledged %1 records, waited for %2").arg(p.AckedSoFar()).arg(at_least));
  }
  void WaitFullyReplicated(const QString& topic, int timeout_ms = 60000) {
    CLUSTER_VERIFY(WaitUntil([&] { return FullyReplicated(*c_, topic.toStdString()); }, timeout_ms),
                   "the ISR of " + topic + " did not become full again");
  }
  // Returns an empty string when the producer finished cleanly, else its output (a loss often shows first as a
  // fatal OUT_OF_ORDER_SEQUENCE_NUMBER in the idempotent producer; the scenarios check for loss first).
  QString StopProducer(BackgroundProducer& p) {
    QString summary;
    const bool ok = p.Stop(&summary);
    qInfo("producer: %s", qPrintable(summary.trimmed().right(1500)));
    return ok ? QString() : "the producer did not finish cleanly: " + summary.right(3000);
  }

  // The end of every scenario: nothing acknowledged lost, duplicated or reordered; all replicas byte-identical up
  // to the high watermark. acked_files[0] is the main producer's.
  void CheckNothingLost(const QString& topic, const QStringList& acked_files) {
    WaitFullyReplicated(topic);
    if (QTest::currentTestFailed()) return;
    std::map<int, int64_t> hw;
    for (const QString& acked : acked_files) {
      if (AckedCount(acked) == 0) continue;  // a probe whose writes were all refused
      ToolRun verify = RunTool(PythonInterpreter(),
                               {ClusterScript(), "verify", "--bootstrap", c_->bs(), "--topic", topic, "--expect", acked,
                                "--fail-on-duplicates", "--timeout", "60"},
                               120000);
      qInfo("verify %s: %s", qPrintable(QFileInfo(acked).fileName()),
            qPrintable(QString::fromUtf8(verify.out).trimmed()));
      CLUSTER_VERIFY_RUN(verify);
      const QJsonObject hws = LastJsonLine(verify.out)["high_watermarks"].toObject();
      for (auto it = hws.begin(); it != hws.end(); ++it) hw[it.key().toInt()] = it.value().toInteger();
    }
    auto md = c_->Metadata();
    CLUSTER_VERIFY(md.has_value(), "no metadata");
    const client::TopicInfo* t = md->FindTopic(topic.toStdString());
    CLUSTER_VERIFY(t != nullptr, "topic " + topic + " not in metadata");
    for (const auto& p : t->partitions) {
      const int64_t high = hw.count(p.partition) ? hw[p.partition] : 0;
      std::map<int, ReplicaLog> logs;
      // Followers may still be fetching the last records: wait until each holds the high watermark.
      WaitUntil(
          [&] {
            logs.clear();
            for (int32_t r : p.replicas) logs[r] = ReadReplica(Dir(r, topic, p.partition));
            for (const auto& [id, log] : logs)
              if (log.LogEnd() < high) return false;
            return true;
          },
          30000);
      const QString problems = CompareReplicas(logs, high);
      CLUSTER_VERIFY(problems.isEmpty(), QString("replicas of %1-%2 differ below the high watermark %3:%4")
                                             .arg(topic)
                                             .arg(p.partition)
                                             .arg(high)
                                             .arg(problems));
      size_t batches = 0;
      for (const DiskBatch& b : logs.begin()->second.batches) batches += b.header.base_offset < high ? 1 : 0;
      qInfo("%s-%d: %zu replicas identical up to the high watermark %lld (%zu batches)", qPrintable(topic), p.partition,
            logs.size(), static_cast<long long>(high), batches);
    }
  }

  // Waits until the broker listening on port names `leader` as the partition's leader (and as the controller).
  static bool WaitLeader(const std::string& address, const std::string& topic, int partition, int leader,
                         bool and_controller = false) {
    return WaitUntil(
        [&] {
          auto md = MetadataFrom(address);
          auto p = md ? FindPartition(*md, topic, partition) : std::nullopt;
          return p && p->leader == leader && (!and_controller || md->controller_id == leader);
        },
        20000);
  }
  // Stops the producer, then CheckNothingLost; a producer that did not finish cleanly fails the slot after that.
  void Finish(BackgroundProducer& producer, const QString& topic, const QStringList& more_acked = {}) {
    const QString producer_problem = StopProducer(producer);
    CheckNothingLost(topic, QStringList{producer.acked_file()} + more_acked);
    if (QTest::currentTestFailed()) return;
    CLUSTER_VERIFY(producer_problem.isEmpty(), producer_problem);
  }

 private slots:
  void initTestCase() { ITEST_REQUIRE(MissingClusterTools()); }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();  // stops the brokers (while a restarted ZooKeeper or the relays still serve them)
    restarted_zk_.reset();
    netns_.reset();
  }

  // KIP-380: a bounced leader is taken for the old one. Leader L (not the controller) is killed with kill -9
  // under load; the tail of its log holding the last 50 acknowledged records is cut (a crash that lost unflushed
  // data) and L is restarted at once (its new process waits inside for the old ZooKeeper session to expire, then
  // registers). The controller is paused from just before that expiry until the new registration exists (a slow
  // controller, e.g. a GC pause), so when it looks it sees the same broker ids. Kafka compares broker epochs (the
  // registration's czxid) and treats the bounce as a failure plus a startup: a new leader from the in-sync
  // followers with a bumped leader epoch, and L truncates to it. Partita today lets L lead on at the same epoch
  // with its shorter log, and acknowledged records disappear.
  void kip380FastRestartWithCutTail() {
    const int session_ms = 10000;
    CHECKED(StartCluster(session_ms));
    const int k = ControllerId();
    QVERIFY(k > 0);
    std::vector<int> others;
    for (int id = 1; id <= 3; ++id)
      if (id != k) others.push_back(id);
    const int leader = others[0], follower = others[1];
    CHECKED(CreateTopic(
        {"--topic", "kip380", "--replica-assignment", QString("%1:%2:%3").arg(leader).arg(follower).arg(k)}));
    CHECKED(WaitFullyReplicated("kip380", 30000));
    BackgroundProducer producer(c_->dir(), c_->bootstrap(), "kip380", 300);
    CHECKED(WaitAcked(producer, 600));
    QCOMPARE(c_->Partition("kip380", 0)->leader, leader);

    auto zk = coordination::ZkClient::Connect(c_->cluster().ZooKeeperConnect(), 10000);
    QVERIFY(zk.ok());
    const std::string reg = "/brokers/ids/" + std::to_string(leader);
    auto before = (*zk)->Get(reg);
    QVERIFY(before.ok());

    QElapsedTimer since_kill;
    QVERIFY(c_->cluster().KillBroker(leader).ok());
    since_kill.start();
    const int64_t last_acked = MaxAckedOffset(producer.acked_file(), 0);
    auto removed = CutLogTail(Dir(leader, "kip380", 0), last_acked - 49);
    QVERIFY2(removed.ok(), removed.status().ToString().c_str());
    QVERIFY(c_->cluster().StartBroker(leader).ok());  // listening now; registers once the old session is gone
    qInfo(
        "kill -9 of leader %d; its log cut by %lld records (last acknowledged offset %lld); restarted %lld ms "
        "after the kill",
        leader, static_cast<long long>(*removed), static_cast<long long>(last_acked),
        static_cast<long long>(since_kill.elapsed()));

    // Placed relative to the session timeout: the old session expires between 2/3 of session_ms (its last
    // heartbeat may be a third of a session old at the kill) and session_ms + one 500 ms tick after the kill; the
    // controller pauses 1 s before that window and resumes when the new registration exists (at most ~6 s, inside
    // its own 10 s session).
    {
      ResumeOnExit paused;
      while (since_kill.elapsed() < session_ms * 2 / 3 - 1000) QThread::msleep(50);
      paused.Pause(BrokerPid(c_->cluster(), k));
      const bool reregistered = WaitUntil(
          [&] {
            auto now = (*zk)->Get(reg);
            return now.ok() && now->stat.czxid != before->stat.czxid;
          },
          session_ms + 5000);
      paused.Resume(BrokerPid(c_->cluster(), k));
      CLUSTER_VERIFY(reregistered, QString("broker %1 did not register again after its restart").arg(leader));
      qInfo("broker %d registered again %lld ms after the kill (czxid %lld -> new)", leader,
            static_cast<long long>(since_kill.elapsed()), static_cast<long long>(before->stat.czxid));
    }
    const int acked_now = producer.AckedSoFar();
    CHECKED(WaitFullyReplicated("kip380"));
    // Progress is not required here: when the bounced leader lost acknowledged records the idempotent producer
    // dies of OUT_OF_ORDER_SEQUENCE_NUMBER; the loss itself is what CheckNothingLost reports.
    WaitUntil([&] { return producer.AckedSoFar() >= acked_now + 600; }, 30000);
    qInfo("after the bounce: leader %d (was %d); %d records acknowledged since", c_->Partition("kip380", 0)->leader,
          leader, producer.AckedSoFar() - acked_now);
    CHECKED(Finish(producer, "kip380"));
  }

  // KIP-279: follower truncation must use the epoch the leader answers. Brokers B (initial leader and controller),
  // F, L; partition 0 replicated on [B, F, L]; records 0-49 on all three.
  //   1. F paused (in the ISR; its pending fetch answered empty before X exists);
  //   2. the idempotent producer sends X (offsets 50-52, epoch 0): B and L hold them, not acknowledged yet (F lags);
  //      producer and L paused;
  //   3. leader failure 1: B shuts down; the controller moves leadership to F, the first live ISR member (epoch 1);
  //      F resumes and leads with its log ending at 50; Y-0..2 written to F with acks=1 (offsets 50-52, epoch 1);
  //   4. leader failure 2: F shuts down; leadership moves to L (epoch 2), which never had epoch 1; L resumes, the
  //      producer resumes and gets X acknowledged at 50-52 (its retry is a duplicate L already holds);
  //   5. F and B restart and follow L. F asks for its latest epoch 1; L answers epoch 0 ending at 53. Kafka's F
  //      truncates to min(53, its own end of epoch 0 = 50) and fetches X; Partita's F keeps Y (min(53, its log
  //      end 53)) and rejoins the ISR with records L never had.
  //   6. leadership moves to F (B and L shut down): the acknowledged X must still be there.
  void kip279TwoLeaderFailuresWithPausedReplica() {
    StartCluster(20000);  // long sessions: L stays paused across both failures (~10 s) without losing its session
    const int b = ControllerId();
    QVERIFY(b > 0);
    std::vector<int> others;
    for (int id = 1; id <= 3; ++id)
      if (id != b) others.push_back(id);
    const int f = others[0], l = others[1];
    CHECKED(CreateTopic({"--topic", "kip279", "--replica-assignment", QString("%1:%2:%3").arg(b).arg(f).arg(l)}));
    CHECKED(WaitFullyReplicated("kip279", 30000));
    const QString go = c_->dir() + "/go-kip279";
    BackgroundProducer producer(c_->dir(), c_->bootstrap(), "kip279", 100,
                                {"--count", "53", "--hold-after", "50", "--go-file", go});
    CHECKED(WaitAcked(producer, 50));
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         return ReadReplica(Dir(f, "kip279", 0)).LogEnd() == 50 &&
                                ReadReplica(Dir(l, "kip279", 0)).LogEnd() == 50;
                       },
                       20000),
                   "followers did not reach offset 50");
    ResumeOnExit paused;
    // 1. F paused. Its fetch outstanding at B is answered empty after replica.fetch.wait.max.ms (500 ms): wait
    // past that, so that no fetch of F is pending when X arrives (else X would sit in F's socket buffer).
    paused.Pause(BrokerPid(c_->cluster(), f));
    QThread::msleep(1500);
    // 2. X.
    QFile(go).open(QIODevice::WriteOnly);
    CLUSTER_VERIFY(WaitUntil([&] { return ReadReplica(Dir(l, "kip279", 0)).LogEnd() == 53; }, 20000),
                   "L did not replicate X");
    paused.Pause(producer.pid());
    paused.Pause(BrokerPid(c_->cluster(), l));
    QCOMPARE(producer.AckedSoFar(), 50);  // X is not acknowledged: F is in the ISR and lags
    // 3. Leader failure 1.
    QVERIFY(c_->cluster().StopBroker(b).ok());
    paused.Resume(BrokerPid(c_->cluster(), f));
    const std::string f_addr = Address(f), l_addr = Address(l);
    CLUSTER_VERIFY(WaitLeader(f_addr, "kip279", 0, f, /*and_controller=*/true),
                   QString("F (%1) did not become leader and controller").arg(f));
    ToolRun y = RunTool(
        "kcat", {"-b", QString::fromStdString(f_addr), "-P", "-t", "kip279", "-p", "0", "-K", ":", "-X", "acks=1"},
        30000, "Y-0:Y-0\nY-1:Y-1\nY-2:Y-2\n");
    CLUSTER_VERIFY_RUN(y);
    CLUSTER_VERIFY(WaitUntil([&] { return ReadReplica(Dir(f, "kip279", 0)).LogEnd() == 53; }, 10000),
                   "F did not append Y");
    // 4. Leader failure 2.
    QVERIFY(c_->cluster().StopBroker(f).ok());
    paused.Resume(BrokerPid(c_->cluster(), l));
    paused.Resume(producer.pid());
    CLUSTER_VERIFY(WaitLeader(l_addr, "kip279", 0, l), QString("L (%1) did not become leader").arg(l));
    // 5. F and B follow L.
    QVERIFY(c_->cluster().StartBroker(f).ok());
    QVERIFY(c_->cluster().StartBroker(b).ok());
    CHECKED(WaitFullyReplicated("kip279"));
    CHECKED(WaitAcked(producer, 53));
    StopProducer(producer);
    qInfo("offsets 50-52: L(%d) %s | F(%d) %s | B(%d) %s; acknowledged: %s", l,
          qPrintable(Describe(ReadReplica(Dir(l, "kip279", 0)), 50, 52)), f,
          qPrintable(Describe(ReadReplica(Dir(f, "kip279", 0)), 50, 52)), b,
          qPrintable(Describe(ReadReplica(Dir(b, "kip279", 0)), 50, 52)),
          qPrintable(QString::fromUtf8(ReadAll(producer.acked_file()).split('\n').mid(50).join(' '))));
    // 6. Leadership moves to F.
    QVERIFY(c_->cluster().StopBroker(b).ok());
    QVERIFY(c_->cluster().StopBroker(l).ok());
    CLUSTER_VERIFY(WaitLeader(f_addr, "kip279", 0, f), QString("F (%1) did not take leadership").arg(f));
    ToolRun read_from_f = RunTool(PythonInterpreter(),
                                  {ClusterScript(), "verify", "--bootstrap", QString::fromStdString(f_addr), "--topic",
                                   "kip279", "--expect", producer.acked_file(), "--fail-on-duplicates"},
                                  90000);
    qInfo("read back with F leading: %s", qPrintable(QString::fromUtf8(read_from_f.out).trimmed()));
    CLUSTER_VERIFY_RUN(read_from_f);
    QVERIFY(c_->cluster().StartBroker(l).ok());
    QVERIFY(c_->cluster().StartBroker(b).ok());
    CHECKED(CheckNothingLost("kip279", {producer.acked_file()}));
  }

  // kill -9 of the broker holding /controller, twice, under load; another broker takes over within the session
  // timeout and the killed one rejoins.
  void controllerKills() {
    CHECKED(StartCluster(6000));
    auto loaded = LoadedTopic("ctl");
    if (QTest::currentTestFailed()) return;
    BackgroundProducer& producer = *loaded;
    for (int round = 0; round < 2; ++round) {
      const int k = ControllerId();
      QVERIFY(k > 0);
      QVERIFY(c_->cluster().KillBroker(k).ok());
      CLUSTER_VERIFY(WaitUntil(
                         [&] {
                           const int now = ControllerId();
                           return now > 0 && now != k;
                         },
                         30000),
                     QString("no new controller after the kill of controller %1").arg(k));
      qInfo("round %d: controller %d killed, %d took over", round, k, ControllerId());
      const Status st = c_->RestartAfterCrash(k);
      CLUSTER_VERIFY(st.ok(), QString::fromStdString(st.ToString()));
      CHECKED(WaitFullyReplicated("ctl"));
      CHECKED(WaitAcked(producer, producer.AckedSoFar() + 300));
    }
    CHECKED(Finish(producer, "ctl"));
  }

  // ZooKeeper stopped for longer than the brokers' session timeout, then started again on the same port and data
  // dir, under load. The brokers reconnect (or re-register), the ISRs fill again and nothing acknowledged is lost.
  void zookeeperRestarts() {
    const int session_ms = 6000;
    CHECKED(StartCluster(session_ms));
    auto loaded = LoadedTopic("zk");
    if (QTest::currentTestFailed()) return;
    BackgroundProducer& producer = *loaded;
    const QString cluster_dir = c_->dir() + "/cluster";
    const QString connect = QString::fromStdString(c_->cluster().ZooKeeperConnect());
    const int zk_port = connect.section(':', -1).toInt();
    for (int round = 0; round < 2; ++round) {
      const pid_t zk_pid = restarted_zk_ ? restarted_zk_->pid() : ZooKeeperPid(cluster_dir);
      QVERIFY2(zk_pid > 0, "ZooKeeper process not found");
      if (restarted_zk_) {
        QVERIFY(restarted_zk_->Stop().ok());
      } else {
        // LocalCluster owns this child: stop it without reaping (its Stop() reaps it at the end of the test).
        ::kill(zk_pid, SIGTERM);
        CLUSTER_VERIFY(
            WaitUntil([&] { return cluster::ZooKeeperServer::FourLetterWord(zk_port, "ruok").status().ok() == false; },
                      15000),
            "ZooKeeper did not stop");
      }
      const int acked_at_stop = producer.AckedSoFar();
      // A fault of a given length: down for twice the session timeout.
      QThread::msleep(2 * session_ms);
      qInfo("round %d: ZooKeeper down %d ms; the producer got %d acks meanwhile", round, 2 * session_ms,
            producer.AckedSoFar() - acked_at_stop);
      restarted_zk_.reset();
      cluster::ZooKeeperServer::Options options;
      options.data_dir = (cluster_dir + "/zookeeper").toStdString();
      options.port = zk_port;
      auto started = cluster::ZooKeeperServer::Start(options);
      QVERIFY2(started.ok(), started.status().ToString().c_str());
      restarted_zk_ = std::move(*started);
      CLUSTER_VERIFY(WaitUntil(
                         [&] {
                           auto md = c_->Metadata();
                           return md && md->brokers.size() == 3 && md->controller_id > 0;
                         },
                         60000),
                     "the brokers did not all register again after the ZooKeeper restart");
      CHECKED(WaitFullyReplicated("zk"));
      CHECKED(WaitAcked(producer, producer.AckedSoFar() + 300));
    }
    CHECKED(Finish(producer, "zk"));
  }

  // A paused (zombie) leader: SIGSTOP past its session timeout, another replica is elected, SIGCONT. The zombie
  // still believes it leads; a producer that only knows the zombie writes to it at once with acks=all. Whatever
  // it acknowledges must survive (min.insync.replicas=2 and the ISR it can no longer grow must refuse or time
  // out the writes), and the main producer loses nothing either.
  void zombieLeader() {
    const int session_ms = 6000;
    CHECKED(StartCluster(session_ms));
    auto loaded = LoadedTopic("zombie");
    if (QTest::currentTestFailed()) return;
    BackgroundProducer& producer = *loaded;
    const int k = ControllerId();
    auto md = c_->Metadata();
    QVERIFY(md);
    int zombie = -1, partition = -1;
    for (const auto& p : md->FindTopic("zombie")->partitions) {
      if (p.leader != k) {
        zombie = p.leader;
        partition = p.partition;
        break;
      }
    }
    QVERIFY2(zombie > 0, "every partition is led by the controller");
    std::vector<int> live;
    for (int id = 1; id <= 3; ++id)
      if (id != zombie) live.push_back(id);
    {
      ResumeOnExit paused;
      paused.Pause(BrokerPid(c_->cluster(), zombie));
      CLUSTER_VERIFY(WaitUntil(
                         [&] {
                           auto now = MetadataFrom(Address(live[0]));
                           auto p = now ? FindPartition(*now, "zombie", partition) : std::nullopt;
                           return p && p->leader >= 0 && p->leader != zombie && now->FindBroker(zombie) == nullptr;
                         },
                         session_ms + 20000),
                     QString("no new leader for zombie-%1 while broker %2 is paused").arg(partition).arg(zombie));
      qInfo("broker %d paused; zombie-%d moved to broker %d", zombie, partition,
            FindPartition(*MetadataFrom(Address(live[0])), "zombie", partition)->leader);
    }
    // The zombie runs again: write to it alone, at once.
    const QString probe = c_->dir() + "/acked-zombie-probe.jsonl";
    ToolRun probe_run = RunTool(PythonInterpreter(),
                                {ClusterScript(), "produce", "--bootstrap", QString::fromStdString(Address(zombie)),
                                 "--topic", "zombie", "--out", probe, "--count", "30", "--rate", "200", "--key-prefix",
                                 "zombie", "--message-timeout-ms", "10000", "--seconds", "20"},
                                60000);
    qInfo("producer talking to the zombie: %d acknowledged; %s", AckedCount(probe),
          qPrintable(QString::fromUtf8(probe_run.out).trimmed()));
    CHECKED(WaitFullyReplicated("zombie"));
    CHECKED(WaitAcked(producer, producer.AckedSoFar() + 300));
    CHECKED(Finish(producer, "zombie", {probe}));
  }

  // A broker cut off from the others, ZooKeeper and the clients (its veth link down, see NetnsFixture) past its
  // session timeout, under load, then reconnected. The cluster elects around it and keeps acknowledging; the broker
  // comes back as a follower and catches up. Needs root and `ip netns`: as root it must run (a failure to set the
  // namespace up fails the slot); otherwise it says loudly that it did not run and skips.
  void brokerCutOffInNetworkNamespace() {
    const QString missing = NetnsFixture::Unavailable();
    if (!missing.isEmpty()) {
      if (::geteuid() == 0) QFAIL(qPrintable("running as root but network namespaces are unusable: " + missing));
      qWarning("NOT RUN: brokerCutOffInNetworkNamespace needs root and `ip netns` (%s)", qPrintable(missing));
      QSKIP(qPrintable("NOT RUN: needs root and ip netns: " + missing));
    }
    const int victim = 3;
    netns_ = std::make_unique<NetnsFixture>(victim);
    const QString created = netns_->Create();
    QVERIFY2(created.isEmpty(), qPrintable("cannot set up the network namespace: " + created));
    ClusterUnderTest::Layout layout;
    layout.host = NetnsFixture::kRootAddr;
    layout.broker_binary = QStringLiteral(PARTITA_FAULTS_TEST_DIR) + "/netns_broker.sh";
    layout.prepare = [this](const QString& cluster_dir) {
      return netns_->Prepare(cluster_dir, QStringLiteral(PARTITA_FAULTS_TEST_DIR) + "/tcp_forward.py", BrokerBinary());
    };
    const int session_ms = 6000;
    CHECKED(StartCluster(session_ms, {}, layout));
    if (QTest::currentTestFailed()) return;
    auto loaded = LoadedTopic("netns");
    if (QTest::currentTestFailed()) return;
    BackgroundProducer& producer = *loaded;
    auto md = c_->Metadata();
    QVERIFY(md);
    QStringList led;
    for (const auto& p : md->FindTopic("netns")->partitions)
      if (p.leader == victim) led << QString::number(p.partition);
    const std::string peer = Address(1);
    QElapsedTimer cut;
    cut.start();
    QVERIFY2(netns_->SetLinkUp(false).isEmpty(), "cannot take the link down");
    CLUSTER_VERIFY(WaitUntil(
                       [&] {
                         auto now = MetadataFrom(peer);
                         if (!now || now->FindBroker(victim) != nullptr) return false;
                         for (const auto& p : now->FindTopic("netns")->partitions)
                           if (p.leader < 0 || p.leader == victim) return false;
                         return true;
                       },
                       session_ms + 20000),
                   QString("broker %1 cut off, but the cluster did not elect around it").arg(victim));
    qInfo("broker %d (leader of partitions [%s]) cut off; deregistered and replaced after %lld ms", victim,
          qPrintable(led.join(',')), static_cast<long long>(cut.elapsed()));
    WaitAcked(producer, producer.AckedSoFar() + 300);  // the two others keep serving acks=all (min.insync 2)
    QVERIFY2(netns_->SetLinkUp(true).isEmpty(), "cannot bring the link up");
    CHECKED(WaitFullyReplicated("netns"));
    qInfo("broker %d back in every ISR %lld ms after the cut", victim, static_cast<long long>(cut.elapsed()));
    CHECKED(WaitAcked(producer, producer.AckedSoFar() + 300));
    CHECKED(Finish(producer, "netns"));
  }
};

QTEST_GUILESS_MAIN(TestItestFaults)
#include "test_itest_faults.moc"
