// Generic array and owned-bytes helpers for the message codecs in this directory (not a public API); they
// complement codec_util.h. Element decoders are lambdas so that each message states its own field order, and
// every count is checked by the Reader against a per-element minimum wire size before anything is allocated.
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol::codec {

// Non-nullable array: null is a protocol error (ReadCount).
template <typename T, typename F>
void ReadArray(Reader& r, bool flexible, size_t min_element_size, std::vector<T>& out, F&& read_element) {
  int32_t n = ReadCount(r, flexible, min_element_size);
  out.clear();
  out.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) read_element(out.emplace_back());
}

template <typename T, typename F>
void WriteArray(Writer& w, bool flexible, const std::vector<T>& v, F&& write_element) {
  WriteCount(w, v.size(), flexible);
  for (const T& e : v) write_element(e);
}

// Nullable array: null decodes to nullopt.
template <typename T, typename F>
void ReadNullableArray(Reader& r, bool flexible, size_t min_element_size, std::optional<std::vector<T>>& out,
                       F&& read_element) {
  int32_t n = r.ReadArrayLength(flexible, min_element_size);
  out.reset();
  if (n < 0) return;
  out.emplace();
  out->reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) read_element(out->emplace_back());
}

template <typename T, typename F>
void WriteNullableArray(Writer& w, bool flexible, const std::optional<std::vector<T>>& v, F&& write_element) {
  if (!v) {
    w.WriteArrayLength(-1, flexible);
    return;
  }
  WriteArray(w, flexible, *v, write_element);
}

inline void ReadNullableInt32Array(Reader& r, bool flexible, std::optional<std::vector<int32_t>>& out) {
  ReadNullableArray(r, flexible, 4, out, [&r](int32_t& x) { x = r.ReadInt32(); });
}

inline void WriteNullableInt32Array(Writer& w, const std::optional<std::vector<int32_t>>& v, bool flexible) {
  WriteNullableArray(w, flexible, v, [&w](int32_t x) { w.WriteInt32(x); });
}

// BYTES copied out of the frame: group-protocol metadata and assignments outlive the request that carried them.
// A null where the schema says non-nullable is a protocol error, as in Kafka's generated readers.
inline std::vector<uint8_t> ReadOwnedBytes(Reader& r, bool flexible) {
  std::optional<std::span<const uint8_t>> s = r.ReadNullableBytes(flexible);
  if (!s) {
    if (r.ok()) r.Fail("null for non-nullable bytes");
    return {};
  }
  return std::vector<uint8_t>(s->begin(), s->end());
}

inline void WriteOwnedBytes(Writer& w, const std::vector<uint8_t>& b, bool flexible) {
  w.WriteBytes(std::span<const uint8_t>(b.data(), b.size()), flexible);
}

inline std::optional<std::vector<uint8_t>> ReadOwnedNullableBytes(Reader& r, bool flexible) {
  std::optional<std::span<const uint8_t>> s = r.ReadNullableBytes(flexible);
  if (!s) return std::nullopt;
  return std::vector<uint8_t>(s->begin(), s->end());
}

inline void WriteOwnedNullableBytes(Writer& w, const std::optional<std::vector<uint8_t>>& b, bool flexible) {
  std::optional<std::span<const uint8_t>> s;
  if (b) s = std::span<const uint8_t>(b->data(), b->size());
  flexible ? w.WriteCompactNullableBytes(s) : w.WriteNullableBytes(s);
}

}  // namespace partita::protocol::codec
