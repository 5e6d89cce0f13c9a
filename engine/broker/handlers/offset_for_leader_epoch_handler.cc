#include "engine/broker/handlers/offset_for_leader_epoch_handler.h"

#include "engine/broker/broker.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

void OffsetForLeaderEpochHandler::Process(const RequestContext& ctx,
                                          const protocol::OffsetForLeaderEpochRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  protocol::OffsetForLeaderEpochResponse response;
  for (const auto& topic : request.topics) {
    auto& topic_out = response.topics.emplace_back();
    topic_out.topic = topic.topic;
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.partition = p.partition;
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
