#include "engine/storage/log_segment.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include <spdlog/spdlog.h>

#include "engine/storage/batch_scanner.h"
#include "engine/storage/file_util.h"
#include "engine/storage/record_timestamps.h"

namespace partita::storage {

namespace {

std::string Suffixed(std::string_view suffix, std::string_view extra) {
  std::string s(suffix);
  s += extra;
  return s;
}

}  // namespace

LogSegment::LogSegment(const std::string& dir, int64_t base_offset, const LogConfig& config, int64_t now_ms,
                       std::string_view file_suffix)
    : base_offset_(base_offset),
      log_path_(SegmentFileName(dir, base_offset, Suffixed(kLogSuffix, file_suffix))),
      index_interval_bytes_(config.index_interval_bytes),
      offset_index_(SegmentFileName(dir, base_offset, Suffixed(kIndexSuffix, file_suffix)), base_offset,
                    config.max_index_bytes),
      time_index_(SegmentFileName(dir, base_offset, Suffixed(kTimeIndexSuffix, file_suffix)), base_offset,
                  config.max_index_bytes),
      txn_index_(SegmentFileName(dir, base_offset, Suffixed(kTxnIndexSuffix, file_suffix)), base_offset),
      created_ms_(now_ms) {}

LogSegment::~LogSegment() = default;

Result<std::unique_ptr<LogSegment>> LogSegment::Open(const std::string& dir, int64_t base_offset,
                                                     const LogConfig& config, int64_t now_ms,
                                                     std::string_view file_suffix) {
  std::unique_ptr<LogSegment> seg(new LogSegment(dir, base_offset, config, now_ms, file_suffix));
  PARTITA_RETURN_IF_ERROR(seg->Load());
  return seg;
}

Status LogSegment::Load() {
  const bool index_existed = ::access(offset_index_.path().c_str(), F_OK) == 0;
  const bool time_index_existed = ::access(time_index_.path().c_str(), F_OK) == 0;
  const int fd = ::open(log_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno(errno, "open " + log_path_);
  file_ = std::make_shared<FileHandle>(fd);
  auto size = FileSize(fd, log_path_);
  if (!size.ok()) return size.status();
  size_.store(*size, std::memory_order_release);
  PARTITA_RETURN_IF_ERROR(offset_index_.Open());
  PARTITA_RETURN_IF_ERROR(time_index_.Open());
  if (Status st = txn_index_.Open(); !st.ok()) {
    if (st.code() != Status::Code::kCorruption) return st;
    spdlog::warn("{}; the aborted transactions will be rebuilt from the log", st.ToString());
    txn_index_lost_ = true;
  }
  if (*size > 0 && (!index_existed || !time_index_existed)) {
    needs_recovery_ = true;
  } else if (Status st = offset_index_.SanityCheck(*size); !st.ok()) {
    spdlog::warn("{}; the indexes will be rebuilt", st.ToString());
    needs_recovery_ = true;
  } else if (Status st2 = time_index_.SanityCheck(); !st2.ok()) {
    spdlog::warn("{}; the indexes will be rebuilt", st2.ToString());
    needs_recovery_ = true;
  }
  if (needs_recovery_) return Status::Ok();
  entry_checked_ = std::make_unique<std::atomic<bool>[]>(offset_index_.entries());
  unchecked_entries_.store(offset_index_.entries(), std::memory_order_release);
  if (Status st = CheckLastIndexEntries(*size); !st.ok()) {
    spdlog::warn("{}; the indexes will be rebuilt from the log", st.ToString());
    needs_recovery_ = true;
  }
  if (needs_recovery_ || index_corrupt()) {
    needs_recovery_ = true;
    return Status::Ok();
  }
  // Kafka restores the max timestamp from the last time index entry; scanning the batches after it makes the
  // value exact even when the final entry was never written (crash).
  const TimestampOffset last = time_index_.LastEntry();
  max_timestamp_ = last.timestamp;
  offset_of_max_timestamp_ = last.timestamp >= 0 ? last.offset : -1;
  BatchScanner scanner(fd, ScanStart(last.offset), *size);
  while (scanner.Next()) {
    if (scanner.header().max_timestamp > max_timestamp_) {
      max_timestamp_ = scanner.header().max_timestamp;
      offset_of_max_timestamp_ = scanner.header().last_offset();
    }
  }
  if (!scanner.status().ok()) needs_recovery_ = true;  // a torn tail: let the Log recover this segment
  bytes_since_last_index_entry_ =
      *size - (offset_index_.entries() > 0 ? offset_index_.Entry(offset_index_.entries() - 1).position : 0);
  return Status::Ok();
}

Status LogSegment::Append(std::span<const uint8_t> batches, int64_t largest_offset, int64_t largest_timestamp,
                          int64_t offset_of_max_timestamp) {
  if (batches.empty()) return Status::Ok();
  if (largest_offset - base_offset_ > INT32_MAX || largest_offset < base_offset_)
    return Status::InvalidArgument("offset out of range for segment " + log_path_);
  const int64_t pos = size();
  Status st = PwriteFully(file_->fd(), batches, pos, log_path_);
  if (!st.ok()) {
    // Never leave a torn tail behind: readers and recovery must see the file end at the last good batch.
    Status t = TruncateFile(file_->fd(), pos, log_path_);
    if (!t.ok()) spdlog::error("cannot truncate {} back to {}: {}", log_path_, pos, t.ToString());
    return st;
  }
  if (pos == 0) {
    first_batch_timestamp_.store(largest_timestamp, std::memory_order_release);
    // A segment with data has its index files, as in Kafka (tools such as dump-log open them); only empty
    // segments, e.g. the thousands of a new topic, go without (index_file.h). Entries still reach them at flush.
    Status s1 = offset_index_.WriteOut();
    Status s2 = time_index_.WriteOut();
    if (!s1.ok() || !s2.ok())
      spdlog::warn("cannot create the index files of {}: {} {}", log_path_, s1.ToString(), s2.ToString());
  }
  if (largest_timestamp > max_timestamp_.load(std::memory_order_relaxed)) {
    offset_of_max_timestamp_.store(offset_of_max_timestamp, std::memory_order_release);
    max_timestamp_.store(largest_timestamp, std::memory_order_release);
  }
  size_.store(pos + static_cast<int64_t>(batches.size()), std::memory_order_release);
  if (bytes_since_last_index_entry_ > index_interval_bytes_) {
    // A failed index write only makes lookups scan further (the index is sparse), so it does not fail
    // the append whose data is already safely written.
    Status s1 = offset_index_.Append(largest_offset, pos);
    Status s2 = time_index_.MaybeAppend(MaxTimestamp(), OffsetOfMaxTimestamp());
    if (!s1.ok() || !s2.ok())
      spdlog::warn("index update for {} failed: {} {}", log_path_, s1.ToString(), s2.ToString());
    bytes_since_last_index_entry_ = 0;
  }
  bytes_since_last_index_entry_ += static_cast<int64_t>(batches.size());
  return Status::Ok();
}

Result<std::optional<BatchLocation>> LogSegment::TranslateOffset(int64_t offset, int64_t min_position) const {
  BatchScanner scanner(file_->fd(), ScanStart(offset, min_position), size());
  while (scanner.Next()) {
    if (scanner.header().last_offset() >= offset)
      return std::optional<BatchLocation>(BatchLocation{scanner.position(), scanner.header()});
  }
  if (!scanner.status().ok()) return scanner.status();
  return std::optional<BatchLocation>();
}

Result<int64_t> LogSegment::Read(int64_t start_offset, int64_t max_bytes, int64_t max_offset, bool min_one_batch,
                                 ReadResult* out) const {
  auto loc = TranslateOffset(start_offset);
  if (!loc.ok()) return loc.status();
  if (!loc->has_value()) return int64_t{0};
  const int64_t start = (*loc)->position;
  BatchScanner scanner(file_->fd(), start, size());
  int64_t total = 0;
  int64_t next_offset = -1;
  while (scanner.Next()) {
    const protocol::BatchHeader& h = scanner.header();
    if (h.last_offset() >= max_offset) break;
    const int64_t n = static_cast<int64_t>(h.total_size());
    if (total + n > max_bytes) {
      if (total == 0 && min_one_batch) {
        total = n;
        next_offset = h.last_offset() + 1;
      }
      break;
    }
    total += n;
    next_offset = h.last_offset() + 1;
  }
  if (total == 0 && !scanner.status().ok()) return scanner.status();
  if (total > 0) {
    out->regions.push_back(FileRegion{file_, start, total});
    out->bytes += total;
    out->next_offset = Offset(next_offset);
  }
  return total;
}

Result<OffsetAndTimestamp> LogSegment::FindOffsetByTimestamp(int64_t ts, int64_t starting_offset) const {
  auto first = FindTimeIndexStart(ts);
  if (!first.ok()) return first.status();
  if (!first->has_value()) return OffsetAndTimestamp{};
  BatchScanner scanner(file_->fd(), std::max((*first)->position, ScanStart(starting_offset)), size());
  while (scanner.Next()) {
    const protocol::BatchHeader& h = scanner.header();
    if (h.max_timestamp < ts || h.last_offset() < starting_offset) continue;
    auto found = FindRecordAtOrAfter(file_->fd(), scanner.position(), h, ts, starting_offset);
    if (!found.ok()) return found.status();
    if (found->found) return found;
  }
  if (!scanner.status().ok()) return scanner.status();
  return OffsetAndTimestamp{};
}

Result<int64_t> LogSegment::Recover() {
  Status stopped;
  auto valid = RebuildIndexesFromLog(/*verify_crc=*/true, &stopped);
  if (!valid.ok()) return valid.status();
  if (!stopped.ok()) spdlog::warn("recovering {}: {}", log_path_, stopped.ToString());
  auto file_size = FileSize(file_->fd(), log_path_);
  if (!file_size.ok()) return file_size.status();
  const int64_t truncated = *file_size - *valid;
  if (truncated > 0) PARTITA_RETURN_IF_ERROR(TruncateFile(file_->fd(), *valid, log_path_));
  size_.store(*valid, std::memory_order_release);
  if (MaxTimestamp() >= 0) PARTITA_RETURN_IF_ERROR(time_index_.MaybeAppend(MaxTimestamp(), OffsetOfMaxTimestamp()));
  needs_recovery_ = false;
  index_corrupt_.store(false, std::memory_order_release);
  return truncated;
}

Result<int64_t> LogSegment::TruncateTo(int64_t offset) {
  auto loc = TranslateOffset(offset);
  if (!loc.ok()) return loc.status();
  if (!loc->has_value()) return int64_t{0};
  const int64_t position = (*loc)->position;
  PARTITA_RETURN_IF_ERROR(offset_index_.TruncateTo(offset));
  PARTITA_RETURN_IF_ERROR(time_index_.TruncateTo(offset));
  PARTITA_RETURN_IF_ERROR(txn_index_.TruncateTo(offset));
  const int64_t old_size = size();
  PARTITA_RETURN_IF_ERROR(TruncateFile(file_->fd(), position, log_path_));
  size_.store(position, std::memory_order_release);
  first_batch_timestamp_ = -2;
  bytes_since_last_index_entry_ = 0;
  // Reload the max timestamp from the remaining entries and batches.
  const TimestampOffset last = time_index_.LastEntry();
  max_timestamp_ = last.timestamp;
  offset_of_max_timestamp_ = last.timestamp >= 0 ? last.offset : -1;
  unchecked_entries_.store(std::min(unchecked_entries_.load(), offset_index_.entries()), std::memory_order_release);
  BatchScanner scanner(file_->fd(), ScanStart(last.offset), position);
  while (scanner.Next()) {
    if (scanner.header().max_timestamp > max_timestamp_) {
      max_timestamp_ = scanner.header().max_timestamp;
      offset_of_max_timestamp_ = scanner.header().last_offset();
    }
  }
  return old_size - position;
}

Result<int64_t> LogSegment::ReadNextOffset() const {
  const int64_t end = size();
  BatchScanner scanner(file_->fd(), ScanStart(INT64_MAX), end);
  int64_t next = base_offset_;
  while (scanner.Next()) next = scanner.header().last_offset() + 1;
  if (!scanner.status().ok()) return scanner.status();
  return next;
}

int64_t LogSegment::FirstBatchTimestamp() const {
  int64_t v = first_batch_timestamp_.load(std::memory_order_acquire);
  if (v != -2) return v;
  if (size() == 0) return -1;
  BatchScanner scanner(file_->fd(), 0, size());
  if (!scanner.Next()) return -1;
  v = scanner.header().max_timestamp;
  first_batch_timestamp_.store(v, std::memory_order_release);
  return v;
}

bool LogSegment::ShouldRoll(int64_t bytes, int64_t max_timestamp, int64_t max_offset, int64_t now_ms,
                            const LogConfig& config) const {
  const int64_t roll_ms = config.segment_ms - config.segment_jitter_ms.value_or(0);
  bool time_reached = false;
  if (size() > 0) {
    const int64_t first = FirstBatchTimestamp();
    const int64_t waited = first >= 0 ? max_timestamp - first : now_ms - created_ms_;
    time_reached = waited > roll_ms;
  }
  return size() > static_cast<int64_t>(config.segment_bytes) - bytes || time_reached ||
         offset_index_.IsFull() || time_index_.IsFull() || max_offset - base_offset_ > INT32_MAX;
}

int64_t LogSegment::LargestTimestamp() const {
  const int64_t ts = MaxTimestamp();
  if (ts >= 0) return ts;
  struct stat st;
  if (file_ && ::fstat(file_->fd(), &st) == 0)
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
  return -1;
}

Status LogSegment::OnBecomeInactive() {
  if (MaxTimestamp() < 0) return Status::Ok();
  return time_index_.MaybeAppend(MaxTimestamp(), OffsetOfMaxTimestamp());
}

Status LogSegment::Flush() {
  if (file_) PARTITA_RETURN_IF_ERROR(SyncFile(file_->fd(), log_path_));
  // An empty segment needs no index files (Load treats missing ones as empty); a non-empty one gets them even
  // without entries, or its next load would take them for lost and rebuild them.
  const bool has_data = size() > 0;
  PARTITA_RETURN_IF_ERROR(offset_index_.Flush(has_data));
  PARTITA_RETURN_IF_ERROR(txn_index_.Flush());
  return time_index_.Flush(has_data);
}

Status LogSegment::Close() {
  Status st = OnBecomeInactive();
  const bool has_data = size() > 0;  // as in Flush
  Status s1 = offset_index_.Close(has_data);
  Status s2 = time_index_.Close(has_data);
  Status s3 = txn_index_.Close();
  file_.reset();  // FileRegions still in flight keep the descriptor open
  if (!st.ok()) return st;
  if (!s3.ok()) return s3;
  return s1.ok() ? s2 : s1;
}

Status LogSegment::Delete() {
  Status s1 = offset_index_.Delete();
  Status s2 = time_index_.Delete();
  if (Status s3 = txn_index_.Delete(); !s3.ok()) return s3;
  if (::unlink(log_path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + log_path_);
  file_.reset();
  return s1.ok() ? s2 : s1;
}

SegmentInfo LogSegment::Info(bool active) const {
  SegmentInfo info;
  info.base_offset = Offset(base_offset_);
  info.size_bytes = size();
  info.first_timestamp = FirstBatchTimestamp();
  info.last_timestamp = MaxTimestamp();
  info.index_entries = static_cast<int64_t>(offset_index_.entries());
  info.time_index_entries = static_cast<int64_t>(time_index_.entries());
  info.aborted_txn_entries = static_cast<int64_t>(txn_index_.entries());
  info.active = active;
  return info;
}

}  // namespace partita::storage
