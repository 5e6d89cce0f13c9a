// DecodeProtobufBinary: one Protobuf message in the binary wire format (https://protobuf.dev/programming-guides/encoding/)
// read with the registered .proto text (parsed by the registry's ProtobufSchema) into JSON close to Protobuf's
// JSON mapping: field names as keys in wire order, repeated fields as arrays (packed or not), maps as objects,
// enums as their value name, bytes as base64, nested messages as objects. The message is chosen by Confluent's
// message indexes (a path through the file's top-level and nested messages). Fields the schema does not know
// (newer writers, or types from imported files) are kept by number ("#7") with their raw wire value, so nothing
// is hidden. Bounded like the Avro decoder: nesting and value counts are limited, lengths checked.
// We do not use libprotobuf's DynamicMessage: Debian's libprotobuf-dev is not in the build image, and the
// registry's own parser already resolves the types.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::app {

// The full name of the message `indexes` select in `schema`, or an error naming the bad index.
Result<std::string> ProtobufMessageForIndexes(const schema_registry::ProtobufSchema& schema,
                                              const std::vector<int32_t>& indexes);

// The inverse: the message indexes that select `messageName` (for framing a record Confluent's way).
Result<std::vector<int32_t>> ProtobufIndexesForMessage(const schema_registry::ProtobufSchema& schema,
                                                      const std::string& messageName);

Result<nlohmann::ordered_json> DecodeProtobufBinary(const schema_registry::ProtobufSchema& schema,
                                                    const std::string& messageName, std::string_view bytes);

}  // namespace partita::app
