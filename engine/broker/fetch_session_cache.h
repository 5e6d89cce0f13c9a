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
// An incremental fetch reads only the session partitions that may have news (Plan; issue 11, where a follower's
// session holds thousands): those the request named, those whose Partition::change_stamp() moved since the
// answer that last carried them, those whose last answer had records, an error or no byte budget left — and
// every partition once a second, for what no stamp covers (retention moving a log start offset). Kafka reads
// every session partition at every fetch; the answer is the same, the cost is what changed. A parked fetch of
// a session is woken through one registration of the session per partition (Park), not one per fetch.
//
// Thread safety: all methods may be called from any thread (one mutex for the cache, one per session).
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

#include "engine/broker/partition.h"
#include "engine/broker/purgatory.h"
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
  // The client's request (for a full fetch also the partitions to read; an incremental one reads its session's).
  std::shared_ptr<const protocol::FetchRequest> request;
  std::shared_ptr<FetchSession> session;  // null for a sessionless fetch
  bool incremental = false;
  // Incremental: the session's clock for follower bookkeeping, and when the session fetched before this fetch.
  std::shared_ptr<const FollowerSessionClock> clock;
  int64_t previous_fetch_ms = -1;
};

// One read of a fetch, in reading order: the partitions as a request (top-level fields the client's), the
// Partition of each (null: not hosted here) and its change stamp, taken before the read.
struct FetchPlan {
  std::shared_ptr<const protocol::FetchRequest> request;
  std::vector<std::shared_ptr<Partition>> partitions;
  std::vector<uint64_t> stamps;
};

// The Partition hosted here for a topic partition, or null.
using PartitionLookup = std::function<std::shared_ptr<Partition>(const TopicPartition&)>;

class FetchSessionCache {
 public:
  explicit FetchSessionCache(FetchSessionOptions options = {});
  ~FetchSessionCache();

  // Applies the request's session id, epoch, partitions and forgotten partitions. `privileged`: a follower.
  FetchSessionContext Begin(const protocol::FetchRequest& request, int16_t version, bool privileged, int64_t now_ms);

  // What to read for `context` now: all partitions of a full fetch; for an incremental one those that may have
  // news (see the top). `for_progress`: the fetch begins and will record a follower's progress on the plan, so
  // partitions whose stamp moved since their last progress are included too.
  FetchPlan Plan(const FetchSessionContext& context, const PartitionLookup& lookup, int64_t now_ms,
                 bool for_progress);

  // Called with the answer read for `plan`: records what it tells the client and, for an incremental fetch,
  // drops the partitions that have nothing new. `starved`: indexes in `plan` of partitions read with no byte
  // budget left (they have data still to send).
  void Complete(const FetchSessionContext& context, const FetchPlan& plan, const std::vector<size_t>& starved,
                protocol::FetchResponse* response);

  // For a parked incremental fetch: whether a session partition — `changed` if not null, else any — has records
  // for the client since the answers it got, or stopped being led here (answered with the error at once).
  bool HasNewData(const FetchSessionContext& context, const TopicPartition* changed, bool from_follower,
                  IsolationLevel isolation);

  // Parks an incremental fetch `op` in `purgatory` until it completes or expires: the session is registered once
  // for each of its partitions (then only for new ones), and a change of any re-checks the parked fetch.
  void Park(const FetchSessionContext& context, const std::shared_ptr<DelayedOperation>& op, Purgatory& purgatory);

  // The topics a fetch may read, whatever it plans: its request's for a full fetch, its session's otherwise
  // (each checked for authorization once per fetch, before any plan of it is read).
  std::vector<std::string> Topics(const FetchSessionContext& context) const;

  // Every partition of the context's session as a request, in session order (a full fetch: its request).
  std::shared_ptr<const protocol::FetchRequest> Wanted(const FetchSessionContext& context) const;

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
