// Decoding of the consumer protocol's opaque bytes (protocol_type "consumer"): the Subscription a member sends
// as JoinGroup metadata and the Assignment the leader hands out through SyncGroup, versions 0-3 (Kafka's
// ConsumerProtocolSubscription / ConsumerProtocolAssignment; never flexible). A version above 3 is read as 3,
// since newer versions only append fields (Kafka's forward-compatibility rule). Bad bytes are a Corruption
// Status, never a crash. Used by ClusterClient::DescribeGroup to show each member's partitions.
// Thread safety: free functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"

namespace partita::client {

struct ConsumerSubscription {
  int16_t version = 0;
  std::vector<std::string> topics;
  std::optional<std::string> user_data;
  std::vector<TopicPartition> owned_partitions;  // v1+
  int32_t generation_id = -1;                    // v2+
  std::optional<std::string> rack_id;            // v3+
};

struct ConsumerAssignment {
  int16_t version = 0;
  std::vector<TopicPartition> partitions;  // in the order the assignor wrote them
  std::optional<std::string> user_data;
};

// Empty bytes (a member that has not synced yet) decode to an empty assignment.
Result<ConsumerAssignment> DecodeConsumerAssignment(std::span<const uint8_t> bytes);
Result<ConsumerSubscription> DecodeConsumerSubscription(std::span<const uint8_t> bytes);

}  // namespace partita::client
