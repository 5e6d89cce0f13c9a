// Kafka's ACL model and its authorization rule (kafka.security.authorizer.AclAuthorizer), pure and unit-tested:
// resource types, pattern types (LITERAL with the '*' wildcard, PREFIXED), operations with their implications
// (Describe is implied by Read, Write, Delete and Alter; DescribeConfigs by AlterConfigs; ALL matches every
// operation), ALLOW and DENY with DENY winning, super.users, and allow.everyone.if.no.acl.found for a resource
// no ACL matches. Enum values are Kafka's wire codes (CreateAcls / DescribeAcls). Also the ZooKeeper form of
// one resource's ACLs, as Kafka stores it under /kafka-acl/<ResourceType>/<name> (LITERAL) and
// /kafka-acl-extended/prefixed/<ResourceType>/<prefix> (PREFIXED):
//   {"version":1,"acls":[{"principal":"User:alice","permissionType":"Allow","operation":"Read","host":"*"}]}
// The decision itself and the broker's cache of ACLs live in authorizer.h; the znodes in
// engine/coordination/acl_znodes.h.
// Thread safety: values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"

namespace partita::security {

enum class AclResourceType : int8_t { kAny = 1, kTopic = 2, kGroup = 3, kCluster = 4, kTransactionalId = 5 };
enum class AclPatternType : int8_t { kAny = 1, kMatch = 2, kLiteral = 3, kPrefixed = 4 };
enum class AclOperation : int8_t {
  kAny = 1, kAll = 2, kRead = 3, kWrite = 4, kCreate = 5, kDelete = 6, kAlter = 7, kDescribe = 8,
  kClusterAction = 9, kDescribeConfigs = 10, kAlterConfigs = 11, kIdempotentWrite = 12,
};
enum class AclPermission : int8_t { kAny = 1, kDeny = 2, kAllow = 3 };

// Kafka's names: "Topic", "Read", "Allow", "Literal"... (as in ZooKeeper and kafka-acls.sh's output).
const char* AclResourceTypeName(AclResourceType t);
const char* AclOperationName(AclOperation o);
const char* AclPermissionName(AclPermission p);
std::optional<AclResourceType> AclResourceTypeFromName(std::string_view name);  // case-insensitive
std::optional<AclOperation> AclOperationFromName(std::string_view name);        // "Read", "DESCRIBE_CONFIGS"...
std::optional<AclPermission> AclPermissionFromName(std::string_view name);

// The name Kafka gives the single cluster resource.
inline constexpr std::string_view kClusterResourceName = "kafka-cluster";
inline constexpr std::string_view kWildcardResource = "*";

struct AclEntry {
  std::string principal;  // "User:alice" or "User:*"
  std::string host = "*";
  AclOperation operation = AclOperation::kAll;
  AclPermission permission = AclPermission::kAllow;
  bool operator==(const AclEntry&) const = default;
  auto operator<=>(const AclEntry&) const = default;
};

struct AclBinding {
  AclResourceType resource_type = AclResourceType::kTopic;
  std::string resource_name;
  AclPatternType pattern_type = AclPatternType::kLiteral;
  AclEntry entry;
  bool operator==(const AclBinding&) const = default;
};

// One resource's ACL list in Kafka's znode JSON, and back. Errors name what is malformed.
std::string EncodeAclZnode(const std::vector<AclEntry>& entries);
Result<std::vector<AclEntry>> DecodeAclZnode(std::string_view json);

// A DescribeAcls / DeleteAcls filter (Kafka's AclBindingFilter): nullopt name/principal/host and the ANY codes
// match anything; pattern type MATCH matches the LITERAL binding of that name, the LITERAL wildcard '*' and every
// PREFIXED binding whose prefix starts the name (the ACLs that would apply to that resource).
struct AclBindingFilter {
  AclResourceType resource_type = AclResourceType::kAny;
  std::optional<std::string> resource_name;
  AclPatternType pattern_type = AclPatternType::kAny;
  std::optional<std::string> principal;
  std::optional<std::string> host;
  AclOperation operation = AclOperation::kAny;
  AclPermission permission = AclPermission::kAny;
};
bool FilterMatches(const AclBindingFilter& filter, const AclBinding& binding);

// Why a binding cannot be created (Kafka's AclAuthorizer / CreateAcls validation), or "" if it can: a specific
// resource type, pattern type (LITERAL or PREFIXED), operation and permission; a "Type:name" principal; a
// non-empty resource name, "kafka-cluster" for the cluster; no '/' in a name (it is a znode name).
std::string AclBindingProblem(const AclBinding& binding);

}  // namespace partita::security
