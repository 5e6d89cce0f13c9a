// PartitionBudget: Partita's bounds on what one CreateTopics / CreatePartitions request may ask for, checked
// before anything is allocated or written to ZooKeeper (issue 9: one request for 2,147,483,647 partitions grew
// the broker until std::bad_alloc). Kafka has no such broker keys (KIP-578's were not adopted), so ours carry
// the partita. prefix: partita.max.partitions.per.topic and partita.max.partitions.per.request (config_def.cc
// explains the defaults). Replication factors are bounded by the live brokers, as Kafka does.
// Thread safety: none; one budget per request, on the handler's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/protocol/error_code.h"

namespace partita::broker {

class BrokerConfig;

struct AdminRefusal {
  protocol::ErrorCode code;
  std::string message;
};

class PartitionBudget {
 public:
  PartitionBudget(const BrokerConfig& config, int32_t live_brokers);

  // INVALID_PARTITIONS if a topic of `total` partitions is over the per-topic bound.
  std::optional<AdminRefusal> CheckTopicSize(const std::string& topic, int64_t total) const;
  // Counts `added` new partitions of `topic` against the request (call once the topic passed every other
  // check); POLICY_VIOLATION when they do not fit the per-request bound.
  std::optional<AdminRefusal> Admit(const std::string& topic, int64_t added);
  // A replica list (explicit assignment) or replication factor for `topic`.
  std::optional<AdminRefusal> CheckReplicationFactor(const std::string& topic, int64_t replication_factor) const;

 private:
  int64_t per_topic_;
  int64_t per_request_;
  int32_t live_brokers_;
  int64_t requested_ = 0;  // new partitions admitted so far in this request
};

}  // namespace partita::broker
