// Record batch v2: golden batches from kafka-python, BatchBuilder round trips for every codec, and every
// validation error path (CRC, sizes, magic, record structure, offsets, timestamps, bombs).
#include <QtTest>

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/record_batch.h"
#include "engine/protocol/varint.h"
#include "tests/engine/batch/batch_test_util.h"
#include "tests/engine/batch/golden_batches.h"

using namespace partita;
using namespace partita::protocol;
using namespace partita::protocol::testing;

namespace {

struct Collected {
  int64_t offset;
  int64_t timestamp;
  std::optional<std::string> key, value;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

std::vector<Collected> Collect(std::span<const uint8_t> batch, Status* status = nullptr) {
  std::vector<Collected> out;
  std::vector<uint8_t> scratch;
  Status st = ForEachRecord(batch, &scratch, [&](const Record& r) {
    Collected c{r.offset, r.timestamp, {}, {}, {}};
    if (r.key) c.key = Str(*r.key);
    if (r.value) c.value = Str(*r.value);
    for (const Header& h : r.headers) {
      c.headers.emplace_back(Str(h.key), h.value ? std::optional<std::string>(Str(*h.value)) : std::nullopt);
    }
    out.push_back(std::move(c));
    return true;
  });
  if (status) *status = st;
  return out;
}

// Rewrites the CRC after a deliberate edit so that the check under test is not the CRC one.
void FixCrc(std::vector<uint8_t>& b) { StoreBe32(b.data() + kCrcOffset, ComputeBatchCrc(b)); }

std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A batch whose records block is `body` (already encoded records) with the given count.
std::vector<uint8_t> RawBatch(const std::vector<uint8_t>& body, int32_t count, Compression c = Compression::kNone) {
  std::vector<uint8_t> b(kBatchHeaderSize + body.size());
  std::copy(body.begin(), body.end(), b.begin() + kBatchHeaderSize);
  BatchHeader h;
  h.batch_length = static_cast<int32_t>(b.size() - kLogOverhead);
  h.attributes = static_cast<int16_t>(c);
  h.last_offset_delta = count - 1;
  h.records_count = count;
  WriteBatchHeader(h, b.data());
  FixCrc(b);
  return b;
}

}  // namespace

class TestRecordBatch : public QObject {
  Q_OBJECT
 private slots:
  void goldenKafkaPythonBatchesValidateAndIterate() {
    for (const char* hex : {kGoldenV2None, kGoldenV2Gzip}) {
      auto bytes = FromHex(hex);
      RecordSetCheck check = ValidateRecordSet(bytes);
      QVERIFY2(check.ok(), check.message.c_str());
      QCOMPARE(check.total_records, int64_t(3));
      QCOMPARE(check.batches.size(), size_t(1));
      Status st;
      auto recs = Collect(bytes, &st);
      QVERIFY2(st.ok(), st.ToString().c_str());
      QCOMPARE(recs.size(), size_t(3));
      QCOMPARE(recs[0].key, std::optional<std::string>("key-0"));
      QVERIFY(recs[0].value->starts_with("value-0"));
      QCOMPARE(recs[0].timestamp, int64_t(1700000000000));
      QCOMPARE(recs[1].key, std::nullopt);
      QCOMPARE(recs[1].timestamp, int64_t(1700000000005));
      QCOMPARE(recs[1].headers.size(), size_t(2));
      QCOMPARE(recs[1].headers[0].first, std::string("h1"));
      QCOMPARE(recs[1].headers[0].second, std::optional<std::string>("v1"));
      QCOMPARE(recs[1].headers[1].second, std::nullopt);
      QCOMPARE(recs[2].value, std::nullopt);
      QCOMPARE(recs[2].timestamp, int64_t(1699999999990));  // negative timestamp delta
      QCOMPARE(recs[2].offset, int64_t(2));
    }
    auto gz = FromHex(kGoldenV2Gzip);
    QCOMPARE(ReadBatchHeader(gz.data()).compression(), Compression::kGzip);
  }

