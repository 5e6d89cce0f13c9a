#include "engine/coordination/producer_id_manager.h"

#include <limits>

#include "engine/coordination/zk_paths.h"

namespace partita::coordination {

Result<ProducerIdBlock> AllocateProducerIdBlock(ZkClient* zk, int32_t broker_id, int block_size) {
  if (block_size < 1) return Status::InvalidArgument("producer id block size must be positive");
  const std::string path(zkpaths::kLatestProducerIdBlock);
  constexpr int kMaxAttempts = 100;  // each retry means another allocator succeeded: progress is guaranteed
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Result<ZkGetResult> got = zk->Get(path);
    int32_t version = -1;  // -1: create the node
    int64_t start = 0;
    if (got.ok()) {
      version = got->stat.version;
      if (!got->data.empty()) {
        Result<ProducerIdBlock> last = DecodeProducerIdBlock(got->data);
        if (!last.ok()) return last.status();
        if (last->last_producer_id() > std::numeric_limits<int64_t>::max() - block_size) {
          return Status::NoSpace("producer ids exhausted: the last block ends at " +
                                    std::to_string(last->last_producer_id()));
        }
        start = last->last_producer_id() + 1;
      }
    } else if (!got.status().IsNotFound()) {
      return got.status();
    }
    ProducerIdBlock block{broker_id, start, block_size};
    const std::string data = EncodeProducerIdBlock(block);
    Status s;
    if (version < 0) {
      Result<std::string> created = zk->Create(path, data, CreateMode::kPersistent);
      s = created.ok() ? Status::Ok() : created.status();
      if (s.code() == Status::Code::kAlreadyExists) continue;  // lost the race to create: re-read
    } else {
      Result<ZkStat> set = zk->Set(path, data, version);
      s = set.ok() ? Status::Ok() : set.status();
      if (IsBadVersion(s)) continue;
    }
    if (!s.ok()) return s;
    return block;
  }
  return Status::Aborted("producer id block allocation kept losing races; try again");
}

}  // namespace partita::coordination
