#include "engine/broker/handlers/delete_records_handler.h"

#include <spdlog/spdlog.h>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void DeleteRecordsHandler::Process(const RequestContext& ctx, const protocol::DeleteRecordsRequest& request,
                                   Done done) {
  Broker& broker = *ctx.broker;
  protocol::DeleteRecordsResponse response;
  for (const auto& topic : request.topics) {
    auto& topic_out = response.topics.emplace_back();
    topic_out.name = topic.name;
    const bool authorized = AuthorizedTopic(ctx, AclOperation::kDelete, topic.name);
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.partition_index = p.partition_index;
      out.low_watermark = -1;
      if (!authorized) {
        out.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
        continue;
      }
      TopicPartition tp{topic.name, PartitionId(p.partition_index)};
      ErrorCode error = ErrorCode::kNone;
      auto partition = broker.LeaderPartition(tp, &error);
      if (!partition) {
        out.error_code = Wire(error);
        continue;
      }
      const int64_t hw = partition->HighWatermark().value;
      const int64_t target = p.offset == -1 ? hw : p.offset;
      if (target < 0 || target > hw) {
        out.error_code = Wire(ErrorCode::kOffsetOutOfRange);
        continue;
      }
      if (auto st = partition->log()->DeleteRecordsBefore(Offset(target)); !st.ok()) {
        spdlog::warn("DeleteRecords on {} failed: {}", tp.DirName(), st.ToString());
        out.error_code = Wire(ErrorCode::kKafkaStorageError);
        continue;
      }
      out.low_watermark = partition->LogStartOffset().value;
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
