// Kafka's internal topics (org.apache.kafka.common.internals.Topic.isInternal in Kafka 3.8: the group
// metadata and transaction state topics; `_schemas` and other underscore topics are ordinary). Metadata
// marks them is_internal, and Produce refuses them to ordinary clients (ReplicaManager.appendToLocalLog:
// "Cannot append to internal topic", INVALID_TOPIC_EXCEPTION) unless the client id is the admin client's
// (KafkaApis: internalTopicsAllowed = clientId == AdminUtils.ADMIN_CLIENT_ID). The broker's own group
// coordinator appends through the partition directly and is not affected. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>


namespace partita::broker {

inline constexpr std::string_view kTransactionStateTopic = "__transaction_state";
inline constexpr std::string_view kAdminClientId = "__admin_client";

bool IsInternalTopic(std::string_view topic);

// Whether a Produce request from this client id may append to internal topics.
inline bool InternalTopicsAllowed(const std::optional<std::string>& client_id) {
  return client_id && *client_id == kAdminClientId;
}

}  // namespace partita::broker
