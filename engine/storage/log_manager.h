// LogManager: owns every partition log under the broker's log.dirs. At Open it locks every dir (`.lock`, see
// LogDirLock; a dir locked by another broker fails Open before anything is read or written) and loads all partition
// directories (a log dir's .kafka_cleanshutdown marker skips recovery; otherwise each log recovers from the
// checkpointed recovery point) and then removes the markers. A background thread applies retention every
// log.retention.check.interval.ms and writes recovery-point / log-start checkpoints every 60 s (and promptly
// after any log's roll advanced its recovery point, so an unclean restart scans only the newest segments) and the
// replication-offset (high watermark) checkpoint through a hook. A second thread, the log cleaner, compacts
// logs whose cleanup.policy contains compact every log.cleaner.backoff.ms (Log::Clean) and keeps each log
// dir's cleaner-offset-checkpoint, so a restart does not re-clean what was clean. Shutdown(clean) flushes,
// checkpoints and leaves the marker.
// Thread safety: all public methods are internally synchronized. Logs are shared_ptr: a caller may keep
// using a Log after DeleteLog (its reads still work; the files are gone).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/log.h"
#include "engine/storage/log_dir_lock.h"

namespace partita::storage {

struct LogManagerConfig {
  std::vector<std::string> log_dirs;              // log.dirs
  LogConfig default_log_config;                   // broker defaults (log.segment.bytes, ...)
  int64_t retention_check_interval_ms = 300'000;  // log.retention.check.interval.ms
  int64_t checkpoint_interval_ms = 60'000;        // log.flush.offset.checkpoint.interval.ms / start offset
  int64_t hw_checkpoint_interval_ms = 5'000;      // replica.high.watermark.checkpoint.interval.ms
  bool cleaner_enable = true;                     // log.cleaner.enable
  int64_t cleaner_backoff_ms = 15'000;            // log.cleaner.backoff.ms: pause between cleaner passes
  int32_t broker_id = -1;                         // written to meta.properties when >= 0
  std::string cluster_id;
  // Every log's flush times are recorded here when set (the broker's kafka_log_flush_time_seconds).
  std::shared_ptr<metrics::Histogram> flush_time;
  // Per-topic overrides for logs found on disk at startup; defaults to default_log_config.
  std::function<LogConfig(const std::string& topic)> topic_config;
};

class LogManager {
 public:
  // Loads every log dir. meta.properties is created when missing; one with another broker.id is an error.
  static Result<std::unique_ptr<LogManager>> Open(LogManagerConfig config);
  ~LogManager();  // Shutdown(false) if not shut down yet

  // Starts the background retention / checkpoint thread and, when enabled, the cleaner thread.
  void Start();

  std::shared_ptr<Log> GetLog(const TopicPartition& tp) const;
  // The existing log, or a new one in the log dir holding the fewest partitions. `topic_id` (Kafka's text form;
  // empty: the topic has none yet) is the cluster's id of tp's topic (KIP-516): a new log gets it in its
  // partition.metadata, an existing log without the file gets it too, and an existing log whose file names
  // another id is an earlier incarnation of a topic deleted and recreated under this name while this broker
  // was away — Kafka's stray log: it is deleted and a new empty log takes its place. A malformed file is an
  // error (the partition is not served), as Kafka fails such a log.
  Result<std::shared_ptr<Log>> GetOrCreateLog(const TopicPartition& tp, const LogConfig& config,
                                              const std::string& topic_id = "");
  // Removes the partition's log and its directory.
  Status DeleteLog(const TopicPartition& tp);
  std::map<TopicPartition, std::shared_ptr<Log>> AllLogs() const;

  // Source of high watermarks for the replication-offset-checkpoint (set by the replica manager).
  void SetHighWatermarkSource(std::function<OffsetCheckpoint()> source);
  // Writes recovery-point-offset-checkpoint and log-start-offset-checkpoint in every log dir now.
  Status CheckpointOffsets();
  Status CheckpointHighWatermarks();
  // Runs retention on every log now; returns segments deleted.
  int ApplyRetention(int64_t now_ms);
  // One cleaner pass over every compacted log now (what the cleaner thread does); returns logs cleaned.
  // `force` cleans regardless of min.cleanable.dirty.ratio. Writes cleaner-offset-checkpoint after a clean.
  int CleanLogs(int64_t now_ms, bool force = false);

  // Stops the thread, flushes and closes every log, writes the checkpoints and, if clean, the marker.
  Status Shutdown(bool clean);

 private:
  explicit LogManager(LogManagerConfig config) : config_(std::move(config)) {}
  Status LoadDir(const std::string& dir);
  // The stray-log check of GetOrCreateLog for a loaded log; true if the log was deleted as stray.
  Result<bool> CheckTopicId(const TopicPartition& tp, Log& log, const std::string& topic_id);
  void BackgroundLoop();
  void CleanerLoop();
  std::string DirOf(const Log& log) const;
  // Recovery-point checkpoint on roll: a log's listener asks, the background thread writes it.
  void WatchRecoveryPoint(Log& log);
  void RequestCheckpoint();

  const LogManagerConfig config_;
  mutable std::mutex mu_;
  std::map<TopicPartition, std::shared_ptr<Log>> logs_;
  std::map<TopicPartition, std::string> log_dir_of_;  // which of log.dirs holds each partition
  std::map<std::string, size_t> logs_in_dir_;          // how many partitions each of log.dirs holds
  std::function<OffsetCheckpoint()> hw_source_;
  std::vector<LogDirLock> dir_locks_;  // held from Open to the end of Shutdown

  std::mutex thread_mu_;
  std::condition_variable cv_;             // wakes the cleaner thread (and, on shutdown, both)
  std::condition_variable background_cv_;  // wakes the retention / checkpoint thread
  bool checkpoint_requested_ = false;      // guarded by thread_mu_
  bool stopping_ = false;
  bool shut_down_ = false;
  std::thread thread_;
  std::thread cleaner_thread_;
  std::atomic<bool> cleaner_stop_{false};  // checked by a running Log::Clean between batches
};

}  // namespace partita::storage
