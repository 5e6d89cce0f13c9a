// RequestMemoryPool: the budget for the bytes of all requests being read or waiting for their answer, Kafka's
// queued.max.request.bytes (KIP-72). Where Kafka's pool reserves a request's declared size when its size prefix
// arrives, this one is charged with the buffer actually grown as body bytes arrive: a client that sends size
// prefixes and nothing else holds a first chunk each, not the 100 MB it declared, and cannot starve the others.
// Rules, checked under one lock:
//  - a request starts being read only while the pool is under its limit (otherwise its connection stops
//    reading — Kafka's muted channel — until memory is released);
//  - a started request grows while the growth fits under the limit;
//  - the oldest started request may always grow, so partial requests filling the pool cannot deadlock: one of
//    them always completes, is answered and gives its bytes back. The pool overshoots its limit by at most that
//    one request (Kafka's non-strict pool overshoots by one request too) plus one first chunk.
// A connection whose request cannot start or grow registers a waiter; waiters run when memory is released or
// the oldest started request changes.
// Thread safety: all methods are thread-safe. Waiters run on the releasing thread and must not block.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <vector>

namespace partita::net {

class RequestMemoryPool {
 public:
  using Waiter = std::function<void()>;
  // limit < 0: unbounded (Kafka's default -1).
  explicit RequestMemoryPool(int64_t limit) : limit_(limit) {}

  // Starts a request with a first buffer of `bytes`; sets *ticket. False (and `wake` registered) if the pool
  // is at its limit.
  bool TryStart(int64_t bytes, uint64_t* ticket, Waiter wake);
  // Grows started request `ticket` by `bytes`. False (and `wake` registered) if that does not fit.
  bool TryGrow(uint64_t ticket, int64_t bytes, Waiter wake);
  // The request was read whole (or abandoned); its bytes stay charged until Release.
  void FinishReading(uint64_t ticket);
  void Release(int64_t bytes);
  int64_t used() const;
  // Forgets every waiter (the server is stopping; they hold their connections alive).
  void DropWaiters();

 private:
  std::vector<Waiter> TakeWaitersLocked();
  static void Run(std::vector<Waiter> waiters);

  const int64_t limit_;
  mutable std::mutex mu_;
  int64_t used_ = 0;
  uint64_t next_ticket_ = 1;
  std::set<uint64_t> reading_;  // tickets of started requests, oldest first
  std::vector<Waiter> waiters_;
};

}  // namespace partita::net
