// Integration: the controller at scale and topic creation from any broker, on a 3-broker cluster of real
// partita-broker processes and a real ZooKeeper (LocalCluster). Each slot starts its own cluster.
//   - autoCreateFromNonController: with auto.create.topics.enable=true, kcat and kafka-python pointed at a broker
//     that is NOT the controller produce to a new topic (Kafka creates it from any broker);
//   - scaleCorrectness: one CreateTopics of 2,000 partitions RF=3 (its ZooKeeper writes span several multis and
//     several state-change notifications), keyed acks=all writes, then kill -9 of a broker and its restart: every partition led,
//     ISR full again, every acknowledged record read back, and all three brokers answer the same Metadata.
//     Correctness only: the timings are measured by the benchmark in docs/PERFORMANCE.md, not here.
#include <QtTest>
#include <algorithm>
#include <set>

#include "tests/integration/cluster/cluster_itest_util.h"
#include "tests/integration/itest_util.h"

using namespace partita;
using namespace partita::itest;

namespace {

// "leader|replicas|isr(sorted)" per partition of every topic, as one broker answers Metadata.
std::map<std::string, QString> PartitionView(const client::ClusterMetadata& md) {
  std::map<std::string, QString> out;
  for (const auto& t : md.topics) {
    for (const auto& p : t.partitions) {
      std::vector<int32_t> isr = p.isr;
      std::sort(isr.begin(), isr.end());
      QStringList r, i;
      for (int32_t x : p.replicas) r << QString::number(x);
      for (int32_t x : isr) i << QString::number(x);
      out[t.name + "-" + std::to_string(p.partition)] = QString("%1|%2|%3").arg(p.leader).arg(r.join(','), i.join(','));
    }
  }
  return out;
}

// Metadata as broker `id` itself answers it (a client bootstrapped from that broker only).
std::optional<client::ClusterMetadata> MetadataOf(ClusterUnderTest& c, int id) {
  for (const auto& b : c.cluster().Brokers()) {
    if (b.id != id) continue;
    client::ClientOptions options;
    return MetadataAt("127.0.0.1:" + std::to_string(b.port), options);
  }
  return std::nullopt;
}

// Every partition of topic led by a live broker with its full ISR, as broker `id` sees it.
bool AllLedFullIsr(const client::ClusterMetadata& md, const std::string& topic, int partitions) {
  const client::TopicInfo* t = md.FindTopic(topic);
  if (!t || int(t->partitions.size()) != partitions) return false;
  for (const auto& p : t->partitions) {
    if (p.leader < 0 || p.isr.size() != p.replicas.size()) return false;
  }
  return true;
}

}  // namespace

class TestItestControllerScale : public QObject {
  Q_OBJECT
  std::unique_ptr<ClusterUnderTest> c_;

  void StartCluster(std::map<std::string, std::string> overrides = {}) { StartClusterInto(&c_, std::move(overrides)); }
  QString AddressOf(int id) const {
    for (const auto& b : c_->cluster().Brokers())
      if (b.id == id) return QString("127.0.0.1:%1").arg(b.port);
    return {};
  }
  // All three brokers answer the same leaders, replicas and ISRs.
  bool MetadataAgrees(QString* diff) {
    std::optional<std::map<std::string, QString>> first;
    for (int id = 1; id <= 3; ++id) {
      auto md = MetadataOf(*c_, id);
      if (!md) {
        *diff = QString("broker %1 did not answer Metadata").arg(id);
        return false;
      }
      auto view = PartitionView(*md);
      if (!first) {
        first = std::move(view);
        continue;
      }
      if (view != *first) {
        for (const auto& [k, v] : *first) {
          auto it = view.find(k);
          if (it == view.end() || it->second != v) {
            *diff = QString("broker %1: %2 = %3, broker 1: %4")
                        .arg(id)
                        .arg(QString::fromStdString(k), it == view.end() ? "missing" : it->second, v);
            return false;
          }
        }
        *diff = QString("broker %1 lists more partitions").arg(id);
        return false;
      }
    }
    return true;
  }

 private slots:
  void initTestCase() {
    ITEST_REQUIRE(MissingClusterTools());
    ITEST_REQUIRE(MissingPythonModule("kafka", "python3-kafka"));
  }
  void cleanup() {
    if (QTest::currentTestFailed() && c_) qWarning("cluster dir %s", qPrintable(c_->dir()));
    c_.reset();
  }

