// ElectLeaders (key 43), versions 0-2: preferred (v0 always; v1+ election_type 0) or unclean (v1+ type 1)
// leader elections, run by the active controller (NOT_CONTROLLER elsewhere, per partition and — v1+ — at the top
// level, as Kafka answers). Null topic_partitions = every partition; then partitions whose election was not
// needed are left out, as in Kafka. Each partition carries the controller's error code and message. The answer
// waits until the elected leaders are visible in this broker's metadata (or timeout_ms passed), so the client's
// next Metadata request sees them.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/elect_leaders.h"

namespace partita::broker {

class ElectLeadersHandler : public ApiHandler<protocol::ElectLeadersRequest, protocol::ElectLeadersResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ElectLeadersRequest& request, Done done) override;
};

}  // namespace partita::broker
