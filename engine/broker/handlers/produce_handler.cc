#include "engine/broker/handlers/produce_handler.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/handlers/leader_discovery.h"
#include "engine/broker/broker.h"
#include "engine/broker/internal_topics.h"
#include "engine/broker/transaction_service.h"
#include "engine/broker/txn_verifier.h"
#include "engine/protocol/batch_header.h"
#include "engine/common/clock.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::ProduceResponse;
using protocol::Wire;

namespace {

// A partition of an acks=all produce that waits for its records to be replicated to the ISR.
struct PendingReplication {
  ProduceResponse::Partition* out;
  std::shared_ptr<Partition> partition;
  int64_t required_offset;  // the HW must reach last offset + 1
};

// KIP-951 (Produce v10+): a partition answered NOT_LEADER_OR_FOLLOWER carries the leader this broker knows of,
// and the answer that leader's endpoint on the client's listener, so the producer can retry there at once.
void AddLeaderDiscovery(Broker& broker, int16_t version, std::string_view listener, ProduceResponse* response) {
  if (version < 10) return;
  std::shared_ptr<const coordination::ClusterMetadata> md;
  for (auto& topic : response->responses) {
    for (auto& p : topic.partitions) {
      if (p.error_code != Wire(ErrorCode::kNotLeaderOrFollower)) continue;
      if (!md) md = broker.metadata();
      FillCurrentLeader(*md, topic.name, p.index, listener, &p.current_leader, &response->node_endpoints);
    }
  }
}

// acks=all: answered when every appended partition's high watermark passes its batch (with
// NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR is below min.insync.replicas by then), with an error when the
// partition loses leadership, or REQUEST_TIMED_OUT at the request's timeout. Re-checked when a watched partition's HW moves; no thread waits for it.
class DelayedProduce : public DelayedOperation {
 public:
  DelayedProduce(Broker* broker, int16_t version, std::string listener, std::shared_ptr<ProduceResponse> response,
                 std::vector<PendingReplication> pending, ProduceHandler::Done done, int64_t deadline_ms)
      : DelayedOperation(deadline_ms),
        broker_(broker),
        version_(version),
        listener_(std::move(listener)),
        response_(std::move(response)),
        pending_(std::move(pending)),
        done_(std::move(done)) {}

 protected:
  bool CanComplete() override {
    for (const auto& p : pending_) {
      if (Outcome(p) == ErrorCode::kRequestTimedOut) return false;
    }
    return true;
  }

  void OnComplete(bool) override {
    for (const auto& p : pending_) {
      ErrorCode error = Outcome(p);
      if (error != ErrorCode::kNone) {
        p.out->error_code = Wire(error);
        p.out->base_offset = -1;
        if (error == ErrorCode::kNotEnoughReplicasAfterAppend) {
          p.out->error_message = "the in-sync replica set shrank below min.insync.replicas after the append";
        }
      }
    }
    AddLeaderDiscovery(*broker_, version_, listener_, response_.get());
    done_(std::move(*response_));
  }

 private:
  // kNone: replicated; kRequestTimedOut: still waiting; anything else: failed.
  static ErrorCode Outcome(const PendingReplication& p) {
    return p.partition->CheckEnoughReplicasReachOffset(p.required_offset);
  }

