// Unit tests for the storage module's file formats (checkpoints, leader-epoch-checkpoint, meta.properties,
// segment names, index files), LogManager startup/shutdown/recovery and the full-disk path.
#include <QTemporaryDir>
#include <QtTest>

#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>

#include "engine/common/endian.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/file_util.h"
#include "engine/storage/leader_epoch_cache.h"
#include "engine/storage/log_manager.h"
#include "engine/storage/offset_index.h"
#include "engine/storage/time_index.h"
#include "tests/engine/storage/batch_fixture.h"

using namespace partita;
using namespace partita::storage;
using namespace partita::storage::testing;

namespace {
std::string Slurp(const std::string& path) {
  auto r = ReadWholeFile(path);
  return r.ok() ? *r : std::string("<missing>");
}
// A crashed broker's .lock flocks die with its process. Simulating a crash in this process (a leaked
// LogManager), the kernel's part is played here: the leaked descriptors of the dirs' .lock files are closed.
void DropLeakedDirLocks(const std::vector<std::string>& dirs) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(entry.path(), ec);
    if (ec) continue;
    for (const auto& dir : dirs) {
      if (target == std::filesystem::weakly_canonical(dir) / ".lock") ::close(std::stoi(entry.path().filename().string()));
    }
  }
}

}  // namespace

class TestStorageFiles : public QObject {
  Q_OBJECT
 private slots:
  void segmentFileNamesAreZeroPadded() {
    QCOMPARE(SegmentFileName("/d", 0, kLogSuffix), std::string("/d/00000000000000000000.log"));
    QCOMPARE(SegmentFileName("/d", 1234567, kTimeIndexSuffix), std::string("/d/00000000000001234567.timeindex"));
    QCOMPARE(ParseSegmentBaseOffset("00000000000000000042.index", kIndexSuffix), int64_t(42));
    QCOMPARE(ParseSegmentBaseOffset("0000000000000000042.index", kIndexSuffix), int64_t(-1));
    QCOMPARE(ParseSegmentBaseOffset("0000000000000000004x.log", kLogSuffix), int64_t(-1));
  }

  void offsetCheckpointMatchesKafkaText() {
    QTemporaryDir tmp;
    OffsetCheckpoint cp;
    cp[{"orders", PartitionId(1)}] = 42;
    cp[{"orders", PartitionId(0)}] = 7;
    cp[{"__consumer_offsets", PartitionId(12)}] = 0;
    const std::string path = tmp.path().toStdString() + "/" + kRecoveryPointCheckpointFile;
    QVERIFY(WriteOffsetCheckpoint(path, cp).ok());
    QCOMPARE(Slurp(path), std::string("0\n3\n__consumer_offsets 12 0\norders 0 7\norders 1 42\n"));
    QVERIFY(!std::filesystem::exists(path + ".tmp"));
    auto back = ReadOffsetCheckpoint(path);
    QVERIFY(back.ok());
    QVERIFY(*back == cp);
    QVERIFY(ReadOffsetCheckpoint(path + "-missing").ok());
    for (const char* bad : {"1\n0\n", "0\n2\nt 0 1\n", "0\n1\nt x 1\n", "0\n1\nt 0 1\nu 0 2\n", ""})
      QVERIFY2(ParseOffsetCheckpoint(bad).status().IsCorruption(), bad);
  }

