// Helpers shared by the record-batch tests: hex decoding and byte-span conversions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/protocol/batch_builder.h"

namespace partita::protocol::testing {

inline std::vector<uint8_t> FromHex(std::string_view hex) {
  auto nibble = [](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    return static_cast<uint8_t>(c - 'a' + 10);
  };
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return out;
}

inline std::span<const uint8_t> Span(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

inline std::string Str(std::span<const uint8_t> s) { return std::string(s.begin(), s.end()); }

// A batch of `n` records with keys "k<i>", values "value-<i>" padded to `value_size`, one header each.
inline std::vector<uint8_t> MakeBatch(Compression c, int n, size_t value_size = 20, int64_t base_offset = 0) {
  BatchBuilder::Options o;
  o.compression = c;
  o.base_offset = base_offset;
  BatchBuilder b(o);
  for (int i = 0; i < n; ++i) {
    // Appended rather than "k" + to_string(i): GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string key("k");
    key += std::to_string(i);
    std::string value("value-");
    value += std::to_string(i);
    value.resize(std::max(value.size(), value_size), 'v');
    Header h{Span("trace"), Span("abc")};
    b.Append(1700000000000 + i, Span(key), Span(value), std::span<const Header>(&h, 1));
  }
  return b.Build().value();
}

}  // namespace partita::protocol::testing
