#include "engine/broker/handlers/offset_handlers.h"

#include <map>

#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// Groups (topic, partition, T) rows into the wire's topic -> partitions nesting, keeping first-seen topic order.
template <class Topic, class Row, class Fill>
std::vector<Topic> NestByTopic(const std::vector<Row>& rows, Fill fill) {
  std::vector<Topic> topics;
  std::map<std::string, size_t> index;
  for (const Row& row : rows) {
    auto [it, added] = index.emplace(row.topic, topics.size());
    if (added) topics.emplace_back().name = row.topic;
    fill(topics[it->second].partitions.emplace_back(), row);
  }
  return topics;
}

protocol::OffsetFetchResponse::Group FetchGroup(GroupService& groups, const std::string& group_id,
                                                const std::optional<std::vector<protocol::OffsetFetchRequest::Topic>>& topics,
                                                bool per_partition_errors, bool require_stable) {
  protocol::OffsetFetchResponse::Group out;
  out.group_id = group_id;
  group::OffsetFetchResult result;
  auto hosted = groups.CoordinatorFor(group_id);
  if (hosted.coordinator) {
    group::OffsetFetchArgs args;
    args.group_id = group_id;
    args.require_stable = require_stable;
    args.pending_txn = hosted.txn_offsets.get();
    if (topics) {
      args.partitions.emplace();
      for (const auto& t : *topics)
        for (int32_t p : t.partition_indexes) args.partitions->push_back({t.name, p});
    }
    result = hosted.coordinator->OffsetFetch(args);
  } else {
    result.error = hosted.error;
  }
  out.error_code = Wire(result.error);
  if (result.error != ErrorCode::kNone && per_partition_errors && topics) {
    // v0-1 have no group-level error: each requested partition carries it.
    for (const auto& t : *topics)
      for (int32_t p : t.partition_indexes) result.partitions.push_back({t.name, p, -1, -1, "", result.error});
  }
  out.topics = NestByTopic<protocol::OffsetFetchResponse::Topic>(
      result.partitions, [](protocol::OffsetFetchResponse::Partition& p, const group::OffsetFetchResult::Partition& r) {
        p.partition_index = r.partition;
        p.committed_offset = r.offset;
        p.committed_leader_epoch = r.leader_epoch;
        p.metadata = r.metadata;
        p.error_code = Wire(r.error);
      });
  return out;
}

}  // namespace

void OffsetCommitHandler::Process(const RequestContext& ctx, const protocol::OffsetCommitRequest& request,
                                  Done done) {
  GroupService& groups = ctx.broker->groups();
  std::vector<group::PartitionError> results;
  std::vector<group::OffsetCommitRecord> staged;
  auto hosted = groups.CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  std::set<std::string> unreadable;
  for (const auto& t : request.topics) {
    if (!AuthorizedTopic(ctx, AclOperation::kRead, t.name)) unreadable.insert(t.name);
  }
  if (!hosted.coordinator) {
    for (const auto& t : request.topics)
      for (const auto& p : t.partitions) results.push_back({t.name, p.partition_index, hosted.error});
  } else {
    // As KafkaApis: the readable topics' offsets are committed, the others answered TOPIC_AUTHORIZATION_FAILED.
    group::OffsetCommitArgs args;
    args.group_id = request.group_id;
    args.generation_id = ctx.version() >= 1 ? request.generation_id : -1;
    args.member_id = request.member_id;
    args.group_instance_id = request.group_instance_id;
    for (const auto& t : request.topics) {
      if (unreadable.count(t.name)) continue;
      for (const auto& p : t.partitions) {
        args.partitions.push_back(
            {t.name, p.partition_index, p.committed_offset, p.committed_leader_epoch, p.committed_metadata});
      }
    }
    if (!args.partitions.empty() || unreadable.empty()) {
      group::OffsetCommitResult committed = hosted.coordinator->OffsetCommit(args);
      results = std::move(committed.partitions);
      staged = std::move(committed.staged);
    }
    for (const auto& t : request.topics) {
      if (!unreadable.count(t.name)) continue;
      for (const auto& p : t.partitions) {
        results.push_back({t.name, p.partition_index, ErrorCode::kTopicAuthorizationFailed});
      }
    }
  }
  auto answer = [done](const std::vector<group::PartitionError>& rows) {
    protocol::OffsetCommitResponse response;
    response.topics = NestByTopic<protocol::OffsetCommitResponse::Topic>(
        rows, [](protocol::OffsetCommitResponse::Partition& p, const group::PartitionError& r) {
          p.partition_index = r.partition;
          p.error_code = Wire(r.error);
        });
    done(std::move(response));
  };
  bool any_written = false;
  for (const auto& r : results) any_written |= r.error == ErrorCode::kNone;
  if (!any_written) return answer(results);
  // The offsets become visible to OffsetFetch only once their record is replicated, before the answer goes out
  // (an unloaded coordinator ignores the completion).
  groups.WhenCommitted(hosted, [answer, results, staged = std::move(staged), coordinator = hosted.coordinator,
                                group_id = request.group_id](ErrorCode e) mutable {
    coordinator->CompleteOffsetCommit(group_id, staged, e == ErrorCode::kNone);
    if (e != ErrorCode::kNone) {
      // Kafka's mapping of a failed offset write: the client rediscovers the coordinator and retries.
      const ErrorCode mapped = e == ErrorCode::kNotCoordinator ? e : ErrorCode::kCoordinatorNotAvailable;
      for (auto& r : results)
        if (r.error == ErrorCode::kNone) r.error = mapped;
    }
    answer(results);
  });
}

