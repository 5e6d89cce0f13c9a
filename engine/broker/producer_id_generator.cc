#include "engine/broker/producer_id_generator.h"

#include "engine/coordination/producer_id_manager.h"

namespace partita::broker {

Result<int64_t> ProducerIdGenerator::Next() {
  std::lock_guard<std::mutex> lock(mu_);
  if (next_ > end_) {
    auto block = coordination::AllocateProducerIdBlock(zk_, broker_id_);
    if (!block.ok()) return block.status();
    next_ = block->first_producer_id;
    end_ = block->last_producer_id();
  }
  return next_++;
}

}  // namespace partita::broker