  Broker* broker_;
  const int16_t version_;
  const std::string listener_;
  std::shared_ptr<ProduceResponse> response_;
  std::vector<PendingReplication> pending_;
  ProduceHandler::Done done_;
};

// What a produce needs after its partitions are appended: the answer (now, or from the purgatory for acks=all).
struct ProduceReply {
  Broker* broker;
  int16_t version;
  int16_t acks;
  int32_t timeout_ms;
  std::string listener;
};

// Appends one partition's records as its leader and fills its answer; an acks=all append not yet replicated joins
// `pending`. txn_verification: as Partition::AppendAsLeader.
void AppendPartition(Broker& broker, int16_t acks, const TopicPartition& tp, const std::shared_ptr<Partition>& partition,
                     std::span<const uint8_t> records, std::optional<uint64_t> txn_verification,
                     ProduceResponse::Partition& out, std::vector<PendingReplication>& pending) {
  BrokerMetrics& metrics = broker.metrics();
  // Looked up once the topic is known to exist here, so made-up topic names cannot grow the registry.
  std::shared_ptr<TopicMetrics> topic_metrics = metrics.ForTopic(tp.topic);
  auto appended = partition->AppendAsLeader(records, acks, AppendOrigin::kClient, txn_verification);
  out.error_code = Wire(appended.error);
  if (appended.error != ErrorCode::kNone) {
    if (!appended.message.empty()) out.error_message = appended.message;
    metrics.RecordFailedProduce(*topic_metrics);
    return;
  }
  metrics.RecordProduce(*topic_metrics, appended.info.bytes,
                        appended.info.last_offset.value - appended.info.first_offset.value + 1);
  out.base_offset = appended.info.first_offset.value;
  out.log_append_time_ms = appended.info.log_append_time_ms;
  out.log_start_offset = partition->LogStartOffset().value;
  broker.replicas().OnPartitionChanged(tp);
  const int64_t required = appended.info.last_offset.value + 1;
  if (acks == -1 && partition->HighWatermark().value < required) pending.push_back({&out, partition, required});
}

// Answers once every partition is appended: at once, or when the acks=all ones are replicated.
void Reply(const ProduceReply& reply, std::shared_ptr<ProduceResponse> response, std::vector<PendingReplication> pending,
           ProduceHandler::Done done) {
  if (reply.acks == 0) {
    // The client expects no answer. As in Kafka, a failed acks=0 produce closes the connection: that is the
    // only way the client can notice and refresh its metadata.
    bool failed = false;
    for (const auto& t : response->responses)
      for (const auto& p : t.partitions) failed = failed || p.error_code != 0;
    failed ? done.CloseConnection() : done.NoResponse();
    return;
  }
  if (pending.empty()) {
    AddLeaderDiscovery(*reply.broker, reply.version, reply.listener, response.get());
    return done(std::move(*response));
  }
  std::vector<TopicPartition> keys;
  for (const auto& p : pending) keys.push_back(p.partition->topic_partition());
  auto op = std::make_shared<DelayedProduce>(reply.broker, reply.version, reply.listener, response, std::move(pending),
                                             std::move(done), MonotonicMs() + std::max(reply.timeout_ms, 0));
  reply.broker->replicas().produce_purgatory().Watch(op, keys);
}

// The producer of a record set whose first batch is transactional data (not a marker), or nullopt.
std::optional<std::pair<int64_t, int16_t>> TransactionalProducer(std::span<const uint8_t> records) {
  if (records.size() < protocol::kBatchHeaderSize || records[protocol::kMagicOffset] != 2) return std::nullopt;
  const protocol::BatchHeader h = protocol::ReadBatchHeader(records.data());
  if (!h.transactional() || h.control() || h.producer_id < 0) return std::nullopt;
  return std::make_pair(h.producer_id, h.producer_epoch);
}

// A partition whose first transactional batch waits for the coordinator's word (KIP-890).
struct AwaitingVerification {
  ProduceResponse::Partition* out;
  TopicPartition tp;
  std::shared_ptr<Partition> partition;
  std::vector<uint8_t> records;  // copied: the request's frame does not outlive Process
  uint64_t guard;
};

// A coordinator's verification answer as the producer sees it (Kafka 3.8's ReplicaManager): retriable coordinator
// trouble becomes NOT_ENOUGH_REPLICAS, which every client retries without a metadata refresh;
// TRANSACTION_ABORTABLE only for clients that know it (Produce v11+), INVALID_TXN_STATE for the others.
void SetVerificationError(ErrorCode error, int16_t version, ProduceResponse::Partition& out) {
  switch (error) {
    case ErrorCode::kNetworkException:
    case ErrorCode::kCoordinatorLoadInProgress:
    case ErrorCode::kCoordinatorNotAvailable:
    case ErrorCode::kNotCoordinator:
    case ErrorCode::kConcurrentTransactions:
      out.error_code = Wire(ErrorCode::kNotEnoughReplicas);
      out.error_message = std::string("unable to verify the partition has been added to the transaction: ") +
                          protocol::ErrorCodeName(error);
      return;
    case ErrorCode::kTransactionAbortable:
    case ErrorCode::kInvalidTxnState:
      out.error_code = Wire(error == ErrorCode::kTransactionAbortable && version >= 11 ? error
                                                                                       : ErrorCode::kInvalidTxnState);
      out.error_message = "the partition was not added to the transaction";
      return;
    default: out.error_code = Wire(error); return;
  }
}

}  // namespace

