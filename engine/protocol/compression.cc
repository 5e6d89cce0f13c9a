#include "engine/protocol/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "engine/common/endian.h"

namespace partita::protocol {
namespace {

constexpr uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr size_t kXerialHeaderSize = 16;      // magic + version INT32 + compatible version INT32
constexpr size_t kSnappyBlockSize = 32 * 1024;  // what Kafka's Java producer uses

// The output buffer grows in steps up to `limit` = max_output + 1 bytes: reaching the extra byte proves the
// input expands past max_output without ever holding more than that in memory.
class BoundedOutput {
 public:
  BoundedOutput(std::vector<uint8_t>* out, size_t max_output, size_t input_size)
      : out_(out), max_output_(max_output),
        limit_(max_output == std::numeric_limits<size_t>::max() ? max_output : max_output + 1) {
    out_->clear();
    size_t first = std::max<size_t>(64 * 1024, input_size <= (limit_ / 4) ? input_size * 4 : limit_);
    out_->resize(std::min(first, limit_));
  }
  // Room left after `produced` bytes; grows the buffer if it is full. 0 means the limit is reached.
  size_t Room(size_t produced) {
    if (produced >= out_->size() && out_->size() < limit_) {
      size_t next = out_->size() > limit_ / 2 ? limit_ : out_->size() * 2;
      out_->resize(std::max(next, out_->size() + 1));
    }
    return out_->size() - produced;
  }
  // Makes the buffer hold at least `total` bytes; false if that passes the limit.
  bool Ensure(size_t total) {
    if (total > limit_) return false;
    if (out_->size() < total) out_->resize(std::max(total, std::min(out_->size() * 2, limit_)));
    return true;
  }
  uint8_t* At(size_t produced) { return out_->data() + produced; }
  // Finishes with `produced` bytes: too many is the bomb case.
  Status Finish(size_t produced) {
    if (produced > max_output_) return TooLarge();
    out_->resize(produced);
    return Status::Ok();
  }
  Status TooLarge() const {
    out_->clear();
    return Status::InvalidArgument("decompressed data exceeds " + std::to_string(max_output_) + " bytes");
  }
  bool Full(size_t produced) const { return produced >= limit_; }

 private:
  std::vector<uint8_t>* out_;
  size_t max_output_;
  size_t limit_;
};

Status Corrupt(std::string_view codec, std::string_view why) {
  return Status::Corruption(std::string(codec) + ": " + std::string(why));
}

// ---- gzip ----
Result<std::vector<uint8_t>> GzipCompress(std::span<const uint8_t> in, int level) {
  z_stream zs{};
  if (level == kDefaultCompressionLevel) level = Z_DEFAULT_COMPRESSION;
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::IOError("gzip: deflateInit2 failed");
  }
  std::vector<uint8_t> out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::IOError("gzip: deflate did not finish");
  out.resize(produced);
  return out;
}

Status GzipDecompress(std::span<const uint8_t> in, BoundedOutput& out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::IOError("gzip: inflateInit2 failed");  // gzip or zlib
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  size_t produced = 0;
  while (true) {
    size_t room = out.Room(produced);
    if (room == 0) return out.TooLarge();
    uInt chunk = static_cast<uInt>(std::min<size_t>(room, 1u << 30));
    zs.next_out = out.At(produced);
    zs.avail_out = chunk;
    int rc = inflate(&zs, Z_NO_FLUSH);
    produced += chunk - zs.avail_out;
    if (out.Full(produced)) return out.TooLarge();
    if (rc == Z_STREAM_END) {
      // Java's GZIPInputStream reads concatenated members and ignores trailing garbage; do the same.
      if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        if (inflateReset(&zs) != Z_OK) return Corrupt("gzip", "reset failed");
        continue;
      }
      return out.Finish(produced);
    }
    if (rc == Z_BUF_ERROR) {
      if (zs.avail_in == 0) return Corrupt("gzip", "truncated stream");
      continue;  // output was full; Room() grows it
    }
    if (rc != Z_OK) return Corrupt("gzip", zs.msg ? zs.msg : "inflate failed");
  }
}

