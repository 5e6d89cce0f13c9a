// Log: compaction passes (Log::Clean), the atomic swap of cleaned segments and the completion of a swap that
// a crash interrupted. The record-level rules are in log_cleaner.cc.
//
// Crash safety, step by step (for a group of segments whose first base offset is B):
//   1. B.log.cleaned / B.index.cleaned / B.timeindex.cleaned are written and fsynced;
//   2. they are renamed to *.swap (indexes first, the .log last) and the directory is fsynced — from here on
//      B.log.swap alone holds every record the group must keep;
//   3. under the writer lock: the old segments' files are unlinked, B.log.swap -> B.log, the index swaps to
//      their names, the directory is fsynced, and the segment list is updated.
// Log::Load deletes *.cleaned (step 1 never finished: the old segments are intact) and completes any
// B.log.swap (step 3 was interrupted): it deletes the segments whose base offsets lie in [B, end of the swap
// file), renames the swap file and rebuilds its indexes. Index swap files are always deleted and rebuilt,
// except B.txnindex.swap: the aborted transactions of the whole group cannot be re-derived from one segment, so
// it is renamed to B.txnindex when B.log.swap is there (it exists only when the group had aborted
// transactions; step 3 renames it before B.log.swap) and deleted otherwise.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/storage/batch_scanner.h"
#include "engine/storage/file_util.h"
#include "engine/storage/log.h"
#include "engine/storage/log_cleaner.h"

namespace partita::storage {

// What a pass knows of one closed segment, taken under the segment lock: a segment still in the list has not
// been deleted, so its file handle and metadata are safe to copy; the copies stay valid whatever happens next.
struct CleanerSegment {
  std::shared_ptr<LogSegment> seg;
  std::shared_ptr<FileHandle> file;  // keeps the descriptor open even if retention deletes the segment meanwhile
  int64_t base = 0;
  int64_t size = 0;
  int64_t largest_timestamp = -1;
  int64_t first_timestamp = -1;
  size_t index_entries = 0;
  size_t time_entries = 0;
};

namespace {

constexpr std::string_view kCleanedSuffix = ".cleaned";
constexpr std::string_view kSwapSuffix = ".swap";

std::string WithSuffix(const std::string& dir, int64_t base, std::string_view kind, std::string_view suffix) {
  std::string s(kind);
  s += suffix;
  return SegmentFileName(dir, base, s);
}

void UnlinkQuietly(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) spdlog::warn("cannot delete {}: {}", path, errno);
}

// keep_txn_index: B.txnindex of a swap being completed is the group's (renamed in step 3) or the old first
// segment's (then the group had no aborted transactions, since B.txnindex.swap would exist): kept either way.
void UnlinkGroupFiles(const std::string& dir, int64_t base, std::string_view suffix, bool keep_txn_index = false) {
  for (std::string_view kind : {kIndexSuffix, kTimeIndexSuffix, kTxnIndexSuffix, kLogSuffix})
    if (!(keep_txn_index && kind == kTxnIndexSuffix)) UnlinkQuietly(WithSuffix(dir, base, kind, suffix));
}

bool FileExists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

Status RenameFile(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return Status::FromErrno(errno, "rename " + from + " to " + to);
  return Status::Ok();
}

// Calls fn(batch bytes, header) for each whole batch of the segment below `end` (its size when the pass
// started). The header walk is the BatchScanner's, so lengths are bounded by the file before any read.
template <class Fn>
Status ForEachStoredBatch(const CleanerSegment& seg, std::vector<uint8_t>* buf, int64_t* bytes_read,
                          const std::atomic<bool>* stop, Fn&& fn) {
  const int64_t end = seg.size;
  if (!seg.file) return Status::Aborted("segment closed");
  BatchScanner scanner(seg.file->fd(), 0, end);
  while (scanner.Next()) {
    if (stop && stop->load(std::memory_order_relaxed)) return Status::Aborted("cleaning stopped");
    buf->resize(scanner.header().total_size());
    PARTITA_RETURN_IF_ERROR(PreadFully(seg.file->fd(), *buf, scanner.position(), seg.seg->log_path()));
    *bytes_read += static_cast<int64_t>(buf->size());
    PARTITA_RETURN_IF_ERROR(fn(std::span<const uint8_t>(*buf), scanner.header(), scanner.next_position() == end));
  }
  return scanner.status();
}

}  // namespace

