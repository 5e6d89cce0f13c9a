// Log: one partition's log, the ordered segments in a directory <topic>-<partition>/ laid out exactly as
// Kafka lays them out, plus its leader-epoch-checkpoint. Offsets are assigned here (leader) or kept
// (follower); reads hand out FileRegions of whole batches for sendfile.
//
// Thread safety: internally synchronized. Appends, truncation, retention, flushes and close are serialized
// by one writer mutex; Read, OffsetForTimestamp and the accessors may run concurrently with them (readers
// take the segment list's shared lock; only truncation and segment deletion take it exclusively, briefly).
// A reader never sees a batch at or past LogEndOffset(), which is published after its bytes are written.
// Ownership: the Log owns its segments; FileRegions returned by Read share the segment's file descriptor
// and stay readable after retention deletes the file.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/metrics/metric.h"
#include "engine/common/types.h"
#include "engine/storage/leader_epoch_cache.h"
#include "engine/storage/log_config.h"
#include "engine/storage/log_segment.h"
#include "engine/storage/partition_metadata_file.h"

namespace partita::storage {

class OffsetMap;
struct CleanerSegment;

class Log {
 public:
  // Opens (creating if needed) the log in `dir`. Without a clean shutdown, every segment from the one
  // holding hints.recovery_point on is re-read and validated; a torn or corrupt tail is truncated (see
  // bytes_truncated_by_recovery()) and any later segments are deleted.
  static Result<std::unique_ptr<Log>> Open(std::string dir, const LogConfig& config, const RecoveryHints& hints);
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  // Appends v2 batches (already validated by the protocol layer) as the leader: rewrites each batch's
  // baseOffset from LogEndOffset() and its partitionLeaderEpoch (both outside the CRC; never recompresses),
  // stamps LogAppendTime if configured (recomputing the CRC only), rolls the segment when needed and writes
  // the whole request with one pwrite. InvalidArgument for malformed framing or a request larger than
  // segment_bytes (Kafka's RECORD_BATCH_TOO_LARGE); NoSpace/IOError on disk errors, with nothing appended.
  Result<AppendInfo> AppendAsLeader(std::span<const uint8_t> batches, LeaderEpoch epoch);
  // Appends replicated batches keeping their offsets; the first must be at or after LogEndOffset() and
  // offsets must increase. Records each batch's leader epoch in the epoch cache.
  Result<AppendInfo> AppendAsFollower(std::span<const uint8_t> batches);

  // Whole batches from the one containing `start`, at most max_bytes (the first batch is returned whole
  // when min_one_batch, as Kafka does), only batches whose last offset is below max_offset (exclusive, e.g.
  // the high watermark) and LogEndOffset(). Reads from one segment at a time, like Kafka. When start is
  // below LogStartOffset() or above LogEndOffset() the result is empty with offset_out_of_range set.
  Result<ReadResult> Read(Offset start, int32_t max_bytes, Offset max_offset, bool min_one_batch) const;

  // ListOffsets by timestamp: the first offset whose record timestamp is >= ts (found=false if none).
  Result<OffsetAndTimestamp> OffsetForTimestamp(int64_t ts) const;
  // ListOffsets -3 (KIP-734): the largest timestamp and the (last) offset of the batch holding it.
  OffsetAndTimestamp MaxTimestampAndOffset() const;

  Offset LogStartOffset() const { return Offset(log_start_offset_.load(std::memory_order_acquire)); }
  Offset LogEndOffset() const { return Offset(log_end_offset_.load(std::memory_order_acquire)); }
  Offset RecoveryPoint() const { return Offset(recovery_point_.load(std::memory_order_acquire)); }
  int64_t SizeInBytes() const;
  int64_t bytes_truncated_by_recovery() const { return bytes_truncated_by_recovery_; }
  const std::string& dir() const { return dir_; }
  LeaderEpochCache& leader_epochs() { return *leader_epochs_; }
  LogConfig config() const;
  void UpdateConfig(const LogConfig& config);

