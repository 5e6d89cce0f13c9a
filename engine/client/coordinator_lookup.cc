// ClusterClient coordinator discovery: FindCoordinator for a group (key type GROUP) or a transactional id (key
// type TRANSACTION, KIP-98), cached per key until a caller asks again. Routing through it (the retry loop) is
// ClusterClient::SendToCoordinator in cluster_client.h.
#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/find_coordinator.h"

namespace partita::client {

using protocol::ErrorCode;

bool ClusterClient::IsCoordinatorError(int16_t code) {
  switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::kNotCoordinator:
    case ErrorCode::kCoordinatorNotAvailable:
    case ErrorCode::kCoordinatorLoadInProgress:
      return true;
    default:
      return false;
  }
}

Result<int32_t> ClusterClient::CoordinatorOf(const CoordinatorKey& key, bool refresh) {
  if (!refresh) {
    auto it = coordinators_.find(key);
    if (it != coordinators_.end()) return it->second;
  }
  coordinators_.erase(key);
  protocol::FindCoordinatorRequest req;
  req.key = key.key;
  req.key_type = static_cast<int8_t>(key.type);
  req.coordinator_keys = {key.key};
  auto conn = AnyConnection();
  if (!conn.ok()) return conn.status();
  const std::string where = (*conn)->peer();
  int16_t version = 0;
  auto resp = (*conn)->Send<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse>(req, kPickVersion,
                                                                                                  &version);
  if (!resp.ok()) return Status::Unavailable("FindCoordinator for " + key.Label() + ": " + resp.status().message());
  if (version == 0 && key.type != CoordinatorType::kGroup) {
    return Status::Unsupported("FindCoordinator for " + key.Label() + " on " + where +
                               ": the broker answers only v0, which finds group coordinators only");
  }
  int16_t error = resp->error_code;
  std::optional<std::string> message = resp->error_message;
  int32_t node = resp->node_id;
  if (version >= protocol::FindCoordinatorRequest::kFirstBatchedVersion) {
    if (resp->coordinators.empty()) {
      return Status::Corruption("FindCoordinator answer from " + where + " has no entry for " + key.Label());
    }
    const auto& c = resp->coordinators[0];
    error = c.error_code;
    message = c.error_message;
    node = c.node_id;
  }
  PARTITA_RETURN_IF_ERROR(KafkaError(error, "FindCoordinator for " + key.Label() + " on " + where, message));
  coordinators_[key] = node;
  return node;
}

}  // namespace partita::client
