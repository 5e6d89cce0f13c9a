#include "engine/broker/handlers/fetch_handler.h"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <set>

#include <spdlog/spdlog.h>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/handlers/leader_discovery.h"
#include "engine/broker/broker.h"
#include "engine/common/clock.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/uuid_text.h"
#include "engine/replication/replication_quota.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::FetchRequest;
using protocol::FetchResponse;
using protocol::Wire;

namespace {

struct FetchResult {
  FetchResponse response;
  std::vector<int64_t> topic_bytes;  // per request topic, for BytesOutPerSec
  int64_t bytes = 0;
  int64_t throttled_bytes = 0;  // bytes of throttled replicas: charged to the leader quota once sent
  bool any_error = false;
  std::vector<size_t> starved;  // indexes (in plan order) of partitions read with no byte budget left
};

// Copies file regions into memory — only for old clients whose data must be converted.
std::vector<uint8_t> ReadRegions(const std::vector<FileRegion>& regions) {
  size_t total = 0;
  for (const auto& r : regions) total += static_cast<size_t>(r.length);
  std::vector<uint8_t> out(total);
  size_t at = 0;
  for (const auto& r : regions) {
    ssize_t n = ::pread(r.file->fd(), out.data() + at, static_cast<size_t>(r.length), r.position);
    if (n != r.length) return {};
    at += static_cast<size_t>(n);
  }
  return out;
}

// Kafka's FetchIsolation: followers read up to the log end whatever they ask; consumers up to the HW, or up to
// the last stable offset with read_committed (Fetch v4+, KIP-98).
IsolationLevel IsolationOf(const FetchRequest& request, int16_t version) {
  return version >= 4 && request.replica_id < 0 && request.isolation_level == 1 ? IsolationLevel::kReadCommitted
                                                                                  : IsolationLevel::kReadUncommitted;
}

PartitionLookup LookupIn(Broker& broker) {
  return [&broker](const TopicPartition& tp) { return broker.replicas().Get(tp); };
}

// Reads `plan`'s partitions. `unauthorized`: topics answered TOPIC_AUTHORIZATION_FAILED without reading (null:
// none).
FetchResult ReadAll(Broker& broker, const FetchPlan& plan, int16_t version,
                    const std::set<std::string>* unauthorized = nullptr) {
  const FetchRequest& request = *plan.request;
  FetchResult result;
  const bool from_follower = request.replica_id >= 0;
  const IsolationLevel isolation = IsolationOf(request, version);
  int64_t budget = version >= 3 ? std::max<int32_t>(request.max_bytes, 0) : INT32_MAX;
  // Kafka's ReplicaManager caps a consumer's fetch at fetch.max.bytes (KIP-74); followers are bounded by
  // their own request (replica.fetch.response.max.bytes on their side).
  if (!from_follower) budget = std::min<int64_t>(budget, broker.config().fetch_max_bytes());
  bool first_data = true;
  const bool by_id = version >= 13;
  const auto md = by_id ? broker.metadata() : nullptr;
  result.response.responses.reserve(request.topics.size());
  result.topic_bytes.assign(request.topics.size(), 0);
  size_t index = 0;  // into plan
  for (size_t t = 0; t < request.topics.size(); ++t) {
    const auto& topic = request.topics[t];
    auto& topic_out = result.response.responses.emplace_back();
    topic_out.topic = topic.topic;
    topic_out.topic_id = topic.topic_id;
    // KIP-516: the name resolved from the client's id must still carry that id. A topic deleted since is
    // UNKNOWN_TOPIC_ID; one recreated under the same name (a session holding the old id) INCONSISTENT_TOPIC_ID.
    ErrorCode topic_error = ErrorCode::kNone;
    if (by_id) {
      auto known = md->topics.find(topic.topic);
      if (known == md->topics.end() || known->second.marked_for_deletion) {
        topic_error = ErrorCode::kUnknownTopicId;
      } else if (known->second.topic_id != protocol::UuidToText(topic.topic_id)) {
        topic_error = ErrorCode::kInconsistentTopicId;
      }
    }
    topic_out.partitions.reserve(topic.partitions.size());
    for (const auto& p : topic.partitions) {
      const size_t i = index++;
      const std::shared_ptr<Partition>& known = plan.partitions[i];
      auto& out = topic_out.partitions.emplace_back();
      out.partition_index = p.partition;
      out.high_watermark = -1;
      out.last_stable_offset = -1;
      out.log_start_offset = -1;
      // Kafka sends the aborted transactions only to read_committed fetches; the field is null otherwise.
      if (isolation == IsolationLevel::kReadCommitted) out.aborted_transactions.emplace();
      if (topic_error != ErrorCode::kNone) {
        out.error_code = Wire(topic_error);
        result.any_error = true;
        continue;
      }
      TopicPartition tp{topic.topic, PartitionId(p.partition)};
      if (unauthorized && unauthorized->count(topic.topic)) {
        out.error_code = Wire(ErrorCode::kTopicAuthorizationFailed);
        result.any_error = true;  // answered at once, never parked
        continue;
      }
      ErrorCode error = ErrorCode::kNone;
      auto partition = known && known->IsLeader() ? known : broker.LeaderPartition(tp, &error);
      if (!partition) {
        out.error_code = Wire(error);
        result.any_error = true;
        continue;
      }
      int32_t max_bytes = static_cast<int32_t>(std::min<int64_t>(p.partition_max_bytes, budget));
      // Kafka's leader-side replication throttle: a throttled replica outside the ISR gets no bytes while the
      // leader quota is used up (its fetch then waits like an empty one); in-sync followers are never slowed.
      const bool throttled = from_follower && broker.leader_quota().IsThrottled(tp) &&
                             !partition->IsInIsr(request.replica_id);
      if (throttled && broker.leader_quota().IsExceeded()) max_bytes = 0;
      if (max_bytes <= 0) result.starved.push_back(i);
      // KIP-74: the first batch of the first partition with data is returned even if it exceeds the limits, so
      // that a consumer can always make progress.
      auto read = partition->Read(Offset(p.fetch_offset), std::max(max_bytes, 0), from_follower,
                                  first_data && max_bytes > 0, p.current_leader_epoch, isolation);
      out.error_code = Wire(read.error);
      if (read.error != ErrorCode::kNone) {
        result.any_error = true;
        continue;
      }
      out.high_watermark = read.high_watermark.value;
      out.last_stable_offset = read.last_stable_offset.value;
      if (out.aborted_transactions) {
        for (const auto& txn : read.aborted_transactions)
          out.aborted_transactions->push_back({txn.producer_id, txn.first_offset});
      }
      out.log_start_offset = read.log_start_offset.value;
      if (read.data.bytes > 0) {
        first_data = false;
        budget -= read.data.bytes;
        result.bytes += read.data.bytes;
        result.topic_bytes[t] += read.data.bytes;
        if (throttled) result.throttled_bytes += read.data.bytes;
        if (version < 4) {
          auto converted = protocol::DownConvertToV1(ReadRegions(read.data.regions), /*magic0=*/version <= 1);
          if (converted.ok()) {
            out.records.SetOwned(std::move(*converted));
          } else {
            out.error_code = Wire(ErrorCode::kCorruptMessage);
          }
        } else {
          out.records.regions = std::move(read.data.regions);
        }
      }
    }
  }
  return result;
}

// Bytes of an answered fetch: to consumers per topic (BytesOutPerSec), to followers as replication bytes.
void RecordBytesOut(Broker& broker, const FetchRequest& request, const FetchResult& result) {
  BrokerMetrics& metrics = broker.metrics();
  const bool to_follower = request.replica_id >= 0;
  for (size_t t = 0; t < request.topics.size(); ++t) {
    if (result.topic_bytes[t] == 0) continue;
    if (to_follower) {
      metrics.RecordFetch(nullptr, result.topic_bytes[t], true);
    } else {
      metrics.RecordFetch(metrics.ForTopic(request.topics[t].topic).get(), result.topic_bytes[t], false);
    }
  }
}

// KIP-951 (Fetch v16+): a partition answered NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH carries the leader
// this broker knows of, and the answer that leader's endpoint on the client's listener.
void AddLeaderDiscovery(Broker& broker, int16_t version, std::string_view listener, FetchResponse* response) {
  if (version < 16) return;
  std::shared_ptr<const coordination::ClusterMetadata> md;
  for (auto& topic : response->responses) {
    for (auto& p : topic.partitions) {
      if (p.error_code != Wire(ErrorCode::kNotLeaderOrFollower) && p.error_code != Wire(ErrorCode::kFencedLeaderEpoch))
        continue;
      if (!md) md = broker.metadata();
      FillCurrentLeader(*md, topic.topic, p.partition_index, listener, &p.current_leader, &response->node_endpoints);
    }
  }
}

// Who a consumer fetch is charged to (consumer_byte_rate); followers have none (replication quotas instead).
struct QuotaClient {
  std::string user;
  std::string client_id;
};

// Sends an answer read for `plan`: quotas and byte metrics first, then the session keeps what the answer tells
// and, for an incremental fetch, leaves out the partitions with nothing new.
// `unknown`: the request's topics whose ids name no topic, answered UNKNOWN_TOPIC_ID after the session's own.
// `version` / `listener`: the request's, for leader discovery.
void Answer(Broker& broker, const FetchSessionContext& session, const FetchPlan& plan, FetchResult result,
            const FetchHandler::Done& done,
            const std::optional<QuotaClient>& client, int16_t version, std::string_view listener,
            const std::vector<FetchRequest::Topic>& unknown = {}) {
  if (client) {
    // KIP-13/219 as Kafka's handleFetchRequest: a consumer over consumer_byte_rate gets an empty answer with
    // throttle_time_ms (the bytes it would have carried are taken back from the rate), and its connection is
    // muted for that time. The session learns nothing from it, so the next fetch reads the same positions.
    const int64_t now = MonotonicMs();
    const double bytes = static_cast<double>(result.bytes);
    const int32_t throttle_ms =
        broker.client_quotas().RecordAndGetThrottleMs(QuotaType::kFetch, client->user, client->client_id, bytes, now);
    if (throttle_ms > 0) {
      broker.client_quotas().Unrecord(QuotaType::kFetch, client->user, client->client_id, bytes, now);
      FetchResponse throttled;
      throttled.throttle_time_ms = throttle_ms;
      throttled.session_id = session.response_session_id;
      done.MuteAfterAnswer(throttle_ms);
      return done(std::move(throttled));
    }
  }
  broker.leader_quota().Record(result.throttled_bytes);
  RecordBytesOut(broker, *plan.request, result);
  broker.fetch_sessions().Complete(session, plan, result.starved, &result.response);
  for (const auto& topic : unknown) {
    auto& out = result.response.responses.emplace_back();
    out.topic_id = topic.topic_id;
    for (const auto& p : topic.partitions) {
      auto& po = out.partitions.emplace_back();
      po.partition_index = p.partition;
      po.error_code = Wire(ErrorCode::kUnknownTopicId);
      po.high_watermark = -1;
      po.last_stable_offset = -1;
      po.log_start_offset = -1;
    }
  }
  AddLeaderDiscovery(broker, version, listener, &result.response);
  done(std::move(result.response));
}

// Fetch v13+ names topics by id (KIP-516). Resolves them to names so the session cache and the reads work by
// name (the id stays beside it, for the answer and the consistency check); topics whose id names no live topic
// move to `unknown`, forgotten ones with an unknown id are dropped (nothing of theirs can be in a session).
FetchRequest ResolveTopicIds(const coordination::ClusterMetadata& md, const FetchRequest& request,
                             std::vector<FetchRequest::Topic>* unknown) {
  FetchRequest resolved = request;
  resolved.topics.clear();
  for (const auto& topic : request.topics) {
    const auto* known = md.FindTopicById(protocol::UuidToText(topic.topic_id));
    if (!known) {
      unknown->push_back(topic);
      continue;
    }
    resolved.topics.push_back(topic);
    resolved.topics.back().topic = known->name;
  }
  resolved.forgotten_topics_data.clear();
  for (const auto& forgotten : request.forgotten_topics_data) {
    if (const auto* known = md.FindTopicById(protocol::UuidToText(forgotten.topic_id))) {
      resolved.forgotten_topics_data.push_back(forgotten);
      resolved.forgotten_topics_data.back().topic = known->name;
    }
  }
  return resolved;
}

// A fetch waiting for min_bytes: re-read when a watched partition changes, answered at the deadline anyway.
// A session's incremental fetch is re-planned when it completes (what changed meanwhile); another keeps its plan.
class DelayedFetch : public DelayedOperation {
 public:
  DelayedFetch(Broker* broker, FetchSessionContext session, FetchPlan plan, std::set<std::string> unauthorized,
               int16_t version, std::string listener, FetchHandler::Done done, int64_t deadline_ms,
               std::optional<QuotaClient> client)
      : DelayedOperation(deadline_ms),
        broker_(broker),
        session_(std::move(session)),
        plan_(std::move(plan)),
        unauthorized_(std::move(unauthorized)),
        version_(version),
        listener_(std::move(listener)),
        done_(std::move(done)),
        client_(std::move(client)) {}

