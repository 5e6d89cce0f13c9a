#include "engine/broker/handlers/txn_partition_handlers.h"

#include <spdlog/spdlog.h>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"
#include "engine/broker/offsets_log.h"
#include "engine/broker/replication_waiter.h"
#include "engine/common/clock.h"
#include "engine/group/group_partition.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// Kafka answers WriteTxnMarkers within the broker's request.timeout.ms (30 s by default).
constexpr int64_t kMarkerReplicationTimeoutMs = 30000;

}  // namespace

void WriteTxnMarkersHandler::Process(const RequestContext& ctx, const protocol::WriteTxnMarkersRequest& request,
                                     Done done) {
  Broker& broker = *ctx.broker;
  auto response = std::make_shared<protocol::WriteTxnMarkersResponse>();
  // Only brokers write markers: CLUSTER_ACTION on the cluster (KafkaApis.handleWriteTxnMarkersRequest).
  if (!AuthorizedCluster(ctx, AclOperation::kClusterAction)) {
    for (const auto& m : request.markers) {
      auto& mo = response->markers.emplace_back();
      mo.producer_id = m.producer_id;
      for (const auto& t : m.topics) {
        auto& to = mo.topics.emplace_back();
        to.name = t.name;
        for (int32_t p : t.partition_indexes) to.partitions.push_back({p, Wire(ErrorCode::kClusterAuthorizationFailed)});
      }
    }
    return done(std::move(*response));
  }
  struct Waiting {
    size_t marker, topic, partition;
    int64_t producer_id;
    bool commit;
  };
  std::vector<AwaitedAppend> appends;
  std::vector<Waiting> waiting;
  for (size_t m = 0; m < request.markers.size(); ++m) {
    const auto& marker = request.markers[m];
    auto& out = response->markers.emplace_back();
    out.producer_id = marker.producer_id;
    for (size_t t = 0; t < marker.topics.size(); ++t) {
      const auto& topic = marker.topics[t];
      auto& topic_out = out.topics.emplace_back();
      topic_out.name = topic.name;
      for (size_t i = 0; i < topic.partition_indexes.size(); ++i) {
        const int32_t p = topic.partition_indexes[i];
        auto& po = topic_out.partitions.emplace_back();
        po.partition_index = p;
        ErrorCode error = ErrorCode::kNone;
        auto partition = broker.LeaderPartition({topic.name, PartitionId(p)}, &error);
        if (!partition) {
          po.error_code = Wire(error);
          continue;
        }
        PartitionAppend appended = partition->AppendTxnMarker(marker.producer_id, marker.producer_epoch,
                                                              marker.coordinator_epoch, marker.transaction_result);
        if (appended.error != ErrorCode::kNone) {
          po.error_code = Wire(appended.error);
          if (!appended.message.empty()) spdlog::info("WriteTxnMarkers on {}-{}: {}", topic.name, p, appended.message);
          continue;
        }
        appends.push_back({partition, appended.info.last_offset.value + 1});
        waiting.push_back({m, t, i, marker.producer_id, marker.transaction_result});
      }
    }
  }
  if (appends.empty()) return done(std::move(*response));
  WhenReplicated(broker.replicas(), std::move(appends), kMarkerReplicationTimeoutMs,
                 [response, waiting, done, &broker](std::vector<ErrorCode> errors) {
                   for (size_t k = 0; k < waiting.size(); ++k) {
                     const Waiting& w = waiting[k];
                     auto& topic = response->markers[w.marker].topics[w.topic];
                     topic.partitions[w.partition].error_code = Wire(errors[k]);
                     if (errors[k] == ErrorCode::kNone && topic.name == group::kConsumerOffsetsTopic) {
                       broker.groups().CompleteTxnOffsets(topic.partitions[w.partition].partition_index,
                                                          w.producer_id, w.commit);
                     }
                   }
                   done(std::move(*response));
                 });
}

