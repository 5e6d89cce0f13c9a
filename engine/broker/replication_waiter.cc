#include "engine/broker/replication_waiter.h"

#include "engine/broker/purgatory.h"
#include "engine/broker/replica_manager.h"
#include "engine/common/clock.h"

namespace partita::broker {

using protocol::ErrorCode;

namespace {

class DelayedReplication : public DelayedOperation {
 public:
  DelayedReplication(std::vector<AwaitedAppend> appends, int64_t deadline_ms,
                     std::function<void(std::vector<ErrorCode>)> done)
      : DelayedOperation(deadline_ms), appends_(std::move(appends)), done_(std::move(done)) {}

 protected:
  bool CanComplete() override {
    for (const auto& a : appends_) {
      if (a.partition->CheckEnoughReplicasReachOffset(a.required_offset) == ErrorCode::kRequestTimedOut) return false;
    }
    return true;
  }
  void OnComplete(bool) override {
    std::vector<ErrorCode> out;
    out.reserve(appends_.size());
    for (const auto& a : appends_) out.push_back(a.partition->CheckEnoughReplicasReachOffset(a.required_offset));
    done_(std::move(out));
  }

 private:
  const std::vector<AwaitedAppend> appends_;
  const std::function<void(std::vector<ErrorCode>)> done_;
};

}  // namespace

void WhenReplicated(ReplicaManager& replicas, std::vector<AwaitedAppend> appends, int64_t timeout_ms,
                    std::function<void(std::vector<ErrorCode>)> done) {
  std::vector<TopicPartition> keys;
  for (const auto& a : appends) {
    keys.push_back(a.partition->topic_partition());
    replicas.OnPartitionChanged(a.partition->topic_partition());
  }
  auto op = std::make_shared<DelayedReplication>(std::move(appends), MonotonicMs() + timeout_ms, std::move(done));
  replicas.produce_purgatory().Watch(op, keys);
}

}  // namespace partita::broker
