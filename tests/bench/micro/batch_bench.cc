// Micro benchmarks of the produce hot path: ValidateRecordSet over a 1 MiB uncompressed record set of
// 100-byte records (shallow and deep), CRC-32C throughput, record iteration, and codec costs.
// Run: build/tests/bench/micro/batch_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "engine/common/crc32c.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/record_batch.h"

using namespace partita;
using namespace partita::protocol;

namespace {

// ~1 MiB of batches (16 records each, like a producer with linger), 100-byte values, 8-byte keys.
std::vector<uint8_t> MakeRecordSet(Compression c, size_t target_bytes, int records_per_batch) {
  std::vector<uint8_t> set;
  std::mt19937 rng(42);
  std::string value(100, 'x');
  int64_t offset = 0;
  while (set.size() < target_bytes) {
    BatchBuilder::Options o;
    o.compression = c;
    o.base_offset = offset;
    BatchBuilder b(o);
    for (int i = 0; i < records_per_batch; ++i) {
      for (size_t j = 0; j < value.size(); j += 4) value[j] = static_cast<char>('a' + rng() % 26);
      std::string key = std::to_string(10000000 + offset + i);
      b.Append(1700000000000 + i, std::span(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
               std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
    }
    offset += records_per_batch;
    auto batch = b.Build().value();
    set.insert(set.end(), batch.begin(), batch.end());
  }
  return set;
}

void BM_ValidateRecordSet(benchmark::State& state) {
  const bool deep = state.range(0) != 0;
  const int per_batch = static_cast<int>(state.range(1));
  auto set = MakeRecordSet(Compression::kNone, 1 << 20, per_batch);
  ValidationOptions o;
  o.deep = deep;
  int64_t records = 0;
  for (auto _ : state) {
    RecordSetCheck check = ValidateRecordSet(set, o);
    if (!check.ok()) state.SkipWithError(check.message.c_str());
    records += check.total_records;
    benchmark::DoNotOptimize(check);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(set.size()));
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ValidateRecordSet)->ArgNames({"deep", "per_batch"})->Args({0, 16})->Args({1, 16})->Args({1, 1000});

void BM_ValidateCompressed(benchmark::State& state) {
  const auto c = static_cast<Compression>(state.range(0));
  auto set = MakeRecordSet(c, 256 << 10, 500);
  for (auto _ : state) {
    RecordSetCheck check = ValidateRecordSet(set);
    if (!check.ok()) state.SkipWithError(check.message.c_str());
    benchmark::DoNotOptimize(check);
  }
  state.SetLabel(std::string(CompressionName(c)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(set.size()));
}
BENCHMARK(BM_ValidateCompressed)->DenseRange(1, 4);

void BM_Crc32c(benchmark::State& state) {
  std::vector<uint8_t> data(static_cast<size_t>(state.range(0)));
  std::mt19937 rng(1);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (auto _ : state) benchmark::DoNotOptimize(Crc32c(data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Crc32c)->Arg(100)->Arg(4096)->Arg(1 << 20);

void BM_ForEachRecord(benchmark::State& state) {
  auto set = MakeRecordSet(Compression::kNone, 1 << 20, 1000);
  RecordSetCheck check = ValidateRecordSet(set);
  std::vector<uint8_t> scratch;
  for (auto _ : state) {
    size_t bytes = 0;
    for (const BatchInfo& b : check.batches) {
      (void)ForEachRecord(std::span(set).subspan(b.position), &scratch, [&](const Record& r) {
        bytes += r.value ? r.value->size() : 0;
        return true;
      });
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(set.size()));
}
BENCHMARK(BM_ForEachRecord);

void BM_BuildBatch(benchmark::State& state) {
  const auto c = static_cast<Compression>(state.range(0));
  std::string value(100, 'v');
  for (auto _ : state) {
    BatchBuilder::Options o;
    o.compression = c;
    BatchBuilder b(o);
    for (int i = 0; i < 1000; ++i) {
      b.Append(1700000000000 + i, std::nullopt,
               std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
    }
    benchmark::DoNotOptimize(b.Build());
  }
  state.SetLabel(std::string(CompressionName(c)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_BuildBatch)->DenseRange(0, 4);

}  // namespace

BENCHMARK_MAIN();
