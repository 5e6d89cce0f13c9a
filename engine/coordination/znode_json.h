// Helpers shared by the znode codecs: parsing a znode's JSON without exceptions and naming what is wrong.
// Bad bytes in ZooKeeper become a Status::Corruption, never a crash.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/common/status.h"

namespace partita::coordination {

// Parses `text` as a JSON object; `what` names the znode kind in the error.
inline Result<nlohmann::json> ParseZnodeJson(std::string_view text, const char* what) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption(std::string(what) + ": malformed JSON");
  if (!j.is_object()) return Status::Corruption(std::string(what) + ": not a JSON object");
  return j;
}

inline Status MissingZnodeField(const char* what, const char* key) {
  return Status::Corruption(std::string(what) + ": missing or mistyped \"" + key + "\"");
}

}  // namespace partita::coordination
