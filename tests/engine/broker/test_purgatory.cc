// Unit tests for the purgatory of delayed operations: completion by Notify, expiry at the deadline, the
// exactly-once guarantee under races, and shutdown.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/broker/purgatory.h"
#include "engine/common/clock.h"

using namespace partita;
using namespace partita::broker;

namespace {

class TestOp : public DelayedOperation {
 public:
  explicit TestOp(int64_t deadline_ms) : DelayedOperation(deadline_ms) {}

  std::atomic<bool> ready{false};
  std::atomic<int> completions{0};
  std::atomic<int> checks{0};
  std::atomic<bool> expired{false};
  std::atomic<int64_t> completed_at_ms{-1};
  std::atomic<std::thread::id> completed_on{};

 protected:
  bool CanComplete() override {
    checks++;
    return ready.load();
  }
  void OnComplete(bool was_expired) override {
    expired = was_expired;
    completed_at_ms = MonotonicMs();
    completed_on = std::this_thread::get_id();
    completions++;  // last: a test that sees the count sees the rest
  }
};

TopicPartition Tp(const std::string& topic, int32_t p) {
  TopicPartition tp;
  tp.topic = topic;
  tp.partition = PartitionId(p);
  return tp;
}

template <class Pred>
bool WaitFor(Pred pred, int timeout_ms) {
  const int64_t deadline = MonotonicMs() + timeout_ms;
  while (MonotonicMs() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return pred();
}

}  // namespace

class TestPurgatory : public QObject {
  Q_OBJECT
 private slots:
  void completesExactlyOnceWhenNotifyMakesItTrue() {
    Purgatory purgatory;
    auto op = std::make_shared<TestOp>(MonotonicMs() + 60000);
    const auto key = Tp("t", 0);
    purgatory.Watch(op, {key, Tp("t", 1)});
    QVERIFY(!op->completed());
    QCOMPARE(purgatory.PendingCount(), size_t(1));

    purgatory.Notify(key);  // condition still false
    QVERIFY(!op->completed());
    QCOMPARE(op->completions.load(), 0);

    op->ready = true;
    purgatory.Notify(Tp("other", 0));  // not watched: no effect
    QVERIFY(!op->completed());
    purgatory.Notify(Tp("t", 1));  // the second watched key completes it
    QVERIFY(op->completed());
    QCOMPARE(op->completions.load(), 1);
    QVERIFY(!op->expired.load());

    purgatory.Notify(key);
    purgatory.Notify(Tp("t", 1));
    QVERIFY(op->TryComplete());  // already complete: reports true without running OnComplete again
    op->ForceComplete();
    QCOMPARE(op->completions.load(), 1);
    // The completed operation leaves the expiry queue without being expired.
    QVERIFY(WaitFor([&] { return purgatory.PendingCount() == 0; }, 5000));
    QCOMPARE(op->completions.load(), 1);
    QVERIFY(!op->expired.load());
  }

  void expiresAtItsDeadlineNotBefore() {
    Purgatory purgatory;
    const int64_t start = MonotonicMs();
    auto op = std::make_shared<TestOp>(start + 300);
    purgatory.Watch(op, {Tp("t", 0)});
    QVERIFY(WaitFor([&] { return op->completions.load() == 1; }, 10000));
    QVERIFY(op->expired.load());
    const int64_t at = op->completed_at_ms.load();
    QVERIFY2(at >= op->deadline_ms(), qPrintable(QString("expired %1 ms early").arg(op->deadline_ms() - at)));
    QVERIFY2(at < op->deadline_ms() + 3000, qPrintable(QString("expired %1 ms late").arg(at - op->deadline_ms())));
    QVERIFY(op->completed_on.load() != std::this_thread::get_id());  // the timer thread expired it
    // Notifying later does not complete it again.
    op->ready = true;
    purgatory.Notify(Tp("t", 0));
    QCOMPARE(op->completions.load(), 1);
  }

  // Deadlines are served in deadline order, and an earlier deadline added while the timer sleeps towards a later
  // one is not kept waiting for it.
  void earlierDeadlineAddedLaterExpiresFirst() {
    Purgatory purgatory;
    const int64_t start = MonotonicMs();
    auto late = std::make_shared<TestOp>(start + 1500);
    auto mid = std::make_shared<TestOp>(start + 600);
    purgatory.Watch(late, {});
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto early = std::make_shared<TestOp>(MonotonicMs() + 200);
    purgatory.Watch(mid, {});
    purgatory.Watch(early, {});
    QVERIFY(WaitFor([&] { return late->completions.load() == 1; }, 10000));
    QVERIFY(early->completions.load() == 1 && mid->completions.load() == 1);
    for (auto* op : {early.get(), mid.get(), late.get()}) {
      QVERIFY(op->expired.load());
      QVERIFY(op->completed_at_ms.load() >= op->deadline_ms());
    }
    QVERIFY(early->completed_at_ms.load() <= mid->completed_at_ms.load());
    QVERIFY(mid->completed_at_ms.load() <= late->completed_at_ms.load());
    QVERIFY2(early->completed_at_ms.load() < late->deadline_ms(), "the early operation waited for the late one");
  }

