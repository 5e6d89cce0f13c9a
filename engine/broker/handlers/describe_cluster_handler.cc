#include "engine/broker/handlers/describe_cluster_handler.h"

#include <tuple>

#include "engine/broker/broker.h"
#include "engine/broker/handlers/authorize.h"
#include "engine/coordination/kafka_znodes.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

namespace {
constexpr int8_t kBrokerEndpoints = 1;
}  // namespace

void DescribeClusterHandler::Process(const RequestContext& ctx, const protocol::DescribeClusterRequest& request,
                                     Done done) {
  Broker& broker = *ctx.broker;
  protocol::DescribeClusterResponse response;
  response.endpoint_type = kBrokerEndpoints;
  if (ctx.version() >= 1 && request.endpoint_type != kBrokerEndpoints) {
    response.endpoint_type = request.endpoint_type;
    response.error_code = Wire(ErrorCode::kInvalidRequest);
    response.error_message = "endpoint type " + std::to_string(request.endpoint_type) +
                             " is not supported: this ZooKeeper-mode cluster has broker endpoints (1) only";
    return done(std::move(response));
  }
  auto md = broker.metadata();
  response.cluster_id = md->cluster_id;
  response.controller_id = md->controller_id;
  // KIP-430: the operations the principal may perform on the cluster, when asked.
  response.cluster_authorized_operations =
      ClusterAuthorizedOperations(ctx, request.include_cluster_authorized_operations);
  for (const auto& [id, reg] : md->brokers) {
    auto& b = response.brokers.emplace_back();
    b.broker_id = id;
    std::tie(b.host, b.port) = coordination::EndpointFor(reg, ctx.conn.listener_name);
    b.rack = reg.rack;
  }
  done(std::move(response));
}

}  // namespace partita::broker
