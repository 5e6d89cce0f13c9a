// Unit tests of follower truncation by leader epoch (KIP-101/279) against an in-memory FollowerLog and a fake
// leader: the cases of Kafka's AbstractFetcherThreadTest and LeaderEpochIntegrationTest, each run to
// completion the way ReplicaFetcher does (one OffsetForLeaderEpoch question per round). Every multi-epoch case
// also runs the rule Partita had before (min(leader's end offset, own log end)) to show the case catches it.
#include <QtTest>

#include "engine/replication/follower_truncation.h"
#include "tests/engine/replication/fake_follower_log.h"
#include "tests/engine/replication/truncation_driver.h"

using namespace partita;
using namespace partita::replication;
using namespace partita::replication::testing;

namespace {

// Truncates `follower` against `leader`; the number of questions asked, or -1 if it never completed.
int SyncFrom(FakeFollowerLog& follower, const FakeFollowerLog& leader, const TruncationRule& rule = DecideTruncation) {
  auto run = TruncateAgainstLeader(follower, [&](int32_t epoch) { return leader.Answer(epoch); }, rule);
  if (!run.converged) return -1;
  return run.questions;
}

// The first offset at which the follower's records differ from the leader's (over the follower's log).
int64_t FirstDivergence(const FakeFollowerLog& follower, const FakeFollowerLog& leader) {
  const auto f = follower.Tags(), l = leader.Tags();
  for (size_t i = 0; i < f.size(); ++i)
    if (i >= l.size() || f[i] != l[i]) return static_cast<int64_t>(i);
  return -1;
}

}  // namespace

