// DescribeAcls (29), CreateAcls (30) and DeleteAcls (31), KIP-140 with KIP-290's pattern types, as Kafka's
// ZK-mode AclAuthorizer serves them: any broker reads or writes the ACL znodes itself (engine/coordination/
// acl_znodes.h), and the write's change notification makes every broker's cache reload.
//  - Without an authorizer every answer is SECURITY_DISABLED ("No Authorizer is configured"), as Kafka's.
//  - Describe needs DESCRIBE on the cluster; Create and Delete need ALTER on it (CLUSTER_AUTHORIZATION_FAILED).
//  - Create validates each binding (acl.h's AclBindingProblem; a non-LITERAL pattern below v1 is refused) and
//    answers per creation; Delete answers per filter with the ACLs it removed.
//  - Describe and Delete read ZooKeeper, not the cache: what they answer is what is stored now.
// Thread safety: Process blocks on ZooKeeper round trips (ACL admin requests are rare), on a network thread.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/acls.h"

namespace partita::broker {

class DescribeAclsHandler : public ApiHandler<protocol::DescribeAclsRequest, protocol::DescribeAclsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeAclsRequest& request, Done done) override;
};

class CreateAclsHandler : public ApiHandler<protocol::CreateAclsRequest, protocol::CreateAclsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::CreateAclsRequest& request, Done done) override;
};

class DeleteAclsHandler : public ApiHandler<protocol::DeleteAclsRequest, protocol::DeleteAclsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DeleteAclsRequest& request, Done done) override;
};

}  // namespace partita::broker
