// ProducerStateManager persistence: Kafka-format snapshot files, corrupt snapshots, and rebuilding the state
// from a real storage::Log (several segments on disk) filled with idempotent batches built by BatchBuilder.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/broker/producer_state.h"
#include "engine/broker/producer_state_snapshot.h"
#include "engine/common/crc32c.h"
#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"

using namespace partita;
using namespace partita::broker;
using protocol::BatchHeader;
using protocol::ErrorCode;
using Kind = AppendCheck::Kind;

namespace {

constexpr int64_t kNow = 1'700'000'000'000;  // batch timestamps are near this, so nothing expires by default

std::vector<uint8_t> IdempotentBatch(int64_t pid, int16_t epoch, int32_t seq, int records, int64_t ts) {
  protocol::BatchBuilder::Options o;
  o.producer_id = pid;
  o.producer_epoch = epoch;
  o.base_sequence = seq;
  protocol::BatchBuilder b(o);
  const std::string value(120, 'v');
  for (int i = 0; i < records; ++i)
    b.Append(ts + i, std::nullopt, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  auto built = b.Build();
  if (!built.ok()) qFatal("build: %s", built.status().ToString().c_str());
  return std::move(built).value();
}

std::unique_ptr<storage::Log> OpenLog(const std::string& dir, int32_t segment_bytes = 2048) {
  storage::LogConfig cfg;
  cfg.segment_bytes = segment_bytes;
  auto log = storage::Log::Open(dir, cfg, storage::RecoveryHints{true, 0, 0});
  if (!log.ok()) qFatal("open: %s", log.status().ToString().c_str());
  return std::move(log).value();
}

struct Sent {
  BatchHeader header;  // as the producer sent it (base offset 0)
  int64_t base_offset;
};

// A leader: checks each batch with the live manager, appends it to the real log, reports it.
class Leader {
 public:
  Leader(storage::Log& log, ProducerStateManager& state) : log_(log), state_(state) {}

  AppendCheck Produce(int64_t pid, int16_t epoch, int32_t seq, int records) {
    const auto bytes = IdempotentBatch(pid, epoch, seq, records, kNow + (ts_++) * 10);
    BatchHeader h = protocol::ReadBatchHeader(bytes.data());
    auto check = state_.CheckBatch(h);
    if (!check.ok()) qFatal("check: %s", check.status().ToString().c_str());
    if (check->kind != Kind::kAppend) return *check;
    auto info = log_.AppendAsLeader(bytes, LeaderEpoch(0));
    if (!info.ok()) qFatal("append: %s", info.status().ToString().c_str());
    const BatchHeader original = h;
    h.base_offset = info->first_offset.value;
    state_.OnAppended(h, info->last_offset.value, h.max_timestamp);
    sent_[pid].push_back({original, h.base_offset});
    return *check;
  }
  void ProduceNonIdempotent(int records) {
    const auto bytes = IdempotentBatch(-1, -1, -1, records, kNow);
    if (!log_.AppendAsLeader(bytes, LeaderEpoch(0)).ok()) qFatal("append");
  }
  const std::vector<Sent>& sent(int64_t pid) { return sent_[pid]; }

 private:
  storage::Log& log_;
  ProducerStateManager& state_;
  std::map<int64_t, std::vector<Sent>> sent_;
  int64_t ts_ = 0;
};

AppendCheck Check(const ProducerStateManager& m, const BatchHeader& h) {
  auto r = m.CheckBatch(h);
  if (!r.ok()) qFatal("CheckBatch failed: %s", r.status().ToString().c_str());
  return *r;
}

BatchHeader Next(const Sent& last, int records = 1) {
  BatchHeader h = last.header;
  h.base_sequence = IncrementSequence(last.header.base_sequence, last.header.last_offset_delta + 1);
  h.last_offset_delta = records - 1;
  return h;
}

// The last `n` batches of a producer are duplicates with their original offsets; the one before is out of
// order; the next sequence appends.
void VerifyLastBatches(const ProducerStateManager& m, const std::vector<Sent>& sent, size_t n) {
  QVERIFY(sent.size() > n);
  for (size_t i = sent.size() - n; i < sent.size(); ++i) {
    const AppendCheck c = Check(m, sent[i].header);
    QCOMPARE(c.kind, Kind::kDuplicate);
    QCOMPARE(c.duplicate_base_offset, sent[i].base_offset);
  }
  QCOMPARE(Check(m, sent[sent.size() - n - 1].header).error, ErrorCode::kOutOfOrderSequenceNumber);
  QCOMPARE(Check(m, Next(sent.back())).kind, Kind::kAppend);
}

// Stops the calling test at the first failed expectation inside the helper.
#define VERIFY_LAST_BATCHES(m, sent, n)     \
  do {                                      \
    VerifyLastBatches(m, sent, n);          \
    if (QTest::currentTestFailed()) return; \
  } while (0)

std::string ReadFile(const std::string& path) {
  auto r = storage::ReadWholeFile(path);
  return r.ok() ? *r : std::string();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

class TestProducerStatePersistence : public QObject {
  Q_OBJECT
 private slots:
  void snapshotFileHasKafkaLayout() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    ProducerStateManager m(dir);
    BatchHeader a;
    a.producer_id = 77;
    a.producer_epoch = 3;
    a.base_sequence = 10;
    a.last_offset_delta = 4;
    a.base_offset = 200;
    a.max_timestamp = kNow + 5;
    m.OnFollowerAppend(a);
    BatchHeader b = a;
    b.producer_id = 5;
    b.producer_epoch = 0;
    b.base_sequence = 0;
    b.last_offset_delta = 0;
    b.base_offset = 205;
    b.attributes = 0x10;  // transactional: open transaction at 205
    m.OnFollowerAppend(b);
    QVERIFY(m.TakeSnapshot(206).ok());

    const std::string path = dir + "/00000000000000000206.snapshot";
    QVERIFY(std::filesystem::exists(path));
    QCOMPARE(m.SnapshotOffsets(), std::vector<int64_t>{206});
    const std::string bytes = ReadFile(path);
    QCOMPARE(bytes.size(), size_t(2 + 4 + 4 + 2 * 46));
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    QCOMPARE(LoadBe16(p), uint16_t(1));  // version
    QCOMPARE(LoadBe32(p + 2), Crc32c({p + 6, bytes.size() - 6}));
    QCOMPARE(LoadBe32(p + 6), uint32_t(2));
    // Entries sorted by producer id: 5 first.
    const uint8_t* e = p + 10;
    QCOMPARE(int64_t(LoadBe64(e)), int64_t(5));
    QCOMPARE(int16_t(LoadBe16(e + 8)), int16_t(0));        // epoch
    QCOMPARE(int32_t(LoadBe32(e + 10)), int32_t(0));       // last sequence
    QCOMPARE(int64_t(LoadBe64(e + 14)), int64_t(205));     // last offset
    QCOMPARE(int32_t(LoadBe32(e + 22)), int32_t(0));       // offset delta
    QCOMPARE(int64_t(LoadBe64(e + 26)), kNow + 5);         // timestamp
    QCOMPARE(int32_t(LoadBe32(e + 34)), int32_t(-1));      // coordinator epoch
    QCOMPARE(int64_t(LoadBe64(e + 38)), int64_t(205));     // current txn first offset
    e += 46;
    QCOMPARE(int64_t(LoadBe64(e)), int64_t(77));
    QCOMPARE(int16_t(LoadBe16(e + 8)), int16_t(3));
    QCOMPARE(int32_t(LoadBe32(e + 10)), int32_t(14));
    QCOMPARE(int64_t(LoadBe64(e + 14)), int64_t(204));
    QCOMPARE(int32_t(LoadBe32(e + 22)), int32_t(4));
    QCOMPARE(int64_t(LoadBe64(e + 38)), int64_t(-1));
    QVERIFY(!std::filesystem::exists(path + ".tmp"));
  }

  void snapshotRoundTripKeepsLastBatchPerProducer() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    ProducerStateManager live(dir);
    Leader leader(*log, live);
    for (int i = 0; i < 4; ++i) QCOMPARE(leader.Produce(1, 2, i * 3, 3).kind, Kind::kAppend);
    QCOMPARE(leader.Produce(2, 0, 0, 1).kind, Kind::kAppend);
    QVERIFY(live.TakeSnapshot(log->LogEndOffset().value).ok());

    ProducerStateManager loaded(dir);
    auto offset = loaded.LoadLatestSnapshot(kNow);
    QVERIFY(offset.ok());
    QCOMPARE(*offset, log->LogEndOffset().value);
    QCOMPARE(loaded.producer_count(), size_t(2));
    const ProducerStateEntry* e = loaded.Find(1);
    QVERIFY(e != nullptr);
    QCOMPARE(e->epoch, int16_t(2));
    QCOMPARE(e->last_sequence(), 11);
    QCOMPARE(e->last_data_offset(), live.Find(1)->last_data_offset());
    QCOMPARE(e->batches.back().first_sequence, 9);
    QCOMPARE(e->last_timestamp, live.Find(1)->last_timestamp);
    // As in Kafka, only the last batch survives a snapshot: it is still a duplicate, older retries are not.
    const auto& sent = leader.sent(1);
    QCOMPARE(Check(loaded, sent.back().header).duplicate_base_offset, sent.back().base_offset);
    QCOMPARE(Check(loaded, sent[2].header).error, ErrorCode::kOutOfOrderSequenceNumber);
    QCOMPARE(Check(loaded, Next(sent.back())).kind, Kind::kAppend);
    QCOMPARE(Check(loaded, BatchHeader(leader.sent(2).back().header)).kind, Kind::kDuplicate);
    // Fencing survives too.
    BatchHeader zombie = Next(sent.back());
    zombie.producer_epoch = 1;
    QCOMPARE(Check(loaded, zombie).error, ErrorCode::kInvalidProducerEpoch);
  }

  void codecRejectsBadBytesWithoutCrashing() {
    std::vector<ProducerSnapshotEntry> entries(3);
    for (int i = 0; i < 3; ++i) {
      entries[i].producer_id = 100 + i;
      entries[i].epoch = static_cast<int16_t>(i);
      entries[i].last_sequence = INT32_MAX - i;
      entries[i].last_offset = 1LL << (40 + i);
      entries[i].offset_delta = i;
      entries[i].timestamp = kNow + i;
      entries[i].coordinator_epoch = i - 1;
      entries[i].current_txn_first_offset = i == 1 ? 99 : -1;
    }
    const std::string good = EncodeProducerSnapshot(entries);
    auto decoded = DecodeProducerSnapshot(good);
    QVERIFY(decoded.ok());
    QVERIFY(*decoded == entries);
    QVERIFY(DecodeProducerSnapshot(EncodeProducerSnapshot({})).ok());

    QVERIFY(DecodeProducerSnapshot("").status().IsCorruption());
    QVERIFY(DecodeProducerSnapshot(good.substr(0, 5)).status().IsCorruption());
    QVERIFY(DecodeProducerSnapshot(good.substr(0, good.size() - 1)).status().IsCorruption());
    QVERIFY(DecodeProducerSnapshot(good + "x").status().IsCorruption());
    for (size_t i = 0; i < good.size(); ++i) {  // every single flipped byte is caught
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ 0x40);
      QVERIFY2(!DecodeProducerSnapshot(bad).ok(), qPrintable(QString("byte %1").arg(i)));
    }
    // A huge entry count with a matching CRC is still refused (size check, no giant allocation).
    std::string huge = EncodeProducerSnapshot({});
    auto* p = reinterpret_cast<uint8_t*>(huge.data());
    StoreBe32(p + 6, 0x7fffffff);
    StoreBe32(p + 2, Crc32c({p + 6, huge.size() - 6}));
    QVERIFY(DecodeProducerSnapshot(huge).status().IsCorruption());
    StoreBe32(p + 6, 0xffffffff);  // negative count
    StoreBe32(p + 2, Crc32c({p + 6, huge.size() - 6}));
    QVERIFY(DecodeProducerSnapshot(huge).status().IsCorruption());
  }

