#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {
namespace {

// Counts bracket nesting outside of strings; the exact JSON grammar is nlohmann's job.
bool DepthWithinLimit(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

template <class Json>
Result<Json> ParseBounded(std::string_view text) {
  if (!DepthWithinLimit(text)) {
    return Status::InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Status::InvalidArgument("malformed JSON");
  return value;
}

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text) { return ParseBounded<nlohmann::json>(text); }
Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text) {
  return ParseBounded<nlohmann::ordered_json>(text);
}

}  // namespace partita::schema_registry
