// The aborted-transaction index (.txnindex, Kafka's TransactionIndex) on real files: Kafka's 34-byte entry
// format byte for byte, the ordering rule, collectAbortedTxns' range and early stop, truncation, torn and
// corrupt files; in a Log: entries land in the segment holding the marker, follow truncation and retention,
// and survive compaction (which keeps transactional batches and markers) including a crash in its swap.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"
#include "engine/storage/transaction_index.h"

using namespace partita;
using namespace partita::storage;
namespace fs = std::filesystem;

namespace {

std::string ReadFile(const std::string& path) {
  auto bytes = ReadWholeFile(path);
  return bytes.ok() ? *bytes : std::string();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::span<const uint8_t> Bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

std::vector<uint8_t> DataBatch(int64_t pid, bool transactional, int records, const std::string& key = "k") {
  protocol::BatchBuilder::Options o;
  o.producer_id = pid;
  o.producer_epoch = 0;
  o.base_sequence = 0;
  o.transactional = transactional;
  protocol::BatchBuilder b(o);
  const std::string value(100, 'v');
  for (int i = 0; i < records; ++i) b.Append(WallClockMs(), Bytes(key), Bytes(value));
  return *b.Build();
}

std::vector<uint8_t> Marker(int64_t pid, bool commit) {
  return *protocol::BuildEndTxnMarkerBatch(
      pid, 0, {commit ? protocol::ControlRecordType::kCommit : protocol::ControlRecordType::kAbort, 0}, WallClockMs());
}

LogConfig SmallSegments() {
  LogConfig c;
  c.segment_bytes = 600;
  c.index_interval_bytes = 100;
  return c;
}

std::unique_ptr<Log> OpenLog(const std::string& dir, const LogConfig& cfg = SmallSegments(), bool clean = true) {
  auto log = Log::Open(dir, cfg, RecoveryHints{clean, 0, 0});
  if (!log.ok()) qFatal("open: %s", log.status().ToString().c_str());
  return std::move(log).value();
}

int64_t Append(Log& log, const std::vector<uint8_t>& batch) {
  auto r = log.AppendAsLeader(batch, LeaderEpoch(0));
  if (!r.ok()) qFatal("append: %s", r.status().ToString().c_str());
  return r->last_offset.value;
}

}  // namespace

class TestTransactionIndex : public QObject {
  Q_OBJECT
 private slots:
  void entryFormatIsKafkas() {
    uint8_t buf[kAbortedTxnSize];
    EncodeAbortedTxn({0, 0x0102030405060708, 10, 14, 12}, buf);
    const std::string expect("\x00\x00"                               // version 0
                             "\x01\x02\x03\x04\x05\x06\x07\x08"       // producerId
                             "\x00\x00\x00\x00\x00\x00\x00\x0a"       // firstOffset
                             "\x00\x00\x00\x00\x00\x00\x00\x0e"       // lastOffset
                             "\x00\x00\x00\x00\x00\x00\x00\x0c",      // lastStableOffset
                             34);
    QCOMPARE(std::string(reinterpret_cast<const char*>(buf), sizeof buf), expect);
    auto decoded = DecodeTransactionIndex(expect);
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, (std::vector<AbortedTxn>{{0, 0x0102030405060708, 10, 14, 12}}));
  }

