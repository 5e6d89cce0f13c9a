#include "engine/protocol/reader.h"

#include <cstring>

#include "engine/common/endian.h"

namespace partita::protocol {

void Reader::Fail(std::string_view why) {
  if (error_.empty()) error_ = std::string(why) + " at byte " + std::to_string(pos_);
  pos_ = bytes_.size();
}

bool Reader::Need(size_t n) {
  if (!error_.empty()) return false;
  if (bytes_.size() - pos_ < n) {
    Fail("truncated: need " + std::to_string(n) + " bytes, " + std::to_string(bytes_.size() - pos_) + " left");
    return false;
  }
  return true;
}

int8_t Reader::ReadInt8() {
  if (!Need(1)) return 0;
  return static_cast<int8_t>(bytes_[pos_++]);
}
int16_t Reader::ReadInt16() { return static_cast<int16_t>(ReadUint16()); }
uint16_t Reader::ReadUint16() {
  if (!Need(2)) return 0;
  uint16_t v = LoadBe16(bytes_.data() + pos_);
  pos_ += 2;
  return v;
}
uint32_t Reader::ReadUint32() {
  if (!Need(4)) return 0;
  uint32_t v = LoadBe32(bytes_.data() + pos_);
  pos_ += 4;
  return v;
}
int32_t Reader::ReadInt32() { return static_cast<int32_t>(ReadUint32()); }
int64_t Reader::ReadInt64() {
  if (!Need(8)) return 0;
  uint64_t v = LoadBe64(bytes_.data() + pos_);
  pos_ += 8;
  return static_cast<int64_t>(v);
}
double Reader::ReadFloat64() {
  uint64_t bits = static_cast<uint64_t>(ReadInt64());
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}
Uuid Reader::ReadUuid() {
  Uuid u{};
  auto s = ReadSpan(16);
  if (s.size() == 16) std::memcpy(u.data(), s.data(), 16);
  return u;
}

uint32_t Reader::ReadUnsignedVarint() {
  uint32_t value = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (!Need(1)) return 0;
    uint8_t b = bytes_[pos_++];
    value |= static_cast<uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return value;
  }
  Fail("varint longer than 5 bytes");
  return 0;
}

int32_t Reader::ReadVarint() {
  uint32_t raw = ReadUnsignedVarint();
  return static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

int64_t Reader::ReadVarlong() {
  uint64_t raw = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (!Need(1)) return 0;
    uint8_t b = bytes_[pos_++];
    raw |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
  }
  Fail("varlong longer than 10 bytes");
  return 0;
}

std::span<const uint8_t> Reader::ReadSpan(size_t n) {
  if (!Need(n)) return {};
  auto s = bytes_.subspan(pos_, n);
  pos_ += n;
  return s;
}

static std::string ToString(std::span<const uint8_t> s) { return std::string(s.begin(), s.end()); }

std::string Reader::ReadString() {
  int16_t len = ReadInt16();
  if (len < 0) {
    if (len != -1) Fail("negative string length");
    return {};
  }
  return ToString(ReadSpan(static_cast<size_t>(len)));
}

std::optional<std::string> Reader::ReadNullableString() {
  int16_t len = ReadInt16();
  if (len == -1) return std::nullopt;
  if (len < 0) {
    Fail("negative string length");
    return std::nullopt;
  }
  return ToString(ReadSpan(static_cast<size_t>(len)));
}

std::string Reader::ReadCompactString() {
  auto s = ReadCompactNullableString();
  return s ? *s : std::string();
}

std::optional<std::string> Reader::ReadCompactNullableString() {
  uint32_t len = ReadUnsignedVarint();
  if (len == 0) return std::nullopt;
  return ToString(ReadSpan(len - 1));
}

std::span<const uint8_t> Reader::ReadBytes() {
  auto b = ReadNullableBytes();
  return b ? *b : std::span<const uint8_t>();
}

std::optional<std::span<const uint8_t>> Reader::ReadNullableBytes() {
  int32_t len = ReadInt32();
  if (len == -1) return std::nullopt;
  if (len < 0) {
    Fail("negative bytes length");
    return std::nullopt;
  }
  return ReadSpan(static_cast<size_t>(len));
}

std::span<const uint8_t> Reader::ReadCompactBytes() {
  auto b = ReadCompactNullableBytes();
  return b ? *b : std::span<const uint8_t>();
}

std::optional<std::span<const uint8_t>> Reader::ReadCompactNullableBytes() {
  uint32_t len = ReadUnsignedVarint();
  if (len == 0) return std::nullopt;
  return ReadSpan(len - 1);
}

int32_t Reader::ReadInt32ArrayLength(size_t min_element_size) {
  int32_t n = ReadInt32();
  if (n == -1) return -1;
  if (n < 0) {
    Fail("negative array length");
    return 0;
  }
  if (static_cast<size_t>(n) * std::max<size_t>(min_element_size, 1) > remaining()) {
    Fail("array length " + std::to_string(n) + " exceeds the frame");
    return 0;
  }
  return n;
}

int32_t Reader::ReadCompactArrayLength(size_t min_element_size) {
  uint32_t n = ReadUnsignedVarint();
  if (n == 0) return -1;
  n -= 1;
  if (static_cast<size_t>(n) * std::max<size_t>(min_element_size, 1) > remaining()) {
    Fail("array length " + std::to_string(n) + " exceeds the frame");
    return 0;
  }
  return static_cast<int32_t>(n);
}

void Reader::SkipTaggedFields() {
  uint32_t count = ReadUnsignedVarint();
  if (count > remaining()) {
    Fail("tagged field count exceeds the frame");
    return;
  }
  for (uint32_t i = 0; i < count && ok(); ++i) {
    (void)ReadUnsignedVarint();  // tag
    uint32_t size = ReadUnsignedVarint();
    Skip(size);
  }
}

}  // namespace partita::protocol
