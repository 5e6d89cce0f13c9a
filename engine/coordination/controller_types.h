// Value types of the controller's partition-level operations (elections, reassignments, controlled shutdown).
// Results are per partition so that a Kafka request handler can answer each partition with its own error code:
// ControllerError carries Kafka's numeric error codes (cast to int16_t for the wire) plus a message.
// Plain values; thread-safe to copy.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/types.h"

namespace partita::coordination {

// The Kafka error a partition-level controller operation ended with (values = Kafka's wire error codes).
enum class ControllerError : int16_t {
  kNone = 0,
  kUnknownServerError = -1,
  kUnknownTopicOrPartition = 3,
  kInvalidReplicationFactor = 38,
  kInvalidReplicaAssignment = 39,
  kNotController = 41,
  kPreferredLeaderNotAvailable = 80,
  kEligibleLeadersNotAvailable = 83,
  kElectionNotNeeded = 84,
  kNoReassignmentInProgress = 85,
};

struct PartitionResult {
  ControllerError error = ControllerError::kNone;
  std::string message;
  int32_t leader = -1;     // elections: the leader after the operation
  bool unclean = false;    // elections: the new leader was not in the ISR (data loss possible)
  bool ok() const { return error == ControllerError::kNone; }
};
using PartitionResults = std::map<TopicPartition, PartitionResult>;

// Kafka's ElectionType (ElectLeaders v1+): 0 = preferred, 1 = unclean.
enum class ElectionType : int8_t { kPreferred = 0, kUnclean = 1 };

// One partition's reassignment in progress (ListPartitionReassignments, and progress for the UI).
struct ReassignmentProgress {
  std::vector<int32_t> replicas;  // current full replica set RS = target + original (Kafka's order)
  std::vector<int32_t> original;  // ORS = replicas - adding
  std::vector<int32_t> target;    // TRS = replicas - removing
  std::vector<int32_t> adding;
  std::vector<int32_t> removing;
  std::vector<int32_t> isr;
  int32_t leader = -1;
  std::vector<int32_t> target_in_isr;  // the target replicas that have caught up; done when it equals target
  bool operator==(const ReassignmentProgress&) const = default;
};
using ReassignmentMap = std::map<TopicPartition, ReassignmentProgress>;

}  // namespace partita::coordination
