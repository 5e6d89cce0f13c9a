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

Result<std::vector<uint8_t>> Compress(Compression codec, std::span<const uint8_t> input);

Result<std::vector<uint8_t>> Decompress(Compression codec, std::span<const uint8_t> input, size_t max_output);

// Same, but writes into *out (cleared first), reusing its capacity: the record reader's scratch buffer.
Status DecompressInto(Compression codec, std::span<const uint8_t> input, size_t max_output,
                      std::vector<uint8_t>* out);

}  // namespace partita::protocol
