// Value types of the consumer-group part of the client API (ClusterClient::ListGroups, DescribeGroup,
// GroupLag, ...), plus the pure lag arithmetic that GroupLag applies, so that kafka-consumer-groups' columns
// and the desktop app's lag plot agree on one definition. Plain values, safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/types.h"

namespace partita::client {

// One group as ListGroups reports it. state is "" when the broker predates ListGroups v4 (no state).
struct GroupListing {
  std::string group_id;
  std::string state;
  std::string protocol_type;
};

struct GroupMemberInfo {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string host;
  // Decoded from the member's consumer-protocol assignment (protocol_type "consumer"); empty otherwise, or
  // while the group is rebalancing, or when the bytes do not decode (then assignment_error says why).
  std::vector<TopicPartition> assignment;
  std::vector<std::string> subscribed_topics;  // from the member's subscription metadata, when it decodes
  std::string assignment_error;
};

struct GroupDescription {
  std::string group_id;
  std::string state;  // Empty, PreparingRebalance, CompletingRebalance, Stable, Dead ("Dead" = no such group)
  std::string protocol_type;
  std::string protocol;  // the selected assignor, e.g. "range"
  int32_t coordinator = -1;
  std::vector<GroupMemberInfo> members;
};

// One row of kafka-consumer-groups --describe: a partition the group committed or is assigned.
struct PartitionLag {
  TopicPartition tp;
  int64_t committed = -1;  // -1: none
  int64_t log_start = -1;
  int64_t log_end = -1;
  int64_t lag = -1;  // log_end - committed; -1 when either is unknown
  // now - timestamp of the next unconsumed record; 0 when caught up; -1 unknown
  int64_t time_lag_ms = -1;
  std::string member_id, client_id, host;  // "" when no member holds the partition
};

// Kafka's lag: log_end - committed when both are known (>= 0), else -1. Not clamped: like Kafka, a committed
// offset below the log start still counts from the committed offset.
int64_t MessageLag(int64_t committed, int64_t log_end);
// Time lag in ms: 0 when caught up (committed >= log_end), now_ms - next_record_timestamp when that record's
// timestamp is known (never negative, clock skew aside), else -1.
int64_t TimeLagMs(int64_t committed, int64_t log_end, std::optional<int64_t> next_record_timestamp, int64_t now_ms);

}  // namespace partita::client