  void appendCollectTruncateReopen() {
    QTemporaryDir tmp;
    const std::string path = tmp.path().toStdString() + "/00000000000000000100.txnindex";
    {
      TransactionIndex index(path, 100);
      QVERIFY(index.Open().ok());
      QVERIFY(!fs::exists(path));  // created on the first entry, like Kafka's
      QVERIFY(index.Append({0, 1, 90, 105, 106}).ok());
      QVERIFY(index.Append({0, 2, 107, 110, 120}).ok());
      QVERIFY(index.Append({0, 3, 111, 130, 131}).ok());
      QCOMPARE(index.Append({0, 4, 1, 130, 131}).code(), Status::Code::kInvalidArgument);  // lastOffset must grow
      QCOMPARE(fs::file_size(path), std::uintmax_t(3 * kAbortedTxnSize));

      // Kafka's collectAbortedTxns: lastOffset >= fetch offset and firstOffset < upper bound; complete once an
      // entry's lastStableOffset reaches the upper bound.
      std::vector<AbortedTxn> out;
      QVERIFY(!index.CollectAbortedTxns(106, 200, &out));
      QCOMPARE(out.size(), size_t(2));
      QCOMPARE(out[0].producer_id, int64_t(2));
      out.clear();
      QVERIFY(index.CollectAbortedTxns(0, 100, &out));  // the first entry's LSO 106 >= 100: nothing later counts
      QCOMPARE(out.size(), size_t(1));
      out.clear();
      QVERIFY(index.CollectAbortedTxns(0, 108, &out));  // stops after the second entry (LSO 120 >= 108)
      QCOMPARE(out.size(), size_t(2));

      QVERIFY(index.TruncateTo(110).ok());  // drops entries whose marker is at or after 110
      QCOMPARE(index.entries(), size_t(1));
      QCOMPARE(fs::file_size(path), std::uintmax_t(kAbortedTxnSize));
      QVERIFY(index.Append({0, 5, 108, 112, 113}).ok());
      QVERIFY(index.Close().ok());
    }
    // A torn trailing entry (crash mid-write) is dropped on open.
    WriteFile(path, ReadFile(path) + std::string(10, '\x01'));
    TransactionIndex reopened(path, 100);
    QVERIFY(reopened.Open().ok());
    QCOMPARE(reopened.AllAbortedTxns(), (std::vector<AbortedTxn>{{0, 1, 90, 105, 106}, {0, 5, 108, 112, 113}}));
    QCOMPARE(fs::file_size(path), std::uintmax_t(2 * kAbortedTxnSize));
    QVERIFY(reopened.Delete().ok());
    QVERIFY(!fs::exists(path));
  }

  void corruptFilesAreRefused() {
    QTemporaryDir tmp;
    const std::string path = tmp.path().toStdString() + "/00000000000000000100.txnindex";
    uint8_t entry[kAbortedTxnSize];
    EncodeAbortedTxn({1, 1, 90, 105, 106}, entry);  // a newer version than Kafka writes
    WriteFile(path, std::string(reinterpret_cast<const char*>(entry), sizeof entry));
    TransactionIndex newer(path, 100);
    QCOMPARE(newer.Open().code(), Status::Code::kCorruption);
    QCOMPARE(newer.entries(), size_t(0));
    EncodeAbortedTxn({0, 1, 10, 50, 51}, entry);  // ends before the segment's base offset (Kafka's sanityCheck)
    WriteFile(path, std::string(reinterpret_cast<const char*>(entry), sizeof entry));
    TransactionIndex before(path, 100);
    QCOMPARE(before.Open().code(), Status::Code::kCorruption);
    QCOMPARE(ReadTransactionIndexFile(tmp.path().toStdString() + "/missing.txnindex").status().code(),
             Status::Code::kNotFound);
  }

