// ClusterClient record paths, all routed to partition leaders: ListOffsets, a browsing Fetch, and Produce.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/client/cluster_client.h"
#include "engine/client/retry_backoff.h"
#include "engine/client/fetch_decode.h"
#include "engine/common/clock.h"
#include "engine/protocol/batch_builder.h"
#include "engine/protocol/control_record.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/record_batch.h"

namespace partita::client {

using protocol::ErrorCode;

bool IsRetriableLeaderError(int16_t code) {
  switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kLeaderNotAvailable:
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kUnknownLeaderEpoch:
      return true;
    default:
      return false;
  }
}

namespace {

std::string Str(std::span<const uint8_t> s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); }

// A ListOffsets answer's entries by partition: looking each asked partition up in the answer by scanning it was
// quadratic (a 10,000-partition topic cost the desktop poller seconds of CPU per refresh, issue 11).
using ListOffsetsAnswers = std::unordered_map<TopicPartition, const protocol::ListOffsetsResponse::Partition*>;
ListOffsetsAnswers IndexAnswers(const protocol::ListOffsetsResponse& resp) {
  ListOffsetsAnswers out;
  for (const auto& t : resp.topics) {
    for (const auto& p : t.partitions) out.emplace(TopicPartition{t.name, PartitionId(p.partition_index)}, &p);
  }
  return out;
}

}  // namespace

