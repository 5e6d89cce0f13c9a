// ReplayLog: reads a partition's log from its start to its end, batch by batch — how the coordinators load
// their state when this broker becomes leader of an internal topic partition (__consumer_offsets,
// __transaction_state), as Kafka's loadGroupsAndOffsets / loadTransactionMetadata do. A malformed region stops
// the replay at that point rather than spinning; I/O errors are returned.
// Thread safety: reads only; call on one thread.
#pragma once

#include <functional>
#include <span>

#include "engine/broker/partition.h"
#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"

namespace partita::broker {

// on_batch gets each batch's header and its bytes (header included), in offset order.
Status ReplayLog(const Partition& partition,
                 const std::function<void(const protocol::BatchHeader&, std::span<const uint8_t>)>& on_batch);

}  // namespace partita::broker
