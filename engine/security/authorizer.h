// AclAuthorizer: Kafka's authorization decision (kafka.security.authorizer.AclAuthorizer.authorize) over the
// broker's cache of every ACL in ZooKeeper, which the ACL change watcher replaces as a whole on each change.
// The rule: a super user (super.users) may do anything; otherwise the ACLs that apply to the resource are the
// LITERAL ones of its name, the LITERAL wildcard '*' of its type and the PREFIXED ones whose prefix starts its
// name (KIP-290). None apply: allow.everyone.if.no.acl.found decides. A matching DENY wins over any ALLOW; an
// ALLOW for Read, Write, Delete or Alter also allows Describe, and one for AlterConfigs allows DescribeConfigs.
// Principals and hosts match exactly or through the wildcards "User:*" and "*".
// Cost of one check (on every request's hot path): one shared_ptr copy under a mutex, one hash lookup for the
// literal name, one for the wildcard, one per distinct PREFIXED pattern length of the type (a handful), and
// comparisons of the few entries found; no allocation.
// Thread safety: every method may be called from any thread; ReplaceAll swaps an immutable index.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/security/acl.h"

namespace partita::security {

struct AuthorizerOptions {
  std::set<std::string> super_users;  // super.users, e.g. {"User:admin"}
  bool allow_everyone_if_no_acl_found = false;
};

// Splits super.users ("User:a;User:b", Kafka separates with ';').
std::set<std::string> ParseSuperUsers(std::string_view value);

// authorizer.class.name values that select this authorizer: Kafka's class and its pre-2.4 name.
bool IsKafkaAclAuthorizerClass(std::string_view class_name);

class AclAuthorizer {
 public:
  explicit AclAuthorizer(AuthorizerOptions options);

  void ReplaceAll(std::vector<AclBinding> bindings);
  std::vector<AclBinding> Bindings() const;
  size_t size() const;

  bool IsSuperUser(const std::string& principal) const { return options_.super_users.count(principal) > 0; }

  // Kafka's AclAuthorizer.authorize for one action.
  bool Authorize(const std::string& principal, const std::string& host, AclOperation operation,
                 AclResourceType type, const std::string& name) const;

  // Kafka's authorizeByResourceType (KIP-679), used by InitProducerId for idempotent producers: whether the
  // principal could perform `operation` on some resource of `type` — a super user, allow.everyone with no ACL
  // of the type, or an ALLOW that matches and is not shadowed by a DENY on the same pattern or on the wildcard.
  bool AuthorizeAnyOfType(const std::string& principal, const std::string& host, AclOperation operation,
                          AclResourceType type) const;

 private:
  // Heterogeneous lookup: a name's prefix is looked up as a string_view, without a copy.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using EntriesByName = std::unordered_map<std::string, std::vector<AclEntry>, NameHash, std::equal_to<>>;
  struct TypeIndex {
    EntriesByName literal;             // includes the wildcard "*"
    EntriesByName prefixed;            // by prefix
    std::vector<size_t> prefix_sizes;  // the distinct lengths of the prefixes, ascending
  };
  struct Index {
    std::vector<AclBinding> bindings;
    std::array<TypeIndex, 6> by_type;  // indexed by AclResourceType's code
  };
  std::shared_ptr<const Index> Snapshot() const;

  const AuthorizerOptions options_;
  mutable std::mutex mu_;
  std::shared_ptr<const Index> index_;  // guarded by mu_ (the pointer; the Index is immutable)
};

}  // namespace partita::security