Status DecodeFetchedRecords(std::span<const uint8_t> data, int64_t offset, const std::string& context,
                            FetchResult* result, const DecodeOptions& options) {
  result->next_offset = offset;
  const bool read_committed = options.isolation == IsolationLevel::kReadCommitted;
  std::vector<AbortedTxn> aborted = options.aborted;
  std::sort(aborted.begin(), aborted.end(), [](const AbortedTxn& a, const AbortedTxn& b) {
    return a.first_offset < b.first_offset;
  });
  size_t next_aborted = 0;
  std::set<int64_t> aborted_producers;  // producers inside an aborted transaction at the current batch
  const size_t first_new = result->records.size();
  std::vector<uint8_t> scratch;
  size_t pos = 0;
  // A fetch answer may end with a partial batch (cut at max_bytes): stop at the first incomplete one.
  while (data.size() - pos >= protocol::kBatchHeaderSize) {
    protocol::BatchHeader h = protocol::ReadBatchHeader(data.data() + pos);
    if (h.batch_length < protocol::kMinBatchLength || h.total_size() > data.size() - pos) break;
    auto batch = data.subspan(pos, h.total_size());
    pos += h.total_size();
    if (h.magic != protocol::kMagicV2) {
      return Status::Unsupported(context + ": batch at offset " + std::to_string(h.base_offset) + " has magic " +
                                 std::to_string(h.magic) + " (only v2 record batches are decoded)");
    }
    if (protocol::ComputeBatchCrc(batch) != h.crc) {
      return Status::Corruption(context + ": batch at offset " + std::to_string(h.base_offset) +
                                " fails its CRC check");
    }
    result->next_offset = std::max(result->next_offset, h.last_offset() + 1);
    ConsumedRecord::Control control = ConsumedRecord::Control::kNone;
    if (h.control()) {
      auto marker = protocol::ReadEndTxnMarker(batch);
      // Kafka's consumer skips a control batch it cannot read (an unknown marker type) rather than failing.
      if (marker.ok()) control = marker->commit() ? ConsumedRecord::Control::kCommit : ConsumedRecord::Control::kAbort;
    }
    if (read_committed && h.producer_id >= 0) {
      while (next_aborted < aborted.size() && aborted[next_aborted].first_offset <= h.last_offset()) {
        aborted_producers.insert(aborted[next_aborted++].producer_id);
      }
      if (control == ConsumedRecord::Control::kAbort) {
        aborted_producers.erase(h.producer_id);
      } else if (h.transactional() && !h.control() && aborted_producers.count(h.producer_id)) {
        continue;  // a batch of an aborted transaction: never delivered to a read_committed consumer
      }
    }
    if (h.control() && (!options.include_control || read_committed || control == ConsumedRecord::Control::kNone)) {
      continue;  // transaction markers are not user records
    }
    Status st = protocol::ForEachRecord(batch, &scratch, [&](const protocol::Record& r) {
      if (r.offset < offset) return true;
      ConsumedRecord c;
      c.offset = r.offset;
      c.timestamp = r.timestamp;
      c.log_append_time = h.log_append_time();
      if (r.key) c.key = Str(*r.key);
      if (r.value) c.value = Str(*r.value);
      for (const auto& hd : r.headers) {
        c.headers.push_back({Str(hd.key), hd.value ? std::optional<std::string>(Str(*hd.value)) : std::nullopt});
      }
      c.partition_leader_epoch = h.partition_leader_epoch;
      c.compression = h.compression();
      c.producer_id = h.producer_id;
      c.producer_epoch = h.producer_epoch;
      c.transactional = h.transactional();
      c.control = control;
      if (c.transactional && control == ConsumedRecord::Control::kNone && read_committed) {
        c.outcome = ConsumedRecord::Outcome::kCommitted;  // below the LSO and not aborted
      }
      result->records.push_back(std::move(c));
      return true;
    });
    if (!st.ok()) {
      return Status::Corruption(context + ": batch at offset " + std::to_string(h.base_offset) + ": " + st.message());
    }
  }
  // read_uncommitted: a transactional record's outcome is its producer's next marker, when this answer holds it.
  std::map<int64_t, ConsumedRecord::Control> next_marker;
  for (size_t i = result->records.size(); i > first_new; --i) {
    ConsumedRecord& c = result->records[i - 1];
    if (c.control != ConsumedRecord::Control::kNone) {
      next_marker[c.producer_id] = c.control;
    } else if (c.transactional && c.outcome == ConsumedRecord::Outcome::kUnknown) {
      auto m = next_marker.find(c.producer_id);
      if (m != next_marker.end()) {
        c.outcome = m->second == ConsumedRecord::Control::kCommit ? ConsumedRecord::Outcome::kCommitted
                                                                  : ConsumedRecord::Outcome::kAborted;
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<PartitionOffset>> ClusterClient::ReplicaLogEndOffsets(int32_t broker_id,
                                                                         const std::vector<TopicPartition>& partitions) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  protocol::ListOffsetsRequest req;
  req.replica_id = -2;  // Kafka's ListOffsetsRequest.DEBUGGING_REPLICA_ID
  std::map<std::string, size_t> topic_index;
  for (const auto& tp : partitions) {
    auto [it, inserted] = topic_index.emplace(tp.topic, req.topics.size());
    if (inserted) req.topics.push_back({tp.topic, {}});
    protocol::ListOffsetsRequest::Partition p;
    p.partition_index = tp.partition.value;
    p.timestamp = kLatestTimestamp;
    req.topics[it->second].partitions.push_back(p);
  }
  const std::string where = DescribeBroker(broker_id);
  auto conn = ConnectionTo(broker_id);
  if (!conn.ok()) return conn.status();
  auto resp = (*conn)->Send<protocol::ListOffsetsRequest, protocol::ListOffsetsResponse>(req);
  if (!resp.ok()) return resp.status();
  std::vector<PartitionOffset> out(partitions.size());
  const ListOffsetsAnswers answers = IndexAnswers(*resp);
  for (size_t i = 0; i < partitions.size(); ++i) {
    out[i].tp = partitions[i];
    auto found = answers.find(partitions[i]);
    if (found == answers.end()) {
      out[i].status = Status::Corruption("ListOffsets answer from " + where + " has no entry for " + partitions[i].DirName());
      continue;
    }
    const auto& p = *found->second;
    out[i].status = KafkaError(p.error_code, "ListOffsets " + partitions[i].DirName() + " on " + where);
    out[i].offset = p.offset;
    out[i].leader_epoch = p.leader_epoch;
  }
  return out;
}

Result<std::vector<PartitionOffset>> ClusterClient::ListOffsets(const std::vector<TopicPartition>& partitions,
                                                                int64_t timestamp, IsolationLevel isolation) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::vector<PartitionOffset> out(partitions.size());
  std::vector<size_t> pending;
  for (size_t i = 0; i < partitions.size(); ++i) {
    out[i].tp = partitions[i];
    pending.push_back(i);
  }
  for (int attempt = 0; attempt < 2 && !pending.empty(); ++attempt) {
    if (attempt == 1) (void)RefreshMetadataLocked();
    std::map<int32_t, std::vector<size_t>> by_leader;
    for (size_t i : pending) {
      auto leader = LeaderOf(partitions[i]);
      if (!leader.ok()) {
        out[i].status = leader.status();
        continue;
      }
      by_leader[*leader].push_back(i);
    }
    std::vector<size_t> retry;
    for (const auto& [leader, items] : by_leader) {
      protocol::ListOffsetsRequest req;
      req.isolation_level = static_cast<int8_t>(isolation);
      std::map<std::string, size_t> topic_index;
      for (size_t i : items) {
        auto [it, inserted] = topic_index.emplace(partitions[i].topic, req.topics.size());
        if (inserted) req.topics.push_back({partitions[i].topic, {}});
        protocol::ListOffsetsRequest::Partition p;
        p.partition_index = partitions[i].partition.value;
        p.timestamp = timestamp;
        req.topics[it->second].partitions.push_back(p);
      }
      const std::string where = DescribeBroker(leader);
      auto conn = ConnectionTo(leader);
      Result<protocol::ListOffsetsResponse> resp = conn.ok() ? (*conn)->Send<protocol::ListOffsetsRequest,
                                                                             protocol::ListOffsetsResponse>(req)
                                                             : Result<protocol::ListOffsetsResponse>(conn.status());
      if (!resp.ok()) {
        for (size_t i : items) {
          out[i].status = Status::Unavailable("ListOffsets " + partitions[i].DirName() + " on " + where + ": " +
                                              resp.status().message());
          retry.push_back(i);
        }
        continue;
      }
      const ListOffsetsAnswers answers = IndexAnswers(*resp);
      for (size_t i : items) {
        auto found = answers.find(partitions[i]);
        if (found == answers.end()) {
          out[i].status = Status::Corruption("ListOffsets answer from " + where + " has no entry for " +
                                             partitions[i].DirName());
          continue;
        }
        const auto& p = *found->second;
        out[i].status = KafkaError(p.error_code, "ListOffsets " + partitions[i].DirName() + " on " + where);
        out[i].offset = !p.old_style_offsets.empty() ? p.old_style_offsets[0] : p.offset;
        out[i].timestamp = p.timestamp;
        out[i].leader_epoch = p.leader_epoch;
        if (IsRetriableLeaderError(p.error_code)) retry.push_back(i);
      }
    }
    pending = std::move(retry);
  }
  return out;
}

Result<std::vector<PartitionOffset>> ClusterClient::ListTopicOffsets(const std::string& topic, int64_t timestamp) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto topics = DescribeTopics({topic});
  if (!topics.ok()) return topics.status();
  std::vector<TopicPartition> tps;
  for (const auto& p : (*topics)[0].partitions) tps.push_back({topic, PartitionId(p.partition)});
  return ListOffsets(tps, timestamp);
}

Result<FetchResult> ClusterClient::FetchRecords(const TopicPartition& tp, int64_t offset, int32_t max_bytes,
                                                int32_t max_wait_ms) {
  FetchOptions options;
  options.max_bytes = max_bytes;
  options.max_wait_ms = max_wait_ms;
  return FetchRecords(tp, offset, options);
}

Result<FetchResult> ClusterClient::FetchRecords(const TopicPartition& tp, int64_t offset, const FetchOptions& options) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  protocol::FetchRequest req;
  req.replica_id = -1;
  req.max_wait_ms = std::max(0, options.max_wait_ms);
  req.min_bytes = options.max_wait_ms > 0 ? 1 : 0;
  req.max_bytes = options.max_bytes;
  req.isolation_level = static_cast<int8_t>(options.isolation);
  protocol::FetchRequest::Partition fp;
  fp.partition = tp.partition.value;
  fp.fetch_offset = offset;
  fp.partition_max_bytes = options.max_bytes;
  req.topics.push_back({tp.topic, {}, {fp}});
  for (int attempt = 0;; ++attempt) {
    if (attempt == 1) (void)RefreshMetadataLocked();
    auto leader = LeaderOf(tp);
    if (!leader.ok()) return leader.status();
    const std::string where = DescribeBroker(*leader);
    auto conn = ConnectionTo(*leader);
    if (!conn.ok()) return conn.status();
    std::vector<uint8_t> frame;  // the decoded records view it
    auto version = (*conn)->PickVersionFor(protocol::ApiKey::kFetch, protocol::FetchRequest::kMinVersion,
                                           kLastFetchVersionByName);
    if (!version.ok()) return version.status();
    auto resp = (*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(
        req, *version, nullptr, &frame, (*conn)->options().request_timeout_ms + req.max_wait_ms);
    if (!resp.ok()) return Status::Unavailable("Fetch " + tp.DirName() + " on " + where + ": " + resp.status().message());
    PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "Fetch " + tp.DirName() + " on " + where));
    const protocol::FetchResponse::Partition* part = nullptr;
    for (const auto& t : resp->responses) {
      if (t.topic != tp.topic) continue;
      for (const auto& p : t.partitions) {
        if (p.partition_index == tp.partition.value) part = &p;
      }
    }
    if (part == nullptr) return Status::Corruption("Fetch answer from " + where + " has no entry for " + tp.DirName());
    if (attempt == 0 && IsRetriableLeaderError(part->error_code)) continue;
    PARTITA_RETURN_IF_ERROR(KafkaError(part->error_code, "Fetch " + tp.DirName() + " at offset " +
                                                             std::to_string(offset) + " on " + where));
    FetchResult result;
    result.high_watermark = part->high_watermark;
    result.log_start_offset = part->log_start_offset;
    result.last_stable_offset = part->last_stable_offset;
    DecodeOptions decode;
    decode.isolation = options.isolation;
    decode.include_control = options.include_control;
    if (part->aborted_transactions) {
      for (const auto& a : *part->aborted_transactions) decode.aborted.push_back({a.producer_id, a.first_offset});
    }
    PARTITA_RETURN_IF_ERROR(DecodeFetchedRecords(part->records.view, offset, "Fetch " + tp.DirName() + " on " + where,
                                                 &result, decode));
    return result;
  }
}

