#include "engine/broker/purgatory.h"

#include <algorithm>

#include "engine/common/clock.h"

namespace partita::broker {

namespace {

// Below this many watch entries the lists are never purged (a purge would cost more than the memory it frees).
constexpr size_t kPurgeFloor = 10000;

bool Dead(const std::weak_ptr<DelayedOperation>& w) {
  auto op = w.lock();
  return !op || op->completed();
}

}  // namespace

bool DelayedOperation::TryComplete() {
  if (completed_.load()) return true;
  if (!CanComplete()) return false;
  if (!completed_.exchange(true)) OnComplete(false);
  return true;
}

bool DelayedOperation::TryCompleteAfterChangeOf(const TopicPartition& key) {
  if (completed_.load()) return true;
  if (!CanCompleteAfterChangeOf(key)) return false;
  if (!completed_.exchange(true)) OnComplete(false);
  return true;
}

void DelayedOperation::ForceComplete() {
  if (!completed_.exchange(true)) OnComplete(true);
}

Purgatory::Purgatory() : expiration_thread_([this] { ExpirationLoop(); }) {}

Purgatory::~Purgatory() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  expiration_thread_.join();
  while (!expiries_.empty()) {
    expiries_.top().op->ForceComplete();
    expiries_.pop();
  }
}

void Purgatory::Watch(const std::shared_ptr<DelayedOperation>& op, const std::vector<TopicPartition>& keys) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      op->ForceComplete();
      return;
    }
    AddWatchersLocked(op, keys);
    expiries_.push({op->deadline_ms(), op});
  }
  cv_.notify_one();
  op->TryComplete();
}

void Purgatory::Subscribe(const std::shared_ptr<DelayedOperation>& op, const std::vector<TopicPartition>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  AddWatchersLocked(op, keys);
}

void Purgatory::AddWatchersLocked(const std::shared_ptr<DelayedOperation>& op,
                                  const std::vector<TopicPartition>& keys) {
  for (const auto& key : keys) watchers_[key].push_back(op);
  watch_entries_ += keys.size();
  if (watch_entries_ > 2 * entries_after_purge_ + kPurgeFloor) PurgeLocked();
}

void Purgatory::Notify(const TopicPartition& key) {
  std::vector<std::shared_ptr<DelayedOperation>> ops;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = watchers_.find(key);
    if (it == watchers_.end()) return;
    auto& list = it->second;
    // Drop completed or gone operations while collecting the live ones.
    const size_t before = list.size();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const std::weak_ptr<DelayedOperation>& w) {
                                auto op = w.lock();
                                if (!op || op->completed()) return true;
                                ops.push_back(std::move(op));
                                return false;
                              }),
               list.end());
    watch_entries_ -= before - list.size();
    if (list.empty()) watchers_.erase(it);
  }
  for (auto& op : ops) op->TryCompleteAfterChangeOf(key);
}

void Purgatory::PurgeLocked() {
  size_t kept = 0;
  for (auto it = watchers_.begin(); it != watchers_.end();) {
    std::erase_if(it->second, Dead);
    kept += it->second.size();
    it = it->second.empty() ? watchers_.erase(it) : std::next(it);
  }
  watch_entries_ = kept;
  entries_after_purge_ = kept;
}

size_t Purgatory::WatchEntryCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return watch_entries_;
}

size_t Purgatory::PendingCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return expiries_.size();
}

void Purgatory::ExpirationLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    // Completed operations are removed from the queue as they reach its head.
    while (!expiries_.empty() && expiries_.top().op->completed()) expiries_.pop();
    if (expiries_.empty()) {
      cv_.wait(lock);
      continue;
    }
    int64_t now = MonotonicMs();
    const int64_t next = expiries_.top().deadline_ms;
    if (next > now) {
      // Wake at the deadline, or at least every 100 ms to drop completed operations from the queue.
      cv_.wait_for(lock, std::chrono::milliseconds(std::min<int64_t>(next - now, 100)));
      continue;
    }
    auto op = expiries_.top().op;
    expiries_.pop();
    lock.unlock();
    op->ForceComplete();
    lock.lock();
  }
}

}  // namespace partita::broker
