// ClusterClient cluster operations, all sent to the controller except DescribeLogDirs (to the broker asked
// about): leader elections (ElectLeaders), partition reassignments (Alter/ListPartitionReassignments).
#include <algorithm>
#include <map>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/partition_reassignments.h"

namespace partita::client {

using protocol::ErrorCode;

namespace {

constexpr int16_t kNotController = static_cast<int16_t>(ErrorCode::kNotController);

// Groups partitions by topic, keeping first-seen topic order.
std::vector<std::pair<std::string, std::vector<int32_t>>> ByTopic(const std::vector<TopicPartition>& tps) {
  std::vector<std::pair<std::string, std::vector<int32_t>>> out;
  std::map<std::string, size_t> index;
  for (const auto& tp : tps) {
    auto [it, inserted] = index.emplace(tp.topic, out.size());
    if (inserted) out.push_back({tp.topic, {}});
    out[it->second].second.push_back(tp.partition.value);
  }
  return out;
}

}  // namespace

Result<std::vector<ElectionResult>> ClusterClient::ElectLeaders(
    ElectionType type, const std::optional<std::vector<TopicPartition>>& partitions) {
  protocol::ElectLeadersRequest req;
  req.election_type = static_cast<int8_t>(type);
  req.timeout_ms = options_.admin_timeout_ms;
  if (partitions) {
    req.topic_partitions.emplace();
    for (auto& [topic, ids] : ByTopic(*partitions)) req.topic_partitions->push_back({topic, ids});
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (type == ElectionType::kUnclean) {
    // v0 has no election type and always means preferred: an unclean election needs v1+.
    auto conn = ControllerConnection();
    if (!conn.ok()) return conn.status();
    auto v = (*conn)->PickVersion<protocol::ElectLeadersRequest>();
    if (!v.ok()) return v.status();
    if (*v < 1) return Status::Unsupported("controller " + (*conn)->peer() + " supports only preferred elections");
  }
  auto resp = SendToController<protocol::ElectLeadersRequest, protocol::ElectLeadersResponse>(
      req, [](const protocol::ElectLeadersResponse& r) {
        if (r.error_code == kNotController) return true;
        for (const auto& t : r.replica_election_results) {
          for (const auto& p : t.partition_result) {
            if (p.error_code == kNotController) return true;
          }
        }
        return false;
      });
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(metadata_.controller_id);
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "ElectLeaders on " + where));
  std::vector<ElectionResult> out;
  for (const auto& t : resp->replica_election_results) {
    for (const auto& p : t.partition_result) {
      ElectionResult r;
      r.tp = {t.topic, PartitionId(p.partition_id)};
      if (p.error_code == protocol::Wire(ErrorCode::kElectionNotNeeded)) {
        r.not_needed = true;
      } else {
        r.status = KafkaError(p.error_code, "ElectLeaders " + r.tp.DirName() + " on " + where, p.error_message);
      }
      out.push_back(std::move(r));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.tp < b.tp; });
  return out;
}

Result<std::vector<ItemStatus>> ClusterClient::AlterPartitionReassignments(
    const std::vector<Reassignment>& reassignments) {
  protocol::AlterPartitionReassignmentsRequest req;
  req.timeout_ms = options_.admin_timeout_ms;
  std::map<std::string, size_t> index;
  for (const auto& r : reassignments) {
    auto [it, inserted] = index.emplace(r.tp.topic, req.topics.size());
    if (inserted) req.topics.push_back({r.tp.topic, {}});
    req.topics[it->second].partitions.push_back({r.tp.partition.value, r.replicas});
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto resp = SendToController<protocol::AlterPartitionReassignmentsRequest,
                               protocol::AlterPartitionReassignmentsResponse>(
      req, [](const protocol::AlterPartitionReassignmentsResponse& r) { return r.error_code == kNotController; });
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(metadata_.controller_id);
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "AlterPartitionReassignments on " + where, resp->error_message));
  std::vector<ItemStatus> out;
  for (const auto& t : resp->responses) {
    for (const auto& p : t.partitions) {
      TopicPartition tp{t.name, PartitionId(p.partition_index)};
      out.push_back({tp.DirName(), KafkaError(p.error_code, "AlterPartitionReassignments " + tp.DirName() + " on " +
                                                                where, p.error_message)});
    }
  }
  return out;
}

Result<std::vector<OngoingReassignment>> ClusterClient::ListPartitionReassignments(
    const std::optional<std::vector<TopicPartition>>& partitions) {
  protocol::ListPartitionReassignmentsRequest req;
  req.timeout_ms = options_.admin_timeout_ms;
  if (partitions) {
    req.topics.emplace();
    for (auto& [topic, ids] : ByTopic(*partitions)) req.topics->push_back({topic, ids});
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto resp = SendToController<protocol::ListPartitionReassignmentsRequest,
                               protocol::ListPartitionReassignmentsResponse>(
      req, [](const protocol::ListPartitionReassignmentsResponse& r) { return r.error_code == kNotController; });
  if (!resp.ok()) return resp.status();
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code,
                                     "ListPartitionReassignments on " + DescribeBroker(metadata_.controller_id),
                                     resp->error_message));
  std::vector<OngoingReassignment> out;
  for (const auto& t : resp->topics) {
    for (const auto& p : t.partitions) {
      out.push_back({{t.name, PartitionId(p.partition_index)}, p.replicas, p.adding_replicas, p.removing_replicas});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.tp < b.tp; });
  return out;
}

Result<std::vector<LogDirInfo>> ClusterClient::DescribeLogDirs(int32_t broker_id) {
  protocol::DescribeLogDirsRequest req;
  req.topics = std::nullopt;  // every partition
  auto resp = SendToBroker<protocol::DescribeLogDirsRequest, protocol::DescribeLogDirsResponse>(broker_id, req);
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(broker_id);
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "DescribeLogDirs on " + where));
  std::vector<LogDirInfo> out;
  for (const auto& r : resp->results) {
    LogDirInfo d;
    d.path = r.log_dir;
    d.status = KafkaError(r.error_code, "log dir " + r.log_dir + " on " + where);
    d.total_bytes = r.total_bytes;
    d.usable_bytes = r.usable_bytes;
    for (const auto& t : r.topics) {
      for (const auto& p : t.partitions) {
        d.partitions.push_back({{t.name, PartitionId(p.partition_index)}, p.partition_size, p.offset_lag,
                                p.is_future_key});
      }
    }
    std::sort(d.partitions.begin(), d.partitions.end(), [](const auto& a, const auto& b) { return a.tp < b.tp; });
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace partita::client
