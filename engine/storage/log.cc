// Log: opening and recovery, reads and timestamp lookups, flush and lifecycle. Appends are in
// log_append.cc, retention and truncation in log_retention.cc.
#include "engine/storage/log.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/storage/file_util.h"

namespace partita::storage {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Log::Log(std::string dir, const LogConfig& config)
    : dir_(std::move(dir)), config_(config), partition_metadata_(dir_) {}

Log::~Log() = default;

Result<std::unique_ptr<Log>> Log::Open(std::string dir, const LogConfig& config, const RecoveryHints& hints) {
  if (config.segment_bytes < static_cast<int32_t>(protocol::kBatchHeaderSize) || config.index_interval_bytes < 0 ||
      config.max_index_bytes < 12)
    return Status::InvalidArgument("log config out of range");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("create " + dir + ": " + ec.message());
  std::unique_ptr<Log> log(new Log(std::move(dir), config));
  PARTITA_RETURN_IF_ERROR(log->Load(hints));
  return log;
}

Status Log::Load(const RecoveryHints& hints) {
  const int64_t now = WallClockMs();
  std::vector<int64_t> bases;
  DIR* d = ::opendir(dir_.c_str());
  if (d == nullptr) return Status::FromErrno(errno, "open " + dir_);
  std::vector<std::string> stray;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (const int64_t base = ParseSegmentBaseOffset(name, kLogSuffix); base >= 0) {
      bases.push_back(base);
    } else if (EndsWith(name, ".deleted") || EndsWith(name, ".cleaned") || EndsWith(name, ".tmp")) {
      stray.push_back(name);  // leftovers of an interrupted delete/compaction/checkpoint write
    }
  }
  ::closedir(d);
  for (const std::string& name : stray) ::unlink((dir_ + "/" + name).c_str());
  std::sort(bases.begin(), bases.end());
  PARTITA_RETURN_IF_ERROR(CompleteInterruptedSwaps(&bases));

  const LogConfig cfg = config();
  for (int64_t base : bases) {
    auto seg = LogSegment::Open(dir_, base, cfg, now);
    if (!seg.ok()) return seg.status();
    segments_[base] = std::shared_ptr<LogSegment>(std::move(seg).value());
  }

  PARTITA_RETURN_IF_ERROR(RecoverSegments(hints));

  if (segments_.empty()) {
    const int64_t base = std::max<int64_t>(0, hints.log_start_offset);
    auto seg = LogSegment::Open(dir_, base, cfg, now);
    if (!seg.ok()) return seg.status();
    segments_[base] = std::shared_ptr<LogSegment>(std::move(seg).value());
  }
  auto next = ActiveLocked().ReadNextOffset();
  if (!next.ok()) return next.status();
  log_end_offset_ = *next;
  // Aborted transactions whose markers recovery dropped go too; a lost .txnindex is rebuilt by the partition.
  PARTITA_RETURN_IF_ERROR(ActiveLocked().txn_index().TruncateTo(*next));
  for (const auto& [base, seg] : segments_)
    if (seg->txn_index_lost()) txn_index_lost_ = true;
  log_start_offset_ = std::min(std::max(hints.log_start_offset, segments_.begin()->first), *next);
  recovery_point_ = hints.clean_shutdown ? *next : std::min(std::max<int64_t>(hints.recovery_point, 0), *next);
  last_flush_ms_ = MonotonicMs();

  auto epochs = LeaderEpochCache::Open(dir_);
  if (!epochs.ok()) return epochs.status();
  leader_epochs_ = std::move(epochs).value();
  PARTITA_RETURN_IF_ERROR(leader_epochs_->TruncateFromEnd(*next));
  return leader_epochs_->TruncateFromStart(log_start_offset_);
}

