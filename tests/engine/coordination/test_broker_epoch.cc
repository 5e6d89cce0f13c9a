// Broker epochs (Kafka's KIP-380) against a real ZooKeeper: a broker that restarts and re-registers before the
// controller saw it go must not keep leadership decided for its previous life. Each bounce is deterministic: the
// old registration is replaced by the new session's in one ZooKeeper transaction (SimBroker::Bounce), so the set
// of broker ids never changes and only the broker epoch (the registration's czxid) tells the incarnations apart.
// Also: the broker-side rule (MayLeadFrom), stale controlled-shutdown requests, and the warning an unclean
// election by topic setting leaves in the log.
#include <QtTest>

#include <algorithm>
#include <mutex>
#include <vector>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/controlled_shutdown.h"
#include "engine/coordination/metadata_watcher.h"
#include "tests/engine/coordination/controller_test_util.h"

using namespace partita;
using namespace partita::coordination;
using namespace partita::testing;

namespace {

const PartitionMetadata* Find(const std::shared_ptr<const ClusterMetadata>& md, const std::string& t, int32_t p) {
  auto topic = md->topics.find(t);
  if (topic == md->topics.end()) return nullptr;
  auto part = topic->second.partitions.find(p);
  return part == topic->second.partitions.end() ? nullptr : &part->second;
}

}  // namespace

