// DeleteTopics (key 20), versions 0-6. The controller removes the topic's znodes (via /admin/delete_topics);
// every broker deletes its partition logs when the topic leaves its metadata. Answered once the topics are gone
// from this broker's view or timeout_ms passed. Deletion by topic id (v6) is not supported: topic ids are not
// kept, so such entries get UNKNOWN_TOPIC_ID.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/delete_topics.h"

namespace partita::broker {

class DeleteTopicsHandler : public ApiHandler<protocol::DeleteTopicsRequest, protocol::DeleteTopicsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DeleteTopicsRequest& request, Done done) override;
};

}  // namespace partita::broker