  void goldenIdempotentHeader() {
    auto bytes = FromHex(kGoldenV2Idempotent);
    RecordSetCheck check = ValidateRecordSet(bytes);
    QVERIFY2(check.ok(), check.message.c_str());
    const BatchHeader& h = check.batches[0].header;
    QCOMPARE(h.producer_id, int64_t(4242));
    QCOMPARE(h.producer_epoch, int16_t(3));
    QCOMPARE(h.base_sequence, int32_t(17));
    QVERIFY(h.transactional());
    QCOMPARE(h.max_timestamp, int64_t(1700000000005));
  }

  void builderReproducesKafkaPythonBytes() {
    // Same records, same layout: our encoder must produce the identical batch, CRC included.
    BatchBuilder::Options o;
    o.producer_id = 4242;
    o.producer_epoch = 3;
    o.base_sequence = 17;
    o.partition_leader_epoch = 0;  // kafka-python writes 0 here
    o.transactional = true;
    BatchBuilder b(o);
    Header hs[] = {{Span("h1"), Span("v1")}, {Span("h2"), std::nullopt}};
    b.Append(1700000000000, Span("key-0"), Span("value-0"));
    b.Append(1700000000005, std::nullopt, Span("value-1"), hs);
    b.Append(1699999999990, Span("key-2"), std::nullopt);
    auto built = b.Build();
    QVERIFY(built.ok());
    QCOMPARE(*built, FromHex(kGoldenV2Idempotent));
  }

