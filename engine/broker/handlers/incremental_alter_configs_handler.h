// IncrementalAlterConfigs (key 44), versions 0-1: SET / DELETE / APPEND / SUBTRACT operations (APPEND and
// SUBTRACT on list-typed keys only) on the dynamic config of TOPIC resources (applied live by every broker) or
// BROKER resources (stored only, see config_writes.h). The resulting values are validated (INVALID_CONFIG naming
// the key); unknown topics get UNKNOWN_TOPIC_OR_PARTITION; an unknown operation or a key given twice is
// INVALID_REQUEST; validate_only writes nothing. Any broker may answer; the answer waits until the new topic
// overrides are visible in this broker's metadata.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace partita::broker {

class IncrementalAlterConfigsHandler
    : public ApiHandler<protocol::IncrementalAlterConfigsRequest, protocol::IncrementalAlterConfigsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::IncrementalAlterConfigsRequest& request,
               Done done) override;
};

}  // namespace partita::broker
