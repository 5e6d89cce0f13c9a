#include "engine/broker/handlers/txn_partition_handlers.h"

#include <spdlog/spdlog.h>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"
#include "engine/broker/offsets_log.h"
#include "engine/broker/replication_waiter.h"
#include "engine/broker/transaction_service.h"
#include "engine/broker/txn_verifier.h"
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

namespace {

// Kafka's GroupMetadataManager.maybeConvertOffsetCommitError: append and verification errors as a TxnOffsetCommit
// client expects them. NETWORK_EXCEPTION (the transaction coordinator did not answer the verification) becomes
// COORDINATOR_LOAD_IN_PROGRESS, which clients retry without looking the coordinator up again.
ErrorCode TxnOffsetCommitError(ErrorCode e) {
  switch (e) {
    case ErrorCode::kNetworkException: return ErrorCode::kCoordinatorLoadInProgress;
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kNotEnoughReplicas:
    case ErrorCode::kNotEnoughReplicasAfterAppend: return ErrorCode::kCoordinatorNotAvailable;
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kKafkaStorageError: return ErrorCode::kNotCoordinator;
    case ErrorCode::kMessageTooLarge:
    case ErrorCode::kRecordListTooLarge: return ErrorCode::kInvalidCommitOffsetSize;
    case ErrorCode::kInvalidProducerEpoch: return ErrorCode::kProducerFenced;
    // TxnOffsetCommit v5 would carry TRANSACTION_ABORTABLE; the versions served here know INVALID_TXN_STATE.
    case ErrorCode::kTransactionAbortable: return ErrorCode::kInvalidTxnState;
    default: return e;
  }
}

// Appends a verified (or not verified: verification off) transactional offset commit and answers once it is
// replicated, or at once with the error.
void CommitTxnOffsets(Broker& broker, const GroupService::Hosted& hosted, const std::string& group_id,
                      int64_t producer_id, int16_t producer_epoch, const std::vector<group::OffsetCommitRecord>& records,
                      std::optional<uint64_t> txn_verification,
                      std::shared_ptr<protocol::TxnOffsetCommitResponse> response, TxnOffsetCommitHandler::Done done) {
  const auto answer_all = [&response, &done](ErrorCode error) {
    for (auto& t : response->topics) {
      for (auto& p : t.partitions) p.error_code = Wire(error);
    }
    done(std::move(*response));
  };
  PartitionAppend appended =
      AppendTxnOffsets(*hosted.partition, group_id, producer_id, producer_epoch, records, txn_verification);
  if (appended.error != ErrorCode::kNone) return answer_all(TxnOffsetCommitError(appended.error));
  hosted.txn_offsets->Add(producer_id, group_id, records);
  broker.groups().WhenCommitted(hosted, [response, done](ErrorCode error) mutable {
    if (error == ErrorCode::kRequestTimedOut) error = ErrorCode::kCoordinatorNotAvailable;
    for (auto& t : response->topics) {
      for (auto& p : t.partitions) p.error_code = Wire(error);
    }
    done(std::move(*response));
  });
}

}  // namespace

void TxnOffsetCommitHandler::Process(const RequestContext& ctx, const protocol::TxnOffsetCommitRequest& request,
                                     Done done) {
  auto response = std::make_shared<protocol::TxnOffsetCommitResponse>();
  for (const auto& topic : request.topics) {
    auto& t = response->topics.emplace_back();
    t.name = topic.name;
    for (const auto& p : topic.partitions) t.partitions.push_back({p.partition_index, Wire(ErrorCode::kNone)});
  }
  auto all = [&response](ErrorCode e) {
    for (auto& t : response->topics) {
      for (auto& p : t.partitions) p.error_code = Wire(e);
    }
    return std::move(*response);
  };
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
  // KIP-890 part 1, as Kafka 3.8's GroupCoordinator.handleTxnCommitOffsets: the offsets partition is written only
  // once the transaction coordinator confirmed it is in the producer's transaction (AddOffsetsToTxn added it), so
  // a commit delayed past its transaction's end cannot open a transaction on __consumer_offsets.
  TxnVerifier* verifier = ctx.broker->transactions().verifier();
  std::optional<uint64_t> guard;
  if (verifier) guard = hosted.partition->StartTxnVerification(request.producer_id, request.producer_epoch);
  if (!guard) {
    return CommitTxnOffsets(*ctx.broker, hosted, request.group_id, request.producer_id, request.producer_epoch, records,
                            verifier ? std::optional<uint64_t>(0) : std::nullopt, response, std::move(done));
  }
  const TopicPartition offsets_tp = hosted.partition->topic_partition();
  verifier->Verify(request.transactional_id, request.producer_id, request.producer_epoch,
                   {{offsets_tp.topic, offsets_tp.partition.value}},
                   [broker = ctx.broker, hosted, group_id = request.group_id, producer_id = request.producer_id,
                    producer_epoch = request.producer_epoch, records = std::move(records), guard = *guard, response,
                    done = std::move(done)](TxnVerifier::PartitionErrors errors) mutable {
                     ErrorCode error = errors.empty() ? ErrorCode::kNetworkException : errors.begin()->second;
                     if (error != ErrorCode::kNone) {
                       error = TxnOffsetCommitError(error);
                       for (auto& t : response->topics) {
                         for (auto& p : t.partitions) p.error_code = Wire(error);
                       }
                       return done(std::move(*response));
                     }
                     CommitTxnOffsets(*broker, hosted, group_id, producer_id, producer_epoch, records, guard, response,
                                      std::move(done));
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
