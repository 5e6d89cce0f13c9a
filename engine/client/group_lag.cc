// ClusterClient::GroupLag: the rows of kafka-consumer-groups --describe and the desktop app's lag plot.
// Committed offsets come from the coordinator, the owners from DescribeGroups, log start/end from ListOffsets
// at the leaders; the time lag reads the one record at each lagging committed offset (a small fetch per leader,
// a bigger single-partition fetch only where the first batch did not fit).
#include <algorithm>

#include "engine/client/cluster_client.h"
#include "engine/client/fetch_decode.h"
#include "engine/common/clock.h"
#include "engine/protocol/messages/fetch.h"

namespace partita::client {

namespace {

// Bytes asked per partition by the time-lag probe: enough for the first batch of typical small records.
constexpr int32_t kProbeBytesPerPartition = 16 << 10;
// Cap of one probe answer; a leader with many lagging partitions is probed in several requests.
constexpr size_t kProbePartitionsPerRequest = 1000;
// The fallback fetch for a partition whose first batch is larger than the probe.
constexpr int32_t kProbeFallbackBytes = 1 << 20;

}  // namespace

std::map<TopicPartition, int64_t> ClusterClient::NextRecordTimestamps(
    const std::map<TopicPartition, int64_t>& positions) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::map<TopicPartition, int64_t> out;
  std::map<int32_t, std::vector<std::pair<TopicPartition, int64_t>>> by_leader;
  for (const auto& [tp, offset] : positions) {
    auto leader = LeaderOf(tp);
    if (leader.ok()) by_leader[*leader].push_back({tp, offset});
  }
  std::vector<std::pair<TopicPartition, int64_t>> fallback;
  for (const auto& [leader, items] : by_leader) {
    for (size_t begin = 0; begin < items.size(); begin += kProbePartitionsPerRequest) {
      const size_t end = std::min(items.size(), begin + kProbePartitionsPerRequest);
      protocol::FetchRequest req;
      req.replica_id = -1;
      req.max_wait_ms = 0;
      req.min_bytes = 0;
      req.max_bytes = static_cast<int32_t>((end - begin) * kProbeBytesPerPartition);
      std::map<std::string, size_t> topic_index;
      for (size_t i = begin; i < end; ++i) {
        const auto& [tp, offset] = items[i];
        auto [it, inserted] = topic_index.emplace(tp.topic, req.topics.size());
        if (inserted) req.topics.push_back({tp.topic, {}, {}});
        protocol::FetchRequest::Partition fp;
        fp.partition = tp.partition.value;
        fp.fetch_offset = offset;
        fp.partition_max_bytes = kProbeBytesPerPartition;
        req.topics[it->second].partitions.push_back(fp);
      }
      auto conn = ConnectionTo(leader);
      if (!conn.ok()) continue;  // time lag stays unknown; the message lag is still shown
      std::vector<uint8_t> frame;
      auto version = (*conn)->PickVersionFor(protocol::ApiKey::kFetch, protocol::FetchRequest::kMinVersion,
                                             kLastFetchVersionByName);
      if (!version.ok()) continue;
      auto resp = (*conn)->Send<protocol::FetchRequest, protocol::FetchResponse>(req, *version, nullptr, &frame);
      if (!resp.ok() || resp->error_code != 0) continue;
      for (const auto& t : resp->responses) {
        for (const auto& p : t.partitions) {
          TopicPartition tp{t.topic, PartitionId(p.partition_index)};
          auto pos = positions.find(tp);
          if (pos == positions.end() || p.error_code != 0) continue;
          FetchResult fr;
          Status st = DecodeFetchedRecords(p.records.view, pos->second, "time-lag probe " + tp.DirName(), &fr);
          if (st.ok() && !fr.records.empty()) {
            out[tp] = fr.records[0].timestamp;
          } else if (st.ok() && fr.next_offset == pos->second && !p.records.view.empty()) {
            fallback.push_back({tp, pos->second});  // only a partial batch came back
          }
        }
      }
    }
  }
  for (const auto& [tp, offset] : fallback) {
    auto fr = FetchRecords(tp, offset, kProbeFallbackBytes);
    if (fr.ok() && !fr->records.empty()) out[tp] = fr->records[0].timestamp;
  }
  return out;
}

Result<std::vector<PartitionLag>> ClusterClient::GroupLag(const std::string& group, bool with_time_lag) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto desc = DescribeGroup(group);
  if (!desc.ok()) return desc.status();
  auto committed = FetchCommittedOffsets(group);
  if (!committed.ok()) return committed.status();
  std::map<TopicPartition, PartitionLag> rows;
  for (const auto& m : desc->members) {
    for (const auto& tp : m.assignment) {
      PartitionLag& row = rows[tp];
      row.tp = tp;
      row.member_id = m.member_id;
      row.client_id = m.client_id;
      row.host = m.host;
    }
  }
  for (const auto& [tp, offset] : *committed) {
    PartitionLag& row = rows[tp];
    row.tp = tp;
    row.committed = offset;
  }
  if (rows.empty()) return std::vector<PartitionLag>{};
  std::vector<TopicPartition> tps;
  for (const auto& [tp, row] : rows) tps.push_back(tp);
  // Per-partition failures (a deleted topic, a leaderless partition) leave that row's offsets unknown ('-').
  auto earliest = ListOffsets(tps, kEarliestTimestamp);
  if (!earliest.ok()) return earliest.status();
  auto latest = ListOffsets(tps, kLatestTimestamp);
  if (!latest.ok()) return latest.status();
  for (const auto& po : *earliest) {
    if (po.status.ok()) rows[po.tp].log_start = po.offset;
  }
  for (const auto& po : *latest) {
    if (po.status.ok()) rows[po.tp].log_end = po.offset;
  }
  std::map<TopicPartition, int64_t> probe;
  for (auto& [tp, row] : rows) {
    row.lag = MessageLag(row.committed, row.log_end);
    if (with_time_lag && row.committed >= 0 && row.log_end >= 0 && row.committed < row.log_end) {
      // Below the log start the next record a consumer sees is the first one kept.
      probe[tp] = std::max(row.committed, row.log_start);
    }
  }
  std::map<TopicPartition, int64_t> timestamps;
  if (!probe.empty()) timestamps = NextRecordTimestamps(probe);
  const int64_t now = WallClockMs();
  std::vector<PartitionLag> out;
  for (auto& [tp, row] : rows) {
    if (with_time_lag) {
      auto ts = timestamps.find(tp);
      row.time_lag_ms = TimeLagMs(row.committed, row.log_end,
                                  ts == timestamps.end() ? std::nullopt : std::optional<int64_t>(ts->second), now);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace partita::client
