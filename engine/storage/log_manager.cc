#include "engine/storage/log_manager.h"

#include <dirent.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/storage/file_util.h"
#include "engine/storage/partition_metadata_file.h"

namespace partita::storage {

namespace {

// "<topic>-<partition>" -> TopicPartition; false for anything else (e.g. Kafka's "-delete" / "-future" dirs).
bool ParseLogDirName(const std::string& name, TopicPartition* tp) {
  const auto dash = name.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 >= name.size()) return false;
  int32_t partition = 0;
  const char* first = name.data() + dash + 1;
  const char* last = name.data() + name.size();
  const auto [ptr, ec] = std::from_chars(first, last, partition);
  if (ec != std::errc() || ptr != last || partition < 0) return false;
  tp->topic = name.substr(0, dash);
  tp->partition = PartitionId(partition);
  return true;
}

}  // namespace

Result<std::unique_ptr<LogManager>> LogManager::Open(LogManagerConfig config) {
  if (config.log_dirs.empty()) return Status::InvalidArgument("log.dirs is empty");
  // Every dir is locked before anything in it is read or written (Kafka's LogManager.lockLogDirs), and before
  // the LogManager exists: a refused start must not leave checkpoints behind from its destructor.
  std::vector<LogDirLock> locks;
  for (const std::string& dir : config.log_dirs) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IOError("create " + dir + ": " + ec.message());
    auto lock = LogDirLock::Acquire(dir);
    if (!lock.ok()) return lock.status();
    locks.push_back(std::move(*lock));
  }
  std::unique_ptr<LogManager> mgr(new LogManager(std::move(config)));
  mgr->dir_locks_ = std::move(locks);
  for (const std::string& dir : mgr->config_.log_dirs) PARTITA_RETURN_IF_ERROR(mgr->LoadDir(dir));
  return mgr;
}

LogManager::~LogManager() {
  if (!shut_down_) (void)Shutdown(false);
}

Status LogManager::LoadDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("create " + dir + ": " + ec.message());
  auto meta = ReadMetaProperties(dir);
  if (meta.ok()) {
    if (config_.broker_id >= 0 && meta->broker_id != config_.broker_id)
      return Status::InvalidArgument(dir + " belongs to broker " + std::to_string(meta->broker_id));
  } else if (meta.status().IsNotFound()) {
    if (config_.broker_id >= 0)
      PARTITA_RETURN_IF_ERROR(WriteMetaProperties(dir, {config_.broker_id, config_.cluster_id}));
  } else {
    return meta.status();
  }
  const bool clean = HasCleanShutdownMarker(dir);
  auto recovery_points = ReadOffsetCheckpoint(dir + "/" + kRecoveryPointCheckpointFile);
  if (!recovery_points.ok()) {
    // A damaged checkpoint is not fatal: recover every log of this dir from its start.
    spdlog::warn("{}; recovering all logs in {} from the beginning", recovery_points.status().ToString(), dir);
    recovery_points = OffsetCheckpoint{};
  }
  auto start_offsets = ReadOffsetCheckpoint(dir + "/" + kLogStartOffsetCheckpointFile);
  if (!start_offsets.ok()) start_offsets = OffsetCheckpoint{};
  auto first_dirty = ReadOffsetCheckpoint(dir + "/" + kCleanerOffsetCheckpointFile);
  if (!first_dirty.ok()) first_dirty = OffsetCheckpoint{};  // damaged: the next pass cleans from the start

  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return Status::FromErrno(errno, "open " + dir);
  while (dirent* e = ::readdir(d)) {
    if (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN) names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    TopicPartition tp;
    if (name == "." || name == ".." || !ParseLogDirName(name, &tp)) continue;
    if (!std::filesystem::is_directory(dir + "/" + name)) continue;
    RecoveryHints hints;
    hints.clean_shutdown = clean;
    auto rp = recovery_points->find(tp);
    hints.recovery_point = rp == recovery_points->end() ? 0 : rp->second;
    auto so = start_offsets->find(tp);
    hints.log_start_offset = so == start_offsets->end() ? 0 : so->second;
    const LogConfig cfg = config_.topic_config ? config_.topic_config(tp.topic) : config_.default_log_config;
    auto log = Log::Open(dir + "/" + name, cfg, hints);
    if (!log.ok()) {
      spdlog::error("cannot load log {}/{}: {}", dir, name, log.status().ToString());
      return log.status();
    }
    if (!clean)
      spdlog::info("recovered log {}/{}: {} bytes truncated, log end offset {}", dir, name,
                   (*log)->bytes_truncated_by_recovery(), (*log)->LogEndOffset().value);
    if (auto fd = first_dirty->find(tp); fd != first_dirty->end()) (*log)->SetFirstDirtyOffset(Offset(fd->second));
    (*log)->SetFlushHistogram(config_.flush_time);
    WatchRecoveryPoint(**log);
    std::lock_guard lock(mu_);
    if (logs_.count(tp)) return Status::AlreadyExists("partition " + name + " exists in two log dirs");
    logs_[tp] = std::shared_ptr<Log>(std::move(log).value());
    log_dir_of_[tp] = dir;
    ++logs_in_dir_[dir];
  }
  // From now on the logs are live: a crash must recover them.
  return RemoveCleanShutdownMarker(dir);
}

