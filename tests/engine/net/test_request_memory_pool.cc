// Unit tests for net::RequestMemoryPool: the queued.max.request.bytes rules (start under the limit, grow when it
// fits, the oldest request always grows) and the waiters that resume muted connections.
#include <QtTest>

#include "engine/net/request_memory_pool.h"

using namespace partita::net;

class TestRequestMemoryPool : public QObject {
  Q_OBJECT
 private slots:
  void unboundedNeverRefuses() {
    RequestMemoryPool pool(-1);
    uint64_t ticket = 0;
    QVERIFY(pool.TryStart(int64_t(1) << 40, &ticket, [] {}));
    QVERIFY(pool.TryGrow(ticket, int64_t(1) << 40, [] {}));
    QCOMPARE(pool.used(), int64_t(2) << 40);
  }

  void startsOnlyUnderTheLimitAndWakesOnRelease() {
    RequestMemoryPool pool(100);
    uint64_t a = 0, b = 0, c = 0;
    QVERIFY(pool.TryStart(60, &a, [] {}));
    QVERIFY(pool.TryStart(60, &b, [] {}));  // under the limit when it started: overshoots by one chunk
    int woken = 0;
    QVERIFY(!pool.TryStart(10, &c, [&] { ++woken; }));
    QCOMPARE(pool.used(), int64_t(120));
    pool.FinishReading(a);
    pool.FinishReading(b);
    QCOMPARE(woken, 1);  // b became the oldest when a finished: waiters retry
    pool.Release(60);
    QCOMPARE(woken, 1);  // a waiter runs once; it registers again if it still does not fit
    QVERIFY(pool.TryStart(10, &c, [] {}));
    QCOMPARE(pool.used(), int64_t(70));
  }

  void onlyTheOldestGrowsPastTheLimit() {
    RequestMemoryPool pool(100);
    uint64_t old_one = 0, young = 0;
    QVERIFY(pool.TryStart(40, &old_one, [] {}));
    QVERIFY(pool.TryStart(40, &young, [] {}));
    int young_woken = 0;
    QVERIFY(!pool.TryGrow(young, 40, [&] { ++young_woken; }));  // 120 > 100, and not the oldest
    QVERIFY(pool.TryGrow(old_one, 40, [] {}));                    // the oldest always may: no deadlock
    QCOMPARE(pool.used(), int64_t(120));
    pool.FinishReading(old_one);  // the young one is now the oldest: woken to retry
    QCOMPARE(young_woken, 1);
    QVERIFY(pool.TryGrow(young, 40, [] {}));
    pool.FinishReading(young);
    pool.Release(80);
    pool.Release(80);
    QCOMPARE(pool.used(), int64_t(0));
  }

  void droppedWaitersAreDestroyedNotRun() {
    RequestMemoryPool pool(1);
    uint64_t a = 0, b = 0;
    QVERIFY(pool.TryStart(1, &a, [] {}));
    auto token = std::make_shared<int>(0);
    int runs = 0;
    QVERIFY(!pool.TryStart(1, &b, [&runs, token] { ++runs; }));
    QCOMPARE(token.use_count(), 2L);
    pool.DropWaiters();
    QCOMPARE(token.use_count(), 1L);
    pool.Release(1);
    QCOMPARE(runs, 0);
  }
};

QTEST_GUILESS_MAIN(TestRequestMemoryPool)
#include "test_request_memory_pool.moc"
