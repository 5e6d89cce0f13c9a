#include "engine/broker/handlers/partition_limits.h"

#include "engine/broker/broker_config.h"

namespace partita::broker {

using protocol::ErrorCode;

PartitionBudget::PartitionBudget(const BrokerConfig& config, int32_t live_brokers)
    : per_topic_(config.GetLong("partita.max.partitions.per.topic")),
      per_request_(config.GetLong("partita.max.partitions.per.request")),
      live_brokers_(live_brokers) {}

std::optional<AdminRefusal> PartitionBudget::CheckTopicSize(const std::string& topic, int64_t total) const {
  if (total > per_topic_) {
    return AdminRefusal{ErrorCode::kInvalidPartitions,
                        "topic '" + topic + "' would have " + std::to_string(total) + " partitions; at most " +
                            std::to_string(per_topic_) + " are allowed per topic (partita.max.partitions.per.topic)"};
  }
  return std::nullopt;
}

std::optional<AdminRefusal> PartitionBudget::Admit(const std::string& topic, int64_t added) {
  if (requested_ + added > per_request_) {
    return AdminRefusal{ErrorCode::kPolicyViolation,
                        "this request asks for more than " + std::to_string(per_request_) +
                            " new partitions in total (partita.max.partitions.per.request); topic '" + topic +
                            "' was refused, send it in another request"};
  }
  requested_ += added;
  return std::nullopt;
}

std::optional<AdminRefusal> PartitionBudget::CheckReplicationFactor(const std::string& topic,
                                                                    int64_t replication_factor) const {
  if (replication_factor < 1) {
    return AdminRefusal{ErrorCode::kInvalidReplicationFactor, "replication factor must be at least 1"};
  }
  if (replication_factor > live_brokers_) {
    return AdminRefusal{ErrorCode::kInvalidReplicationFactor,
                        "replication factor " + std::to_string(replication_factor) + " of topic '" + topic +
                            "' is larger than the " + std::to_string(live_brokers_) + " available broker(s)"};
  }
  return std::nullopt;
}

}  // namespace partita::broker
