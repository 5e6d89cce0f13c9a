#include "engine/protocol/writer.h"

#include <cstring>

#include "engine/common/endian.h"

namespace partita::protocol {

void Writer::WriteInt16(int16_t v) {
  size_t at = buf_.size();
  buf_.resize(at + 2);
  StoreBe16(buf_.data() + at, static_cast<uint16_t>(v));
}
void Writer::WriteInt32(int32_t v) {
  size_t at = buf_.size();
  buf_.resize(at + 4);
  StoreBe32(buf_.data() + at, static_cast<uint32_t>(v));
}
void Writer::WriteInt64(int64_t v) {
  size_t at = buf_.size();
  buf_.resize(at + 8);
  StoreBe64(buf_.data() + at, static_cast<uint64_t>(v));
}
void Writer::WriteFloat64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  WriteInt64(static_cast<int64_t>(bits));
}
void Writer::PatchInt32(size_t at, int32_t v) { StoreBe32(buf_.data() + at, static_cast<uint32_t>(v)); }

void Writer::WriteUnsignedVarint(uint32_t v) {
  while (v >= 0x80) {
    buf_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  buf_.push_back(static_cast<uint8_t>(v));
}
void Writer::WriteVarint(int32_t v) {
  WriteUnsignedVarint((static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31));
}
void Writer::WriteVarlong(int64_t v) {
  uint64_t u = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (u >= 0x80) {
    buf_.push_back(static_cast<uint8_t>(u | 0x80));
    u >>= 7;
  }
  buf_.push_back(static_cast<uint8_t>(u));
}

static std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

void Writer::WriteString(std::string_view s) {
  WriteInt16(static_cast<int16_t>(s.size()));
  WriteRaw(AsBytes(s));
}
void Writer::WriteNullableString(const std::optional<std::string>& s) {
  if (!s) return WriteInt16(-1);
  WriteString(*s);
}
void Writer::WriteCompactString(std::string_view s) {
  WriteUnsignedVarint(static_cast<uint32_t>(s.size() + 1));
  WriteRaw(AsBytes(s));
}
void Writer::WriteCompactNullableString(const std::optional<std::string>& s) {
  if (!s) return WriteUnsignedVarint(0);
  WriteCompactString(*s);
}
void Writer::WriteBytes(std::span<const uint8_t> b) {
  WriteInt32(static_cast<int32_t>(b.size()));
  WriteRaw(b);
}
void Writer::WriteNullableBytes(const std::optional<std::span<const uint8_t>>& b) {
  if (!b) return WriteInt32(-1);
  WriteBytes(*b);
}
void Writer::WriteCompactBytes(std::span<const uint8_t> b) {
  WriteUnsignedVarint(static_cast<uint32_t>(b.size() + 1));
  WriteRaw(b);
}
void Writer::WriteCompactNullableBytes(const std::optional<std::span<const uint8_t>>& b) {
  if (!b) return WriteUnsignedVarint(0);
  WriteCompactBytes(*b);
}
void Writer::WriteArrayLength(int32_t n) { WriteInt32(n); }
void Writer::WriteCompactArrayLength(int32_t n) {
  WriteUnsignedVarint(n < 0 ? 0u : static_cast<uint32_t>(n) + 1);
}

void Writer::AppendRegion(FileRegion region) {
  if (region.length <= 0) return;
  region_bytes_ += static_cast<size_t>(region.length);
  splices_.push_back(Splice{buf_.size(), std::move(region)});
}

}  // namespace partita::protocol