class TestBrokerEpoch : public QObject {
  Q_OBJECT
 private slots:
  // (a) The bounced leader loses leadership to another ISR member at a bumped leader epoch and leaves the ISRs,
  // also where it is a follower.
  void bouncedLeaderFailsOverToAnotherIsrMember() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("a", {{0, {2, 1, 3}}, {1, {1, 2, 3}}}).ok());
    const int64_t old_epoch = cl.brokers[2].reg->broker_epoch();
    QVERIFY(cl.brokers[2].Bounce(cl.zk));
    QVERIFY(cl.brokers[2].reg->broker_epoch() > old_epoch);
    QVERIFY(WaitUntil([&] { return State(cl.c(), "a", 0).leader_epoch >= 1 && State(cl.c(), "a", 1).leader_epoch >= 1; }));
    QCOMPARE(State(cl.c(), "a", 0).leader, 1);
    QCOMPARE(State(cl.c(), "a", 0).leader_epoch, 1);
    QCOMPARE(State(cl.c(), "a", 0).isr, (std::vector<int32_t>{1, 3}));
    QCOMPARE(State(cl.c(), "a", 1).leader, 1);  // a follower that bounced leaves the ISR too
    QCOMPARE(State(cl.c(), "a", 1).isr, (std::vector<int32_t>{1, 3}));
  }

  // The same through the real path: the session expires and the registrar re-registers at once. Whether the
  // controller sees the id missing for a moment or only a new epoch, the outcome is the same.
  void sessionExpiryReRegistrationFailsOver() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("e", {{0, {2, 1, 3}}}).ok());
    const int64_t old_epoch = cl.brokers[2].reg->broker_epoch();
    QVERIFY(cl.brokers[2].zk->ExpireSessionForTest().ok());
    QVERIFY(WaitUntil([&] { return cl.brokers[2].reg->broker_epoch() > old_epoch; }, 20000));
    QVERIFY(WaitUntil([&] { return State(cl.c(), "e", 0).leader_epoch >= 1; }));
    QCOMPARE(State(cl.c(), "e", 0).leader, 1);
    QCOMPARE(State(cl.c(), "e", 0).isr, (std::vector<int32_t>{1, 3}));
  }

  // (b) The only ISR member bounced: offline, then re-elected (clean: it is the ISR) at a NEW leader epoch,
  // never resumed at the old one.
  void soleIsrBouncedLeaderIsReelectedAtANewEpoch() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("solo", {{0, {2}}}).ok());
    QVERIFY(cl.Create("b", {{0, {2, 3}}}).ok());
    QVERIFY(LeaderSetsIsr(cl.brokers[2].zk.get(), "b", 0, {2}).ok());
    QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
    QVERIFY(cl.brokers[2].Bounce(cl.zk));
    QVERIFY(WaitUntil([&] { return State(cl.c(), "solo", 0).leader_epoch > 0 && State(cl.c(), "b", 0).leader_epoch > 0; }));
    for (const char* t : {"solo", "b"}) {
      const PartitionState st = State(cl.c(), t, 0);
      QCOMPARE(st.leader, 2);
      QVERIFY2(st.leader_epoch >= 1, t);
      QCOMPARE(st.isr, (std::vector<int32_t>{2}));
    }
  }

  // A controller that takes over after the bounce cannot compare epochs it never saw: it finds the leader's
  // registration newer than the state (czxid > mzxid) and fails it over the same way.
  void newControllerFailsOverLeadersRegisteredAfterTheirState() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("f", {{0, {2, 1, 3}}, {1, {3, 1, 2}}}).ok());
    QVERIFY(cl.Create("g", {{0, {2}}}).ok());
    QVERIFY(cl.Create("h", {{0, {3, 1}}}).ok());
    cl.controller.reset();  // no controller while broker 2 bounces
    QVERIFY(cl.brokers[2].Bounce(cl.zk));
    QCOMPARE(State(cl.c(), "f", 0).leader_epoch, 0);
    Controller next(cl.brokers[3].zk.get(), 3, NoRebalance());
    next.Start();
    QVERIFY(WaitUntil([&] { return next.is_active(); }));
    QVERIFY(WaitUntil([&] { return State(cl.c(), "f", 0).leader_epoch == 1 && State(cl.c(), "g", 0).leader_epoch > 0; }));
    QCOMPARE(State(cl.c(), "f", 0).leader, 1);
    QCOMPARE(State(cl.c(), "f", 0).isr, (std::vector<int32_t>{1, 3}));
    QCOMPARE(State(cl.c(), "g", 0).leader, 2);
    // f-1: the bounced follower leaves the ISR; h-0: brokers 3 and 1 did not bounce, untouched.
    QCOMPARE(State(cl.c(), "f", 1).leader, 3);
    QCOMPARE(State(cl.c(), "f", 1).isr, (std::vector<int32_t>{3, 1}));
    QCOMPARE(State(cl.c(), "h", 0).leader_epoch, 0);
  }

  // (c) The broker side: a restarted broker reading "leader = me" from a state written before its registration
  // must not lead from it, and is not stuck — the controller's new state (newer than the registration) lets it.
  void restartedBrokerDoesNotLeadFromAStateOlderThanItsRegistration() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("m", {{0, {2}}}).ok());
    {
      MetadataWatcher before(cl.brokers[2].zk.get());
      before.Start();
      QVERIFY(WaitUntil([&] { return Find(before.snapshot(), "m", 0) && Find(before.snapshot(), "m", 0)->leader == 2; }));
      QVERIFY(MayLeadFrom(*Find(before.snapshot(), "m", 0), 2, cl.brokers[2].reg->broker_epoch()));
      QVERIFY(!MayLeadFrom(*Find(before.snapshot(), "m", 0), 1, cl.brokers[1].reg->broker_epoch()));  // not leader
    }
    cl.controller.reset();  // the controller has not reacted yet
    QVERIFY(cl.brokers[2].Bounce(cl.zk));
    MetadataWatcher watcher(cl.brokers[2].zk.get());
    watcher.Start();
    QVERIFY(WaitUntil([&] { return Find(watcher.snapshot(), "m", 0) && Find(watcher.snapshot(), "m", 0)->leader == 2; }));
    const PartitionMetadata stale = *Find(watcher.snapshot(), "m", 0);
    QCOMPARE(stale.leader_epoch, 0);
    QVERIFY(stale.state_mzxid > 0);
    QVERIFY(!MayLeadFrom(stale, 2, cl.brokers[2].reg->broker_epoch()));
    // The controller writes the state it waits for.
    cl.controller = std::make_unique<Controller>(cl.brokers[1].zk.get(), 1, NoRebalance());
    cl.controller->Start();
    QVERIFY(WaitUntil([&] { return Find(watcher.snapshot(), "m", 0)->leader_epoch > 0; }));
    QCOMPARE(Find(watcher.snapshot(), "m", 0)->leader, 2);
    QVERIFY(MayLeadFrom(*Find(watcher.snapshot(), "m", 0), 2, cl.brokers[2].reg->broker_epoch()));
  }

  // (c2) A zombie after a network partition: broker 2 leads m-0 and its ZooKeeper session expires (the
  // partition outlived zookeeper.session.timeout.ms). The moment the expiry is known, before anything is re-read,
  // the watcher must publish a snapshot in which broker 2 no longer leads: serving the old one made broker 2
  // answer Metadata with itself as leader while the cluster had moved on (issue 11, brokerCutOffInNetworkNamespace:
  // an idempotent producer went back to it and died on OUT_OF_ORDER_SEQUENCE_NUMBER). The controller is stopped
  // so that nothing else changes the state: the only way the leader can read -1 is the expiry itself.
  void expiredSessionForgetsLeadersAtOnce() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("m", {{0, {2, 1}}}).ok());
    std::mutex mu;
    std::vector<int32_t> leaders;  // m-0's leader in every snapshot published, in order
    MetadataWatcher watcher(cl.brokers[2].zk.get(), [&](auto, const std::shared_ptr<const ClusterMetadata>& now) {
      if (const PartitionMetadata* p = Find(now, "m", 0)) {
        std::lock_guard<std::mutex> lock(mu);
        leaders.push_back(p->leader);
      }
    });
    watcher.Start();
    QVERIFY(WaitUntil([&] { return Find(watcher.snapshot(), "m", 0) && Find(watcher.snapshot(), "m", 0)->leader == 2; }));
    cl.controller.reset();  // nobody rewrites m-0's state: it still says leader 2 after the expiry
    size_t before_expiry = 0;
    {
      std::lock_guard<std::mutex> lock(mu);
      before_expiry = leaders.size();
    }
    QVERIFY(cl.brokers[2].zk->ExpireSessionForTest().ok());
    QVERIFY2(WaitUntil([&] {
               std::lock_guard<std::mutex> lock(mu);
               return std::find(leaders.begin() + static_cast<long>(before_expiry), leaders.end(), -1) != leaders.end();
             }),
             "no snapshot without broker 2 as leader was published after its session expired");
    // Then the states are re-read under the new session: the state still names broker 2 (nobody changed it), and
    // MayLeadFrom keeps the new incarnation from leading from it (KIP-380) until a controller writes a new one.
    QVERIFY(WaitUntil([&] { return Find(watcher.snapshot(), "m", 0)->leader == 2; }));
    QVERIFY(WaitUntil([&] { return !MayLeadFrom(*Find(watcher.snapshot(), "m", 0), 2, cl.brokers[2].reg->broker_epoch()); }));
  }

  // (d) A controlled-shutdown request carrying an earlier incarnation's broker epoch changes nothing.
  void staleControlledShutdownRequestIsIgnored() {
    Cluster cl;
    QVERIFY(cl.Start());
    QVERIFY(cl.Create("d", {{0, {1, 2}}, {1, {2, 1}}}).ok());
    const int64_t old_epoch = cl.brokers[2].reg->broker_epoch();
    QVERIFY(cl.brokers[2].Bounce(cl.zk));
    QVERIFY(WaitUntil([&] { return State(cl.c(), "d", 1).leader == 1; }));
    QVERIFY(LeaderSetsIsr(cl.brokers[1].zk.get(), "d", 0, {1, 2}).ok());  // broker 2 caught up again
    QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
    auto stale = RequestControlledShutdown(cl.brokers[2].zk.get(), 2, old_epoch, 10000);
    QVERIFY(!stale.ok());
    QVERIFY2(stale.status().message().find("STALE_BROKER_EPOCH") != std::string::npos,
             stale.status().ToString().c_str());
    QCOMPARE(State(cl.c(), "d", 0).isr, (std::vector<int32_t>{1, 2}));
    // Not marked as shutting down either: it may still become leader.
    auto r = Wait(cl.controller->ElectLeaders(ElectionType::kPreferred, std::vector{Tp("d", 1)}));
    QCOMPARE(r->at(Tp("d", 1)).error, ControllerError::kPreferredLeaderNotAvailable);  // not in d-1's ISR
    QCOMPARE(r->at(Tp("d", 1)).message.find("shutting down"), std::string::npos);
    QCOMPARE(Wait(cl.controller->ControlledShutdown(2, old_epoch)).status().code(), Status::Code::kAborted);
    // The current incarnation's request is served.
    auto current = RequestControlledShutdown(cl.brokers[2].zk.get(), 2, cl.brokers[2].reg->broker_epoch(), 10000);
    QVERIFY2(current.ok(), current.status().ToString().c_str());
    QCOMPARE(State(cl.c(), "d", 0).isr, (std::vector<int32_t>{1}));
  }

  // Item 3 of issue 9: an unclean election allowed by the topic setting leaves a warning in the controller's log,
  // as the admin path does.
  void uncleanElectionByTopicSettingIsLogged() {
    // Added before any thread of this test logs, removed after they are gone (spdlog's sink list is not locked).
    auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(256);
    spdlog::default_logger()->sinks().push_back(sink);
    std::string line;
    {
      Cluster cl;
      QVERIFY(cl.Start());
      CreateTopicRequest req;
      req.name = "u";
      req.manual_assignment = {{0, {2, 3}}};
      req.configs = {{"unclean.leader.election.enable", "true"}};
      QVERIFY(Wait(cl.controller->CreateTopic(req)).ok());
      QVERIFY(LeaderSetsIsr(cl.brokers[2].zk.get(), "u", 0, {2}).ok());  // broker 3 fell behind
      QVERIFY(WaitUntil([&] { return cl.c()->GetChildren("/isr_change_notification")->empty(); }));
      cl.brokers[2].Kill();
      QVERIFY(WaitUntil([&] { return State(cl.c(), "u", 0).leader == 3; }));
      WaitUntil([&] {
        for (const std::string& l : sink->last_formatted()) {
          if (l.find("unclean leader election for u-0") != std::string::npos) line = l;
        }
        return !line.empty();
      });
    }
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
    QVERIFY2(!line.empty(), "no warning for the unclean election of u-0");
    QVERIFY2(line.find("[warning]") != std::string::npos, line.c_str());
    QVERIFY2(line.find("unclean.leader.election.enable") != std::string::npos, line.c_str());
    QVERIFY2(line.find("broker 3 leads at leader epoch 1") != std::string::npos, line.c_str());
    QVERIFY2(line.find("old leader epoch 0") != std::string::npos, line.c_str());
    QVERIFY2(line.find("data loss possible") != std::string::npos, line.c_str());
  }
};

QTEST_GUILESS_MAIN(TestBrokerEpoch)
#include "test_broker_epoch.moc"
