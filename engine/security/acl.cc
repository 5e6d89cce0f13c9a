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

bool ResourceMatches(const AclBinding& b, AclResourceType type, const std::string& name) {
  if (b.resource_type != type) return false;
  if (b.pattern_type == AclPatternType::kLiteral) {
    return b.resource_name == name || b.resource_name == kWildcardResource;
  }
  if (b.pattern_type == AclPatternType::kPrefixed) return name.starts_with(b.resource_name);
  return false;
}

bool EntryMatches(const AclEntry& e, const std::string& principal, const std::string& host, AclOperation op,
                  AclPermission permission) {
  return e.permission == permission && (e.principal == principal || e.principal == "User:*") &&
         (e.host == host || e.host == "*") && (e.operation == op || e.operation == AclOperation::kAll);
}

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

std::set<std::string> ParseSuperUsers(std::string_view value) {
  std::set<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t semi = value.find(';', start);
    if (semi == std::string_view::npos) semi = value.size();
    std::string item(value.substr(start, semi - start));
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.insert(item);
    start = semi + 1;
  }
  return out;
}

void AclAuthorizer::ReplaceAll(std::vector<AclBinding> bindings) {
  std::lock_guard<std::mutex> lock(mu_);
  bindings_ = std::move(bindings);
}

std::vector<AclBinding> AclAuthorizer::Bindings() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bindings_;
}

bool AclAuthorizer::Authorize(const std::string& principal, const std::string& host, AclOperation operation,
                              AclResourceType type, const std::string& name) const {
  if (options_.super_users.count(principal)) return true;
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const AclBinding*> matching;
  for (const auto& b : bindings_) {
    if (ResourceMatches(b, type, name)) matching.push_back(&b);
  }
  if (matching.empty()) return options_.allow_everyone_if_no_acl_found;
  // DENY wins over any ALLOW.
  for (const AclBinding* b : matching) {
    if (EntryMatches(b->entry, principal, host, operation, AclPermission::kDeny)) return false;
  }
  // Kafka's implied operations: an ALLOW for Read, Write, Delete or Alter also allows Describe, and one for
  // AlterConfigs allows DescribeConfigs.
  std::vector<AclOperation> allowing = {operation};
  if (operation == AclOperation::kDescribe) {
    allowing.insert(allowing.end(),
                    {AclOperation::kRead, AclOperation::kWrite, AclOperation::kDelete, AclOperation::kAlter});
  } else if (operation == AclOperation::kDescribeConfigs) {
    allowing.push_back(AclOperation::kAlterConfigs);
  }
  for (const AclBinding* b : matching) {
    for (AclOperation op : allowing) {
      if (EntryMatches(b->entry, principal, host, op, AclPermission::kAllow)) return true;
    }
  }
  return false;
}

}  // namespace partita::security
