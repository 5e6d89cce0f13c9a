// Fetch (key 1), versions 0-14. Record data goes out as FileRegions of the segment files (sendfile, no copy
// in user space). Consumers read up to the high watermark, followers (replica_id >= 0) up to the log end.
// When fewer than min_bytes are available and max_wait_ms > 0 the request is parked as a DelayedFetch and
// answered when data arrives or the wait ends. Fetch v7+ requests may use incremental fetch sessions (KIP-227,
// fetch_session_cache.h): an incremental request is read over its whole session and answered with what changed.
// Fetch v13+ names topics by id (KIP-516): an id that names no live topic is answered UNKNOWN_TOPIC_ID, and a
// session partition whose topic was recreated under its name since INCONSISTENT_TOPIC_ID.
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
