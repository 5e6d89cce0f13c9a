// InitProducerId (key 22), versions 0-4. For idempotent producers (null transactional id): a new producer id
// (from this broker's block of ids reserved in ZooKeeper) at epoch 0, as Kafka does — also when an old id is
// presented (KIP-360 re-initialisation). A transactional id goes to its transaction coordinator (which must be
// this broker, else NOT_COORDINATOR): epoch bump, fencing of the previous incarnation (KIP-98).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/init_producer_id.h"

namespace partita::broker {

class InitProducerIdHandler : public ApiHandler<protocol::InitProducerIdRequest, protocol::InitProducerIdResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::InitProducerIdRequest& request, Done done) override;
};

}  // namespace partita::broker
