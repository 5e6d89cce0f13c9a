// ValidateJsonSchema: checks a JSON document against a JSON Schema (what the Produce dialog does before writing a
// value through a JSON Schema subject, as Confluent's KafkaJsonSchemaSerializer does with json.fail.invalid.schema).
// Keywords checked (drafts 4 to 2020-12): type (also a list; "integer" for whole numbers), enum, const,
// properties, required, additionalProperties (false or a schema), patternProperties' presence only as "allowed",
// items (a schema, or a list as prefixItems), prefixItems, minItems, maxItems, uniqueItems, minLength, maxLength
// (in code points), pattern (ECMAScript regex), minimum, maximum, exclusiveMinimum, exclusiveMaximum (number
// and draft-4 boolean forms), multipleOf, allOf, anyOf, oneOf, not, and local $ref ("#", "#/definitions/x",
// "#/$defs/x", JSON pointers). Unknown keywords and formats are ignored, as validators do. The first violation
// is returned with its path ("$.items[2]: 7 is above the maximum 5"). Nesting and $ref chains are limited.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/common/status.h"

namespace partita::app {

Status ValidateJsonSchema(const nlohmann::json& schema, const nlohmann::json& document);

}  // namespace partita::app
