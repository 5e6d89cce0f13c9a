// ClusterClient: bootstrap, metadata, connections and routing. Admin, config, record and cluster operations
// live in admin_topics.cc, admin_configs.cc, records.cc and cluster_ops.cc.
#include "engine/client/cluster_client.h"

#include <algorithm>

#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/uuid_text.h"

namespace partita::client {

using protocol::ErrorCode;

const BrokerInfo* ClusterMetadata::FindBroker(int32_t id) const {
  for (const auto& b : brokers) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

// Binary searches: callers look up every partition of a snapshot, and linear scans made a 10,000-partition topic
// (or 10,000 topics) quadratic for the desktop poller (issue 11).
const TopicInfo* ClusterMetadata::FindTopic(const std::string& name) const {
  auto it = std::lower_bound(topics.begin(), topics.end(), name,
                             [](const TopicInfo& t, const std::string& n) { return t.name < n; });
  return it != topics.end() && it->name == name ? &*it : nullptr;
}

const PartitionInfo* TopicInfo::FindPartition(int32_t id) const {
  auto it = std::lower_bound(partitions.begin(), partitions.end(), id,
                             [](const PartitionInfo& p, int32_t i) { return p.partition < i; });
  return it != partitions.end() && it->partition == id ? &*it : nullptr;
}

const char* ConfigSourceName(int8_t source) {
  switch (source) {
    case 1: return "DYNAMIC_TOPIC_CONFIG";
    case 2: return "DYNAMIC_BROKER_CONFIG";
    case 3: return "DYNAMIC_DEFAULT_BROKER_CONFIG";
    case 4: return "STATIC_BROKER_CONFIG";
    case 5: return "DEFAULT_CONFIG";
    case 6: return "DYNAMIC_BROKER_LOGGER_CONFIG";
    default: return "UNKNOWN";
  }
}

Status KafkaError(int16_t error_code, const std::string& context, const std::optional<std::string>& message) {
  if (error_code == 0) return Status::Ok();
  const auto code = static_cast<ErrorCode>(error_code);
  std::string text = context + ": " + protocol::ErrorCodeName(code);
  if (message && !message->empty()) {
    text += ": " + *message;
  } else {
    text += std::string(": ") + protocol::ErrorCodeMessage(code);
  }
  switch (code) {
    case ErrorCode::kTopicAlreadyExists:
      return Status::AlreadyExists(text);
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kUnknownTopicId:
    case ErrorCode::kGroupIdNotFound:
    case ErrorCode::kNoReassignmentInProgress:
    case ErrorCode::kLogDirNotFound:
      return Status::NotFound(text);
    case ErrorCode::kRequestTimedOut:
      return Status::Timeout(text);
    case ErrorCode::kUnsupportedVersion:
      return Status::Unsupported(text);
    case ErrorCode::kLeaderNotAvailable:
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kBrokerNotAvailable:
    case ErrorCode::kReplicaNotAvailable:
    case ErrorCode::kNotController:
    case ErrorCode::kNetworkException:
    case ErrorCode::kNotEnoughReplicas:
    case ErrorCode::kNotEnoughReplicasAfterAppend:
    case ErrorCode::kKafkaStorageError:
    case ErrorCode::kPreferredLeaderNotAvailable:
    case ErrorCode::kEligibleLeadersNotAvailable:
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kUnknownLeaderEpoch:
    case ErrorCode::kCoordinatorNotAvailable:
    case ErrorCode::kNotCoordinator:
    case ErrorCode::kCoordinatorLoadInProgress:
      return Status::Unavailable(text);
    default:
      return Status::InvalidArgument(text);
  }
}

Result<std::unique_ptr<ClusterClient>> ClusterClient::Connect(const std::string& bootstrap_servers,
                                                              const ClientOptions& options) {
  std::vector<std::pair<std::string, int>> servers;
  size_t start = 0;
  while (start <= bootstrap_servers.size()) {
    size_t comma = bootstrap_servers.find(',', start);
    std::string item = bootstrap_servers.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Trim spaces users type after commas.
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) {
      auto hp = ParseHostPort(item);
      if (!hp.ok()) return Status::InvalidArgument("bootstrap server " + hp.status().message());
      servers.push_back(*hp);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (servers.empty()) return Status::InvalidArgument("no bootstrap server given (expected host:port[,host:port])");
  std::unique_ptr<ClusterClient> client(new ClusterClient(servers, options));
  std::lock_guard<std::recursive_mutex> lock(client->mu_);
  std::string tried;
  for (const auto& [host, port] : servers) {
    auto conn = BrokerConnection::Connect(host, port, options.connection);
    if (!conn.ok()) {
      tried += "\n  " + conn.status().message();
      continue;
    }
    client->bootstrap_connection_ = std::move(*conn);
    auto md = client->RefreshMetadataLocked();
    if (md.ok()) return client;
    tried += "\n  " + md.status().message();
    client->bootstrap_connection_.reset();
  }
  return Status::Unavailable("no bootstrap server answered:" + tried);
}

ClusterClient::~ClusterClient() = default;

ClusterMetadata ClusterClient::Metadata() const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return metadata_;
}

int32_t ClusterClient::controller_id() const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return metadata_.controller_id;
}

std::string ClusterClient::DescribeBroker(int32_t broker_id) const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::string role = broker_id == metadata_.controller_id ? "controller " : "broker ";
  const BrokerInfo* b = metadata_.FindBroker(broker_id);
  return role + std::to_string(broker_id) + (b ? " (" + b->Address() + ")" : std::string(" (not in metadata)"));
}