  void corruptSnapshotsAreSkippedAndDeleted() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    ProducerStateManager m(dir);
    BatchHeader h;
    h.producer_id = 1;
    h.producer_epoch = 0;
    h.base_sequence = 0;
    h.max_timestamp = kNow;
    m.OnFollowerAppend(h);
    QVERIFY(m.TakeSnapshot(50).ok());
    h.base_sequence = 1;
    h.base_offset = 1;
    m.OnFollowerAppend(h);
    for (int64_t offset : {100, 150, 200, 250}) QVERIFY(m.TakeSnapshot(offset).ok());
    std::string bytes = ReadFile(ProducerSnapshotPath(dir, 100));
    bytes[20] = static_cast<char>(bytes[20] ^ 1);
    WriteFile(ProducerSnapshotPath(dir, 100), bytes);                                      // bad CRC
    WriteFile(ProducerSnapshotPath(dir, 150), bytes.substr(0, 17));                        // torn
    WriteFile(ProducerSnapshotPath(dir, 200), "");                                          // empty
    WriteFile(ProducerSnapshotPath(dir, 250), std::string("\x00\x02", 2) + bytes.substr(2));  // unknown version
    WriteFile(dir + "/00000000000000000300.snapshot.tmp", "garbage");  // a leftover temp file is not a snapshot

