// OffsetFetch (key 9), versions 0-8, flexible from 6. v0-7 ask for one group (`group_id`, `topics`) and answer
// in the top-level `topics` / `error_code` (v2+); v8 batches groups (KIP-709): `groups` in both directions.
// A null topic list (v2+) means "every partition the group has committed". Before v2 the list is not
// nullable: encoding a null there writes an empty array. committed_leader_epoch is v5+; require_stable v7+.
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

struct OffsetFetchRequest {
  static constexpr ApiKey kApiKey = ApiKey::kOffsetFetch;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 8;
  static constexpr int16_t kFirstFlexibleVersion = 6;
  static constexpr int16_t kFirstBatchedVersion = 8;

  struct Topic {
    std::string name;
    std::vector<int32_t> partition_indexes;
    bool operator==(const Topic&) const = default;
  };
  struct Group {
    std::string group_id;
    std::optional<std::vector<Topic>> topics;  // null = all
    bool operator==(const Group&) const = default;
  };

  std::string group_id;                      // v0-7
  std::optional<std::vector<Topic>> topics;  // v0-7, nullable v2+
  std::vector<Group> groups;                 // v8+
  bool require_stable = false;               // v7+

  bool operator==(const OffsetFetchRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct OffsetFetchResponse {
  struct Partition {
    int32_t partition_index = 0;
    int64_t committed_offset = -1;
    int32_t committed_leader_epoch = -1;  // v5+
    std::optional<std::string> metadata;
    int16_t error_code = 0;
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };
  struct Group {
    std::string group_id;
    std::vector<Topic> topics;
    int16_t error_code = 0;
    bool operator==(const Group&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v3+
  std::vector<Topic> topics;     // v0-7
  int16_t error_code = 0;        // v2-7
  std::vector<Group> groups;     // v8+

  bool operator==(const OffsetFetchResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
