#include "engine/security/authorizer.h"

#include <set>

namespace partita::security {
namespace {

size_t TypeSlot(AclResourceType type) {
  const auto code = static_cast<size_t>(type);
  return code < 6 ? code : 0;
}

bool EntryMatches(const AclEntry& e, const std::string& principal, const std::string& host, AclOperation op,
                  AclPermission permission) {
  return e.permission == permission && (e.operation == op || e.operation == AclOperation::kAll) &&
         (e.principal == principal || e.principal == "User:*") && (e.host == host || e.host == "*");
}

// The operations whose ALLOW grants `operation` (Kafka's implied operations).
struct Allowing {
  AclOperation ops[5];
  size_t count = 0;
};
Allowing AllowingOps(AclOperation operation) {
  if (operation == AclOperation::kDescribe) {
    return {{AclOperation::kDescribe, AclOperation::kRead, AclOperation::kWrite, AclOperation::kDelete,
             AclOperation::kAlter},
            5};
  }
  if (operation == AclOperation::kDescribeConfigs) {
    return {{AclOperation::kDescribeConfigs, AclOperation::kAlterConfigs}, 2};
  }
  return {{operation}, 1};
}

}  // namespace

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

bool IsKafkaAclAuthorizerClass(std::string_view class_name) {
  return class_name == "kafka.security.authorizer.AclAuthorizer" ||
         class_name == "kafka.security.auth.SimpleAclAuthorizer";
}

AclAuthorizer::AclAuthorizer(AuthorizerOptions options)
    : options_(std::move(options)), index_(std::make_shared<const Index>()) {}

void AclAuthorizer::ReplaceAll(std::vector<AclBinding> bindings) {
  auto index = std::make_shared<Index>();
  for (const auto& b : bindings) {
    TypeIndex& t = index->by_type[TypeSlot(b.resource_type)];
    if (b.pattern_type == AclPatternType::kLiteral) {
      t.literal[b.resource_name].push_back(b.entry);
    } else if (b.pattern_type == AclPatternType::kPrefixed) {
      t.prefixed[b.resource_name].push_back(b.entry);
    }
  }
  for (TypeIndex& t : index->by_type) {
    std::set<size_t> sizes;
    for (const auto& [prefix, entries] : t.prefixed) sizes.insert(prefix.size());
    t.prefix_sizes.assign(sizes.begin(), sizes.end());
  }
  index->bindings = std::move(bindings);
  std::lock_guard<std::mutex> lock(mu_);
  index_ = std::move(index);
}

std::shared_ptr<const AclAuthorizer::Index> AclAuthorizer::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_;
}

std::vector<AclBinding> AclAuthorizer::Bindings() const { return Snapshot()->bindings; }
size_t AclAuthorizer::size() const { return Snapshot()->bindings.size(); }

bool AclAuthorizer::Authorize(const std::string& principal, const std::string& host, AclOperation operation,
                              AclResourceType type, const std::string& name) const {
  if (IsSuperUser(principal)) return true;
  const auto index = Snapshot();
  const TypeIndex& t = index->by_type[TypeSlot(type)];
  // Visits the entry lists that apply — the literal name, the wildcard, and each PREFIXED pattern that starts
  // the name (at most one per distinct prefix length) — until `fn` returns true for an entry.
  const std::string_view view(name);
  auto any_entry = [&](auto&& fn) {
    auto visit = [&](const EntriesByName& map, std::string_view key) {
      auto it = map.find(key);
      if (it == map.end()) return false;
      for (const AclEntry& e : it->second) {
        if (fn(e)) return true;
      }
      return false;
    };
    if (visit(t.literal, view)) return true;
    if (view != kWildcardResource && visit(t.literal, kWildcardResource)) return true;
    for (size_t size : t.prefix_sizes) {
      if (size > view.size()) break;
      if (visit(t.prefixed, view.substr(0, size))) return true;
    }
    return false;
  };
  if (!any_entry([](const AclEntry&) { return true; })) return options_.allow_everyone_if_no_acl_found;
  // DENY wins over any ALLOW.
  if (any_entry([&](const AclEntry& e) { return EntryMatches(e, principal, host, operation, AclPermission::kDeny); })) {
    return false;
  }
  const Allowing allowing = AllowingOps(operation);
  return any_entry([&](const AclEntry& e) {
    for (size_t i = 0; i < allowing.count; ++i) {
      if (EntryMatches(e, principal, host, allowing.ops[i], AclPermission::kAllow)) return true;
    }
    return false;
  });
}

bool AclAuthorizer::AuthorizeAnyOfType(const std::string& principal, const std::string& host,
                                       AclOperation operation, AclResourceType type) const {
  if (IsSuperUser(principal)) return true;
  const auto index = Snapshot();
  const TypeIndex& t = index->by_type[TypeSlot(type)];
  if (t.literal.empty() && t.prefixed.empty()) return options_.allow_everyone_if_no_acl_found;
  const Allowing allowing = AllowingOps(operation);
  auto denied = [&](const std::string& name, bool prefixed) {
    // A DENY on the wildcard, or on the very pattern the ALLOW names, shadows the ALLOW.
    for (const auto& [key, entries] : t.literal) {
      if (key != kWildcardResource && (prefixed || key != name)) continue;
      for (const AclEntry& e : entries) {
        if (EntryMatches(e, principal, host, operation, AclPermission::kDeny)) return true;
      }
    }
    for (const auto& [prefix, entries] : t.prefixed) {
      if (!name.starts_with(prefix)) continue;
      for (const AclEntry& e : entries) {
        if (EntryMatches(e, principal, host, operation, AclPermission::kDeny)) return true;
      }
    }
    return false;
  };
  auto allows = [&](const AclEntry& e) {
    for (size_t i = 0; i < allowing.count; ++i) {
      if (EntryMatches(e, principal, host, allowing.ops[i], AclPermission::kAllow)) return true;
    }
    return false;
  };
  for (const auto& [name, entries] : t.literal) {
    for (const AclEntry& e : entries) {
      if (allows(e) && !denied(name, false)) return true;
    }
  }
  for (const auto& [prefix, entries] : t.prefixed) {
    for (const AclEntry& e : entries) {
      if (allows(e) && !denied(prefix, true)) return true;
    }
  }
  return false;
}

}  // namespace partita::security
