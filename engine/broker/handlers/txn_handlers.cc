#include "engine/broker/handlers/txn_handlers.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/handlers/producer_fenced_compat.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"
#include "engine/broker/transaction_service.h"
#include "engine/common/clock.h"
#include "engine/group/group_partition.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;
using transactions::TxnPartition;

void AddPartitionsToTxnHandler::Process(const RequestContext& ctx, const protocol::AddPartitionsToTxnRequest& request,
                                        Done done) {
  // Every partition gets the same answer (Kafka: the request is applied as a whole); unknown partitions get
  // UNKNOWN_TOPIC_OR_PARTITION and the others OPERATION_NOT_ATTEMPTED.
  auto answer = [&request](const std::map<TxnPartition, ErrorCode>& errors, ErrorCode rest) {
    protocol::AddPartitionsToTxnResponse response;
    for (const auto& topic : request.topics) {
      auto& t = response.results.emplace_back();
      t.name = topic.name;
      for (int32_t p : topic.partitions) {
        auto it = errors.find({topic.name, p});
        t.results.push_back({p, Wire(it != errors.end() ? it->second : rest)});
      }
    }
    return response;
  };
  if (!AuthorizedTransactionalId(ctx, AclOperation::kWrite, request.transactional_id)) {
    return done(answer({}, ErrorCode::kTransactionalIdAuthorizationFailed));
  }
  std::vector<TxnPartition> partitions;
  std::map<TxnPartition, ErrorCode> unknown;
  for (const auto& topic : request.topics) {
    const bool writable = AuthorizedTopic(ctx, AclOperation::kWrite, topic.name);
    for (int32_t p : topic.partitions) {
      if (!writable) unknown[{topic.name, p}] = ErrorCode::kTopicAuthorizationFailed;
      if (!ctx.broker->PartitionExists({topic.name, PartitionId(p)})) {
        unknown[{topic.name, p}] = ErrorCode::kUnknownTopicOrPartition;
      }
      partitions.emplace_back(topic.name, p);
    }
  }
  if (!unknown.empty()) return done(answer(unknown, ErrorCode::kOperationNotAttempted));
  auto hosted = ctx.broker->transactions().CoordinatorFor(request.transactional_id);
  if (!hosted.coordinator) return done(answer({}, hosted.error));
  const int16_t version = ctx.version();
  hosted.coordinator->AddPartitions(
      request.transactional_id, request.producer_id, request.producer_epoch, partitions,
      [done, answer, version](ErrorCode e) {
        done(answer({}, FencedErrorForVersion(e, version, kTxnApiFirstFencedVersion)));
      });
}

void AddOffsetsToTxnHandler::Process(const RequestContext& ctx, const protocol::AddOffsetsToTxnRequest& request,
                                     Done done) {
  auto answer = [done, version = ctx.version()](ErrorCode e) {
    protocol::AddOffsetsToTxnResponse response;
    response.error_code = Wire(FencedErrorForVersion(e, version, kTxnApiFirstFencedVersion));
    done(std::move(response));
  };
  if (!AuthorizedTransactionalId(ctx, AclOperation::kWrite, request.transactional_id)) {
    return answer(ErrorCode::kTransactionalIdAuthorizationFailed);
  }
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) return answer(ErrorCode::kGroupAuthorizationFailed);
  if (request.group_id.empty()) return answer(ErrorCode::kInvalidGroupId);
  auto hosted = ctx.broker->transactions().CoordinatorFor(request.transactional_id);
  if (!hosted.coordinator) return answer(hosted.error);
  // The group's __consumer_offsets partition joins the transaction: its marker makes the TxnOffsetCommit visible.
  const TxnPartition offsets{std::string(group::kConsumerOffsetsTopic),
                             ctx.broker->groups().PartitionFor(request.group_id)};
  hosted.coordinator->AddPartitions(request.transactional_id, request.producer_id, request.producer_epoch,
                                    {offsets}, answer);
}