  void logKeepsEntriesWithTheirMarkersSegment() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/t-0";
    auto log = OpenLog(dir);
    Append(*log, DataBatch(7, true, 3));                // 0-2 in segment 0
    for (int i = 0; i < 6; ++i) Append(*log, DataBatch(-1, false, 1));  // rolls segments
    const int64_t marker = Append(*log, Marker(7, false));
    QVERIFY(log->Segments().size() >= 3);
    QVERIFY(log->AppendAbortedTxn({0, 7, 0, marker, marker + 1}).ok());
    QCOMPARE(log->AppendAbortedTxn({0, 8, 0, log->LogEndOffset().value, 0}).code(), Status::Code::kInvalidArgument);
    const int64_t marker_segment = log->Segments().back().base_offset.value;
    QVERIFY(marker_segment > 0);
    QVERIFY(fs::exists(SegmentFileName(dir, marker_segment, kTxnIndexSuffix)));
    QVERIFY(!fs::exists(SegmentFileName(dir, 0, kTxnIndexSuffix)));
    QCOMPARE(log->Segments().back().aborted_txn_entries, int64_t(1));
    // A fetch from the first segment finds the entry in a later one (the transaction spans segments).
    QCOMPARE(log->CollectAbortedTxns(Offset(0), Offset(2)).size(), size_t(1));
    QCOMPARE(log->CollectAbortedTxns(Offset(marker + 1), Offset(marker + 5)).size(), size_t(0));
    // Truncation below the marker removes the entry with it.
    QVERIFY(log->TruncateTo(Offset(marker)).ok());
    QVERIFY(log->CollectAbortedTxns(Offset(0), Offset(INT64_MAX)).empty());
    const int64_t again = Append(*log, Marker(7, false));
    QVERIFY(log->AppendAbortedTxn({0, 7, 0, again, again + 1}).ok());
    // Retention deleting the segment deletes its .txnindex.
    const int64_t seg_with_entry = log->Segments().back().base_offset.value;
    for (int i = 0; i < 6; ++i) Append(*log, DataBatch(-1, false, 1));
    QVERIFY(log->DeleteRecordsBefore(log->LogEndOffset()).ok());
    QVERIFY(log->ApplyRetention(WallClockMs()).ok());
    QVERIFY(log->Segments().front().base_offset.value > seg_with_entry);
    QVERIFY(!fs::exists(SegmentFileName(dir, seg_with_entry, kTxnIndexSuffix)));
    QVERIFY(log->CollectAbortedTxns(Offset(0), Offset(INT64_MAX)).empty());
  }

  void compactionKeepsTransactionsAndTheirIndex() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/c-0";
    LogConfig cfg = SmallSegments();
    cfg.cleanup_compact = true;
    cfg.cleanup_delete = false;
    cfg.min_cleanable_dirty_ratio = 0.0;
    auto log = OpenLog(dir, cfg);
    // An aborted transactional write of key "k", then newer non-transactional values of "k".
    const int64_t txn_last = Append(*log, DataBatch(7, true, 2));
    const int64_t marker = Append(*log, Marker(7, false));
    QVERIFY(log->AppendAbortedTxn({0, 7, 0, marker, marker + 1}).ok());
    for (int i = 0; i < 12; ++i) Append(*log, DataBatch(-1, false, 1));
    QCOMPARE(txn_last, int64_t(1));
    auto r = log->Clean(WallClockMs(), /*force=*/true);
    QVERIFY2(r.ok(), r.ok() ? "" : r.status().ToString().c_str());
    QVERIFY(r->cleaned);
    // The transactional batch and its marker survive (conservative compaction), and so does the index entry.
    auto read = log->Read(Offset(0), 1 << 20, log->LogEndOffset(), true);
    QVERIFY(read.ok() && !read->regions.empty());
    std::vector<uint8_t> head(protocol::kBatchHeaderSize);
    QVERIFY(PreadFully(read->regions[0].file->fd(), head, read->regions[0].position, "test").ok());
    const auto h = protocol::ReadBatchHeader(head.data());
    QCOMPARE(h.base_offset, int64_t(0));
    QVERIFY(h.transactional());
    QCOMPARE(log->CollectAbortedTxns(Offset(0), Offset(INT64_MAX)),
             (std::vector<AbortedTxn>{{0, 7, 0, marker, marker + 1}}));
    QVERIFY(fs::exists(SegmentFileName(dir, 0, kTxnIndexSuffix)));
    QVERIFY(log->Close().ok());

    // A crash after step 2 of the swap (B.log.swap and B.txnindex.swap written, old files in place): the index
    // of the group is the swap's.
    const std::string d = tmp.path().toStdString() + "/s-0";
    fs::copy(dir, d);
    const std::string txn = ReadFile(SegmentFileName(d, 0, kTxnIndexSuffix));
    fs::copy_file(SegmentFileName(d, 0, kLogSuffix), SegmentFileName(d, 0, ".log.swap"));
    WriteFile(SegmentFileName(d, 0, ".txnindex.swap"), txn);
    fs::remove(SegmentFileName(d, 0, kTxnIndexSuffix));
    auto reopened = OpenLog(d, cfg, /*clean=*/false);
    QCOMPARE(reopened->CollectAbortedTxns(Offset(0), Offset(INT64_MAX)).size(), size_t(1));
    QVERIFY(!fs::exists(SegmentFileName(d, 0, ".txnindex.swap")));
    // A .txnindex.swap without its .log.swap belongs to a pass that never swapped: deleted.
    QVERIFY(reopened->Close().ok());
    WriteFile(SegmentFileName(d, 0, ".txnindex.swap"), std::string(34, '\x07'));
    auto third = OpenLog(d, cfg);
    QVERIFY(!fs::exists(SegmentFileName(d, 0, ".txnindex.swap")));
    QCOMPARE(third->CollectAbortedTxns(Offset(0), Offset(INT64_MAX)).size(), size_t(1));
  }
};

QTEST_GUILESS_MAIN(TestTransactionIndex)
#include "test_storage_txn_index.moc"
