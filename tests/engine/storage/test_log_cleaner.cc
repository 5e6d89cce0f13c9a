// Log compaction on real files: the latest record per key survives at its original offset, tombstones live
// one pass plus delete.retention.ms, min.compaction.lag.ms and min.cleanable.dirty.ratio are honoured, the
// active segment is never touched, compressed batches keep their codec, reads through old file handles survive
// a swap, and a crash leaving .cleaned / .swap files loses nothing.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"
#include "engine/storage/log_cleaner.h"
#include "engine/storage/log_manager.h"

using namespace partita;
using namespace partita::storage;
namespace fs = std::filesystem;

namespace {

struct Rec {
  int64_t offset = 0;
  std::string key;
  std::optional<std::string> value;  // nullopt: tombstone
  int64_t timestamp = 0;
  bool operator==(const Rec& o) const {
    return offset == o.offset && key == o.key && value == o.value && timestamp == o.timestamp;
  }
};

// "<prefix><n>", built by append (GCC 12 warns falsely on literal + std::string temporaries).
std::string Name(const char* prefix, int64_t n) {
  std::string s(prefix);
  s.append(std::to_string(n));
  return s;
}

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// One batch; values "<key>@<n>"; nullopt values are tombstones.
std::vector<uint8_t> MakeBatch(const std::vector<std::pair<std::string, std::optional<std::string>>>& records,
                               int64_t ts, protocol::Compression codec = protocol::Compression::kNone) {
  protocol::BatchBuilder::Options o;
  o.compression = codec;
  o.producer_id = 7;
  o.producer_epoch = 0;
  o.base_sequence = 0;
  protocol::BatchBuilder b(o);
  for (const auto& [k, v] : records) {
    std::optional<std::span<const uint8_t>> value;
    if (v) value = Bytes(*v);
    b.Append(ts, Bytes(k), value);
  }
  auto built = b.Build();
  return built.ok() ? *built : std::vector<uint8_t>{};
}

std::vector<Rec> ReadAll(const Log& log, std::vector<protocol::BatchHeader>* headers = nullptr) {
  std::vector<Rec> out;
  int64_t start = log.LogStartOffset().value;
  const int64_t leo = log.LogEndOffset().value;
  while (start < leo) {
    auto r = log.Read(Offset(start), 1 << 20, Offset(leo), true);
    if (!r.ok() || r->regions.empty()) break;
    int64_t next = start;
    for (const FileRegion& region : r->regions) {
      std::vector<uint8_t> buf(static_cast<size_t>(region.length));
      if (!PreadFully(region.file->fd(), buf, region.position, "test").ok()) return out;
      size_t pos = 0;
      while (pos + protocol::kBatchHeaderSize <= buf.size()) {
        const auto h = protocol::ReadBatchHeader(buf.data() + pos);
        if (headers) headers->push_back(h);
        std::span<const uint8_t> batch(buf.data() + pos, h.total_size());
        if (protocol::ComputeBatchCrc(batch) != h.crc) return out;  // every batch must stay valid
        (void)protocol::ForEachRecord(batch, nullptr, [&](const protocol::Record& rec) {
          Rec x;
          x.offset = rec.offset;
          x.key = rec.key ? std::string(rec.key->begin(), rec.key->end()) : "";
          if (rec.value) x.value = std::string(rec.value->begin(), rec.value->end());
          x.timestamp = rec.timestamp;
          out.push_back(x);
          return true;
        });
        next = h.last_offset() + 1;
        pos += h.total_size();
      }
    }
    if (next <= start) break;
    start = next;
  }
  return out;
}

// What compaction must leave: records below `clean_end` reduced to the latest per key (tombstones kept or not),
// everything at or after it untouched.
std::vector<Rec> Expected(const std::vector<Rec>& all, int64_t clean_end, bool keep_tombstones) {
  std::map<std::string, int64_t> latest;
  for (const Rec& r : all)
    if (r.offset < clean_end) latest[r.key] = r.offset;
  std::vector<Rec> out;
  for (const Rec& r : all) {
    if (r.offset >= clean_end) {
      out.push_back(r);
    } else if (latest[r.key] == r.offset && (r.value || keep_tombstones)) {
      out.push_back(r);
    }
  }
  return out;
}

LogConfig CompactConfig() {
  LogConfig c;
  c.segment_bytes = 1024;
  c.index_interval_bytes = 100;
  c.cleanup_compact = true;
  c.cleanup_delete = false;
  c.min_cleanable_dirty_ratio = 0.0;
  c.delete_retention_ms = 10'000;
  return c;
}

std::unique_ptr<Log> OpenLog(const std::string& dir, const LogConfig& cfg = CompactConfig()) {
  auto log = Log::Open(dir, cfg, RecoveryHints{true, 0, 0});
  return log.ok() ? std::move(log).value() : nullptr;
}

// n batches of 3 records over `keys` keys; record i has key k<i % keys>, value "v<i>", timestamp ts0 + i.
void Fill(Log* log, int batches, int keys, int64_t ts0, protocol::Compression codec = protocol::Compression::kNone) {
  for (int b = 0; b < batches; ++b) {
    std::vector<std::pair<std::string, std::optional<std::string>>> recs;
    const int64_t first = log->LogEndOffset().value;
    for (int i = 0; i < 3; ++i) {
      const int64_t n = first + i;
      recs.push_back({Name("k", n % keys), Name("v", n)});
    }
    auto r = log->AppendAsLeader(MakeBatch(recs, ts0 + first, codec), LeaderEpoch(0));
    QVERIFY(r.ok());
  }
}

int64_t ActiveBase(const Log& log) { return log.Segments().back().base_offset.value; }

}  // namespace

