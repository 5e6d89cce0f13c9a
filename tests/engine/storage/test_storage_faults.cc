// Storage faults that must not be silent (issue 9, items 8 and 9), on real files:
//  - a corrupt .index / .timeindex entry that is still in order is detected (the last entry at load, any
//    entry when a lookup uses it), logged with the file and entry, the index rebuilt from the log, and reads
//    answer the right records;
//  - the recovery point advances and is checkpointed on every roll, so an unclean restart scans only the
//    newest segment: a corrupt batch below the recovery point drops nothing, one in the unflushed tail drops
//    only that range, and recovery logs which segments and offsets it drops.
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "engine/common/endian.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"
#include "engine/storage/log_manager.h"
#include "tests/engine/storage/batch_fixture.h"

using namespace partita;
using namespace partita::storage;
using namespace partita::storage::testing;

namespace {

// Routes spdlog's default logger into a string for the lifetime of the object.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() {
    spdlog::default_logger()->flush();
    return out_.str();
  }
  bool Has(const std::string& needle) { return text().find(needle) != std::string::npos; }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

std::unique_ptr<Log> OpenLog(const std::string& dir, const LogConfig& cfg, RecoveryHints hints = {true, 0, 0}) {
  auto log = Log::Open(dir, cfg, hints);
  if (!log.ok()) qFatal("open: %s", log.status().ToString().c_str());
  return std::move(log).value();
}

// Base offsets of the batches a read returns.
std::vector<int64_t> ReadBases(const Log& log, int64_t offset, int32_t max_bytes = 1) {
  auto r = log.Read(Offset(offset), max_bytes, Offset(INT64_MAX), true);
  if (!r.ok()) return {-100};  // a read error: never a valid base offset
  std::vector<int64_t> out;
  for (const auto& region : r->regions) {
    auto bytes = PreadAll(region.file->fd(), region.position, region.length);
    for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= bytes.size();) {
      const auto h = protocol::ReadBatchHeader(bytes.data() + pos);
      out.push_back(h.base_offset);
      pos += h.total_size();
    }
  }
  return out;
}

void PatchBe32(const std::string& path, int64_t at, uint32_t value) {
  uint8_t b[4];
  StoreBe32(b, value);
  const int fd = ::open(path.c_str(), O_RDWR);
  QVERIFY(fd >= 0);
  QCOMPARE(::pwrite(fd, b, 4, at), ssize_t(4));
  ::close(fd);
}

void FlipByte(const std::string& path, int64_t at) {
  const int fd = ::open(path.c_str(), O_RDWR);
  QVERIFY(fd >= 0);
  uint8_t byte = 0;
  QCOMPARE(::pread(fd, &byte, 1, at), ssize_t(1));
  byte ^= 0xFF;
  QCOMPARE(::pwrite(fd, &byte, 1, at), ssize_t(1));
  ::close(fd);
}

constexpr const char* kIndex = "/00000000000000000000.index";
constexpr const char* kTimeIndex = "/00000000000000000000.timeindex";

// 20 appends of one 2-record batch each (batch k holds offsets 2k, 2k+1, timestamps 1000+10k and +1) with an
// index entry per append after the first: offset entry i is (2i+3, (i+1)*batch size), time entry i is
// (1000+10(i+1)+1, 2i+3).
int64_t WriteTwentyBatches(const std::string& dir, const LogConfig& cfg) {
  auto log = OpenLog(dir, cfg);
  int64_t batch_size = 0;
  for (int k = 0; k < 20; ++k) {
    const auto b = SimpleBatch(2, 1000 + 10 * k, 80);
    batch_size = static_cast<int64_t>(b.size());
    if (!log->AppendAsLeader(b, LeaderEpoch(0)).ok()) qFatal("append failed");
  }
  if (log->Segments()[0].index_entries != 19) qFatal("expected 19 index entries");
  if (!log->Close().ok()) qFatal("close failed");
  return batch_size;
}

bool WaitFor(const std::function<bool()>& condition, int timeout_ms = 10000) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace

