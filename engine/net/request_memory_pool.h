// RequestMemoryPool: the budget for the bytes of all requests being read or waiting for their answer, Kafka's
// queued.max.request.bytes (KIP-72). Like Kafka's SimpleMemoryPool with strict=false, a reservation succeeds
// while any budget is left (so one request of up to socket.request.max.bytes always fits an idle broker) and
// may overshoot the limit by at most one request. A connection whose reservation fails stops reading from its
// socket (Kafka mutes the channel) and registers a waiter, which runs once memory is released.
// The pool accounts bytes; the connection grows its buffer only as bytes arrive, so a size prefix alone costs
// a reservation but no memory.
// Thread safety: all methods are thread-safe. Waiters run on the thread that releases memory and must not block.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace partita::net {

class RequestMemoryPool {
 public:
  // limit < 0: unbounded (Kafka's default -1).
  explicit RequestMemoryPool(int64_t limit) : limit_(limit) {}

  // Reserves `bytes` if the pool is not exhausted; otherwise registers `on_available` (run once, after a later
  // Release) and returns false.
  bool TryReserve(int64_t bytes, std::function<void()> on_available);
  void Release(int64_t bytes);
  int64_t used() const;

 private:
  const int64_t limit_;
  mutable std::mutex mu_;
  int64_t used_ = 0;
  std::vector<std::function<void()>> waiters_;
};

}  // namespace partita::net
