// DescribeConfigs (key 32), versions 0-4: a topic's effective configuration (its overrides over the broker's
// defaults, each with its source) or this broker's configuration. Broker resources of other brokers must be
// asked of that broker (INVALID_REQUEST here), as in Kafka. This broker's dynamic overrides stored in ZooKeeper
// (AlterConfigs on a BROKER resource) are shown with source DYNAMIC_BROKER_CONFIG / DYNAMIC_DEFAULT_BROKER_CONFIG
// and the lower layers as synonyms in Kafka's order (config_synonyms.h) — stored values, which a running broker
// does not apply (config_writes.h). The BROKER resource "" is the cluster default entity: only the keys set in
// /config/brokers/<default>, as kafka-configs --entity-default shows them.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/describe_configs.h"

namespace partita::broker {

class DescribeConfigsHandler
    : public ApiHandler<protocol::DescribeConfigsRequest, protocol::DescribeConfigsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeConfigsRequest& request, Done done) override;
};

}  // namespace partita::broker
