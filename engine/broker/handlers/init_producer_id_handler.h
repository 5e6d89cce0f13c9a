// InitProducerId (key 22), versions 0-4, for idempotent producers: a new producer id (from this broker's
// block of ids reserved in ZooKeeper) at epoch 0, as Kafka does for a null transactional id — also when an
// old id is presented (KIP-360 re-initialisation). Transactional ids need a transaction coordinator, which
// this broker does not run: they are answered COORDINATOR_NOT_AVAILABLE with that reason in the logs.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/init_producer_id.h"

namespace partita::broker {

class InitProducerIdHandler : public ApiHandler<protocol::InitProducerIdRequest, protocol::InitProducerIdResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::InitProducerIdRequest& request, Done done) override;
};

}  // namespace partita::broker