class TestStorageFaults : public QObject {
  Q_OBJECT
 private slots:
  void corruptInOrderOffsetIndexEntry_data() {
    QTest::addColumn<int>("slot");
    QTest::addColumn<int>("shift");  // bytes added to the entry's position
    QTest::addColumn<bool>("at_load");
    QTest::addColumn<QString>("why");
    // Every damaged entry keeps offsets increasing and positions non-decreasing: the old sanity check passes.
    QTest::newRow("last entry off a batch boundary") << 18 << 7 << true << "does not point at a batch boundary";
    QTest::newRow("middle entry off a batch boundary") << 5 << 10 << false << "does not point at a batch boundary";
    QTest::newRow("middle entry at the next batch") << 5 << -1 << false << "points at the batch of offsets 14..15";
  }
  void corruptInOrderOffsetIndexEntry() {
    QFETCH(int, slot);
    QFETCH(int, shift);
    QFETCH(bool, at_load);
    QFETCH(QString, why);
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.index_interval_bytes = 100;
    const int64_t bs = WriteTwentyBatches(dir, cfg);
    // Entry `slot` is (2*slot+3, (slot+1)*bs); -1 means "the next batch's position" (a real boundary whose
    // batch holds later offsets than the entry names).
    const int64_t position = (slot + 1) * bs + (shift >= 0 ? shift : bs);
    PatchBe32(dir + kIndex, slot * 8 + 4, static_cast<uint32_t>(position));

    LogCapture capture;
    auto log = OpenLog(dir, cfg);  // clean shutdown: only the checks can notice
    const std::string entry = std::string(kIndex).substr(1) + " entry " + std::to_string(slot);
    QCOMPARE(capture.Has(entry), at_load);
    // Every offset is served with the right batch (the affected range first), before and after the rebuild.
    const int64_t affected = 2 * slot + 2;
    QCOMPARE(ReadBases(*log, affected), std::vector<int64_t>{affected});
    QCOMPARE(ReadBases(*log, affected + 1), std::vector<int64_t>{affected});
    const std::string logged = capture.text();
    qInfo("%s", logged.c_str());
    QVERIFY2(logged.find(entry) != std::string::npos, logged.c_str());
    QVERIFY2(logged.find(why.toStdString()) != std::string::npos, logged.c_str());
    // Found at load: rebuilt while loading; found by a read: rebuilt right after that read.
    const std::string rebuilt = at_load ? "the indexes will be rebuilt from the log" : "rebuilt the indexes of";
    QVERIFY2(logged.find(rebuilt) != std::string::npos, logged.c_str());
    for (int64_t off = 0; off < 40; ++off) QCOMPARE(ReadBases(*log, off), std::vector<int64_t>{off / 2 * 2});
    QCOMPARE(log->Segments()[0].index_entries, int64_t(19));
    QVERIFY(log->Close().ok());
    // The rebuilt index was written to disk: entry `slot` is right again.
    auto idx = ReadWholeFile(dir + kIndex);
    QVERIFY(idx.ok());
    QCOMPARE(LoadBe32(reinterpret_cast<const uint8_t*>(idx->data()) + slot * 8 + 4), uint32_t((slot + 1) * bs));
  }

