// ClusterClient consumer-group administration (kafka-consumer-groups): coordinator discovery and routing,
// ListGroups (every broker), DescribeGroups, OffsetFetch, admin OffsetCommit, DeleteGroups, OffsetDelete.
// The lag view built on these lives in group_lag.cc.
#include <algorithm>
#include <cctype>

#include "engine/client/cluster_client.h"
#include "engine/client/retry_backoff.h"
#include "engine/client/consumer_protocol.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"

namespace partita::client {

using protocol::ErrorCode;

namespace {

CoordinatorKey GroupKey(const std::string& group) { return {CoordinatorType::kGroup, group}; }

std::string GroupLabel(const std::string& group) { return GroupKey(group).Label(); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Kafka's state names, accepted case-insensitively like kafka-consumer-groups --state.
Result<std::string> CanonicalState(const std::string& state) {
  static const char* kStates[] = {"PreparingRebalance", "CompletingRebalance", "Stable", "Dead", "Empty"};
  for (const char* s : kStates) {
    if (Lower(state) == Lower(s)) return std::string(s);
  }
  return Status::InvalidArgument("unknown group state '" + state +
                                 "' (expected PreparingRebalance, CompletingRebalance, Stable, Dead or Empty)");
}

// Groups partitions by topic, keeping first-seen topic order.
template <class Topic, class Add>
std::vector<Topic> ByTopic(const std::vector<TopicPartition>& tps, Add add) {
  std::vector<Topic> out;
  std::map<std::string, size_t> index;
  for (const auto& tp : tps) {
    auto [it, inserted] = index.emplace(tp.topic, out.size());
    if (inserted) {
      out.emplace_back();
      out.back().name = tp.topic;
    }
    add(out[it->second], tp);
  }
  return out;
}

// One Status for the failing partitions of an answer: the first failure's kind, every failure named.
Status PartitionErrors(const std::vector<std::pair<TopicPartition, Status>>& failures) {
  if (failures.empty()) return Status::Ok();
  if (failures.size() == 1) return failures[0].second;
  std::string text = failures[0].second.message();
  for (size_t i = 1; i < failures.size(); ++i) text += "; " + failures[i].second.message();
  switch (failures[0].second.code()) {
    case Status::Code::kNotFound: return Status::NotFound(text);
    case Status::Code::kUnavailable: return Status::Unavailable(text);
    case Status::Code::kTimeout: return Status::Timeout(text);
    case Status::Code::kUnsupported: return Status::Unsupported(text);
    case Status::Code::kCorruption: return Status::Corruption(text);
    default: return Status::InvalidArgument(text);
  }
}

}  // namespace

Result<std::vector<GroupListing>> ClusterClient::ListGroups(const std::vector<std::string>& states) {
  std::vector<std::string> wanted;
  for (const auto& s : states) {
    auto c = CanonicalState(s);
    if (!c.ok()) return c.status();
    wanted.push_back(*c);
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto md = RefreshMetadataLocked();
  if (!md.ok()) return md.status();
  protocol::ListGroupsRequest req;
  req.states_filter = wanted;
  std::map<std::string, GroupListing> merged;
  bool stateless = false;  // some broker answered below v4: states unknown, filter after describing
  for (const auto& b : md->brokers) {
    const std::string where = DescribeBroker(b.id);
    RetryBackoff backoff(options_.coordinator_retry_ms);
    for (;;) {
      auto conn = ConnectionTo(b.id);
      if (!conn.ok()) return Status::Unavailable("ListGroups on " + where + ": " + conn.status().message());
      int16_t version = 0;
      auto resp = (*conn)->Send<protocol::ListGroupsRequest, protocol::ListGroupsResponse>(req, kPickVersion,
                                                                                            &version);
      if (!resp.ok()) return Status::Unavailable("ListGroups on " + where + ": " + resp.status().message());
      // A broker still loading an offsets partition answers COORDINATOR_LOAD_IN_PROGRESS: ask it again.
      if (ClusterClient::IsCoordinatorError(resp->error_code) && !backoff.Exhausted()) {
        backoff.Pause();
        continue;
      }
      PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "ListGroups on " + where));
      if (version < 4) stateless = true;
      for (const auto& g : resp->groups) merged[g.group_id] = {g.group_id, g.group_state, g.protocol_type};
      break;
    }
  }
  std::vector<GroupListing> out;
  for (auto& [id, g] : merged) {
    if (!wanted.empty()) {
      if (g.state.empty() && stateless) {
        auto d = DescribeGroup(id);
        if (d.ok()) g.state = d->state;
      }
      if (std::find(wanted.begin(), wanted.end(), g.state) == wanted.end()) continue;
    }
    out.push_back(std::move(g));
  }
  return out;
}

Result<GroupDescription> ClusterClient::DescribeGroup(const std::string& group) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  protocol::DescribeGroupsRequest req;
  req.groups = {group};
  int32_t coord = -1;
  auto resp = SendToCoordinator<protocol::DescribeGroupsRequest, protocol::DescribeGroupsResponse>(
      GroupKey(group), req,
      [](const protocol::DescribeGroupsResponse& r) -> int16_t { return r.groups.empty() ? 0 : r.groups[0].error_code; },
      &coord);
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(coord);
  if (resp->groups.empty()) return Status::Corruption("DescribeGroups answer from " + where + " has no " + GroupLabel(group));
  const auto& g = resp->groups[0];
  GroupDescription d;
  d.group_id = group;
  d.coordinator = coord;
  if (g.error_code == protocol::Wire(ErrorCode::kGroupIdNotFound)) {
    d.state = "Dead";
    return d;
  }
  PARTITA_RETURN_IF_ERROR(KafkaError(g.error_code, "DescribeGroups " + GroupLabel(group) + " on " + where));
  d.state = g.group_state;
  d.protocol_type = g.protocol_type;
  d.protocol = g.protocol_data;
  for (const auto& m : g.members) {
    GroupMemberInfo mi;
    mi.member_id = m.member_id;
    mi.group_instance_id = m.group_instance_id;
    mi.client_id = m.client_id;
    // Kafka's coordinator reports the host as "/127.0.0.1"; the tools print it as given.
    mi.host = m.client_host;
    if (g.protocol_type == "consumer") {
      auto a = DecodeConsumerAssignment(m.member_assignment);
      if (a.ok()) {
        mi.assignment = std::move(a->partitions);
        std::sort(mi.assignment.begin(), mi.assignment.end());
      } else {
        mi.assignment_error = "member " + m.member_id + ": " + a.status().message();
      }
      auto s = DecodeConsumerSubscription(m.member_metadata);
      if (s.ok()) mi.subscribed_topics = std::move(s->topics);
    }
    d.members.push_back(std::move(mi));
  }
  return d;
}

