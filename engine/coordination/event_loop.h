// EventLoop: one owned thread running posted tasks in order (optionally after a delay), like Kafka's
// ControllerEventManager. Coordination classes use it to move work off the ZooKeeper completion thread: a
// watcher callback must never block on ZooKeeper, so it only Post()s.
// Ownership: owns its thread; the destructor (or Stop) drops pending tasks and joins.
// Thread safety: Post is safe from any thread, including from a task. Stop must not be called from a task.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace partita::coordination {

class EventLoop {
 public:
  explicit EventLoop(std::string name) : name_(std::move(name)) { thread_ = std::thread([this] { Run(); }); }
  ~EventLoop() { Stop(); }
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  void Post(std::function<void()> task, int delay_ms = 0) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    auto due = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms);
    tasks_.emplace(std::make_pair(due, seq_++), std::move(task));
    cv_.notify_one();
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_ && !thread_.joinable()) return;
      stopping_ = true;
      tasks_.clear();
      cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
  }

  bool InLoopThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      if (tasks_.empty()) {
        cv_.wait(lock);
        continue;
      }
      auto it = tasks_.begin();
      if (it->first.first > std::chrono::steady_clock::now()) {
        cv_.wait_until(lock, it->first.first);
        continue;
      }
      std::function<void()> task = std::move(it->second);
      tasks_.erase(it);
      lock.unlock();
      task();
      lock.lock();
    }
  }

  const std::string name_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::pair<std::chrono::steady_clock::time_point, uint64_t>, std::function<void()>> tasks_;
  uint64_t seq_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace partita::coordination
