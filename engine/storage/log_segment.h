// LogSegment: one Kafka segment, the files <20-digit base offset>.log / .index / .timeindex (and .txnindex, the
// aborted transactions whose markers it holds, see transaction_index.h) in a partition directory. The .log holds v2 record batches back to back, byte for byte as produced (offsets assigned);
// the indexes are sparse: one entry per append once index.interval.bytes have been written since the last.
// Lifecycle: Open -> (Append | Read | Recover | TruncateTo)* -> Close or Delete. Delete unlinks the files but
// FileRegions handed out keep the .log readable through the shared FileHandle.
// Thread safety: mutations (Append, Recover, TruncateTo, Flush, Close, Delete) are serialized by the owning
// Log; reads (TranslateOffset, Read, FindOffsetByTimestamp, accessors) may run concurrently with one Append:
// they only see bytes below size(), which is published after the write completes. Recover and TruncateTo
// must not race readers (the Log holds its segment lock exclusively for them).
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/common/file_region.h"
#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/log_config.h"
#include "engine/storage/offset_index.h"
#include "engine/storage/time_index.h"
#include "engine/storage/transaction_index.h"

namespace partita::storage {

struct BatchLocation {
  int64_t position = 0;
  protocol::BatchHeader header;
};

class LogSegment {
 public:
  // Opens or creates the segment's files. An existing segment whose index fails its sanity check is marked
  // as needing recovery (needs_recovery()). `now_ms` is the creation time used for time-based rolls of an
  // empty segment. `file_suffix` is appended to every file name (the cleaner writes "<base>.log.cleaned").
  static Result<std::unique_ptr<LogSegment>> Open(const std::string& dir, int64_t base_offset,
                                                  const LogConfig& config, int64_t now_ms,
                                                  std::string_view file_suffix = {});
  ~LogSegment();

  int64_t base_offset() const { return base_offset_; }
  int64_t size() const { return size_.load(std::memory_order_acquire); }
  bool needs_recovery() const { return needs_recovery_; }
  const std::shared_ptr<FileHandle>& file() const { return file_; }
  const std::string& log_path() const { return log_path_; }
  OffsetIndex& offset_index() { return offset_index_; }
  TimeIndex& time_index() { return time_index_; }
  TransactionIndex& txn_index() { return txn_index_; }
  const TransactionIndex& txn_index() const { return txn_index_; }
  // The .txnindex failed its check at Open and was emptied: its entries must be rebuilt from the log (the
  // partition's producer state does it, since a transaction may start in an earlier segment).
  bool txn_index_lost() const { return txn_index_lost_; }

  // Appends already offset-assigned batches at the end of the .log file with one write. On a failed write
  // the file is truncated back to its previous size, so no torn tail is ever visible.
  Status Append(std::span<const uint8_t> batches, int64_t largest_offset, int64_t largest_timestamp,
                int64_t offset_of_max_timestamp);

  // The first batch whose last offset is >= offset, starting the scan at the offset index's hint (and at
  // least at min_position). nullopt when the segment holds no such batch.
  Result<std::optional<BatchLocation>> TranslateOffset(int64_t offset, int64_t min_position = 0) const;

  // Appends to `out` whole batches starting with the one containing start_offset: only batches whose last
  // offset is below max_offset, at most max_bytes in total unless min_one_batch lets the first batch
  // through whole. Returns bytes added.
  Result<int64_t> Read(int64_t start_offset, int64_t max_bytes, int64_t max_offset, bool min_one_batch,
                       ReadResult* out) const;

  // The first record at or after starting_offset with timestamp >= ts (see log.h for the compressed-batch
  // approximation). found=false if none in this segment.
  Result<OffsetAndTimestamp> FindOffsetByTimestamp(int64_t ts, int64_t starting_offset) const;

  // Re-reads every batch, checking sizes, offsets and CRC, rebuilds both indexes and truncates everything
  // after the last valid batch. Returns the number of bytes truncated.
  Result<int64_t> Recover();

