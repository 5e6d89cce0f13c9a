// CreateTopics (key 19), versions 0-7. Validates each topic (name, partitions, replication factor against the
// live brokers, manual assignments, configs — the error names the problem), has the controller write Kafka's
// znodes, and answers once the new topics have leaders in this broker's metadata (or timeout_ms passed), so a
// client's next Metadata request sees them. Only the active controller creates topics (NOT_CONTROLLER
// elsewhere; clients retry against the controller named in Metadata).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/create_topics.h"

namespace partita::broker {

class CreateTopicsHandler : public ApiHandler<protocol::CreateTopicsRequest, protocol::CreateTopicsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::CreateTopicsRequest& request, Done done) override;
};

}  // namespace partita::broker
