#include "engine/net/request_memory_pool.h"

namespace partita::net {

bool RequestMemoryPool::TryStart(int64_t bytes, uint64_t* ticket, Waiter wake) {
  std::lock_guard<std::mutex> lock(mu_);
  if (limit_ >= 0 && used_ >= limit_) {
    waiters_.push_back(std::move(wake));
    return false;
  }
  *ticket = next_ticket_++;
  reading_.insert(*ticket);
  used_ += bytes;
  return true;
}

bool RequestMemoryPool::TryGrow(uint64_t ticket, int64_t bytes, Waiter wake) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool oldest = !reading_.empty() && *reading_.begin() == ticket;
  if (limit_ >= 0 && used_ + bytes > limit_ && !oldest) {
    waiters_.push_back(std::move(wake));
    return false;
  }
  used_ += bytes;
  return true;
}

void RequestMemoryPool::FinishReading(uint64_t ticket) {
  std::vector<Waiter> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const bool was_oldest = !reading_.empty() && *reading_.begin() == ticket;
    reading_.erase(ticket);
    if (was_oldest) wake = TakeWaitersLocked();  // another request may now be the one allowed to grow
  }
  Run(std::move(wake));
}

void RequestMemoryPool::Release(int64_t bytes) {
  std::vector<Waiter> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    used_ -= bytes;
    wake = TakeWaitersLocked();
  }
  Run(std::move(wake));
}

int64_t RequestMemoryPool::used() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

void RequestMemoryPool::DropWaiters() {
  std::vector<Waiter> dropped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    dropped = TakeWaitersLocked();
  }
  // Destroyed here, outside the lock: a waiter may own the last reference to a connection, whose destructor
  // releases its bytes into this pool.
}

std::vector<RequestMemoryPool::Waiter> RequestMemoryPool::TakeWaitersLocked() {
  std::vector<Waiter> out;
  out.swap(waiters_);
  return out;
}

void RequestMemoryPool::Run(std::vector<Waiter> waiters) {
  // Every waiter retries; those that still do not fit register again.
  for (auto& w : waiters) w();
}

}  // namespace partita::net
