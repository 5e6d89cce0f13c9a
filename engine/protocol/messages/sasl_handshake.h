// SaslHandshake (key 17), versions 0-1, never flexible. The client names the SASL mechanism it wants; the
// broker answers with the mechanisms it enables (and UNSUPPORTED_SASL_MECHANISM when the choice is not one).
// v0: the SASL tokens that follow travel as raw size-prefixed frames; v1 (KIP-152): in SaslAuthenticate.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct SaslHandshakeRequest {
  static constexpr ApiKey kApiKey = ApiKey::kSaslHandshake;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 1;
  static constexpr int16_t kFirstFlexibleVersion = 32767;  // never flexible

  std::string mechanism;

  bool operator==(const SaslHandshakeRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct SaslHandshakeResponse {
  int16_t error_code = 0;
  std::vector<std::string> mechanisms;

  bool operator==(const SaslHandshakeResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