 protected:
  // Runs on every change of a watched partition. A plan's partitions are checked as found when the fetch was
  // parked, without looking them up again: one removed since was stopped first (ReplicaManager::StopReplica),
  // so it is no leader here and ReadAll looks its name up afresh (NOT_LEADER_OR_FOLLOWER, or a re-created one).
  bool CanComplete() override { return Check(nullptr); }
  // A session's parked fetch checks only the partition that changed (its session holds thousands).
  bool CanCompleteAfterChangeOf(const TopicPartition& key) override { return Check(&key); }

  void OnComplete(bool) override {
    FetchPlan plan = CurrentPlan();
    FetchResult result = ReadAll(*broker_, plan, version_, unauthorized_.empty() ? nullptr : &unauthorized_);
    Answer(*broker_, session_, plan, std::move(result), done_, client_, version_, listener_);
  }

 private:
  // `changed`: the partition whose change prompts the check (null: any may have changed).
  bool Check(const TopicPartition* changed) {
    const FetchRequest& request = *plan_.request;
    const bool from_follower = request.replica_id >= 0;
    const IsolationLevel isolation = IsolationOf(request, version_);
    if (session_.incremental) {
      if (!broker_->fetch_sessions().HasNewData(session_, changed, from_follower, isolation)) return false;
    } else if (!AnyDataIn(plan_, from_follower, isolation)) {
      return false;
    }
    // A partition with data after the fetch offset has at least one record, so min_bytes <= 1 holds.
    if (request.min_bytes <= 1) return true;
    // Count the bytes precisely (reads hand out file regions only, no data is copied).
    return ReadAll(*broker_, CurrentPlan(), version_).bytes >= request.min_bytes;
  }

