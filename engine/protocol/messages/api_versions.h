// ApiVersions (key 18), versions 0-3, flexible from 3. The response header is always v0 (see
// request_header.h), and its body for an unknown request version is written in v0 layout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct ApiVersionsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kApiVersions;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 3;
  static constexpr int16_t kFirstFlexibleVersion = 3;

  std::string client_software_name;     // v3+
  std::string client_software_version;  // v3+

  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct ApiVersionsResponse {
  struct ApiVersion {
    int16_t api_key = 0;
    int16_t min_version = 0;
    int16_t max_version = 0;
  };
  int16_t error_code = 0;
  std::vector<ApiVersion> api_keys;
  int32_t throttle_time_ms = 0;  // v1+

  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