  // Advances the log start offset (DeleteRecords); segments wholly below it are deleted. InvalidArgument
  // if offset > LogEndOffset(); a lower offset than the current start is a no-op.
  Status DeleteRecordsBefore(Offset offset);
  // Deletes whole old segments by retention.ms, retention.bytes and the log start offset; returns how many.
  // If every segment including the active one is expired, a new empty active segment is rolled first,
  // so the active segment itself is never deleted.
  Result<int> ApplyRetention(int64_t now_ms);
  // Removes every batch at or after offset (follower truncation). A no-op when offset >= LogEndOffset().
  Status TruncateTo(Offset offset);
  // Empties the log and restarts it at `offset` (a follower far behind the leader's log start).
  Status TruncateFullyAndStartAt(Offset offset);

  // Log compaction (cleanup.policy contains compact; a no-op otherwise), run by the LogManager's cleaner
  // thread. Cleans when the dirty part — closed segments from FirstDirtyOffset() up to the active segment, or
  // up to the first segment younger than min.compaction.lag.ms — makes up at least min.cleanable.dirty.ratio
  // of the cleanable bytes, when a dirty segment is older than max.compaction.lag.ms, when tombstones kept by
  // an earlier pass have reached their delete horizon, or when `force`. A pass rewrites every closed segment
  // up to that point (never the active one), merged into groups of at most segment.bytes, keeping the latest
  // record per key at its original offset (see log_cleaner.h). Each group is written to "<base>.log.cleaned"
  // (+ indexes), renamed to ".swap", then swapped in under the writer lock (old files unlinked; readers keep
  // their open descriptors), so a crash at any point loses nothing: Open deletes ".cleaned" files and
  // completes ".swap" files. A group whose segments changed meanwhile (retention, truncation, deletion) is
  // discarded. `stop` (optional) aborts a pass between batches.
  Result<CleanResult> Clean(int64_t now_ms, bool force = false, const std::atomic<bool>* stop = nullptr);
  // The cleaner checkpoint: everything below it has been cleaned (cleaner-offset-checkpoint).
  Offset FirstDirtyOffset() const { return Offset(first_dirty_offset_.load(std::memory_order_acquire)); }
  void SetFirstDirtyOffset(Offset offset) { first_dirty_offset_.store(offset.value, std::memory_order_release); }

  // fsyncs everything up to LogEndOffset() and advances the recovery point.
  Status Flush();
  // KIP-516: the directory's partition.metadata (written before the first append or at a flush).
  PartitionMetadataFile& partition_metadata() { return partition_metadata_; }
  // Records the time of every flush that writes something (Kafka's LogFlushRateAndTimeMs). Call before the log
  // is shared with other threads.
  void SetFlushHistogram(std::shared_ptr<metrics::Histogram> histogram) { flush_time_ = std::move(histogram); }
  // Called (under the log's writer lock; it must only schedule work) when a roll has flushed the rolled
  // segment and advanced the recovery point, so the owner persists recovery-point-offset-checkpoint soon and
  // an unclean restart re-reads only the segments after it. Set before the log is shared.
  void SetRecoveryPointListener(std::function<void()> listener) { recovery_point_listener_ = std::move(listener); }
  // Flushes, trims the index files and closes the files. The Log must not be used afterwards.
  Status Close();
  // Closes and removes the partition directory.
  Status Delete();

  std::vector<SegmentInfo> Segments() const;

