// ClusterClient topic administration: list/describe (Metadata), create, delete, add partitions (controller).
#include <algorithm>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_topics.h"

namespace partita::client {

using protocol::ErrorCode;

namespace {
constexpr int16_t kNotController = static_cast<int16_t>(ErrorCode::kNotController);
}  // namespace

Result<std::vector<TopicInfo>> ClusterClient::ListTopics(bool include_internal) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto md = RefreshMetadataLocked();
  if (!md.ok()) return md.status();
  std::vector<TopicInfo> out;
  for (const auto& t : md->topics) {
    if (include_internal || !t.is_internal) out.push_back(t);
  }
  return out;
}

Result<std::vector<TopicInfo>> ClusterClient::DescribeTopics(const std::vector<std::string>& names) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto md = RefreshMetadataLocked();
  if (!md.ok()) return md.status();
  if (names.empty()) return md->topics;
  std::vector<TopicInfo> out;
  for (const auto& name : names) {
    const TopicInfo* t = md->FindTopic(name);
    if (t == nullptr || t->error_code == protocol::Wire(ErrorCode::kUnknownTopicOrPartition)) {
      return Status::NotFound("topic '" + name + "' does not exist");
    }
    out.push_back(*t);
  }
  return out;
}

Status ClusterClient::CreateTopic(const NewTopic& topic, bool validate_only) {
  auto r = CreateTopics({topic}, validate_only);
  if (!r.ok()) return r.status();
  for (const auto& item : *r) {
    if (!item.status.ok()) return item.status;
  }
  return Status::Ok();
}

Result<std::vector<ItemStatus>> ClusterClient::CreateTopics(const std::vector<NewTopic>& topics, bool validate_only) {
  protocol::CreateTopicsRequest req;
  req.timeout_ms = options_.admin_timeout_ms;
  req.validate_only = validate_only;
  for (const auto& t : topics) {
    protocol::CreateTopicsRequest::Topic rt;
    rt.name = t.name;
    if (t.replica_assignment.empty()) {
      rt.num_partitions = t.partitions;
      rt.replication_factor = t.replication_factor;
    } else {
      for (size_t i = 0; i < t.replica_assignment.size(); ++i) {
        rt.assignments.push_back({static_cast<int32_t>(i), t.replica_assignment[i]});
      }
    }
    for (const auto& [k, v] : t.configs) rt.configs.push_back({k, v});
    req.topics.push_back(std::move(rt));
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto resp = SendToController<protocol::CreateTopicsRequest, protocol::CreateTopicsResponse>(
      req, [](const protocol::CreateTopicsResponse& r) {
        return std::any_of(r.topics.begin(), r.topics.end(), [](const auto& t) { return t.error_code == kNotController; });
      });
  if (!resp.ok()) return Status(resp.status());
  const std::string where = DescribeBroker(metadata_.controller_id);
  std::vector<ItemStatus> out;
  for (const auto& t : resp->topics) {
    out.push_back({t.name, KafkaError(t.error_code, "CreateTopics '" + t.name + "' on " + where, t.error_message)});
  }
  return out;
}

Status ClusterClient::DeleteTopic(const std::string& name) {
  auto r = DeleteTopics({name});
  if (!r.ok()) return r.status();
  for (const auto& item : *r) {
    if (!item.status.ok()) return item.status;
  }
  return Status::Ok();
}

Result<std::vector<ItemStatus>> ClusterClient::DeleteTopics(const std::vector<std::string>& names) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto conn = ControllerConnection();
  if (!conn.ok()) return conn.status();
  auto version = (*conn)->PickVersion<protocol::DeleteTopicsRequest>();
  if (!version.ok()) return version.status();
  protocol::DeleteTopicsRequest req;
  req.timeout_ms = options_.admin_timeout_ms;
  // v6 names topics in topics[] (name or id); earlier versions in topic_names. Fill both: Encode uses the one
  // its version has, and a NOT_CONTROLLER retry may pick another version.
  for (const auto& n : names) {
    req.topic_names.push_back(n);
    protocol::DeleteTopicsRequest::Topic t;
    t.name = n;
    req.topics.push_back(t);
  }
  auto resp = SendToController<protocol::DeleteTopicsRequest, protocol::DeleteTopicsResponse>(
      req, [](const protocol::DeleteTopicsResponse& r) {
        return std::any_of(r.responses.begin(), r.responses.end(),
                           [](const auto& t) { return t.error_code == kNotController; });
      });
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(metadata_.controller_id);
  std::vector<ItemStatus> out;
  for (const auto& t : resp->responses) {
    std::string name = t.name.value_or("");
    out.push_back({name, KafkaError(t.error_code, "DeleteTopics '" + name + "' on " + where, t.error_message)});
  }
  return out;
}

Status ClusterClient::CreatePartitions(const std::string& topic, int32_t total_count,
                                       const std::vector<std::vector<int32_t>>& assignments, bool validate_only) {
  protocol::CreatePartitionsRequest req;
  req.timeout_ms = options_.admin_timeout_ms;
  req.validate_only = validate_only;
  protocol::CreatePartitionsRequest::Topic t;
  t.name = topic;
  t.count = total_count;
  if (!assignments.empty()) {
    t.assignments.emplace();
    for (const auto& a : assignments) t.assignments->push_back({a});
  }
  req.topics.push_back(std::move(t));
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto resp = SendToController<protocol::CreatePartitionsRequest, protocol::CreatePartitionsResponse>(
      req, [](const protocol::CreatePartitionsResponse& r) {
        return std::any_of(r.results.begin(), r.results.end(),
                           [](const auto& x) { return x.error_code == kNotController; });
      });
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(metadata_.controller_id);
  for (const auto& r : resp->results) {
    PARTITA_RETURN_IF_ERROR(
        KafkaError(r.error_code, "CreatePartitions '" + r.name + "' on " + where, r.error_message));
  }
  if (resp->results.empty()) return Status::Corruption("CreatePartitions answer from " + where + " has no result");
  return Status::Ok();
}

}  // namespace partita::client
