// LeaveGroup (key 13), versions 0-4, flexible from 4. v0-2 name one member (`member_id`); v3+ batch members
// with their group_instance_id (KIP-345) and answer per member. (Kafka 3.8 also defines v5, which adds a
// per-member reason; we do not serve it.)
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

struct LeaveGroupRequest {
  static constexpr ApiKey kApiKey = ApiKey::kLeaveGroup;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 4;
  static constexpr int16_t kFirstFlexibleVersion = 4;
  static constexpr int16_t kFirstBatchedVersion = 3;

  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    bool operator==(const Member&) const = default;
  };

  std::string group_id;
  std::string member_id;         // v0-2
  std::vector<Member> members;   // v3+

  bool operator==(const LeaveGroupRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct LeaveGroupResponse {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    int16_t error_code = 0;
    bool operator==(const Member&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v1+
  int16_t error_code = 0;
  std::vector<Member> members;   // v3+

  bool operator==(const LeaveGroupResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
