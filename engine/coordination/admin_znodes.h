// Payloads of Kafka's admin and notification znodes (ZK mode), written by tools, brokers and the controller:
//   /admin/reassign_partitions            {"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}
//   /admin/preferred_replica_election     {"version":1,"partitions":[{"topic":"t","partition":0}]}
//   /isr_change_notification/isr_change_N {"version":1,"partitions":[{"topic":"t","partition":0}]}
//   /latest_producer_id_block             {"version":1,"broker":1,"block_start":"0","block_end":"999"}
// and Partita's own controlled-shutdown exchange (Kafka uses an RPC for it; see controlled_shutdown.h):
//   /admin/controlled_shutdown/<id>       request {"version":1,"broker":1,"broker_epoch":42}
//                                         reply   {"version":1,"broker":1,"broker_epoch":42,"status":"done",
//                                                  "partitions_remaining":[{"topic":"t","partition":0}]}
// Decoders accept Kafka's extra fields (e.g. "log_dirs") and reject malformed JSON with Corruption; never throw.
// Pure functions on values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"

namespace partita::coordination {

inline constexpr std::string_view kControlledShutdownPath = "/admin/controlled_shutdown";
inline std::string ControlledShutdownPath(int32_t broker_id) {
  return std::string(kControlledShutdownPath) + "/" + std::to_string(broker_id);
}
inline constexpr std::string_view kIsrChangePrefix = "/isr_change_notification/isr_change_";

struct PartitionReassignmentEntry {
  TopicPartition partition;
  std::vector<int32_t> replicas;
  bool operator==(const PartitionReassignmentEntry&) const = default;
};
std::string EncodeReassignPartitions(const std::vector<PartitionReassignmentEntry>& entries);
Result<std::vector<PartitionReassignmentEntry>> DecodeReassignPartitions(std::string_view json);

// Used by /admin/preferred_replica_election and /isr_change_notification/isr_change_N (same layout).
std::string EncodePartitionList(const std::vector<TopicPartition>& partitions);
Result<std::vector<TopicPartition>> DecodePartitionList(std::string_view json);

struct ProducerIdBlock {
  int32_t broker_id = -1;
  int64_t first_producer_id = 0;
  int32_t size = 0;
  int64_t last_producer_id() const { return first_producer_id + size - 1; }
  bool operator==(const ProducerIdBlock&) const = default;
};
std::string EncodeProducerIdBlock(const ProducerIdBlock& block);
Result<ProducerIdBlock> DecodeProducerIdBlock(std::string_view json);

struct ControlledShutdownNode {
  int32_t broker_id = -1;
  int64_t broker_epoch = -1;
  bool done = false;                          // false: a request; true: the controller's reply
  std::vector<TopicPartition> remaining;      // reply: partitions this broker still leads
  std::string error;                          // reply: Kafka's error name when refused ("STALE_BROKER_EPOCH")
  bool operator==(const ControlledShutdownNode&) const = default;
};
std::string EncodeControlledShutdown(const ControlledShutdownNode& node);
Result<ControlledShutdownNode> DecodeControlledShutdown(std::string_view json);

}  // namespace partita::coordination
