// Lag history on disk: what is recorded comes back after a "restart" (a new store on the same directory),
// torn lines are skipped, old points are thinned and dropped so the file stays bounded, and group ids that
// are not valid file names still get their own file.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "app/bridge/lag_history_store.h"

using namespace partita::app;

namespace {

LagSample sample(qint64 t, qint64 p0, qint64 p1) {
  LagSample s;
  s.timeMs = t;
  s.totalLag = p0 + p1;
  s.partitions = {{PartitionRef{QStringLiteral("orders"), 0}, p0}, {PartitionRef{QStringLiteral("orders"), 1}, p1}};
  return s;
}

}  // namespace

class LagHistoryStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void roundTripAcrossRestart() {
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
      LagHistoryStore store(dir.path());
      for (int i = 0; i < 10; ++i) store.record(QStringLiteral("g1"), sample(now - 50000 + i * 5000, 10 * i, i));
      store.record(QStringLiteral("g2"), sample(now, 1, 2));
      QCOMPARE(store.history(QStringLiteral("g1")).total.timesMs.size(), 10);
      QVERIFY(store.lastError().isEmpty());
    }
    LagHistoryStore reopened(dir.path());
    const LagHistory h = reopened.history(QStringLiteral("g1"));
    QCOMPARE(h.total.timesMs.size(), 10);
    QCOMPARE(h.total.lags.last(), 90 + 9);
    QCOMPARE(h.total.timesMs.first(), now - 50000);
    QCOMPARE(h.partitions.size(), 2);
    QCOMPARE(h.partitions[0].tp, (PartitionRef{QStringLiteral("orders"), 0}));
    QCOMPARE(h.partitions[0].lags.last(), 90);
    QCOMPARE(h.partitions[1].lags.last(), 9);
    QCOMPARE(reopened.history(QStringLiteral("g2")).total.lags, QList<qint64>{3});
    QVERIFY(reopened.history(QStringLiteral("unknown")).isEmpty());
  }

  void tornTailIsSkipped() {
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
      LagHistoryStore store(dir.path());
      store.record(QStringLiteral("g"), sample(now - 1000, 4, 5));
    }
    QFile file(dir.path() + QLatin1Char('/') + LagHistoryStore::fileNameFor(QStringLiteral("g")));
    QVERIFY(file.open(QIODevice::Append));
    file.write("1234,orders,0");  // a crash in the middle of an append
    file.close();
    LagHistoryStore reopened(dir.path());
    const LagHistory h = reopened.history(QStringLiteral("g"));
    QCOMPARE(h.total.lags, QList<qint64>{9});
    QCOMPARE(h.partitions.size(), 2);
    // The file was rewritten without the torn line, so appends start on a clean line.
    reopened.record(QStringLiteral("g"), sample(now, 1, 1));
    LagHistoryStore third(dir.path());
    QCOMPARE(third.history(QStringLiteral("g")).total.lags, (QList<qint64>{9, 2}));
  }

  void thinningKeepsRecentAndSpikes() {
    LagHistoryStore::Limits limits;
    const qint64 now = 100LL * 24 * 3600 * 1000;
    LagSeries series;
    // Every 5 s for 3 hours, with a spike two hours ago.
    for (qint64 t = now - 3 * 3600 * 1000; t <= now; t += 5000) {
      series.timesMs.append(t);
      series.lags.append(t == now - 2 * 3600 * 1000 ? 1000 : 1);
    }
    series.timesMs.prepend(now - 8LL * 24 * 3600 * 1000);  // older than a week: dropped
    series.lags.prepend(7);
    const LagSeries thinned = LagHistoryStore::thin(series, now, limits);
    // The last hour as sampled (721 points), then one per minute for the two hours before (about 120).
    QVERIFY2(thinned.timesMs.size() > 721 + 110 && thinned.timesMs.size() < 721 + 125,
             qPrintable(QString::number(thinned.timesMs.size())));
    QVERIFY(!thinned.timesMs.contains(now - 8LL * 24 * 3600 * 1000));
    QVERIFY(thinned.lags.contains(1000));  // the spike survives as its bucket's maximum
    QVERIFY(std::is_sorted(thinned.timesMs.begin(), thinned.timesMs.end()));
    // Thinning is stable: doing it again changes nothing.
    QCOMPARE(LagHistoryStore::thin(thinned, now, limits).timesMs, thinned.timesMs);
  }

  void fileStaysBounded() {
    QTemporaryDir dir;
    LagHistoryStore::Limits limits;
    limits.compactAtBytes = 64 * 1024;
    LagHistoryStore store(dir.path(), limits);
    // Two weeks of a sample every 5 s (240k samples) in simulated time.
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 14LL * 24 * 3600 * 1000;
    qint64 t = start;
    for (int i = 0; i < 14 * 24 * 720; ++i, t += 5000) store.record(QStringLiteral("busy"), sample(t, i % 100, 1));
    const QFileInfo info(dir.path() + QLatin1Char('/') + LagHistoryStore::fileNameFor(QStringLiteral("busy")));
    // A week thinned (~1 h at 5 s, 23 h per minute, 6 days per 10 min) is ~3,000 points per series (~350 KB for
    // 3 series); appends may double that before the next compaction. Unbounded it would be ~30 MB.
    QVERIFY2(info.size() < 1024 * 1024, qPrintable(QString::number(info.size())));
    // In memory, points a week old linger at most until the next compaction (the file doubling).
    const qint64 last = t - 5000, week = 7LL * 24 * 3600 * 1000;
    QVERIFY(store.history(QStringLiteral("busy")).total.timesMs.first() >= last - week - 24LL * 3600 * 1000);
    store.compact(QStringLiteral("busy"), last);
    const LagHistory h = store.history(QStringLiteral("busy"));
    QVERIFY(h.total.timesMs.first() >= last - week);
    QVERIFY(h.total.timesMs.size() < 3500);
    QCOMPARE(h.total.timesMs.last(), last);
    QVERIFY(store.lastError().isEmpty());
  }

  void awkwardGroupNames() {
    QTemporaryDir dir;
    LagHistoryStore store(dir.path());
    const QString slashy = QStringLiteral("../etc/passwd");
    const QString longName(400, QLatin1Char('x'));
    const QString chinese = QStringLiteral("消费组");
    for (const QString& name : {slashy, longName, chinese}) store.record(name, sample(QDateTime::currentMSecsSinceEpoch(), 1, 1));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
    QVERIFY(!LagHistoryStore::fileNameFor(slashy).contains(QLatin1Char('/')));
    QVERIFY(LagHistoryStore::fileNameFor(longName).size() < 255);
    LagHistoryStore reopened(dir.path());
    for (const QString& name : {slashy, longName, chinese}) QCOMPARE(reopened.history(name).total.lags, QList<qint64>{2});
  }

  void unwritableDirectoryIsAnErrorNotACrash() {
    LagHistoryStore store(QStringLiteral("/proc/partita-no-such-dir"));
    store.record(QStringLiteral("g"), sample(1000, 1, 1));
    QVERIFY(!store.lastError().isEmpty());
    QCOMPARE(store.history(QStringLiteral("g")).total.lags, QList<qint64>{2});  // still kept in memory
  }
};

QTEST_GUILESS_MAIN(LagHistoryStoreTest)
#include "test_lag_history_store.moc"
