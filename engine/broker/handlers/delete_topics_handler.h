// DeleteTopics (key 20), versions 0-6. The controller removes the topic's znodes (via /admin/delete_topics);
// every broker deletes its partition logs when the topic leaves its metadata. Answered once the topics are gone
// from this broker's view or timeout_ms passed. v6 (KIP-516) names a topic by name or by topic id: an unknown id
// is UNKNOWN_TOPIC_ID, both at once INVALID_REQUEST (as Kafka's KafkaApis); answers carry the topic id.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/delete_topics.h"

namespace partita::broker {

class DeleteTopicsHandler : public ApiHandler<protocol::DeleteTopicsRequest, protocol::DeleteTopicsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DeleteTopicsRequest& request, Done done) override;
};

}  // namespace partita::broker
