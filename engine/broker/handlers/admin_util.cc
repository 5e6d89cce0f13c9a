#include "engine/broker/handlers/admin_util.h"

namespace partita::broker {

using protocol::ErrorCode;

ErrorCode ControllerErrorCode(const Status& status, ErrorCode invalid_argument) {
  switch (status.code()) {
    case Status::Code::kOk: return ErrorCode::kNone;
    case Status::Code::kAlreadyExists: return ErrorCode::kTopicAlreadyExists;
    case Status::Code::kNotFound: return ErrorCode::kUnknownTopicOrPartition;
    case Status::Code::kInvalidArgument: return invalid_argument;
    case Status::Code::kAborted: return ErrorCode::kNotController;
    case Status::Code::kTimeout: return ErrorCode::kRequestTimedOut;
    default: return ErrorCode::kUnknownServerError;
  }
}

ResultGather::ResultGather(size_t count, std::function<void(std::vector<Status>)> all_done)
    : remaining_(count), results_(count), all_done_(std::move(all_done)) {
  if (count == 0) all_done_({});
}

void ResultGather::Set(size_t index, Status status) {
  std::function<void(std::vector<Status>)> done;
  std::vector<Status> results;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (index >= results_.size() || remaining_ == 0) return;
    results_[index] = std::move(status);
    if (--remaining_ > 0) return;
    done = std::move(all_done_);
    results = std::move(results_);
  }
  done(std::move(results));
}

}  // namespace partita::broker