Result<CleanResult> Log::Clean(int64_t now_ms, bool force, const std::atomic<bool>* stop) {
  std::lock_guard clean_lock(cleaner_mu_);
  CleanResult result;
  const LogConfig cfg = config();
  if (closed_.load() || !cfg.cleanup_compact) return result;

  // Snapshot the closed segments and their sizes; closed segments only change by retention, truncation or
  // deletion, which SwapInLocked detects.
  std::vector<CleanerSegment> segs;
  int64_t active_base = 0;
  {
    std::shared_lock lock(segments_mu_);
    if (segments_.size() < 2) return result;  // only the active segment (or deleted)
    active_base = segments_.rbegin()->first;
    for (const auto& [base, seg] : segments_) {
      if (base == active_base) break;
      segs.push_back(CleanerSegment{seg, seg->file(), base, seg->size(), seg->LargestTimestamp(),
                                    seg->FirstBatchTimestamp(), seg->offset_index().entries(),
                                    seg->time_index().entries()});
    }
  }

  int64_t first_dirty = first_dirty_offset_.load();
  if (first_dirty < segs.front().base || first_dirty > LogEndOffset().value) first_dirty = segs.front().base;
  result.first_dirty_offset = first_dirty;

  // Cleanable: closed segments up to the first dirty one still younger than min.compaction.lag.ms.
  size_t end = segs.size();
  for (size_t i = 0; i < segs.size(); ++i) {
    if (segs[i].base >= first_dirty && cfg.min_compaction_lag_ms > 0 &&
        segs[i].largest_timestamp > now_ms - cfg.min_compaction_lag_ms) {
      end = i;
      break;
    }
  }
  if (end == 0) return result;
  const int64_t end_offset = end < segs.size() ? segs[end].base : active_base;
  int64_t clean_bytes = 0, dirty_bytes = 0;
  bool overdue = false;
  for (size_t i = 0; i < end; ++i) {
    if (segs[i].base < first_dirty) {
      clean_bytes += segs[i].size;
      continue;
    }
    dirty_bytes += segs[i].size;
    const int64_t first_ts = segs[i].first_timestamp;
    if (cfg.max_compaction_lag_ms != INT64_MAX && first_ts >= 0 && now_ms - first_ts > cfg.max_compaction_lag_ms)
      overdue = true;
  }
  result.dirty_ratio = clean_bytes + dirty_bytes > 0
                           ? static_cast<double>(dirty_bytes) / static_cast<double>(clean_bytes + dirty_bytes)
                           : 0.0;
  const bool tombstones_due = tombstone_horizon_ms_.load() <= now_ms;
  const bool dirty_enough = dirty_bytes > 0 && (result.dirty_ratio >= cfg.min_cleanable_dirty_ratio || overdue);
  if (!force && !dirty_enough && !tombstones_due) return result;

  // The latest offset of every key in the dirty part.
  OffsetMap map;
  std::vector<uint8_t> buf, scratch;
  for (size_t i = 0; i < end; ++i) {
    if (segs[i].base < first_dirty) continue;
    Status st = ForEachStoredBatch(segs[i], &buf, &result.bytes_read, stop,
                                   [&](std::span<const uint8_t> batch, const protocol::BatchHeader&, bool) {
                                     return AddBatchToOffsetMap(batch, &map, &scratch);
                                   });
    if (!st.ok()) {
      if (st.code() == Status::Code::kAborted) return result;
      return st;
    }
  }

  // Groups of consecutive segments whose sizes add up to at most segment.bytes (Kafka's groupSegmentsBySize).
  int64_t min_horizon = INT64_MAX;
  result.segments_before = static_cast<int>(end);
  for (size_t a = 0; a < end;) {
    size_t b = a + 1;
    int64_t group_bytes = segs[a].size;
    size_t index_entries = segs[a].index_entries, time_entries = segs[a].time_entries;
    const size_t max_entries = static_cast<size_t>(cfg.max_index_bytes) / 12;  // the smaller of the two indexes
    while (b < end) {
      const int64_t next_end = b + 1 < segs.size() ? segs[b + 1].base : active_base;
      if (group_bytes + segs[b].size > cfg.segment_bytes || next_end - 1 - segs[a].base > INT32_MAX ||
          index_entries + segs[b].index_entries >= max_entries || time_entries + segs[b].time_entries >= max_entries)
        break;
      group_bytes += segs[b].size;
      index_entries += segs[b].index_entries;
      time_entries += segs[b].time_entries;
      ++b;
    }
    std::vector<CleanerSegment> group(segs.begin() + a, segs.begin() + b);
    auto swapped = CleanGroup(group, map, now_ms, cfg, stop, &result, &min_horizon);
    if (!swapped.ok()) return swapped.status();
    if (!*swapped) return result;  // the log changed under us or we were stopped: try again next time
    ++result.segments_after;
    a = b;
  }
  first_dirty_offset_.store(end_offset);
  tombstone_horizon_ms_.store(min_horizon);
  result.end_offset = end_offset;
  result.cleaned = true;
  spdlog::info("log {}: cleaned {} segments into {} up to offset {} ({} -> {} bytes, {} records and {} tombstones "
               "removed)",
               dir_, result.segments_before, result.segments_after, end_offset, result.bytes_read,
               result.bytes_written, result.records_removed, result.tombstones_removed);
  return result;
}

