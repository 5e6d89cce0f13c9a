// DescribeClientQuotas (48) and AlterClientQuotas (49), KIP-546, as Kafka's ZK-mode ZkAdminManager serves them:
// any broker reads or writes the quota znodes itself (engine/broker/client_quota_store.h), and the write's
// /config/changes notification makes every broker reload its quotas.
//  - Describe: filter components of type "user" / "client-id" (exact name, the default, or any specified);
//    strict leaves out entities with parts the filter does not name. A bad filter (unknown or repeated type, an
//    exact match without a name) answers INVALID_REQUEST for the whole request. Read from ZooKeeper, so an
//    alteration is visible at once.
//  - Alter: per entity; an entity with an unknown, repeated or "ip" type (KIP-612 IP quotas are not
//    implemented), an unknown key, a key given twice, a byte rate that is not a positive whole number, a
//    request_percentage (KIP-124, a double) that is not positive, or the key Partita does not enforce
//    (controller_mutation_rate) is refused with INVALID_REQUEST and changes nothing. validate_only checks
//    without writing.
// Thread safety: Process blocks on ZooKeeper round trips (admin requests are rare), on a network thread.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/client_quotas.h"

namespace partita::broker {

class DescribeClientQuotasHandler
    : public ApiHandler<protocol::DescribeClientQuotasRequest, protocol::DescribeClientQuotasResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeClientQuotasRequest& request, Done done) override;
};

class AlterClientQuotasHandler
    : public ApiHandler<protocol::AlterClientQuotasRequest, protocol::AlterClientQuotasResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AlterClientQuotasRequest& request, Done done) override;
};

}  // namespace partita::broker
