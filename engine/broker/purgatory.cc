#include "engine/broker/purgatory.h"

#include <algorithm>

#include "engine/common/clock.h"

namespace partita::broker {

bool DelayedOperation::TryComplete() {
  if (completed_.load()) return true;
  if (!CanComplete()) return false;
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
    for (const auto& key : keys) watchers_[key].push_back(op);
    expiries_.push({op->deadline_ms(), op});
  }
  cv_.notify_one();
  op->TryComplete();
}

void Purgatory::Notify(const TopicPartition& key) {
  std::vector<std::shared_ptr<DelayedOperation>> ops;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = watchers_.find(key);
    if (it == watchers_.end()) return;
    auto& list = it->second;
    // Drop completed or gone operations while collecting the live ones.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const std::weak_ptr<DelayedOperation>& w) {
                                auto op = w.lock();
                                if (!op || op->completed()) return true;
                                ops.push_back(std::move(op));
                                return false;
                              }),
               list.end());
    if (list.empty()) watchers_.erase(it);
  }
  for (auto& op : ops) op->TryComplete();
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