void LogManager::Start() {
  std::lock_guard lock(thread_mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { BackgroundLoop(); });
  if (config_.cleaner_enable) cleaner_thread_ = std::thread([this] { CleanerLoop(); });
}

void LogManager::CleanerLoop() {
  std::unique_lock lock(thread_mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, config_.cleaner_backoff_ms)));
    if (stopping_) break;
    lock.unlock();
    CleanLogs(WallClockMs());
    lock.lock();
  }
}

int LogManager::CleanLogs(int64_t now_ms, bool force) {
  int cleaned = 0;
  for (const auto& [tp, log] : AllLogs()) {
    if (cleaner_stop_.load()) break;
    if (!log->config().cleanup_compact) continue;
    auto r = log->Clean(now_ms, force, &cleaner_stop_);
    if (!r.ok()) {
      // Kafka marks such a partition uncleanable and goes on with the others; we retry on the next pass.
      spdlog::error("cleaning {} failed: {}", tp.DirName(), r.status().ToString());
    } else if (r->cleaned) {
      ++cleaned;
    }
  }
  if (cleaned > 0) {
    if (Status st = CheckpointOffsets(); !st.ok()) spdlog::error("checkpoint failed: {}", st.ToString());
  }
  return cleaned;
}

void LogManager::WatchRecoveryPoint(Log& log) {
  log.SetRecoveryPointListener([this] { RequestCheckpoint(); });
}

void LogManager::RequestCheckpoint() {
  {
    std::lock_guard lock(thread_mu_);
    checkpoint_requested_ = true;
  }
  background_cv_.notify_all();
}

void LogManager::BackgroundLoop() {
  int64_t next_retention = MonotonicMs() + config_.retention_check_interval_ms;
  int64_t next_checkpoint = MonotonicMs() + config_.checkpoint_interval_ms;
  int64_t next_hw = MonotonicMs() + config_.hw_checkpoint_interval_ms;
  std::unique_lock lock(thread_mu_);
  while (!stopping_) {
    const int64_t wake = std::min({next_retention, next_checkpoint, next_hw});
    background_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(0, wake - MonotonicMs())),
                            [this] { return stopping_ || checkpoint_requested_; });
    if (stopping_) break;
    const bool requested = checkpoint_requested_;
    checkpoint_requested_ = false;
    lock.unlock();
    const int64_t now = MonotonicMs();
    if (requested && now < next_checkpoint) {
      if (Status st = CheckpointOffsets(); !st.ok()) spdlog::error("checkpoint failed: {}", st.ToString());
    }
    if (now >= next_retention) {
      ApplyRetention(WallClockMs());
      next_retention = now + config_.retention_check_interval_ms;
    }
    if (now >= next_checkpoint) {
      if (Status st = CheckpointOffsets(); !st.ok()) spdlog::error("checkpoint failed: {}", st.ToString());
      next_checkpoint = now + config_.checkpoint_interval_ms;
    }
    if (now >= next_hw) {
      if (Status st = CheckpointHighWatermarks(); !st.ok()) spdlog::error("HW checkpoint failed: {}", st.ToString());
      next_hw = now + config_.hw_checkpoint_interval_ms;
    }
    lock.lock();
  }
}

std::shared_ptr<Log> LogManager::GetLog(const TopicPartition& tp) const {
  std::lock_guard lock(mu_);
  auto it = logs_.find(tp);
  return it == logs_.end() ? nullptr : it->second;
}

Result<bool> LogManager::CheckTopicId(const TopicPartition& tp, Log& log, const std::string& topic_id) {
  auto on_disk = log.partition_metadata().TopicId();
  if (!on_disk.ok()) return on_disk.status();
  if (!*on_disk) {
    log.partition_metadata().Record(topic_id);  // a log from before topic ids (or one that never got a record)
    return false;
  }
  if (**on_disk == topic_id) return false;
  spdlog::warn("{}: partition.metadata names topic id {} but the topic now has id {}: the directory holds an "
               "earlier incarnation of a deleted and recreated topic (a stray log); deleting it",
               tp.DirName(), **on_disk, topic_id);
  PARTITA_RETURN_IF_ERROR(DeleteLog(tp));
  return true;
}

Result<std::shared_ptr<Log>> LogManager::GetOrCreateLog(const TopicPartition& tp, const LogConfig& config,
                                                        const std::string& topic_id) {
  if (!topic_id.empty()) {
    if (std::shared_ptr<Log> existing = GetLog(tp)) {
      auto stray = CheckTopicId(tp, *existing, topic_id);
      if (!stray.ok()) return stray.status();
      if (!*stray) return existing;
    }
  }
  std::lock_guard lock(mu_);
  if (auto it = logs_.find(tp); it != logs_.end()) return it->second;
  // The log dir holding the fewest partitions, as Kafka chooses; counted as logs come and go (counting them here
  // made creating N partitions quadratic: 10,000 took a broker 12 s of CPU).
  std::string best = config_.log_dirs.front();
  for (const std::string& dir : config_.log_dirs)
    if (logs_in_dir_[dir] < logs_in_dir_[best]) best = dir;
  auto log = Log::Open(best + "/" + tp.DirName(), config, RecoveryHints{true, 0, 0});
  if (!log.ok()) return log.status();
  if (!topic_id.empty()) (*log)->partition_metadata().Record(topic_id);
  (*log)->SetFlushHistogram(config_.flush_time);
  auto shared = std::shared_ptr<Log>(std::move(log).value());
  WatchRecoveryPoint(*shared);
  logs_[tp] = shared;
  log_dir_of_[tp] = best;
  ++logs_in_dir_[best];
  return shared;
}

