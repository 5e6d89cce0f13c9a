// Zigzag varints of Kafka record bodies (protobuf style), as raw pointer helpers for the record hot paths
// (batch validation, record iteration, batch building) where the sticky-error Reader is more than needed.
// Decoders never read at or past `end`; they return false on a truncated or over-long varint, as Kafka's
// ByteUtils does (at most 5 bytes for a varint, 10 for a varlong).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace partita::protocol::varint {

inline bool Read32(const uint8_t*& p, const uint8_t* end, int32_t* out) {
  uint32_t raw = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (p >= end) return false;
    uint8_t b = *p++;
    raw |= static_cast<uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *out = static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
      return true;
    }
  }
  return false;
}

inline bool Read64(const uint8_t*& p, const uint8_t* end, int64_t* out) {
  uint64_t raw = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (p >= end) return false;
    uint8_t b = *p++;
    raw |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *out = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
      return true;
    }
  }
  return false;
}

inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

inline size_t Size64(int64_t v) {
  uint64_t raw = ZigZag(v);
  size_t n = 1;
  while (raw >= 0x80) {
    raw >>= 7;
    ++n;
  }
  return n;
}
inline size_t Size32(int32_t v) { return Size64(v); }  // zigzag of an int32 fits 5 bytes either way

inline void Append64(std::vector<uint8_t>* out, int64_t v) {
  uint64_t raw = ZigZag(v);
  while (raw >= 0x80) {
    out->push_back(static_cast<uint8_t>(raw | 0x80));
    raw >>= 7;
  }
  out->push_back(static_cast<uint8_t>(raw));
}
inline void Append32(std::vector<uint8_t>* out, int32_t v) { Append64(out, v); }

}  // namespace partita::protocol::varint
