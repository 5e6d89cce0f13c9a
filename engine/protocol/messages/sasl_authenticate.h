// SaslAuthenticate (key 36), versions 0-2, flexible from 2 (KIP-152). Carries one SASL token each way after
// SaslHandshake v1; v1 adds session_lifetime_ms to the response (KIP-368: the client re-authenticates before the
// session expires; 0 = no limit).
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

struct SaslAuthenticateRequest {
  // Key 36 (ApiKey has no enumerator for it yet: the generated protocol layer will add one).
  static constexpr ApiKey kApiKey = static_cast<ApiKey>(36);
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 2;
  static constexpr int16_t kFirstFlexibleVersion = 2;

  std::vector<uint8_t> auth_bytes;

  bool operator==(const SaslAuthenticateRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct SaslAuthenticateResponse {
  int16_t error_code = 0;
  std::optional<std::string> error_message;
  std::vector<uint8_t> auth_bytes;
  int64_t session_lifetime_ms = 0;  // v1+

  bool operator==(const SaslAuthenticateResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