  void corruptInOrderTimeIndexEntry() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.index_interval_bytes = 100;
    WriteTwentyBatches(dir, cfg);
    // Time entry 5 is (1061, 13); pointing it at offset 15 (entry 6's) keeps the file in order but would make
    // a lookup for 1061 skip batch 12 (timestamps 1060, 1061).
    PatchBe32(dir + kTimeIndex, 5 * 12 + 8, 15);
    LogCapture capture;
    auto log = OpenLog(dir, cfg);
    auto found = log->OffsetForTimestamp(1061);
    QVERIFY(found.ok());
    QVERIFY(found->found);
    QCOMPARE(found->offset.value, int64_t(13));
    QCOMPARE(found->timestamp, int64_t(1061));
    const std::string logged = capture.text();
    QVERIFY2(logged.find("time index") != std::string::npos &&
                 logged.find("(timestamp 1061, offset 15) does not match") != std::string::npos,
             logged.c_str());
    QVERIFY2(logged.find("rebuilt the indexes of") != std::string::npos, logged.c_str());
    for (int k = 0; k < 20; ++k) {
      auto f = log->OffsetForTimestamp(1000 + 10 * k + 1);
      QVERIFY(f.ok() && f->found);
      QCOMPARE(f->offset.value, int64_t(2 * k + 1));
    }
  }

  // A damaged last time index entry is found at load (Kafka's sanity check covers the last entry).
  void corruptLastTimeIndexEntryAtLoad() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.index_interval_bytes = 100;
    WriteTwentyBatches(dir, cfg);
    auto ti = ReadWholeFile(dir + kTimeIndex);
    QVERIFY(ti.ok());
    const int64_t last = static_cast<int64_t>(ti->size()) / 12 - 1;
    PatchBe32(dir + kTimeIndex, last * 12 + 8, 200);  // an offset past the log end (39)
    LogCapture capture;
    auto log = OpenLog(dir, cfg);
    QVERIFY2(capture.Has("names an offset past the end of the log"), capture.text().c_str());
    QVERIFY2(capture.Has("the indexes will be rebuilt from the log"), capture.text().c_str());
    QCOMPARE(log->LogEndOffset().value, int64_t(40));
    auto f = log->OffsetForTimestamp(1191);
    QVERIFY(f.ok() && f->found);
    QCOMPARE(f->offset.value, int64_t(39));
  }

  // The recovery point moves with each roll and reaches recovery-point-offset-checkpoint without waiting for
  // the 60 s checkpoint interval; a crash image then recovers only the newest segment.
  void recoveryPointCheckpointedOnRoll_data() {
    QTest::addColumn<bool>("damage_old");
    QTest::newRow("corrupt batch below the recovery point") << true;
    QTest::newRow("corrupt batch in the unflushed tail") << false;
  }
  void recoveryPointCheckpointedOnRoll() {
    QFETCH(bool, damage_old);
    QTemporaryDir tmp;
    const std::string live = tmp.path().toStdString() + "/live";
    const std::string crash = tmp.path().toStdString() + "/crash";
    LogManagerConfig mc;
    mc.log_dirs = {live};
    mc.broker_id = 1;
    mc.cluster_id = "c";
    mc.cleaner_enable = false;
    mc.default_log_config.segment_bytes = 4096;
    const TopicPartition tp{"events", PartitionId(0)};
    const auto batch = SimpleBatch(4, 5000, 200);  // ~1 KB: a roll every 3 batches
    int64_t active_base = 0;
    std::vector<SegmentInfo> segments;
    {
      auto mgr = LogManager::Open(mc);
      QVERIFY(mgr.ok());
      (*mgr)->Start();
      auto log = (*mgr)->GetOrCreateLog(tp, mc.default_log_config);
      QVERIFY(log.ok());
      for (int i = 0; i < 30; ++i) QVERIFY((*log)->AppendAsLeader(batch, LeaderEpoch(0)).ok());
      segments = (*log)->Segments();
      QVERIFY(segments.size() >= 8);
      active_base = segments.back().base_offset.value;
      QCOMPARE((*log)->RecoveryPoint().value, active_base);
      const std::string checkpoint = live + "/" + kRecoveryPointCheckpointFile;
      QVERIFY2(WaitFor([&] {
                 auto cp = ReadOffsetCheckpoint(checkpoint);
                 return cp.ok() && cp->count(tp) && cp->at(tp) == active_base;
               }),
               "recovery-point-offset-checkpoint did not reach the active segment's base offset");
      // kill -9 image: the files as they are now, with no clean-shutdown marker.
      std::filesystem::copy(live, crash, std::filesystem::copy_options::recursive);
      QVERIFY((*mgr)->Shutdown(false).ok());
    }
    QVERIFY(!HasCleanShutdownMarker(crash));
    const std::string pdir = crash + "/events-0";
    const int64_t bs = static_cast<int64_t>(batch.size());
    int64_t expect_leo = 120;
    if (damage_old) {
      // The second batch of the second segment: far below the recovery point.
      FlipByte(SegmentFileName(pdir, segments[1].base_offset.value, kLogSuffix), bs + 40);
    } else {
      // The second batch of the active segment (after the recovery point): it and what follows go.
      FlipByte(SegmentFileName(pdir, active_base, kLogSuffix), bs + 40);
      expect_leo = active_base + 4;
    }
    LogCapture capture;
    mc.log_dirs = {crash};
    auto mgr = LogManager::Open(mc);
    QVERIFY(mgr.ok());
    auto log = (*mgr)->GetLog(tp);
    QVERIFY(log);
    const std::string logged = capture.text();
    qInfo("%s", logged.c_str());
    QCOMPARE(log->LogEndOffset().value, expect_leo);
    QCOMPARE(log->Segments().size(), segments.size());
    QVERIFY2(logged.find("recovering 1 of " + std::to_string(segments.size()) + " segment(s) from offset " +
                         std::to_string(active_base)) != std::string::npos,
             logged.c_str());
    if (damage_old) {
      QCOMPARE(log->bytes_truncated_by_recovery(), int64_t(0));
      QVERIFY2(logged.find("recovery dropped") == std::string::npos, logged.c_str());
      // Everything but the damaged batch reads back.
      for (int64_t off = 0; off < 120; off += 4) {
        if (off == segments[1].base_offset.value + 4) continue;
        QCOMPARE(ReadBases(*log, off), std::vector<int64_t>{off});
      }
    } else {
      QCOMPARE(log->bytes_truncated_by_recovery(), 120 / 4 * bs - (active_base / 4 + 1) * bs);
      QVERIFY2(logged.find("recovery dropped offsets " + std::to_string(active_base + 4) + "..end") !=
                   std::string::npos,
               logged.c_str());
      for (int64_t off = 0; off < expect_leo; off += 4) QCOMPARE(ReadBases(*log, off), std::vector<int64_t>{off});
    }
    QVERIFY((*mgr)->Shutdown(false).ok());
  }

  // Without a usable recovery point, a corrupt batch in an old segment drops every later segment (Kafka's
  // rule); each dropped segment and the offset range are logged.
  void recoveryLogsDroppedSegments() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    LogConfig cfg;
    cfg.segment_bytes = 4096;
    const auto batch = SimpleBatch(4, 5000, 200);
    const int64_t bs = static_cast<int64_t>(batch.size());
    std::vector<SegmentInfo> segments;
    {
      auto log = OpenLog(dir, cfg);
      for (int i = 0; i < 14; ++i) QVERIFY(log->AppendAsLeader(batch, LeaderEpoch(0)).ok());
      segments = log->Segments();
      QVERIFY(log->Close().ok());
    }
    QVERIFY(segments.size() >= 4);
    FlipByte(SegmentFileName(dir, segments[1].base_offset.value, kLogSuffix), bs + 40);
    LogCapture capture;
    auto log = OpenLog(dir, cfg, RecoveryHints{false, 0, 0});
    const std::string logged = capture.text();
    qInfo("%s", logged.c_str());
    const int64_t cut = segments[1].base_offset.value + 4;
    QCOMPARE(log->LogEndOffset().value, cut);
    QCOMPARE(log->Segments().size(), size_t(2));
    for (size_t i = 2; i < segments.size(); ++i) {
      const std::string name = std::filesystem::path(SegmentFileName(dir, segments[i].base_offset.value, kLogSuffix))
                                   .filename()
                                   .string();
      QVERIFY2(logged.find("recovery deleted segment") != std::string::npos && logged.find(name) != std::string::npos,
               logged.c_str());
    }
    QVERIFY2(logged.find("recovery dropped offsets " + std::to_string(cut) + "..55") != std::string::npos,
             logged.c_str());
  }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "test_storage_faults.moc"
