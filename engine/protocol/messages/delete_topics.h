// DeleteTopics (key 20), versions 0-6, flexible from 4. v0-5 name topics in topic_names; v6 sends
// topics[] of (nullable name, topic id) instead. Response names are nullable only from v6; earlier versions
// write a null name as "".
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct DeleteTopicsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kDeleteTopics;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 6;
  static constexpr int16_t kFirstFlexibleVersion = 4;

  struct Topic {
    std::optional<std::string> name;
    Uuid topic_id{};
    bool operator==(const Topic&) const = default;
  };

  std::vector<Topic> topics;             // v6+
  std::vector<std::string> topic_names;  // v0-5
  int32_t timeout_ms = 0;

  bool operator==(const DeleteTopicsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct DeleteTopicsResponse {
  struct Result {
    std::optional<std::string> name;  // nullable v6+
    Uuid topic_id{};                  // v6+
    int16_t error_code = 0;
    std::optional<std::string> error_message;  // v5+
    bool operator==(const Result&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  std::vector<Result> responses;

  bool operator==(const DeleteTopicsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
