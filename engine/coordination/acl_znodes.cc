#include "engine/coordination/acl_znodes.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace partita::coordination {
namespace {

using security::AclBinding;
using security::AclEntry;
using security::AclPatternType;
using security::AclResourceType;

constexpr AclResourceType kStoredTypes[] = {AclResourceType::kTopic, AclResourceType::kGroup,
                                            AclResourceType::kCluster, AclResourceType::kTransactionalId};
constexpr int kMaxAttempts = 50;

std::string Root(AclPatternType pattern) {
  return std::string(pattern == AclPatternType::kPrefixed ? kAclPrefixedRoot : kAclLiteralRoot);
}

std::string ChangeNotification(AclResourceType type, const std::string& name, AclPatternType pattern,
                               std::string* parent) {
  if (pattern == AclPatternType::kLiteral) {
    *parent = std::string(kAclLiteralChanges);
    return std::string(security::AclResourceTypeName(type)) + ":" + name;
  }
  *parent = std::string(kAclExtendedChanges);
  return nlohmann::json{{"version", 1},
                        {"resourceType", security::AclResourceTypeName(type)},
                        {"name", name},
                        {"patternType", "PREFIXED"}}
      .dump();
}

using ResourceKey = std::tuple<AclResourceType, std::string, AclPatternType>;

std::map<ResourceKey, std::vector<AclEntry>> ByResource(const std::vector<AclBinding>& bindings) {
  std::map<ResourceKey, std::vector<AclEntry>> out;
  for (const auto& b : bindings) out[{b.resource_type, b.resource_name, b.pattern_type}].push_back(b.entry);
  return out;
}

// One resource: read, change, write back conditionally (create if absent, delete if emptied), with the
// notification in the same multi; retried when another writer got there first.
Status UpdateResource(ZkClient* zk, const ResourceKey& key, const std::vector<AclEntry>& entries, bool add) {
  const auto& [type, name, pattern] = key;
  const std::string path = AclZnodePath(type, name, pattern);
  std::string change_parent;
  const std::string change = ChangeNotification(type, name, pattern, &change_parent);
  PARTITA_RETURN_IF_ERROR(zk->EnsurePath(change_parent));
  PARTITA_RETURN_IF_ERROR(zk->EnsurePath(path.substr(0, path.rfind('/'))));
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto got = zk->Get(path);
    if (!got.ok() && !got.status().IsNotFound()) return got.status();
    std::vector<AclEntry> current;
    if (got.ok()) {
      auto decoded = security::DecodeAclZnode(got->data);
      if (!decoded.ok()) return Status::Corruption(path + ": " + decoded.status().message());
      current = std::move(*decoded);
    }
    std::vector<AclEntry> next = current;
    for (const auto& e : entries) {
      auto it = std::find(next.begin(), next.end(), e);
      if (add && it == next.end()) next.push_back(e);
      if (!add && it != next.end()) next.erase(it);
    }
    if (next == current) return Status::Ok();
    std::vector<ZkOp> ops;
    if (!got.ok()) {
      ops.push_back(ZkOp::Create(path, security::EncodeAclZnode(next)));
    } else if (next.empty()) {
      ops.push_back(ZkOp::Delete(path, got->stat.version));
    } else {
      ops.push_back(ZkOp::SetData(path, security::EncodeAclZnode(next), got->stat.version));
    }
    ops.push_back(ZkOp::Create(change_parent + "/" + std::string(kAclChangePrefix), change,
                               CreateMode::kPersistentSequential));
    Status st = zk->Multi(ops);
    if (st.ok()) return st;
    // Lost the race (someone created, changed or deleted the node meanwhile): read again.
    if (IsBadVersion(st) || st.code() == Status::Code::kAlreadyExists || st.IsNotFound()) continue;
    return st;
  }
  return Status::Aborted(path + ": too many concurrent ACL updates, giving up");
}

Status UpdateAll(ZkClient* zk, const std::vector<AclBinding>& bindings, bool add) {
  for (const auto& [key, entries] : ByResource(bindings)) {
    PARTITA_RETURN_IF_ERROR(UpdateResource(zk, key, entries, add));
  }
  return Status::Ok();
}

}  // namespace

std::string AclZnodePath(AclResourceType type, const std::string& name, AclPatternType pattern) {
  return Root(pattern) + "/" + security::AclResourceTypeName(type) + "/" + name;
}

Result<std::vector<AclBinding>> LoadAllAcls(ZkClient* zk) {
  std::vector<AclBinding> out;
  for (AclPatternType pattern : {AclPatternType::kLiteral, AclPatternType::kPrefixed}) {
    for (AclResourceType type : kStoredTypes) {
      const std::string dir = Root(pattern) + "/" + security::AclResourceTypeName(type);
      auto names = zk->GetChildren(dir);
      if (!names.ok()) {
        if (names.status().IsNotFound()) continue;
        return names.status();
      }
      std::vector<std::string> paths;
      for (const auto& n : *names) paths.push_back(dir + "/" + n);
      auto datas = zk->GetMany(paths);
      for (size_t i = 0; i < paths.size(); ++i) {
        if (!datas[i].ok()) {
          if (datas[i].status().IsNotFound()) continue;  // deleted meanwhile
          return datas[i].status();
        }
        auto entries = security::DecodeAclZnode(datas[i]->data);
        if (!entries.ok()) {
          spdlog::warn("ACL znode {} skipped: {}", paths[i], entries.status().ToString());
          continue;
        }
        for (auto& e : *entries) out.push_back({type, (*names)[i], pattern, std::move(e)});
      }
    }
  }
  return out;
}

Status AddAcls(ZkClient* zk, const std::vector<AclBinding>& bindings) { return UpdateAll(zk, bindings, true); }
Status RemoveAcls(ZkClient* zk, const std::vector<AclBinding>& bindings) { return UpdateAll(zk, bindings, false); }

}  // namespace partita::coordination
