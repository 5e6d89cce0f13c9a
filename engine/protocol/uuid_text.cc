#include "engine/protocol/uuid_text.h"

namespace partita::protocol {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int SextetOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string UuidToText(const Uuid& id) {
  std::string out;
  out.reserve(22);
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t b : id) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
  return out;
}

std::optional<Uuid> UuidFromText(std::string_view text) {
  if (text.size() != 22) return std::nullopt;
  Uuid out{};
  uint32_t acc = 0;
  int bits = 0;
  size_t n = 0;
  for (char c : text) {
    const int v = SextetOf(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n < out.size()) out[n++] = uint8_t(acc >> bits);
    }
  }
  // 22 sextets carry 132 bits: the last 4 must be zero, or the text is not one Kafka would print.
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

Uuid UuidOrZero(std::string_view text) { return UuidFromText(text).value_or(kZeroUuid); }

}  // namespace partita::protocol
