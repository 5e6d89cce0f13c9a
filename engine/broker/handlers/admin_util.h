// Helpers shared by the admin handlers (CreateTopics, DeleteTopics, CreatePartitions): turning controller
// results into Kafka error codes, and gathering several asynchronous controller results into one answer.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/error_code.h"

namespace partita::broker {

// Kafka error for a controller failure; `invalid_argument` is the code for Status::kInvalidArgument, which
// means something different per API (INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, ...).
protocol::ErrorCode ControllerErrorCode(const Status& status, protocol::ErrorCode invalid_argument);

// Collects `count` results (index, status); calls `all_done` once, with every result, after the last one.
class ResultGather {
 public:
  ResultGather(size_t count, std::function<void(std::vector<Status>)> all_done);
  // Records result `index`; thread-safe.
  void Set(size_t index, Status status);
  static std::shared_ptr<ResultGather> Make(size_t count, std::function<void(std::vector<Status>)> all_done) {
    return std::make_shared<ResultGather>(count, std::move(all_done));
  }

 private:
  std::mutex mu_;
  size_t remaining_;
  std::vector<Status> results_;
  std::function<void(std::vector<Status>)> all_done_;
};

}  // namespace partita::broker