  // Many threads Notify while the deadline passes and the condition becomes true: OnComplete runs exactly once.
  void racingNotifyAndExpiryCompleteOnce() {
    Purgatory purgatory;
    const auto key = Tp("race", 0);
    constexpr int kRounds = 60;
    constexpr int kOpsPerRound = 20;
    constexpr int kNotifiers = 4;
    std::vector<std::shared_ptr<TestOp>> all;
    for (int round = 0; round < kRounds; ++round) {
      const int64_t deadline = MonotonicMs() + 5;
      std::vector<std::shared_ptr<TestOp>> ops;
      for (int i = 0; i < kOpsPerRound; ++i) {
        ops.push_back(std::make_shared<TestOp>(deadline));
        purgatory.Watch(ops.back(), {key});
      }
      std::atomic<bool> stop{false};
      std::vector<std::thread> notifiers;
      for (int t = 0; t < kNotifiers; ++t) {
        notifiers.emplace_back([&] {
          while (!stop.load()) {
            purgatory.Notify(key);
            std::this_thread::yield();
          }
        });
      }
      // Make the condition true right around the deadline, one op at a time.
      while (MonotonicMs() < deadline) std::this_thread::yield();
      for (auto& op : ops) op->ready = true;
      QVERIFY(WaitFor(
          [&] {
            for (auto& op : ops)
              if (op->completions.load() == 0) return false;
            return true;
          },
          10000));
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // any duplicate completion would land now
      stop = true;
      for (auto& t : notifiers) t.join();
      all.insert(all.end(), ops.begin(), ops.end());
    }
    int expired = 0;
    for (auto& op : all) {
      QCOMPARE(op->completions.load(), 1);
      expired += op->expired.load();
    }
    qInfo("%d of %d operations expired, the rest completed by Notify", expired, int(all.size()));
  }

  void watchAfterTheConditionHoldsCompletesImmediately() {
    Purgatory purgatory;
    auto op = std::make_shared<TestOp>(MonotonicMs() + 60000);
    op->ready = true;
    purgatory.Watch(op, {Tp("t", 0)});
    QVERIFY(op->completed());  // no Notify, no waiting
    QCOMPARE(op->completions.load(), 1);
    QVERIFY(!op->expired.load());
    QVERIFY(op->completed_on.load() == std::this_thread::get_id());
  }

  void alreadyPastDeadlineExpiresPromptly() {
    Purgatory purgatory;
    auto op = std::make_shared<TestOp>(MonotonicMs() - 10);
    purgatory.Watch(op, {Tp("t", 0)});
    QVERIFY(WaitFor([&] { return op->completions.load() == 1; }, 2000));
    QVERIFY(op->expired.load());
  }

  void destructorExpiresPendingOperations() {
    std::vector<std::shared_ptr<TestOp>> ops;
    auto done_early = std::make_shared<TestOp>(MonotonicMs() + 60000);
    {
      Purgatory purgatory;
      for (int i = 0; i < 5; ++i) {
        ops.push_back(std::make_shared<TestOp>(MonotonicMs() + 60000 + i));
        purgatory.Watch(ops.back(), {Tp("t", i)});
      }
      purgatory.Watch(done_early, {Tp("t", 0)});
      done_early->ready = true;
      purgatory.Notify(Tp("t", 0));
      QCOMPARE(done_early->completions.load(), 1);
      for (auto& op : ops) QCOMPARE(op->completions.load(), 0);
    }
    for (auto& op : ops) {
      QCOMPARE(op->completions.load(), 1);
      QVERIFY(op->expired.load());
    }
    QCOMPARE(done_early->completions.load(), 1);
    QVERIFY(!done_early->expired.load());
  }

  // A fetch parked on many partitions is usually completed by one of them; the others never change. Their
  // lists must not keep every completed fetch (memory grew by one entry per partition per fetch round).
  void watchListsStayBoundedWhenKeysNeverChange() {
    Purgatory purgatory;
    std::vector<TopicPartition> keys;
    for (int p = 0; p < 1000; ++p) keys.push_back(Tp("idle", p));
    keys.push_back(Tp("hot", 0));
    size_t most = 0;
    for (int round = 0; round < 200; ++round) {
      auto op = std::make_shared<TestOp>(MonotonicMs() + 60000);
      purgatory.Watch(op, keys);
      op->ready = true;
      purgatory.Notify(Tp("hot", 0));
      QCOMPARE(op->completions.load(), 1);
      most = std::max(most, purgatory.WatchEntryCount());
    }
    // 200 rounds x 1,000 idle keys would be 200,000 entries without purging; the bound is the purge floor
    // (10,000) plus twice the entries live at the last purge (one round's, the operation being watched) plus
    // one round's.
    QVERIFY2(most <= 10000 + 3 * keys.size(), std::to_string(most).c_str());
    // A live operation's entries survive a purge: it still completes by its key.
    auto live = std::make_shared<TestOp>(MonotonicMs() + 60000);
    purgatory.Watch(live, {Tp("idle", 7)});
    for (int round = 0; round < 30; ++round) {
      auto op = std::make_shared<TestOp>(MonotonicMs() + 60000);
      purgatory.Watch(op, keys);
      op->ready = true;
      purgatory.Notify(Tp("hot", 0));
    }
    live->ready = true;
    purgatory.Notify(Tp("idle", 7));
    QCOMPARE(live->completions.load(), 1);
    QVERIFY(!live->expired.load());
  }

  void droppedWatchersDoNotKeepOperationsAlive() {
    Purgatory purgatory;
    std::weak_ptr<TestOp> weak;
    {
      auto op = std::make_shared<TestOp>(MonotonicMs() + 60000);
      weak = op;
      op->ready = true;
      purgatory.Watch(op, {Tp("t", 0)});
      QVERIFY(op->completed());
    }
    // Once the expiry queue drops the completed operation, nothing holds it.
    QVERIFY(WaitFor([&] { return weak.expired(); }, 5000));
    purgatory.Notify(Tp("t", 0));  // prunes the dead watcher without touching it
  }
};

QTEST_GUILESS_MAIN(TestPurgatory)
#include "test_purgatory.moc"
