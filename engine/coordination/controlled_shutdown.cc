#include "engine/coordination/controlled_shutdown.h"

#include <chrono>
#include <thread>

#include "engine/coordination/admin_znodes.h"

namespace partita::coordination {

Result<std::vector<TopicPartition>> RequestControlledShutdown(ZkClient* zk, int32_t broker_id, int64_t broker_epoch,
                                                              int timeout_ms) {
  const std::string path = ControlledShutdownPath(broker_id);
  PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(kControlledShutdownPath)));
  Status gone = zk->Delete(path);  // a leftover of an earlier attempt
  if (!gone.ok() && !gone.IsNotFound()) return gone;
  ControlledShutdownNode request{broker_id, broker_epoch, false, {}};
  Result<std::string> created = zk->Create(path, EncodeControlledShutdown(request), CreateMode::kPersistent);
  if (!created.ok()) return created.status();
  // Polling keeps this free of watch-callback threading rules; the controller answers within milliseconds.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    Result<ZkGetResult> got = zk->Get(path);
    if (got.ok()) {
      Result<ControlledShutdownNode> node = DecodeControlledShutdown(got->data);
      if (node.ok() && node->done) {
        (void)zk->Delete(path);
        if (!node->error.empty()) {
          return Status::Aborted(node->error + ": the controller refused the controlled shutdown of broker " +
                                 std::to_string(broker_id) + " (broker epoch " + std::to_string(broker_epoch) + ")");
        }
        return node->remaining;
      }
    } else if (!got.status().IsNotFound() && got.status().code() != Status::Code::kUnavailable) {
      return got.status();
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      (void)zk->Delete(path);
      return Status::Timeout("controlled shutdown of broker " + std::to_string(broker_id) +
                             ": no answer from the controller within " + std::to_string(timeout_ms) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace partita::coordination
