// Small inline helpers shared by the message codecs in this directory (not a public API).
// Arrays are decoded with a per-element minimum wire size so that a hostile element count is refused by the
// Reader before any allocation; vectors are reserved to the decoded count.
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol::codec {

// Minimum wire sizes used for element-count checks.
inline size_t StrMin(bool flexible) { return flexible ? 1 : 2; }   // empty string
inline size_t ArrMin(bool flexible) { return flexible ? 1 : 4; }   // empty array
inline size_t TagMin(bool flexible) { return flexible ? 1 : 0; }   // empty tagged-field section

// Reads the length of an array that the schema says is never null: null is a protocol error.
inline int32_t ReadCount(Reader& r, bool flexible, size_t min_element_size) {
  int32_t n = r.ReadArrayLength(flexible, min_element_size);
  if (n < 0) {
    if (r.ok()) r.Fail("null for a non-nullable array");
    return 0;
  }
  return n;
}

inline void WriteCount(Writer& w, size_t n, bool flexible) {
  w.WriteArrayLength(static_cast<int32_t>(n), flexible);
}

inline void ReadInt32Array(Reader& r, bool flexible, std::vector<int32_t>& out) {
  int32_t n = ReadCount(r, flexible, 4);
  out.clear();
  out.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) out.push_back(r.ReadInt32());
}

inline void WriteInt32Array(Writer& w, const std::vector<int32_t>& v, bool flexible) {
  WriteCount(w, v.size(), flexible);
  for (int32_t x : v) w.WriteInt32(x);
}

inline void ReadInt64Array(Reader& r, bool flexible, std::vector<int64_t>& out) {
  int32_t n = ReadCount(r, flexible, 8);
  out.clear();
  out.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) out.push_back(r.ReadInt64());
}

inline void WriteInt64Array(Writer& w, const std::vector<int64_t>& v, bool flexible) {
  WriteCount(w, v.size(), flexible);
  for (int64_t x : v) w.WriteInt64(x);
}

inline void ReadStringArray(Reader& r, bool flexible, std::vector<std::string>& out) {
  int32_t n = ReadCount(r, flexible, StrMin(flexible));
  out.clear();
  out.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) out.push_back(r.ReadString(flexible));
}

inline void WriteStringArray(Writer& w, const std::vector<std::string>& v, bool flexible) {
  WriteCount(w, v.size(), flexible);
  for (const auto& s : v) w.WriteString(s, flexible);
}

// Nullable array of strings (null = "all", e.g. DescribeConfigs configuration keys).
inline void ReadNullableStringArray(Reader& r, bool flexible, std::optional<std::vector<std::string>>& out) {
  int32_t n = r.ReadArrayLength(flexible, StrMin(flexible));
  if (n < 0) {
    out.reset();
    return;
  }
  out.emplace();
  out->reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) out->push_back(r.ReadString(flexible));
}

inline void WriteNullableStringArray(Writer& w, const std::optional<std::vector<std::string>>& v, bool flexible) {
  if (!v) {
    w.WriteArrayLength(-1, flexible);
    return;
  }
  WriteStringArray(w, *v, flexible);
}

}  // namespace partita::protocol::codec