    ProducerStateManager loaded(dir);
    auto offset = loaded.LoadLatestSnapshot(kNow);
    QVERIFY(offset.ok());
    QCOMPARE(*offset, int64_t(50));
    QCOMPARE(loaded.Find(1)->last_sequence(), 0);
    QCOMPARE(loaded.SnapshotOffsets(), std::vector<int64_t>{50});

    // Only corrupt snapshots: nothing loads, the caller replays the whole log.
    WriteFile(ProducerSnapshotPath(dir, 50), "junk");
    auto none = loaded.LoadLatestSnapshot(kNow);
    QVERIFY(none.ok());
    QCOMPARE(*none, int64_t(-1));
    QCOMPARE(loaded.producer_count(), size_t(0));
  }

  void expiredProducersAreNotLoaded() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    ProducerStateOptions options;
    options.producer_id_expiration_ms = 60'000;
    ProducerStateManager m(dir, options);
    BatchHeader h;
    h.producer_epoch = 0;
    h.base_sequence = 0;
    h.producer_id = 1;
    h.max_timestamp = kNow;
    m.OnFollowerAppend(h);
    h.producer_id = 2;
    h.max_timestamp = kNow + 30'000;
    m.OnFollowerAppend(h);
    QVERIFY(m.TakeSnapshot(2).ok());
    ProducerStateManager loaded(dir, options);
    QCOMPARE(*loaded.LoadLatestSnapshot(kNow + 60'000), int64_t(2));
    QVERIFY(loaded.Find(1) == nullptr);
    QVERIFY(loaded.Find(2) != nullptr);
  }

  void rebuildFromRealLogMatchesLiveState() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    ProducerStateManager live(dir);
    Leader leader(*log, live);
    int32_t seq1 = 0, seq2 = 0;
    for (int i = 0; i < 20; ++i) {
      const int n1 = 1 + i % 3, n2 = 2;
      QCOMPARE(leader.Produce(1, 0, seq1, n1).kind, Kind::kAppend);
      seq1 += n1;
      if (i % 4 == 0) leader.ProduceNonIdempotent(2);
      QCOMPARE(leader.Produce(2, 5, seq2, n2).kind, Kind::kAppend);
      seq2 += n2;
      // A retry in the live leader is answered from state, not appended again.
      QCOMPARE(leader.Produce(2, 5, seq2 - n2, n2).kind, Kind::kDuplicate);
    }
    QVERIFY(log->Segments().size() > 3);  // the rebuild must cross segment boundaries
    VERIFY_LAST_BATCHES(live, leader.sent(1), 5);

    ProducerStateManager rebuilt(dir);
    QVERIFY(rebuilt.Recover(*log, kNow).ok());
    QCOMPARE(rebuilt.producer_count(), size_t(2));
    VERIFY_LAST_BATCHES(rebuilt, leader.sent(1), 5);
    VERIFY_LAST_BATCHES(rebuilt, leader.sent(2), 5);
    QCOMPARE(rebuilt.Find(1)->last_data_offset(), live.Find(1)->last_data_offset());
    QCOMPARE(rebuilt.Find(2)->epoch, int16_t(5));

    // After a restart (log reopened from disk) the same holds.
    QVERIFY(log->Close().ok());
    log.reset();
    auto reopened = OpenLog(dir);
    ProducerStateManager after_restart(dir);
    QVERIFY(after_restart.Recover(*reopened, kNow).ok());
    VERIFY_LAST_BATCHES(after_restart, leader.sent(1), 5);
  }

  void recoverUsesSnapshotThenLogTail() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    ProducerStateManager live(dir);
    Leader leader(*log, live);
    for (int i = 0; i < 6; ++i) QCOMPARE(leader.Produce(1, 0, i, 1).kind, Kind::kAppend);
    for (int i = 0; i < 3; ++i) QCOMPARE(leader.Produce(2, 0, i, 1).kind, Kind::kAppend);
    QVERIFY(live.TakeSnapshot(log->LogEndOffset().value).ok());
    for (int i = 6; i < 12; ++i) QCOMPARE(leader.Produce(1, 0, i, 1).kind, Kind::kAppend);
    for (int i = 0; i < 2; ++i) QCOMPARE(leader.Produce(3, 1, i, 1).kind, Kind::kAppend);

    // Prove the snapshot is used (and the log before it is not replayed): overwrite it with a doctored one
    // that knows a producer 99 that never wrote to the log and lacks producer 2.
    ProducerStateManager marker(dir);
    BatchHeader h;
    h.producer_id = 99;
    h.producer_epoch = 0;
    h.base_sequence = 0;
    h.max_timestamp = kNow;
    marker.OnFollowerAppend(h);
    for (const Sent& s : leader.sent(1)) {
      if (s.base_offset >= live.SnapshotOffsets().back()) break;
      BatchHeader b = s.header;
      b.base_offset = s.base_offset;
      marker.OnFollowerAppend(b);
    }
    QVERIFY(marker.TakeSnapshot(live.SnapshotOffsets().back()).ok());

    ProducerStateManager recovered(dir);
    QVERIFY(recovered.Recover(*log, kNow).ok());
    QVERIFY(recovered.Find(99) != nullptr);  // came from the snapshot
    QVERIFY(recovered.Find(2) == nullptr);   // the doctored snapshot lacks it and the tail has none of its batches
    VERIFY_LAST_BATCHES(recovered, leader.sent(1), 5);  // the tail replay restored the last five
    QCOMPARE(recovered.Find(3)->last_sequence(), 1);
  }

  void corruptSnapshotFallsBackToFullRebuild() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    ProducerStateManager live(dir);
    Leader leader(*log, live);
    for (int i = 0; i < 9; ++i) QCOMPARE(leader.Produce(4, 0, i * 2, 2).kind, Kind::kAppend);
    const int64_t end = log->LogEndOffset().value;
    QVERIFY(live.TakeSnapshot(end).ok());
    WriteFile(ProducerSnapshotPath(dir, end), "not a snapshot at all");
    // A snapshot past the log end (e.g. written before an unclean truncation) must not be trusted either.
    ProducerStateManager stray(dir);
    BatchHeader h;
    h.producer_id = 4;
    h.producer_epoch = 9;
    h.base_sequence = 0;
    h.max_timestamp = kNow;
    stray.OnFollowerAppend(h);
    QVERIFY(stray.TakeSnapshot(end + 100).ok());

    ProducerStateManager recovered(dir);
    QVERIFY(recovered.Recover(*log, kNow).ok());
    QCOMPARE(recovered.Find(4)->epoch, int16_t(0));
    VERIFY_LAST_BATCHES(recovered, leader.sent(4), 5);
    QVERIFY(recovered.SnapshotOffsets().empty());
  }

  void followerTruncationReloadsAndReplays() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    ProducerStateManager live(dir);
    Leader leader(*log, live);
    for (int i = 0; i < 4; ++i) QCOMPARE(leader.Produce(1, 0, i, 1).kind, Kind::kAppend);
    QVERIFY(live.TakeSnapshot(log->LogEndOffset().value).ok());  // at 4
    for (int i = 4; i < 10; ++i) QCOMPARE(leader.Produce(1, 0, i, 1).kind, Kind::kAppend);
    QVERIFY(live.TakeSnapshot(log->LogEndOffset().value).ok());  // at 10
    QCOMPARE(live.SnapshotOffsets(), (std::vector<int64_t>{4, 10}));

    QVERIFY(log->TruncateTo(Offset(7)).ok());
    auto from = live.TruncateTo(7, kNow);
    QVERIFY(from.ok());
    QCOMPARE(*from, int64_t(4));
    QCOMPARE(live.SnapshotOffsets(), std::vector<int64_t>{4});
    QVERIFY(live.RebuildFromLog(*log, *from).ok());
    QCOMPARE(live.Find(1)->last_sequence(), 6);
    QCOMPARE(live.Find(1)->last_data_offset(), int64_t(6));
    QCOMPARE(Check(live, Next(leader.sent(1)[6])).kind, Kind::kAppend);   // sequence 7 is next again
    QCOMPARE(Check(live, leader.sent(1)[6].header).kind, Kind::kDuplicate);

    QVERIFY(live.DeleteSnapshotsBelow(5).ok());
    QVERIFY(live.SnapshotOffsets().empty());
    QVERIFY(live.TakeSnapshot(7).ok());
    QVERIFY(live.TruncateFully().ok());
    QVERIFY(live.SnapshotOffsets().empty());
    QCOMPARE(live.producer_count(), size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestProducerStatePersistence)
#include "test_producer_state_persistence.moc"
