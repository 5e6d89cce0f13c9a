#include "engine/broker/handlers/acls_handlers.h"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <tuple>

#include "engine/broker/broker.h"
#include "engine/broker/handlers/authorize.h"
#include "engine/coordination/acl_znodes.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;
using security::AclBinding;
using security::AclBindingFilter;
using security::AclOperation;
using security::AclPatternType;
using security::AclPermission;
using security::AclResourceType;

namespace {

constexpr const char* kNoAuthorizer = "No Authorizer is configured.";

// A filter from its wire bytes, or nullopt when a code is outside Kafka's (UNKNOWN = 0 included).
template <class F>
std::optional<AclBindingFilter> FilterFromWire(const F& f, int8_t pattern_type) {
  if (f.resource_type_filter < 1 || f.resource_type_filter > 5 || pattern_type < 1 || pattern_type > 4 ||
      f.operation < 1 || f.operation > 12 || f.permission_type < 1 || f.permission_type > 3) {
    return std::nullopt;
  }
  AclBindingFilter out;
  out.resource_type = static_cast<AclResourceType>(f.resource_type_filter);
  out.resource_name = f.resource_name_filter;
  out.pattern_type = static_cast<AclPatternType>(pattern_type);
  out.principal = f.principal_filter;
  out.host = f.host_filter;
  out.operation = static_cast<AclOperation>(f.operation);
  out.permission = static_cast<AclPermission>(f.permission_type);
  return out;
}

Result<std::vector<AclBinding>> StoredMatching(coordination::ZkClient* zk, const AclBindingFilter& filter) {
  auto all = coordination::LoadAllAcls(zk);
  if (!all.ok()) return all.status();
  std::vector<AclBinding> out;
  for (auto& b : *all) {
    if (security::FilterMatches(filter, b)) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

void DescribeAclsHandler::Process(const RequestContext& ctx, const protocol::DescribeAclsRequest& request,
                                  Done done) {
  protocol::DescribeAclsResponse response;
  auto fail = [&](ErrorCode code, std::string message) {
    response.error_code = Wire(code);
    response.error_message = std::move(message);
    done(std::move(response));
  };
  if (!AuthorizerEnabled(ctx)) return fail(ErrorCode::kSecurityDisabled, kNoAuthorizer);
  if (!AuthorizedCluster(ctx, AclOperation::kDescribe)) {
    return fail(ErrorCode::kClusterAuthorizationFailed, "Cluster authorization failed.");
  }
  auto filter = FilterFromWire(request, request.pattern_type_filter);
  if (!filter) return fail(ErrorCode::kInvalidRequest, "The filter has an unknown resource, pattern, operation or permission type");
  auto matching = StoredMatching(ctx.broker->zk(), *filter);
  if (!matching.ok()) return fail(ErrorCode::kUnknownServerError, "reading the ACLs failed: " + matching.status().message());
  // One entry per resource pattern, as Kafka groups them.
  std::map<std::tuple<AclResourceType, std::string, AclPatternType>, size_t> index;
  for (const auto& b : *matching) {
    auto key = std::make_tuple(b.resource_type, b.resource_name, b.pattern_type);
    auto [it, fresh] = index.emplace(key, response.resources.size());
    if (fresh) {
      auto& r = response.resources.emplace_back();
      r.resource_type = static_cast<int8_t>(b.resource_type);
      r.resource_name = b.resource_name;
      r.pattern_type = static_cast<int8_t>(b.pattern_type);
    }
    response.resources[it->second].acls.push_back({b.entry.principal, b.entry.host,
                                                   static_cast<int8_t>(b.entry.operation),
                                                   static_cast<int8_t>(b.entry.permission)});
  }
  done(std::move(response));
}

void CreateAclsHandler::Process(const RequestContext& ctx, const protocol::CreateAclsRequest& request, Done done) {
  protocol::CreateAclsResponse response;
  auto fail_all = [&](ErrorCode code, const std::string& message) {
    for (size_t i = 0; i < request.creations.size(); ++i) response.results.push_back({Wire(code), message});
    done(std::move(response));
  };
  if (!AuthorizerEnabled(ctx)) return fail_all(ErrorCode::kSecurityDisabled, kNoAuthorizer);
  if (!AuthorizedCluster(ctx, AclOperation::kAlter)) {
    return fail_all(ErrorCode::kClusterAuthorizationFailed, "Cluster authorization failed.");
  }
  std::vector<std::optional<AclBinding>> valid;
  response.results.resize(request.creations.size());
  for (size_t i = 0; i < request.creations.size(); ++i) {
    const auto& c = request.creations[i];
    AclBinding b{static_cast<AclResourceType>(c.resource_type),
                 c.resource_name,
                 static_cast<AclPatternType>(c.resource_pattern_type),
                 {c.principal, c.host, static_cast<AclOperation>(c.operation), static_cast<AclPermission>(c.permission_type)}};
    std::string problem = security::AclBindingProblem(b);
    if (problem.empty() && done.version() == 0 && b.pattern_type != AclPatternType::kLiteral) {
      problem = "Version 0 only supports literal resource pattern types";
    }
    if (!problem.empty()) {
      response.results[i] = {Wire(ErrorCode::kInvalidRequest), problem};
      valid.emplace_back();
      continue;
    }
    valid.emplace_back(std::move(b));
  }
  for (size_t i = 0; i < valid.size(); ++i) {
    if (!valid[i]) continue;
    Status st = coordination::AddAcls(ctx.broker->zk(), {*valid[i]});
    if (!st.ok()) {
      response.results[i] = {Wire(ErrorCode::kUnknownServerError), "writing the ACL failed: " + st.message()};
      continue;
    }
    spdlog::info("ACL added by {}: {} {} {} from host {} on {}:{}:{}", ctx.conn.principal, valid[i]->entry.principal,
                 security::AclPermissionName(valid[i]->entry.permission),
                 security::AclOperationName(valid[i]->entry.operation), valid[i]->entry.host,
                 security::AclResourceTypeName(valid[i]->resource_type),
                 valid[i]->pattern_type == AclPatternType::kPrefixed ? "PREFIXED" : "LITERAL",
                 valid[i]->resource_name);
  }
  done(std::move(response));
}

void DeleteAclsHandler::Process(const RequestContext& ctx, const protocol::DeleteAclsRequest& request, Done done) {
  protocol::DeleteAclsResponse response;
  auto fail_all = [&](ErrorCode code, const std::string& message) {
    for (size_t i = 0; i < request.filters.size(); ++i) {
      auto& r = response.filter_results.emplace_back();
      r.error_code = Wire(code);
      r.error_message = message;
    }
    done(std::move(response));
  };
  if (!AuthorizerEnabled(ctx)) return fail_all(ErrorCode::kSecurityDisabled, kNoAuthorizer);
  if (!AuthorizedCluster(ctx, AclOperation::kAlter)) {
    return fail_all(ErrorCode::kClusterAuthorizationFailed, "Cluster authorization failed.");
  }
  for (const auto& f : request.filters) {
    auto& r = response.filter_results.emplace_back();
    auto filter = FilterFromWire(f, f.pattern_type_filter);
    if (!filter) {
      r.error_code = Wire(ErrorCode::kInvalidRequest);
      r.error_message = "The filter has an unknown resource, pattern, operation or permission type";
      continue;
    }
    auto matching = StoredMatching(ctx.broker->zk(), *filter);
    Status st = matching.ok() ? coordination::RemoveAcls(ctx.broker->zk(), *matching) : matching.status();
    if (!st.ok()) {
      r.error_code = Wire(ErrorCode::kUnknownServerError);
      r.error_message = "deleting ACLs failed: " + st.message();
      continue;
    }
    for (const auto& b : *matching) {
      auto& m = r.matching_acls.emplace_back();
      m.resource_type = static_cast<int8_t>(b.resource_type);
      m.resource_name = b.resource_name;
      m.pattern_type = static_cast<int8_t>(b.pattern_type);
      m.principal = b.entry.principal;
      m.host = b.entry.host;
      m.operation = static_cast<int8_t>(b.entry.operation);
      m.permission_type = static_cast<int8_t>(b.entry.permission);
    }
    if (!matching->empty()) spdlog::info("{} ACL(s) deleted by {}", matching->size(), ctx.conn.principal);
  }
  done(std::move(response));
}

}  // namespace partita::broker
