// Metadata (key 3), versions 0-9: brokers, cluster id, controller, and topics with each partition's leader,
// leader epoch, replicas, ISR and offline replicas, from this broker's ZooKeeper-fed metadata view.
// Unknown topics are auto-created when auto.create.topics.enable and the request allow it (answered
// LEADER_NOT_AVAILABLE until the topic has leaders, as Kafka does); invalid names get INVALID_TOPIC_EXCEPTION.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/metadata.h"

namespace partita::broker {

class MetadataHandler : public ApiHandler<protocol::MetadataRequest, protocol::MetadataResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::MetadataRequest& request, Done done) override;
};

}  // namespace partita::broker
