// ProducerIdGenerator: hands out producer ids for InitProducerId from blocks this broker reserves in
// ZooKeeper (/latest_producer_id_block, Kafka's ZkProducerIdManager), so ids are unique cluster-wide.
// Thread safety: thread-safe; a ZooKeeper round trip happens once per block (1000 ids).
#pragma once

#include <cstdint>
#include <mutex>

#include "engine/common/status.h"

namespace partita::coordination {
class ZkClient;
}

namespace partita::broker {

class ProducerIdGenerator {
 public:
  ProducerIdGenerator(coordination::ZkClient* zk, int32_t broker_id) : zk_(zk), broker_id_(broker_id) {}
  Result<int64_t> Next();

 private:
  coordination::ZkClient* const zk_;
  const int32_t broker_id_;
  std::mutex mu_;
  int64_t next_ = 0;
  int64_t end_ = -1;  // last id of the current block; next_ > end_ means a new block is needed
};

}  // namespace partita::broker
