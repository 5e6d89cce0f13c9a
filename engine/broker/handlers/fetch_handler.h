// Fetch (key 1), versions 0-16. Record data goes out as FileRegions of the segment files (sendfile, no copy
// in user space). Consumers read up to the high watermark, followers (replica_id >= 0) up to the log end.
// When fewer than min_bytes are available and max_wait_ms > 0 the request is parked as a DelayedFetch and
// answered when data arrives or the wait ends. Fetch v7+ requests may use incremental fetch sessions (KIP-227,
// fetch_session_cache.h): an incremental request is read over its whole session and answered with what changed.
// Fetch v13+ names topics by id (KIP-516): an id that names no live topic is answered UNKNOWN_TOPIC_ID, and a
// session partition whose topic was recreated under its name since INCONSISTENT_TOPIC_ID. v15 (KIP-903): a
// follower's id comes in the tagged replica_state. v16 (KIP-951): NOT_LEADER_OR_FOLLOWER / FENCED_LEADER_EPOCH
// partitions carry the current leader, and the answer its endpoint (leader_discovery.h).
// Versions 0-3 predate record batch v2; their clients get magic-1 message sets converted from the log.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/fetch.h"

namespace partita::broker {

class FetchHandler : public ApiHandler<protocol::FetchRequest, protocol::FetchResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::FetchRequest& request, Done done) override;
};

}  // namespace partita::broker