void OffsetFetchHandler::Process(const RequestContext& ctx, const protocol::OffsetFetchRequest& request,
                                 Done done) {
  GroupService& groups = ctx.broker->groups();
  protocol::OffsetFetchResponse response;
  auto fetch = [&](const std::string& group_id, const auto& topics, bool v0) {
    if (AuthorizedGroup(ctx, AclOperation::kDescribe, group_id)) {
      // Topics need DESCRIBE too: named ones answer TOPIC_AUTHORIZATION_FAILED, the others are left out.
      auto g = FetchGroup(groups, group_id, topics, v0, ctx.version() >= 7 && request.require_stable);
      std::erase_if(g.topics, [&](auto& t) {
        if (AuthorizedTopic(ctx, AclOperation::kDescribe, t.name)) return false;
        if (!topics) return true;
        for (auto& p : t.partitions) {
          p.committed_offset = -1;
          p.committed_leader_epoch = -1;
          p.metadata = "";
          p.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
        }
        return false;
      });
      return g;
    }
    protocol::OffsetFetchResponse::Group denied;
    denied.group_id = group_id;
    denied.error_code = Wire(ErrorCode::kGroupAuthorizationFailed);
    return denied;
  };
  if (ctx.version() >= protocol::OffsetFetchRequest::kFirstBatchedVersion) {
    for (const auto& g : request.groups) response.groups.push_back(fetch(g.group_id, g.topics, false));
  } else {
    auto g = fetch(request.group_id, request.topics, ctx.version() < 2);
    response.topics = std::move(g.topics);
    response.error_code = g.error_code;
  }
  done(std::move(response));
}

void OffsetDeleteHandler::Process(const RequestContext& ctx, const protocol::OffsetDeleteRequest& request,
                                  Done done) {
  protocol::OffsetDeleteResponse response;
  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kDelete, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  if (!hosted.coordinator) {
    response.error_code = Wire(hosted.error);
    return done(std::move(response));
  }
  std::vector<group::TopicPartitionKey> partitions;
  for (const auto& t : request.topics)
    for (int32_t p : t.partitions) partitions.push_back({t.name, p});
  group::OffsetDeleteResult r = hosted.coordinator->OffsetDelete(request.group_id, partitions);
  response.error_code = Wire(r.error);
  response.topics = NestByTopic<protocol::OffsetDeleteResponse::Topic>(
      r.partitions, [](protocol::OffsetDeleteResponse::Partition& p, const group::PartitionError& e) {
        p.partition_index = e.partition;
        p.error_code = Wire(e.error);
      });
  done(std::move(response));
}

}  // namespace partita::broker
