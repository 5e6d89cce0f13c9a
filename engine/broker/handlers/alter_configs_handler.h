// AlterConfigs (key 33), versions 0-2: replaces the whole dynamic config of TOPIC resources (overrides in
// /config/topics/T, applied live by every broker through its metadata watcher) or BROKER resources (stored in
// /config/brokers/<id|<default>>, see config_writes.h). Values are validated against the config definitions
// (INVALID_CONFIG naming the key); unknown topics get UNKNOWN_TOPIC_OR_PARTITION; validate_only writes nothing.
// Entries with a null value are ignored, as Kafka's ZK-mode broker does. Any broker may answer; the answer
// waits until the new topic overrides are visible in this broker's metadata.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/alter_configs.h"

namespace partita::broker {

class AlterConfigsHandler : public ApiHandler<protocol::AlterConfigsRequest, protocol::AlterConfigsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AlterConfigsRequest& request, Done done) override;
};

}  // namespace partita::broker
