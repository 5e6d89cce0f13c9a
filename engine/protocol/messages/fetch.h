// Fetch (key 1), versions 0-12, flexible from 12. Topic ids (v13+) and replica_state (v15+) are outside our
// range. v12 tagged fields (request cluster_id; response diverging_epoch, current_leader, snapshot_id) are
// skipped when decoding and not written when encoding. Response records are a RecordsField: a broker answer
// splices FileRegions (sendfile) and a decoded answer views the frame, which must outlive it.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/records_field.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct FetchRequest {
  static constexpr ApiKey kApiKey = ApiKey::kFetch;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 12;
  static constexpr int16_t kFirstFlexibleVersion = 12;

  struct Partition {
    int32_t partition = 0;
    int32_t current_leader_epoch = -1;  // v9+
    int64_t fetch_offset = 0;
    int32_t last_fetched_epoch = -1;    // v12+
    int64_t log_start_offset = -1;      // v5+ (followers only)
    int32_t partition_max_bytes = 0;
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string topic;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };
  struct ForgottenTopic {
    std::string topic;
    std::vector<int32_t> partitions;
    bool operator==(const ForgottenTopic&) const = default;
  };

  int32_t replica_id = -1;  // -1 for consumers
  int32_t max_wait_ms = 0;
  int32_t min_bytes = 0;
  int32_t max_bytes = 0x7fffffff;  // v3+
  int8_t isolation_level = 0;      // v4+: 0 read_uncommitted, 1 read_committed
  int32_t session_id = 0;          // v7+
  int32_t session_epoch = -1;      // v7+
  std::vector<Topic> topics;
  std::vector<ForgottenTopic> forgotten_topics_data;  // v7+
  std::string rack_id;                                // v11+

  bool operator==(const FetchRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct FetchResponse {
  struct AbortedTransaction {
    int64_t producer_id = 0;
    int64_t first_offset = 0;
    bool operator==(const AbortedTransaction&) const = default;
  };
  struct Partition {
    int32_t partition_index = 0;
    int16_t error_code = 0;
    int64_t high_watermark = 0;
    int64_t last_stable_offset = -1;  // v4+
    int64_t log_start_offset = -1;    // v5+
    std::optional<std::vector<AbortedTransaction>> aborted_transactions;  // v4+, nullable
    int32_t preferred_read_replica = -1;                                  // v11+
    RecordsField records;
  };
  struct Topic {
    std::string topic;
    std::vector<Partition> partitions;
  };

  int32_t throttle_time_ms = 0;  // v1+
  int16_t error_code = 0;        // v7+
  int32_t session_id = 0;        // v7+
  std::vector<Topic> responses;

  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
