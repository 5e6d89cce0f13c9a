// Produce (key 0), versions 0-11. Validates each partition's batches and appends them on the leader without
// recompressing (unless the topic's compression.type names another codec). acks=0 sends no response;
// acks=1 answers after the leader's append; acks=-1 (all) answers once the high watermark passes the
// batch — immediately on a single-replica ISR. v10+ (KIP-951): a NOT_LEADER_OR_FOLLOWER partition carries the
// current leader and the answer its endpoint (leader_discovery.h).
// Transaction verification (KIP-890 part 1, transaction.partition.verification.enable): a transactional batch
// that would open its producer's transaction on a partition is appended only after the transaction coordinator
// confirmed the partition is in that transaction (TxnVerifier); until then the request waits, no thread blocked.
// Refused: INVALID_TXN_STATE, or TRANSACTION_ABORTABLE for v11+ clients (that is all v11 adds); coordinator
// trouble: NOT_ENOUGH_REPLICAS, which clients retry.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/produce.h"

namespace partita::broker {

class ProduceHandler : public ApiHandler<protocol::ProduceRequest, protocol::ProduceResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ProduceRequest& request, Done done) override;
};

}  // namespace partita::broker
