// EncodeProtobufJson: the inverse of protobuf_binary_decoder.h, for producing a record through a schema: a JSON
// object typed by the user becomes one message of `messageName` in the Protobuf wire format. It takes what the
// decoder shows and Protobuf's JSON mapping: fields by name, repeated fields as arrays (numeric ones written
// packed), maps as objects (keys as strings), enums by name or number, bytes as base64, 64-bit integers as
// numbers or decimal strings. A message type from an imported file (the decoder shows its bytes as base64) is
// taken as base64 of its encoded bytes. Fields left out are not written (proto3's defaults). An unknown field,
// a wrong type or an out-of-range number is an error naming its path. Nesting is limited to 64.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "engine/common/status.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::app {

Result<std::string> EncodeProtobufJson(const schema_registry::ProtobufSchema& schema, const std::string& messageName,
                                       const nlohmann::json& value);

}  // namespace partita::app
