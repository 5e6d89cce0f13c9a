#include "engine/broker/handlers/offset_for_leader_epoch_handler.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void OffsetForLeaderEpochHandler::Process(const RequestContext& ctx,
                                          const protocol::OffsetForLeaderEpochRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  protocol::OffsetForLeaderEpochResponse response;
  const bool from_follower = ctx.version() >= 3 && request.replica_id >= 0;
  const bool follower_authorized = !from_follower || AuthorizedCluster(ctx, AclOperation::kClusterAction);
  for (const auto& topic : request.topics) {
    auto& topic_out = response.topics.emplace_back();
    topic_out.topic = topic.topic;
    const bool authorized =
        from_follower ? follower_authorized : AuthorizedTopic(ctx, AclOperation::kDescribe, topic.topic);
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.partition = p.partition;
      if (!authorized) {
        out.error_code = Wire(from_follower ? ErrorCode::kClusterAuthorizationFailed
                                            : ErrorCode::kTopicAuthorizationFailed);
        continue;
      }
      TopicPartition tp{topic.topic, PartitionId(p.partition)};
      ErrorCode error = ErrorCode::kNone;
      auto partition = broker.LeaderPartition(tp, &error);
      if (!partition) {
        out.error_code = Wire(error);
        continue;
      }
      const EpochEndOffsetAnswer answer = partition->LastOffsetForLeaderEpoch(p.current_leader_epoch, p.leader_epoch);
      out.error_code = Wire(answer.error);
      out.leader_epoch = answer.epoch_end.epoch;
      out.end_offset = answer.epoch_end.end_offset;
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
