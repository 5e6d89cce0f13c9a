#include "engine/broker/handlers/txn_handlers.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
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

namespace {

using PartitionErrors = std::map<TxnPartition, ErrorCode>;

// One transaction of an AddPartitionsToTxn: its partitions added to (or, verify_only, checked against) the
// producer's ongoing transaction; `answer` gets every partition's error. As Kafka, a transaction is applied as a
// whole: when any partition is unknown or denied, it gets that error and the others OPERATION_NOT_ATTEMPTED.
void AddOrVerify(const RequestContext& ctx, const std::string& transactional_id, int64_t producer_id,
                 int16_t producer_epoch, const std::vector<TxnPartition>& partitions, bool verify_only,
                 std::function<void(PartitionErrors)> answer) {
  const int16_t version = ctx.version();
  // By value: AddPartitions answers after the transaction log write is replicated, when the caller's vector is gone.
  auto all = [partitions](ErrorCode e) {
    PartitionErrors errors;
    for (const auto& p : partitions) errors[p] = e;
    return errors;
  };
  // v4+ come from brokers, authorized as CLUSTER_ACTION for the whole request (checked by the caller).
  if (version < protocol::AddPartitionsToTxnRequest::kFirstBrokerVersion &&
      !AuthorizedTransactionalId(ctx, AclOperation::kWrite, transactional_id)) {
    return answer(all(ErrorCode::kTransactionalIdAuthorizationFailed));
  }
  PartitionErrors unknown;
  for (const auto& p : partitions) {
    if (!AuthorizedTopic(ctx, AclOperation::kWrite, p.first)) unknown[p] = ErrorCode::kTopicAuthorizationFailed;
    if (!ctx.broker->PartitionExists({p.first, PartitionId(p.second)})) unknown[p] = ErrorCode::kUnknownTopicOrPartition;
  }
  if (!unknown.empty()) {
    PartitionErrors errors = all(ErrorCode::kOperationNotAttempted);
    for (const auto& [p, e] : unknown) errors[p] = e;
    return answer(std::move(errors));
  }
  auto hosted = ctx.broker->transactions().CoordinatorFor(transactional_id);
  if (!hosted.coordinator) return answer(all(hosted.error));
  const auto for_version = [version](ErrorCode e) {
    // Only v5 senders handle TRANSACTION_ABORTABLE; to a v4 sender a partition outside the transaction is
    // INVALID_TXN_STATE, which Kafka's brokers of that version expect.
    if (e == ErrorCode::kTransactionAbortable && version < 5) return ErrorCode::kInvalidTxnState;
    return FencedErrorForVersion(e, version, kTxnApiFirstFencedVersion);
  };
  if (verify_only) {
    PartitionErrors errors = hosted.coordinator->VerifyPartitions(transactional_id, producer_id, producer_epoch,
                                                                  partitions);
    for (auto& [p, e] : errors) e = for_version(e);
    return answer(std::move(errors));
  }
  hosted.coordinator->AddPartitions(transactional_id, producer_id, producer_epoch, partitions,
                                    [answer, all, for_version](ErrorCode e) { answer(all(for_version(e))); });
}

template <typename Topics>
std::vector<TxnPartition> PartitionsOf(const Topics& topics) {
  std::vector<TxnPartition> partitions;
  for (const auto& topic : topics)
    for (int32_t p : topic.partitions) partitions.emplace_back(topic.name, p);
  return partitions;
}

// Per-partition errors in the response's nesting (topic -> partitions), in the request's order.
template <typename TopicResult, typename Topics>
std::vector<TopicResult> TopicResults(const Topics& topics, const PartitionErrors& errors) {
  std::vector<TopicResult> out;
  for (const auto& topic : topics) {
    auto& t = out.emplace_back();
    t.name = topic.name;
    for (int32_t p : topic.partitions) {
      auto it = errors.find({topic.name, p});
      t.results.push_back({p, Wire(it != errors.end() ? it->second : ErrorCode::kOperationNotAttempted)});
    }
  }
  return out;
}

}  // namespace

void AddPartitionsToTxnHandler::Process(const RequestContext& ctx, const protocol::AddPartitionsToTxnRequest& request,
                                        Done done) {
  using Response = protocol::AddPartitionsToTxnResponse;
  if (ctx.version() < protocol::AddPartitionsToTxnRequest::kFirstBrokerVersion) {
    auto topics = std::make_shared<std::vector<protocol::AddPartitionsToTxnRequest::Topic>>(request.topics);
    return AddOrVerify(ctx, request.transactional_id, request.producer_id, request.producer_epoch,
                       PartitionsOf(request.topics), /*verify_only=*/false, [done, topics](PartitionErrors errors) {
                         Response response;
                         response.results = TopicResults<Response::TopicResult>(*topics, errors);
                         done(std::move(response));
                       });
  }
  // v4+ (KIP-890): several transactions, from a broker.
  if (!AuthorizedCluster(ctx, AclOperation::kClusterAction)) {
    Response response;
    response.error_code = Wire(ErrorCode::kClusterAuthorizationFailed);
    return done(std::move(response));
  }
  struct Gather {
    std::mutex mu;
    size_t remaining = 0;
    Response response;
  };
  auto gather = std::make_shared<Gather>();
  gather->remaining = request.transactions.size();
  gather->response.results_by_transaction.resize(request.transactions.size());
  if (request.transactions.empty()) return done(std::move(gather->response));
  for (size_t i = 0; i < request.transactions.size(); ++i) {
    const auto& txn = request.transactions[i];
    auto topics = std::make_shared<std::vector<protocol::AddPartitionsToTxnRequest::TxnTopic>>(txn.topics);
    AddOrVerify(ctx, txn.transactional_id, txn.producer_id, txn.producer_epoch, PartitionsOf(txn.topics),
                txn.verify_only, [gather, i, topics, done, id = txn.transactional_id](PartitionErrors errors) {
                  std::unique_lock<std::mutex> lock(gather->mu);
                  auto& out = gather->response.results_by_transaction[i];
                  out.transactional_id = id;
                  out.topic_results = TopicResults<Response::TxnTopicResult>(*topics, errors);
                  if (--gather->remaining > 0) return;
                  Response response = std::move(gather->response);
                  lock.unlock();
                  done(std::move(response));
                });
  }
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
