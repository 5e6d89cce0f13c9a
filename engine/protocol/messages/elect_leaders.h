// ElectLeaders (key 43), versions 0-2, flexible from 2. election_type (v1+): 0 = preferred, 1 = unclean;
// v0 always means preferred. A null topic_partitions list means "every partition".
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

struct ElectLeadersRequest {
  static constexpr ApiKey kApiKey = ApiKey::kElectLeaders;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 2;
  static constexpr int16_t kFirstFlexibleVersion = 2;

  struct TopicPartitions {
    std::string topic;
    std::vector<int32_t> partitions;
    bool operator==(const TopicPartitions&) const = default;
  };

  int8_t election_type = 0;  // v1+
  std::optional<std::vector<TopicPartitions>> topic_partitions;  // null = all
  int32_t timeout_ms = 60000;

  bool operator==(const ElectLeadersRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct ElectLeadersResponse {
  struct PartitionResult {
    int32_t partition_id = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    bool operator==(const PartitionResult&) const = default;
  };
  struct Result {
    std::string topic;
    std::vector<PartitionResult> partition_result;
    bool operator==(const Result&) const = default;
  };

  int32_t throttle_time_ms = 0;
  int16_t error_code = 0;  // v1+
  std::vector<Result> replica_election_results;

  bool operator==(const ElectLeadersResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
