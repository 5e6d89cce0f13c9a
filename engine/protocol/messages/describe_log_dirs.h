// DescribeLogDirs (key 35), versions 0-4, flexible from 2. A null topic list asks for every partition in every
// log dir; an empty list asks for none. v3 adds a top-level error_code, v4 total/usable bytes per log dir.
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

struct DescribeLogDirsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kDescribeLogDirs;
  static constexpr int16_t kMinVersion = 0;
  static constexpr int16_t kMaxVersion = 4;
  static constexpr int16_t kFirstFlexibleVersion = 2;

  struct Topic {
    std::string topic;
    std::vector<int32_t> partitions;
    bool operator==(const Topic&) const = default;
  };

  std::optional<std::vector<Topic>> topics;  // null = all

  bool operator==(const DescribeLogDirsRequest&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

struct DescribeLogDirsResponse {
  struct Partition {
    int32_t partition_index = 0;
    int64_t partition_size = 0;
    int64_t offset_lag = 0;
    bool is_future_key = false;
    bool operator==(const Partition&) const = default;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
    bool operator==(const Topic&) const = default;
  };
  struct Result {
    int16_t error_code = 0;
    std::string log_dir;
    std::vector<Topic> topics;
    int64_t total_bytes = -1;   // v4+
    int64_t usable_bytes = -1;  // v4+
    bool operator==(const Result&) const = default;
  };

  int32_t throttle_time_ms = 0;
  int16_t error_code = 0;  // v3+
  std::vector<Result> results;

  bool operator==(const DescribeLogDirsResponse&) const = default;
  void Decode(Reader& r, int16_t version);
  void Encode(Writer& w, int16_t version) const;
};

}  // namespace partita::protocol
