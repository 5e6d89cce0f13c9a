#include "engine/client/admin_acls.h"

#include "engine/protocol/messages/acls.h"

namespace partita::client {

using security::AclBinding;

Result<std::vector<AclBinding>> DescribeAcls(ClusterClient& client, const security::AclBindingFilter& filter) {
  protocol::DescribeAclsRequest req;
  req.resource_type_filter = static_cast<int8_t>(filter.resource_type);
  req.resource_name_filter = filter.resource_name;
  req.pattern_type_filter = static_cast<int8_t>(filter.pattern_type);
  req.principal_filter = filter.principal;
  req.host_filter = filter.host;
  req.operation = static_cast<int8_t>(filter.operation);
  req.permission_type = static_cast<int8_t>(filter.permission);
  auto resp = client.SendToAny<protocol::DescribeAclsRequest, protocol::DescribeAclsResponse>(req);
  if (!resp.ok()) return resp.status();
  PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "DescribeAcls", resp->error_message));
  std::vector<AclBinding> out;
  for (const auto& r : resp->resources) {
    for (const auto& a : r.acls) {
      out.push_back({static_cast<security::AclResourceType>(r.resource_type), r.resource_name,
                     static_cast<security::AclPatternType>(r.pattern_type),
                     {a.principal, a.host, static_cast<security::AclOperation>(a.operation),
                      static_cast<security::AclPermission>(a.permission_type)}});
    }
  }
  return out;
}

Status CreateAcls(ClusterClient& client, const std::vector<AclBinding>& bindings) {
  protocol::CreateAclsRequest req;
  for (const auto& b : bindings) {
    req.creations.push_back({static_cast<int8_t>(b.resource_type), b.resource_name, static_cast<int8_t>(b.pattern_type),
                             b.entry.principal, b.entry.host, static_cast<int8_t>(b.entry.operation),
                             static_cast<int8_t>(b.entry.permission)});
  }
  auto resp = client.SendToAny<protocol::CreateAclsRequest, protocol::CreateAclsResponse>(req);
  if (!resp.ok()) return resp.status();
  for (const auto& r : resp->results) PARTITA_RETURN_IF_ERROR(KafkaError(r.error_code, "CreateAcls", r.error_message));
  return Status::Ok();
}

Result<std::vector<AclBinding>> DeleteAcls(ClusterClient& client, const std::vector<AclBinding>& bindings) {
  protocol::DeleteAclsRequest req;
  for (const auto& b : bindings) {
    protocol::DeleteAclsRequest::Filter f;
    f.resource_type_filter = static_cast<int8_t>(b.resource_type);
    f.resource_name_filter = b.resource_name;
    f.pattern_type_filter = static_cast<int8_t>(b.pattern_type);
    f.principal_filter = b.entry.principal;
    f.host_filter = b.entry.host;
    f.operation = static_cast<int8_t>(b.entry.operation);
    f.permission_type = static_cast<int8_t>(b.entry.permission);
    req.filters.push_back(std::move(f));
  }
  auto resp = client.SendToAny<protocol::DeleteAclsRequest, protocol::DeleteAclsResponse>(req);
  if (!resp.ok()) return resp.status();
  std::vector<AclBinding> deleted;
  for (const auto& fr : resp->filter_results) {
    PARTITA_RETURN_IF_ERROR(KafkaError(fr.error_code, "DeleteAcls", fr.error_message));
    for (const auto& m : fr.matching_acls) {
      if (m.error_code != 0) continue;
      deleted.push_back({static_cast<security::AclResourceType>(m.resource_type), m.resource_name,
                         static_cast<security::AclPatternType>(m.pattern_type),
                         {m.principal, m.host, static_cast<security::AclOperation>(m.operation),
                          static_cast<security::AclPermission>(m.permission_type)}});
    }
  }
  return deleted;
}

}  // namespace partita::client
