// The Confluent wire format of a Schema Registry serialized key or value: a magic byte 0, the schema id as a
// 4-byte big-endian integer, then the encoded record. Protobuf payloads put the message indexes between the
// id and the record: a zigzag varint count, then that many zigzag varint indexes (one index path into the
// .proto file's nested messages); a single 0 byte stands for [0], the file's first message.
// See Confluent's "Wire format" (schema-registry/fundamentals/serdes-develop, "Wire Format").
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::app {

struct ConfluentFrame {
  int32_t schemaId = 0;
  std::string_view payload;  // after the id (Protobuf: still starting with the message indexes)
};

// True when `bytes` start like a framed record: magic 0 and at least the 4 id bytes.
bool LooksConfluentFramed(std::string_view bytes);
Result<ConfluentFrame> ParseConfluentFrame(std::string_view bytes);

// Reads Protobuf's message-index list from the front of `payload`, moving `payload` past it. At most 64
// indexes (a deeper nesting is refused as corrupt), each >= 0.
Result<std::vector<int32_t>> ReadProtobufMessageIndexes(std::string_view* payload);

// The frame of a record produced through schema `schemaId`: magic 0 and the id; for Protobuf (`indexes` set)
// the message indexes after it ([0] as the single byte 0, as Confluent's serializer writes it).
std::string ConfluentFrameFor(int32_t schemaId, const std::vector<int32_t>* protobufIndexes = nullptr);

// Avro's and Protobuf's base-128 varints (little-endian groups of 7 bits). `maxBytes` bounds the length
// (5 for 32-bit values, 10 for 64-bit); running off the end or past maxBytes is an error.
Result<uint64_t> ReadVarint(std::string_view* in, int maxBytes);
inline int64_t ZigZagDecode(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace partita::app
