// FindCoordinator (key 10), versions 0-4, flexible from 3. key_type (v1+): 0 = group, 1 = transaction.
// v0-3 ask for one key (`key`) and answer with one coordinator in the top-level fields; v4 batches keys
// (`coordinator_keys`) and answers with one entry per key in `coordinators` (KIP-699). Fields a version lacks
// keep their defaults and are not written.
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

struct FindCoordinatorRequest {
  static constexpr ApiKey kApiKey = ApiKey::kFindCoordinator;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 4;
  static constexpr int16_t kFirstFlexibleVersion = 3;
  static constexpr int16_t kFirstBatchedVersion = 4;

  std::string key;                            // v0-3
  int8_t key_type = 0;                        // v1+
  std::vector<std::string> coordinator_keys;  // v4+

  bool operator==(const FindCoordinatorRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct FindCoordinatorResponse {
  struct Coordinator {
    std::string key;
    int32_t node_id = 0;
    std::string host;
    int32_t port = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    bool operator==(const Coordinator&) const = default;
  };

  int32_t throttle_time_ms = 0;              // v1+
  int16_t error_code = 0;                    // v0-3
  std::optional<std::string> error_message;  // v1-3
  int32_t node_id = 0;                       // v0-3
  std::string host;                          // v0-3
  int32_t port = 0;                          // v0-3
  std::vector<Coordinator> coordinators;     // v4+

  bool operator==(const FindCoordinatorResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