  // Index entries are checked against the batch they point at (log_segment_index.cc): at Open the last
  // entry of each index (as Kafka's sanity check), later every entry loaded from disk when a lookup first
  // uses it. An entry that is in order but points at no batch boundary, or at a batch whose offsets do not
  // match, is logged with the file and entry; lookups then scan from the segment's start (slower, correct)
  // and index_corrupt() tells the owning Log to call RebuildIndexes().
  bool index_corrupt() const { return index_corrupt_.load(std::memory_order_acquire); }
  // Rebuilds both indexes and the max timestamp from the batch headers, truncating nothing (a segment below
  // the recovery point, or a corrupt index found while serving). Readers may run meanwhile (they see fewer
  // entries and scan further); the caller serializes it with appends.
  Status RebuildIndexes();

  // Removes every batch with base offset >= offset (a batch containing offset is removed whole when it
  // starts at or after it; Kafka truncates at batch boundaries), and the aborted transactions ending there.
  // Returns bytes truncated.
  Result<int64_t> TruncateTo(int64_t offset);

  // The offset after the last batch (base_offset when empty).
  Result<int64_t> ReadNextOffset() const;

  // Kafka's shouldRoll for a message set of `bytes` whose max timestamp is `max_timestamp`.
  bool ShouldRoll(int64_t bytes, int64_t max_timestamp, int64_t max_offset, int64_t now_ms,
                  const LogConfig& config) const;

  // Largest batch max timestamp (or -1 when empty); Kafka's retention uses it (falling back to mtime).
  int64_t MaxTimestamp() const { return max_timestamp_.load(std::memory_order_acquire); }
  int64_t OffsetOfMaxTimestamp() const { return offset_of_max_timestamp_.load(std::memory_order_acquire); }
  int64_t LargestTimestamp() const;
  // Max timestamp of the first batch, what time-based rolling and SegmentInfo use; -1 when empty.
  int64_t FirstBatchTimestamp() const;

  // Writes a final time index entry for the largest timestamp (Kafka does it when a segment stops being
  // the active one, so lookups past the last sparse entry still land here).
  Status OnBecomeInactive();
  Status Flush();
  Status Close();
  Status Delete();
  SegmentInfo Info(bool active) const;

 private:
  LogSegment(const std::string& dir, int64_t base_offset, const LogConfig& config, int64_t now_ms,
             std::string_view file_suffix);
  Status Load();
  // Why an offset index entry does not match the batch at its position (`at` is null when no batch header
  // could be read there; `scan` says why); Ok when it matches.
  Status CheckOffsetEntry(const OffsetIndexHint& hint, const protocol::BatchHeader* at, const Status& scan) const;
  // Kafka's load-time sanity check of the last entry of both indexes against the log.
  Status CheckLastIndexEntries(int64_t log_size) const;
  // The position to start a header scan for `offset`: the offset index entry's once it is checked, or
  // min_position when there is none or it is corrupt (then reported).
  int64_t ScanStart(int64_t offset, int64_t min_position = 0) const;
  void ReportCorruptIndex(const Status& why) const;
  // The batch to start a timestamp search at: the one holding the time index entry's offset once that entry
  // is checked, or the first batch.
  Result<std::optional<BatchLocation>> FindTimeIndexStart(int64_t ts) const;
  // Rebuilds both indexes from the headers up to the first bad batch (CRC-checked when verify_crc);
  // returns the number of valid bytes and sets *stopped to why the scan ended early.
  Result<int64_t> RebuildIndexesFromLog(bool verify_crc, Status* stopped);

  const int64_t base_offset_;
  const std::string log_path_;
  const int32_t index_interval_bytes_;
  std::shared_ptr<FileHandle> file_;
  OffsetIndex offset_index_;
  TimeIndex time_index_;
  TransactionIndex txn_index_;
  bool txn_index_lost_ = false;
  std::atomic<int64_t> size_{0};
  std::atomic<int64_t> max_timestamp_{-1};
  std::atomic<int64_t> offset_of_max_timestamp_{-1};
  mutable std::atomic<int64_t> first_batch_timestamp_{-2};  // -2: not loaded yet
  int64_t bytes_since_last_index_entry_ = 0;
  int64_t created_ms_;
  bool needs_recovery_ = false;
  // Entries below this slot came from disk and are checked on first use; entries this process wrote are
  // trusted. entry_checked_ (one flag per entry loaded, allocated once at load and never reallocated, so readers
  // may index it below unchecked_entries_ at any time) remembers which passed.
  std::atomic<size_t> unchecked_entries_{0};
  std::unique_ptr<std::atomic<bool>[]> entry_checked_;
  mutable std::atomic<bool> index_corrupt_{false};
};

}  // namespace partita::storage
