// Produce (key 0), versions 0-9, flexible from 9. Record data stays a RecordsField: decoding leaves a view
// into the request frame (no copy), so the frame must outlive the decoded request. The response's tagged
// current_leader / node_endpoints (v10+) are outside our range.
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

struct ProduceRequest {
  static constexpr ApiKey kApiKey = ApiKey::kProduce;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 9;
  static constexpr int16_t kFirstFlexibleVersion = 9;

  struct Partition {
    int32_t index = 0;
    RecordsField records;  // nullable bytes holding record batches
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };

  std::optional<std::string> transactional_id;  // v3+
  int16_t acks = 0;
  int32_t timeout_ms = 0;
  std::vector<Topic> topics;

  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct ProduceResponse {
  struct RecordError {
    int32_t batch_index = 0;
    std::optional<std::string> batch_index_error_message;
    bool operator==(const RecordError&) const = default;
  };
  struct Partition {
    int32_t index = 0;
    int16_t error_code = 0;
    int64_t base_offset = 0;
    int64_t log_append_time_ms = -1;  // v2+
    int64_t log_start_offset = -1;    // v5+
    std::vector<RecordError> record_errors;   // v8+
    std::optional<std::string> error_message; // v8+
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };

  std::vector<Topic> responses;
  int32_t throttle_time_ms = 0;  // v1+

  bool operator==(const ProduceResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
