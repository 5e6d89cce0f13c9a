#include "engine/security/authorized_operations.h"

#include <array>

#include "engine/security/authorizer.h"

namespace partita::security {

namespace {
using Op = AclOperation;
// Kafka's AclEntry.supportedOperations (kafka.security.authorizer.AclEntry).
constexpr std::array kTopicOps{Op::kRead,     Op::kWrite, Op::kCreate,          Op::kDescribe,
                               Op::kDelete,   Op::kAlter, Op::kDescribeConfigs, Op::kAlterConfigs};
constexpr std::array kGroupOps{Op::kRead, Op::kDescribe, Op::kDelete};
constexpr std::array kClusterOps{Op::kCreate,       Op::kClusterAction,   Op::kDescribeConfigs, Op::kAlterConfigs,
                                 Op::kIdempotentWrite, Op::kAlter,        Op::kDescribe};
constexpr std::array kTransactionalIdOps{Op::kDescribe, Op::kWrite};
}  // namespace

std::span<const AclOperation> SupportedOperations(AclResourceType type) {
  switch (type) {
    case AclResourceType::kTopic: return kTopicOps;
    case AclResourceType::kGroup: return kGroupOps;
    case AclResourceType::kCluster: return kClusterOps;
    case AclResourceType::kTransactionalId: return kTransactionalIdOps;
    case AclResourceType::kAny: break;
  }
  return {};
}

int32_t AuthorizedOperations(const AclAuthorizer* authorizer, const std::string& principal, const std::string& host,
                             AclResourceType type, const std::string& name) {
  uint32_t bits = 0;
  for (AclOperation op : SupportedOperations(type)) {
    if (!authorizer || authorizer->Authorize(principal, host, op, type, name)) bits |= 1u << static_cast<int>(op);
  }
  return static_cast<int32_t>(bits);
}

std::vector<AclOperation> OperationsInBitfield(int32_t bits) {
  std::vector<AclOperation> out;
  if (bits == kAuthorizedOperationsOmitted) return out;
  for (int code = static_cast<int>(Op::kAll); code <= static_cast<int>(Op::kIdempotentWrite); ++code) {
    if (static_cast<uint32_t>(bits) & (1u << code)) out.push_back(static_cast<AclOperation>(code));
  }
  return out;
}

}  // namespace partita::security
