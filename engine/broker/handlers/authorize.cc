#include "engine/broker/handlers/authorize.h"

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/security/authorized_operations.h"

namespace partita::broker {

std::string AclHost(const net::ConnectionInfo& conn) {
  const std::string& peer = conn.peer;
  if (!peer.empty() && peer.front() == '[') {
    const size_t close = peer.find(']');
    if (close != std::string::npos) return peer.substr(1, close - 1);
  }
  const size_t colon = peer.rfind(':');
  if (colon == std::string::npos || peer.find(':') != colon) return peer;  // no port, or a bare IPv6 address
  return peer.substr(0, colon);
}

bool Authorized(const RequestContext& ctx, security::AclOperation operation, security::AclResourceType type,
                const std::string& name) {
  const security::AclAuthorizer* authorizer = ctx.broker ? ctx.broker->authorizer() : nullptr;
  if (!authorizer) return true;
  if (authorizer->Authorize(ctx.conn.principal, AclHost(ctx.conn), operation, type, name)) return true;
  spdlog::debug("Principal = {} is Denied Operation = {} from host = {} on resource = {}:{} ({} v{})",
                ctx.conn.principal, security::AclOperationName(operation), AclHost(ctx.conn),
                security::AclResourceTypeName(type), name, protocol::ApiKeyName(ctx.header.api_key),
                ctx.header.api_version);
  return false;
}

bool AuthorizedCluster(const RequestContext& ctx, security::AclOperation operation) {
  static const std::string kCluster(security::kClusterResourceName);
  return Authorized(ctx, operation, security::AclResourceType::kCluster, kCluster);
}

bool AuthorizedAnyOfType(const RequestContext& ctx, security::AclOperation operation,
                         security::AclResourceType type) {
  const security::AclAuthorizer* authorizer = ctx.broker ? ctx.broker->authorizer() : nullptr;
  return !authorizer || authorizer->AuthorizeAnyOfType(ctx.conn.principal, AclHost(ctx.conn), operation, type);
}

protocol::ErrorCode ConfigResourceDenied(const RequestContext& ctx, security::AclOperation operation,
                                         int8_t resource_type, const std::string& name) {
  if (resource_type == 2) {
    return AuthorizedTopic(ctx, operation, name) ? protocol::ErrorCode::kNone
                                                 : protocol::ErrorCode::kTopicAuthorizationFailed;
  }
  if (resource_type == 4 || resource_type == 8) {
    return AuthorizedCluster(ctx, operation) ? protocol::ErrorCode::kNone
                                             : protocol::ErrorCode::kClusterAuthorizationFailed;
  }
  return protocol::ErrorCode::kNone;
}

int32_t AuthorizedOperations(const RequestContext& ctx, security::AclResourceType type, const std::string& name) {
  // Asked without Kafka's denial log: these checks describe rights, they do not refuse anything.
  const security::AclAuthorizer* authorizer = ctx.broker ? ctx.broker->authorizer() : nullptr;
  return security::AuthorizedOperations(authorizer, ctx.conn.principal, AclHost(ctx.conn), type, name);
}

int32_t ClusterAuthorizedOperations(const RequestContext& ctx, bool requested) {
  if (!requested) return security::kAuthorizedOperationsOmitted;
  if (!AuthorizedCluster(ctx, security::AclOperation::kDescribe)) return 0;
  return AuthorizedOperations(ctx, security::AclResourceType::kCluster, std::string(security::kClusterResourceName));
}

bool AuthorizerEnabled(const RequestContext& ctx) { return ctx.broker && ctx.broker->authorizer(); }

}  // namespace partita::broker
