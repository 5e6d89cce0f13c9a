#include "engine/security/acl.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace partita::security {
namespace {

// "DESCRIBE_CONFIGS", "DescribeConfigs", "describeconfigs" all normalise to "describeconfigs".
std::string Normalise(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '_' && c != '-') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

template <class E, size_t N>
std::optional<E> FromName(std::string_view name, const std::pair<E, const char*> (&table)[N]) {
  const std::string n = Normalise(name);
  for (const auto& [value, text] : table) {
    if (Normalise(text) == n) return value;
  }
  return std::nullopt;
}

template <class E, size_t N>
const char* ToName(E value, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "Unknown";
}

constexpr std::pair<AclResourceType, const char*> kTypes[] = {
    {AclResourceType::kAny, "Any"},         {AclResourceType::kTopic, "Topic"},
    {AclResourceType::kGroup, "Group"},     {AclResourceType::kCluster, "Cluster"},
    {AclResourceType::kTransactionalId, "TransactionalId"}};
constexpr std::pair<AclOperation, const char*> kOperations[] = {
    {AclOperation::kAny, "Any"},
    {AclOperation::kAll, "All"},
    {AclOperation::kRead, "Read"},
    {AclOperation::kWrite, "Write"},
    {AclOperation::kCreate, "Create"},
    {AclOperation::kDelete, "Delete"},
    {AclOperation::kAlter, "Alter"},
    {AclOperation::kDescribe, "Describe"},
    {AclOperation::kClusterAction, "ClusterAction"},
    {AclOperation::kDescribeConfigs, "DescribeConfigs"},
    {AclOperation::kAlterConfigs, "AlterConfigs"},
    {AclOperation::kIdempotentWrite, "IdempotentWrite"}};
constexpr std::pair<AclPermission, const char*> kPermissions[] = {
    {AclPermission::kAny, "Any"}, {AclPermission::kDeny, "Deny"}, {AclPermission::kAllow, "Allow"}};

}  // namespace

const char* AclResourceTypeName(AclResourceType t) { return ToName(t, kTypes); }
const char* AclOperationName(AclOperation o) { return ToName(o, kOperations); }
const char* AclPermissionName(AclPermission p) { return ToName(p, kPermissions); }
std::optional<AclResourceType> AclResourceTypeFromName(std::string_view name) { return FromName(name, kTypes); }
std::optional<AclOperation> AclOperationFromName(std::string_view name) { return FromName(name, kOperations); }
std::optional<AclPermission> AclPermissionFromName(std::string_view name) { return FromName(name, kPermissions); }

std::string EncodeAclZnode(const std::vector<AclEntry>& entries) {
  nlohmann::json acls = nlohmann::json::array();
  for (const auto& e : entries) {
    acls.push_back({{"principal", e.principal},
                    {"permissionType", AclPermissionName(e.permission)},
                    {"operation", AclOperationName(e.operation)},
                    {"host", e.host}});
  }
  return nlohmann::json{{"version", 1}, {"acls", acls}}.dump();
}

Result<std::vector<AclEntry>> DecodeAclZnode(std::string_view json) {
  auto doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("acls") || !doc["acls"].is_array()) {
    return Status::Corruption("ACL znode is not {\"version\":1,\"acls\":[...]}");
  }
  std::vector<AclEntry> out;
  for (const auto& a : doc["acls"]) {
    if (!a.is_object() || !a.contains("principal") || !a["principal"].is_string() || !a.contains("host") ||
        !a["host"].is_string() || !a.contains("operation") || !a["operation"].is_string() ||
        !a.contains("permissionType") || !a["permissionType"].is_string()) {
      return Status::Corruption("ACL znode entry lacks principal, host, operation or permissionType");
    }
    auto op = AclOperationFromName(a["operation"].get<std::string>());
    auto perm = AclPermissionFromName(a["permissionType"].get<std::string>());
    if (!op || !perm) return Status::Corruption("ACL znode entry has an unknown operation or permission type");
    out.push_back({a["principal"].get<std::string>(), a["host"].get<std::string>(), *op, *perm});
  }
  return out;
}

bool FilterMatches(const AclBindingFilter& f, const AclBinding& b) {
  if (f.resource_type != AclResourceType::kAny && f.resource_type != b.resource_type) return false;
  if (f.pattern_type == AclPatternType::kMatch) {
    if (f.resource_name) {
      const bool applies = (b.pattern_type == AclPatternType::kLiteral &&
                            (b.resource_name == *f.resource_name || b.resource_name == kWildcardResource)) ||
                           (b.pattern_type == AclPatternType::kPrefixed && f.resource_name->starts_with(b.resource_name));
      if (!applies) return false;
    }
  } else {
    if (f.pattern_type != AclPatternType::kAny && f.pattern_type != b.pattern_type) return false;
    if (f.resource_name && *f.resource_name != b.resource_name) return false;
  }
  const AclEntry& e = b.entry;
  if (f.principal && *f.principal != e.principal) return false;
  if (f.host && *f.host != e.host) return false;
  if (f.operation != AclOperation::kAny && f.operation != e.operation) return false;
  return f.permission == AclPermission::kAny || f.permission == e.permission;
}

std::string AclBindingProblem(const AclBinding& b) {
  if (b.resource_type == AclResourceType::kAny || !AclResourceTypeFromName(AclResourceTypeName(b.resource_type))) {
    return "Invalid resource type: ACLs need a specific resource type";
  }
  if (b.pattern_type != AclPatternType::kLiteral && b.pattern_type != AclPatternType::kPrefixed) {
    return "Invalid pattern type: ACLs are LITERAL or PREFIXED";
  }
  if (b.entry.operation == AclOperation::kAny || std::string(AclOperationName(b.entry.operation)) == "Unknown") {
    return "Invalid operation: ACLs need a specific operation";
  }
  if (b.entry.permission != AclPermission::kAllow && b.entry.permission != AclPermission::kDeny) {
    return "Invalid permission type: ACLs are ALLOW or DENY";
  }
  const size_t colon = b.entry.principal.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == b.entry.principal.size()) {
    return "Invalid principal '" + b.entry.principal + "': expected <type>:<name>, e.g. User:alice";
  }
  if (b.entry.host.empty()) return "Invalid host: empty (use * for any host)";
  if (b.resource_name.empty()) return "Resource name must not be empty";
  if (b.resource_name.find('/') != std::string::npos) return "Resource name must not contain '/'";
  if (b.resource_type == AclResourceType::kCluster && b.resource_name != kClusterResourceName) {
    return "The only valid name for the CLUSTER resource is " + std::string(kClusterResourceName);
  }
  return "";
}

}  // namespace partita::security