  FetchPlan CurrentPlan() const {
    if (!session_.incremental) return plan_;
    return broker_->fetch_sessions().Plan(session_, LookupIn(*broker_), MonotonicMs(), /*for_progress=*/false);
  }

  static bool AnyDataIn(const FetchPlan& plan, bool from_follower, IsolationLevel isolation) {
    size_t index = 0;
    for (const auto& topic : plan.request->topics) {
      for (const auto& p : topic.partitions) {
        const auto& partition = plan.partitions[index++];
        if (!partition || !partition->IsLeader()) return true;  // leadership moved: answer with the error now
        if (partition->HasDataAfter(Offset(p.fetch_offset), from_follower, isolation)) return true;
      }
    }
    return false;
  }

  Broker* broker_;
  const FetchSessionContext session_;
  const FetchPlan plan_;
  // Checked when the fetch began, for every topic it may read: a re-plan may bring partitions of any.
  const std::set<std::string> unauthorized_;
  int16_t version_;
  const std::string listener_;
  FetchHandler::Done done_;
  const std::optional<QuotaClient> client_;
};

// A follower's fetch offset is its log end offset: the leader learns its progress from it (HW, ISR). A session's
// incremental plan holds the partitions whose progress is due (the others are replayed from the session's clock,
// see Partition::OnFollowerFetch).
void RecordFollowerProgress(Broker& broker, const FetchSessionContext& session, const FetchPlan& plan) {
  const int64_t now = MonotonicMs();
  const FetchRequest& request = *plan.request;
  size_t index = 0;
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      const auto& partition = plan.partitions[index++];
      if (!partition) continue;
      bool hw_moved = false;
      auto change = partition->OnFollowerFetch(request.replica_id, Offset(p.fetch_offset), now, &hw_moved,
                                               session.clock, session.previous_fetch_ms);
      if (change) broker.ProposeIsrChange(*change);
      if (hw_moved) broker.replicas().OnPartitionChanged({topic.topic, PartitionId(p.partition)});
    }
  }
}

}  // namespace

