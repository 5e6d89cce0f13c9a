#include "engine/broker/handlers/fetch_handler.h"

#include <unistd.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/common/clock.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/replication/replication_quota.h"

namespace partita::broker {

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

FetchResult ReadAll(Broker& broker, const FetchRequest& request, int16_t version) {
  FetchResult result;
  const bool from_follower = request.replica_id >= 0;
  const IsolationLevel isolation = IsolationOf(request, version);
  int64_t budget = version >= 3 ? std::max<int32_t>(request.max_bytes, 0) : INT32_MAX;
  // Kafka's ReplicaManager caps a consumer's fetch at fetch.max.bytes (KIP-74); followers are bounded by
  // their own request (replica.fetch.response.max.bytes on their side).
  if (!from_follower) budget = std::min<int64_t>(budget, broker.config().fetch_max_bytes());
  bool first_data = true;
  result.response.responses.reserve(request.topics.size());
  result.topic_bytes.assign(request.topics.size(), 0);
  for (size_t t = 0; t < request.topics.size(); ++t) {
    const auto& topic = request.topics[t];
    auto& topic_out = result.response.responses.emplace_back();
    topic_out.topic = topic.topic;
    topic_out.partitions.reserve(topic.partitions.size());
    for (const auto& p : topic.partitions) {
      auto& out = topic_out.partitions.emplace_back();
      out.partition_index = p.partition;
      out.high_watermark = -1;
      out.last_stable_offset = -1;
      out.log_start_offset = -1;
      // Kafka sends the aborted transactions only to read_committed fetches; the field is null otherwise.
      if (isolation == IsolationLevel::kReadCommitted) out.aborted_transactions.emplace();
      TopicPartition tp{topic.topic, PartitionId(p.partition)};
      ErrorCode error = ErrorCode::kNone;
      auto partition = broker.LeaderPartition(tp, &error);
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

// Who a consumer fetch is charged to (consumer_byte_rate); followers have none (replication quotas instead).
struct QuotaClient {
  std::string user;
  std::string client_id;
};

// Sends an answer read for `session.effective`: quotas and byte metrics first, then the session keeps what the
// answer tells and, for an incremental fetch, leaves out the partitions with nothing new.
void Answer(Broker& broker, const FetchSessionContext& session, FetchResult result, const FetchHandler::Done& done,
            const std::optional<QuotaClient>& client) {
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
  RecordBytesOut(broker, *session.effective, result);
  broker.fetch_sessions().Complete(session, &result.response);
  done(std::move(result.response));
}

// A fetch waiting for min_bytes: re-read when a watched partition changes, answered at the deadline anyway.
class DelayedFetch : public DelayedOperation {
 public:
  DelayedFetch(Broker* broker, FetchSessionContext session, int16_t version, FetchHandler::Done done,
               int64_t deadline_ms, std::optional<QuotaClient> client)
      : DelayedOperation(deadline_ms),
        broker_(broker),
        session_(std::move(session)),
        version_(version),
        done_(std::move(done)),
        client_(std::move(client)) {}

 protected:
  bool CanComplete() override {
    const FetchRequest& request = *session_.effective;
    const bool from_follower = request.replica_id >= 0;
    int64_t available_partitions = 0;
    for (const auto& topic : request.topics) {
      for (const auto& p : topic.partitions) {
        TopicPartition tp{topic.topic, PartitionId(p.partition)};
        auto partition = broker_->replicas().Get(tp);
        if (!partition || !partition->IsLeader()) return true;  // leadership moved: answer with the error now
        if (partition->HasDataAfter(Offset(p.fetch_offset), from_follower, IsolationOf(request, version_)))
          ++available_partitions;
      }
    }
    if (available_partitions == 0) return false;
    // Some data is there: count its bytes precisely (reads hand out file regions only, no data is copied).
    return ReadAll(*broker_, request, version_).bytes >= request.min_bytes;
  }

  void OnComplete(bool) override {
    Answer(*broker_, session_, ReadAll(*broker_, *session_.effective, version_), done_, client_);
  }

 private:
  Broker* broker_;
  const FetchSessionContext session_;
  int16_t version_;
  FetchHandler::Done done_;
  const std::optional<QuotaClient> client_;
};

// A follower's fetch offset is its log end offset: the leader learns its progress from it (HW, ISR).
void RecordFollowerProgress(Broker& broker, const FetchRequest& request) {
  const int64_t now = MonotonicMs();
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      TopicPartition tp{topic.topic, PartitionId(p.partition)};
      auto partition = broker.replicas().Get(tp);
      if (!partition) continue;
      bool hw_moved = false;
      auto change = partition->OnFollowerFetch(request.replica_id, Offset(p.fetch_offset), now, &hw_moved);
      if (change) broker.ProposeIsrChange(*change);
      if (hw_moved) broker.replicas().OnPartitionChanged(tp);
    }
  }
}

}  // namespace

void FetchHandler::Process(const RequestContext& ctx, const FetchRequest& request, Done done) {
  const int16_t version = ctx.version();
  Broker& broker = *ctx.broker;
  const bool from_follower = request.replica_id >= 0;
  std::optional<QuotaClient> client;
  if (!from_follower && broker.client_quotas().active()) client = QuotaClient{ClientQuotaManager::UserOf(ctx.conn.principal), ctx.header.client_id.value_or("")};
  FetchSessionContext session = broker.fetch_sessions().Begin(request, version, from_follower, MonotonicMs());
  if (session.error != ErrorCode::kNone) {
    FetchResponse response;
    response.error_code = Wire(session.error);
    response.session_id = 0;
    return done(std::move(response));
  }
  // An incremental fetch reads every partition of its session, at the positions the session holds.
  const FetchRequest& effective = *session.effective;
  if (from_follower) RecordFollowerProgress(broker, effective);
  FetchResult result = ReadAll(broker, effective, version);
  if (effective.max_wait_ms <= 0 || result.bytes >= effective.min_bytes || result.any_error ||
      effective.topics.empty()) {
    return Answer(broker, session, std::move(result), done, client);
  }
  std::vector<TopicPartition> keys;
  for (const auto& topic : effective.topics) {
    for (const auto& p : topic.partitions) {
      keys.push_back({topic.topic, PartitionId(p.partition)});
      if (spdlog::should_log(spdlog::level::trace)) {
        spdlog::trace("fetch parked: {}-{} at {} (max wait {} ms)", topic.topic, p.partition, p.fetch_offset,
                      effective.max_wait_ms);
      }
    }
  }
  const int64_t deadline = MonotonicMs() + effective.max_wait_ms;
  auto op = std::make_shared<DelayedFetch>(&broker, std::move(session), version, std::move(done), deadline,
                                           std::move(client));
  broker.replicas().fetch_purgatory().Watch(op, keys);
}

}  // namespace partita::broker
