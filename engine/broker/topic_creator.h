// CreateTopicOnFirstUse: how the broker creates the topics its own services need the first time they are used
// (__consumer_offsets for the group coordinator, `_schemas` for the Schema Registry): through the controller
// when this broker is the active controller, otherwise by writing the topic's config and assignment znodes,
// which the controller picks up (as Kafka's AdminZkClient does). An existing topic is not an error. The
// replication factor is capped at the live brokers and min.insync.replicas at the replication factor.
// Thread safety: call from a service's own thread (it may block on ZooKeeper); `done` may run on the
// controller's thread.
#pragma once

#include <functional>

#include "engine/coordination/controller.h"

namespace partita::broker {

class Broker;

// `done` runs once the request was handed over (ok, or the failure already logged).
void CreateTopicOnFirstUse(Broker* broker, coordination::CreateTopicRequest request, std::function<void()> done);

}  // namespace partita::broker
