// Legacy message sets (magic 0/1): kafka-python golden bytes, wrappers of every legacy codec, corrupt input,
// up-conversion to v2 and down-conversion from v2 checked by kafka-python's own decoder.
#include <QtTest>

#include <random>

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"
#include "tests/engine/batch/batch_test_util.h"
#include "tests/engine/batch/golden_batches.h"

using namespace partita;
using namespace partita::protocol;
using namespace partita::protocol::testing;

namespace {

std::vector<LegacyMessage> Parse(std::span<const uint8_t> set, Status* st) {
  std::vector<LegacyMessage> out;
  *st = ForEachLegacyMessage(set, [&](const LegacyMessage& m) {
    out.push_back(m);  // spans are only used while `set` lives (uncompressed inputs) or compared at once
    return true;
  });
  return out;
}

// Decodes `bytes` with kafka-python; one line per record.
QStringList KafkaPythonDump(const std::vector<uint8_t>& bytes) {
  QTemporaryFile file;
  if (!file.open()) return {"cannot create temp file"};
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
  file.flush();
  QProcess p;
  const QString script = QStringLiteral(BATCH_TEST_DIR "/dump_records.py");
  p.start("/usr/bin/python3", {script, file.fileName()});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) {
    return {"kafka-python failed (apt-get install python3-kafka): " + QString::fromUtf8(p.readAllStandardError())};
  }
  return QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
}

// A v1 (or v0) wrapper message compressing `n` inner messages with relative offsets 0..n-1.
std::vector<uint8_t> Wrapper(int8_t magic, Compression c, int64_t wrapper_offset, int n, bool log_append_time = false) {
  std::vector<uint8_t> inner;
  for (int i = 0; i < n; ++i) {
    std::string v("inner-");
    v += std::to_string(i);
    AppendLegacyMessage(&inner, magic, i, 0, 1000 + i, Span("k"), Span(v));
  }
  auto z = Compress(c, inner).value();
  std::vector<uint8_t> out;
  AppendLegacyMessage(&out, magic, wrapper_offset, static_cast<int8_t>(static_cast<int>(c) | (log_append_time ? 8 : 0)),
                      5000, std::nullopt, std::span<const uint8_t>(z));
  return out;
}

}  // namespace

class TestLegacyMessageSet : public QObject {
  Q_OBJECT
 private slots:
  void kafkaPythonGoldens() {
    struct Case {
      const char* hex;
      int8_t magic;
      Compression codec;
    } cases[] = {{kGoldenV0None, 0, Compression::kNone}, {kGoldenV1None, 1, Compression::kNone},
                 {kGoldenV1Gzip, 1, Compression::kGzip}, {kGoldenV0Gzip, 0, Compression::kGzip}};
    for (const Case& c : cases) {
      auto bytes = FromHex(c.hex);
      std::vector<std::tuple<int64_t, int64_t, std::optional<std::string>, std::string>> got;
      bool shape_ok = true;
      Status st = ForEachLegacyMessage(bytes, [&](const LegacyMessage& m) {
        shape_ok = shape_ok && m.magic == c.magic && m.wrapper_compression == c.codec;
        got.emplace_back(m.offset, m.timestamp, m.key ? std::optional(Str(*m.key)) : std::nullopt, Str(*m.value));
        return true;
      });
      QVERIFY2(st.ok(), st.ToString().c_str());
      QVERIFY(shape_ok);
      QCOMPARE(got.size(), size_t(2));
      // Offsets are consecutive; a producer's v1 wrapper carries offset 0, so its inner messages resolve to
      // -1 and 0 until the broker assigns real ones.
      QCOMPARE(std::get<0>(got[1]) - std::get<0>(got[0]), int64_t(1));
      QCOMPARE(std::get<1>(got[0]), c.magic ? int64_t(1700000000000) : int64_t(-1));
      QCOMPARE(std::get<2>(got[0]), std::optional<std::string>("key-0"));
      QCOMPARE(std::get<2>(got[1]), std::nullopt);
      QVERIFY(std::get<3>(got[1]).starts_with("value-1"));

      auto v2 = ConvertLegacyToV2(bytes);
      QVERIFY(v2.ok());
      RecordSetCheck check = ValidateRecordSet(*v2);
      QVERIFY2(check.ok(), check.message.c_str());
      QCOMPARE(check.total_records, int64_t(2));
      QCOMPARE(check.batches[0].header.compression(), c.codec);
    }
  }

  void everyLegacyCodecWrapper() {
    for (Compression c : {Compression::kGzip, Compression::kSnappy, Compression::kLz4}) {
      auto set = Wrapper(1, c, 109, 10);  // inner 0..9 relative -> absolute 100..109
      Status st;
      auto msgs = Parse(set, &st);
      QVERIFY2(st.ok(), st.ToString().c_str());
      QCOMPARE(msgs.size(), size_t(10));
      QCOMPARE(msgs[0].offset, int64_t(100));
      QCOMPARE(msgs[9].offset, int64_t(109));
      QCOMPARE(msgs[3].timestamp, int64_t(1003));
    }
    auto lat = Wrapper(1, Compression::kGzip, 9, 10, /*log_append_time=*/true);
    Status st;
    auto msgs = Parse(lat, &st);
    QVERIFY(st.ok());
    QCOMPARE(msgs[3].timestamp, int64_t(5000));  // the wrapper's time wins under LogAppendTime
    QVERIFY(msgs[3].log_append_time);
  }