class LogCleanerTest : public QObject {
  Q_OBJECT

 private slots:
  void latestValuePerKeyAtOriginalOffsets() {
    QTemporaryDir tmp;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0");
    QVERIFY(log);
    const int64_t ts0 = WallClockMs();
    Fill(log.get(), 60, 5, ts0);
    const auto before = ReadAll(*log);
    QCOMPARE(before.size(), size_t(180));
    const auto segs_before = log->Segments();
    QVERIFY(segs_before.size() > 4);
    const SegmentInfo active = segs_before.back();
    const int64_t leo = log->LogEndOffset().value;

    auto r = log->Clean(WallClockMs());
    QVERIFY2(r.ok(), r.status().ToString().c_str());
    QVERIFY(r->cleaned);
    QCOMPARE(r->end_offset, active.base_offset.value);
    QCOMPARE(log->FirstDirtyOffset().value, active.base_offset.value);
    QVERIFY(r->records_removed > 100);
    const auto after = ReadAll(*log);
    QCOMPARE(after, Expected(before, active.base_offset.value, true));
    // The active segment is untouched; offsets and the log end are unchanged; small segments were merged.
    const auto segs_after = log->Segments();
    QCOMPARE(segs_after.back().base_offset.value, active.base_offset.value);
    QCOMPARE(segs_after.back().size_bytes, active.size_bytes);
    QCOMPARE(log->LogEndOffset().value, leo);

    // Every offset is still a valid fetch position: it answers with the next surviving record.
    for (int64_t off = 0; off < leo; ++off) {
      auto rd = log->Read(Offset(off), 1 << 20, Offset(leo), true);
      QVERIFY(rd.ok() && !rd->regions.empty());
      std::vector<uint8_t> hdr(protocol::kBatchHeaderSize);
      QVERIFY(PreadFully(rd->regions[0].file->fd(), hdr, rd->regions[0].position, "t").ok());
      QVERIFY(protocol::ReadBatchHeader(hdr.data()).last_offset() >= off);
    }
    // The time index still finds records: the first record at or after each surviving record's timestamp.
    for (const Rec& rec : after) {
      auto found = log->OffsetForTimestamp(rec.timestamp);
      QVERIFY(found.ok() && found->found);
      QVERIFY(found->offset.value <= rec.offset);
    }

    // A second pass with nothing new dirty does nothing.
    auto again = log->Clean(WallClockMs());
    QVERIFY(again.ok());
    QVERIFY(!again->cleaned);
    QCOMPARE(ReadAll(*log), after);
    // A forced pass merges the now small segments (groups are formed by size, as Kafka does).
    auto merged = log->Clean(WallClockMs(), true);
    QVERIFY(merged.ok() && merged->cleaned);
    QCOMPARE(ReadAll(*log), after);
    QVERIFY(log->Segments().size() < segs_after.size());
    QCOMPARE(log->Segments().size(), size_t(2));

    // After a reopen (clean shutdown) the data and indexes load as they are.
    QVERIFY(log->Close().ok());
    log = OpenLog(tmp.path().toStdString() + "/t-0");
    QVERIFY(log);
    QCOMPARE(ReadAll(*log), after);
  }

