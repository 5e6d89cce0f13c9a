// Reader: a bounded cursor over one frame's bytes. It never reads past the end it was given: a read that
// would overrun sets a sticky error, returns a zero value, and every later read is a no-op. Callers decode a
// whole message and check ok() (or status()) once at the end.
// Thread safety: one thread at a time. Does not own the bytes; the frame must outlive returned spans.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::protocol {

using Uuid = std::array<uint8_t, 16>;

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  bool ok() const { return error_.empty(); }
  Status status() const { return ok() ? Status::Ok() : Status::Corruption(error_); }
  size_t remaining() const { return bytes_.size() - pos_; }
  size_t position() const { return pos_; }
  // Marks the reader failed with a reason (e.g. a semantic check by the caller).
  void Fail(std::string_view why);

  bool ReadBool() { return ReadInt8() != 0; }
  int8_t ReadInt8();
  int16_t ReadInt16();
  int32_t ReadInt32();
  int64_t ReadInt64();
  uint16_t ReadUint16();
  uint32_t ReadUint32();
  double ReadFloat64();
  Uuid ReadUuid();
  // Zigzag varints as in record bodies.
  int32_t ReadVarint();
  int64_t ReadVarlong();
  // Unsigned varint as in compact lengths and tagged fields.
  uint32_t ReadUnsignedVarint();

  // Strings: INT16 length (-1 = null). Compact: UNSIGNED_VARINT length+1 (0 = null).
  std::string ReadString();
  std::optional<std::string> ReadNullableString();
  std::string ReadCompactString();
  std::optional<std::string> ReadCompactNullableString();
  // Version-dispatching helpers: flexible versions use the compact forms.
  std::string ReadString(bool flexible) { return flexible ? ReadCompactString() : ReadString(); }
  std::optional<std::string> ReadNullableString(bool flexible) {
    return flexible ? ReadCompactNullableString() : ReadNullableString();
  }

  // Bytes: INT32 length (-1 = null). Returned spans point into the frame.
  std::span<const uint8_t> ReadBytes();
  std::optional<std::span<const uint8_t>> ReadNullableBytes();
  std::span<const uint8_t> ReadCompactBytes();
  std::optional<std::span<const uint8_t>> ReadCompactNullableBytes();
  std::optional<std::span<const uint8_t>> ReadNullableBytes(bool flexible) {
    return flexible ? ReadCompactNullableBytes() : ReadNullableBytes();
  }
  std::span<const uint8_t> ReadBytes(bool flexible) { return flexible ? ReadCompactBytes() : ReadBytes(); }

  // Array lengths: INT32 (-1 = null -> returns -1) or compact (UNSIGNED_VARINT n+1, 0 = null -> -1).
  // The count is checked against the bytes left (each element takes at least min_element_size bytes), so a
  // hostile length never drives a huge allocation.
  int32_t ReadInt32ArrayLength(size_t min_element_size = 1);
  int32_t ReadCompactArrayLength(size_t min_element_size = 1);
  int32_t ReadArrayLength(bool flexible, size_t min_element_size = 1) {
    return flexible ? ReadCompactArrayLength(min_element_size) : ReadInt32ArrayLength(min_element_size);
  }

  // Tagged fields (flexible versions): skips all of them. Unknown tags are ignored as Kafka does.
  void SkipTaggedFields();
  // Reads the raw next n bytes.
  std::span<const uint8_t> ReadSpan(size_t n);
  void Skip(size_t n) { (void)ReadSpan(n); }

 private:
  bool Need(size_t n);
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace partita::protocol