Result<std::map<TopicPartition, int64_t>> ClusterClient::FetchCommittedOffsets(const std::string& group) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // Both shapes are filled: Encode writes the single-group fields below v8 and the batch from v8 on.
  protocol::OffsetFetchRequest req;
  req.group_id = group;
  req.topics = std::nullopt;  // all partitions (v2+)
  req.groups.push_back({.group_id = group, .topics = std::nullopt});
  auto error_of = [](const protocol::OffsetFetchResponse& r) -> int16_t {
    if (!r.groups.empty()) return r.groups[0].error_code;
    return r.error_code;
  };
  int32_t coord = -1;
  auto resp = SendToCoordinator<protocol::OffsetFetchRequest, protocol::OffsetFetchResponse>(
      GroupKey(group), req, error_of, &coord);
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(coord);
  PARTITA_RETURN_IF_ERROR(KafkaError(error_of(*resp), "OffsetFetch " + GroupLabel(group) + " on " + where));
  const auto& topics = resp->groups.empty() ? resp->topics : resp->groups[0].topics;
  std::map<TopicPartition, int64_t> out;
  std::vector<std::pair<TopicPartition, Status>> failures;
  for (const auto& t : topics) {
    for (const auto& p : t.partitions) {
      TopicPartition tp{t.name, PartitionId(p.partition_index)};
      if (p.error_code != 0) {
        failures.push_back({tp, KafkaError(p.error_code, "OffsetFetch " + GroupLabel(group) + " partition " +
                                                             tp.DirName() + " on " + where)});
        continue;
      }
      if (p.committed_offset >= 0) out[tp] = p.committed_offset;
    }
  }
  PARTITA_RETURN_IF_ERROR(PartitionErrors(failures));
  return out;
}