Status LogManager::DeleteLog(const TopicPartition& tp) {
  std::shared_ptr<Log> log;
  {
    std::lock_guard lock(mu_);
    auto it = logs_.find(tp);
    if (it == logs_.end()) return Status::NotFound("no log for " + tp.DirName());
    log = it->second;
    logs_.erase(it);
    if (auto dir = log_dir_of_.find(tp); dir != log_dir_of_.end()) {
      --logs_in_dir_[dir->second];
      log_dir_of_.erase(dir);
    }
  }
  PARTITA_RETURN_IF_ERROR(log->Delete());
  return CheckpointOffsets();
}

std::map<TopicPartition, std::shared_ptr<Log>> LogManager::AllLogs() const {
  std::lock_guard lock(mu_);
  return logs_;
}

void LogManager::SetHighWatermarkSource(std::function<OffsetCheckpoint()> source) {
  std::lock_guard lock(mu_);
  hw_source_ = std::move(source);
}

Status LogManager::CheckpointOffsets() {
  std::map<std::string, OffsetCheckpoint> recovery, start, cleaner;
  {
    std::lock_guard lock(mu_);
    for (const std::string& dir : config_.log_dirs) recovery[dir], start[dir], cleaner[dir];
    for (const auto& [tp, log] : logs_) {
      const std::string& dir = log_dir_of_[tp];
      recovery[dir][tp] = log->RecoveryPoint().value;
      start[dir][tp] = log->LogStartOffset().value;
      if (log->FirstDirtyOffset().value > 0) cleaner[dir][tp] = log->FirstDirtyOffset().value;
    }
  }
  Status result;
  for (const std::string& dir : config_.log_dirs) {
    for (const auto& [file, offsets] : {std::pair{kRecoveryPointCheckpointFile, &recovery[dir]},
                                        std::pair{kLogStartOffsetCheckpointFile, &start[dir]},
                                        std::pair{kCleanerOffsetCheckpointFile, &cleaner[dir]}}) {
      Status st = WriteOffsetCheckpoint(dir + "/" + file, *offsets);
      if (result.ok()) result = st;
    }
  }
  return result;
}

Status LogManager::CheckpointHighWatermarks() {
  std::function<OffsetCheckpoint()> source;
  std::map<TopicPartition, std::string> dirs;
  {
    std::lock_guard lock(mu_);
    source = hw_source_;
    dirs = log_dir_of_;
  }
  if (!source) return Status::Ok();
  std::map<std::string, OffsetCheckpoint> per_dir;
  for (const std::string& dir : config_.log_dirs) per_dir[dir];
  for (const auto& [tp, hw] : source()) {
    auto it = dirs.find(tp);
    if (it != dirs.end()) per_dir[it->second][tp] = hw;
  }
  Status result;
  for (const auto& [dir, offsets] : per_dir) {
    Status st = WriteOffsetCheckpoint(dir + "/" + kReplicationOffsetCheckpointFile, offsets);
    if (result.ok()) result = st;
  }
  return result;
}

int LogManager::ApplyRetention(int64_t now_ms) {
  int deleted = 0;
  for (const auto& [tp, log] : AllLogs()) {
    auto n = log->ApplyRetention(now_ms);
    if (n.ok()) {
      deleted += *n;
    } else {
      spdlog::error("retention for {} failed: {}", tp.DirName(), n.status().ToString());
    }
  }
  return deleted;
}

Status LogManager::Shutdown(bool clean) {
  {
    std::lock_guard lock(thread_mu_);
    if (shut_down_) return Status::Ok();
    stopping_ = true;
  }
  cleaner_stop_.store(true);
  cv_.notify_all();
  background_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (cleaner_thread_.joinable()) cleaner_thread_.join();
  Status result;
  for (const auto& [tp, log] : AllLogs()) {
    Status st = log->Close();
    if (!st.ok()) {
      spdlog::error("closing {} failed: {}", tp.DirName(), st.ToString());
      if (result.ok()) result = st;
    }
  }
  Status st = CheckpointOffsets();
  if (result.ok()) result = st;
  st = CheckpointHighWatermarks();
  if (result.ok()) result = st;
  if (clean && result.ok()) {
    for (const std::string& dir : config_.log_dirs) {
      st = WriteCleanShutdownMarker(dir);
      if (result.ok()) result = st;
    }
  }
  shut_down_ = true;
  dir_locks_.clear();  // the dirs are free for the next LogManager (a restarted in-process broker)
  return result;
}

}  // namespace partita::storage
