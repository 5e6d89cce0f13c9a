// Log: everything that removes data — retention (time, size, log start offset), DeleteRecords and
// truncation. Whole segments are deleted; segments are removed from the list under the exclusive segment
// lock, and their files are unlinked directly (Kafka renames to .deleted first and deletes later; open
// FileRegions keep reading an unlinked file just the same).
#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/storage/log.h"

namespace partita::storage {

Status Log::DeleteSegmentsLocked(size_t count) {
  std::vector<std::shared_ptr<LogSegment>> doomed;
  {
    std::unique_lock lock(segments_mu_);
    while (count-- > 0 && segments_.size() > 1) {
      doomed.push_back(segments_.begin()->second);
      segments_.erase(segments_.begin());
    }
    const int64_t first_base = segments_.begin()->first;
    if (log_start_offset_.load(std::memory_order_relaxed) < first_base)
      log_start_offset_.store(first_base, std::memory_order_release);
  }
  for (auto& seg : doomed) {
    spdlog::info("log {}: deleting segment {} ({} bytes)", dir_, seg->base_offset(), seg->size());
    PARTITA_RETURN_IF_ERROR(seg->Delete());
  }
  if (!doomed.empty()) PARTITA_RETURN_IF_ERROR(leader_epochs_->TruncateFromStart(log_start_offset_.load()));
  return Status::Ok();
}

Result<int> Log::ApplyRetention(int64_t now_ms) {
  std::lock_guard lock(writer_mu_);
  const LogConfig cfg = config();
  std::vector<std::shared_ptr<LogSegment>> segs;
  {
    std::shared_lock seg_lock(segments_mu_);
    for (const auto& [base, seg] : segments_) segs.push_back(seg);
  }
  const int64_t lso = log_start_offset_.load(std::memory_order_relaxed);
  int64_t total = 0;
  for (const auto& seg : segs) total += seg->size();
  int64_t size_excess = cfg.retention_bytes >= 0 ? total - cfg.retention_bytes : -1;
  // Deletable segments form a prefix: stop at the first one no rule applies to (Kafka's deletableSegments).
  size_t deletable = 0;
  for (size_t i = 0; i < segs.size(); ++i) {
    const LogSegment& seg = *segs[i];
    const bool last = i + 1 == segs.size();
    if (last && seg.size() == 0) break;
    const bool by_start = !last && segs[i + 1]->base_offset() <= lso;
    // cleanup.policy=compact alone keeps data by key, not by age or size (Kafka applies neither then).
    const bool by_time =
        cfg.cleanup_delete && cfg.retention_ms >= 0 && now_ms - seg.LargestTimestamp() > cfg.retention_ms;
    const bool by_size = cfg.cleanup_delete && size_excess >= 0 && size_excess - seg.size() >= 0;
    if (!(by_start || by_time || by_size)) break;
    if (by_size) size_excess -= seg.size();
    ++deletable;
  }
  if (deletable == 0) return 0;
  if (deletable == segs.size()) {
    // Everything expired, the active segment too: roll an empty one so the partition keeps an active segment.
    PARTITA_RETURN_IF_ERROR(RollLocked(log_end_offset_.load(std::memory_order_relaxed), now_ms));
  }
  PARTITA_RETURN_IF_ERROR(DeleteSegmentsLocked(deletable));
  return static_cast<int>(deletable);
}

Status Log::DeleteRecordsBefore(Offset offset) {
  std::lock_guard lock(writer_mu_);
  const int64_t leo = log_end_offset_.load(std::memory_order_relaxed);
  if (offset.value > leo || offset.value < 0)
    return Status::InvalidArgument("DeleteRecords offset " + std::to_string(offset.value) + " outside the log");
  if (offset.value <= log_start_offset_.load(std::memory_order_relaxed)) return Status::Ok();
  log_start_offset_.store(offset.value, std::memory_order_release);
  PARTITA_RETURN_IF_ERROR(leader_epochs_->TruncateFromStart(offset.value));
  size_t count = 0;
  {
    std::shared_lock seg_lock(segments_mu_);
    for (auto it = segments_.begin(); it != segments_.end(); ++it) {
      auto next = std::next(it);
      if (next == segments_.end() || next->first > offset.value) break;
      ++count;
    }
  }
  return DeleteSegmentsLocked(count);
}

Status Log::TruncateTo(Offset offset) {
  std::lock_guard lock(writer_mu_);
  if (offset.value < 0) return Status::InvalidArgument("negative truncation offset");
  if (offset.value >= log_end_offset_.load(std::memory_order_relaxed)) return Status::Ok();
  if (offset.value < segments_.begin()->first) return TruncateFullyLocked(offset.value);
  std::unique_lock seg_lock(segments_mu_);
  while (segments_.size() > 1 && segments_.rbegin()->first > offset.value) {
    auto last = std::prev(segments_.end());
    PARTITA_RETURN_IF_ERROR(last->second->Delete());
    segments_.erase(last);
  }
  auto truncated = ActiveLocked().TruncateTo(offset.value);
  if (!truncated.ok()) return truncated.status();
  auto next = ActiveLocked().ReadNextOffset();
  if (!next.ok()) return next.status();
  log_end_offset_.store(*next, std::memory_order_release);
  if (recovery_point_.load() > *next) recovery_point_.store(*next);
  if (log_start_offset_.load() > *next) log_start_offset_.store(*next);
  return leader_epochs_->TruncateFromEnd(*next);
}

Status Log::TruncateFullyAndStartAt(Offset offset) {
  std::lock_guard lock(writer_mu_);
  return TruncateFullyLocked(offset.value);
}

Status Log::TruncateFullyLocked(int64_t offset) {
  if (offset < 0) return Status::InvalidArgument("negative start offset");
  std::shared_ptr<LogSegment> keep;
  if (auto it = segments_.find(offset); it != segments_.end()) {
    keep = it->second;
  } else {
    auto seg = LogSegment::Open(dir_, offset, config(), WallClockMs());
    if (!seg.ok()) return seg.status();
    keep = std::shared_ptr<LogSegment>(std::move(seg).value());
  }
  std::unique_lock seg_lock(segments_mu_);
  for (auto& [base, old] : segments_) {
    if (old != keep) PARTITA_RETURN_IF_ERROR(old->Delete());
  }
  segments_.clear();
  segments_[offset] = keep;
  if (keep->size() > 0) {
    auto t = keep->TruncateTo(offset);
    if (!t.ok()) return t.status();
  }
  log_end_offset_.store(offset, std::memory_order_release);
  log_start_offset_.store(offset, std::memory_order_release);
  recovery_point_.store(offset, std::memory_order_release);
  PARTITA_RETURN_IF_ERROR(leader_epochs_->TruncateFromEnd(offset));
  return leader_epochs_->TruncateFromStart(offset);
}

}  // namespace partita::storage
