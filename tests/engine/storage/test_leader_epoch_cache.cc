// Unit tests of LeaderEpochCache against the cases of Kafka's LeaderEpochFileCacheTest: assign (monotonic
// epochs and offsets, conflicting entries removed), endOffsetFor (the OffsetForLeaderEpoch answer), truncation
// from the end (follower truncation) and from the start (retention), and the checkpoint file across reopen.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "engine/storage/leader_epoch_cache.h"

using namespace partita;
using namespace partita::storage;

namespace {

using Entries = std::vector<EpochEntry>;
using Answer = std::pair<int32_t, int64_t>;
constexpr Answer kUndefined{-1, -1};

std::unique_ptr<LeaderEpochCache> OpenCache(const std::string& dir) {
  auto cache = LeaderEpochCache::Open(dir);
  if (!cache.ok()) qFatal("open: %s", cache.status().ToString().c_str());
  return std::move(cache).value();
}

void AssignAll(LeaderEpochCache& cache, const Entries& entries) {
  for (const auto& e : entries) QVERIFY(cache.Assign(e.epoch, e.start_offset).ok());
}

}  // namespace

class TestLeaderEpochCache : public QObject {
  Q_OBJECT
 private slots:
  void assignKeepsEpochsAndOffsetsIncreasing() {
    QTemporaryDir tmp;
    auto cache = OpenCache(tmp.path().toStdString());
    AssignAll(*cache, {{2, 6}});
    QVERIFY(cache->Assign(2, 7).ok());  // the same epoch later: already assigned
    QCOMPARE(cache->Entries(), (Entries{{2, 6}}));
    QVERIFY(cache->Assign(2, 5).ok());  // the same epoch earlier: moves its start back
    QCOMPARE(cache->Entries(), (Entries{{2, 5}}));
    QVERIFY(cache->Assign(3, 5).ok());  // a new epoch at the same offset: the empty epoch 2 goes
    QCOMPARE(cache->Entries(), (Entries{{3, 5}}));
    AssignAll(*cache, {{4, 8}, {6, 12}});
    QVERIFY(cache->Assign(5, 10).ok());  // lower epoch than the latest: the later entries are superseded
    QCOMPARE(cache->Entries(), (Entries{{3, 5}, {4, 8}, {5, 10}}));
    QVERIFY(cache->Assign(7, 9).ok());  // higher epoch at an earlier offset: entries at or after 9 go
    QCOMPARE(cache->Entries(), (Entries{{3, 5}, {4, 8}, {7, 9}}));
    QVERIFY(!cache->Assign(-1, 3).ok());
    QVERIFY(!cache->Assign(8, -1).ok());
    QCOMPARE(cache->LatestEpoch(), std::optional<int32_t>(7));
  }

  // LeaderEpochFileCache.endOffsetFor, case by case.
  void endOffsetForEpochIsKafkas() {
    QTemporaryDir tmp;
    auto cache = OpenCache(tmp.path().toStdString());
    QCOMPARE(cache->EndOffsetForEpoch(0, 10), kUndefined);  // empty
    QCOMPARE(cache->EndOffsetForEpoch(-1, 10), kUndefined);
    AssignAll(*cache, {{0, 10}, {2, 13}, {4, 17}});
    QCOMPARE(cache->EndOffsetForEpoch(4, 20), (Answer{4, 20}));   // latest: the log end offset
    QCOMPARE(cache->EndOffsetForEpoch(2, 20), (Answer{2, 17}));   // start of the next epoch
    QCOMPARE(cache->EndOffsetForEpoch(1, 20), (Answer{0, 13}));   // not tracked: the largest epoch below
    QCOMPARE(cache->EndOffsetForEpoch(3, 20), (Answer{2, 17}));
    QCOMPARE(cache->EndOffsetForEpoch(5, 20), kUndefined);        // newer than every epoch
    QCOMPARE(cache->EndOffsetForEpoch(-1, 20), kUndefined);       // UNDEFINED_EPOCH requested
    QTemporaryDir tmp2;
    auto later = OpenCache(tmp2.path().toStdString());
    AssignAll(*later, {{5, 11}, {6, 12}});
    QCOMPARE(later->EndOffsetForEpoch(4, 20), (Answer{4, 11}));  // below the first: (requested, first start)
    QCOMPARE(later->EndOffsetForEpoch(6, 12), (Answer{6, 12}));
  }

