// Unit tests for storage::Log and LogSegment on real files: round trips, indexes, rolls, reopen, recovery of
// torn tails, retention, DeleteRecords, truncation.
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "engine/common/endian.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"
#include "tests/engine/storage/batch_fixture.h"

using namespace partita;
using namespace partita::storage;
using namespace partita::storage::testing;

namespace {

std::unique_ptr<Log> OpenLog(const std::string& dir, const LogConfig& cfg, RecoveryHints hints = {true, 0, 0}) {
  auto log = Log::Open(dir, cfg, hints);
  if (!log.ok()) qFatal("open: %s", log.status().ToString().c_str());
  return std::move(log).value();
}

std::vector<uint8_t> ReadAllBytes(const ReadResult& r) {
  std::vector<uint8_t> out;
  for (const auto& region : r.regions) {
    auto b = PreadAll(region.file->fd(), region.position, region.length);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

std::vector<int64_t> BaseOffsets(const std::vector<uint8_t>& bytes) {
  std::vector<int64_t> out;
  for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= bytes.size();) {
    const auto h = protocol::ReadBatchHeader(bytes.data() + pos);
    out.push_back(h.base_offset);
    pos += h.total_size();
  }
  return out;
}

}  // namespace

class TestStorageLog : public QObject {
  Q_OBJECT
 private slots:
  void appendReadRoundTrip() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/topic-0";
    auto log = OpenLog(dir, LogConfig{});
    const auto b1 = SimpleBatch(3, 1000), b2 = SimpleBatch(1, 2000), b3 = SimpleBatch(5, 3000);
    auto a1 = log->AppendAsLeader(b1, LeaderEpoch(7));
    QVERIFY(a1.ok());
    QCOMPARE(a1->first_offset.value, 0);
    QCOMPARE(a1->last_offset.value, 2);
    QCOMPARE(a1->max_timestamp, 1002);
    auto a23 = log->AppendAsLeader(Concat({b2, b3}), LeaderEpoch(7));
    QVERIFY(a23.ok());
    QCOMPARE(a23->first_offset.value, 3);
    QCOMPARE(a23->last_offset.value, 8);
    QCOMPARE(a23->offset_of_max_timestamp.value, 8);
    QCOMPARE(log->LogEndOffset().value, 9);
    QVERIFY(std::filesystem::exists(dir + "/00000000000000000000.log"));
    // Index files are created when first written (index_file.h): by a flush at the latest.
    QVERIFY(log->Flush().ok());
    QVERIFY(std::filesystem::exists(dir + "/00000000000000000000.index"));
    QVERIFY(std::filesystem::exists(dir + "/00000000000000000000.timeindex"));

    auto r = log->Read(Offset(0), 1 << 20, Offset(INT64_MAX), false);
    QVERIFY(r.ok());
    QVERIFY(!r->offset_out_of_range);
    const auto expected = Concat({WithOffsets(b1, 0, 7), WithOffsets(b2, 3, 7), WithOffsets(b3, 4, 7)});
    QCOMPARE(r->bytes, int64_t(expected.size()));
    QVERIFY(ReadAllBytes(*r) == expected);
    // The rewritten batches still carry valid CRCs (the CRC does not cover offset and epoch).
    QCOMPARE(LoadBe32(expected.data() + 17), LoadBe32(b1.data() + 17));
    QCOMPARE(log->leader_epochs().Entries(), (std::vector<EpochEntry>{{7, 0}}));
  }

