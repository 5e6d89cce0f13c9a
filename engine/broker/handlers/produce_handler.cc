#include "engine/broker/handlers/produce_handler.h"

#include "engine/broker/broker.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

void ProduceHandler::Process(const RequestContext& ctx, const protocol::ProduceRequest& request, Done done) {
  Broker& broker = *ctx.broker;
  protocol::ProduceResponse response;
  response.responses.reserve(request.topics.size());
  const bool valid_acks = request.acks == 0 || request.acks == 1 || request.acks == -1;

  for (const auto& topic : request.topics) {
    auto& topic_out = response.responses.emplace_back();
    topic_out.name = topic.name;
    topic_out.partitions.reserve(topic.partitions.size());
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.index = p.index;
      out.base_offset = -1;
      TopicPartition tp{topic.name, PartitionId(p.index)};
      if (!valid_acks) {
        out.error_code = Wire(ErrorCode::kInvalidRequiredAcks);
        continue;
      }
      if (request.transactional_id) {
        out.error_code = Wire(ErrorCode::kTransactionalIdAuthorizationFailed);
        out.error_message = "transactions are not supported by this broker";
        continue;
      }
      ErrorCode error = ErrorCode::kNone;
      auto partition = broker.LeaderPartition(tp, &error);
      if (!partition) {
        out.error_code = Wire(error);
        continue;
      }
      auto appended = partition->AppendAsLeader(p.records.view, request.acks);
      out.error_code = Wire(appended.error);
      if (appended.error != ErrorCode::kNone) {
        if (!appended.message.empty()) out.error_message = appended.message;
        continue;
      }
      out.base_offset = appended.info.first_offset.value;
      out.log_append_time_ms = appended.info.log_append_time_ms;
      out.log_start_offset = partition->LogStartOffset().value;
      broker.replicas().OnPartitionChanged(tp);
    }
  }
  if (request.acks == 0) {
    // The client expects no answer. As in Kafka, a failed acks=0 produce closes the connection: that is the
    // only way the client can notice and refresh its metadata.
    bool failed = false;
    for (const auto& t : response.responses)
      for (const auto& p : t.partitions) failed = failed || p.error_code != 0;
    failed ? done.CloseConnection() : done.NoResponse();
    return;
  }
  done(std::move(response));
}

}  // namespace partita::broker