  void truncateFromEndDropsEntriesAtOrAfterTheOffset() {
    QTemporaryDir tmp;
    auto cache = OpenCache(tmp.path().toStdString());
    AssignAll(*cache, {{2, 6}, {3, 8}, {4, 11}});
    QVERIFY(cache->TruncateFromEnd(12).ok());  // past the latest start: nothing
    QCOMPARE(cache->Entries(), (Entries{{2, 6}, {3, 8}, {4, 11}}));
    QVERIFY(cache->TruncateFromEnd(-1).ok());  // undefined: nothing
    QCOMPARE(cache->Entries().size(), size_t(3));
    QVERIFY(cache->TruncateFromEnd(11).ok());  // on an epoch boundary: that epoch goes
    QCOMPARE(cache->Entries(), (Entries{{2, 6}, {3, 8}}));
    QVERIFY(cache->TruncateFromEnd(9).ok());
    QCOMPARE(cache->Entries(), (Entries{{2, 6}, {3, 8}}));
    QVERIFY(cache->TruncateFromEnd(0).ok());
    QCOMPARE(cache->Entries(), Entries{});
    QCOMPARE(cache->LatestEpoch(), std::nullopt);
  }

  void truncateFromStartMovesTheFirstEntryUp() {
    QTemporaryDir tmp;
    auto cache = OpenCache(tmp.path().toStdString());
    AssignAll(*cache, {{2, 6}, {3, 8}, {4, 11}});
    QVERIFY(cache->TruncateFromStart(1).ok());  // too early: nothing
    QCOMPARE(cache->Entries(), (Entries{{2, 6}, {3, 8}, {4, 11}}));
    QVERIFY(cache->TruncateFromStart(-1).ok());
    QCOMPARE(cache->Entries().size(), size_t(3));
    QVERIFY(cache->TruncateFromStart(9).ok());  // between boundaries: epoch 3 now starts at 9
    QCOMPARE(cache->Entries(), (Entries{{3, 9}, {4, 11}}));
    QVERIFY(cache->TruncateFromStart(11).ok());  // on the latest boundary: the latest is kept
    QCOMPARE(cache->Entries(), (Entries{{4, 11}}));
    QVERIFY(cache->TruncateFromStart(15).ok());  // past it: kept, moved up
    QCOMPARE(cache->Entries(), (Entries{{4, 15}}));
  }

  void checkpointSurvivesReopen() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    {
      auto cache = OpenCache(dir);
      AssignAll(*cache, {{0, 0}, {2, 10}, {5, 40}});
      QVERIFY(cache->TruncateFromEnd(40).ok());
      QVERIFY(cache->TruncateFromStart(3).ok());
    }
    auto reopened = OpenCache(dir);
    QCOMPARE(reopened->Entries(), (Entries{{0, 3}, {2, 10}}));
    QCOMPARE(reopened->EndOffsetForEpoch(0, 30), (Answer{0, 10}));
    QVERIFY(reopened->Delete().ok());
    QCOMPARE(OpenCache(dir)->Entries(), Entries{});
  }

  void malformedCheckpointIsCorruption() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    for (const char* text : {"1\n0\n", "0\n2\n1 0\n", "0\n2\n3 10\n2 20\n", "0\n2\n2 10\n3 5\n", "0\nx\n"}) {
      std::ofstream(dir + "/" + kLeaderEpochCheckpointFile, std::ios::trunc) << text;
      auto cache = LeaderEpochCache::Open(dir);
      QVERIFY2(!cache.ok() && cache.status().IsCorruption(), text);
    }
  }
};

QTEST_GUILESS_MAIN(TestLeaderEpochCache)
#include "test_leader_epoch_cache.moc"
