// Produce (key 0), versions 0-11. Validates each partition's batches and appends them on the leader without
// recompressing (unless the topic's compression.type names another codec). acks=0 sends no response;
// acks=1 answers after the leader's append; acks=-1 (all) answers once the high watermark passes the
// batch — immediately on a single-replica ISR. v10+ (KIP-951): a NOT_LEADER_OR_FOLLOWER partition carries the
// current leader and the answer its endpoint (leader_discovery.h). v11 (KIP-890) only says the client knows
// TRANSACTION_ABORTABLE, which Kafka sends for failed partition verification (AddPartitionsToTxn v4+), not
// served here; so a v11 answer is a v10 answer.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/produce.h"

namespace partita::broker {

class ProduceHandler : public ApiHandler<protocol::ProduceRequest, protocol::ProduceResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ProduceRequest& request, Done done) override;
};

}  // namespace partita::broker
