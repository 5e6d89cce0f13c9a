// Log appends: offset assignment by rewriting batch headers in a reusable scratch buffer, segment rolls,
// one write per request, flush policy. Per-batch work only (header fields), never per-record.
#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/common/crc32c.h"
#include "engine/common/endian.h"
#include "engine/storage/log.h"

namespace partita::storage {

using protocol::BatchHeader;
using protocol::kBatchHeaderSize;

namespace {

// Walks the framing of a request's batches. Only what offset assignment needs is checked; full validation
// (CRC, records) is the protocol layer's job before this point.
template <class Fn>
Status ForEachBatch(std::span<uint8_t> bytes, Fn&& fn) {
  size_t pos = 0;
  if (bytes.empty()) return Status::InvalidArgument("empty record set");
  while (pos < bytes.size()) {
    if (bytes.size() - pos < kBatchHeaderSize) return Status::InvalidArgument("truncated batch header");
    const BatchHeader h = protocol::ReadBatchHeader(bytes.data() + pos);
    if (h.magic != 2) return Status::InvalidArgument("only record batch v2 (magic 2) is stored");
    if (h.batch_length < static_cast<int32_t>(kBatchHeaderSize - protocol::kLogOverhead) ||
        h.total_size() > bytes.size() - pos || h.last_offset_delta < 0)
      return Status::InvalidArgument("malformed batch framing");
    PARTITA_RETURN_IF_ERROR(fn(bytes.data() + pos, h));
    pos += h.total_size();
  }
  return Status::Ok();
}

}  // namespace

Result<AppendInfo> Log::AppendAsLeader(std::span<const uint8_t> batches, LeaderEpoch epoch) {
  std::lock_guard lock(writer_mu_);
  PARTITA_RETURN_IF_ERROR(partition_metadata_.MaybeFlush());  // the topic id is on disk before any record
  const LogConfig cfg = config();
  scratch_.assign(batches.begin(), batches.end());  // keeps its capacity: no allocation once warmed up
  const int64_t first = log_end_offset_.load(std::memory_order_relaxed);
  int64_t next = first;
  AppendInfo info;
  info.first_offset = Offset(first);
  const bool append_time = cfg.message_timestamp_type == TimestampType::kLogAppendTime;
  const int64_t now = append_time ? WallClockMs() : -1;
  info.log_append_time_ms = now;
  Status st = ForEachBatch(scratch_, [&](uint8_t* p, const BatchHeader& h) {
    StoreBe64(p, static_cast<uint64_t>(next));
    StoreBe32(p + protocol::kPartitionLeaderEpochOffset, static_cast<uint32_t>(epoch.value));
    int64_t max_ts = h.max_timestamp;
    int64_t max_ts_offset = next + h.last_offset_delta;
    if (append_time) {
      // LogAppendTime changes attributes and maxTimestamp, which the CRC covers: recompute the CRC only.
      StoreBe16(p + protocol::kAttributesOffset, static_cast<uint16_t>(h.attributes | 0x08));
      StoreBe64(p + 35, static_cast<uint64_t>(now));
      StoreBe32(p + protocol::kCrcOffset,
                Crc32c({p + protocol::kAttributesOffset, h.total_size() - protocol::kAttributesOffset}));
      max_ts = now;
      max_ts_offset = next;
    }
    if (max_ts > info.max_timestamp) {
      info.max_timestamp = max_ts;
      info.offset_of_max_timestamp = Offset(max_ts_offset);
    }
    next += static_cast<int64_t>(h.last_offset_delta) + 1;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  info.last_offset = Offset(next - 1);
  auto appended = AppendLocked(scratch_, info, next - first);
  if (appended.ok() && epoch.value >= 0) {
    // Recorded only once the data is in the log, so the cache never names an epoch with no batch.
    const auto latest = leader_epochs_->LatestEpoch();
    if (!latest || *latest < epoch.value) {
      if (Status s = leader_epochs_->Assign(epoch.value, first); !s.ok()) return s;
    } else if (Status s = leader_epochs_->WriteIfDirty(); !s.ok()) {  // the epoch taken at becoming leader
      return s;
    }
  }
  return appended;
}

Result<AppendInfo> Log::AppendAsFollower(std::span<const uint8_t> batches) {
  std::lock_guard lock(writer_mu_);
  PARTITA_RETURN_IF_ERROR(partition_metadata_.MaybeFlush());  // as in AppendAsLeader
  scratch_.assign(batches.begin(), batches.end());
  int64_t expected = log_end_offset_.load(std::memory_order_relaxed);
  AppendInfo info;
  Status st = ForEachBatch(scratch_, [&](uint8_t*, const BatchHeader& h) {
    if (h.base_offset < expected)
      return Status::InvalidArgument("follower batch at offset " + std::to_string(h.base_offset) +
                                     " is below the expected " + std::to_string(expected));
    if (info.first_offset.value < 0) info.first_offset = Offset(h.base_offset);
    if (h.max_timestamp > info.max_timestamp) {
      info.max_timestamp = h.max_timestamp;
      info.offset_of_max_timestamp = Offset(h.last_offset());
    }
    if (h.partition_leader_epoch >= 0) {
      const auto latest = leader_epochs_->LatestEpoch();
      if (!latest || *latest < h.partition_leader_epoch)
        PARTITA_RETURN_IF_ERROR(leader_epochs_->Assign(h.partition_leader_epoch, h.base_offset));
    }
    expected = h.last_offset() + 1;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  info.last_offset = Offset(expected - 1);
  const int64_t leo = log_end_offset_.load(std::memory_order_relaxed);
  if (info.first_offset.value > leo) {
    // A gap (the leader's log was compacted or started later): start a fresh segment at the new offset so
    // that segment base offsets keep matching their first batch.
    if (ActiveLocked().size() == 0) {
      PARTITA_RETURN_IF_ERROR(TruncateFullyLocked(info.first_offset.value));
    } else {
      PARTITA_RETURN_IF_ERROR(RollLocked(info.first_offset.value, WallClockMs()));
    }
  }
  return AppendLocked(scratch_, info, expected - info.first_offset.value);
}

Result<AppendInfo> Log::AppendLocked(std::span<const uint8_t> bytes, AppendInfo info, int64_t offsets) {
  const LogConfig cfg = config();
  info.bytes = static_cast<int64_t>(bytes.size());
  if (info.bytes > cfg.segment_bytes)
    return Status::InvalidArgument("record batch too large: " + std::to_string(info.bytes) + " bytes > segment.bytes");
  const int64_t now = WallClockMs();
  if (ActiveLocked().ShouldRoll(info.bytes, info.max_timestamp, info.last_offset.value, now, cfg))
    PARTITA_RETURN_IF_ERROR(RollLocked(info.first_offset.value, now));
  PARTITA_RETURN_IF_ERROR(ActiveLocked().Append(bytes, info.last_offset.value, info.max_timestamp,
                                                info.offset_of_max_timestamp.value));
  log_end_offset_.store(info.last_offset.value + 1, std::memory_order_release);
  unflushed_offsets_ += offsets;
  if (unflushed_offsets_ >= cfg.flush_interval_messages ||
      (cfg.flush_interval_ms != INT64_MAX && MonotonicMs() - last_flush_ms_ >= cfg.flush_interval_ms)) {
    // The data is appended; a failed fsync is reported but the offsets stay assigned (Kafka marks the log
    // dir offline here; our caller decides).
    PARTITA_RETURN_IF_ERROR(FlushLocked());
  }
  return info;
}

Status Log::RollLocked(int64_t new_base, int64_t now_ms) {
  LogSegment& active = ActiveLocked();
  if (active.base_offset() == new_base && active.size() == 0) return Status::Ok();
  if (new_base <= active.base_offset()) return Status::Corruption("roll would not advance the base offset");
  auto seg = LogSegment::Open(dir_, new_base, config(), now_ms);
  if (!seg.ok()) return seg.status();
  if ((*seg)->size() > 0) {
    // A stale file with this name (e.g. left by an older truncation): start it over.
    auto t = (*seg)->TruncateTo(new_base);
    if (!t.ok()) return t.status();
  }
  PARTITA_RETURN_IF_ERROR(active.OnBecomeInactive());
  // Kafka flushes everything below the new segment on roll (flushUptoOffsetExclusive(newSegment.baseOffset),
  // asynchronously); we do it right away, from the segment holding the recovery point to the rolled one, so
  // the recovery point moves with each roll and recovery after a crash only re-reads the newest segment.
  const int64_t flushed_to = log_end_offset_.load(std::memory_order_relaxed);
  {
    std::shared_lock lock(segments_mu_);
    auto it = segments_.upper_bound(recovery_point_.load(std::memory_order_relaxed));
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) PARTITA_RETURN_IF_ERROR(it->second->Flush());
  }
  {
    std::unique_lock lock(segments_mu_);
    segments_[new_base] = std::shared_ptr<LogSegment>(std::move(seg).value());
  }
  if (recovery_point_.load(std::memory_order_relaxed) < flushed_to) {
    recovery_point_.store(flushed_to, std::memory_order_release);
    unflushed_offsets_ = 0;
    // The checkpoint file makes it count after a crash (Kafka writes it every 60 s; we ask for it now).
    if (recovery_point_listener_) recovery_point_listener_();
  }
  return Status::Ok();
}

}  // namespace partita::storage
