// Admin calls for ACLs (KIP-140, with KIP-290 pattern types), as Kafka's Admin.describeAcls / createAcls /
// deleteAcls: the bindings that match a filter, creating bindings, and deleting exactly the given bindings.
// A cluster without an authorizer answers SECURITY_DISABLED, a principal without the cluster ACL
// CLUSTER_AUTHORIZATION_FAILED; both come back as KafkaError statuses naming the code.
// Thread safety: as ClusterClient (the calls lock it).
#pragma once

#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/security/acl.h"

namespace partita::client {

Result<std::vector<security::AclBinding>> DescribeAcls(ClusterClient& client, const security::AclBindingFilter& filter);

// All or nothing from the caller's view: the first refused binding's error is returned (the others may be created).
Status CreateAcls(ClusterClient& client, const std::vector<security::AclBinding>& bindings);

// Deletes each binding exactly (its own filter: type, name, pattern, principal, host, operation, permission);
// returns the bindings the cluster deleted.
Result<std::vector<security::AclBinding>> DeleteAcls(ClusterClient& client,
                                                     const std::vector<security::AclBinding>& bindings);

}  // namespace partita::client
