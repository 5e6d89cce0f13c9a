// AlterPartitionReassignments (key 45), version 0: starts (replicas given) or cancels (replicas null) partition
// reassignments through the active controller (NOT_CONTROLLER elsewhere, at the top level). The controller
// answers once each reassignment is started or refused — not when it completes (ListPartitionReassignments shows
// progress). Each partition carries the controller's error code and message; the answer waits until the started
// reassignments are visible in this broker's metadata (every target replica in the replica set; no adding or
// removing replicas left after a cancel), or timeout_ms passed.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/partition_reassignments.h"

namespace partita::broker {

class AlterPartitionReassignmentsHandler
    : public ApiHandler<protocol::AlterPartitionReassignmentsRequest, protocol::AlterPartitionReassignmentsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AlterPartitionReassignmentsRequest& request,
               Done done) override;
};

}  // namespace partita::broker