Status ClusterClient::CommitOffsets(const std::string& group, const std::map<TopicPartition, int64_t>& offsets) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto d = DescribeGroup(group);
  if (!d.ok()) return d.status();
  // An admin commit carries no generation: the coordinator takes it only while no member owns partitions.
  if (d->state != "Empty" && d->state != "Dead") {
    return Status::InvalidArgument("Assignments can only be reset if the group '" + group +
                                   "' is inactive, but the current state is " + d->state + ".");
  }
  if (offsets.empty()) return Status::Ok();
  protocol::OffsetCommitRequest req;
  req.group_id = group;
  req.generation_id = -1;
  req.member_id = "";
  std::vector<TopicPartition> tps;
  for (const auto& [tp, off] : offsets) tps.push_back(tp);
  req.topics = ByTopic<protocol::OffsetCommitRequest::Topic>(tps, [&](auto& topic, const TopicPartition& tp) {
    protocol::OffsetCommitRequest::Partition p;
    p.partition_index = tp.partition.value;
    p.committed_offset = offsets.at(tp);
    p.committed_metadata = "";
    topic.partitions.push_back(p);
  });
  auto error_of = [](const protocol::OffsetCommitResponse& r) -> int16_t {
    for (const auto& t : r.topics) {
      for (const auto& p : t.partitions) {
        if (p.error_code != 0) return p.error_code;
      }
    }
    return 0;
  };
  int32_t coord = -1;
  auto resp = SendToCoordinator<protocol::OffsetCommitRequest, protocol::OffsetCommitResponse>(
      GroupKey(group), req, error_of, &coord);
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(coord);
  std::vector<std::pair<TopicPartition, Status>> failures;
  size_t answered = 0;
  for (const auto& t : resp->topics) {
    for (const auto& p : t.partitions) {
      ++answered;
      TopicPartition tp{t.name, PartitionId(p.partition_index)};
      Status st = KafkaError(p.error_code, "OffsetCommit " + GroupLabel(group) + " partition " + tp.DirName() +
                                               " on " + where);
      if (!st.ok()) failures.push_back({tp, st});
    }
  }
  PARTITA_RETURN_IF_ERROR(PartitionErrors(failures));
  if (answered != offsets.size()) {
    return Status::Corruption("OffsetCommit answer from " + where + " covers " + std::to_string(answered) + " of " +
                              std::to_string(offsets.size()) + " partitions of " + GroupLabel(group));
  }
  return Status::Ok();
}

Result<std::vector<ItemStatus>> ClusterClient::DeleteGroups(const std::vector<std::string>& groups) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::vector<ItemStatus> out;
  // One request per group: each goes to its own coordinator, and one group's move does not delay the others.
  for (const auto& group : groups) {
    protocol::DeleteGroupsRequest req;
    req.groups_names = {group};
    auto error_of = [](const protocol::DeleteGroupsResponse& r) -> int16_t {
      return r.results.empty() ? 0 : r.results[0].error_code;
    };
    int32_t coord = -1;
    auto resp = SendToCoordinator<protocol::DeleteGroupsRequest, protocol::DeleteGroupsResponse>(
        GroupKey(group), req, error_of, &coord);
    if (!resp.ok()) {
      out.push_back({group, resp.status()});
      continue;
    }
    if (resp->results.empty()) {
      out.push_back({group, Status::Corruption("DeleteGroups answer from " + DescribeBroker(coord) + " has no " +
                                               GroupLabel(group))});
      continue;
    }
    out.push_back({group, KafkaError(resp->results[0].error_code,
                                     "DeleteGroups " + GroupLabel(group) + " on " + DescribeBroker(coord))});
  }
  return out;
}

Status ClusterClient::DeleteOffsets(const std::string& group, const std::vector<TopicPartition>& partitions) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (partitions.empty()) return Status::InvalidArgument("DeleteOffsets " + GroupLabel(group) + ": no partition given");
  protocol::OffsetDeleteRequest req;
  req.group_id = group;
  req.topics = ByTopic<protocol::OffsetDeleteRequest::Topic>(
      partitions, [](auto& topic, const TopicPartition& tp) { topic.partitions.push_back(tp.partition.value); });
  int32_t coord = -1;
  auto resp = SendToCoordinator<protocol::OffsetDeleteRequest, protocol::OffsetDeleteResponse>(
      GroupKey(group), req, [](const protocol::OffsetDeleteResponse& r) { return r.error_code; }, &coord);
  if (!resp.ok()) return resp.status();
  const std::string where = DescribeBroker(coord);
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "OffsetDelete " + GroupLabel(group) + " on " + where));
  std::vector<std::pair<TopicPartition, Status>> failures;
  for (const auto& t : resp->topics) {
    for (const auto& p : t.partitions) {
      TopicPartition tp{t.name, PartitionId(p.partition_index)};
      Status st = KafkaError(p.error_code, "OffsetDelete " + GroupLabel(group) + " partition " + tp.DirName() +
                                               " on " + where);
      if (!st.ok()) failures.push_back({tp, st});
    }
  }
  return PartitionErrors(failures);
}

}  // namespace partita::client