// ---- snappy (xerial framing) ----
Result<std::vector<uint8_t>> SnappyCompress(std::span<const uint8_t> in) {
  std::vector<uint8_t> out(kXerialHeaderSize);
  std::memcpy(out.data(), kXerialMagic, 8);
  StoreBe32(out.data() + 8, 1);   // version
  StoreBe32(out.data() + 12, 1);  // minimum compatible version
  for (size_t pos = 0; pos < in.size(); pos += kSnappyBlockSize) {
    size_t n = std::min(kSnappyBlockSize, in.size() - pos);
    size_t at = out.size();
    out.resize(at + 4 + snappy::MaxCompressedLength(n));
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data() + pos), n,
                        reinterpret_cast<char*>(out.data() + at + 4), &written);
    StoreBe32(out.data() + at, static_cast<uint32_t>(written));
    out.resize(at + 4 + written);
  }
  return out;
}

Status SnappyBlock(const uint8_t* p, size_t n, BoundedOutput& out, size_t* produced, size_t max_output) {
  size_t length = 0;
  if (!snappy::GetUncompressedLength(reinterpret_cast<const char*>(p), n, &length)) {
    return Corrupt("snappy", "bad block header");
  }
  if (length > max_output - *produced || !out.Ensure(*produced + length)) return out.TooLarge();
  if (!snappy::RawUncompress(reinterpret_cast<const char*>(p), n, reinterpret_cast<char*>(out.At(*produced)))) {
    return Corrupt("snappy", "bad block");
  }
  *produced += length;
  return Status::Ok();
}

Status SnappyDecompress(std::span<const uint8_t> in, BoundedOutput& out, size_t max_output) {
  size_t produced = 0;
  if (in.size() < kXerialHeaderSize || std::memcmp(in.data(), kXerialMagic, 8) != 0) {
    PARTITA_RETURN_IF_ERROR(SnappyBlock(in.data(), in.size(), out, &produced, max_output));
    return out.Finish(produced);
  }
  size_t pos = kXerialHeaderSize;
  while (pos < in.size()) {
    if (in.size() - pos < 4) return Corrupt("snappy", "truncated block length");
    size_t n = LoadBe32(in.data() + pos);
    pos += 4;
    if (n > in.size() - pos) return Corrupt("snappy", "truncated block");
    PARTITA_RETURN_IF_ERROR(SnappyBlock(in.data() + pos, n, out, &produced, max_output));
    pos += n;
  }
  return out.Finish(produced);
}

// ---- lz4 frame ----
Result<std::vector<uint8_t>> Lz4Compress(std::span<const uint8_t> in, int level) {
  LZ4F_preferences_t prefs;
  std::memset(&prefs, 0, sizeof(prefs));
  if (level != kDefaultCompressionLevel) prefs.compressionLevel = level;
  prefs.frameInfo.blockSizeID = LZ4F_max64KB;
  prefs.frameInfo.blockMode = LZ4F_blockIndependent;
  std::vector<uint8_t> out(LZ4F_compressFrameBound(in.size(), &prefs));
  size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), &prefs);
  if (LZ4F_isError(n)) return Status::IOError(std::string("lz4: ") + LZ4F_getErrorName(n));
  out.resize(n);
  return out;
}

Status Lz4Decompress(std::span<const uint8_t> in, BoundedOutput& out) {
  LZ4F_dctx* ctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) return Status::IOError("lz4: no context");
  std::unique_ptr<LZ4F_dctx, size_t (*)(LZ4F_dctx*)> guard(ctx, LZ4F_freeDecompressionContext);
  size_t in_pos = 0, produced = 0, hint = 1;
  while (!(hint == 0 && in_pos == in.size())) {
    size_t room = out.Room(produced);
    if (room == 0) return out.TooLarge();
    size_t src = in.size() - in_pos, dst = room;
    hint = LZ4F_decompress(ctx, out.At(produced), &dst, in.data() + in_pos, &src, nullptr);
    if (LZ4F_isError(hint)) return Corrupt("lz4", LZ4F_getErrorName(hint));
    in_pos += src;
    produced += dst;
    if (out.Full(produced)) return out.TooLarge();
    if (src == 0 && dst == 0 && hint != 0) return Corrupt("lz4", "truncated frame");
  }
  return out.Finish(produced);
}