void FetchHandler::Process(const RequestContext& ctx, const FetchRequest& by_name_or_id, Done done) {
  const int16_t version = ctx.version();
  Broker& broker = *ctx.broker;
  std::vector<FetchRequest::Topic> unknown;
  std::optional<FetchRequest> resolved;
  if (version >= 13) resolved = ResolveTopicIds(*broker.metadata(), by_name_or_id, &unknown);
  // KIP-903: from v15 a follower names itself in the tagged replica_state (replica_id left the wire). Its
  // replica_epoch (broker epoch) is not checked: in ZooKeeper mode Kafka's Partition.isReplicaIsrEligible only
  // asks that the follower be a live broker, which our ISR expansion already does.
  if (version >= 15) resolved->replica_id = resolved->replica_state.replica_id;
  const FetchRequest& request = resolved ? *resolved : by_name_or_id;
  const bool from_follower = request.replica_id >= 0;
  // KIP-124: a follower's fetch is inter-broker traffic, exempt from request quotas (Kafka's
  // sendResponseExemptThrottle for isFromFollower).
  if (from_follower && ctx.request_quota) ctx.request_quota->Exempt();
  std::optional<QuotaClient> client;
  if (!from_follower && broker.client_quotas().active()) {
    client = QuotaClient{ClientQuotaManager::UserOf(ctx.conn.principal), ctx.header.client_id.value_or("")};
  }
  FetchSessionContext session = broker.fetch_sessions().Begin(request, version, from_follower, MonotonicMs());
  if (session.error != ErrorCode::kNone) {
    FetchResponse response;
    response.error_code = Wire(session.error);
    response.session_id = 0;
    return done(std::move(response));
  }
  // A full fetch reads its partitions; an incremental one those of its session that may have news.
  FetchPlan plan =
      broker.fetch_sessions().Plan(session, LookupIn(broker), MonotonicMs(), /*for_progress=*/from_follower);
  const FetchRequest& planned = *plan.request;
  std::set<std::string> unauthorized;
  const bool follower_authorized = !from_follower || AuthorizedCluster(ctx, AclOperation::kClusterAction);
  for (const auto& topic : broker.fetch_sessions().Topics(session)) {
    if (!follower_authorized || (!from_follower && !AuthorizedTopic(ctx, AclOperation::kRead, topic))) {
      unauthorized.insert(topic);
    }
  }
  if (from_follower && follower_authorized) RecordFollowerProgress(broker, session, plan);
  FetchResult result = ReadAll(broker, plan, version, unauthorized.empty() ? nullptr : &unauthorized);
  if (planned.max_wait_ms <= 0 || result.bytes >= planned.min_bytes || result.any_error ||
      (!session.incremental && planned.topics.empty()) || !unknown.empty()) {
    return Answer(broker, session, plan, std::move(result), done, client, version, ctx.conn.listener_name, unknown);
  }
  const int64_t deadline = MonotonicMs() + planned.max_wait_ms;
  Purgatory& purgatory = broker.replicas().fetch_purgatory();
  if (session.incremental) {
    auto op = std::make_shared<DelayedFetch>(&broker, session, std::move(plan), std::move(unauthorized), version,
                                             ctx.conn.listener_name, std::move(done), deadline, std::move(client));
    return broker.fetch_sessions().Park(session, op, purgatory);
  }
  std::vector<TopicPartition> keys;
  for (const auto& topic : planned.topics) {
    for (const auto& p : topic.partitions) {
      keys.push_back({topic.topic, PartitionId(p.partition)});
      if (spdlog::should_log(spdlog::level::trace)) {
        spdlog::trace("fetch parked: {}-{} at {} (max wait {} ms)", topic.topic, p.partition, p.fetch_offset,
                      planned.max_wait_ms);
      }
    }
  }
  auto op = std::make_shared<DelayedFetch>(&broker, std::move(session), std::move(plan), std::move(unauthorized),
                                           version, ctx.conn.listener_name, std::move(done), deadline,
                                           std::move(client));
  purgatory.Watch(op, keys);
}

}  // namespace partita::broker
