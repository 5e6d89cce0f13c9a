// EncodeAvroJson: the inverse of avro_binary_decoder.h, for producing a record through a schema: a JSON value
// typed by the user becomes one Avro datum in the binary encoding. It takes what the decoder shows (Avro's JSON
// encoding: a union value as {"branch": value}, bytes and fixed as strings of code points 0-255) and, for
// convenience, a bare union value, which goes to the first branch it fits (null to the null branch). A record
// field left out takes the schema's default; one without a default is an error naming its path. Numbers must
// fit their type (an int is 32 bits; a long given as a fractional number is refused). Nesting is limited to
// kMaxDepth, as the decoder's.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "engine/common/status.h"
#include "engine/schema_registry/avro_schema.h"

namespace partita::app {

// Errors are kInvalidArgument with the path of the offending value ("$.items[2]: expected a string").
Result<std::string> EncodeAvroJson(const schema_registry::AvroSchema& schema, const nlohmann::json& value);

}  // namespace partita::app