// ---- zstd ----
Result<std::vector<uint8_t>> ZstdCompress(std::span<const uint8_t> in, int level) {
  std::vector<uint8_t> out(ZSTD_compressBound(in.size()));
  if (level == kDefaultCompressionLevel) level = ZSTD_CLEVEL_DEFAULT;
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), level);
  if (ZSTD_isError(n)) return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Status ZstdDecompress(std::span<const uint8_t> in, BoundedOutput& out, size_t max_output) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!ctx) return Status::IOError("zstd: no context");
  // A hostile frame header may ask for a huge window; allow what max_output needs (at least 8 MiB, the
  // window a streaming producer uses at default levels) and never more than zstd's default 128 MiB.
  int window_log = 23;
  while (window_log < 27 && (size_t{1} << window_log) < max_output) ++window_log;
  ZSTD_DCtx_setParameter(ctx.get(), ZSTD_d_windowLogMax, window_log);
  ZSTD_inBuffer src{in.data(), in.size(), 0};
  size_t produced = 0;
  while (true) {
    size_t room = out.Room(produced);
    if (room == 0) return out.TooLarge();
    ZSTD_outBuffer dst{out.At(produced), room, 0};
    size_t rc = ZSTD_decompressStream(ctx.get(), &dst, &src);
    if (ZSTD_isError(rc)) return Corrupt("zstd", ZSTD_getErrorName(rc));
    produced += dst.pos;
    if (out.Full(produced)) return out.TooLarge();
    if (rc == 0 && src.pos == src.size) return out.Finish(produced);
    if (src.pos == src.size && dst.pos < dst.size) return Corrupt("zstd", "truncated frame");
  }
}

}  // namespace

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kSnappy: return "snappy";
    case Compression::kLz4: return "lz4";
    case Compression::kZstd: return "zstd";
  }
  return "unknown";
}

bool ParseCompression(std::string_view name, Compression* out) {
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kSnappy, Compression::kLz4,
                        Compression::kZstd}) {
    if (name == CompressionName(c)) {
      *out = c;
      return true;
    }
  }
  if (name == "uncompressed") {  // topic-level alias Kafka accepts
    *out = Compression::kNone;
    return true;
  }
  return false;
}

Result<std::vector<uint8_t>> Compress(Compression codec, std::span<const uint8_t> input, int level) {
  if (input.size() > std::numeric_limits<uint32_t>::max()) return Status::InvalidArgument("input over 4 GiB");
  switch (codec) {
    case Compression::kNone: return std::vector<uint8_t>(input.begin(), input.end());
    case Compression::kGzip: return GzipCompress(input, level);
    case Compression::kSnappy: return SnappyCompress(input);
    case Compression::kLz4: return Lz4Compress(input, level);
    case Compression::kZstd: return ZstdCompress(input, level);
  }
  return Status::Unsupported("unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

Status DecompressInto(Compression codec, std::span<const uint8_t> input, size_t max_output,
                      std::vector<uint8_t>* out) {
  if (input.size() > std::numeric_limits<uint32_t>::max()) return Status::InvalidArgument("input over 4 GiB");
  if (codec == Compression::kNone) {
    if (input.size() > max_output) return Status::InvalidArgument("data exceeds the output limit");
    out->assign(input.begin(), input.end());
    return Status::Ok();
  }
  if (codec != Compression::kGzip && codec != Compression::kSnappy && codec != Compression::kLz4 &&
      codec != Compression::kZstd) {
    return Status::Corruption("unknown compression codec " + std::to_string(static_cast<int>(codec)));
  }
  BoundedOutput bounded(out, max_output, input.size());
  switch (codec) {
    case Compression::kGzip: return GzipDecompress(input, bounded);
    case Compression::kSnappy: return SnappyDecompress(input, bounded, max_output);
    case Compression::kLz4: return Lz4Decompress(input, bounded);
    default: return ZstdDecompress(input, bounded, max_output);
  }
}

Result<std::vector<uint8_t>> Decompress(Compression codec, std::span<const uint8_t> input, size_t max_output) {
  std::vector<uint8_t> out;
  PARTITA_RETURN_IF_ERROR(DecompressInto(codec, input, max_output, &out));
  return out;
}

}  // namespace partita::protocol
