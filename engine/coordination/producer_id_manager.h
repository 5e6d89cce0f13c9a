// AllocateProducerIdBlock: hands a broker the next block of producer ids, as Kafka's ZkProducerIdManager does.
//
// /latest_producer_id_block holds the last block handed out:
//   {"version":1,"broker":1,"block_start":"1000","block_end":"1999"}   (start and end are JSON strings, as Kafka).
// The next block starts at block_end + 1 (0 if the node is missing or empty) and is written conditionally on the
// zkVersion just read; a version conflict (another broker won the race) re-reads and retries, so blocks handed to
// concurrent allocators never overlap. Exhaustion of the id space -> NoSpace.
// Thread safety: any thread except a ZooKeeper watch callback (blocking call).
#pragma once

#include <cstdint>

#include "engine/common/status.h"
#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

Result<ProducerIdBlock> AllocateProducerIdBlock(ZkClient* zk, int32_t broker_id, int block_size = 1000);

}  // namespace partita::coordination
