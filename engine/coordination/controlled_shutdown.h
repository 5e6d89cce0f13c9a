// RequestControlledShutdown: the broker side of controlled shutdown across processes.
//
// Kafka brokers send a ControlledShutdown RPC to the controller. Partita's controller may live in another process
// and brokers talk to it only through ZooKeeper, so the request is a znode the active controller watches:
//   1. the broker creates /admin/controlled_shutdown/<id>  {"version":1,"broker":<id>,"broker_epoch":<epoch>}
//      (replacing a stale node of an earlier attempt);
//   2. the active controller (children watch on /admin/controlled_shutdown) moves leadership of every replicated
//      partition the broker leads to another live ISR member, removes the broker from the other ISRs, and
//      answers by rewriting the node: {..., "status":"done","partitions_remaining":[{"topic":"t","partition":0}]};
//   3. the broker reads the answer and deletes the node (the controller never deletes it).
// The request carries the broker epoch (KIP-380): a controller that knows a newer registration of the id answers
// {..., "status":"done","error":"STALE_BROKER_EPOCH"} without changing anything (the request comes from an
// earlier incarnation) and the broker gets Aborted.
// The controller keeps the broker out of leader elections until its registration disappears. If no controller
// answers within timeout_ms the broker gets Timeout and should shut down anyway (Kafka retries
// controlled.shutdown.max.retries times, then shuts down uncleanly).
// Thread safety: any thread except a ZooKeeper watch callback (blocking call).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/coordination/zk_client.h"

namespace partita::coordination {

// Returns the replicated partitions the broker still leads (empty: every leadership moved away).
Result<std::vector<TopicPartition>> RequestControlledShutdown(ZkClient* zk, int32_t broker_id, int64_t broker_epoch,
                                                              int timeout_ms = 30000);

}  // namespace partita::coordination
