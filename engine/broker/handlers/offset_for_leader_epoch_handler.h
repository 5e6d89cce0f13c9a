// OffsetForLeaderEpoch (key 23), versions 0-4: for each partition, the largest epoch <= the requested one
// and the end offset of that epoch in the leader's log (KIP-101/279). Followers truncate to it before fetching
// from a new leader; consumers use it to detect log truncation (KIP-320).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"

namespace partita::broker {

class OffsetForLeaderEpochHandler
    : public ApiHandler<protocol::OffsetForLeaderEpochRequest, protocol::OffsetForLeaderEpochResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::OffsetForLeaderEpochRequest& request,
               Done done) override;
};

}  // namespace partita::broker