Result<ClusterMetadata> ClusterClient::RefreshMetadata() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return RefreshMetadataLocked();
}

Result<ClusterMetadata> ClusterClient::RefreshMetadataLocked() {
  protocol::MetadataRequest req;
  req.topics = std::nullopt;
  req.allow_auto_topic_creation = false;
  Result<protocol::MetadataResponse> resp = Status::Unavailable("no broker to ask for metadata");
  // Ask a known broker (the connections we hold first), then the bootstrap connection, then the bootstrap list.
  std::vector<BrokerConnection*> candidates;
  for (auto& [id, conn] : connections_) {
    if (conn && conn->connected()) candidates.push_back(conn.get());
  }
  if (bootstrap_connection_ && bootstrap_connection_->connected()) candidates.push_back(bootstrap_connection_.get());
  std::string tried;
  for (BrokerConnection* conn : candidates) {
    resp = conn->Send<protocol::MetadataRequest, protocol::MetadataResponse>(req);
    if (resp.ok()) break;
    tried += "\n  " + resp.status().message();
  }
  if (!resp.ok()) {
    // Reconnect: any broker we know, then the bootstrap servers.
    std::vector<std::pair<std::string, int>> addresses;
    for (const auto& b : metadata_.brokers) addresses.emplace_back(b.host, b.port);
    addresses.insert(addresses.end(), bootstrap_.begin(), bootstrap_.end());
    for (const auto& [host, port] : addresses) {
      auto conn = BrokerConnection::Connect(host, port, options_.connection);
      if (!conn.ok()) {
        tried += "\n  " + conn.status().message();
        continue;
      }
      bootstrap_connection_ = std::move(*conn);
      resp = bootstrap_connection_->Send<protocol::MetadataRequest, protocol::MetadataResponse>(req);
      if (resp.ok()) break;
      tried += "\n  " + resp.status().message();
    }
  }
  if (!resp.ok()) return Status::Unavailable("cannot load cluster metadata:" + tried);
  ClusterMetadata md;
  md.cluster_id = resp->cluster_id;
  md.controller_id = resp->controller_id;
  for (const auto& b : resp->brokers) md.brokers.push_back(BrokerInfo{b.node_id, b.host, b.port, b.rack});
  std::sort(md.brokers.begin(), md.brokers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& t : resp->topics) {
    TopicInfo ti;
    ti.name = t.name.value_or("");
    ti.topic_id = protocol::UuidToText(t.topic_id);
    ti.is_internal = t.is_internal;
    ti.error_code = t.error_code;
    for (const auto& p : t.partitions) {
      ti.partitions.push_back(PartitionInfo{p.partition_index, p.leader_id, p.leader_epoch, p.replica_nodes,
                                            p.isr_nodes, p.offline_replicas, p.error_code});
    }
    std::sort(ti.partitions.begin(), ti.partitions.end(),
              [](const auto& a, const auto& b) { return a.partition < b.partition; });
    md.topics.push_back(std::move(ti));
  }
  std::sort(md.topics.begin(), md.topics.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  // Connections to brokers that moved or left are dropped; they reconnect on next use.
  for (auto it = connections_.begin(); it != connections_.end();) {
    const BrokerInfo* b = md.FindBroker(it->first);
    if (b == nullptr || !it->second || !it->second->connected() ||
        it->second->peer() != (b->host.find(':') != std::string::npos ? "[" + b->host + "]" : b->host) + ":" +
                                   std::to_string(b->port)) {
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
  metadata_ = md;
  return md;
}

void ClusterClient::DropConnection(int32_t broker_id) { connections_.erase(broker_id); }

Result<BrokerConnection*> ClusterClient::ConnectionTo(int32_t broker_id) {
  auto it = connections_.find(broker_id);
  if (it != connections_.end() && it->second && it->second->connected()) return it->second.get();
  const BrokerInfo* b = metadata_.FindBroker(broker_id);
  if (b == nullptr) {
    (void)RefreshMetadataLocked();
    b = metadata_.FindBroker(broker_id);
  }
  if (b == nullptr) return Status::NotFound("broker " + std::to_string(broker_id) + " is not in the cluster metadata");
  auto conn = BrokerConnection::Connect(b->host, b->port, options_.connection);
  if (!conn.ok()) {
    return Status::Unavailable("broker " + std::to_string(broker_id) + ": " + conn.status().message());
  }
  BrokerConnection* raw = conn->get();
  connections_[broker_id] = std::move(*conn);
  return raw;
}

Result<BrokerConnection*> ClusterClient::ControllerConnection() {
  if (metadata_.controller_id < 0) (void)RefreshMetadataLocked();
  if (metadata_.controller_id < 0) {
    return Status::Unavailable("the cluster has no active controller (metadata names none)");
  }
  return ConnectionTo(metadata_.controller_id);
}

Result<BrokerConnection*> ClusterClient::AnyConnection() {
  if (metadata_.controller_id >= 0) {
    auto c = ConnectionTo(metadata_.controller_id);
    if (c.ok()) return c;
  }
  for (auto& [id, conn] : connections_) {
    if (conn && conn->connected()) return conn.get();
  }
  if (bootstrap_connection_ && bootstrap_connection_->connected()) return bootstrap_connection_.get();
  for (const auto& b : metadata_.brokers) {
    auto c = ConnectionTo(b.id);
    if (c.ok()) return c;
  }
  auto md = RefreshMetadataLocked();
  if (!md.ok()) return md.status();
  if (bootstrap_connection_ && bootstrap_connection_->connected()) return bootstrap_connection_.get();
  return Status::Unavailable("no broker of the cluster is reachable");
}

Result<int32_t> ClusterClient::LeaderOf(const TopicPartition& tp) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (attempt == 1) {
      auto md = RefreshMetadataLocked();
      if (!md.ok()) return md.status();
    }
    const TopicInfo* t = metadata_.FindTopic(tp.topic);
    if (t == nullptr) continue;
    if (const PartitionInfo* p = t->FindPartition(tp.partition.value); p != nullptr && p->leader >= 0) return p->leader;
  }
  const TopicInfo* t = metadata_.FindTopic(tp.topic);
  if (t == nullptr) {
    return KafkaError(protocol::Wire(ErrorCode::kUnknownTopicOrPartition), "topic '" + tp.topic + "'");
  }
  for (const auto& p : t->partitions) {
    if (p.partition == tp.partition.value) {
      return KafkaError(p.error_code ? p.error_code : protocol::Wire(ErrorCode::kLeaderNotAvailable),
                        "partition " + tp.DirName());
    }
  }
  return KafkaError(protocol::Wire(ErrorCode::kUnknownTopicOrPartition), "partition " + tp.DirName());
}

}  // namespace partita::client