void ProduceHandler::Process(const RequestContext& ctx, const protocol::ProduceRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  auto response = std::make_shared<ProduceResponse>();
  response->responses.reserve(request.topics.size());
  const bool valid_acks = request.acks == 0 || request.acks == 1 || request.acks == -1;
  std::vector<PendingReplication> pending;
  const bool internal_allowed = InternalTopicsAllowed(ctx.header.client_id);
  // Client quota (KIP-13): the request's bytes count against producer_byte_rate; over it, the answer carries
  // throttle_time_ms and the connection is muted that long (KIP-219).
  const int32_t throttle_ms =
      broker.client_quotas().active()
          ? broker.client_quotas().RecordAndGetThrottleMs(
                QuotaType::kProduce, ClientQuotaManager::UserOf(ctx.conn.principal),
                ctx.header.client_id.value_or(""), static_cast<double>(ctx.request_bytes), MonotonicMs())
          : 0;
  response->throttle_time_ms = throttle_ms;
  done.MuteAfterAnswer(throttle_ms);

  const ProduceReply reply{&broker, ctx.version(), request.acks, request.timeout_ms, ctx.conn.listener_name};
  TxnVerifier* verifier = broker.transactions().verifier();
  std::vector<AwaitingVerification> awaiting;
  std::optional<std::pair<int64_t, int16_t>> verifying_producer;
  const bool txn_authorized =
      !request.transactional_id || AuthorizedTransactionalId(ctx, AclOperation::kWrite, *request.transactional_id);
  for (const auto& topic : request.topics) {
    const ErrorCode denied = !txn_authorized ? ErrorCode::kTransactionalIdAuthorizationFailed
                             : AuthorizedTopic(ctx, AclOperation::kWrite, topic.name) ? ErrorCode::kNone
                                                                                      : ErrorCode::kTopicAuthorizationFailed;
    auto& topic_out = response->responses.emplace_back();
    topic_out.name = topic.name;
    topic_out.partitions.reserve(topic.partitions.size());
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.index = p.index;
      out.base_offset = -1;
      TopicPartition tp{topic.name, PartitionId(p.index)};
      if (denied != ErrorCode::kNone) {
        out.error_code = Wire(denied);
        continue;
      }
      if (!valid_acks) {
        out.error_code = Wire(ErrorCode::kInvalidRequiredAcks);
        continue;
      }
      if (!internal_allowed && IsInternalTopic(topic.name)) {
        // Kafka's ReplicaManager: ordinary clients must not forge group or transaction state.
        out.error_code = Wire(ErrorCode::kInvalidTopicException);
        out.error_message = "Cannot append to internal topic " + topic.name;
        continue;
      }
      ErrorCode error = ErrorCode::kNone;
      auto partition = broker.LeaderPartition(tp, &error);
      if (!partition) {
        out.error_code = Wire(error);
        continue;
      }
      // KIP-890 part 1: a transactional batch that would open a transaction here waits for the coordinator's
      // word. Appends that need none still carry "no guard" (0), so that a transaction that ends before the
      // append cannot be reopened by it.
      std::optional<uint64_t> txn_verification;
      if (verifier) {
        txn_verification = 0;
        auto producer = TransactionalProducer(p.records.view);
        std::optional<uint64_t> guard;
        if (producer && request.transactional_id) guard = partition->StartTxnVerification(producer->first, producer->second);
        if (guard) {
          if (!verifying_producer) verifying_producer = producer;
          if (*verifying_producer != *producer) {
            // Kafka's ReplicaManager: one transactional producer per request.
            out.error_code = Wire(ErrorCode::kInvalidProducerIdMapping);
            out.error_message = "transactional records of more than one producer in one request";
            continue;
          }
          awaiting.push_back({&out, tp, partition, {p.records.view.begin(), p.records.view.end()}, *guard});
          continue;
        }
      }
      AppendPartition(broker, request.acks, tp, partition, p.records.view, txn_verification, out, pending);
    }
  }
  if (awaiting.empty()) return Reply(reply, std::move(response), std::move(pending), std::move(done));

  std::vector<transactions::TxnPartition> partitions;
  for (const auto& a : awaiting) partitions.emplace_back(a.tp.topic, a.tp.partition.value);
  auto state = std::make_shared<std::vector<AwaitingVerification>>(std::move(awaiting));
  verifier->Verify(
      *request.transactional_id, verifying_producer->first, verifying_producer->second, std::move(partitions),
      [reply, response, pending = std::move(pending), state, done = std::move(done)](
          TxnVerifier::PartitionErrors errors) mutable {
        for (auto& a : *state) {
          auto it = errors.find({a.tp.topic, a.tp.partition.value});
          const ErrorCode error = it != errors.end() ? it->second : ErrorCode::kNetworkException;
          if (error != ErrorCode::kNone) {
            SetVerificationError(error, reply.version, *a.out);
            continue;
          }
          AppendPartition(*reply.broker, reply.acks, a.tp, a.partition, a.records, a.guard, *a.out, pending);
        }
        Reply(reply, std::move(response), std::move(pending), std::move(done));
      });
}

}  // namespace partita::broker
