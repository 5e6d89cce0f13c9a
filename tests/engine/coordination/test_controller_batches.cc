// The controller at scale against a real ZooKeeper with simulated brokers: large topics are written in several
// multis (none beyond jute.maxbuffer), every event is one batch of writes with one state-change notification per
// kStatesPerMulti partitions, and a MetadataWatcher learns all of it from those notifications alone (its view
// equals ZooKeeper's, partition by partition).
#include <QtTest>

#include "engine/coordination/metadata_watcher.h"
#include "engine/coordination/state_changes.h"
#include "tests/engine/coordination/controller_test_util.h"

using namespace partita;
using namespace partita::coordination;
using namespace partita::testing;

namespace {

size_t Notifications(ZkClient* zk) {
  auto children = zk->GetChildren(std::string(kStateChangesPath));
  return children.ok() ? children->size() : 0;
}

// "" when the watcher's snapshot equals every state znode of `topic` (leader, epoch, ISR, zkVersion, mzxid), else
// the first difference.
std::string CompareWithZk(ZkClient* zk, const ClusterMetadata& md, const std::string& topic, int32_t partitions) {
  auto t = md.topics.find(topic);
  if (t == md.topics.end()) return "topic missing";
  if (int32_t(t->second.partitions.size()) != partitions) return "partition count differs";
  std::vector<std::string> paths;
  for (int32_t p = 0; p < partitions; ++p) paths.push_back(zkpaths::PartitionStatePath(topic, p));
  auto got = zk->GetMany(paths);
  for (int32_t p = 0; p < partitions; ++p) {
    if (!got[size_t(p)].ok()) return "no state for " + std::to_string(p);
    auto st = DecodePartitionState(got[size_t(p)]->data);
    const PartitionMetadata& pm = t->second.partitions.at(p);
    if (pm.leader != st->leader || pm.leader_epoch != st->leader_epoch || pm.isr != st->isr ||
        pm.state_zk_version != got[size_t(p)]->stat.version || pm.state_mzxid != got[size_t(p)]->stat.mzxid) {
      return "partition " + std::to_string(p) + " differs: watcher leader " + std::to_string(pm.leader) + " epoch " +
             std::to_string(pm.leader_epoch) + " v" + std::to_string(pm.state_zk_version) + ", ZooKeeper leader " +
             std::to_string(st->leader) + " epoch " + std::to_string(st->leader_epoch) + " v" +
             std::to_string(got[size_t(p)]->stat.version);
    }
  }
  return "";
}

}  // namespace

class TestControllerBatches : public QObject {
  Q_OBJECT
 private slots:
  void largeTopicBrokerDeathAndShutdownInBatches() {
    Cluster cl;
    QVERIFY(cl.Start());
    MetadataWatcher watcher(cl.brokers[2].zk.get());
    watcher.Start();
    constexpr int32_t kPartitions = 3000;
    // One request of 3,000 partitions x 2 replicas: ~6,000 creates, several multis, two loop slices.
    CreateTopicRequest req;
    req.name = "wide";
    req.num_partitions = kPartitions;
    req.replication_factor = 2;
    const size_t before_create = Notifications(cl.c());
    Status s = Wait(cl.controller->CreateTopic(req));
    QVERIFY2(s.ok(), s.ToString().c_str());
    QCOMPARE(Notifications(cl.c()) - before_create, size_t((kPartitions + kStatesPerMulti - 1) / kStatesPerMulti));
    std::string diff;
    QVERIFY2(WaitUntil([&] { return (diff = CompareWithZk(cl.c(), *watcher.snapshot(), "wide", kPartitions)).empty(); }),
             diff.c_str());
    // The controller answers other requests between the slices of a large creation.
    req.name = "huge";
    req.num_partitions = 12000;
    auto huge = cl.controller->CreateTopic(req);
    auto small = cl.controller->ListPartitionReassignments();
    QVERIFY(Wait(std::move(small)).ok());
    QVERIFY(huge.wait_for(std::chrono::seconds(0)) != std::future_status::ready);  // small answered first
    QVERIFY(Wait(std::move(huge)).ok());

    // Broker 3 dies: every partition it led moves in one batch (one notification per kStatesPerMulti changes).
    int32_t led_by_3 = 0, hosted_by_3 = 0;
    for (const auto& [p, pm] : watcher.snapshot()->topics.at("wide").partitions) {
      led_by_3 += pm.leader == 3;
      hosted_by_3 += std::count(pm.replicas.begin(), pm.replicas.end(), 3) > 0;
    }
    QVERIFY(led_by_3 > 500);
    const size_t before_death = Notifications(cl.c());
    cl.brokers[3].Kill();
    QVERIFY(WaitUntil([&] {
      for (const auto& [p, pm] : watcher.snapshot()->topics.at("wide").partitions) {
        if (pm.leader == 3 || std::count(pm.isr.begin(), pm.isr.end(), 3)) return false;
      }
      return true;
    }, 20000));
    // Both topics: every partition hosted on 3 changed (leader or ISR); "huge" has its own share.
    const size_t changed_max = size_t(hosted_by_3) + 12000 * 2 / 3 + 2;
    QVERIFY2(Notifications(cl.c()) - before_death <= (changed_max + kStatesPerMulti - 1) / kStatesPerMulti + 2,
             std::to_string(Notifications(cl.c()) - before_death).c_str());
    QVERIFY2(WaitUntil([&] { return (diff = CompareWithZk(cl.c(), *watcher.snapshot(), "wide", kPartitions)).empty(); }),
             diff.c_str());

    // Controlled shutdown of broker 2 moves all its leaderships in one answer.
    auto remaining = Wait(cl.controller->ControlledShutdown(2));
    QVERIFY(remaining.ok());
    for (const auto& tp : *remaining) QCOMPARE(State(cl.c(), tp.topic, tp.partition.value).leader, 2);
    int32_t still_led_by_2 = 0;
    for (int32_t p = 0; p < kPartitions; ++p) still_led_by_2 += State(cl.c(), "wide", p).leader == 2;
    // Only partitions whose other replica (3) is dead stay with 2.
    QCOMPARE(size_t(still_led_by_2), std::count_if(remaining->begin(), remaining->end(),
                                                   [](const TopicPartition& tp) { return tp.topic == "wide"; }));
    QVERIFY2(WaitUntil([&] { return (diff = CompareWithZk(cl.c(), *watcher.snapshot(), "wide", kPartitions)).empty(); }),
             diff.c_str());

    // Deleting the large topic needs several multis too.
    QVERIFY(Wait(cl.controller->DeleteTopic("huge")).ok());
    QVERIFY(!cl.c()->Exists("/brokers/topics/huge")->has_value());
  }

