// Compression codecs: round trips, Kafka's wire framings (gzip header, xerial snappy, lz4 frame), raw
// snappy input, truncated and garbage input, and the output bound that stops decompression bombs.
#include <QtTest>

#include <random>

#include "engine/common/endian.h"
#include "engine/protocol/compression.h"
#include "tests/engine/batch/batch_test_util.h"

using namespace partita;
using namespace partita::protocol;
using namespace partita::protocol::testing;

#include <snappy.h>

namespace {

const Compression kCodecs[] = {Compression::kGzip, Compression::kSnappy, Compression::kLz4, Compression::kZstd};

std::vector<uint8_t> Sample(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> out(n);
  // Half text-like (compressible), half random.
  for (size_t i = 0; i < n; ++i) out[i] = (i / 512) % 2 ? static_cast<uint8_t>(rng()) : "kafka record "[i % 13];
  return out;
}

}  // namespace

class TestCompression : public QObject {
  Q_OBJECT
 private slots:
  void roundTripSizes() {
    for (Compression c : kCodecs) {
      for (size_t n : {size_t(0), size_t(1), size_t(100), size_t(32 * 1024), size_t(32 * 1024 + 1), size_t(1 << 20)}) {
        auto in = Sample(n, static_cast<uint32_t>(n));
        auto z = Compress(c, in);
        QVERIFY(z.ok());
        auto out = Decompress(c, *z, n + 1);
        QVERIFY2(out.ok(), out.status().ToString().c_str());
        QCOMPARE(*out, in);
      }
    }
  }

  void namesParse() {
    Compression c;
    QVERIFY(ParseCompression("zstd", &c) && c == Compression::kZstd);
    QVERIFY(ParseCompression("uncompressed", &c) && c == Compression::kNone);
    QVERIFY(!ParseCompression("producer", &c));
    QCOMPARE(CompressionName(Compression::kLz4), std::string_view("lz4"));
  }

  void wireFramings() {
    auto in = Sample(100 * 1024, 7);
    auto gz = Compress(Compression::kGzip, in).value();
    QCOMPARE(gz[0], uint8_t(0x1f));  // gzip, not bare zlib: Java's GZIPInputStream needs the header
    QCOMPARE(gz[1], uint8_t(0x8b));
    auto sn = Compress(Compression::kSnappy, in).value();
    const uint8_t xerial[] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
    QVERIFY(std::equal(std::begin(xerial), std::end(xerial), sn.begin()));
    // The first block holds 32 KiB of input, as the Java producer writes.
    size_t first = LoadBe32(sn.data() + 16);
    size_t ulen = 0;
    QVERIFY(snappy::GetUncompressedLength(reinterpret_cast<const char*>(sn.data() + 20), first, &ulen));
    QCOMPARE(ulen, size_t(32 * 1024));
    auto lz = Compress(Compression::kLz4, in).value();
    QCOMPARE(LoadBe32(lz.data()), 0x04224D18u);  // LZ4 frame magic 0x184D2204, little endian on the wire
    QVERIFY(lz[4] & 0x20);                       // FLG: independent blocks
    auto zs = Compress(Compression::kZstd, in).value();
    QCOMPARE(LoadBe32(zs.data()), 0x28B52FFDu);
  }

  void rawSnappyAccepted() {
    // librdkafka writes plain snappy blocks without the xerial header; Kafka accepts both.
    auto in = Sample(5000, 3);
    std::string raw;
    snappy::Compress(reinterpret_cast<const char*>(in.data()), in.size(), &raw);
    auto out = Decompress(Compression::kSnappy, Span(raw), 1 << 20);
    QVERIFY(out.ok());
    QCOMPARE(*out, in);
  }

  void gzipConcatenatedMembersAndZlib() {
    auto a = Sample(1000, 1), b = Sample(2000, 2);
    auto za = Compress(Compression::kGzip, a).value(), zb = Compress(Compression::kGzip, b).value();
    za.insert(za.end(), zb.begin(), zb.end());
    auto out = Decompress(Compression::kGzip, za, 1 << 20);
    QVERIFY(out.ok());
    a.insert(a.end(), b.begin(), b.end());
    QCOMPARE(*out, a);
  }

  void outputBoundStopsBombs() {
    std::vector<uint8_t> zeros(size_t(16) << 20, 0);
    for (Compression c : kCodecs) {
      auto z = Compress(c, zeros).value();
      QVERIFY(z.size() < zeros.size() / 16);
      auto out = Decompress(c, z, 1 << 20);
      QVERIFY2(!out.ok(), CompressionName(c).data());
      QCOMPARE(out.status().code(), Status::Code::kInvalidArgument);
      auto exact = Decompress(c, z, zeros.size());  // the bound is inclusive
      QVERIFY(exact.ok());
      QCOMPARE(exact->size(), zeros.size());
      auto under = Decompress(c, z, zeros.size() - 1);
      QVERIFY(!under.ok());
    }
    // A snappy block that claims 4 GiB is refused before any allocation.
    std::vector<uint8_t> claim = {0x80, 0x80, 0x80, 0x80, 0x0F, 0x00};
    auto out = Decompress(Compression::kSnappy, claim, 1 << 20);
    QCOMPARE(out.status().code(), Status::Code::kInvalidArgument);
  }

  void truncatedAndGarbageInputIsCorruption() {
    auto in = Sample(50000, 9);
    for (Compression c : kCodecs) {
      auto z = Compress(c, in).value();
      for (size_t cut : {size_t(0), size_t(3), z.size() / 2, z.size() - 1}) {
        auto out = Decompress(c, std::span(z).first(cut), 1 << 20);
        QVERIFY2(!out.ok(), CompressionName(c).data());
        // Never a "success" with the wrong bytes. (A cut inside snappy's xerial stream at a block boundary
        // would be a valid shorter stream; these cuts are not on one.)
      }
      auto garbage = Sample(4096, 11);
      auto out = Decompress(c, garbage, 1 << 20);
      QVERIFY(!out.ok());
      QVERIFY(out.status().IsCorruption() || out.status().code() == Status::Code::kInvalidArgument);
    }
    QVERIFY(Decompress(static_cast<Compression>(6), in, 1 << 20).status().IsCorruption());
  }

  void mutatedStreamsNeverCrash() {
    auto in = Sample(20000, 5);
    std::mt19937 rng(1234);
    for (Compression c : kCodecs) {
      auto z = Compress(c, in).value();
      for (int iter = 0; iter < 300; ++iter) {
        auto m = z;
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f) m[rng() % m.size()] = static_cast<uint8_t>(rng());
        auto out = Decompress(c, m, 1 << 20);
        if (out.ok()) QVERIFY(out->size() <= size_t(1 << 20));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestCompression)
#include "test_compression.moc"
