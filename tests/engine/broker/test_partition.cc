// Unit tests of Partition's replication rules with real logs, a manual clock and fetch rounds done by hand:
// the high watermark (min LEO over the ISR, never backwards), ISR expansion and shrink (replica.lag.time.max.ms),
// acks=all completion and min.insync.replicas, OffsetForLeaderEpoch answers and follower truncation.
#include <QtTest>

#include <atomic>
#include <random>
#include <thread>

#include "engine/broker/log_scan.h"
#include "tests/engine/broker/partition_fixture.h"

using namespace partita;
using namespace partita::broker;
using namespace partita::broker::testing;
using protocol::ErrorCode;

namespace {

constexpr int64_t kMaxLagMs = 10000;  // replica.lag.time.max.ms in these tests

std::shared_ptr<Partition> Leader(Replicas& r, std::vector<int32_t> isr, int32_t epoch = 1,
                                  std::vector<int32_t> replicas = {1, 2, 3}) {
  auto p = r.Open(1);
  p->BecomeLeader(LeaderEpoch(epoch), 1, std::move(replicas), std::move(isr), 0, Offset(-1));
  return p;
}

std::shared_ptr<Partition> Follower(Replicas& r, int32_t id, int32_t epoch = 1) {
  auto p = r.Open(id);
  p->BecomeFollower(1, LeaderEpoch(epoch), {1, 2, 3}, Offset(-1));
  return p;
}

}  // namespace

