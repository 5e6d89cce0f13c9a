// Deterministic mutation fuzzing of ValidateRecordSet / ForEachRecord / RecompressBatch: thousands of
// mutated batches (bit flips, byte sets, truncation, splices, varint-shaped garbage) for every codec must
// never crash, hang or report success for bytes whose records cannot be iterated. Bounded and seeded, so it
// runs in CI; libFuzzer targets take over for long runs.
#include <QtTest>

#include <random>

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/record_batch.h"
#include "tests/engine/batch/batch_test_util.h"

using namespace partita;
using namespace partita::protocol;
using namespace partita::protocol::testing;

namespace {

std::vector<uint8_t> Mutate(std::vector<uint8_t> b, std::mt19937& rng, bool fix_crc) {
  const int kind = static_cast<int>(rng() % 6);
  if (b.empty()) return b;
  switch (kind) {
    case 0: b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
    case 1:
      for (int i = 0; i < 8; ++i) b[rng() % b.size()] = static_cast<uint8_t>(rng());
      break;
    case 2: b.resize(rng() % b.size()); break;
    case 3: {  // a run of 0xFF: the worst shape for varints
      size_t at = rng() % b.size();
      for (size_t i = at; i < std::min(b.size(), at + 1 + rng() % 12); ++i) b[i] = 0xFF;
      break;
    }
    case 4: {  // duplicate a slice somewhere else
      size_t from = rng() % b.size(), len = rng() % 64, to = rng() % b.size();
      std::vector<uint8_t> slice(b.begin() + from, b.begin() + std::min(b.size(), from + len));
      b.insert(b.begin() + to, slice.begin(), slice.end());
      break;
    }
    default: {  // mutate only the records area (past the header), where the CRC is what protects us
      if (b.size() > kBatchHeaderSize) {
        b[kBatchHeaderSize + rng() % (b.size() - kBatchHeaderSize)] = static_cast<uint8_t>(rng());
      }
      break;
    }
  }
  // Fixing the CRC lets the mutation reach the record parser instead of stopping at the checksum.
  if (fix_crc && b.size() >= kBatchHeaderSize) {
    size_t len = LoadBe32(b.data() + kBatchLengthOffset) + kLogOverhead;
    if (len <= b.size() && len >= kBatchHeaderSize) StoreBe32(b.data() + kCrcOffset, ComputeBatchCrc(std::span(b).first(len)));
  }
  return b;
}

// Null keys and values, headers with null values: the other record shape worth mutating.
std::vector<uint8_t> NullsBatch(Compression c) {
  BatchBuilder::Options o;
  o.compression = c;
  BatchBuilder b(o);
  Header hs[] = {{Span("h1"), std::nullopt}, {Span(""), Span("v")}};
  for (int i = 0; i < 3; ++i) b.Append(-5 + i * 1000000, std::nullopt, std::nullopt, hs);
  return b.Build().value();
}

}  // namespace

class TestBatchFuzz : public QObject {
  Q_OBJECT
 private slots:
  void mutatedBatchesNeverCrash() {
    std::mt19937 rng(20240601);
    int accepted = 0, rejected = 0;
    for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kSnappy, Compression::kLz4,
                          Compression::kZstd}) {
      const std::vector<std::vector<uint8_t>> seeds = {MakeBatch(c, 1, 5), MakeBatch(c, 20, 40),
                                                       NullsBatch(c)};
      for (const auto& seed : seeds) {
        for (int iter = 0; iter < 1500; ++iter) {
          auto m = Mutate(seed, rng, iter % 2 == 0);
          if (iter % 7 == 0) m = Mutate(m, rng, true);  // stacked mutations
          ValidationOptions o;
          o.max_decompressed_bytes = 1 << 20;
          o.client_origin = iter % 3 != 0;
          RecordSetCheck check = ValidateRecordSet(m, o);
          std::vector<uint8_t> scratch;
          int64_t seen = 0;
          Status st = ForEachRecord(m, &scratch, [&](const Record& r) {
            seen += static_cast<int64_t>(r.headers.size()) + 1;
            return true;
          }, 1 << 20);
          if (check.ok()) {
            ++accepted;
            // Whatever validation accepts, the reader must be able to walk.
            QVERIFY2(st.ok(), st.ToString().c_str());
            auto re = RecompressBatch(m, Compression::kZstd, 1 << 20);
            QVERIFY(re.ok());
            QVERIFY(ValidateRecordSet(*re, o).ok());
          } else {
            ++rejected;
            QVERIFY(!check.message.empty());
          }
        }
      }
    }
    QVERIFY(rejected > 1000);
    QVERIFY(accepted > 100);  // some mutations (baseOffset, epoch, values) are harmless
  }

};

QTEST_GUILESS_MAIN(TestBatchFuzz)
#include "test_batch_fuzz.moc"
