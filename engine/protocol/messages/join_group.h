// JoinGroup (key 11), versions 0-7, flexible from 6. Protocol metadata (request) and member metadata
// (response) are opaque BYTES held as owned vectors: the group coordinator keeps them after the frame is
// gone and hands them back to the leader byte for byte. rebalance_timeout_ms is v1+ (v0 uses the session
// timeout); group_instance_id (static membership, KIP-345) is v5+; protocol_type in the response is v7+.
// protocol_name is non-nullable before v7: encoding a null there writes "" (Kafka would refuse it).
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

struct JoinGroupRequest {
  static constexpr ApiKey kApiKey = ApiKey::kJoinGroup;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 7;
  static constexpr int16_t kFirstFlexibleVersion = 6;

  struct Protocol {
    std::string name;
    std::vector<uint8_t> metadata;
    bool operator==(const Protocol&) const = default;
  };

  std::string group_id;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = -1;  // v1+
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v5+
  std::string protocol_type;
  std::vector<Protocol> protocols;

  bool operator==(const JoinGroupRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct JoinGroupResponse {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v5+
    std::vector<uint8_t> metadata;
    bool operator==(const Member&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v2+
  int16_t error_code = 0;
  int32_t generation_id = -1;
  std::optional<std::string> protocol_type;  // v7+
  std::optional<std::string> protocol_name;  // nullable v7+
  std::string leader;
  std::string member_id;
  std::vector<Member> members;

  bool operator==(const JoinGroupResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