  // Aborted transactions (log_transactions.cc; format and rules in transaction_index.h). The partition's
  // producer state decides what to write; the log stores each entry in the segment holding its marker.
  // Appends `txn` to the .txnindex of the segment holding txn.last_offset (the ABORT marker, already appended).
  Status AppendAbortedTxn(const AbortedTxn& txn);
  // Kafka's collectAbortedTransactions: the aborted transactions overlapping [start, upper_bound), from the
  // segment holding `start` on, stopping at the first segment whose entries prove no later one adds more.
  std::vector<AbortedTxn> CollectAbortedTxns(Offset start, Offset upper_bound) const;
  // Removes every entry whose marker is at or after `offset`, in all segments (before re-deriving them from the
  // log during recovery).
  Status TruncateAbortedTxnsFrom(Offset offset);
  // A segment's .txnindex was corrupt at Open and emptied: the owner must re-derive every entry from the log.
  bool txn_index_lost() const { return txn_index_lost_.load(std::memory_order_acquire); }
  void ClearTxnIndexLost() { txn_index_lost_.store(false, std::memory_order_release); }

 private:
  Log(std::string dir, const LogConfig& config);
  Status Load(const RecoveryHints& hints);
  // Re-validates the segments that may hold unflushed bytes (log.cc) and logs what it drops.
  Status RecoverSegments(const RecoveryHints& hints);
  Result<ReadResult> ReadSegments(Offset start, int32_t max_bytes, Offset max_offset, bool min_one_batch,
                                  std::vector<std::shared_ptr<LogSegment>>* visited) const;
  // Rebuilds the indexes a read found corrupt (LogSegment::index_corrupt), under the writer lock.
  void RepairCorruptIndexes(const std::vector<std::shared_ptr<LogSegment>>& segments) const;
  Result<AppendInfo> AppendLocked(std::span<const uint8_t> bytes, AppendInfo info, int64_t offsets);
  Status RollLocked(int64_t new_base, int64_t now_ms);
  Status FlushLocked();
  Status DeleteSegmentsLocked(size_t count);
  Status TruncateFullyLocked(int64_t offset);
  LogSegment& ActiveLocked() const { return *segments_.rbegin()->second; }
  // Compaction (log_compaction.cc).
  Status CompleteInterruptedSwaps(std::vector<int64_t>* bases);
  Result<bool> CleanGroup(const std::vector<CleanerSegment>& group, const OffsetMap& map, int64_t now_ms,
                          const LogConfig& cfg, const std::atomic<bool>* stop, CleanResult* result,
                          int64_t* min_horizon);
  Status SwapInLocked(const std::vector<CleanerSegment>& group, const LogConfig& cfg, bool* swapped);
  std::shared_ptr<LogSegment> SegmentFor(int64_t offset) const;  // caller holds segments_mu_

  const std::string dir_;
  mutable std::mutex config_mu_;
  LogConfig config_;

  mutable std::mutex writer_mu_;         // serializes every mutation (and index repairs found by readers)
  mutable std::shared_mutex segments_mu_;  // guards segments_ (map shape) against readers
  std::map<int64_t, std::shared_ptr<LogSegment>> segments_;
  std::unique_ptr<LeaderEpochCache> leader_epochs_;
  PartitionMetadataFile partition_metadata_;

  std::atomic<int64_t> log_start_offset_{0};
  std::atomic<int64_t> log_end_offset_{0};
  std::atomic<int64_t> recovery_point_{0};
  int64_t bytes_truncated_by_recovery_ = 0;
  std::atomic<bool> txn_index_lost_{false};

  // Compaction state. cleaner_mu_ is held for a whole Clean pass and taken before writer_mu_ by Close and
  // Delete (which set closed_ first so a running pass stops early).
  std::mutex cleaner_mu_;
  std::atomic<bool> closed_{false};
  std::atomic<int64_t> first_dirty_offset_{0};
  std::atomic<int64_t> tombstone_horizon_ms_{INT64_MAX};  // earliest delete horizon of kept tombstones

  // Writer-only state (guarded by writer_mu_).
  std::vector<uint8_t> scratch_;  // reused for offset assignment: no allocation per append after warm-up
  int64_t unflushed_offsets_ = 0;
  int64_t last_flush_ms_ = 0;
  std::shared_ptr<metrics::Histogram> flush_time_;  // set before the log is shared; may be null
  std::function<void()> recovery_point_listener_;
};

}  // namespace partita::storage
