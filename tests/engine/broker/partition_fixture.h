// Test helper: real Partitions (real logs in a temporary directory, a manual clock) and the replication steps
// between them done by hand — a follower's fetch round, the leader's OffsetForLeaderEpoch answer — so the
// replication rules are exercised step by step without processes or sockets.
// Thread safety: none (single-threaded tests).
#pragma once

#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/common/clock.h"
#include "engine/protocol/record_batch.h"
#include "tests/engine/replication/truncation_driver.h"
#include "tests/engine/storage/batch_fixture.h"

namespace partita::broker::testing {

class Replicas {
 public:
  explicit Replicas(int32_t min_insync = 1) { settings_.min_insync_replicas = min_insync; }

  // A replica on broker `id` (its log under its own directory; reopening the same id reuses the files).
  // clean_shutdown = false opens it as after a kill -9 with recovery point 0; log_start_offset is the
  // checkpointed log start (DeleteRecords).
  std::shared_ptr<Partition> Open(int32_t id, bool clean_shutdown = true, int64_t log_start_offset = 0) {
    storage::LogConfig cfg;
    cfg.max_index_bytes = 64 * 1024;
    const std::string dir = tmp_.path().toStdString() + "/broker-" + std::to_string(id) + "/t-0";
    auto log = storage::Log::Open(dir, cfg, storage::RecoveryHints{clean_shutdown, 0, log_start_offset});
    if (!log.ok()) qFatal("open log: %s", log.status().ToString().c_str());
    return std::make_shared<Partition>(TopicPartition{"t", PartitionId(0)}, BrokerId(id),
                                       std::shared_ptr<storage::Log>(std::move(log).value()), settings_, clock);
  }

  ManualClock clock;

 private:
  QTemporaryDir tmp_;
  TopicSettings settings_;
};

// Produces one batch with one record per value; the error code of the append.
inline protocol::ErrorCode Produce(Partition& leader, const std::vector<std::string>& values, int16_t acks = -1) {
  std::vector<storage::testing::TestRecord> records;
  for (const auto& v : values) records.push_back({1000, "k", v});
  return leader.AppendAsLeader(storage::testing::BuildBatch(records), acks).error;
}

inline std::vector<std::string> Values(const std::string& tag, int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(tag + "-" + std::to_string(i));
  return out;
}

// The bytes of the log from `from` to its end.
inline std::vector<uint8_t> LogBytes(const storage::Log& log, int64_t from = 0) {
  std::vector<uint8_t> out;
  while (from < log.LogEndOffset().value) {
    auto read = log.Read(Offset(from), 1 << 20, log.LogEndOffset(), true);
    if (!read.ok() || read->regions.empty()) break;
    int64_t next = from;
    for (const auto& region : read->regions) {
      auto bytes = storage::testing::PreadAll(region.file->fd(), region.position, region.length);
      for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= bytes.size();) {
        const auto h = protocol::ReadBatchHeader(bytes.data() + pos);
        next = h.base_offset + h.last_offset_delta + 1;
        pos += h.total_size();
      }
      out.insert(out.end(), bytes.begin(), bytes.end());
    }
    if (next <= from) break;
    from = next;
  }
  return out;
}

// Record values by offset, from the start of the log.
inline std::vector<std::string> LogValues(const storage::Log& log) {
  std::vector<std::string> out;
  const auto bytes = LogBytes(log);
  for (size_t pos = 0; pos + protocol::kBatchHeaderSize <= bytes.size();) {
    const auto h = protocol::ReadBatchHeader(bytes.data() + pos);
    std::span<const uint8_t> batch(bytes.data() + pos, h.total_size());
    (void)protocol::ForEachRecord(batch, nullptr, [&](const protocol::Record& r) {
      out.resize(static_cast<size_t>(r.offset) + 1);
      if (r.value) out[static_cast<size_t>(r.offset)].assign(r.value->begin(), r.value->end());
      return true;
    });
    pos += h.total_size();
  }
  return out;
}

// One fetch round of `follower` (on broker `id`) from `leader`: the leader records the fetch offset, answers
// with the batches from there and its high watermark, the follower appends them. The ISR expansion the leader
// proposes, if any, is committed at once (as the broker does through ZooKeeper). False if the leader refused.
inline bool FetchRound(Partition& leader, Partition& follower, int32_t id, const Clock& clock) {
  bool hw_moved = false;
  const Offset fetch_offset = follower.LogEndOffset();
  auto expansion = leader.OnFollowerFetch(id, fetch_offset, clock.MonotonicMs(), &hw_moved);
  auto read = leader.Read(fetch_offset, 1 << 20, true, true, leader.leader_epoch().value);
  if (read.error != protocol::ErrorCode::kNone) return false;
  std::vector<uint8_t> bytes;
  for (const auto& region : read.data.regions) {
    auto b = storage::testing::PreadAll(region.file->fd(), region.position, region.length);
    bytes.insert(bytes.end(), b.begin(), b.end());
  }
  if (!bytes.empty() && !follower.AppendFetched(bytes).ok()) return false;
  follower.UpdateFollowerHighWatermark(read.high_watermark);
  if (expansion) leader.ApplyIsr(*expansion, expansion->zk_version + 1);
  return true;
}

// The follower's truncation against the leader's OffsetForLeaderEpoch answers, run to completion.
inline replication::testing::TruncationRun TruncateFollower(
    Partition& follower, const Partition& leader,
    const replication::testing::TruncationRule& rule = replication::DecideTruncation) {
  return replication::testing::TruncateAgainstLeader(
      follower,
      [&](int32_t epoch) { return leader.LastOffsetForLeaderEpoch(leader.leader_epoch().value, epoch).epoch_end; },
      rule);
}

}  // namespace partita::broker::testing