class TestPartition : public QObject {
  Q_OBJECT
 private slots:
  void highWatermarkIsMinLogEndOverIsr() {
    Replicas r;
    auto leader = Leader(r, {1, 2, 3});
    auto f2 = Follower(r, 2), f3 = Follower(r, 3);
    QCOMPARE(Produce(*leader, Values("a", 10), 1), ErrorCode::kNone);
    QCOMPARE(leader->HighWatermark().value, 0);
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));  // fetches at 0, gets 10 records
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));  // tells the leader it has 10
    QCOMPARE(f2->LogEndOffset().value, 10);
    QCOMPARE(leader->HighWatermark().value, 0);     // replica 3 has not fetched: it holds the HW
    QVERIFY(FetchRound(*leader, *f3, 3, r.clock));
    QCOMPARE(leader->HighWatermark().value, 0);
    bool moved = false;
    QVERIFY(!leader->OnFollowerFetch(3, Offset(6), r.clock.MonotonicMs(), &moved));
    QVERIFY(moved);
    QCOMPARE(leader->HighWatermark().value, 6);  // min(10, 10, 6)
    QVERIFY(FetchRound(*leader, *f3, 3, r.clock));
    QCOMPARE(leader->HighWatermark().value, 10);
    // Followers learn the HW from the next response, bounded by their own log end.
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));
    QCOMPARE(f2->HighWatermark().value, 10);
  }

  void replicaOutsideIsrDoesNotHoldHighWatermark() {
    Replicas r;
    auto leader = Leader(r, {1, 2});
    QCOMPARE(Produce(*leader, Values("a", 5), 1), ErrorCode::kNone);
    bool moved = false;
    QVERIFY(!leader->OnFollowerFetch(2, Offset(5), r.clock.MonotonicMs(), &moved));
    QCOMPARE(leader->HighWatermark().value, 5);
    QCOMPARE(Produce(*leader, Values("b", 5), 1), ErrorCode::kNone);
    QVERIFY(!leader->OnFollowerFetch(3, Offset(0), r.clock.MonotonicMs(), &moved));  // below the HW: stays out
    QVERIFY(!leader->OnFollowerFetch(2, Offset(10), r.clock.MonotonicMs(), &moved));
    QVERIFY(moved);
    QCOMPARE(leader->HighWatermark().value, 10);
  }

  void highWatermarkNeverGoesBackwards() {
    Replicas r;
    auto leader = Leader(r, {1, 2, 3});
    QCOMPARE(Produce(*leader, Values("a", 10), 1), ErrorCode::kNone);
    bool moved = false;
    (void)leader->OnFollowerFetch(2, Offset(10), r.clock.MonotonicMs(), &moved);
    (void)leader->OnFollowerFetch(3, Offset(10), r.clock.MonotonicMs(), &moved);
    QCOMPARE(leader->HighWatermark().value, 10);
    // Replica 3 comes back with a shorter log (it lost its tail): the HW stays.
    (void)leader->OnFollowerFetch(3, Offset(4), r.clock.MonotonicMs(), &moved);
    QVERIFY(!moved);
    QCOMPARE(leader->HighWatermark().value, 10);
    QCOMPARE(Produce(*leader, Values("b", 5), 1), ErrorCode::kNone);
    (void)leader->OnFollowerFetch(2, Offset(15), r.clock.MonotonicMs(), &moved);
    QCOMPARE(leader->HighWatermark().value, 10);
    (void)leader->OnFollowerFetch(3, Offset(12), r.clock.MonotonicMs(), &moved);
    QCOMPARE(leader->HighWatermark().value, 12);
    // Re-elected at a new epoch with an older checkpoint: still no step back.
    leader->BecomeLeader(LeaderEpoch(2), 1, {1, 2, 3}, {1, 2, 3}, 1, Offset(3));
    QCOMPARE(leader->HighWatermark().value, 12);
  }

  void isrExpandsWhenFollowerReachesHighWatermark() {
    Replicas r;
    auto leader = Leader(r, {1, 2});
    auto f2 = Follower(r, 2), f3 = Follower(r, 3);
    QCOMPARE(Produce(*leader, Values("a", 10), 1), ErrorCode::kNone);
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));
    QCOMPARE(leader->HighWatermark().value, 10);
    QVERIFY(FetchRound(*leader, *f3, 3, r.clock));  // at 0: below the HW, stays out
    QCOMPARE(leader->isr(), (std::vector<int32_t>{1, 2}));
    bool moved = false;
    auto expansion = leader->OnFollowerFetch(3, Offset(10), r.clock.MonotonicMs(), &moved);
    QVERIFY(expansion);
    QCOMPARE(expansion->isr, (std::vector<int32_t>{1, 2, 3}));
    QCOMPARE(expansion->leader_epoch, 1);
    // Proposed, not committed: no second proposal, but the joining replica already holds the HW (maximal ISR).
    QVERIFY(!leader->OnFollowerFetch(3, Offset(10), r.clock.MonotonicMs(), &moved));
    QCOMPARE(Produce(*leader, Values("b", 5), 1), ErrorCode::kNone);
    (void)leader->OnFollowerFetch(2, Offset(15), r.clock.MonotonicMs(), &moved);
    QCOMPARE(leader->HighWatermark().value, 10);
    QCOMPARE(leader->isr(), (std::vector<int32_t>{1, 2}));
    leader->ApplyIsr(*expansion, expansion->zk_version + 1);
    QCOMPARE(leader->isr(), (std::vector<int32_t>{1, 2, 3}));
    QVERIFY(leader->IsInIsr(3));
  }

  // Kafka's isFollowerInSync also needs the follower at the current leader epoch's start offset.
  void isrExpansionWaitsForLeaderEpochStart() {
    Replicas r;
    {
      auto first = Leader(r, {1, 2});
      QCOMPARE(Produce(*first, Values("a", 10), 1), ErrorCode::kNone);
    }
    auto leader = r.Open(1);
    leader->BecomeLeader(LeaderEpoch(2), 1, {1, 2, 3}, {1, 2}, 0, Offset(5));  // HW 5, epoch 2 starts at 10
    QCOMPARE(leader->HighWatermark().value, 5);
    bool moved = false;
    QVERIFY(!leader->OnFollowerFetch(3, Offset(7), r.clock.MonotonicMs(), &moved));
    QVERIFY(leader->OnFollowerFetch(3, Offset(10), r.clock.MonotonicMs(), &moved));
  }

  void isrShrinksAfterLagTimeWithoutCatchingUp() {
    Replicas r;
    auto leader = Leader(r, {1, 2, 3});
    auto f2 = Follower(r, 2);
    for (int i = 0; i < 5; ++i) {
      r.clock.Advance(2000);
      QCOMPARE(Produce(*leader, Values("a", 3), 1), ErrorCode::kNone);
      QVERIFY(FetchRound(*leader, *f2, 2, r.clock));  // 2 keeps up; 3 never fetches
      QVERIFY(!leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs));
    }
    r.clock.Advance(kMaxLagMs - 10000);  // exactly max lag since the election: still in
    QVERIFY(!leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs));
    r.clock.Advance(1);
    auto shrink = leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs);
    QVERIFY(shrink);
    QCOMPARE(shrink->isr, (std::vector<int32_t>{1, 2}));
    QVERIFY(!leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs));  // one proposal at a time
    leader->ApplyIsr(*shrink, shrink->zk_version + 1);
    QCOMPARE(leader->isr(), (std::vector<int32_t>{1, 2}));
  }

  // A follower that fetches but never gets past an old offset (stuck) leaves the ISR too; one that reaches the
  // log end it saw at its previous fetch counts as caught up at that fetch (Kafka's lastCaughtUpTime).
  void isrShrinksStuckFollowerButKeepsOneThatKeepsUp() {
    Replicas r;
    auto leader = Leader(r, {1, 2, 3});
    bool moved = false;
    int64_t leo = 0;
    for (int i = 0; i < 12; ++i) {
      QCOMPARE(Produce(*leader, Values("a", 2), 1), ErrorCode::kNone);
      (void)leader->OnFollowerFetch(3, Offset(0), r.clock.MonotonicMs(), &moved);    // stuck at 0
      (void)leader->OnFollowerFetch(2, Offset(leo), r.clock.MonotonicMs(), &moved);  // one fetch behind
      leo = leader->LogEndOffset().value;
      r.clock.Advance(1000);
    }
    auto shrink = leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs);
    QVERIFY(shrink);
    QCOMPARE(shrink->isr, (std::vector<int32_t>{1, 2}));
  }

  // Issue 11: a follower's session fetch records progress only on partitions whose change stamp moved or whose
  // fetch offset did; the session's clock stands in for the fetches that left a partition out. Driven by the same
  // random appends, fetch offsets and times, a leader told of every fetch (Kafka) and one told as a session does
  // must take the same ISR decisions at every step.
  void sessionFetchesThatSkipAPartitionShrinkTheIsrAsEveryFetchWould() {
    Replicas every_fetch;
    Replicas by_session;
    auto reference = Leader(every_fetch, {1, 2}, 1, {1, 2});
    auto leader = Leader(by_session, {1, 2}, 1, {1, 2});
    auto clock = std::make_shared<FollowerSessionClock>();
    clock->last_fetch_ms = by_session.clock.MonotonicMs();
    std::mt19937 rng(11);
    int64_t offset = 0;            // the follower's fetch offset
    int64_t leo_seen = 0;          // the leader's log end at the follower's previous fetch
    int64_t recorded_offset = -1;  // as the session last recorded progress
    uint64_t progress_stamp = 0;
    int replayed = 0;  // fetches the leader was not told of, stood in for by the session's clock
    int shrinks = 0;
    for (int step = 0; step < 3000; ++step) {
      const int64_t advance = std::uniform_int_distribution<int64_t>(0, 2500)(rng);
      every_fetch.clock.Advance(advance);
      by_session.clock.Advance(advance);
      const int64_t now = by_session.clock.MonotonicMs();
      if (std::uniform_int_distribution<int>(0, 9)(rng) < 3) {
        QCOMPARE(Produce(*reference, Values("a", 2), 1), ErrorCode::kNone);
        QCOMPARE(Produce(*leader, Values("a", 2), 1), ErrorCode::kNone);
      }
      switch (std::uniform_int_distribution<int>(0, 7)(rng)) {
        case 0: offset = reference->LogEndOffset().value; break;  // caught up
        case 1: offset = std::max(offset, leo_seen); break;       // one fetch behind
        default: break;                                           // stuck (or idle, when caught up)
      }
      leo_seen = reference->LogEndOffset().value;
      bool moved = false;
      (void)reference->OnFollowerFetch(2, Offset(offset), now, &moved);
      const int64_t previous = clock->last_fetch_ms.exchange(now);
      const uint64_t stamp = leader->change_stamp();
      if (offset != recorded_offset || stamp != progress_stamp) {
        (void)leader->OnFollowerFetch(2, Offset(offset), now, &moved, clock, previous);
        recorded_offset = offset;
        progress_stamp = stamp;
      } else {
        ++replayed;
      }
      QCOMPARE(leader->HighWatermark(), reference->HighWatermark());
      auto expected = reference->MaybeShrinkIsr(now, kMaxLagMs);
      auto got = leader->MaybeShrinkIsr(now, kMaxLagMs);
      QVERIFY2(expected.has_value() == got.has_value(), qPrintable(QString("step %1").arg(step)));
      if (expected) {
        ++shrinks;
        reference->AbandonIsrChange();
        leader->AbandonIsrChange();
      }
    }
    // Both kinds of step happened often enough to mean something.
    QVERIFY2(replayed > 300 && shrinks > 30,
             qPrintable(QString("%1 replayed, %2 shrinks").arg(replayed).arg(shrinks)));
  }

  void acksAllCompletesOnlyWhenHighWatermarkPassesTheBatch() {
    Replicas r(2);
    auto leader = Leader(r, {1, 2, 3});
    auto f2 = Follower(r, 2), f3 = Follower(r, 3);
    QCOMPARE(Produce(*leader, Values("a", 3)), ErrorCode::kNone);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kRequestTimedOut);
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));
    QVERIFY(FetchRound(*leader, *f2, 2, r.clock));
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kRequestTimedOut);  // 3 is in the ISR
    QVERIFY(FetchRound(*leader, *f3, 3, r.clock));
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kRequestTimedOut);
    QVERIFY(FetchRound(*leader, *f3, 3, r.clock));
    QCOMPARE(leader->HighWatermark().value, 3);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kNone);
    QCOMPARE(Produce(*leader, Values("b", 2)), ErrorCode::kNone);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(5), ErrorCode::kRequestTimedOut);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kNone);
    // Leadership moves while waiting: the producer must retry elsewhere.
    leader->BecomeFollower(2, LeaderEpoch(2), {1, 2, 3}, Offset(-1));
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(5), ErrorCode::kNotLeaderOrFollower);
  }

  void minInsyncReplicasRefusesAcksAll() {
    Replicas r(2);
    auto leader = Leader(r, {1});
    QCOMPARE(Produce(*leader, Values("a", 3)), ErrorCode::kNotEnoughReplicas);
    QCOMPARE(leader->LogEndOffset().value, 0);  // refused before the append
    QCOMPARE(Produce(*leader, Values("a", 3), 1), ErrorCode::kNone);
    QCOMPARE(Produce(*leader, Values("b", 1), 0), ErrorCode::kNone);
    QCOMPARE(leader->LogEndOffset().value, 4);
  }

  // The ISR shrinks below min.insync.replicas while an acks=all batch waits: once the HW passes it (the shrink
  // lets it), the answer is NOT_ENOUGH_REPLICAS_AFTER_APPEND, never success (Kafka's
  // checkEnoughReplicasReachOffset). A pending shrink keeps the HW where it was.
  void isrShrinkBelowMinimumAfterAppend() {
    Replicas r(2);
    auto leader = Leader(r, {1, 2}, 1, {1, 2});
    QCOMPARE(Produce(*leader, Values("a", 3)), ErrorCode::kNone);
    r.clock.Advance(kMaxLagMs + 1);
    auto shrink = leader->MaybeShrinkIsr(r.clock.MonotonicMs(), kMaxLagMs);
    QVERIFY(shrink);
    QCOMPARE(shrink->isr, (std::vector<int32_t>{1}));
    QCOMPARE(leader->HighWatermark().value, 0);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kRequestTimedOut);
    leader->ApplyIsr(*shrink, shrink->zk_version + 1);
    QCOMPARE(leader->HighWatermark().value, 3);
    QCOMPARE(leader->CheckEnoughReplicasReachOffset(3), ErrorCode::kNotEnoughReplicasAfterAppend);
    QCOMPARE(Produce(*leader, Values("b", 1)), ErrorCode::kNotEnoughReplicas);
  }

  // OffsetForLeaderEpoch on the leader: Kafka's LeaderEpochFileCache.endOffsetFor after the epoch checks.
  void offsetForLeaderEpochAnswers() {
    Replicas r;
    {
      auto first = Leader(r, {1});
      QCOMPARE(Produce(*first, Values("a", 5), 1), ErrorCode::kNone);
    }
    auto leader = Leader(r, {1}, 3);
    QCOMPARE(Produce(*leader, Values("b", 5), 1), ErrorCode::kNone);
    using replication::EpochEndOffset;
    auto answer = [&](int32_t current, int32_t requested) { return leader->LastOffsetForLeaderEpoch(current, requested); };
    QCOMPARE(answer(3, 3).epoch_end, (EpochEndOffset{3, 10}));  // latest: the log end
    QCOMPARE(answer(3, 2).epoch_end, (EpochEndOffset{1, 5}));   // never had 2: the largest below, its end
    QCOMPARE(answer(3, 1).epoch_end, (EpochEndOffset{1, 5}));
    QCOMPARE(answer(3, 0).epoch_end, (EpochEndOffset{0, 0}));   // below the first: (requested, first start)
    QCOMPARE(answer(3, 4).epoch_end, EpochEndOffset{});         // newer than all: undefined
    QCOMPARE(answer(-1, -1).epoch_end, EpochEndOffset{});
    QCOMPARE(answer(-1, 3).epoch_end, (EpochEndOffset{3, 10}));
    QCOMPARE(answer(2, 3).error, ErrorCode::kFencedLeaderEpoch);
    QCOMPARE(answer(4, 3).error, ErrorCode::kUnknownLeaderEpoch);
    auto follower = Follower(r, 2);
    QCOMPARE(follower->LastOffsetForLeaderEpoch(-1, 1).error, ErrorCode::kNotLeaderOrFollower);
  }

  // An append validated under one epoch must not land after a leader change (KIP-101/KIP-279 truncation trusts
  // every batch's epoch): with appends racing epoch bumps and a step down, each batch in the log carries the epoch
  // that the epoch cache gives its offset, and nothing is appended while this replica follows. A race, so it is
  // repeated; without the re-check under append_mu_ it failed within the first hundred flips.
  void appendRacingLeaderChangeKeepsEpochsExact() {
    Replicas r;
    auto leader = Leader(r, {1}, 1, {1});
    std::atomic<bool> done{false};
    std::atomic<int> appended{0};
    std::thread producer([&] {
      while (!done) {
        if (Produce(*leader, {"v"}, 1) == ErrorCode::kNone) ++appended;
      }
    });
    for (int epoch = 2; epoch <= 200; ++epoch) {
      if (epoch % 50 == 0) {
        leader->BecomeFollower(2, LeaderEpoch(epoch), {1, 2}, Offset(-1));
        const int64_t end = leader->LogEndOffset().value;
        for (int i = 0; i < 20; ++i) QCOMPARE(leader->LogEndOffset().value, end);  // a follower takes no append
        continue;
      }
      leader->BecomeLeader(LeaderEpoch(epoch), 1, {1}, {1}, epoch, Offset(-1));
      if (epoch % 7 == 0) QTest::qWait(1);
    }
    done = true;
    producer.join();
    QVERIFY(appended > 0);
    const auto entries = leader->log()->leader_epochs().Entries();
    auto epochAt = [&](int64_t offset) {
      int32_t e = -1;
      for (const auto& entry : entries)
        if (entry.start_offset <= offset) e = entry.epoch;
      return e;
    };
    int batches = 0;
    QString wrong;
    auto scanned = ScanLogBatches(*leader->log(), Offset(0), leader->LogEndOffset(), "epoch race",
                                  [&](const protocol::BatchHeader& h, std::span<const uint8_t>) {
                                    ++batches;
                                    if (wrong.isEmpty() && h.partition_leader_epoch != epochAt(h.base_offset))
                                      wrong = QString("batch at %1 carries epoch %2, its offset is in epoch %3")
                                                  .arg(h.base_offset).arg(h.partition_leader_epoch)
                                                  .arg(epochAt(h.base_offset));
                                  });
    QVERIFY(scanned.ok());
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(batches, appended.load());
  }

  // Follower truncation on a real log: epoch entries after the point go, an empty epoch at the log end goes
  // (Kafka's truncateTo), the HW never stays above the log end.
  void truncationFixesEpochCacheAndHighWatermark() {
    Replicas r;
    {
      auto leader = Leader(r, {1});
      QCOMPARE(Produce(*leader, Values("a", 5), 1), ErrorCode::kNone);
      leader->BecomeLeader(LeaderEpoch(2), 1, {1}, {1}, 1, Offset(-1));
      for (const auto& v : Values("b", 5)) QCOMPARE(Produce(*leader, {v}, 1), ErrorCode::kNone);
      QCOMPARE(leader->HighWatermark().value, 10);
      leader->BecomeLeader(LeaderEpoch(4), 1, {1}, {1}, 2, Offset(-1));  // elected, wrote nothing
      leader->BecomeFollower(2, LeaderEpoch(5), {1, 2}, Offset(-1));
      QCOMPARE(leader->LatestEpoch(), std::optional<int32_t>(4));
      QVERIFY(leader->TruncateTo(Offset(10)).ok());  // at the log end: only the empty epoch goes
      QCOMPARE(leader->LatestEpoch(), std::optional<int32_t>(2));
      QCOMPARE(leader->LogEndOffset().value, 10);
      QVERIFY(leader->TruncateTo(Offset(7)).ok());
      QCOMPARE(leader->LogEndOffset().value, 7);
      QCOMPARE(leader->HighWatermark().value, 7);
      QCOMPARE(leader->LatestEpoch(), std::optional<int32_t>(2));
      QVERIFY(leader->TruncateTo(Offset(5)).ok());
      QCOMPARE(leader->LatestEpoch(), std::optional<int32_t>(1));
      QCOMPARE(leader->EndOffsetForEpoch(1), (std::optional<replication::EpochEndOffset>({1, 5})));
      QCOMPARE(LogValues(*leader->log()), Values("a", 5));
    }
  }
};

QTEST_GUILESS_MAIN(TestPartition)
#include "test_partition.moc"
