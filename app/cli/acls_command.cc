// `partita-cli acls`, as kafka-acls.sh (kafka.admin.AclCommand) with --bootstrap-server: --add, --remove and
// --list of ACLs on topics, groups, the cluster and transactional ids, the --producer / --consumer conveniences
// and Kafka's output text ("Adding ACLs for resource `ResourcePattern(...)`:" then one "\t(principal=..., host=...,
// operation=..., permissionType=...)" line per ACL). Talks CreateAcls / DescribeAcls / DeleteAcls to any broker.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/client/admin_acls.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/acls.h"
#include "engine/security/acl.h"

namespace partita::cli {
namespace {

using security::AclBinding;
using security::AclEntry;
using security::AclOperation;
using security::AclPatternType;
using security::AclPermission;
using security::AclResourceType;

constexpr const char* kVerb = "acls";

struct Resource {
  AclResourceType type;
  std::string name;
  bool operator<(const Resource& o) const { return std::tie(type, name) < std::tie(o.type, o.name); }
};

// Kafka's enum names as its toString prints them: TOPIC, TRANSACTIONAL_ID, DESCRIBE_CONFIGS, ALLOW.
std::string UpperSnake(const char* pascal) {
  std::string out;
  for (const char* c = pascal; *c; ++c) {
    if (std::isupper(static_cast<unsigned char>(*c)) && !out.empty()) out.push_back('_');
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(*c))));
  }
  return out;
}

std::string PatternName(AclPatternType p) {
  switch (p) {
    case AclPatternType::kLiteral: return "LITERAL";
    case AclPatternType::kPrefixed: return "PREFIXED";
    case AclPatternType::kMatch: return "MATCH";
    default: return "ANY";
  }
}

std::string PatternText(AclResourceType type, const std::string& name, AclPatternType pattern) {
  return "ResourcePattern(resourceType=" + UpperSnake(security::AclResourceTypeName(type)) + ", name=" + name +
         ", patternType=" + PatternName(pattern) + ")";
}

std::string EntryText(const AclEntry& e) {
  return "(principal=" + e.principal + ", host=" + e.host +
         ", operation=" + UpperSnake(security::AclOperationName(e.operation)) +
         ", permissionType=" + UpperSnake(security::AclPermissionName(e.permission)) + ")";
}

// AclCommand's block: "<title> `pattern`: \n \t(acl)\n\t(acl) \n" and a blank line.
void PrintBlock(const std::string& title, const std::string& pattern, const std::vector<AclEntry>& entries) {
  std::string out = title + " `" + pattern + "`: \n ";
  for (size_t i = 0; i < entries.size(); ++i) out += (i ? "\n\t" : "\t") + EntryText(entries[i]);
  out += " \n\n";
  std::fputs(out.c_str(), stdout);
}

Status ErrorOf(int16_t code, const std::optional<std::string>& message) {
  if (code == 0) return Status::Ok();
  const auto e = static_cast<protocol::ErrorCode>(code);
  return Status::IOError(std::string(protocol::ErrorCodeName(e)) + (message && !message->empty() ? ": " + *message : ""));
}

// Every stored binding matching the filter, grouped by resource pattern.
Result<std::map<std::tuple<AclResourceType, std::string, AclPatternType>, std::vector<AclEntry>>> Describe(
    client::ClusterClient& c, const security::AclBindingFilter& f) {
  auto bindings = client::DescribeAcls(c, f);
  if (!bindings.ok()) return bindings.status();
  std::map<std::tuple<AclResourceType, std::string, AclPatternType>, std::vector<AclEntry>> out;
  for (auto& b : *bindings) out[{b.resource_type, b.resource_name, b.pattern_type}].push_back(std::move(b.entry));
  return out;
}

int ListFor(client::ClusterClient& c, const std::vector<Resource>& resources, AclPatternType pattern,
            const std::optional<std::string>& principal) {
  std::vector<security::AclBindingFilter> filters;
  if (resources.empty()) {
    security::AclBindingFilter f;
    f.principal = principal;
    filters.push_back(f);
  }
  for (const auto& r : resources) {
    security::AclBindingFilter f;
    f.resource_type = r.type;
    f.resource_name = r.name;
    f.pattern_type = pattern;
    f.principal = principal;
    filters.push_back(f);
  }
  for (const auto& f : filters) {
    auto got = Describe(c, f);
    if (!got.ok()) return ReportError(kVerb, got.status().message());
    for (const auto& [key, entries] : *got) {
      const auto& [type, name, p] = key;
      PrintBlock(principal ? "ACLs for principal `" + *principal + "`" : "Current ACLs for resource",
                 PatternText(type, name, p), entries);
    }
  }
  return 0;
}

