// Produce (key 0), versions 0-9. Validates each partition's batches and appends them on the leader without
// recompressing (unless the topic's compression.type names another codec). acks=0 sends no response;
// acks=1 answers after the leader's append; acks=-1 (all) answers once the high watermark passes the
// batch — immediately on a single-replica ISR.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/produce.h"

namespace partita::broker {

class ProduceHandler : public ApiHandler<protocol::ProduceRequest, protocol::ProduceResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ProduceRequest& request, Done done) override;
};

}  // namespace partita::broker
