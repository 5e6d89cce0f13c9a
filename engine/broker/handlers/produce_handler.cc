#include "engine/broker/handlers/produce_handler.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/handlers/leader_discovery.h"
#include "engine/broker/broker.h"
#include "engine/broker/internal_topics.h"
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

  BrokerMetrics& metrics = broker.metrics();
  const bool txn_authorized =
      !request.transactional_id || AuthorizedTransactionalId(ctx, AclOperation::kWrite, *request.transactional_id);
  for (const auto& topic : request.topics) {
    const ErrorCode denied = !txn_authorized ? ErrorCode::kTransactionalIdAuthorizationFailed
                             : AuthorizedTopic(ctx, AclOperation::kWrite, topic.name) ? ErrorCode::kNone
                                                                                      : ErrorCode::kTopicAuthorizationFailed;
    // Looked up once the topic is known to exist here, so made-up topic names cannot grow the registry.
    std::shared_ptr<TopicMetrics> topic_metrics;
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
      if (!topic_metrics) topic_metrics = metrics.ForTopic(topic.name);
      auto appended = partition->AppendAsLeader(p.records.view, request.acks);
      out.error_code = Wire(appended.error);
      if (appended.error != ErrorCode::kNone) {
        if (!appended.message.empty()) out.error_message = appended.message;
        metrics.RecordFailedProduce(*topic_metrics);
        continue;
      }
      metrics.RecordProduce(*topic_metrics, appended.info.bytes,
                            appended.info.last_offset.value - appended.info.first_offset.value + 1);
      out.base_offset = appended.info.first_offset.value;
      out.log_append_time_ms = appended.info.log_append_time_ms;
      out.log_start_offset = partition->LogStartOffset().value;
      broker.replicas().OnPartitionChanged(tp);
      const int64_t required = appended.info.last_offset.value + 1;
      if (request.acks == -1 && partition->HighWatermark().value < required) {
        pending.push_back({&out, partition, required});
      }
    }
  }
  if (request.acks == 0) {
    // The client expects no answer. As in Kafka, a failed acks=0 produce closes the connection: that is the
    // only way the client can notice and refresh its metadata.
    bool failed = false;
    for (const auto& t : response->responses)
      for (const auto& p : t.partitions) failed = failed || p.error_code != 0;
    failed ? done.CloseConnection() : done.NoResponse();
    return;
  }
  if (pending.empty()) {
    AddLeaderDiscovery(broker, ctx.version(), ctx.conn.listener_name, response.get());
    return done(std::move(*response));
  }
  std::vector<TopicPartition> keys;
  for (const auto& p : pending) keys.push_back(p.partition->topic_partition());
  auto op = std::make_shared<DelayedProduce>(&broker, ctx.version(), ctx.conn.listener_name, response,
                                             std::move(pending), std::move(done),
                                             MonotonicMs() + std::max(request.timeout_ms, 0));
  broker.replicas().produce_purgatory().Watch(op, keys);
}

}  // namespace partita::broker
