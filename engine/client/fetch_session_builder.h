// The client half of incremental fetch sessions (KIP-227), as Kafka's FetchSessionHandler: the first request
// of a connection sends every partition wanted (epoch 0, the broker opens a session); later ones send only the
// partitions that are new or whose fetch parameters changed, and the ones no longer wanted as forgotten. An
// incremental answer leaves out the partitions with nothing new, which callers simply find absent. A session
// error, a lost connection or an answer without a session id starts over with a full fetch.
//
// From Fetch v13 (KIP-516) topics travel by id: Build fills each topic's id from `ids` and NameTopics puts the
// names back into an answer, so callers keep working by name.
//
// Two ways to say what is wanted: Build(wanted, ...) with the whole set each time (the builder finds what changed
// in one merge pass), or, for a caller that knows what moved (a replica fetcher of thousands of partitions, issue
// 11), Set / Remove for those partitions only and then BuildChanges: a round then costs what changed.
//
// Thread safety: none; one per connection, used by the thread that sends on it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "engine/common/types.h"
#include "engine/protocol/messages/fetch.h"

namespace partita::client {

class FetchSessionBuilder {
 public:
  using Wanted = std::map<TopicPartition, protocol::FetchRequest::Partition>;
  using TopicIds = std::map<std::string, protocol::Uuid, std::less<>>;

  // Fills the session fields, topics and forgotten topics of `request` for a fetch of `wanted` at `version`.
  // At v13+ `ids` must hold the id of every topic wanted or in the session.
  void Build(Wanted wanted, int16_t version, protocol::FetchRequest* request, const TopicIds* ids = nullptr);

  // Wants `tp` with parameters `p` from the next request on (sent again only if they differ from the last).
  void Set(const TopicPartition& tp, const protocol::FetchRequest::Partition& p);
  // No longer wants `tp`.
  void Remove(const TopicPartition& tp);
  // Like Build, for what Set and Remove left: a full fetch of every wanted partition when a new session is due,
  // otherwise only the partitions set with new parameters and the removed ones.
  void BuildChanges(int16_t version, protocol::FetchRequest* request, const TopicIds* ids = nullptr);
  size_t wanted_count() const { return in_session_.size(); }

  // Fetch v13+ answers name topics by id only: sets each answered topic's name from `ids` (empty if unknown).
  static void NameTopics(const TopicIds& ids, protocol::FetchResponse* response);

  // The answer to the last Build's request; false when it was a session error (nothing in it to use: fetch again).
  bool OnResponse(const protocol::FetchResponse& response);

  // The request failed or the connection closed: the next fetch is a full one (of what is wanted).
  void Reset();

  int32_t session_id() const { return session_id_; }
  bool last_was_incremental() const { return last_incremental_; }

 private:
  int32_t session_id_ = 0;
  int32_t next_epoch_ = 0;  // 0: the next fetch is full and asks for a session
  // What is wanted: what the broker's session holds once the last request and the pending changes are applied.
  Wanted in_session_;
  // Since the last request (Set / Remove): partitions to send with new parameters, and to send as forgotten.
  std::set<TopicPartition> changed_;
  std::set<TopicPartition> removed_;
  bool last_incremental_ = false;
  bool sessions_supported_ = true;  // false below Fetch v7
  bool session_by_id_ = false;      // the session was built with Fetch v13+ (topic ids)
};

}  // namespace partita::client
