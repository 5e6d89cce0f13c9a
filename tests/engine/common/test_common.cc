// Unit tests for engine/common and the protocol Reader/Writer primitives.
#include <QtTest>

#include "engine/common/crc32c.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

using namespace partita;
using namespace partita::protocol;

class TestCommon : public QObject {
  Q_OBJECT
 private slots:
  void crc32cMatchesKafkaCheckValue() {
    const std::string s = "123456789";
    QCOMPARE(Crc32c({reinterpret_cast<const uint8_t*>(s.data()), s.size()}), 0xE3069283u);
    auto* p = reinterpret_cast<const uint8_t*>(s.data());
    QCOMPARE(Crc32cExtend(Crc32c({p, 4}), {p + 4, 5}), 0xE3069283u);
  }

  void varintsRoundTrip() {
    Writer w;
    const int32_t ints[] = {0, -1, 1, 63, -64, 64, 300, INT32_MAX, INT32_MIN};
    const int64_t longs[] = {0, -1, INT64_MAX, INT64_MIN, 1LL << 40};
    for (int32_t v : ints) w.WriteVarint(v);
    for (int64_t v : longs) w.WriteVarlong(v);
    w.WriteUnsignedVarint(0xFFFFFFFFu);
    Reader r(w.bytes());
    for (int32_t v : ints) QCOMPARE(r.ReadVarint(), v);
    for (int64_t v : longs) QCOMPARE(r.ReadVarlong(), v);
    QCOMPARE(r.ReadUnsignedVarint(), 0xFFFFFFFFu);
    QVERIFY(r.ok());
    QCOMPARE(r.remaining(), size_t(0));
  }

  void zigzagGoldenBytes() {
    Writer w;
    w.WriteVarint(-1);
    w.WriteVarint(150);
    QCOMPARE(w.bytes(), (std::vector<uint8_t>{0x01, 0xAC, 0x02}));
  }

  void readerNeverReadsPastTheFrame() {
    const uint8_t bytes[] = {0x00, 0x05, 'a', 'b'};  // string claims 5 bytes, only 2 present
    Reader r(bytes);
    QCOMPARE(r.ReadString(), std::string());
    QVERIFY(!r.ok());
    QCOMPARE(r.ReadInt32(), 0);  // sticky: later reads are no-ops
    QVERIFY(r.status().IsCorruption());
  }

  void hostileArrayLengthIsRefused() {
    const uint8_t bytes[] = {0x7F, 0xFF, 0xFF, 0xFF, 0x00};
    Reader r(bytes);
    QCOMPARE(r.ReadInt32ArrayLength(4), 0);
    QVERIFY(!r.ok());
  }

  void compactAndNullableForms() {
    Writer w;
    w.WriteCompactNullableString(std::nullopt);
    w.WriteCompactString("kafka");
    w.WriteNullableString(std::nullopt);
    w.WriteCompactArrayLength(-1);
    w.WriteCompactArrayLength(3);
    w.WriteRaw(std::vector<uint8_t>{1, 2, 3});  // three one-byte elements
    Reader r(w.bytes());
    QVERIFY(!r.ReadCompactNullableString().has_value());
    QCOMPARE(r.ReadCompactString(), std::string("kafka"));
    QVERIFY(!r.ReadNullableString().has_value());
    QCOMPARE(r.ReadCompactArrayLength(0), -1);
    QCOMPARE(r.ReadCompactArrayLength(1), 3);
    r.Skip(3);
    QVERIFY(r.ok());
  }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "test_common.moc"
