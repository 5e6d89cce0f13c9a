// ListPartitionReassignments (key 46), version 0: the reassignments in progress, from the active controller
// (NOT_CONTROLLER elsewhere, at the top level). Null topics = every reassignment; otherwise only the partitions
// asked for (those without a reassignment in progress are left out, as in Kafka).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/partition_reassignments.h"

namespace partita::broker {

class ListPartitionReassignmentsHandler
    : public ApiHandler<protocol::ListPartitionReassignmentsRequest, protocol::ListPartitionReassignmentsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ListPartitionReassignmentsRequest& request,
               Done done) override;
};

}  // namespace partita::broker