Result<bool> Log::CleanGroup(const std::vector<CleanerSegment>& group, const OffsetMap& map, int64_t now_ms, const LogConfig& cfg,
                             const std::atomic<bool>* stop, CleanResult* result, int64_t* min_horizon) {
  const int64_t base = group.front().base;
  UnlinkGroupFiles(dir_, base, kCleanedSuffix);  // leftovers of an aborted pass
  auto opened = LogSegment::Open(dir_, base, cfg, now_ms, kCleanedSuffix);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<LogSegment> cleaned = std::move(opened).value();
  // The last non-empty segment's last batch is kept (emptied if need be), so the group ends where it ended.
  size_t last_nonempty = group.size();
  for (size_t i = 0; i < group.size(); ++i)
    if (group[i].size > 0) last_nonempty = i;

  CleanBatchOptions options;
  options.now_ms = now_ms;
  options.delete_retention_ms = cfg.delete_retention_ms;
  std::vector<uint8_t> buf, scratch;
  Status st;
  for (size_t i = 0; i < group.size() && st.ok(); ++i) {
    st = ForEachStoredBatch(
        group[i], &buf, &result->bytes_read, stop,
        [&](std::span<const uint8_t> batch, const protocol::BatchHeader& h, bool last_in_segment) -> Status {
          options.keep_if_empty = last_in_segment && i == last_nonempty;
          auto out = CleanBatch(batch, map, options, &scratch);
          if (!out.ok()) return out.status();
          result->records_removed += out->records_removed;
          result->tombstones_removed += out->tombstones_removed;
          if (out->delete_horizon_ms >= 0) *min_horizon = std::min(*min_horizon, out->delete_horizon_ms);
          if (out->action == CleanedBatch::Action::kDrop) return Status::Ok();
          std::span<const uint8_t> bytes = out->action == CleanedBatch::Action::kKeep
                                               ? batch.first(h.total_size())
                                               : std::span<const uint8_t>(out->bytes);
          result->bytes_written += static_cast<int64_t>(bytes.size());
          return cleaned->Append(bytes, out->last_offset, out->max_timestamp, out->offset_of_max_timestamp);
        });
  }
  // Markers are never removed (log_cleaner.h), so every aborted transaction of the group still ends in it.
  for (size_t i = 0; i < group.size() && st.ok(); ++i) {
    for (const AbortedTxn& txn : group[i].seg->txn_index().AllAbortedTxns()) {
      st = cleaned->txn_index().Append(txn);
      if (!st.ok()) break;
    }
  }
  if (st.ok()) st = cleaned->OnBecomeInactive();
  if (st.ok()) st = cleaned->Flush();
  Status closed = cleaned->Close();
  if (st.ok()) st = closed;
  cleaned.reset();
  if (st.ok()) {
    for (std::string_view kind : {kIndexSuffix, kTimeIndexSuffix, kTxnIndexSuffix, kLogSuffix}) {
      const std::string from = WithSuffix(dir_, base, kind, kCleanedSuffix);
      if (kind == kTxnIndexSuffix && !FileExists(from)) continue;  // no aborted transactions in the group
      st = RenameFile(from, WithSuffix(dir_, base, kind, kSwapSuffix));
      if (!st.ok()) break;
    }
    if (st.ok()) st = SyncDir(dir_);
  }
  if (!st.ok()) {
    UnlinkGroupFiles(dir_, base, kCleanedSuffix);
    UnlinkGroupFiles(dir_, base, kSwapSuffix);
    if (st.code() == Status::Code::kAborted) return false;
    spdlog::error("log {}: cleaning segments from {} failed: {}", dir_, base, st.ToString());
    return st;
  }
  bool swapped = false;
  {
    std::lock_guard lock(writer_mu_);
    st = SwapInLocked(group, cfg, &swapped);
  }
  if (!swapped) UnlinkGroupFiles(dir_, base, kSwapSuffix);
  if (!st.ok()) return st;
  return swapped;
}

