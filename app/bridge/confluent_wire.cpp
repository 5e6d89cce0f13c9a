#include "app/bridge/confluent_wire.h"

namespace partita::app {

bool LooksConfluentFramed(std::string_view bytes) { return bytes.size() >= 5 && bytes[0] == 0; }

Result<ConfluentFrame> ParseConfluentFrame(std::string_view bytes) {
  if (bytes.size() < 5) return Status::InvalidArgument("too short for the Confluent wire format (5 bytes at least)");
  if (bytes[0] != 0) return Status::InvalidArgument("not the Confluent wire format: the first byte is not 0");
  ConfluentFrame frame;
  uint32_t id = 0;
  for (int i = 1; i <= 4; ++i) id = (id << 8) | static_cast<uint8_t>(bytes[static_cast<size_t>(i)]);
  frame.schemaId = static_cast<int32_t>(id);
  frame.payload = bytes.substr(5);
  return frame;
}

std::string ConfluentFrameFor(int32_t schemaId, const std::vector<int32_t>* protobufIndexes) {
  std::string out(1, '\0');
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((static_cast<uint32_t>(schemaId) >> shift) & 0xff);
  if (protobufIndexes == nullptr) return out;
  const auto zigzag = [&out](int64_t v) {
    uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    while (z >= 0x80) {
      out += static_cast<char>((z & 0x7f) | 0x80);
      z >>= 7;
    }
    out += static_cast<char>(z);
  };
  if (*protobufIndexes == std::vector<int32_t>{0}) {
    out += '\0';
    return out;
  }
  zigzag(static_cast<int64_t>(protobufIndexes->size()));
  for (int32_t index : *protobufIndexes) zigzag(index);
  return out;
}

Result<uint64_t> ReadVarint(std::string_view* in, int maxBytes) {
  uint64_t value = 0;
  for (int i = 0; i < maxBytes; ++i) {
    if (in->empty()) return Status::InvalidArgument("truncated varint");
    const auto b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    value |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return value;
  }
  return Status::InvalidArgument("varint longer than " + std::to_string(maxBytes) + " bytes");
}

Result<std::vector<int32_t>> ReadProtobufMessageIndexes(std::string_view* payload) {
  auto count = ReadVarint(payload, 5);
  if (!count.ok()) return Status::InvalidArgument("message indexes: " + count.status().message());
  const int64_t n = ZigZagDecode(*count);
  if (n == 0) return std::vector<int32_t>{0};  // Confluent's shorthand for the first message
  if (n < 0 || n > 64) return Status::InvalidArgument("message indexes: bad count " + std::to_string(n));
  std::vector<int32_t> indexes;
  for (int64_t i = 0; i < n; ++i) {
    auto index = ReadVarint(payload, 5);
    if (!index.ok()) return Status::InvalidArgument("message indexes: " + index.status().message());
    const int64_t v = ZigZagDecode(*index);
    if (v < 0 || v > INT32_MAX) return Status::InvalidArgument("message indexes: bad index " + std::to_string(v));
    indexes.push_back(static_cast<int32_t>(v));
  }
  return indexes;
}

}  // namespace partita::app
