#include "engine/net/request_memory_pool.h"

namespace partita::net {

bool RequestMemoryPool::TryReserve(int64_t bytes, std::function<void()> on_available) {
  std::lock_guard<std::mutex> lock(mu_);
  if (limit_ < 0 || used_ < limit_) {
    used_ += bytes;
    return true;
  }
  waiters_.push_back(std::move(on_available));
  return false;
}

void RequestMemoryPool::Release(int64_t bytes) {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    used_ -= bytes;
    if (limit_ >= 0 && used_ >= limit_) return;
    wake.swap(waiters_);
  }
  // Every waiter retries; those that lose the race register again.
  for (auto& w : wake) w();
}

int64_t RequestMemoryPool::used() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

}  // namespace partita::net