  void tombstonesLiveOnePassPlusDeleteRetention() {
    QTemporaryDir tmp;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0");
    QVERIFY(log);
    const int64_t t0 = WallClockMs();
    Fill(log.get(), 20, 4, t0);
    // Delete k1 and k2, then fill more so the tombstones land in closed segments.
    QVERIFY(log->AppendAsLeader(MakeBatch({{"k1", std::nullopt}, {"k2", std::nullopt}}, t0 + 100), LeaderEpoch(0)).ok());
    while (ActiveBase(*log) <= 61) Fill(log.get(), 1, 1, t0 + 200);  // key k0 only, until the tombstones are closed
    const auto before = ReadAll(*log);
    const int64_t clean_end = ActiveBase(*log);

    auto r1 = log->Clean(t0 + 1000);
    QVERIFY(r1.ok() && r1->cleaned);
    auto after1 = ReadAll(*log);
    QCOMPARE(after1, Expected(before, clean_end, true));
    int tombstones = 0;
    for (const Rec& r : after1) tombstones += r.value ? 0 : 1;
    QCOMPARE(tombstones, 2);  // the first pass keeps them and starts their delete.retention.ms clock

    // Before the horizon (pass time + 10 s) a forced pass keeps them; after it a pass removes them unforced.
    auto r2 = log->Clean(t0 + 1000 + 9'000, /*force=*/true);
    QVERIFY(r2.ok() && r2->cleaned);
    QCOMPARE(r2->tombstones_removed, int64_t(0));
    QCOMPARE(ReadAll(*log), after1);
    auto r3 = log->Clean(t0 + 1000 + 10'001);
    QVERIFY(r3.ok() && r3->cleaned);
    QCOMPARE(r3->tombstones_removed, int64_t(2));
    const auto after3 = ReadAll(*log);
    QCOMPARE(after3, Expected(before, clean_end, false));
    for (const Rec& r : after3) QVERIFY(r.key != "k1" && r.key != "k2");
  }

  void minCompactionLagAndDirtyRatio() {
    QTemporaryDir tmp;
    LogConfig cfg = CompactConfig();
    cfg.min_compaction_lag_ms = 3'600'000;
    cfg.min_cleanable_dirty_ratio = 0.5;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    QVERIFY(log);
    const int64_t t0 = WallClockMs();
    Fill(log.get(), 40, 3, t0);
    const auto before = ReadAll(*log);
    auto young = log->Clean(t0 + 1000);
    QVERIFY(young.ok());
    QVERIFY(!young->cleaned);  // every record is younger than min.compaction.lag.ms
    QCOMPARE(ReadAll(*log), before);
    auto old = log->Clean(t0 + 2 * 3'600'000);
    QVERIFY(old.ok() && old->cleaned);
    QCOMPARE(ReadAll(*log), Expected(before, old->end_offset, true));

    // Now the log is mostly clean: one more closed segment of dirty data is below the 0.9 ratio.
    cfg.min_compaction_lag_ms = 0;
    cfg.min_cleanable_dirty_ratio = 0.9;
    log->UpdateConfig(cfg);
    const int64_t active = ActiveBase(*log);
    while (ActiveBase(*log) == active) Fill(log.get(), 1, 3, t0);
    auto lazy = log->Clean(t0 + 3 * 3'600'000);
    QVERIFY(lazy.ok());
    QVERIFY(!lazy->cleaned);
    QVERIFY(lazy->dirty_ratio > 0 && lazy->dirty_ratio < 0.9);
    cfg.min_cleanable_dirty_ratio = 0.01;
    log->UpdateConfig(cfg);
    auto eager = log->Clean(t0 + 3 * 3'600'000);
    QVERIFY(eager.ok() && eager->cleaned);
  }

  void compressedBatchesKeepTheirCodec() {
    for (auto codec : {protocol::Compression::kGzip, protocol::Compression::kZstd, protocol::Compression::kLz4,
                       protocol::Compression::kSnappy}) {
      QTemporaryDir tmp;
      auto log = OpenLog(tmp.path().toStdString() + "/t-0");
      QVERIFY(log);
      Fill(log.get(), 80, 4, WallClockMs(), codec);
      const auto before = ReadAll(*log);
      auto r = log->Clean(WallClockMs());
      QVERIFY2(r.ok() && r->cleaned, r.ok() ? "not cleaned" : r.status().ToString().c_str());
      std::vector<protocol::BatchHeader> headers;
      QCOMPARE(ReadAll(*log, &headers), Expected(before, r->end_offset, true));
      for (const auto& h : headers) {
        QVERIFY(h.compression() == codec);
        QCOMPARE(h.producer_id, int64_t(7));
        QCOMPARE(h.last_offset_delta, 2);  // batches keep their offset range
      }
    }
  }

  void keylessRecordsAreDroppedAndRetentionIsOff() {
    QTemporaryDir tmp;
    LogConfig cfg = CompactConfig();
    cfg.retention_ms = 1;
    cfg.retention_bytes = 1;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0", cfg);
    QVERIFY(log);
    const int64_t t0 = WallClockMs();
    Fill(log.get(), 30, 2, t0);
    // compact alone: retention.ms / retention.bytes do not delete anything.
    auto deleted = log->ApplyRetention(t0 + 1'000'000);
    QVERIFY(deleted.ok());
    QCOMPARE(*deleted, 0);
    cfg.cleanup_delete = true;  // compact,delete: both
    log->UpdateConfig(cfg);
    deleted = log->ApplyRetention(t0 + 1'000'000);
    QVERIFY(deleted.ok() && *deleted > 0);
  }

  void readsOfOldSegmentsSurviveASwap() {
    QTemporaryDir tmp;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0");
    QVERIFY(log);
    Fill(log.get(), 40, 2, WallClockMs());
    auto region = log->Read(Offset(0), 1 << 20, log->LogEndOffset(), true);
    QVERIFY(region.ok() && region->regions.size() == 1);
    const FileRegion old = region->regions[0];
    std::vector<uint8_t> before(static_cast<size_t>(old.length));
    QVERIFY(PreadFully(old.file->fd(), before, old.position, "t").ok());
    auto r = log->Clean(WallClockMs());
    QVERIFY(r.ok() && r->cleaned);
    // The in-flight region (as a queued sendfile would hold it) still reads the old bytes.
    std::vector<uint8_t> again(before.size());
    QVERIFY(PreadFully(old.file->fd(), again, old.position, "t").ok());
    QVERIFY(again == before);
    // New reads see the cleaned segment.
    auto fresh = log->Read(Offset(0), 1 << 20, log->LogEndOffset(), true);
    QVERIFY(fresh.ok() && fresh->regions[0].file != old.file);
  }

  void concurrentAppendsWhileCleaning() {
    QTemporaryDir tmp;
    auto log = OpenLog(tmp.path().toStdString() + "/t-0");
    QVERIFY(log);
    const int64_t t0 = WallClockMs();
    std::atomic<bool> done{false};
    std::thread writer([&] {
      for (int i = 0; i < 400; ++i) {
        const int64_t n = log->LogEndOffset().value;
        (void)log->AppendAsLeader(MakeBatch({{Name("k", n % 7), Name("v", n)}}, t0 + n),
                                  LeaderEpoch(0));
      }
      done = true;
    });
    int passes = 0;
    while (!done) {
      auto r = log->Clean(WallClockMs(), true);
      QVERIFY2(r.ok(), r.status().ToString().c_str());
      passes += r->cleaned ? 1 : 0;
      (void)ReadAll(*log);
    }
    writer.join();
    QCOMPARE(log->LogEndOffset().value, int64_t(400));
    auto r = log->Clean(WallClockMs(), true);
    QVERIFY(r.ok());
    // The latest value of every key is still there, values still match their offsets.
    const auto after = ReadAll(*log);
    std::map<std::string, int64_t> last;
    for (const Rec& x : after) {
      QCOMPARE(*x.value, Name("v", x.offset));
      last[x.key] = x.offset;
    }
    for (int k = 0; k < 7; ++k) QCOMPARE(last[Name("k", k)], int64_t(399 - ((399 - k) % 7)));
    QVERIFY(passes > 0);
  }

  void crashLeftoversAreRecovered() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    const std::string copy = tmp.path().toStdString() + "/c-0";
    auto log = OpenLog(dir);
    QVERIFY(log);
    Fill(log.get(), 40, 3, WallClockMs());
    QVERIFY(log->Close().ok());
    fs::copy(dir, copy);  // the uncleaned state
    const auto original = ReadAll(*OpenLog(copy));
    log = OpenLog(dir);
    auto r = log->Clean(WallClockMs());
    QVERIFY(r.ok() && r->cleaned);
    const auto cleaned = ReadAll(*log);
    const auto segs = log->Segments();
    const int64_t first_group_end = segs[1].base_offset.value;
    QVERIFY(log->Close().ok());
    const std::string cleaned_log = SegmentFileName(dir, 0, kLogSuffix);

    // 1. Crash while writing .cleaned: it is deleted, the old segments are intact.
    {
      const std::string d = tmp.path().toStdString() + "/a-0";
      fs::copy(copy, d);
      fs::copy_file(cleaned_log, SegmentFileName(d, 0, ".log.cleaned"));
      fs::copy_file(cleaned_log, SegmentFileName(d, 0, ".index.cleaned"));
      auto l = OpenLog(d);
      QVERIFY(l);
      QCOMPARE(ReadAll(*l), original);
      QVERIFY(!fs::exists(SegmentFileName(d, 0, ".log.cleaned")));
      QVERIFY(!fs::exists(SegmentFileName(d, 0, ".index.cleaned")));
    }
    // 2. Crash after the rename to .swap (old segments still there, or some already unlinked): the swap is
    //    completed and its indexes rebuilt.
    for (bool old_unlinked : {false, true}) {
      const std::string d = tmp.path().toStdString() + (old_unlinked ? "/b-0" : "/s-0");
      fs::copy(copy, d);
      fs::copy_file(cleaned_log, SegmentFileName(d, 0, ".log.swap"));
      fs::copy_file(cleaned_log, SegmentFileName(d, 0, ".timeindex.swap"));  // junk: must be deleted
      if (old_unlinked) {
        fs::remove(SegmentFileName(d, 0, kLogSuffix));
        fs::remove(SegmentFileName(d, 0, kIndexSuffix));
      }
      auto l = Log::Open(d, CompactConfig(), RecoveryHints{false, 0, 0});
      QVERIFY2(l.ok(), l.ok() ? "" : l.status().ToString().c_str());
      std::vector<Rec> expect;
      for (const Rec& x : cleaned)
        if (x.offset < first_group_end) expect.push_back(x);
      for (const Rec& x : original)
        if (x.offset >= first_group_end) expect.push_back(x);
      QCOMPARE(ReadAll(**l), expect);
      QVERIFY(!fs::exists(SegmentFileName(d, 0, ".log.swap")));
      QVERIFY(!fs::exists(SegmentFileName(d, 0, ".timeindex.swap")));
      QVERIFY((*l)->Flush().ok());  // rebuilt indexes reach their files at a flush (index_file.h)
      QVERIFY(fs::exists(SegmentFileName(d, 0, kIndexSuffix)));
      QVERIFY(fs::exists(SegmentFileName(d, 0, kTimeIndexSuffix)));
      QCOMPARE((*l)->LogEndOffset().value, int64_t(120));
    }
  }

  void logManagerCheckpointsTheCleanerOffset() {
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    LogManagerConfig mc;
    mc.log_dirs = {root};
    mc.default_log_config = CompactConfig();
    mc.topic_config = [](const std::string& topic) {
      LogConfig c = CompactConfig();
      c.cleanup_compact = topic == "t";
      return c;
    };
    int64_t first_dirty = 0;
    {
      auto mgr = LogManager::Open(mc);
      QVERIFY(mgr.ok());
      auto log = (*mgr)->GetOrCreateLog(TopicPartition{"t", PartitionId(0)}, CompactConfig());
      QVERIFY(log.ok());
      Fill(log->get(), 40, 3, WallClockMs());
      LogConfig plain = CompactConfig();
      plain.cleanup_compact = false;
      auto other = (*mgr)->GetOrCreateLog(TopicPartition{"u", PartitionId(0)}, plain);
      QVERIFY(other.ok());
      Fill(other->get(), 40, 3, WallClockMs());
      const int64_t other_size = (*other)->SizeInBytes();
      QCOMPARE((*mgr)->CleanLogs(WallClockMs()), 1);
      QCOMPARE((*other)->SizeInBytes(), other_size);  // delete policy: never compacted
      first_dirty = (*log)->FirstDirtyOffset().value;
      QVERIFY(first_dirty > 0);
      auto cp = ReadOffsetCheckpoint(root + "/" + kCleanerOffsetCheckpointFile);
      QVERIFY(cp.ok());
      QCOMPARE(cp->size(), size_t(1));
      QCOMPARE(cp->at(TopicPartition{"t", PartitionId(0)}), first_dirty);
      QVERIFY((*mgr)->Shutdown(true).ok());
    }
    auto mgr = LogManager::Open(mc);
    QVERIFY(mgr.ok());
    auto log = (*mgr)->GetLog(TopicPartition{"t", PartitionId(0)});
    QVERIFY(log);
    QCOMPARE(log->FirstDirtyOffset().value, first_dirty);
    QCOMPARE((*mgr)->CleanLogs(WallClockMs()), 0);  // nothing dirty since the checkpoint
    QVERIFY((*mgr)->Shutdown(true).ok());
  }
};

QTEST_GUILESS_MAIN(LogCleanerTest)
#include "test_log_cleaner.moc"