  void corruptLegacyInput() {
    auto good = FromHex(kGoldenV1None);
    Status st;
    Parse(good, &st);
    QVERIFY(st.ok());
    auto crc = good;
    crc[20] ^= 0x40;  // inside the first message body
    Parse(crc, &st);
    QVERIFY(st.IsCorruption());
    QVERIFY(!ConvertLegacyToV2(crc).ok());
    for (size_t cut : {size_t(5), size_t(20), good.size() - 1}) {
      Parse(std::span(good).first(cut), &st);
      QVERIFY(st.IsCorruption());
    }
    auto small = good;
    StoreBe32(small.data() + 8, 3);
    Parse(small, &st);
    QVERIFY(st.IsCorruption());
    QVERIFY(!ConvertLegacyToV2({}).ok());
    // Nested compression and a wrapper holding garbage.
    auto inner = Wrapper(1, Compression::kGzip, 0, 2);
    auto z = Compress(Compression::kGzip, inner).value();
    std::vector<uint8_t> nested;
    AppendLegacyMessage(&nested, 1, 0, 1, 0, std::nullopt, std::span<const uint8_t>(z));
    Parse(nested, &st);
    QVERIFY(st.IsCorruption());
    std::vector<uint8_t> junk;
    AppendLegacyMessage(&junk, 1, 0, 2, 0, std::nullopt, Span("not snappy at all"));
    Parse(junk, &st);
    QVERIFY(!st.ok());
    // Random mutation never crashes.
    std::mt19937 rng(7);
    auto seed = Wrapper(1, Compression::kSnappy, 9, 10);
    for (int i = 0; i < 2000; ++i) {
      auto m = seed;
      m[rng() % m.size()] = static_cast<uint8_t>(rng());
      if (i % 3 == 0) m.resize(rng() % m.size());
      (void)ConvertLegacyToV2(m);
    }
  }

  void downConvertRoundTrip() {
    auto a = MakeBatch(Compression::kLz4, 5, 10, 40);
    auto b = MakeBatch(Compression::kNone, 3, 10, 45);
    BatchBuilder::Options co;
    co.control = true;
    co.base_offset = 48;
    BatchBuilder control(co);
    control.Append(1, Span("ctl"), Span("marker"));
    auto c = control.Build().value();
    std::vector<uint8_t> set = a;
    set.insert(set.end(), b.begin(), b.end());
    set.insert(set.end(), c.begin(), c.end());
    set.insert(set.end(), a.begin(), a.begin() + 30);  // partial tail, as a fetch cut at max bytes
    for (bool magic0 : {false, true}) {
      auto legacy = DownConvertToV1(set, magic0);
      QVERIFY(legacy.ok());
      Status st;
      auto msgs = Parse(*legacy, &st);
      QVERIFY2(st.ok(), st.ToString().c_str());
      QCOMPARE(msgs.size(), size_t(8));  // control record skipped, partial tail dropped
      QCOMPARE(msgs[0].offset, int64_t(40));
      QCOMPARE(msgs[7].offset, int64_t(47));
      QCOMPARE(msgs[7].magic, int8_t(magic0 ? 0 : 1));
      QCOMPARE(msgs[2].timestamp, magic0 ? int64_t(-1) : int64_t(1700000000002));
      QCOMPARE(Str(*msgs[6].key), std::string("k1"));
      // Up again: same records.
      auto v2 = ConvertLegacyToV2(*legacy);
      QVERIFY(v2.ok());
      QVERIFY(ValidateRecordSet(*v2).ok());
    }
    std::vector<uint8_t> bad = a;
    bad[kMagicOffset] = 1;
    QVERIFY(!DownConvertToV1(bad).ok());
  }

  void kafkaPythonReadsOurBytes() {
    // Down-converted messages and our own v2 batches, decoded by kafka-python.
    auto v2 = MakeBatch(Compression::kNone, 2, 8, 10);
    auto v1 = DownConvertToV1(v2).value();
    auto v0 = DownConvertToV1(v2, true).value();
    QStringList expected1 = {"1 10 1700000000000 k0 value-0v", "1 11 1700000000001 k1 value-1v"};
    QStringList dump1 = KafkaPythonDump(v1);
    QVERIFY2(dump1.size() == 2, qPrintable(dump1.join('|')));
    QCOMPARE(dump1, expected1);
    QStringList expected0 = {"0 10 None k0 value-0v", "0 11 None k1 value-1v"};
    QCOMPARE(KafkaPythonDump(v0), expected0);
    auto gz = MakeBatch(Compression::kGzip, 2, 8, 10);
    QStringList expected2 = {"2 10 1700000000000 k0 value-0v trace=abc", "2 11 1700000000001 k1 value-1v trace=abc"};
    QCOMPARE(KafkaPythonDump(gz), expected2);
  }
};

QTEST_GUILESS_MAIN(TestLegacyMessageSet)
#include "test_legacy_message_set.moc"
