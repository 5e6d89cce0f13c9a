// Incremental fetch sessions (KIP-227). A client that fetches many partitions sends the full list once (session
// epoch 0); the broker keeps it under a session id, and later requests (epoch 1, 2, ...) name only the partitions
// whose fetch position changed, plus those to forget. The answer to an incremental request holds only the
// partitions with news: records, an error, or a changed high watermark / last stable / log start offset. Followers
// and consumers of thousands of partitions then pay for what moved, not for what they follow.
//
// As Kafka's FetchManager: epoch -1 is a sessionless full fetch (and closes the named session), epoch 0 a full
// fetch that opens a new session (closing the named one), any other epoch must name a live session
// (FETCH_SESSION_ID_NOT_FOUND) at exactly its next epoch (INVALID_FETCH_SESSION_EPOCH). The cache holds at most
// max.incremental.fetch.session.cache.slots sessions; when full, a session unused for the eviction time goes
// first, else one older than it that is worth less than the new one (a follower's session is worth more than a
// consumer's, a larger one more than a smaller one). A partition with data moves to the end of its session so
// that the KIP-74 byte budget serves partitions in turn.
//
// Thread safety: all methods may be called from any thread (one mutex for the cache, one per session).
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

#include "engine/common/types.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/fetch.h"

namespace partita::broker {

struct FetchSessionOptions {
  size_t max_slots = 1000;                // max.incremental.fetch.session.cache.slots
  int64_t eviction_ms = 120000;           // Kafka's min.incremental.fetch.session.eviction.ms
  size_t max_partitions_per_session = 100000;  // a bigger fetch is served sessionless, so memory stays bounded
};

class FetchSession;

// What the session fields of one request mean for this broker.
struct FetchSessionContext {
  protocol::ErrorCode error = protocol::ErrorCode::kNone;  // answer with this top-level error and nothing else
  int32_t response_session_id = 0;                         // 0: the client must keep sending full fetches
  // The partitions to read, in the order to read them: the request's own for a full fetch, the whole session's
  // for an incremental one.
  std::shared_ptr<const protocol::FetchRequest> effective;
  std::shared_ptr<FetchSession> session;  // null for a sessionless fetch
  bool incremental = false;
};

class FetchSessionCache {
 public:
  explicit FetchSessionCache(FetchSessionOptions options = {});
  ~FetchSessionCache();

  // Applies the request's session id, epoch, partitions and forgotten partitions. `privileged`: a follower.
  FetchSessionContext Begin(const protocol::FetchRequest& request, int16_t version, bool privileged, int64_t now_ms);

  // Called with the answer read for context.effective: records what it tells the client and, for an
  // incremental fetch, drops the partitions that have nothing new.
  void Complete(const FetchSessionContext& context, protocol::FetchResponse* response);

  size_t size() const;

 private:
  std::shared_ptr<FetchSession> Find(int32_t id);
  std::shared_ptr<FetchSession> MaybeCreate(const protocol::FetchRequest& request, bool privileged, int64_t now_ms);
  bool MakeRoom(bool privileged, size_t partitions, int64_t now_ms);

  const FetchSessionOptions options_;
  mutable std::mutex mu_;
  std::map<int32_t, std::shared_ptr<FetchSession>> sessions_;
  std::mt19937 ids_;
};

}  // namespace partita::broker
