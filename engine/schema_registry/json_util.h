// JSON parsing with bounds for untrusted input (request bodies, schema text, `_schemas` records): nesting
// deeper than kMaxJsonDepth is refused before nlohmann's recursive parser sees it, so bad input gets a Status
// and never a stack overflow. Thread safety: free functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "engine/common/status.h"

namespace partita::schema_registry {

// Deep enough for real schemas (each nested Avro record costs about four levels), shallow enough for the stack.
inline constexpr int kMaxJsonDepth = 256;

Result<nlohmann::json> ParseJson(std::string_view text);
Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text);

}  // namespace partita::schema_registry
