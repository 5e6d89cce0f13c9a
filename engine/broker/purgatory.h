// Delayed operations (Kafka's "purgatory"): requests parked until their condition holds or their deadline
// passes — a fetch waiting for fetch.min.bytes, a produce with acks=all waiting for the high watermark.
// No thread is parked per request: an operation is re-checked when a partition it watches changes
// (Notify, called by the append path) and expired by one timer thread.
// Thread safety: all methods are thread-safe; an operation completes exactly once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/common/types.h"

namespace partita::broker {

class DelayedOperation {
 public:
  explicit DelayedOperation(int64_t deadline_ms) : deadline_ms_(deadline_ms) {}
  virtual ~DelayedOperation() = default;

  // Completes the operation if its condition holds. Returns true if it is (now or already) complete.
  bool TryComplete();
  // The same after a change of watched `key` (Notify): an operation watching thousands of keys checks that one.
  bool TryCompleteAfterChangeOf(const TopicPartition& key);
  // Completes the operation as expired (deadline passed or shutdown), unless it already completed.
  void ForceComplete();
  bool completed() const { return completed_.load(); }
  int64_t deadline_ms() const { return deadline_ms_; }

 protected:
  // A cheap check of the completion condition.
  virtual bool CanComplete() = 0;
  // The check after a change of `key` alone; by default the whole check.
  virtual bool CanCompleteAfterChangeOf(const TopicPartition& key) {
    (void)key;
    return CanComplete();
  }
  // Builds and sends the answer; runs exactly once, on whichever thread won the race.
  virtual void OnComplete(bool expired) = 0;

 private:
  const int64_t deadline_ms_;  // MonotonicMs() clock
  std::atomic<bool> completed_{false};
};

class Purgatory {
 public:
  Purgatory();
  ~Purgatory();  // expires every pending operation
  Purgatory(const Purgatory&) = delete;
  Purgatory& operator=(const Purgatory&) = delete;

  // Parks `op` until it completes, watching `keys`. Checks once more after registering so that a change that
  // raced with the caller's first check is not missed.
  void Watch(const std::shared_ptr<DelayedOperation>& op, const std::vector<TopicPartition>& keys);
  // Registers `op` on `keys` without a deadline and without checking it: a standing watcher (a fetch session's,
  // see FetchSessionCache::Park) that stays until it completes or is gone.
  void Subscribe(const std::shared_ptr<DelayedOperation>& op, const std::vector<TopicPartition>& keys);
  // Re-checks the operations watching `key`.
  void Notify(const TopicPartition& key);
  size_t PendingCount() const;
  // Entries in the watch lists, live or not (tests: stays bounded when watched keys never change).
  size_t WatchEntryCount() const;

 private:
  struct Expiry {
    int64_t deadline_ms;
    std::shared_ptr<DelayedOperation> op;
    bool operator>(const Expiry& o) const { return deadline_ms > o.deadline_ms; }
  };
  void ExpirationLoop();
  // Adds `op` to the watch lists of `keys`, purging the lists when they have grown enough; mu_ held.
  void AddWatchersLocked(const std::shared_ptr<DelayedOperation>& op, const std::vector<TopicPartition>& keys);
  // Drops completed operations from every watch list; mu_ held.
  void PurgeLocked();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<TopicPartition, std::vector<std::weak_ptr<DelayedOperation>>> watchers_;
  // An operation stays in the lists of the keys that did not complete it until they change; keys that never
  // change would keep every parked fetch forever. Kafka's purgatory purges all lists once that many completed
  // entries may have piled up (purgeInterval, fetch.purgatory.purge.interval.requests): here, once the entries
  // exceed twice those left by the last purge plus kPurgeFloor, so memory stays within a constant factor of
  // what is live and the purge costs O(1) per Watch entry, amortized.
  size_t watch_entries_ = 0;
  size_t entries_after_purge_ = 0;
  std::priority_queue<Expiry, std::vector<Expiry>, std::greater<>> expiries_;
  bool stopping_ = false;
  std::thread expiration_thread_;
};

}  // namespace partita::broker
