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
      if (ErrorCode fenced = partition->CheckLeaderEpoch(p.current_leader_epoch); fenced != ErrorCode::kNone) {
        out.error_code = Wire(fenced);
        continue;
      }
      auto [found_epoch, end_offset] =
          partition->log()->leader_epochs().EndOffsetForEpoch(p.leader_epoch, partition->LogEndOffset().value);
      out.leader_epoch = found_epoch;
      out.end_offset = end_offset;
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
