#include "app/cli/java_deserializers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace partita::cli {

namespace {

constexpr std::pair<const char*, JavaDeserializer> kNames[] = {
    {"StringDeserializer", JavaDeserializer::kString},   {"ByteArrayDeserializer", JavaDeserializer::kByteArray},
    {"BytesDeserializer", JavaDeserializer::kBytes},     {"ShortDeserializer", JavaDeserializer::kShort},
    {"IntegerDeserializer", JavaDeserializer::kInteger}, {"LongDeserializer", JavaDeserializer::kLong},
    {"FloatDeserializer", JavaDeserializer::kFloat},     {"DoubleDeserializer", JavaDeserializer::kDouble},
    {"BooleanDeserializer", JavaDeserializer::kBoolean}, {"UUIDDeserializer", JavaDeserializer::kUuid},
    {"VoidDeserializer", JavaDeserializer::kVoid},
};
constexpr const char* kPackage = "org.apache.kafka.common.serialization.";

const char* SimpleName(JavaDeserializer kind) {
  for (const auto& [name, k] : kNames)
    if (k == kind) return name;
  return "?";
}

// The big-endian integer of exactly `size` bytes, as the fixed-size deserializers read it.
Result<uint64_t> BigEndian(JavaDeserializer kind, const std::string& bytes, size_t size) {
  if (bytes.size() != size) {
    return Status::InvalidArgument(std::string("Size of data received by ") + SimpleName(kind) + " is not " +
                                   std::to_string(size));
  }
  uint64_t v = 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  return v;
}

// Kafka's Bytes.toString: printable ASCII as is (but the backslash), every other byte as \xNN.
std::string EscapedBytes(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= ' ' && c <= '~' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::string> CanonicalUuid(const std::string& text) {
  // UUID.fromString then toString: five groups of hex digits (8-4-4-4-12), printed in lower case.
  static constexpr size_t kGroups[] = {8, 4, 4, 4, 12};
  std::string out;
  size_t pos = 0;
  for (size_t g = 0; g < 5; ++g) {
    for (size_t i = 0; i < kGroups[g]; ++i, ++pos) {
      if (pos >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[pos]))) {
        return Status::InvalidArgument("Error deserializing UUID: invalid UUID string: " + text);
      }
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
    }
    if (g < 4) {
      if (pos >= text.size() || text[pos] != '-') {
        return Status::InvalidArgument("Error deserializing UUID: invalid UUID string: " + text);
      }
      out += '-';
      ++pos;
    }
  }
  if (pos != text.size()) return Status::InvalidArgument("Error deserializing UUID: invalid UUID string: " + text);
  return out;
}

// Shortest round-trip digits of a finite, non-zero value in Java's layout.
template <class T>
std::string JavaFloatingString(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(value), std::chars_format::scientific);
  const std::string sci(buf.data(), end);  // "d.ddde+XX" or "de-XX"
  const size_t e_at = sci.find('e');
  std::string digits = sci.substr(0, e_at);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exponent = std::stoi(sci.substr(e_at + 1));
  std::string out = value < 0 ? "-" : "";
  if (exponent >= -3 && exponent < 7) {
    if (exponent >= 0) {
      const size_t int_digits = static_cast<size_t>(exponent) + 1;
      std::string integer = digits.substr(0, std::min(int_digits, digits.size()));
      integer.append(int_digits > digits.size() ? int_digits - digits.size() : 0, '0');
      const std::string fraction = digits.size() > int_digits ? digits.substr(int_digits) : "0";
      return out + integer + "." + fraction;
    }
    return out + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  return out + digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
         std::to_string(exponent);
}

}  // namespace

std::string JavaDoubleString(double value) { return JavaFloatingString(value); }
std::string JavaFloatString(float value) { return JavaFloatingString(value); }

Result<JavaDeserializer> JavaDeserializerNamed(const std::string& class_name) {
  for (const auto& [name, kind] : kNames) {
    if (class_name == std::string(kPackage) + name) return kind;
  }
  std::string known;
  for (const auto& [name, kind] : kNames) known += std::string(known.empty() ? "" : ", ") + name;
  return Status::InvalidArgument("deserializer " + class_name + " is not available (" + kPackage + "{" + known +
                                 "})");
}

Result<std::optional<std::string>> Deserialize(JavaDeserializer kind, const std::optional<std::string>& bytes) {
  if (!bytes) return std::optional<std::string>();
  const std::string& b = *bytes;
  switch (kind) {
    case JavaDeserializer::kString:
    case JavaDeserializer::kByteArray:
      return bytes;
    case JavaDeserializer::kBytes:
      return std::optional<std::string>(EscapedBytes(b));
    case JavaDeserializer::kShort: {
      auto v = BigEndian(kind, b, 2);
      if (!v.ok()) return v.status();
      return std::optional<std::string>(std::to_string(static_cast<int16_t>(*v)));
    }
    case JavaDeserializer::kInteger: {
      auto v = BigEndian(kind, b, 4);
      if (!v.ok()) return v.status();
      return std::optional<std::string>(std::to_string(static_cast<int32_t>(*v)));
    }
    case JavaDeserializer::kLong: {
      auto v = BigEndian(kind, b, 8);
      if (!v.ok()) return v.status();
      return std::optional<std::string>(std::to_string(static_cast<int64_t>(*v)));
    }
    case JavaDeserializer::kFloat: {
      auto v = BigEndian(kind, b, 4);
      if (!v.ok()) return v.status();
      const auto bits = static_cast<uint32_t>(*v);
      float f;
      std::memcpy(&f, &bits, sizeof f);
      return std::optional<std::string>(JavaFloatString(f));
    }
    case JavaDeserializer::kDouble: {
      auto v = BigEndian(kind, b, 8);
      if (!v.ok()) return v.status();
      double d;
      std::memcpy(&d, &*v, sizeof d);
      return std::optional<std::string>(JavaDoubleString(d));
    }
    case JavaDeserializer::kBoolean: {
      auto v = BigEndian(kind, b, 1);
      if (!v.ok()) return v.status();
      if (*v > 1) return Status::InvalidArgument("Unexpected byte received by BooleanDeserializer: " + std::to_string(*v));
      return std::optional<std::string>(*v == 1 ? "true" : "false");
    }
    case JavaDeserializer::kUuid: {
      auto text = CanonicalUuid(b);
      if (!text.ok()) return text.status();
      return std::optional<std::string>(*text);
    }
    case JavaDeserializer::kVoid:
      return Status::InvalidArgument("Data should be null for a VoidDeserializer.");
  }
  return bytes;
}

}  // namespace partita::cli