class TestFollowerTruncation : public QObject {
  Q_OBJECT
 private slots:
  // Identical history: the follower is a prefix of the leader, nothing is cut.
  void sameHistoryKeepsEverything() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 50, "a").Write(2, 10, "b").Write(3, 5, "c");
    follower.Write(1, 50, "a").Write(2, 3, "b");
    QCOMPARE(SyncFrom(follower, leader), 1);
    QCOMPARE(follower.LogEndOffset().value, 53);
    QCOMPARE(FirstDivergence(follower, leader), -1);
  }

  // The follower wrote past the leader in the same epoch (an uncommitted tail): cut at the leader's end of it.
  void followerAheadInSameEpoch() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 55, "a").Write(2, 5, "b");
    follower.Write(1, 60, "a");
    QCOMPARE(SyncFrom(follower, leader), 1);
    QCOMPARE(follower.LogEndOffset().value, 55);
  }

  // KIP-279's case (and the loss scenario): the follower has records from an epoch the leader never
  // had; the leader answers a smaller epoch whose end in the leader's log lies past the follower's end of it.
  void followerHasEpochTheLeaderNeverHad() {
    FakeFollowerLog leader, follower, old_rule;
    leader.Write(1, 50, "a").Write(1, 3, "Y").Write(3, 2, "c");
    follower.Write(1, 50, "a").Write(2, 3, "X");
    old_rule = follower;
    QCOMPARE(leader.Answer(2), (EpochEndOffset{1, 53}));
    QCOMPARE(SyncFrom(follower, leader), 1);
    QCOMPARE(follower.LogEndOffset().value, 50);
    QCOMPARE(follower.Epochs(), (std::map<int32_t, int64_t>{{1, 0}}));  // epoch 2 left the cache too
    QCOMPARE(FirstDivergence(follower, leader), -1);
    // Before: min(53, 53) kept X-0..2 at 50..52 where the leader has Y-0..2.
    QCOMPARE(SyncFrom(old_rule, leader, PreKip279Rule), 1);
    QCOMPARE(FirstDivergence(old_rule, leader), 50);
  }

  // Divergence two epochs back: the leader answers epochs the follower never had twice, and each time the
  // follower cuts back to its own last epoch below and asks again (three questions).
  void divergenceTwoEpochsBack() {
    FakeFollowerLog leader, follower, old_rule;
    leader.Write(0, 15, "a").Write(1, 10, "b").Write(3, 6, "c").Write(5, 10, "d");
    follower.Write(0, 10, "a").Write(2, 10, "x").Write(4, 10, "y");
    old_rule = follower;
    QCOMPARE(leader.Answer(4), (EpochEndOffset{3, 31}));
    QCOMPARE(SyncFrom(follower, leader), 3);
    QCOMPARE(follower.LogEndOffset().value, 10);
    QCOMPARE(follower.Epochs(), (std::map<int32_t, int64_t>{{0, 0}}));
    QCOMPARE(FirstDivergence(follower, leader), -1);
    QCOMPARE(SyncFrom(old_rule, leader, PreKip279Rule), 1);
    QCOMPARE(old_rule.LogEndOffset().value, 30);  // kept everything: x and y where the leader has a, b and c
    QCOMPARE(FirstDivergence(old_rule, leader), 10);
  }

  // The leader answers a smaller epoch that the follower has too, ending earlier on the leader.
  void leaderAnswersSmallerEpochBothHave() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 20, "a").Write(3, 10, "b");
    follower.Write(1, 25, "a").Write(2, 5, "x");
    QCOMPARE(leader.Answer(2), (EpochEndOffset{1, 20}));
    QCOMPARE(SyncFrom(follower, leader), 1);
    QCOMPARE(follower.LogEndOffset().value, 20);
  }

  // Step by step: each decision is what getOffsetTruncationState returns.
  void decisionsMatchKafkasRules() {
    FakeFollowerLog follower;
    follower.Write(0, 10, "a").Write(2, 10, "x").Write(4, 10, "y").SetHighWatermark(7);
    // end offset undefined: the high watermark
    QCOMPARE(DecideTruncation(follower, {}), (TruncationDecision{Offset(7), true}));
    QCOMPARE(DecideTruncation(follower, {kUndefinedEpoch, kUndefinedEpochOffset}),
             (TruncationDecision{Offset(7), true}));
    // v0 answer (no epoch): the leader's offset, bounded by our end
    QCOMPARE(DecideTruncation(follower, {kUndefinedEpoch, 12}), (TruncationDecision{Offset(12), true}));
    QCOMPARE(DecideTruncation(follower, {kUndefinedEpoch, 99}), (TruncationDecision{Offset(30), true}));
    // an epoch we never had: our end of the largest epoch below it, not complete
    QCOMPARE(DecideTruncation(follower, {3, 31}), (TruncationDecision{Offset(20), false}));
    QCOMPARE(DecideTruncation(follower, {1, 12}), (TruncationDecision{Offset(10), false}));
    // an epoch we have: min(leader's end, our end of it, LEO)
    QCOMPARE(DecideTruncation(follower, {2, 25}), (TruncationDecision{Offset(20), true}));
    QCOMPARE(DecideTruncation(follower, {2, 15}), (TruncationDecision{Offset(15), true}));
    QCOMPARE(DecideTruncation(follower, {4, 99}), (TruncationDecision{Offset(30), true}));
    // an epoch below all of ours: Kafka's cache answers (epoch, our first start), so it counts as "same epoch"
    FakeFollowerLog late;
    late.Write(5, 10, "z");
    QCOMPARE(DecideTruncation(late, {3, 4}), (TruncationDecision{Offset(0), true}));
    // an epoch above all of ours (the cache cannot answer): the leader's offset
    QCOMPARE(DecideTruncation(late, {7, 4}), (TruncationDecision{Offset(4), true}));
  }

  // Our latest epoch is newer than anything the leader knows (we were a zombie leader): it answers undefined
  // and we fall back to the high watermark.
  void leaderAnswersUndefinedTruncatesToHighWatermark() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 50, "a").Write(2, 5, "b");
    follower.Write(1, 50, "a").Write(4, 8, "z").SetHighWatermark(45);
    QCOMPARE(leader.Answer(4), EpochEndOffset{});
    QCOMPARE(SyncFrom(follower, leader), 1);
    QCOMPARE(follower.LogEndOffset().value, 45);
  }

  // No epochs at all (pre-KIP-101 log): straight to the high watermark, without asking.
  void noEpochsTruncatesToHighWatermarkWithoutAsking() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 50, "a");
    follower.Write(0, 40, "a").DropEpochs().SetHighWatermark(30);
    QCOMPARE(SyncFrom(follower, leader), 0);
    QCOMPARE(follower.LogEndOffset().value, 30);
    FakeFollowerLog empty;
    QCOMPARE(SyncFrom(empty, leader), 0);
    QCOMPARE(empty.LogEndOffset().value, 0);
  }

  // A leader that assigned its epoch and failed before writing leaves an entry at our log end. Truncating to the
  // log end must still drop it (Kafka's truncateTo), or we would ask about it forever.
  void emptyEpochAtTheEndIsDropped() {
    FakeFollowerLog leader, follower;
    leader.Write(1, 55, "a").Write(3, 5, "b").Write(5, 10, "c");
    follower.Write(1, 50, "a").EmptyEpoch(4);
    QCOMPARE(SyncFrom(follower, leader), 2);
    QCOMPARE(follower.LogEndOffset().value, 50);
    QCOMPARE(follower.Epochs(), (std::map<int32_t, int64_t>{{1, 0}}));
  }

  // The fake leader answers as Kafka's LeaderEpochFileCache.endOffsetFor (the storage tests check ours).
  void fakeLeaderIsKafkasCache() {
    FakeFollowerLog leader;
    leader.Write(0, 10, "a").Write(2, 20, "b").Write(4, 25, "c");
    QCOMPARE(leader.Answer(4), (EpochEndOffset{4, 55}));
    QCOMPARE(leader.Answer(3), (EpochEndOffset{2, 30}));
    QCOMPARE(leader.Answer(0), (EpochEndOffset{0, 10}));
    QCOMPARE(leader.Answer(9), EpochEndOffset{});
    QCOMPARE(leader.Answer(-1), EpochEndOffset{});
  }
};

QTEST_GUILESS_MAIN(TestFollowerTruncation)
#include "test_follower_truncation.moc"
