#include "engine/storage/leader_epoch_cache.h"

#include <unistd.h>

#include <cerrno>
#include <memory>
#include <sstream>

#include "engine/storage/file_util.h"

namespace partita::storage {

Result<std::unique_ptr<LeaderEpochCache>> LeaderEpochCache::Open(const std::string& dir) {
  std::unique_ptr<LeaderEpochCache> cache(new LeaderEpochCache(dir + "/" + kLeaderEpochCheckpointFile));
  auto text = ReadWholeFile(cache->path_);
  if (!text.ok()) {
    if (text.status().IsNotFound()) return cache;
    return text.status();
  }
  std::istringstream in(*text);
  std::string version;
  int64_t count = -1;
  if (!(in >> version) || version != "0" || !(in >> count) || count < 0)
    return Status::Corruption(cache->path_ + ": bad header");
  for (int64_t i = 0; i < count; ++i) {
    EpochEntry e;
    if (!(in >> e.epoch >> e.start_offset)) return Status::Corruption(cache->path_ + ": truncated");
    if (!cache->entries_.empty() &&
        (e.epoch <= cache->entries_.back().epoch || e.start_offset < cache->entries_.back().start_offset))
      return Status::Corruption(cache->path_ + ": entries out of order");
    cache->entries_.push_back(e);
  }
  return cache;
}

std::string LeaderEpochCache::Format(const std::vector<EpochEntry>& entries) {
  std::string out = "0\n" + std::to_string(entries.size()) + "\n";
  for (const EpochEntry& e : entries) out += std::to_string(e.epoch) + " " + std::to_string(e.start_offset) + "\n";
  return out;
}

Status LeaderEpochCache::WriteLocked() {
  PARTITA_RETURN_IF_ERROR(WriteFileAtomically(path_, Format(entries_)));
  dirty_ = false;
  return Status::Ok();
}

Status LeaderEpochCache::WriteIfDirty() {
  std::lock_guard lock(mu_);
  return dirty_ ? WriteLocked() : Status::Ok();
}

Status LeaderEpochCache::Assign(int32_t epoch, int64_t start_offset, bool write_now) {
  if (epoch < 0 || start_offset < 0) return Status::InvalidArgument("undefined leader epoch or offset");
  std::lock_guard lock(mu_);
  if (!entries_.empty() && entries_.back().epoch == epoch && entries_.back().start_offset <= start_offset)
    return Status::Ok();
  // Superseded entries: same or later epoch, or starting at or after this offset.
  while (!entries_.empty() && (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset))
    entries_.pop_back();
  entries_.push_back({epoch, start_offset});
  if (!write_now) {
    dirty_ = true;
    return Status::Ok();
  }
  return WriteLocked();
}

std::pair<int32_t, int64_t> LeaderEpochCache::EndOffsetForEpoch(int32_t requested, int64_t log_end_offset) const {
  std::lock_guard lock(mu_);
  if (requested < 0 || entries_.empty()) return {-1, -1};
  if (entries_.back().epoch == requested) return {requested, log_end_offset};
  const EpochEntry* floor = nullptr;
  const EpochEntry* higher = nullptr;
  for (const EpochEntry& e : entries_) {
    if (e.epoch <= requested) floor = &e;
    if (e.epoch > requested && higher == nullptr) higher = &e;
  }
  if (higher == nullptr) return {-1, -1};
  if (floor == nullptr) return {requested, higher->start_offset};
  return {floor->epoch, higher->start_offset};
}

std::optional<int32_t> LeaderEpochCache::LatestEpoch() const {
  std::lock_guard lock(mu_);
  if (entries_.empty()) return std::nullopt;
  return entries_.back().epoch;
}

Status LeaderEpochCache::TruncateFromEnd(int64_t end_offset) {
  std::lock_guard lock(mu_);
  if (end_offset < 0 || entries_.empty() || entries_.back().start_offset < end_offset) return Status::Ok();
  while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
  return WriteLocked();
}

Status LeaderEpochCache::TruncateFromStart(int64_t start_offset) {
  std::lock_guard lock(mu_);
  size_t below = 0;
  while (below < entries_.size() && entries_[below].start_offset <= start_offset) ++below;
  if (below == 0) return Status::Ok();
  // Keep the latest entry at or below the new start, moved up to it.
  EpochEntry kept = entries_[below - 1];
  if (below == 1 && kept.start_offset == start_offset) return Status::Ok();
  kept.start_offset = start_offset;
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<long>(below));
  entries_.insert(entries_.begin(), kept);
  return WriteLocked();
}

std::vector<EpochEntry> LeaderEpochCache::Entries() const {
  std::lock_guard lock(mu_);
  return entries_;
}

Status LeaderEpochCache::Delete() {
  std::lock_guard lock(mu_);
  entries_.clear();
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Status::FromErrno(errno, "delete " + path_);
  return Status::Ok();
}

}  // namespace partita::storage
