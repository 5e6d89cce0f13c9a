// Compression codecs of Kafka record batches (attributes bits 0-2): gzip, snappy, lz4, zstd.
// Wire formats follow what Kafka's Java client writes and reads:
//   gzip   - RFC 1952 gzip stream (decompression also accepts a zlib stream and concatenated gzip members);
//   snappy - xerial framing: "\x82SNAPPY\0", version and compatible-version INT32s, then [INT32 len][raw block]*.
//            Raw (unframed) snappy is accepted on input, as Kafka does, because librdkafka writes it;
//   lz4    - the LZ4 frame format with independent blocks (Kafka's reader rejects dependent blocks);
//   zstd   - a zstd frame, decompressed as a stream since the content size may be absent.
// Decompression is bounded: it stops with Status::InvalidArgument as soon as the output would pass
// max_output bytes, so a decompression bomb costs at most max_output bytes of memory. Bad input is
// Status::Corruption. Never throws, never reads outside the given span.
// Thread safety: free functions without shared state; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::protocol {

// "none", "gzip", "snappy", "lz4", "zstd" (Kafka's compression.type names); "unknown" otherwise.
std::string_view CompressionName(Compression c);
// Parses a compression.type name; "producer" and unknown names are not codecs and return false.
bool ParseCompression(std::string_view name, Compression* out);

// A codec's compression level as Kafka's compression.gzip.level / .lz4.level / .zstd.level name it (KIP-390);
// kDefaultCompressionLevel is the codec library's own default (gzip 6, lz4's fast mode, zstd 3). gzip takes
// -1..9 (-1: default), lz4 1..17 (3 and up: high compression; the library caps it at 12), zstd -131072..22.
// Snappy has no levels and ignores it.
inline constexpr int kDefaultCompressionLevel = std::numeric_limits<int>::min();

Result<std::vector<uint8_t>> Compress(Compression codec, std::span<const uint8_t> input,
                                      int level = kDefaultCompressionLevel);

Result<std::vector<uint8_t>> Decompress(Compression codec, std::span<const uint8_t> input, size_t max_output);

// Same, but writes into *out (cleared first), reusing its capacity: the record reader's scratch buffer.
Status DecompressInto(Compression codec, std::span<const uint8_t> input, size_t max_output,
                      std::vector<uint8_t>* out);

}  // namespace partita::protocol
