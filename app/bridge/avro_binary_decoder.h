// AvroBinaryDecoder: turns one record in Avro's binary encoding (https://avro.apache.org/docs/1.11.1/specification/,
// "Binary Encoding") into JSON, reading it with the writer's schema (parsed by the registry's AvroSchema):
// records as objects in field order, enums as their symbol, arrays and maps (block encoded, negative block
// counts with their byte size honoured), unions in Avro's JSON encoding ({"branch": value}, null as null),
// fixed and bytes as strings of code points 0-255 (Avro's JSON encoding), logical types as their plain
// underlying value. Hostile input cannot make it crash or grow without bound: every length is checked against
// the bytes left, nesting is limited to kMaxDepth and the number of decoded values to kMaxValues (an array of
// a billion nulls needs no bytes at all), so memory stays proportional to the input.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "engine/common/status.h"
#include "engine/schema_registry/avro_schema.h"

namespace partita::app {

struct AvroDecodeLimits {
  int maxDepth = 64;
  int64_t maxValues = 1'000'000;
};

// The whole of `bytes` must be one datum; bytes left over are an error (they mean a wrong schema).
Result<nlohmann::ordered_json> DecodeAvroBinary(const schema_registry::AvroSchema& schema, std::string_view bytes,
                                                const AvroDecodeLimits& limits = {});

}  // namespace partita::app
