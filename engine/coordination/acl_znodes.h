// ACLs in ZooKeeper exactly as Kafka's AclAuthorizer keeps them (ZkAclStore, KIP-290):
//   /kafka-acl/<ResourceType>/<name>                      LITERAL patterns (the '*' wildcard is a name)
//   /kafka-acl-extended/prefixed/<ResourceType>/<prefix>  PREFIXED patterns
// each {"version":1,"acls":[{"principal":..,"permissionType":..,"operation":..,"host":..}]}, and a persistent
// sequential change notification per write so every broker reloads its cache:
//   /kafka-acl-changes/acl_changes_N           "Topic:orders"           (LITERAL, Kafka's legacy text form)
//   /kafka-acl-extended-changes/acl_changes_N  {"version":1,"resourceType":"Topic","name":"orders-",
//                                               "patternType":"PREFIXED"}
// Writes are conditional on the znode's version and retried on a lost race, with the notification in the same
// multi: two brokers adding ACLs to one resource at once both keep theirs (Kafka's updateResourceAcls loop).
// Thread safety: blocking ZooKeeper calls; any thread except a ZooKeeper callback.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/coordination/zk_client.h"
#include "engine/security/acl.h"

namespace partita::coordination {

inline constexpr std::string_view kAclLiteralRoot = "/kafka-acl";
inline constexpr std::string_view kAclPrefixedRoot = "/kafka-acl-extended/prefixed";
inline constexpr std::string_view kAclLiteralChanges = "/kafka-acl-changes";
inline constexpr std::string_view kAclExtendedChanges = "/kafka-acl-extended-changes";
inline constexpr std::string_view kAclChangePrefix = "acl_changes_";

std::string AclZnodePath(security::AclResourceType type, const std::string& name, security::AclPatternType pattern);

// Every ACL of both stores. A znode that does not parse is skipped with a warning (as Kafka logs and skips it).
Result<std::vector<security::AclBinding>> LoadAllAcls(ZkClient* zk);

// Adds (or removes) entries of one resource pattern; an entry already present (absent) is left alone. Removing
// the last entry deletes the znode. Each write also adds the change notification. Bindings are grouped by
// resource pattern; each resource is one conditional write.
Status AddAcls(ZkClient* zk, const std::vector<security::AclBinding>& bindings);
Status RemoveAcls(ZkClient* zk, const std::vector<security::AclBinding>& bindings);

}  // namespace partita::coordination
