// libFuzzer target: the four decompressors of record batches. The first byte picks the codec
// (1 gzip, 2 snappy: xerial framing or raw, 3 lz4 frame, 4 zstd; other values wrap around), the rest is the
// compressed input. Output is bounded as in the broker; the oracle: a successful result never exceeds the bound,
// and compressing it again then decompressing gives it back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "engine/protocol/compression.h"

using namespace partita::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  constexpr size_t kMaxOutput = 1u << 20;
  const auto codec = static_cast<Compression>(1 + data[0] % 4);
  auto out = Decompress(codec, std::span<const uint8_t>(data + 1, size - 1), kMaxOutput);
  if (!out.ok()) return 0;
  if (out.value().size() > kMaxOutput) abort();
  auto again = Compress(codec, out.value());
  if (!again.ok()) abort();
  auto back = Decompress(codec, again.value(), kMaxOutput);
  if (!back.ok() || back.value() != out.value()) abort();
  return 0;
}