  void leaderEpochCheckpointFile() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    auto cache = LeaderEpochCache::Open(dir);
    QVERIFY(cache.ok());
    QVERIFY((*cache)->Assign(0, 0).ok());
    QVERIFY((*cache)->Assign(0, 5).ok());  // same epoch later: no-op
    QVERIFY((*cache)->Assign(2, 10).ok());
    QVERIFY((*cache)->Assign(4, 30).ok());
    QCOMPARE(Slurp(dir + "/leader-epoch-checkpoint"), std::string("0\n3\n0 0\n2 10\n4 30\n"));
    QCOMPARE((*cache)->EndOffsetForEpoch(4, 55), (std::pair<int32_t, int64_t>(4, 55)));
    QCOMPARE((*cache)->EndOffsetForEpoch(3, 55), (std::pair<int32_t, int64_t>(2, 30)));
    QCOMPARE((*cache)->EndOffsetForEpoch(0, 55), (std::pair<int32_t, int64_t>(0, 10)));
    QCOMPARE((*cache)->EndOffsetForEpoch(9, 55), (std::pair<int32_t, int64_t>(-1, -1)));
    QVERIFY((*cache)->Assign(3, 20).ok());  // a new leader's epoch replaces superseded entries
    QCOMPARE((*cache)->Entries(), (std::vector<EpochEntry>{{0, 0}, {2, 10}, {3, 20}}));
    QVERIFY((*cache)->TruncateFromEnd(15).ok());
    QVERIFY((*cache)->TruncateFromStart(12).ok());
    QCOMPARE(Slurp(dir + "/leader-epoch-checkpoint"), std::string("0\n1\n2 12\n"));
    auto reopened = LeaderEpochCache::Open(dir);
    QVERIFY(reopened.ok());
    QCOMPARE((*reopened)->Entries(), (std::vector<EpochEntry>{{2, 12}}));
  }

  void metaPropertiesAndMarker() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    QVERIFY(WriteMetaProperties(dir, {3, "AbCdEfGhIjKlMnOpQrStUv"}).ok());
    const std::string text = Slurp(dir + "/meta.properties");
    QVERIFY(text.find("\nversion=0\n") != std::string::npos);
    QVERIFY(text.find("\nbroker.id=3\n") != std::string::npos);
    QVERIFY(text.find("\ncluster.id=AbCdEfGhIjKlMnOpQrStUv\n") != std::string::npos);
    auto meta = ReadMetaProperties(dir);
    QVERIFY(meta.ok());
    QCOMPARE(meta->broker_id, 3);
    QCOMPARE(meta->cluster_id, std::string("AbCdEfGhIjKlMnOpQrStUv"));
    QVERIFY(!HasCleanShutdownMarker(dir));
    QVERIFY(WriteCleanShutdownMarker(dir).ok());
    QVERIFY(std::filesystem::exists(dir + "/.kafka_cleanshutdown"));
    QVERIFY(RemoveCleanShutdownMarker(dir).ok());
    QVERIFY(!HasCleanShutdownMarker(dir));
  }

  void indexLookupsAndSanity() {
    QTemporaryDir tmp;
    const std::string path = tmp.path().toStdString() + "/00000000000000000100.index";
    {
      OffsetIndex idx(path, 100, 10 * 1024 * 1024);
      QVERIFY(idx.Open().ok());
      QVERIFY(idx.Append(110, 4000).ok());
      QVERIFY(idx.Append(120, 8000).ok());
      QVERIFY(!idx.Append(120, 9000).ok());  // offsets must increase
      QCOMPARE(idx.Lookup(105).position, int64_t(0));
      QCOMPARE(idx.Lookup(110).position, int64_t(4000));
      QCOMPARE(idx.Lookup(119).position, int64_t(4000));
      QCOMPARE(idx.Lookup(500).offset, int64_t(120));
      QVERIFY(idx.SanityCheck(8000).ok());
      QVERIFY(!idx.SanityCheck(7000).ok());  // a position past the log's end
      QVERIFY(idx.Close().ok());
    }
    const auto bytes = Slurp(path);
    QCOMPARE(bytes.size(), size_t(16));
    QCOMPARE(LoadBe32(reinterpret_cast<const uint8_t*>(bytes.data())), 10u);
    QCOMPARE(LoadBe32(reinterpret_cast<const uint8_t*>(bytes.data()) + 12), 8000u);
    // A preallocated file with zero tail (Kafka after a crash) fails the sanity check.
    std::filesystem::resize_file(path, 64);
    OffsetIndex again(path, 100, 10 * 1024 * 1024);
    QVERIFY(again.Open().ok());
    QVERIFY(again.SanityCheck(1 << 20).IsCorruption());

    TimeIndex ti(tmp.path().toStdString() + "/00000000000000000100.timeindex", 100, 120);
    QVERIFY(ti.Open().ok());
    QVERIFY(ti.MaybeAppend(1000, 105).ok());
    QVERIFY(ti.MaybeAppend(1000, 107).ok());  // not increasing: skipped
    QVERIFY(ti.MaybeAppend(2000, 110).ok());
    QCOMPARE(ti.entries(), size_t(2));
    QCOMPARE(ti.Lookup(999).offset, int64_t(100));
    QCOMPARE(ti.Lookup(1500).offset, int64_t(105));
    QCOMPARE(ti.Lookup(2000).offset, int64_t(110));
    QCOMPARE(ti.max_entries(), size_t(10));
    QVERIFY(ti.TruncateTo(110).ok());
    QCOMPARE(ti.LastEntry().timestamp, int64_t(1000));
  }

  // Issue 11: a segment's indexes hold no descriptor between calls (10,000 partitions would otherwise need
  // 30,000); entries reach the file at Flush/Close, truncations of written entries at once, and a deleted index
  // is never recreated by a later flush.
  void indexFilesHoldNoDescriptorAndWriteAtFlush() {
    QTemporaryDir tmp;
    const std::string path = tmp.path().toStdString() + "/00000000000000000000.index";
    const auto open_fds = [] {
      return std::distance(std::filesystem::directory_iterator("/proc/self/fd"), std::filesystem::directory_iterator{});
    };
    const auto before = open_fds();
    OffsetIndex idx(path, 0, 1024);
    QVERIFY(idx.Open().ok());
    QVERIFY(!std::filesystem::exists(path));  // created when first written, as Kafka's LazyIndex
    QVERIFY(idx.Flush(false).ok());
    QVERIFY(!std::filesystem::exists(path));
    QCOMPARE(open_fds(), before);
    QVERIFY(idx.Append(10, 100).ok());
    QVERIFY(idx.Append(20, 200).ok());
    QVERIFY(!std::filesystem::exists(path));  // in memory until a flush
    QVERIFY(idx.Flush(false).ok());
    QCOMPARE(std::filesystem::file_size(path), uintmax_t(16));
    QCOMPARE(open_fds(), before);
    QVERIFY(idx.Append(30, 300).ok());
    QVERIFY(idx.TruncateTo(20).ok());  // drops 20 and 30: the written entry 20 leaves the file at once
    QCOMPARE(std::filesystem::file_size(path), uintmax_t(8));
    QVERIFY(idx.Append(25, 250).ok());
    QVERIFY(idx.Close().ok());
    const auto bytes = Slurp(path);
    QCOMPARE(bytes.size(), size_t(16));
    QCOMPARE(LoadBe32(reinterpret_cast<const uint8_t*>(bytes.data()) + 8), 25u);
    QVERIFY(idx.Delete().ok());
    QVERIFY(idx.Append(40, 400).ok());
    QVERIFY(idx.Flush().ok());
    QVERIFY(!std::filesystem::exists(path));
    QCOMPARE(open_fds(), before);
  }

  void logManagerShutdownAndRecovery() {
    QTemporaryDir tmp;
    LogManagerConfig cfg;
    cfg.log_dirs = {tmp.path().toStdString() + "/d1", tmp.path().toStdString() + "/d2"};
    cfg.broker_id = 1;
    cfg.cluster_id = "cluster";
    {
      auto mgr = LogManager::Open(cfg);
      QVERIFY(mgr.ok());
      for (int p = 0; p < 4; ++p) {
        auto log = (*mgr)->GetOrCreateLog({"t", PartitionId(p)}, LogConfig{});
        QVERIFY(log.ok());
        QVERIFY((*log)->AppendAsLeader(SimpleBatch(p + 1, 1000), LeaderEpoch(0)).ok());
      }
      // Fewest-partitions placement alternates between the two dirs.
      QVERIFY(std::filesystem::exists(cfg.log_dirs[0] + "/t-0"));
      QVERIFY(std::filesystem::exists(cfg.log_dirs[1] + "/t-1"));
      QVERIFY(std::filesystem::exists(cfg.log_dirs[0] + "/t-2"));
      (*mgr)->SetHighWatermarkSource([] { return OffsetCheckpoint{{{"t", PartitionId(1)}, 2}}; });
      QVERIFY((*mgr)->Shutdown(true).ok());
    }
    QCOMPARE(Slurp(cfg.log_dirs[1] + "/recovery-point-offset-checkpoint"), std::string("0\n2\nt 1 2\nt 3 4\n"));
    QCOMPARE(Slurp(cfg.log_dirs[1] + "/log-start-offset-checkpoint"), std::string("0\n2\nt 1 0\nt 3 0\n"));
    QCOMPARE(Slurp(cfg.log_dirs[1] + "/replication-offset-checkpoint"), std::string("0\n1\nt 1 2\n"));
    QCOMPARE(Slurp(cfg.log_dirs[0] + "/replication-offset-checkpoint"), std::string("0\n0\n"));
    QVERIFY(HasCleanShutdownMarker(cfg.log_dirs[0]));
    QVERIFY(std::filesystem::exists(cfg.log_dirs[0] + "/meta.properties"));

    // Unclean restart: the marker is gone once loaded; damage a tail past the recovery point.
    {
      auto mgr = LogManager::Open(cfg);
      QVERIFY(mgr.ok());
      QVERIFY(!HasCleanShutdownMarker(cfg.log_dirs[0]));
      auto log = (*mgr)->GetLog({"t", PartitionId(2)});
      QVERIFY(log);
      QCOMPARE(log->LogEndOffset().value, 3);
      QVERIFY(log->AppendAsLeader(SimpleBatch(2, 2000), LeaderEpoch(1)).ok());  // unflushed: 3..4
      QVERIFY(log->Flush().ok());
      QVERIFY((*mgr)->CheckpointOffsets().ok());
      QVERIFY(log->AppendAsLeader(SimpleBatch(2, 3000), LeaderEpoch(1)).ok());  // 5..6, past the checkpoint
      // Simulated crash: no Shutdown; tear the last batch.
      const std::string seg = cfg.log_dirs[0] + "/t-2/00000000000000000000.log";
      std::filesystem::resize_file(seg, std::filesystem::file_size(seg) - 5);
      (*mgr)->Start();
      mgr->release();  // leak on purpose: a crashed broker runs no destructors
      DropLeakedDirLocks(cfg.log_dirs);
    }
    auto mgr = LogManager::Open(cfg);
    QVERIFY(mgr.ok());
    auto log = (*mgr)->GetLog({"t", PartitionId(2)});
    QCOMPARE(log->LogEndOffset().value, 5);
    QVERIFY(log->bytes_truncated_by_recovery() > 0);
    QCOMPARE((*mgr)->GetLog({"t", PartitionId(3)})->LogEndOffset().value, 4);
    QVERIFY((*mgr)->DeleteLog({"t", PartitionId(3)}).ok());
    QVERIFY(!std::filesystem::exists(cfg.log_dirs[1] + "/t-3"));
    QVERIFY((*mgr)->Shutdown(true).ok());
  }

  void fullDiskLeavesNoTornTail() {
    QTemporaryDir tmp;
    const std::string mnt = tmp.path().toStdString() + "/small";
    std::filesystem::create_directories(mnt);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") != 0)
      QSKIP("needs root to mount a 1 MiB tmpfs (run the suite as root, as CI does)");
    {
      LogConfig cfg;
      cfg.segment_bytes = 64 * 1024 * 1024;
      auto opened = Log::Open(mnt + "/t-0", cfg, RecoveryHints{true, 0, 0});
      QVERIFY(opened.ok());
      auto log = std::move(opened).value();
      const auto batch = SimpleBatch(4, 1000, 16 * 1024);
      Status failure;
      int64_t acked = 0;
      for (int i = 0; i < 200; ++i) {
        auto a = log->AppendAsLeader(batch, LeaderEpoch(0));
        if (!a.ok()) {
          failure = a.status();
          break;
        }
        acked = a->last_offset.value + 1;
      }
      QVERIFY2(failure.IsNoSpace(), failure.ToString().c_str());
      QVERIFY(acked > 0);
      QCOMPARE(log->LogEndOffset().value, acked);
      const std::string seg = mnt + "/t-0/00000000000000000000.log";
      QCOMPARE(FileSizeOf(seg), int64_t(batch.size()) * acked / 4);
      // Reads keep working and serve every acknowledged batch.
      auto r = log->Read(Offset(acked - 1), 1, Offset(INT64_MAX), true);
      QVERIFY(r.ok() && r->bytes == int64_t(batch.size()));
      QVERIFY(!log->AppendAsLeader(batch, LeaderEpoch(0)).ok());
      QCOMPARE(log->LogEndOffset().value, acked);
      log.reset();
      auto reopened = Log::Open(mnt + "/t-0", cfg, RecoveryHints{false, 0, 0});
      QVERIFY(reopened.ok());
      QCOMPARE((*reopened)->bytes_truncated_by_recovery(), int64_t(0));
      QCOMPARE((*reopened)->LogEndOffset().value, acked);
    }
    QCOMPARE(::umount(mnt.c_str()), 0);
  }
};

QTEST_GUILESS_MAIN(TestStorageFiles)
#include "test_storage_files.moc"