Status Log::SwapInLocked(const std::vector<CleanerSegment>& group, const LogConfig& cfg, bool* swapped) {
  *swapped = false;
  if (closed_.load()) return Status::Ok();
  // The group must still be exactly what was read: same segment objects, same sizes, none of them active.
  {
    std::shared_lock lock(segments_mu_);
    for (size_t i = 0; i < group.size(); ++i) {
      auto it = segments_.find(group[i].base);
      if (it == segments_.end() || it->second != group[i].seg || group[i].seg->size() != group[i].size ||
          std::next(it) == segments_.end())
        return Status::Ok();
    }
  }
  const int64_t base = group.front().base;
  // Old files go first: their names are about to be reused. Their LogSegment objects keep the descriptors,
  // so reads in flight (and FileRegions queued for sendfile) still see the old bytes.
  for (const CleanerSegment& old : group) {
    UnlinkQuietly(old.seg->offset_index().path());
    UnlinkQuietly(old.seg->time_index().path());
    if (old.base != group.front().base) UnlinkQuietly(old.seg->txn_index().path());  // B's is replaced below
    UnlinkQuietly(old.seg->log_path());
  }
  *swapped = true;  // from here on the swap file is the segment; Load would complete it after a crash
  // The group's .txnindex goes before the .log: once B.log.swap is gone, no B.txnindex.swap is still needed.
  if (const std::string txn_swap = WithSuffix(dir_, base, kTxnIndexSuffix, kSwapSuffix); FileExists(txn_swap)) {
    PARTITA_RETURN_IF_ERROR(RenameFile(txn_swap, SegmentFileName(dir_, base, kTxnIndexSuffix)));
  } else {
    UnlinkQuietly(SegmentFileName(dir_, base, kTxnIndexSuffix));
  }
  PARTITA_RETURN_IF_ERROR(RenameFile(WithSuffix(dir_, base, kLogSuffix, kSwapSuffix), SegmentFileName(dir_, base, kLogSuffix)));
  PARTITA_RETURN_IF_ERROR(
      RenameFile(WithSuffix(dir_, base, kIndexSuffix, kSwapSuffix), SegmentFileName(dir_, base, kIndexSuffix)));
  PARTITA_RETURN_IF_ERROR(
      RenameFile(WithSuffix(dir_, base, kTimeIndexSuffix, kSwapSuffix), SegmentFileName(dir_, base, kTimeIndexSuffix)));
  PARTITA_RETURN_IF_ERROR(SyncDir(dir_));
  auto fresh = LogSegment::Open(dir_, base, cfg, WallClockMs());
  if (!fresh.ok()) return fresh.status();
  if ((*fresh)->needs_recovery()) {
    auto t = (*fresh)->Recover();
    if (!t.ok()) return t.status();
  }
  std::unique_lock lock(segments_mu_);
  for (const CleanerSegment& old : group) segments_.erase(old.base);
  segments_[base] = std::shared_ptr<LogSegment>(std::move(fresh).value());
  return Status::Ok();
}

