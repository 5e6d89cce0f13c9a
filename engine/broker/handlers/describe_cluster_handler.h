// DescribeCluster (key 60), versions 0-1: the live brokers (with the endpoint of the listener the client is
// connected to), the controller id and the cluster id from this broker's metadata. No authorizer: the cluster's
// authorized operations are INT32_MIN ("not provided"). v1 asks for an endpoint type: brokers (1) only — a
// ZooKeeper-mode cluster has no separate controller endpoints, so 2 is answered with INVALID_REQUEST (Kafka's
// UNSUPPORTED_ENDPOINT_TYPE is a newer code our clients may not know).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/describe_cluster.h"

namespace partita::broker {

class DescribeClusterHandler
    : public ApiHandler<protocol::DescribeClusterRequest, protocol::DescribeClusterResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeClusterRequest& request, Done done) override;
};

}  // namespace partita::broker
