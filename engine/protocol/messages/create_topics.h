// CreateTopics (key 19), versions 0-7, flexible from 5. num_partitions / replication_factor of -1 ask for the
// broker defaults (v4+). The response's topic_config_error_code is a tagged field (tag 0, v5+): it is decoded,
// and written only when non-zero, as Kafka does.
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

struct CreateTopicsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kCreateTopics;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 7;
  static constexpr int16_t kFirstFlexibleVersion = 5;

  struct Assignment {
    int32_t partition_index = 0;
    std::vector<int32_t> broker_ids;
    bool operator==(const Assignment&) const = default;
  };
  struct Config {
    std::string name;
    std::optional<std::string> value;
    bool operator==(const Config&) const = default;
  };
  struct Topic {
    std::string name;
    int32_t num_partitions = -1;
    int16_t replication_factor = -1;
    std::vector<Assignment> assignments;
    std::vector<Config> configs;
    bool operator==(const Topic&) const = default;
  };

  std::vector<Topic> topics;
  int32_t timeout_ms = 60000;
  bool validate_only = false;  // v1+

  bool operator==(const CreateTopicsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct CreateTopicsResponse {
  struct Config {
    std::string name;
    std::optional<std::string> value;
    bool read_only = false;
    int8_t config_source = -1;
    bool is_sensitive = false;
    bool operator==(const Config&) const = default;
  };
  struct Topic {
    std::string name;
    Uuid topic_id{};  // v7+
    int16_t error_code = 0;
    std::optional<std::string> error_message;  // v1+
    int16_t topic_config_error_code = 0;       // v5+, tagged (tag 0)
    int32_t num_partitions = -1;               // v5+
    int16_t replication_factor = -1;           // v5+
    std::optional<std::vector<Config>> configs;  // v5+, nullable
    bool operator==(const Topic&) const = default;
  };

  int32_t throttle_time_ms = 0;  // v2+
  std::vector<Topic> topics;

  bool operator==(const CreateTopicsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
