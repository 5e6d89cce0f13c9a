// CreatePartitions (key 37), versions 0-3, flexible from 2. count is the new total partition count;
// assignments (nullable) give the replicas of each new partition, null = broker's choice.
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

struct CreatePartitionsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kCreatePartitions;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 3;
  static constexpr int16_t kFirstFlexibleVersion = 2;

  struct Assignment {
    std::vector<int32_t> broker_ids;
    bool operator==(const Assignment&) const = default;
  };
  struct Topic {
    std::string name;
    int32_t count = 0;
    std::optional<std::vector<Assignment>> assignments;
    bool operator==(const Topic&) const = default;
  };

  std::vector<Topic> topics;
  int32_t timeout_ms = 0;
  bool validate_only = false;

  bool operator==(const CreatePartitionsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct CreatePartitionsResponse {
  struct Result {
    std::string name;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    bool operator==(const Result&) const = default;
  };

  int32_t throttle_time_ms = 0;
  std::vector<Result> results;

  bool operator==(const CreatePartitionsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