Result<AclOperation> ParseOperation(const std::string& text) {
  auto op = security::AclOperationFromName(text);
  if (!op || *op == AclOperation::kAny) {
    return Status::InvalidArgument("unknown --operation '" + text +
                                   "' (Read, Write, Create, Delete, Alter, Describe, ClusterAction, AlterConfigs, "
                                   "DescribeConfigs, IdempotentWrite, All)");
  }
  return *op;
}

}  // namespace

int RunAcls(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      kBootstrapServerOption,
      kCommandConfigOption,
      {"--add", false, "add ACLs"},
      {"--remove", false, "remove ACLs"},
      {"--list", false, "list ACLs (of the named resources, or all)"},
      {"--topic", true, "TOPIC: a topic resource (repeatable; * for all topics)"},
      {"--group", true, "GROUP: a consumer group resource (repeatable)"},
      {"--cluster", false, "the cluster resource"},
      {"--transactional-id", true, "ID: a transactional id resource (repeatable)"},
      {"--resource-pattern-type", true, "literal|prefixed (add/remove), any|match too (list/remove); default literal"},
      {"--allow-principal", true, "PRINCIPAL: User:name to allow (repeatable)"},
      {"--deny-principal", true, "PRINCIPAL: User:name to deny (repeatable)"},
      {"--allow-host", true, "HOST: host the allow ACLs apply to (default *)"},
      {"--deny-host", true, "HOST: host the deny ACLs apply to (default *)"},
      {"--operation", true, "OP: Read, Write, Create, Delete, Alter, Describe, ClusterAction, AlterConfigs, "
                            "DescribeConfigs, IdempotentWrite, All (repeatable; default All)"},
      {"--producer", false, "the ACLs a producer needs: Write, Describe, Create on the topics"},
      {"--consumer", false, "the ACLs a consumer needs: Read, Describe on the topics, Read on the group"},
      {"--idempotent", false, "with --producer: IdempotentWrite on the cluster"},
      {"--principal", true, "PRINCIPAL: with --list, only this principal's ACLs"},
      {"--force", false, "remove without asking"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli acls --bootstrap-server H:P (--add | --remove | --list) [resources] "
                          "[principals and operations]",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  auto bootstrap = a.Get("--bootstrap-server");
  if (!bootstrap) return ReportUsage(kVerb, "--bootstrap-server is required");
  const int actions = a.Has("--add") + a.Has("--remove") + a.Has("--list");
  if (actions != 1) return ReportUsage(kVerb, "exactly one of --add, --remove and --list is required");

  std::vector<Resource> resources;
  for (const auto& t : a.GetAll("--topic")) resources.push_back({AclResourceType::kTopic, t});
  for (const auto& g : a.GetAll("--group")) resources.push_back({AclResourceType::kGroup, g});
  for (const auto& t : a.GetAll("--transactional-id")) resources.push_back({AclResourceType::kTransactionalId, t});
  if (a.Has("--cluster")) resources.push_back({AclResourceType::kCluster, std::string(security::kClusterResourceName)});

  std::string pattern_text = a.Get("--resource-pattern-type").value_or("literal");
  for (auto& ch : pattern_text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  AclPatternType pattern;
  if (pattern_text == "literal") pattern = AclPatternType::kLiteral;
  else if (pattern_text == "prefixed") pattern = AclPatternType::kPrefixed;
  else if (pattern_text == "match") pattern = AclPatternType::kMatch;
  else if (pattern_text == "any") pattern = AclPatternType::kAny;
  else return ReportUsage(kVerb, "--resource-pattern-type must be literal, prefixed, match or any");
  if (a.Has("--add") && pattern != AclPatternType::kLiteral && pattern != AclPatternType::kPrefixed) {
    return ReportUsage(kVerb, "A '--resource-pattern-type' value of '" + pattern_text +
                                  "' is not valid when adding acls.");
  }

  auto c = ConnectOrReport(kVerb, *bootstrap, a.Get("--command-config"));
  if (!c) return 1;
  if (a.Has("--list")) return ListFor(*c, resources, pattern, a.Get("--principal"));

  // The ACLs to add or remove, per resource (AclCommand.getResourceToAcls).
  std::vector<AclEntry> principals;
  for (const auto& p : a.GetAll("--allow-principal")) {
    principals.push_back({p, a.Get("--allow-host").value_or("*"), AclOperation::kAll, AclPermission::kAllow});
  }
  for (const auto& p : a.GetAll("--deny-principal")) {
    principals.push_back({p, a.Get("--deny-host").value_or("*"), AclOperation::kAll, AclPermission::kDeny});
  }
  std::map<Resource, std::vector<AclEntry>> wanted;
  auto add_ops = [&](const Resource& r, const std::vector<AclOperation>& ops) {
    for (const auto& p : principals) {
      for (AclOperation op : ops) {
        AclEntry e = p;
        e.operation = op;
        auto& list = wanted[r];
        if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
      }
    }
  };
  if (a.Has("--producer") || a.Has("--consumer")) {
    if (a.Has("--cluster") && !a.Has("--idempotent")) {
      return ReportUsage(kVerb, "--producer/--consumer take --topic, --group and --transactional-id, not --cluster");
    }
    bool any_topic = false;
    for (const auto& r : resources) any_topic |= r.type == AclResourceType::kTopic;
    if (!any_topic) return ReportUsage(kVerb, "--producer/--consumer need --topic");
    for (const auto& r : resources) {
      if (r.type == AclResourceType::kTopic) {
        if (a.Has("--producer")) add_ops(r, {AclOperation::kWrite, AclOperation::kDescribe, AclOperation::kCreate});
        if (a.Has("--consumer")) add_ops(r, {AclOperation::kRead, AclOperation::kDescribe});
      } else if (r.type == AclResourceType::kGroup && a.Has("--consumer")) {
        add_ops(r, {AclOperation::kRead});
      } else if (r.type == AclResourceType::kTransactionalId && a.Has("--producer")) {
        add_ops(r, {AclOperation::kWrite, AclOperation::kDescribe});
      }
    }
    if (a.Has("--consumer") && !a.Has("--group")) return ReportUsage(kVerb, "--consumer needs --group");
    if (a.Has("--producer") && a.Has("--idempotent")) {
      add_ops({AclResourceType::kCluster, std::string(security::kClusterResourceName)}, {AclOperation::kIdempotentWrite});
    }
  } else {
    if (resources.empty()) return ReportUsage(kVerb, "name a resource: --topic, --group, --cluster or --transactional-id");
    std::vector<AclOperation> ops;
    for (const auto& text : a.GetAll("--operation")) {
      auto op = ParseOperation(text);
      if (!op.ok()) return ReportUsage(kVerb, op.status().message());
      ops.push_back(*op);
    }
    if (ops.empty()) ops.push_back(AclOperation::kAll);
    for (const auto& r : resources) add_ops(r, ops);
  }

  if (a.Has("--add")) {
    if (principals.empty()) return ReportUsage(kVerb, "--add needs --allow-principal or --deny-principal");
    protocol::CreateAclsRequest req;
    for (const auto& [r, entries] : wanted) {
      PrintBlock("Adding ACLs for resource", PatternText(r.type, r.name, pattern), entries);
      for (const auto& e : entries) {
        req.creations.push_back({static_cast<int8_t>(r.type), r.name, static_cast<int8_t>(pattern), e.principal,
                                 e.host, static_cast<int8_t>(e.operation), static_cast<int8_t>(e.permission)});
      }
    }
    auto resp = c->SendToAny<protocol::CreateAclsRequest, protocol::CreateAclsResponse>(req);
    if (!resp.ok()) return ReportError(kVerb, resp.status().message());
    for (const auto& result : resp->results) {
      Status st = ErrorOf(result.error_code, result.error_message);
      if (!st.ok()) return ReportError(kVerb, "Error while adding ACLs: " + st.message());
    }
  } else {
    // --remove: the named principals' ACLs, or every ACL of the resources without principals.
    protocol::DeleteAclsRequest req;
    for (const auto& r : resources) {
      if (!a.Has("--force")) {
        std::printf("Are you sure you want to remove ACLs: \n %s \n from resource filter `%s`? (y/n)\n",
                    principals.empty() ? "all" : "the listed", PatternText(r.type, r.name, pattern).c_str());
        std::fflush(stdout);
        std::string answer;
        if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y")) continue;
      }
      auto filter_for = [&](std::optional<AclEntry> e) {
        protocol::DeleteAclsRequest::Filter f;
        f.resource_type_filter = static_cast<int8_t>(r.type);
        f.resource_name_filter = r.name;
        f.pattern_type_filter = static_cast<int8_t>(pattern);
        f.operation = static_cast<int8_t>(AclOperation::kAny);
        f.permission_type = static_cast<int8_t>(AclPermission::kAny);
        if (e) {
          f.principal_filter = e->principal;
          f.host_filter = e->host;
          f.operation = static_cast<int8_t>(e->operation);
          f.permission_type = static_cast<int8_t>(e->permission);
        }
        req.filters.push_back(f);
      };
      if (principals.empty()) {
        filter_for(std::nullopt);
      } else {
        for (const auto& e : wanted[r]) filter_for(e);
      }
    }
    if (req.filters.empty()) return 0;
    auto resp = c->SendToAny<protocol::DeleteAclsRequest, protocol::DeleteAclsResponse>(req);
    if (!resp.ok()) return ReportError(kVerb, resp.status().message());
    for (const auto& fr : resp->filter_results) {
      Status st = ErrorOf(fr.error_code, fr.error_message);
      if (!st.ok()) return ReportError(kVerb, "Error while removing ACLs: " + st.message());
    }
  }
  // As AclCommand: the resources' ACLs as they are now.
  return ListFor(*c, resources, pattern == AclPatternType::kPrefixed ? pattern : AclPatternType::kLiteral, std::nullopt);
}

}  // namespace partita::cli