  void roundTripEveryCodec() {
    for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kSnappy, Compression::kLz4,
                          Compression::kZstd}) {
      auto batch = MakeBatch(c, 500, 100, 1000);
      auto set = Concat({batch, MakeBatch(c, 3, 10, 1500)});
      RecordSetCheck check = ValidateRecordSet(set);
      QVERIFY2(check.ok(), (std::string(CompressionName(c)) + ": " + check.message).c_str());
      QCOMPARE(check.total_records, int64_t(503));
      QCOMPARE(check.batches.size(), size_t(2));
      QCOMPARE(check.batches[1].position, batch.size());
      QCOMPARE(check.batches[0].header.compression(), c);
      QCOMPARE(check.batches[0].header.last_offset(), int64_t(1499));
      if (c != Compression::kNone) QVERIFY(batch.size() < 500 * 100);
      Status st;
      auto recs = Collect(batch, &st);
      QVERIFY(st.ok());
      QCOMPARE(recs.size(), size_t(500));
      QCOMPARE(recs[499].offset, int64_t(1499));
      QCOMPARE(recs[499].key, std::optional<std::string>("k499"));
      QCOMPARE(recs[499].value->size(), size_t(100));
      QCOMPARE(recs[7].timestamp, int64_t(1700000000007));
      QCOMPARE(recs[7].headers.size(), size_t(1));
      QCOMPARE(recs[7].headers[0].second, std::optional<std::string>("abc"));
    }
  }

  void recompressKeepsEverything() {
    auto original = MakeBatch(Compression::kNone, 50, 30, 77);
    SetPartitionLeaderEpoch(original, 9);
    for (Compression c : {Compression::kGzip, Compression::kSnappy, Compression::kLz4, Compression::kZstd,
                          Compression::kNone}) {
      auto re = RecompressBatch(original, c);
      QVERIFY(re.ok());
      RecordSetCheck check = ValidateRecordSet(*re);
      QVERIFY2(check.ok(), check.message.c_str());
      const BatchHeader& h = check.batches[0].header;
      QCOMPARE(h.compression(), c);
      QCOMPARE(h.base_offset, int64_t(77));
      QCOMPARE(h.partition_leader_epoch, int32_t(9));
      auto a = Collect(original), b = Collect(*re);
      QCOMPARE(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(b[i].offset, a[i].offset);
        QCOMPARE(b[i].timestamp, a[i].timestamp);
        QCOMPARE(b[i].value, a[i].value);
        QCOMPARE(b[i].headers, a[i].headers);
      }
      // And back: recompressing to none gives the original bytes.
      auto back = RecompressBatch(*re, Compression::kNone);
      QVERIFY(back.ok());
      QCOMPARE(*back, original);
    }
  }

  // KIP-390: a recompression level changes the bytes (a higher level, fewer of them here) and never the records.
  void recompressHonoursTheLevel() {
    // Values of text with repeats at a distance: low levels find fewer of them.
    std::vector<uint8_t> original = MakeBatch(Compression::kNone, 400, 400, 0);
    const std::tuple<Compression, int, int> cases[] = {
        {Compression::kGzip, 1, 9}, {Compression::kZstd, 1, 19}, {Compression::kLz4, 1, 12}};
    for (auto [codec, low, high] : cases) {
      auto fast = RecompressBatch(original, codec, kDefaultMaxDecompressedBytes, low);
      auto small = RecompressBatch(original, codec, kDefaultMaxDecompressedBytes, high);
      QVERIFY(fast.ok() && small.ok());
      QVERIFY2(small->size() < fast->size(), qPrintable(QString("%1: level %2 %3 bytes, level %4 %5 bytes")
                                                            .arg(int(codec)).arg(low).arg(fast->size())
                                                            .arg(high).arg(small->size())));
      QCOMPARE(*RecompressBatch(*small, Compression::kNone), original);
      QCOMPARE(*RecompressBatch(*fast, Compression::kNone), original);
    }
    // An invalid level is an error, not a crash (the broker's config validation keeps them in range).
    QVERIFY(!RecompressBatch(original, Compression::kGzip, kDefaultMaxDecompressedBytes, 42).ok());
  }

  void headerRewritesKeepCrcValid() {
    auto batch = MakeBatch(Compression::kLz4, 10);
    SetBaseOffset(batch, 123456);
    SetPartitionLeaderEpoch(batch, 4);
    QVERIFY(ValidateRecordSet(batch).ok());
    SetLogAppendTime(batch, 1800000000000);
    RecordSetCheck check = ValidateRecordSet(batch);
    QVERIFY2(check.ok(), check.message.c_str());
    QVERIFY(check.batches[0].header.log_append_time());
    auto recs = Collect(batch);
    QCOMPARE(recs[3].timestamp, int64_t(1800000000000));
    QCOMPARE(recs[3].offset, int64_t(123459));
  }

  void flippedCrcByteIsCorrupt() {
    auto batch = MakeBatch(Compression::kNone, 5);
    for (size_t at : {size_t(kCrcOffset), size_t(kAttributesOffset + 2), batch.size() - 1}) {
      auto bad = batch;
      bad[at] ^= 0x01;
      RecordSetCheck check = ValidateRecordSet(bad);
      QCOMPARE(check.error, BatchError::kCorrupt);
      QVERIFY(check.message.find("CRC") != std::string::npos);
    }
    // baseOffset and leader epoch are outside the CRC.
    auto outside = batch;
    outside[3] ^= 0xFF;
    outside[kPartitionLeaderEpochOffset] ^= 0xFF;
    QVERIFY(ValidateRecordSet(outside).ok());
  }

  void truncatedAndBadLengths() {
    auto batch = MakeBatch(Compression::kNone, 5);
    for (size_t cut : {size_t(1), size_t(16), size_t(17), size_t(60), batch.size() - 1}) {
      auto trunc = std::vector<uint8_t>(batch.begin(), batch.begin() + cut);
      QCOMPARE(ValidateRecordSet(trunc).error, BatchError::kCorrupt);
    }
    auto trailing = Concat({batch, std::vector<uint8_t>(batch.begin(), batch.begin() + 30)});
    RecordSetCheck check = ValidateRecordSet(trailing);
    QCOMPARE(check.error, BatchError::kCorrupt);
    QCOMPARE(check.batches.size(), size_t(1));  // the good one before the partial tail
    QCOMPARE(ValidateRecordSet({}).error, BatchError::kCorrupt);
    for (int32_t len : {0, 48, -1, INT32_MIN}) {
      auto bad = batch;
      StoreBe32(bad.data() + kBatchLengthOffset, static_cast<uint32_t>(len));
      QCOMPARE(ValidateRecordSet(bad).error, BatchError::kCorrupt);
      Status st;
      Collect(bad, &st);
      QVERIFY(st.IsCorruption());
    }
    auto huge = batch;
    StoreBe32(huge.data() + kBatchLengthOffset, 0x7FFFFFFF);
    QCOMPARE(ValidateRecordSet(huge).error, BatchError::kTooLarge);
  }

  void magicChecks() {
    auto batch = MakeBatch(Compression::kNone, 2);
    for (uint8_t m : {0, 1}) {
      auto bad = batch;
      bad[kMagicOffset] = m;
      QCOMPARE(ValidateRecordSet(bad).error, BatchError::kUnsupportedMagic);
    }
    QCOMPARE(ValidateRecordSet(FromHex(kGoldenV1None)).error, BatchError::kUnsupportedMagic);
    auto bad = batch;
    bad[kMagicOffset] = 3;
    QCOMPARE(ValidateRecordSet(bad).error, BatchError::kCorrupt);
  }

  void oversizeBatch() {
    auto batch = MakeBatch(Compression::kNone, 100, 1000);
    ValidationOptions o;
    o.max_batch_bytes = static_cast<int32_t>(batch.size()) - 1;
    QCOMPARE(ValidateRecordSet(batch, o).error, BatchError::kTooLarge);
    o.max_batch_bytes = static_cast<int32_t>(batch.size());
    QVERIFY(ValidateRecordSet(batch, o).ok());
  }

  void decompressionBombIsBounded() {
    // 256 MiB of zeros compresses to ~10 KiB with zstd; validation must stop at its limit.
    std::vector<uint8_t> records;
    varint::Append32(&records, 0);
    auto zeros = std::vector<uint8_t>(size_t(256) << 20, 0);
    auto bomb = Compress(Compression::kZstd, zeros);
    QVERIFY(bomb.ok());
    QVERIFY(bomb->size() < 1 << 20);
    zeros = {};
    auto batch = RawBatch(*bomb, 1, Compression::kZstd);
    RecordSetCheck check = ValidateRecordSet(batch);
    QCOMPARE(check.error, BatchError::kTooLarge);
    ValidationOptions o;
    o.max_decompressed_bytes = 1 << 20;
    QCOMPARE(ValidateRecordSet(batch, o).error, BatchError::kTooLarge);
    o.deep = false;  // shallow checks do not decompress
    QVERIFY(ValidateRecordSet(batch, o).ok());
  }

  void recordCountAndOffsetConsistency() {
    auto batch = MakeBatch(Compression::kNone, 5);
    auto more = batch;  // header claims 6 records, holds 5
    StoreBe32(more.data() + 57, 6);
    StoreBe32(more.data() + 23, 5);
    FixCrc(more);
    QCOMPARE(ValidateRecordSet(more).error, BatchError::kInvalidRecord);
    auto gap = batch;  // lastOffsetDelta disagrees with the count
    StoreBe32(gap.data() + 23, 7);
    FixCrc(gap);
    QCOMPARE(ValidateRecordSet(gap).error, BatchError::kInvalidRecord);
    ValidationOptions log;
    log.client_origin = false;  // a compacted batch may have gaps in its offsets
    QVERIFY(ValidateRecordSet(gap, log).ok());
    auto neg = batch;
    StoreBe32(neg.data() + 57, static_cast<uint32_t>(-1));
    FixCrc(neg);
    QCOMPARE(ValidateRecordSet(neg).error, BatchError::kInvalidRecord);
    // Offset deltas must be 0..n-1 in a client batch.
    BatchBuilder b({});
    b.AppendWithDelta(0, 1, Span("a"), Span("b"));
    b.AppendWithDelta(2, 1, Span("a"), Span("b"));
    auto skipped = b.Build().value();
    StoreBe32(skipped.data() + 23, 1);
    FixCrc(skipped);
    QCOMPARE(ValidateRecordSet(skipped).error, BatchError::kInvalidRecord);
    // Control batches are not for clients.
    BatchBuilder::Options co;
    co.control = true;
    BatchBuilder cb(co);
    cb.Append(1, Span("k"), Span("v"));
    QCOMPARE(ValidateRecordSet(cb.Build().value()).error, BatchError::kInvalidRecord);
  }

  void hostileRecordVarints() {
    auto rec = [](std::vector<uint8_t> fields) {
      std::vector<uint8_t> out;
      varint::Append32(&out, static_cast<int32_t>(fields.size()));
      out.insert(out.end(), fields.begin(), fields.end());
      return out;
    };
    const std::vector<std::vector<uint8_t>> bodies = {
        {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01},              // record length varint over 5 bytes
        {0x01},                                           // negative record length (-1)
        {0xFE, 0xFF, 0xFF, 0xFF, 0x07},                   // length INT32_MAX beyond the data
        rec({0, 0, 0, 0x03, 0x01, 0x00}),                  // key length -2
        rec({0, 0, 0, 0x7E, 0x01, 0x00}),                  // key length 63 beyond the record
        rec({0, 0, 0, 0x01, 0x01, 0x01}),                  // header count -1
        rec({0, 0, 0, 0x01, 0x01, 0xFE, 0xFF, 0xFF, 0xFF, 0x07}),  // header count INT32_MAX
        rec({0, 0, 0, 0x01, 0x01, 0x02, 0x01, 0x01}),      // header key length -1
        rec({0, 0, 0, 0x01, 0x01, 0x00, 0x00}),            // a byte left over inside the record
        rec({0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}),  // varlong over 10 bytes
        rec({0}),                                          // record ends inside its fields
    };
    for (const auto& body : bodies) {
      auto batch = RawBatch(body, 1);
      RecordSetCheck check = ValidateRecordSet(batch);
      QCOMPARE(check.error, BatchError::kInvalidRecord);
      Status st;
      Collect(batch, &st);
      QVERIFY(st.IsCorruption());
    }
    // The minimal valid record: null key, null value, no headers.
    auto ok = RawBatch(rec({0, 0, 0, 0x01, 0x01, 0x00}), 1);
    QVERIFY(ValidateRecordSet(ok).ok());
  }

  void requireKeysAndTimestamps() {
    BatchBuilder b({});
    b.Append(1000, std::nullopt, Span("v"));
    auto batch = b.Build().value();
    ValidationOptions o;
    o.require_keys = true;
    QCOMPARE(ValidateRecordSet(batch, o).error, BatchError::kInvalidRecord);
    ValidationOptions t;
    t.now_ms = 1000 + 3600000;
    t.timestamp_before_max_ms = 60000;
    QCOMPARE(ValidateRecordSet(batch, t).error, BatchError::kInvalidTimestamp);
    t.now_ms = 1000 - 10;
    t.timestamp_after_max_ms = 5;
    QCOMPARE(ValidateRecordSet(batch, t).error, BatchError::kInvalidTimestamp);
    t.timestamp_after_max_ms = 10;
    QVERIFY(ValidateRecordSet(batch, t).ok());
  }

  void forEachRecordStopsEarly() {
    auto batch = MakeBatch(Compression::kSnappy, 10);
    int seen = 0;
    QVERIFY(ForEachRecord(batch, nullptr, [&](const Record&) { return ++seen < 3; }).ok());
    QCOMPARE(seen, 3);
  }
};

QTEST_GUILESS_MAIN(TestRecordBatch)
#include "test_record_batch.moc"
