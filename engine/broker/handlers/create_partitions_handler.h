// CreatePartitions (key 37), versions 0-3: grows a topic to `count` partitions (never shrinks), with an
// optional manual assignment for the new partitions. Answered once the new partitions have leaders.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/create_partitions.h"

namespace partita::broker {

class CreatePartitionsHandler
    : public ApiHandler<protocol::CreatePartitionsRequest, protocol::CreatePartitionsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::CreatePartitionsRequest& request, Done done) override;
};

}  // namespace partita::broker