  // A new controller loads every partition state with pipelined reads and acts on all of them at once; leaders'
  // ISR changes of many partitions go out in one round with one notification per multi.
  void failoverAndBatchedIsrChanges() {
    Cluster cl;
    QVERIFY(cl.Start());
    ReplicaAssignment a;
    for (int32_t p = 0; p < 1200; ++p) a[p] = {2, 1};
    QVERIFY(cl.Create("f", a).ok());
    // The leader (2) drops 1 from every ISR in one call.
    std::vector<IsrUpdate> updates;
    for (int32_t p = 0; p < 1200; ++p) {
      auto got = cl.c()->Get(zkpaths::PartitionStatePath("f", p));
      PartitionState st = *DecodePartitionState(got->data);
      st.isr = {2};
      updates.push_back(IsrUpdate{Tp("f", p), st, got->stat.version});
    }
    updates[5].expected_zk_version = 42;  // lost its race: only this one fails
    const size_t before = Notifications(cl.c());
    std::vector<int32_t> versions;
    auto written = UpdateIsrs(cl.brokers[2].zk.get(), updates, &versions);
    QVERIFY(IsBadVersion(written[5]));
    for (size_t i = 0; i < written.size(); ++i) {
      if (i != 5) QVERIFY2(written[i].ok(), written[i].ToString().c_str());
    }
    QCOMPARE(versions[6], 1);
    QCOMPARE(State(cl.c(), "f", 6).isr, (std::vector<int32_t>{2}));
    QCOMPARE(State(cl.c(), "f", 5).isr, (std::vector<int32_t>{2, 1}));
    QVERIFY(Notifications(cl.c()) - before <= 3 + 3);  // round 1: 3 multis; round 2: the rolled-back ones
    // The controller dies; broker 2 (ISR member everywhere) dies with it; the new controller on broker 3 fails
    // over all 1,200 partitions to... nobody clean except where 1 is in the ISR (partition 5).
    cl.controller.reset();
    cl.brokers[2].Kill();
    Controller next(cl.brokers[3].zk.get(), 3, NoRebalance());
    next.Start();
    QVERIFY(WaitUntil([&] { return next.is_active(); }));
    QVERIFY(WaitUntil([&] { return State(cl.c(), "f", 5).leader == 1; }));
    QCOMPARE(State(cl.c(), "f", 6).leader, -1);  // offline: 2 was its only ISR member
    QCOMPARE(State(cl.c(), "f", 6).isr, (std::vector<int32_t>{2}));
  }
};

QTEST_GUILESS_MAIN(TestControllerBatches)
#include "test_controller_batches.moc"
