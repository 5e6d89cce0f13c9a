// DescribeConfigs (key 32), versions 0-4, flexible from 4. Resource types: 2 = topic, 4 = broker,
// 8 = broker logger. configuration_keys null = all keys. is_default exists only in v0; v1+ use config_source.
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

struct DescribeConfigsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kDescribeConfigs;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 4;
  static constexpr int16_t kFirstFlexibleVersion = 4;

  struct Resource {
    int8_t resource_type = 0;
    std::string resource_name;
    std::optional<std::vector<std::string>> configuration_keys;  // null = all
    bool operator==(const Resource&) const = default;
  };

  std::vector<Resource> resources;
  bool include_synonyms = false;       // v1+
  bool include_documentation = false;  // v3+

  bool operator==(const DescribeConfigsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct DescribeConfigsResponse {
  struct Synonym {
    std::string name;
    std::optional<std::string> value;
    int8_t source = 0;
    bool operator==(const Synonym&) const = default;
  };
  struct Config {
    std::string name;
    std::optional<std::string> value;
    bool read_only = false;
    bool is_default = false;    // v0 only
    int8_t config_source = -1;  // v1+
    bool is_sensitive = false;
    std::vector<Synonym> synonyms;  // v1+
    int8_t config_type = 0;         // v3+
    std::optional<std::string> documentation;  // v3+
    bool operator==(const Config&) const = default;
  };
  struct Result {
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    int8_t resource_type = 0;
    std::string resource_name;
    std::vector<Config> configs;
    bool operator==(const Result&) const = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<Result> results;

  bool operator==(const DescribeConfigsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
