// Metadata (key 3), versions 0-9, flexible from 9. Broker side decodes requests and encodes responses; the
// client side does the reverse. Topic ids (v10+) and nullable topic names (v10+) are outside our range.
// Topics: v0 has no null array, an empty list means "all topics"; Decode maps that to nullopt so callers only
// test `!topics`. Encode writes nullopt as an empty list in v0 and as a null array from v1.
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

struct MetadataRequest {
  static constexpr ApiKey kApiKey = ApiKey::kMetadata;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 9;
  static constexpr int16_t kFirstFlexibleVersion = 9;

  struct Topic {
    std::string name;
    bool operator==(const Topic&) const = default;
  };
  std::optional<std::vector<Topic>> topics;            // nullopt = all topics
  bool allow_auto_topic_creation = true;               // v4+ (earlier versions imply true)
  bool include_cluster_authorized_operations = false;  // v8-10
  bool include_topic_authorized_operations = false;    // v8+

  bool operator==(const MetadataRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct MetadataResponse {
  struct Broker {
    int32_t node_id = 0;
    std::string host;
    int32_t port = 0;
    std::optional<std::string> rack;  // v1+
    bool operator==(const Broker&) const = default;
  };
  struct Partition {
    int16_t error_code = 0;
    int32_t partition_index = 0;
    int32_t leader_id = 0;
    int32_t leader_epoch = -1;  // v7+
    std::vector<int32_t> replica_nodes;
    std::vector<int32_t> isr_nodes;
    std::vector<int32_t> offline_replicas;  // v5+
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    int16_t error_code = 0;
    std::string name;
    bool is_internal = false;  // v1+
    std::vector<Partition> partitions;
    int32_t topic_authorized_operations = INT32_MIN;  // v8+
    bool operator==(const Topic&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v3+
  std::vector<Broker> brokers;
  std::optional<std::string> cluster_id;  // v2+
  int32_t controller_id = -1;             // v1+
  std::vector<Topic> topics;
  int32_t cluster_authorized_operations = INT32_MIN;  // v8-10

  bool operator==(const MetadataResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
