#include "engine/broker/handlers/list_offsets_handler.h"

#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr int64_t kLatest = -1;
constexpr int64_t kEarliest = -2;
constexpr int64_t kMaxTimestamp = -3;
// Kafka's ListOffsetsRequest.CONSUMER_REPLICA_ID and DEBUGGING_REPLICA_ID.
constexpr int32_t kConsumerReplicaId = -1;
constexpr int32_t kDebuggingReplicaId = -2;

}  // namespace

void ListOffsetsHandler::Process(const RequestContext& ctx, const protocol::ListOffsetsRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  const int16_t version = ctx.version();
  protocol::ListOffsetsResponse response;
  // As Kafka's ListOffsetsRequest.duplicatePartitions: a partition asked for twice in a v1+ request gets
  // INVALID_REQUEST for every occurrence, since the two answers could disagree and the client could not tell
  // which one belongs to which question.
  std::set<TopicPartition> seen;
  std::set<TopicPartition> duplicates;
  if (version >= 1) {
    for (const auto& topic : request.topics) {
      for (const auto& p : topic.partitions) {
        TopicPartition tp{topic.name, PartitionId(p.partition_index)};
        if (!seen.insert(tp).second) duplicates.insert(tp);
      }
    }
  }
  for (const auto& topic : request.topics) {
    auto& topic_out = response.topics.emplace_back();
    topic_out.name = topic.name;
    const bool authorized = AuthorizedTopic(ctx, AclOperation::kDescribe, topic.name);
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.partition_index = p.partition_index;
      if (!authorized) {
        out.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
        continue;
      }
      TopicPartition tp{topic.name, PartitionId(p.partition_index)};
      if (duplicates.contains(tp)) {
        out.error_code = Wire(ErrorCode::kInvalidRequest);
        continue;
      }
      ErrorCode error = ErrorCode::kNone;
      // As Kafka's ReplicaManager.fetchOffset: a debugging request (replica_id -2) is answered by any replica
      // hosting the partition (fetchOnlyFromLeader = false), so tools can read each replica's log end offset.
      std::shared_ptr<Partition> partition;
      if (request.replica_id == kDebuggingReplicaId) {
        partition = broker.replicas().Get(tp);
        if (!partition) {
          error = broker.PartitionExists(tp) ? ErrorCode::kNotLeaderOrFollower : ErrorCode::kUnknownTopicOrPartition;
        }
      } else {
        partition = broker.LeaderPartition(tp, &error);
      }
      if (!partition) {
        out.error_code = Wire(error);
        continue;
      }
      const int32_t epoch = partition->leader_epoch().value;
      if (ErrorCode fenced = partition->CheckLeaderEpoch(p.current_leader_epoch); fenced != ErrorCode::kNone) {
        out.error_code = Wire(fenced);
        continue;
      }
      // Consumers never see past the high watermark, read_committed ones (ListOffsets v2+, KIP-98) not past the
      // last stable offset; Kafka applies an isolation level only to client requests (replica_id -1), so a
      // follower or a debugging request sees the log end offset.
      const bool read_committed = version >= 2 && request.isolation_level == 1;
      const Offset limit = request.replica_id != kConsumerReplicaId ? partition->LogEndOffset()
                           : read_committed                        ? partition->LastStableOffset()
                                                                   : partition->HighWatermark();
      int64_t offset = -1;
      int64_t timestamp = -1;
      if (p.timestamp == kLatest) {
        offset = limit.value;
      } else if (p.timestamp == kEarliest) {
        offset = partition->LogStartOffset().value;
      } else if (p.timestamp == kMaxTimestamp) {
        auto max = partition->log()->MaxTimestampAndOffset();
        if (max.found && max.offset < limit) {
          offset = max.offset.value;
          timestamp = max.timestamp;
        }
      } else {
        auto found = partition->log()->OffsetForTimestamp(p.timestamp);
        if (!found.ok()) {
          out.error_code = Wire(ErrorCode::kKafkaStorageError);
          continue;
        }
        if (found->found && found->offset < limit) {
          offset = found->offset.value;
          timestamp = found->timestamp;
        }
      }
      if (version == 0) {
        if (offset >= 0 && p.max_num_offsets > 0) out.old_style_offsets.push_back(offset);
      } else {
        out.offset = offset;
        out.timestamp = timestamp;
        out.leader_epoch = offset >= 0 ? epoch : -1;
      }
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