  void readLimitsAndOutOfRange() {
    QTemporaryDir tmp;
    auto log = OpenLog(tmp.path().toStdString() + "/t-1", LogConfig{});
    const auto b = SimpleBatch(4, 100, 50);
    for (int i = 0; i < 3; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(0)).ok());  // offsets 0..11
    auto r = log->Read(Offset(13), 1000, Offset(INT64_MAX), true);
    QVERIFY(r.ok() && r->offset_out_of_range && r->regions.empty());
    r = log->Read(Offset(12), 1000, Offset(INT64_MAX), true);  // at LEO: empty, in range
    QVERIFY(r.ok() && !r->offset_out_of_range && r->bytes == 0);
    r = log->Read(Offset(5), 1 << 20, Offset(INT64_MAX), false);  // mid-batch: the containing batch first
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{4, 8}));
    r = log->Read(Offset(0), 10, Offset(INT64_MAX), true);  // first batch bigger than max_bytes: whole
    QCOMPARE(r->bytes, int64_t(b.size()));
    r = log->Read(Offset(0), 10, Offset(INT64_MAX), false);
    QCOMPARE(r->bytes, int64_t(0));
    r = log->Read(Offset(0), int32_t(b.size() * 2 + 5), Offset(INT64_MAX), false);  // whole batches only
    QCOMPARE(r->bytes, int64_t(b.size() * 2));
    r = log->Read(Offset(0), 1 << 20, Offset(8), false);  // high watermark 8: batches 0 and 4 only
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{0, 4}));
    r = log->Read(Offset(0), 1 << 20, Offset(7), false);  // a batch straddling the bound is held back
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{0}));
  }

  void indexEntryEveryIntervalBytes() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.index_interval_bytes = 100;
    auto log = OpenLog(dir, cfg);
    const auto b = SimpleBatch(2, 1000, 80);  // > 100 bytes
    QVERIFY(b.size() > 100);
    for (int i = 0; i < 20; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(0)).ok());
    auto segs = log->Segments();
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(segs[0].index_entries, int64_t(19));  // none for the first append, then one per append
    QVERIFY(log->Flush().ok());  // index entries reach the file at a flush (index_file.h)
    QCOMPARE(FileSizeOf(dir + "/00000000000000000000.index"), int64_t(19 * 8));
    // First entry on disk: relative offset 3 (last offset of the second append), position = one batch.
    auto idx = ReadWholeFile(dir + "/00000000000000000000.index");
    QVERIFY(idx.ok());
    const auto* p = reinterpret_cast<const uint8_t*>(idx->data());
    QCOMPARE(LoadBe32(p), 3u);
    QCOMPARE(LoadBe32(p + 4), uint32_t(b.size()));
    for (int64_t off = 0; off < 40; ++off) {
      auto r = log->Read(Offset(off), 1, Offset(INT64_MAX), true);
      QVERIFY(r.ok());
      QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{off / 2 * 2}));
    }
  }

  void timestampLookups() {
    QTemporaryDir tmp;
    LogConfig cfg;
    cfg.index_interval_bytes = 1;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    // Batches of 5 records with timestamps 1000 + 10*i.
    for (int b = 0; b < 10; ++b) {
      std::vector<TestRecord> recs;
      for (int i = 0; i < 5; ++i) recs.push_back({1000 + 10 * (b * 5 + i), "k", "v"});
      QVERIFY(log->AppendAsLeader(BuildBatch(recs), LeaderEpoch(0)).ok());
    }
    auto f = log->OffsetForTimestamp(0);
    QVERIFY(f.ok() && f->found);
    QCOMPARE(f->offset.value, 0);
    f = log->OffsetForTimestamp(1000 + 10 * 23);
    QCOMPARE(f->offset.value, 23);
    QCOMPARE(f->timestamp, 1000 + 10 * 23);
    f = log->OffsetForTimestamp(1000 + 10 * 23 + 1);  // between records: the next one
    QCOMPARE(f->offset.value, 24);
    f = log->OffsetForTimestamp(1000 + 10 * 49 + 1);
    QVERIFY(f.ok() && !f->found);
    const auto max = log->MaxTimestampAndOffset();
    QCOMPARE(max.timestamp, 1000 + 10 * 49);
    QCOMPARE(max.offset.value, 49);
    QVERIFY(log->Segments()[0].time_index_entries >= 9);
  }

  void rollBySizeAndTime() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    const auto b = SimpleBatch(1, 1000, 100);
    cfg.segment_bytes = static_cast<int32_t>(b.size() * 3);
    cfg.segment_ms = 1000;
    auto log = OpenLog(dir, cfg);
    for (int i = 0; i < 7; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(0)).ok());
    auto segs = log->Segments();
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs[1].base_offset.value, 3);
    QCOMPARE(segs[2].base_offset.value, 6);
    QVERIFY(segs[2].active && !segs[0].active);
    QVERIFY(std::filesystem::exists(dir + "/00000000000000000003.log"));
    QVERIFY(log->Flush().ok());  // index files are written at a flush (index_file.h)
    QVERIFY(std::filesystem::exists(dir + "/00000000000000000006.timeindex"));
    // Time: a batch stamped more than segment.ms after the active segment's first batch rolls.
    QVERIFY(log->AppendAsLeader(SimpleBatch(1, 1500, 1), LeaderEpoch(0)).ok());
    QCOMPARE(log->Segments().size(), size_t(3));
    QVERIFY(log->AppendAsLeader(SimpleBatch(1, 2001, 1), LeaderEpoch(0)).ok());
    segs = log->Segments();
    QCOMPARE(segs.size(), size_t(4));
    QCOMPARE(segs[3].base_offset.value, 8);
    // Reads cross segment boundaries one segment at a time.
    auto r = log->Read(Offset(2), 1 << 20, Offset(INT64_MAX), false);
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{2}));
    r = log->Read(Offset(3), 1 << 20, Offset(INT64_MAX), false);
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{3, 4, 5}));
    // A request larger than a segment is refused.
    QVERIFY(!log->AppendAsLeader(SimpleBatch(1, 1, cfg.segment_bytes), LeaderEpoch(0)).ok());
  }

  // A leader's new epoch is checkpointed with the epoch's first batch, not when it is taken (issue 11: no fsync
  // per partition when a broker takes over thousands); a flush writes it too.
  void leaderEpochIsCheckpointedWithItsFirstBatch() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir, LogConfig{});
    QVERIFY(log->AppendAsLeader(SimpleBatch(2, 1000), LeaderEpoch(0)).ok());
    const auto on_disk = [&] {
      auto cache = LeaderEpochCache::Open(dir);
      return cache.ok() ? (*cache)->Entries() : std::vector<EpochEntry>{{-9, -9}};
    };
    QCOMPARE(on_disk(), (std::vector<EpochEntry>{{0, 0}}));
    QVERIFY(log->leader_epochs().Assign(3, 2, /*write_now=*/false).ok());
    QCOMPARE(log->leader_epochs().Entries(), (std::vector<EpochEntry>{{0, 0}, {3, 2}}));
    QCOMPARE(on_disk(), (std::vector<EpochEntry>{{0, 0}}));
    QVERIFY(log->AppendAsLeader(SimpleBatch(1, 1000), LeaderEpoch(3)).ok());
    QCOMPARE(on_disk(), (std::vector<EpochEntry>{{0, 0}, {3, 2}}));
    QVERIFY(log->leader_epochs().Assign(4, 3, /*write_now=*/false).ok());
    QVERIFY(log->Flush().ok());
    QCOMPARE(on_disk(), (std::vector<EpochEntry>{{0, 0}, {3, 2}, {4, 3}}));
  }

  void reopenAfterCleanClose() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.index_interval_bytes = 50;
    cfg.segment_bytes = 2000;
    std::vector<uint8_t> all;
    {
      auto log = OpenLog(dir, cfg);
      for (int i = 0; i < 30; ++i) {
        const auto b = SimpleBatch(2, 100 * i, 40);
        QVERIFY(log->AppendAsLeader(b, LeaderEpoch(3)).ok());
        all = Concat({all, WithOffsets(b, 2 * i, 3)});
      }
      QVERIFY(log->Close().ok());
    }
    auto log = OpenLog(dir, cfg, RecoveryHints{true, 60, 0});
    QCOMPARE(log->LogEndOffset().value, 60);
    QCOMPARE(log->RecoveryPoint().value, 60);
    QCOMPARE(log->bytes_truncated_by_recovery(), int64_t(0));
    std::vector<uint8_t> got;
    for (Offset o(0); o < log->LogEndOffset();) {
      auto r = log->Read(o, 1 << 20, Offset(INT64_MAX), false);
      QVERIFY(r.ok() && r->bytes > 0);
      auto bytes = ReadAllBytes(*r);
      got.insert(got.end(), bytes.begin(), bytes.end());
      const auto offs = BaseOffsets(bytes);
      o = Offset(offs.back() + 2);
    }
    QVERIFY(got == all);
    QCOMPARE(log->MaxTimestampAndOffset().timestamp, 100 * 29 + 1);
    QVERIFY(log->AppendAsLeader(SimpleBatch(1, 5000), LeaderEpoch(4)).ok());
    QCOMPARE(log->LogEndOffset().value, 61);
    QCOMPARE(log->leader_epochs().Entries(), (std::vector<EpochEntry>{{3, 0}, {4, 60}}));
  }

  void recoveryOfTornTails_data() {
    QTest::addColumn<int>("damage");
    QTest::newRow("truncated mid-batch") << 0;
    QTest::newRow("garbage appended") << 1;
    QTest::newRow("flipped CRC byte") << 2;
    QTest::newRow("index deleted") << 3;
  }
  void recoveryOfTornTails() {
    QFETCH(int, damage);
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    const std::string seg = dir + "/00000000000000000000.log";
    LogConfig cfg;
    cfg.index_interval_bytes = 100;
    const auto b = SimpleBatch(2, 1000, 100);
    int64_t index_entries = 0;
    {
      auto log = OpenLog(dir, cfg);
      for (int i = 0; i < 10; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(0)).ok());
      index_entries = log->Segments()[0].index_entries;
      QVERIFY(log->Close().ok());
    }
    const int64_t full = FileSizeOf(seg);
    int64_t expect_truncated = 0, expect_leo = 20;
    const int fd = ::open(seg.c_str(), O_RDWR);
    if (damage == 0) {
      QCOMPARE(::ftruncate(fd, full - 30), 0);
      expect_truncated = int64_t(b.size()) - 30;
      expect_leo = 18;
    } else if (damage == 1) {
      const std::string junk(77, '\x5a');
      QCOMPARE(::pwrite(fd, junk.data(), junk.size(), full), ssize_t(junk.size()));
      expect_truncated = 77;
    } else if (damage == 2) {
      uint8_t byte;
      const int64_t crc_pos = full - int64_t(b.size()) + 17;
      QCOMPARE(::pread(fd, &byte, 1, crc_pos), ssize_t(1));
      byte ^= 0xFF;
      QCOMPARE(::pwrite(fd, &byte, 1, crc_pos), ssize_t(1));
      expect_truncated = int64_t(b.size());
      expect_leo = 18;
    } else {
      std::filesystem::remove(dir + "/00000000000000000000.index");
    }
    ::close(fd);
    // damage 3 is detected even after a clean shutdown (missing index); the others need the unclean path.
    auto log = OpenLog(dir, cfg, RecoveryHints{damage == 3, 0, 0});
    QCOMPARE(log->bytes_truncated_by_recovery(), expect_truncated);
    QCOMPARE(log->LogEndOffset().value, expect_leo);
    QCOMPARE(FileSizeOf(seg), damage == 0 || damage == 2 ? full - int64_t(b.size()) : full);
    const auto segs = log->Segments();
    QVERIFY(segs[0].index_entries > 0);
    QVERIFY(segs[0].index_entries <= index_entries);
    for (int64_t off = 0; off < expect_leo; ++off) {
      auto r = log->Read(Offset(off), 1, Offset(INT64_MAX), true);
      QVERIFY(r.ok());
      QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{off / 2 * 2}));
    }
    auto a = log->AppendAsLeader(b, LeaderEpoch(1));
    QVERIFY(a.ok());
    QCOMPARE(a->first_offset.value, expect_leo);
  }

  void retentionByTimeAndSize() {
    QTemporaryDir tmp;
    LogConfig cfg;
    const auto probe = SimpleBatch(1, 0, 100);
    cfg.segment_bytes = static_cast<int32_t>(probe.size() * 2);
    cfg.retention_ms = 10'000;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    // Six batches, two per segment, timestamps 1000..6000.
    for (int i = 1; i <= 6; ++i) QVERIFY(log->AppendAsLeader(SimpleBatch(1, i * 1000, 100), LeaderEpoch(0)).ok());
    QCOMPARE(log->Segments().size(), size_t(3));
    auto n = log->ApplyRetention(12'500);  // segment 0 (max ts 2000) is older than 10 s
    QVERIFY(n.ok());
    QCOMPARE(*n, 1);
    QCOMPARE(log->LogStartOffset().value, 2);
    auto r = log->Read(Offset(1), 1000, Offset(INT64_MAX), true);
    QVERIFY(r->offset_out_of_range);
    // Size: keep at most one segment's worth of bytes (the active one is never deleted).
    cfg.retention_ms = -1;
    cfg.retention_bytes = int64_t(probe.size() * 2);
    log->UpdateConfig(cfg);
    n = log->ApplyRetention(12'500);
    QCOMPARE(*n, 1);
    QCOMPARE(log->LogStartOffset().value, 4);
    QCOMPARE(log->Segments().size(), size_t(1));
    // Everything expired: a new empty active segment is rolled at the log end first.
    cfg.retention_ms = 1;
    cfg.retention_bytes = -1;
    log->UpdateConfig(cfg);
    n = log->ApplyRetention(1'000'000);
    QCOMPARE(*n, 1);
    QCOMPARE(log->Segments().size(), size_t(1));
    QCOMPARE(log->Segments()[0].base_offset.value, 6);
    QCOMPARE(log->LogStartOffset().value, 6);
    QCOMPARE(log->LogEndOffset().value, 6);
    QVERIFY(log->AppendAsLeader(probe, LeaderEpoch(0)).ok());
    QCOMPARE(log->LogEndOffset().value, 7);
  }

  void deleteRecordsBefore() {
    QTemporaryDir tmp;
    LogConfig cfg;
    const auto b = SimpleBatch(2, 1000, 100);
    cfg.segment_bytes = static_cast<int32_t>(b.size() * 2);
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    for (int i = 0; i < 6; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(i)).ok());  // segments 0, 4, 8
    QVERIFY(!log->DeleteRecordsBefore(Offset(13)).ok());
    QVERIFY(log->DeleteRecordsBefore(Offset(5)).ok());
    QCOMPARE(log->LogStartOffset().value, 5);
    QCOMPARE(log->Segments().size(), size_t(2));
    QCOMPARE(log->Segments()[0].base_offset.value, 4);
    auto r = log->Read(Offset(4), 1000, Offset(INT64_MAX), true);
    QVERIFY(r->offset_out_of_range);
    r = log->Read(Offset(5), 1, Offset(INT64_MAX), true);
    QCOMPARE(BaseOffsets(ReadAllBytes(*r)), (std::vector<int64_t>{4}));
    QCOMPARE(log->leader_epochs().Entries().front(), (EpochEntry{2, 5}));
  }

  void truncateToAndEpochs() {
    QTemporaryDir tmp;
    LogConfig cfg;
    const auto b = SimpleBatch(2, 1000, 100);
    cfg.segment_bytes = static_cast<int32_t>(b.size() * 2);
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    for (int i = 0; i < 6; ++i) QVERIFY(log->AppendAsLeader(b, LeaderEpoch(i / 2)).ok());
    QCOMPARE(log->leader_epochs().EndOffsetForEpoch(1, 12), (std::pair<int32_t, int64_t>(1, 8)));
    QVERIFY(log->TruncateTo(Offset(6)).ok());
    QCOMPARE(log->LogEndOffset().value, 6);
    QCOMPARE(log->Segments().size(), size_t(2));
    QCOMPARE(log->leader_epochs().Entries(), (std::vector<EpochEntry>{{0, 0}, {1, 4}}));
    auto a = log->AppendAsFollower(WithOffsets(b, 6, 5));
    QVERIFY(a.ok());
    QCOMPARE(log->LogEndOffset().value, 8);
    QVERIFY(!log->AppendAsFollower(WithOffsets(b, 7, 5)).ok());  // overlaps
    QVERIFY(log->TruncateFullyAndStartAt(Offset(100)).ok());
    QCOMPARE(log->LogStartOffset().value, 100);
    QCOMPARE(log->LogEndOffset().value, 100);
    QVERIFY(log->AppendAsLeader(b, LeaderEpoch(6)).ok());
    QCOMPARE(log->Segments()[0].base_offset.value, 100);
  }

  void readsRunConcurrentlyWithAppends() {
    QTemporaryDir tmp;
    LogConfig cfg;
    cfg.segment_bytes = 4096;
    cfg.index_interval_bytes = 256;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    std::atomic<bool> done{false};
    std::atomic<int> bad{0};
    std::thread reader([&] {
      while (!done) {
        const Offset leo = log->LogEndOffset();
        auto r = log->Read(Offset(0) + (leo.value > 0 ? leo.value - 1 : 0), 1 << 16, Offset(INT64_MAX), true);
        if (!r.ok() || (leo.value > 0 && r->bytes == 0 && !r->offset_out_of_range)) ++bad;
      }
    });
    for (int i = 0; i < 500; ++i) QVERIFY(log->AppendAsLeader(SimpleBatch(1, i, 30), LeaderEpoch(0)).ok());
    done = true;
    reader.join();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(log->LogEndOffset().value, 500);
  }

  void logAppendTimeRewritesCrc() {
    QTemporaryDir tmp;
    LogConfig cfg;
    cfg.message_timestamp_type = TimestampType::kLogAppendTime;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    auto a = log->AppendAsLeader(SimpleBatch(3, 5), LeaderEpoch(0));
    QVERIFY(a.ok());
    QVERIFY(a->log_append_time_ms > 1'600'000'000'000);
    auto r = log->Read(Offset(0), 1 << 20, Offset(INT64_MAX), false);
    const auto bytes = ReadAllBytes(*r);
    const auto h = protocol::ReadBatchHeader(bytes.data());
    QVERIFY(h.log_append_time());
    QCOMPARE(h.max_timestamp, a->log_append_time_ms);
    QCOMPARE(h.crc, Crc32c({bytes.data() + 21, bytes.size() - 21}));
  }
};

QTEST_GUILESS_MAIN(TestStorageLog)
#include "test_storage_log.moc"
