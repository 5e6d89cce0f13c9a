// Authorization checks for the handlers: the request's principal and client host asked of the broker's ACL
// authorizer (engine/security/authorizer.h), with Kafka's operation/resource pairs chosen by each handler as
// KafkaApis does. Without an authorizer (authorizer.class.name empty) every check passes.
// Denials are logged at debug level, as Kafka's authorizer logger does ("Principal = ... is Denied ...").
// Thread safety: pure reads of the broker's authorizer; any network thread.
#pragma once

#include <string>

#include "engine/broker/handler.h"
#include "engine/protocol/error_code.h"
#include "engine/security/acl.h"

namespace partita::broker {

// The client's host without its port ("10.0.0.1" of "10.0.0.1:5555", "::1" of "[::1]:5555"), as ACL hosts name it.
std::string AclHost(const net::ConnectionInfo& conn);

bool Authorized(const RequestContext& ctx, security::AclOperation operation, security::AclResourceType type,
                const std::string& name);
inline bool AuthorizedTopic(const RequestContext& ctx, security::AclOperation op, const std::string& topic) {
  return Authorized(ctx, op, security::AclResourceType::kTopic, topic);
}
inline bool AuthorizedGroup(const RequestContext& ctx, security::AclOperation op, const std::string& group) {
  return Authorized(ctx, op, security::AclResourceType::kGroup, group);
}
inline bool AuthorizedTransactionalId(const RequestContext& ctx, security::AclOperation op, const std::string& id) {
  return Authorized(ctx, op, security::AclResourceType::kTransactionalId, id);
}
bool AuthorizedCluster(const RequestContext& ctx, security::AclOperation operation);
// Kafka's authorizeByResourceType (KIP-679): may the principal perform `operation` on some resource of `type`?
bool AuthorizedAnyOfType(const RequestContext& ctx, security::AclOperation operation, security::AclResourceType type);
// DescribeConfigs / AlterConfigs / IncrementalAlterConfigs on one config resource (KafkaApis): a topic (2) needs
// `operation` on the topic (else TOPIC_AUTHORIZATION_FAILED), a broker (4) or broker logger (8) on the cluster
// (else CLUSTER_AUTHORIZATION_FAILED). NONE when allowed.
protocol::ErrorCode ConfigResourceDenied(const RequestContext& ctx, security::AclOperation operation,
                                         int8_t resource_type, const std::string& name);
// KIP-430: the authorized-operations bitfield of one resource for the request's principal and host (every
// operation valid for the type when no authorizer is configured), see engine/security/authorized_operations.h.
int32_t AuthorizedOperations(const RequestContext& ctx, security::AclResourceType type, const std::string& name);
// Metadata v8-10 / DescribeCluster: the cluster's bitfield when asked and Describe on the cluster is allowed, 0
// when asked without it, INT32_MIN (omitted) when not asked (KafkaApis).
int32_t ClusterAuthorizedOperations(const RequestContext& ctx, bool requested);
// Whether an authorizer is configured (the ACL APIs answer SECURITY_DISABLED without one).
bool AuthorizerEnabled(const RequestContext& ctx);

}  // namespace partita::broker