  void autoCreateFromNonController() {
    StartCluster({{"auto.create.topics.enable", "true"}, {"num.partitions", "3"}, {"default.replication.factor", "3"}});
    auto md = c_->Metadata();
    QVERIFY(md && md->controller_id > 0);
    const int other = md->controller_id == 1 ? 2 : 1;
    const QString bs = AddressOf(other);
    QVERIFY(!bs.isEmpty());
    // kcat (librdkafka) asks broker `other` only; the first Metadata answer is LEADER_NOT_AVAILABLE, later ones
    // must show the topic led.
    ToolRun produce = RunTool("kcat", {"-b", bs, "-P", "-t", "auto-kcat", "-X", "acks=all", "-X",
                                       "message.timeout.ms=30000", "-X", "topic.metadata.refresh.interval.ms=500"},
                              60000, QByteArray("k1\nk2\nk3\n"));
    CLUSTER_VERIFY_RUN(produce);
    ToolRun consume = RunTool("kcat", {"-b", bs, "-C", "-t", "auto-kcat", "-o", "beginning", "-e"}, 30000);
    CLUSTER_VERIFY_RUN(consume);
    QStringList got = Lines(consume.out);
    got.sort();
    QCOMPARE(got, (QStringList{"k1", "k2", "k3"}));
    // kafka-python, same broker, another new topic.
    const QString script = QString(
        "from kafka import KafkaProducer\n"
        "p = KafkaProducer(bootstrap_servers='%1', acks='all', retries=20, max_block_ms=30000)\n"
        "m = p.send('auto-python', b'hello').get(timeout=30)\n"
        "print(m.topic, m.partition, m.offset)\n"
        "p.close()\n").arg(bs);
    ToolRun py = RunTool(PythonInterpreter(), {"-c", script}, 60000);
    CLUSTER_VERIFY_RUN(py);
    QVERIFY2(py.out.startsWith("auto-python "), py.out.constData());
    auto after = c_->Metadata();
    QVERIFY(after);
    const client::TopicInfo* t = after->FindTopic("auto-python");
    QVERIFY(t);
    QCOMPARE(int(t->partitions.size()), 3);
    QCOMPARE(t->ReplicationFactor(), 3);
  }

  void scaleCorrectness() {
    StartCluster();
    constexpr int kPartitions = 2000;
    // One request: its ZooKeeper writes are split into several multis.
    ToolRun create = c_->Cli({"topics", "--bootstrap-server", c_->bs(), "--create", "--topic", "wide",
                              "--partitions", QString::number(kPartitions), "--replication-factor", "3"},
                             120000);
    CLUSTER_VERIFY_RUN(create);
    CLUSTER_VERIFY(WaitUntil([&] {
                     auto md = c_->Metadata();
                     return md && AllLedFullIsr(*md, "wide", kPartitions);
                   }, 60000),
                   "not every partition of 'wide' led with a full ISR");
    // Keyed acks=all records spread over the partitions.
    QByteArray input;
    for (int i = 0; i < 2000; ++i) input += QString("key%1:v%1\n").arg(i).toUtf8();
    ToolRun produce = RunTool("kcat", {"-b", c_->bs(), "-P", "-t", "wide", "-K", ":", "-X", "acks=all", "-X",
                                       "message.timeout.ms=60000"},
                              120000, input);
    CLUSTER_VERIFY_RUN(produce);
    auto md = c_->Metadata();
    QVERIFY(md);
    const int victim = md->controller_id == 3 ? 2 : 3;  // not the controller: its death is a broker failure only
    QVERIFY(c_->cluster().KillBroker(victim).ok());
    CLUSTER_VERIFY(WaitUntil([&] {
                     auto m = c_->Metadata();
                     const client::TopicInfo* t = m ? m->FindTopic("wide") : nullptr;
                     if (!t) return false;
                     for (const auto& p : t->partitions)
                       if (p.leader < 0 || p.leader == victim) return false;
                     return true;
                   }, 30000),
                   QString("partitions still led by the killed broker %1").arg(victim));
    Status st = c_->RestartAfterCrash(victim);
    CLUSTER_VERIFY(st.ok(), QString::fromStdString(st.ToString()));
    CLUSTER_VERIFY(WaitUntil([&] {
                     auto m = c_->Metadata();
                     return m && AllLedFullIsr(*m, "wide", kPartitions);
                   }, 60000),
                   "ISR not full again after the restart");
    QString diff;
    CLUSTER_VERIFY(WaitUntil([&] { return MetadataAgrees(&diff); }, 10000), "brokers disagree: " + diff);
    ToolRun consume = RunTool("kcat", {"-b", c_->bs(), "-C", "-t", "wide", "-o", "beginning", "-e", "-f", "%k\n"},
                              120000);
    CLUSTER_VERIFY_RUN(consume);
    QStringList keys = Lines(consume.out);
    const std::set<QString> unique(keys.begin(), keys.end());
    QCOMPARE(int(unique.size()), 2000);
    QCOMPARE(int(keys.size()), 2000);
  }
};

QTEST_GUILESS_MAIN(TestItestControllerScale)
#include "test_itest_controller_scale.moc"
