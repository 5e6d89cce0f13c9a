// InitProducerId (key 22), versions 0-4, flexible from 2. A null transactional_id asks for an idempotent
// producer id; v3+ lets a producer pass its current id/epoch to bump the epoch instead of getting a new id.
// (Kafka 3.8 also defines v5, identical on the wire but implying TRANSACTION_ABORTABLE; we do not serve it.)
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct InitProducerIdRequest {
  static constexpr ApiKey kApiKey = ApiKey::kInitProducerId;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 4;
  static constexpr int16_t kFirstFlexibleVersion = 2;

  std::optional<std::string> transactional_id;
  int32_t transaction_timeout_ms = 0;
  int64_t producer_id = -1;     // v3+
  int16_t producer_epoch = -1;  // v3+

  bool operator==(const InitProducerIdRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct InitProducerIdResponse {
  int32_t throttle_time_ms = 0;
  int16_t error_code = 0;
  int64_t producer_id = -1;
  int16_t producer_epoch = 0;

  bool operator==(const InitProducerIdResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
