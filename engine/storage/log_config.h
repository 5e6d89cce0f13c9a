// Value types shared by the storage module's public API: a partition log's configuration, the hints that
// decide how much recovery a log needs when it is opened, and the results of appends and reads.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/common/file_region.h"
#include "engine/common/types.h"

namespace partita::storage {

enum class TimestampType { kCreateTime, kLogAppendTime };

// Kafka's per-topic log settings (names follow the topic configs: segment.bytes, segment.ms, ...).
struct LogConfig {
  int32_t segment_bytes = 1 << 30;                    // segment.bytes
  int64_t segment_ms = 7LL * 24 * 3600 * 1000;        // segment.ms (log.roll.hours 168)
  std::optional<int64_t> segment_jitter_ms;           // segment.jitter.ms; a fixed jitter subtracted from segment_ms
  int32_t index_interval_bytes = 4096;                // index.interval.bytes
  int32_t max_index_bytes = 10 * 1024 * 1024;         // segment.index.bytes
  int64_t retention_ms = 7LL * 24 * 3600 * 1000;      // retention.ms; -1 = unlimited
  int64_t retention_bytes = -1;                       // retention.bytes; -1 = unlimited
  int64_t flush_interval_messages = INT64_MAX;        // flush.messages
  int64_t flush_interval_ms = INT64_MAX;              // flush.ms
  TimestampType message_timestamp_type = TimestampType::kCreateTime;  // message.timestamp.type
  // cleanup.policy: "delete" (retention by time/size), "compact" (the cleaner keeps the latest record per
  // key), or both. With compact alone, retention.ms/retention.bytes do not delete segments (as in Kafka).
  bool cleanup_delete = true;
  bool cleanup_compact = false;
  int64_t delete_retention_ms = 24LL * 3600 * 1000;   // delete.retention.ms: how long tombstones survive
  int64_t min_compaction_lag_ms = 0;                  // min.compaction.lag.ms
  int64_t max_compaction_lag_ms = INT64_MAX;          // max.compaction.lag.ms
  double min_cleanable_dirty_ratio = 0.5;             // min.cleanable.dirty.ratio
};

// What the caller knows about the log's last shutdown (from the log dir's checkpoints and marker).
struct RecoveryHints {
  bool clean_shutdown = false;  // .kafka_cleanshutdown was present: trust the files, skip recovery
  int64_t recovery_point = 0;   // everything below this offset was flushed; recover from here otherwise
  int64_t log_start_offset = 0; // from log-start-offset-checkpoint (may be above the first segment's base)
};

struct AppendInfo {
  Offset first_offset{-1};
  Offset last_offset{-1};
  int64_t max_timestamp = -1;
  Offset offset_of_max_timestamp{-1};
  int64_t log_append_time_ms = -1;  // the broker time stamped into the batches, or -1 for CreateTime
  int64_t bytes = 0;
};

struct ReadResult {
  std::vector<FileRegion> regions;  // whole batches, in offset order
  int64_t bytes = 0;
  Offset next_offset{-1};            // the offset after the last returned batch (-1 when nothing was returned)
  bool offset_out_of_range = false;  // start < log start offset or start > log end offset
  Offset log_start_offset{0};
  Offset log_end_offset{0};
};

struct OffsetAndTimestamp {
  Offset offset{-1};
  int64_t timestamp = -1;
  bool found = false;  // false: no record with a timestamp >= the target (Kafka answers offset -1)
};

// What one Log::Clean call did (see log.h).
struct CleanResult {
  bool cleaned = false;              // false: nothing cleanable, below the dirty ratio, or aborted
  int64_t first_dirty_offset = 0;    // the cleaner checkpoint before and after the pass
  int64_t end_offset = 0;            // the new first dirty offset (cleaned up to here, exclusive)
  double dirty_ratio = 0;
  int segments_before = 0;
  int segments_after = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  int64_t records_removed = 0;
  int64_t tombstones_removed = 0;
};

// A row for the desktop app's segment view.
struct SegmentInfo {
  Offset base_offset{0};
  int64_t size_bytes = 0;
  int64_t first_timestamp = -1;  // max timestamp of the first batch (what Kafka rolls by), -1 if empty
  int64_t last_timestamp = -1;   // largest timestamp in the segment, -1 if empty
  int64_t index_entries = 0;
  int64_t time_index_entries = 0;
  int64_t aborted_txn_entries = 0;  // entries of its .txnindex
  bool active = false;
};

}  // namespace partita::storage
