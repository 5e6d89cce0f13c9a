// ListOffsets (key 2), versions 0-7: earliest (-2), latest (-1; the high watermark for consumers), max
// timestamp (-3, KIP-734, v7+), or the first offset whose timestamp is >= a given time (time index).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/list_offsets.h"

namespace partita::broker {

class ListOffsetsHandler : public ApiHandler<protocol::ListOffsetsRequest, protocol::ListOffsetsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ListOffsetsRequest& request, Done done) override;
};

}  // namespace partita::broker
