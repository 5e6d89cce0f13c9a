// Metadata (key 3), versions 0-12: brokers, cluster id, controller, and topics with their topic id (v10+,
// KIP-516) and each partition's leader, leader epoch, replicas, ISR and offline replicas, from this broker's
// ZooKeeper-fed metadata view. v12 requests may name a topic by id alone: an unknown id is UNKNOWN_TOPIC_ID
// with a null name; ids or null names in v10-11 requests are INVALID_REQUEST, as Kafka's KafkaApis answers.
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
