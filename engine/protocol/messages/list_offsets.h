// ListOffsets (key 2), versions 0-7, flexible from 6. v0 asks for up to max_num_offsets offsets and answers
// with old_style_offsets; v1+ asks for one (timestamp -> offset). Timestamp -1 = latest, -2 = earliest,
// -3 = max timestamp (v7).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct ListOffsetsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kListOffsets;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 7;
  static constexpr int16_t kFirstFlexibleVersion = 6;

  struct Partition {
    int32_t partition_index = 0;
    int32_t current_leader_epoch = -1;  // v4+
    int64_t timestamp = 0;
    int32_t max_num_offsets = 1;        // v0 only
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };

  int32_t replica_id = -1;
  int8_t isolation_level = 0;  // v2+
  std::vector<Topic> topics;

  bool operator==(const ListOffsetsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct ListOffsetsResponse {
  struct Partition {
    int32_t partition_index = 0;
    int16_t error_code = 0;
    std::vector<int64_t> old_style_offsets;  // v0 only
    int64_t timestamp = -1;                  // v1+
    int64_t offset = -1;                     // v1+
    int32_t leader_epoch = -1;               // v4+
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v2+
  std::vector<Topic> topics;

  bool operator==(const ListOffsetsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