Status Log::CompleteInterruptedSwaps(std::vector<int64_t>* bases) {
  std::vector<int64_t> swaps;
  DIR* d = ::opendir(dir_.c_str());
  if (d == nullptr) return Status::FromErrno(errno, "open " + dir_);
  std::vector<std::string> index_swaps;
  std::vector<int64_t> txn_swaps;
  std::string log_swap(kLogSuffix);
  log_swap += kSwapSuffix;
  std::string txn_swap(kTxnIndexSuffix);
  txn_swap += kSwapSuffix;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (const int64_t b = ParseSegmentBaseOffset(name, log_swap); b >= 0) {
      swaps.push_back(b);
    } else if (const int64_t t = ParseSegmentBaseOffset(name, txn_swap); t >= 0) {
      txn_swaps.push_back(t);
    } else if (name.size() > kSwapSuffix.size() && name.ends_with(kSwapSuffix)) {
      index_swaps.push_back(name);
    }
  }
  ::closedir(d);
  for (const std::string& name : index_swaps) UnlinkQuietly(dir_ + "/" + name);  // rebuilt below
  std::sort(swaps.begin(), swaps.end());
  for (int64_t base : swaps) {
    const std::string swap_path = WithSuffix(dir_, base, kLogSuffix, kSwapSuffix);
    const int fd = ::open(swap_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::FromErrno(errno, "open " + swap_path);
    auto size = FileSize(fd, swap_path);
    int64_t next = base;
    if (size.ok()) {
      BatchScanner scanner(fd, 0, *size);
      while (scanner.Next()) next = scanner.header().last_offset() + 1;
    }
    ::close(fd);
    if (!size.ok()) return size.status();
    spdlog::warn("log {}: completing an interrupted cleaner swap of offsets [{}, {})", dir_, base, next);
    for (auto it = bases->begin(); it != bases->end();) {
      if (*it >= base && *it < next) {
        UnlinkGroupFiles(dir_, *it, "", /*keep_txn_index=*/*it == base);
        it = bases->erase(it);
      } else {
        ++it;
      }
    }
    UnlinkGroupFiles(dir_, base, "", /*keep_txn_index=*/true);  // the old first segment's, if its .log was gone
    PARTITA_RETURN_IF_ERROR(RenameFile(swap_path, SegmentFileName(dir_, base, kLogSuffix)));
    bases->push_back(base);  // opens without indexes: needs_recovery() rebuilds them
  }
  // After the old segments' files are gone: B.txnindex.swap holds the whole group's aborted transactions. Without
  // B.log.swap it is the leftover of a pass that never reached its swap (the old segments are intact).
  for (int64_t base : txn_swaps) {
    if (std::find(swaps.begin(), swaps.end(), base) == swaps.end()) {
      UnlinkQuietly(WithSuffix(dir_, base, kTxnIndexSuffix, kSwapSuffix));
      continue;
    }
    PARTITA_RETURN_IF_ERROR(
        RenameFile(WithSuffix(dir_, base, kTxnIndexSuffix, kSwapSuffix), SegmentFileName(dir_, base, kTxnIndexSuffix)));
  }
  std::sort(bases->begin(), bases->end());
  if (!swaps.empty() || !txn_swaps.empty()) PARTITA_RETURN_IF_ERROR(SyncDir(dir_));
  return Status::Ok();
}

}  // namespace partita::storage
