// ClusterClient::FetchMany: a consumer's fetches over incremental fetch sessions (KIP-227), one session per
// leader, built by FetchSessionBuilder as Kafka's consumer builds them with its FetchSessionHandler.
#include <algorithm>
#include <map>

#include "engine/client/cluster_client.h"
#include "engine/client/fetch_decode.h"
#include "engine/protocol/messages/fetch.h"

namespace partita::client {

using protocol::ErrorCode;

namespace {

// KIP-227's final epoch: a fetch naming a session at epoch -1 closes it (and fetches nothing when it names no
// partition).
constexpr int32_t kFinalEpoch = -1;

}  // namespace

Result<std::vector<PartitionFetch>> ClusterClient::FetchMany(const std::map<TopicPartition, int64_t>& positions,
                                                             const FetchOptions& options) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::map<int32_t, FetchSessionBuilder::Wanted> by_leader;
  std::vector<PartitionFetch> out;
  for (const auto& [tp, offset] : positions) {
    auto leader = LeaderOf(tp);
    if (!leader.ok()) {
      out.push_back({tp, leader.status(), {}});
      continue;
    }
    protocol::FetchRequest::Partition p;
    p.partition = tp.partition.value;
    p.fetch_offset = offset;
    p.partition_max_bytes = options.max_bytes;
    by_leader[*leader].emplace(tp, p);
  }
  // A leader that leads none of the partitions any more gets an empty incremental fetch, forgetting them all.
  for (const auto& [broker, session] : fetch_sessions_) {
    if (session.session_id() != 0) by_leader.try_emplace(broker);
  }
  bool leader_moved = false;
  const int32_t wait = by_leader.empty() ? 0 : std::max(0, options.max_wait_ms) / static_cast<int32_t>(by_leader.size());
  for (auto& [broker, wanted] : by_leader) {
    const std::string where = DescribeBroker(broker);
    FetchSessionBuilder& session = fetch_sessions_[broker];
    auto conn = ConnectionTo(broker);
    if (!conn.ok()) {
      session.Reset();
      for (const auto& [tp, p] : wanted) out.push_back({tp, conn.status(), {}});
      continue;
    }
    auto version = (*conn)->PickVersionFor(protocol::ApiKey::kFetch, protocol::FetchRequest::kMinVersion,
                                           kLastFetchVersionByName);
    if (!version.ok()) return version.status();
    protocol::FetchRequest req;
    req.replica_id = -1;
    req.max_wait_ms = wait;
    req.min_bytes = wait > 0 ? 1 : 0;
    req.max_bytes = options.max_bytes;
    req.isolation_level = static_cast<int8_t>(options.isolation);
    const FetchSessionBuilder::Wanted asked = wanted;
    session.Build(std::move(wanted), *version, &req);
    std::vector<uint8_t> frame;  // the decoded records view it
    auto resp = (*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(
        req, *version, nullptr, &frame, (*conn)->options().request_timeout_ms + req.max_wait_ms);
    if (!resp.ok()) {
      session.Reset();
      DropConnection(broker);
      const Status st = Status::Unavailable("Fetch on " + where + ": " + resp.status().message());
      for (const auto& [tp, p] : asked) out.push_back({tp, st, {}});
      continue;
    }
    // FETCH_SESSION_ID_NOT_FOUND / INVALID_FETCH_SESSION_EPOCH (the broker evicted or lost the session): the
    // builder starts over, and the next call sends a full fetch. Nothing of these partitions is new meanwhile.
    SessionFetchStats& stats = last_session_fetch_[broker];
    stats.incremental = session.last_was_incremental();
    stats.partitions_sent = 0;
    for (const auto& t : req.topics) stats.partitions_sent += t.partitions.size();
    const bool session_ok = session.OnResponse(*resp);
    stats.session_id = session.session_id();
    if (!session_ok) continue;
    PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "Fetch on " + where));
    for (const auto& topic : resp->responses) {
      for (const auto& part : topic.partitions) {
        const TopicPartition tp{topic.topic, PartitionId(part.partition_index)};
        auto it = asked.find(tp);
        if (it == asked.end()) continue;  // forgotten meanwhile
        PartitionFetch& pf = out.emplace_back();
        pf.tp = tp;
        const int64_t offset = it->second.fetch_offset;
        if (IsRetriableLeaderError(part.error_code)) {
          // The leader moved (or is moving): nothing new here now; the next call asks the new leader.
          leader_moved = true;
          out.pop_back();
          continue;
        }
        pf.status = KafkaError(part.error_code, "Fetch " + tp.DirName() + " at offset " + std::to_string(offset) +
                                                    " on " + where);
        if (!pf.status.ok()) continue;
        pf.result.high_watermark = part.high_watermark;
        pf.result.log_start_offset = part.log_start_offset;
        pf.result.last_stable_offset = part.last_stable_offset;
        DecodeOptions decode;
        decode.isolation = options.isolation;
        decode.include_control = options.include_control;
        if (part.aborted_transactions) {
          for (const auto& a : *part.aborted_transactions) decode.aborted.push_back({a.producer_id, a.first_offset});
        }
        pf.status = DecodeFetchedRecords(part.records.view, offset, "Fetch " + tp.DirName() + " on " + where,
                                         &pf.result, decode);
      }
    }
  }
  if (leader_moved) (void)RefreshMetadataLocked();
  return out;
}

void ClusterClient::CloseFetchSessions() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  for (auto& [broker, session] : fetch_sessions_) {
    if (session.session_id() == 0) continue;
    auto conn = ConnectionTo(broker);
    if (conn.ok()) {
      protocol::FetchRequest req;
      req.replica_id = -1;
      req.session_id = session.session_id();
      req.session_epoch = kFinalEpoch;
      auto version = (*conn)->PickVersionFor(protocol::ApiKey::kFetch, 7, kLastFetchVersionByName);
      if (version.ok()) (void)(*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(req, *version);
    }
    session.Reset();
  }
  fetch_sessions_.clear();
  last_session_fetch_.clear();
}

ClusterClient::SessionFetchStats ClusterClient::LastSessionFetch(int32_t broker_id) const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto it = last_session_fetch_.find(broker_id);
  return it == last_session_fetch_.end() ? SessionFetchStats{} : it->second;
}

}  // namespace partita::client