Status Log::RecoverSegments(const RecoveryHints& hints) {
  if (segments_.empty()) return Status::Ok();
  // Without a clean shutdown, the segments from the one holding the recovery point on may hold unflushed
  // bytes and are re-validated (Kafka's LogLoader). Everything below was flushed (each roll flushes and
  // checkpoints the recovery point), so there only a corrupt index is rebuilt and nothing is dropped: a
  // corrupt batch there is reported by the read that reaches it, and a replica can re-fetch it.
  int64_t recover_from = INT64_MAX;
  if (!hints.clean_shutdown) {
    auto it = segments_.upper_bound(hints.recovery_point);
    recover_from = it == segments_.begin() ? it->first : std::prev(it)->first;
    const auto scanned = std::distance(segments_.lower_bound(recover_from), segments_.end());
    spdlog::info("log {}: unclean shutdown, recovering {} of {} segment(s) from offset {} (recovery point {})", dir_,
                 scanned, segments_.size(), recover_from, hints.recovery_point);
  }
  const int64_t active_base = segments_.rbegin()->first;
  for (auto it = segments_.begin(); it != segments_.end(); ++it) {
    LogSegment& seg = *it->second;
    const bool unflushed = it->first >= recover_from;
    if (!unflushed && !seg.needs_recovery()) continue;
    if (!unflushed && it->first != active_base) {
      PARTITA_RETURN_IF_ERROR(seg.RebuildIndexes());
      continue;
    }
    auto truncated = seg.Recover();
    if (!truncated.ok()) return truncated.status();
    if (*truncated == 0) continue;
    bytes_truncated_by_recovery_ += *truncated;
    auto next = seg.ReadNextOffset();
    const int64_t dropped_from = next.ok() ? *next : it->first;
    int64_t dropped_to = -1;  // last dropped offset when known (the corrupt bytes themselves cannot be read)
    spdlog::warn("log {}: recovery truncated {} at position {}: {} bytes of torn or corrupt batches from offset {} "
                 "dropped", dir_, seg.log_path(), seg.size(), *truncated, dropped_from);
    // Kafka's rule: whatever follows a corrupt point was never acknowledged as flushed; drop later segments.
    for (auto later = std::next(it); later != segments_.end();) {
      LogSegment& gone = *later->second;
      auto gone_next = gone.ReadNextOffset();
      if (gone_next.ok()) dropped_to = std::max(dropped_to, *gone_next - 1);
      spdlog::warn("log {}: recovery deleted segment {} (offsets {}..{}, {} bytes) that follows the corrupt point",
                   dir_, gone.log_path(), later->first, gone_next.ok() ? std::to_string(*gone_next - 1) : "?",
                   gone.size());
      bytes_truncated_by_recovery_ += gone.size();
      PARTITA_RETURN_IF_ERROR(gone.Delete());
      later = segments_.erase(later);
    }
    spdlog::warn("log {}: recovery dropped offsets {}..{} ({} bytes; recovery point {}); a follower re-fetches them "
                 "from the leader, a partition without one has lost them",
                 dir_, dropped_from, dropped_to >= 0 ? std::to_string(dropped_to) : std::string("end"),
                 bytes_truncated_by_recovery_, hints.recovery_point);
    break;
  }
  return Status::Ok();
}

LogConfig Log::config() const {
  std::lock_guard lock(config_mu_);
  return config_;
}

void Log::UpdateConfig(const LogConfig& config) {
  std::lock_guard lock(config_mu_);
  config_ = config;
}

std::shared_ptr<LogSegment> Log::SegmentFor(int64_t offset) const {
  auto it = segments_.upper_bound(offset);
  if (it == segments_.begin()) return nullptr;
  return std::prev(it)->second;
}

Result<ReadResult> Log::Read(Offset start, int32_t max_bytes, Offset max_offset, bool min_one_batch) const {
  std::vector<std::shared_ptr<LogSegment>> visited;
  auto result = ReadSegments(start, max_bytes, max_offset, min_one_batch, &visited);
  RepairCorruptIndexes(visited);
  return result;
}

Result<ReadResult> Log::ReadSegments(Offset start, int32_t max_bytes, Offset max_offset, bool min_one_batch,
                                     std::vector<std::shared_ptr<LogSegment>>* visited) const {
  ReadResult result;
  std::shared_lock lock(segments_mu_);
  const int64_t leo = log_end_offset_.load(std::memory_order_acquire);
  const int64_t lso = log_start_offset_.load(std::memory_order_acquire);
  result.log_start_offset = Offset(lso);
  result.log_end_offset = Offset(leo);
  if (start.value < lso || start.value > leo) {
    result.offset_out_of_range = true;
    return result;
  }
  const int64_t limit = std::min(max_offset.value, leo);
  if (start.value >= limit || max_bytes < 0) return result;
  auto it = segments_.upper_bound(start.value);
  if (it != segments_.begin()) --it;
  for (; it != segments_.end(); ++it) {
    visited->push_back(it->second);
    auto n = it->second->Read(start.value, max_bytes, limit, min_one_batch, &result);
    if (!n.ok()) return n.status();
    if (*n > 0) break;
    // Nothing at or after start in this segment (e.g. start is its next offset): try the next one. Stop when
    // the segment does hold the batch but it is excluded by max_offset or max_bytes.
    auto loc = it->second->TranslateOffset(start.value);
    if (!loc.ok()) return loc.status();
    if (loc->has_value()) break;
  }
  return result;
}