void TxnOffsetCommitHandler::Process(const RequestContext& ctx, const protocol::TxnOffsetCommitRequest& request,
                                     Done done) {
  auto answer = [&request](const std::function<ErrorCode(int32_t)>& error_of) {
    protocol::TxnOffsetCommitResponse response;
    for (const auto& topic : request.topics) {
      auto& t = response.topics.emplace_back();
      t.name = topic.name;
      for (const auto& p : topic.partitions) t.partitions.push_back({p.partition_index, Wire(error_of(p.partition_index))});
    }
    return response;
  };
  auto all = [&](ErrorCode e) { return answer([e](int32_t) { return e; }); };
  if (!AuthorizedTransactionalId(ctx, AclOperation::kWrite, request.transactional_id)) {
    return done(all(ErrorCode::kTransactionalIdAuthorizationFailed));
  }
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) return done(all(ErrorCode::kGroupAuthorizationFailed));

  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!hosted.coordinator) return done(all(hosted.error));
  ErrorCode e = hosted.coordinator->ValidateTxnOffsetCommit(request.group_id, request.member_id,
                                                            request.group_instance_id, request.generation_id);
  if (e != ErrorCode::kNone) return done(all(e));
  const auto max_metadata = ctx.broker->config().GetLong("offset.metadata.max.bytes");
  const int64_t now = WallClockMs();
  std::vector<group::OffsetCommitRecord> records;
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      const std::string metadata = p.committed_metadata.value_or("");
      if (static_cast<int64_t>(metadata.size()) > max_metadata) return done(all(ErrorCode::kOffsetMetadataTooLarge));
      records.push_back({topic.name, p.partition_index, {p.committed_offset, p.committed_leader_epoch, metadata, now}});
    }
  }
  if (records.empty()) return done(all(ErrorCode::kNone));
  PartitionAppend appended =
      AppendTxnOffsets(*hosted.partition, request.group_id, request.producer_id, request.producer_epoch, records);
  if (appended.error != ErrorCode::kNone) {
    ErrorCode mapped = appended.error;
    if (mapped == ErrorCode::kNotLeaderOrFollower) mapped = ErrorCode::kNotCoordinator;
    if (mapped == ErrorCode::kNotEnoughReplicas) mapped = ErrorCode::kCoordinatorNotAvailable;
    if (mapped == ErrorCode::kInvalidProducerEpoch) mapped = ErrorCode::kProducerFenced;
    return done(all(mapped));
  }
  hosted.txn_offsets->Add(request.producer_id, request.group_id, records);
  auto response = std::make_shared<protocol::TxnOffsetCommitResponse>(all(ErrorCode::kNone));
  ctx.broker->groups().WhenCommitted(hosted, [response, done](ErrorCode error) {
    if (error == ErrorCode::kRequestTimedOut) error = ErrorCode::kCoordinatorNotAvailable;
    for (auto& t : response->topics) {
      for (auto& p : t.partitions) p.error_code = Wire(error);
    }
    done(std::move(*response));
  });
}

void DescribeProducersHandler::Process(const RequestContext& ctx, const protocol::DescribeProducersRequest& request,
                                       Done done) {
  protocol::DescribeProducersResponse response;
  for (const auto& topic : request.topics) {
    auto& t = response.topics.emplace_back();
    t.name = topic.name;
    const bool readable = AuthorizedTopic(ctx, AclOperation::kRead, topic.name);
    for (int32_t p : topic.partition_indexes) {
      auto& po = t.partitions.emplace_back();
      po.partition_index = p;
      if (!readable) {
        po.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
        continue;
      }
      ErrorCode error = ErrorCode::kNone;
      auto partition = ctx.broker->LeaderPartition({topic.name, PartitionId(p)}, &error);
      if (!partition) {
        po.error_code = Wire(error);
        continue;
      }
      for (const auto& e : partition->ActiveProducers()) {
        auto& ps = po.active_producers.emplace_back();
        ps.producer_id = e.producer_id;
        ps.producer_epoch = e.epoch;
        ps.last_sequence = e.last_sequence();
        ps.last_timestamp = e.last_timestamp;
        ps.coordinator_epoch = e.coordinator_epoch;
        ps.current_txn_start_offset = e.current_txn_first_offset;
      }
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