void EndTxnHandler::Process(const RequestContext& ctx, const protocol::EndTxnRequest& request, Done done) {
  auto answer = [done, version = ctx.version()](ErrorCode e) {
    protocol::EndTxnResponse response;
    response.error_code = Wire(FencedErrorForVersion(e, version, kTxnApiFirstFencedVersion));
    done(std::move(response));
  };
  if (!AuthorizedTransactionalId(ctx, AclOperation::kWrite, request.transactional_id)) {
    return answer(ErrorCode::kTransactionalIdAuthorizationFailed);
  }
  auto hosted = ctx.broker->transactions().CoordinatorFor(request.transactional_id);
  if (!hosted.coordinator) return answer(hosted.error);
  hosted.coordinator->EndTxn(request.transactional_id, request.producer_id, request.producer_epoch,
                             request.committed, answer);
}

void DescribeTransactionsHandler::Process(const RequestContext& ctx,
                                          const protocol::DescribeTransactionsRequest& request, Done done) {
  protocol::DescribeTransactionsResponse response;
  for (const auto& id : request.transactional_ids) {
    auto& out = response.transaction_states.emplace_back();
    out.transactional_id = id;
    out.producer_id = -1;
    out.producer_epoch = -1;
    out.transaction_start_time_ms = -1;
    if (!AuthorizedTransactionalId(ctx, AclOperation::kDescribe, id)) {
      out.error_code = Wire(ErrorCode::kTransactionalIdAuthorizationFailed);
      continue;
    }
    auto hosted = ctx.broker->transactions().CoordinatorFor(id);
    if (!hosted.coordinator) {
      out.error_code = Wire(hosted.error);
      continue;
    }
    auto m = hosted.coordinator->Describe(id);
    if (!m) {
      out.error_code = Wire(ErrorCode::kTransactionalIdNotFound);
      continue;
    }
    out.transaction_state = std::string(transactions::TxnStateName(m->state));
    out.transaction_timeout_ms = m->timeout_ms;
    out.transaction_start_time_ms = m->start_ms;
    out.producer_id = m->producer_id;
    out.producer_epoch = m->producer_epoch;
    std::map<std::string, std::vector<int32_t>> by_topic;
    for (const auto& [topic, p] : m->partitions) by_topic[topic].push_back(p);
    for (auto& [topic, partitions] : by_topic) out.topics.push_back({topic, std::move(partitions)});
  }
  done(std::move(response));
}

void ListTransactionsHandler::Process(const RequestContext& ctx, const protocol::ListTransactionsRequest& request,
                                      Done done) {
  protocol::ListTransactionsResponse response;
  std::set<transactions::TxnState> states;
  for (const auto& name : request.state_filters) {
    if (auto s = transactions::TxnStateFromName(name)) {
      states.insert(*s);
    } else {
      response.unknown_state_filters.push_back(name);
    }
  }
  const std::set<int64_t> producers(request.producer_id_filters.begin(), request.producer_id_filters.end());
  bool loading = false;
  const int64_t now = WallClockMs();
  for (const auto& c : ctx.broker->transactions().LoadedCoordinators(&loading)) {
    for (const auto& m : c->List()) {
      if (!states.empty() && !states.count(m.state)) continue;
      if (!producers.empty() && !producers.count(m.producer_id)) continue;
      if (!AuthorizedTransactionalId(ctx, AclOperation::kDescribe, m.transactional_id)) continue;
      // KIP-994: only transactions running longer than duration_filter ms.
      if (request.duration_filter >= 0 && (m.start_ms < 0 || now - m.start_ms < request.duration_filter)) continue;
      response.transaction_states.push_back(
          {m.transactional_id, m.producer_id, std::string(transactions::TxnStateName(m.state))});
    }
  }
  // Kafka answers COORDINATOR_LOAD_IN_PROGRESS while a partition loads (its ids would be missing).
  if (loading) response.error_code = Wire(ErrorCode::kCoordinatorLoadInProgress);
  done(std::move(response));
}

}  // namespace partita::broker
