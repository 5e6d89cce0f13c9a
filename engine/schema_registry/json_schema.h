// JsonSchema: a JSON Schema document (draft-04..2020-12 keywords that matter for compatibility), validated
// as Confluent's registry validates it (a JSON object or boolean with well-formed keywords), and the subset
// of Confluent's JSON Schema compatibility rules that decides most real evolutions: type changes and
// narrowing, properties added or removed under open and closed content models, required properties added,
// enum narrowed, string/number bounds tightened, additionalProperties closed; recursing through
// "properties" and "items". Not covered: $ref resolution, allOf/anyOf/oneOf combinations, dependencies,
// patternProperties. Thread safety: immutable value.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

class JsonSchema {
 public:
  static Result<JsonSchema> Parse(std::string_view text);
  const nlohmann::json& root() const { return root_; }

 private:
  nlohmann::json root_;
};

// What keeps `reader` from validating every document `writer` validates (empty: nothing).
std::vector<SchemaDifference> CheckJsonCanRead(const JsonSchema& reader, const JsonSchema& writer);

}  // namespace partita::schema_registry