Result<ProduceResult> ClusterClient::Produce(const TopicPartition& tp, const std::vector<ProduceRecord>& records,
                                             int16_t acks, protocol::Compression compression,
                                             const ProducerBatchIdentity& identity, int16_t* kafka_error) {
  if (kafka_error) *kafka_error = 0;
  if (acks != 0 && acks != 1 && acks != -1) {
    return Status::InvalidArgument("acks must be 0, 1 or -1 (all), not " + std::to_string(acks));
  }
  if (records.empty()) return Status::InvalidArgument("nothing to produce");
  protocol::BatchBuilder::Options bo;
  bo.compression = compression;
  bo.producer_id = identity.producer_id;
  bo.producer_epoch = identity.producer_epoch;
  bo.base_sequence = identity.base_sequence;
  bo.transactional = identity.transactional;
  protocol::BatchBuilder builder(bo);
  const int64_t now = WallClockMs();
  auto bytes = [](const std::optional<std::string>& s) -> std::optional<std::span<const uint8_t>> {
    if (!s) return std::nullopt;
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s->data()), s->size());
  };
  for (const auto& r : records) {
    std::vector<protocol::Header> headers;
    // The key is a plain string: span it directly (bytes() takes an optional, which would be a temporary).
    for (const auto& h : r.headers) {
      headers.push_back({std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(h.key.data()), h.key.size()),
                         bytes(h.value)});
    }
    builder.Append(r.timestamp >= 0 ? r.timestamp : now, bytes(r.key), bytes(r.value), headers);
  }
  auto batch = builder.Build();
  if (!batch.ok()) return batch.status();
  protocol::ProduceRequest req;
  req.transactional_id = identity.transactional_id;
  req.acks = acks;
  req.timeout_ms = options_.connection.request_timeout_ms;
  protocol::ProduceRequest::Partition pp;
  pp.index = tp.partition.value;
  pp.records.SetOwned(std::move(*batch));
  req.topics.push_back({tp.topic, {}});
  req.topics[0].partitions.push_back(std::move(pp));

  std::lock_guard<std::recursive_mutex> lock(mu_);
  RetryBackoff backoff(options_.leader_retry_ms);
  // Whether a retriable leader error may be retried once more (pausing and refreshing the metadata first).
  const auto retry_after_pause = [&](int attempt) {
    if (attempt == 0) return true;  // the first retry follows a refresh at once: the leader most likely moved
    if (backoff.Exhausted()) return false;
    backoff.Pause();
    return true;
  };
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) (void)RefreshMetadataLocked();
    auto leader = LeaderOf(tp);
    if (!leader.ok()) {
      // A partition without a leader yet (LEADER_NOT_AVAILABLE: an election in progress) is as retriable as a
      // moved one; a topic the metadata does not know fails at once (NotFound).
      if (leader.status().code() == Status::Code::kUnavailable && retry_after_pause(attempt)) continue;
      return leader.status();
    }
    const std::string where = DescribeBroker(*leader);
    auto conn = ConnectionTo(*leader);
    if (!conn.ok()) return conn.status();
    auto version = (*conn)->PickVersion<protocol::ProduceRequest>();
    if (!version.ok()) return version.status();
    if (*version < 3) {
      return Status::Unsupported("Produce to " + where + ": the broker accepts only Produce v" +
                                 std::to_string(*version) + ", and v2 record batches need v3+");
    }
    if (acks == 0) {
      PARTITA_RETURN_IF_ERROR((*conn)->SendOneWay(req, *version));
      return ProduceResult{};
    }
    auto resp = (*conn)->Send<protocol::ProduceRequest, protocol::ProduceResponse>(req, *version);
    if (!resp.ok()) return Status::Unavailable("Produce " + tp.DirName() + " on " + where + ": " + resp.status().message());
    for (const auto& t : resp->responses) {
      for (const auto& p : t.partitions) {
        if (t.name != tp.topic || p.index != tp.partition.value) continue;
        if (IsRetriableLeaderError(p.error_code) && retry_after_pause(attempt)) break;
        if (kafka_error) *kafka_error = p.error_code;
        PARTITA_RETURN_IF_ERROR(KafkaError(p.error_code, "Produce " + tp.DirName() + " on " + where, p.error_message));
        return ProduceResult{p.base_offset, p.log_append_time_ms, p.log_start_offset};
      }
    }
    if (attempt == 0) continue;
    return Status::Corruption("Produce answer from " + where + " has no entry for " + tp.DirName());
  }
}

}  // namespace partita::client