void Log::RepairCorruptIndexes(const std::vector<std::shared_ptr<LogSegment>>& segments) const {
  bool any = false;
  for (const auto& seg : segments) any = any || seg->index_corrupt();
  if (!any) return;
  // Rebuilding mutates the segment: serialize it with appends, truncation and retention (writer_mu_ is taken
  // before segments_mu_, so never while holding it).
  std::lock_guard lock(writer_mu_);
  for (const auto& seg : segments) {
    if (!seg->index_corrupt()) continue;  // another reader repaired it meanwhile
    {
      std::shared_lock seg_lock(segments_mu_);
      auto it = segments_.find(seg->base_offset());
      if (it == segments_.end() || it->second != seg) continue;  // deleted or replaced by the cleaner
    }
    if (Status st = seg->RebuildIndexes(); !st.ok())
      spdlog::error("log {}: rebuilding the indexes of {} failed: {}", dir_, seg->log_path(), st.ToString());
  }
}

Result<OffsetAndTimestamp> Log::OffsetForTimestamp(int64_t ts) const {
  std::vector<std::shared_ptr<LogSegment>> visited;
  Result<OffsetAndTimestamp> answer = OffsetAndTimestamp{};
  {
    std::shared_lock lock(segments_mu_);
    const int64_t lso = log_start_offset_.load(std::memory_order_acquire);
    const int64_t leo = log_end_offset_.load(std::memory_order_acquire);
    for (const auto& [base, seg] : segments_) {
      if (seg->MaxTimestamp() < ts) continue;
      visited.push_back(seg);
      auto found = seg->FindOffsetByTimestamp(ts, lso);
      if (!found.ok() || (found->found && found->offset.value < leo)) {
        answer = std::move(found);
        break;
      }
    }
  }
  RepairCorruptIndexes(visited);
  return answer;
}

OffsetAndTimestamp Log::MaxTimestampAndOffset() const {
  std::shared_lock lock(segments_mu_);
  OffsetAndTimestamp best;
  for (const auto& [base, seg] : segments_) {
    if (seg->MaxTimestamp() > best.timestamp) {
      best.timestamp = seg->MaxTimestamp();
      best.offset = Offset(seg->OffsetOfMaxTimestamp());
      best.found = true;
    }
  }
  return best;
}

int64_t Log::SizeInBytes() const {
  std::shared_lock lock(segments_mu_);
  int64_t total = 0;
  for (const auto& [base, seg] : segments_) total += seg->size();
  return total;
}

Status Log::Flush() {
  std::lock_guard lock(writer_mu_);
  return FlushLocked();
}

Status Log::FlushLocked() {
  const int64_t leo = log_end_offset_.load(std::memory_order_acquire);
  const int64_t from = recovery_point_.load(std::memory_order_acquire);
  if (from >= leo && unflushed_offsets_ == 0) return Status::Ok();
  PARTITA_RETURN_IF_ERROR(partition_metadata_.MaybeFlush());
  PARTITA_RETURN_IF_ERROR(leader_epochs_->WriteIfDirty());
  const auto started = std::chrono::steady_clock::now();
  {
    std::shared_lock lock(segments_mu_);
    auto it = segments_.upper_bound(from);
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) PARTITA_RETURN_IF_ERROR(it->second->Flush());
  }
  if (flush_time_) {
    flush_time_->Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  recovery_point_.store(leo, std::memory_order_release);
  unflushed_offsets_ = 0;
  last_flush_ms_ = MonotonicMs();
  return Status::Ok();
}

Status Log::Close() {
  closed_.store(true);  // a running cleaner pass stops at its next batch
  std::lock_guard clean_lock(cleaner_mu_);
  std::lock_guard lock(writer_mu_);
  Status st = FlushLocked();
  std::unique_lock seg_lock(segments_mu_);
  for (auto& [base, seg] : segments_) {
    Status s = seg->Close();
    if (st.ok()) st = s;
  }
  return st;
}

Status Log::Delete() {
  closed_.store(true);
  partition_metadata_.Forget();
  std::lock_guard clean_lock(cleaner_mu_);
  std::lock_guard lock(writer_mu_);
  std::unique_lock seg_lock(segments_mu_);
  for (auto& [base, seg] : segments_) {
    Status s = seg->Delete();
    if (!s.ok()) spdlog::warn("deleting {}: {}", dir_, s.ToString());
  }
  segments_.clear();
  (void)leader_epochs_->Delete();
  return RemoveTree(dir_);
}

std::vector<SegmentInfo> Log::Segments() const {
  std::shared_lock lock(segments_mu_);
  std::vector<SegmentInfo> out;
  out.reserve(segments_.size());
  for (auto it = segments_.begin(); it != segments_.end(); ++it)
    out.push_back(it->second->Info(std::next(it) == segments_.end()));
  return out;
}

}  // namespace partita::storage
