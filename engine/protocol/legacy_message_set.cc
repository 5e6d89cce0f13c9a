#include "engine/protocol/legacy_message_set.h"

#include <zlib.h>

#include <cstring>
#include <string>

#include "engine/common/endian.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/compression.h"

namespace partita::protocol {
namespace {

struct RawMessage {
  int64_t offset = 0;
  int8_t magic = 0;
  int8_t attributes = 0;
  int64_t timestamp = -1;
  std::optional<std::span<const uint8_t>> key, value;
};

uint32_t Crc32(const uint8_t* p, size_t n) {
  return static_cast<uint32_t>(crc32(0L, p, static_cast<uInt>(n)));
}

bool ReadBytes(const uint8_t*& q, const uint8_t* end, std::optional<std::span<const uint8_t>>* out) {
  if (end - q < 4) return false;
  const int32_t len = static_cast<int32_t>(LoadBe32(q));
  q += 4;
  if (len == -1) {
    out->reset();
    return true;
  }
  if (len < 0 || static_cast<size_t>(len) > static_cast<size_t>(end - q)) return false;
  *out = std::span<const uint8_t>(q, static_cast<size_t>(len));
  q += len;
  return true;
}

// Parses the entry at *pos of `set` and advances *pos past it.
Status ParseEntry(std::span<const uint8_t> set, size_t* pos, RawMessage* m) {
  const size_t left = set.size() - *pos;
  const std::string where = " at byte " + std::to_string(*pos);
  if (left < kLogOverhead) return Status::Corruption("truncated legacy entry" + where);
  const uint8_t* p = set.data() + *pos;
  m->offset = static_cast<int64_t>(LoadBe64(p));
  const int32_t size = static_cast<int32_t>(LoadBe32(p + 8));
  if (size < static_cast<int32_t>(kLegacyV0MinMessageSize)) {
    return Status::Corruption("legacy message size " + std::to_string(size) + " too small" + where);
  }
  if (static_cast<size_t>(size) > left - kLogOverhead) return Status::Corruption("partial legacy message" + where);
  const uint8_t* msg = p + kLogOverhead;
  const uint8_t* end = msg + size;
  m->magic = static_cast<int8_t>(msg[4]);
  if (m->magic != 0 && m->magic != 1) {
    return Status::Corruption("legacy message with magic " + std::to_string(m->magic) + where);
  }
  if (m->magic == 1 && static_cast<size_t>(size) < kLegacyV1MinMessageSize) {
    return Status::Corruption("legacy v1 message too small" + where);
  }
  if (Crc32(msg + 4, static_cast<size_t>(size) - 4) != LoadBe32(msg)) {
    return Status::Corruption("legacy message CRC mismatch" + where);
  }
  m->attributes = static_cast<int8_t>(msg[5]);
  const uint8_t* q = msg + 6;
  m->timestamp = -1;
  if (m->magic == 1) {
    m->timestamp = static_cast<int64_t>(LoadBe64(q));
    q += 8;
  }
  if (!ReadBytes(q, end, &m->key) || !ReadBytes(q, end, &m->value) || q != end) {
    return Status::Corruption("legacy message fields do not match its size" + where);
  }
  *pos += kLogOverhead + static_cast<size_t>(size);
  return Status::Ok();
}

}  // namespace

void AppendLegacyMessage(std::vector<uint8_t>* out, int8_t magic, int64_t offset, int8_t attributes,
                         int64_t timestamp, std::optional<std::span<const uint8_t>> key,
                         std::optional<std::span<const uint8_t>> value) {
  const size_t size = 4 + 1 + 1 + (magic >= 1 ? 8 : 0) + 4 + (key ? key->size() : 0) + 4 + (value ? value->size() : 0);
  const size_t start = out->size();
  out->resize(start + kLogOverhead + size);
  uint8_t* p = out->data() + start;
  StoreBe64(p, static_cast<uint64_t>(offset));
  StoreBe32(p + 8, static_cast<uint32_t>(size));
  uint8_t* q = p + 16;  // after the CRC
  *q++ = static_cast<uint8_t>(magic);
  *q++ = static_cast<uint8_t>(attributes);
  if (magic >= 1) {
    StoreBe64(q, static_cast<uint64_t>(timestamp));
    q += 8;
  }
  for (const auto* b : {&key, &value}) {
    if (!*b) {
      StoreBe32(q, 0xFFFFFFFFu);
      q += 4;
      continue;
    }
    StoreBe32(q, static_cast<uint32_t>((*b)->size()));
    q += 4;
    if (!(*b)->empty()) std::memcpy(q, (*b)->data(), (*b)->size());
    q += (*b)->size();
  }
  StoreBe32(p + 12, Crc32(p + 16, size - 4));
}

Status ForEachLegacyMessage(std::span<const uint8_t> message_set, const std::function<bool(const LegacyMessage&)>& fn,
                            size_t max_decompressed_bytes) {
  std::vector<uint8_t> inner_bytes;
  std::vector<RawMessage> inner;
  size_t decompressed = 0;
  size_t pos = 0;
  if (message_set.empty()) return Status::Corruption("empty legacy message set");
  while (pos < message_set.size()) {
    RawMessage m;
    PARTITA_RETURN_IF_ERROR(ParseEntry(message_set, &pos, &m));
    const int codec = m.attributes & 0x07;
    const bool log_append_time = m.magic == 1 && (m.attributes & 0x08) != 0;
    if (codec == 0) {
      LegacyMessage out{m.offset, m.magic, m.timestamp, log_append_time, Compression::kNone, m.key, m.value};
      if (!fn(out)) return Status::Ok();
      continue;
    }
    if (codec > static_cast<int>(Compression::kLz4)) {
      return Status::Corruption("legacy message with codec " + std::to_string(codec));
    }
    if (!m.value) return Status::Corruption("compressed legacy wrapper without a value");
    const auto compression = static_cast<Compression>(codec);
    PARTITA_RETURN_IF_ERROR(
        DecompressInto(compression, *m.value, max_decompressed_bytes - decompressed, &inner_bytes));
    decompressed += inner_bytes.size();
    inner.clear();
    for (size_t ipos = 0; ipos < inner_bytes.size();) {
      RawMessage im;
      PARTITA_RETURN_IF_ERROR(ParseEntry(inner_bytes, &ipos, &im));
      if (im.magic != m.magic) return Status::Corruption("inner legacy message magic differs from its wrapper");
      if ((im.attributes & 0x07) != 0) return Status::Corruption("nested compressed legacy message");
      inner.push_back(im);
    }
    if (inner.empty()) return Status::Corruption("compressed legacy wrapper with no messages");
    const uint64_t last_relative = static_cast<uint64_t>(inner.back().offset);
    for (const RawMessage& im : inner) {
      LegacyMessage out;
      out.offset = m.magic == 1 ? static_cast<int64_t>(static_cast<uint64_t>(m.offset) - last_relative +
                                                       static_cast<uint64_t>(im.offset))
                                : im.offset;
      out.magic = m.magic;
      out.timestamp = log_append_time ? m.timestamp : im.timestamp;
      out.log_append_time = log_append_time;
      out.wrapper_compression = compression;
      out.key = im.key;
      out.value = im.value;
      if (!fn(out)) return Status::Ok();
    }
  }
  return Status::Ok();
}

Result<std::vector<uint8_t>> ConvertLegacyToV2(std::span<const uint8_t> message_set, size_t max_decompressed_bytes) {
  BatchBuilder builder({});
  bool first = true;
  PARTITA_RETURN_IF_ERROR(ForEachLegacyMessage(
      message_set,
      [&](const LegacyMessage& m) {
        if (first) {
          BatchBuilder::Options o;
          o.compression = m.wrapper_compression;
          o.base_offset = m.offset;
          builder = BatchBuilder(o);
          first = false;
        }
        builder.Append(m.timestamp, m.key, m.value);
        return true;
      },
      max_decompressed_bytes));
  if (builder.record_count() == 0) return Status::Corruption("legacy message set without messages");
  return builder.Build();
}

Result<std::vector<uint8_t>> DownConvertToV1(std::span<const uint8_t> v2_batches, bool magic0,
                                             size_t max_decompressed_bytes) {
  const int8_t magic = magic0 ? 0 : 1;
  std::vector<uint8_t> out;
  out.reserve(v2_batches.size() + v2_batches.size() / 4);
  std::vector<uint8_t> scratch;
  size_t pos = 0;
  while (v2_batches.size() - pos >= kBatchHeaderSize) {
    const auto rest = v2_batches.subspan(pos);
    const BatchHeader h = ReadBatchHeader(rest.data());
    if (h.magic != kMagicV2) return Status::Corruption("down-conversion input is not a v2 batch");
    if (h.batch_length < kMinBatchLength) return Status::Corruption("bad batch length in down-conversion input");
    if (h.total_size() > rest.size()) break;  // partial tail of a size-limited fetch
    pos += h.total_size();
    if (h.control()) continue;  // transaction markers mean nothing to pre-0.11 clients
    const int8_t attributes = magic == 1 && h.log_append_time() ? 0x08 : 0;
    PARTITA_RETURN_IF_ERROR(ForEachRecord(
        rest.first(h.total_size()), &scratch,
        [&](const Record& r) {
          AppendLegacyMessage(&out, magic, r.offset, attributes, r.timestamp, r.key, r.value);
          return true;
        },
        max_decompressed_bytes));
  }
  return out;
}

}  // namespace partita::protocol
