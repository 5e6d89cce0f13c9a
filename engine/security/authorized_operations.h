// KIP-430 "authorized operations": the 32-bit field that Metadata (v8+), DescribeGroups (v3+) and DescribeCluster
// answer when a client asks which operations it may perform on a topic, a group or the cluster. Bit n is set when
// the operation whose AclOperation code is n is allowed (Kafka's Utils.to32BitField). Only the operations Kafka
// lists as valid for the resource type (AclEntry.supportedOperations) are ever asked; without an authorizer all of
// them are set, as KafkaApis' AuthHelper.authorizedOperations answers. INT32_MIN means "not requested".
// Thread safety: pure functions; the authorizer is read-only here.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "engine/security/acl.h"

namespace partita::security {

class AclAuthorizer;

// The field's value when the client did not ask (Kafka's Int.MinValue).
inline constexpr int32_t kAuthorizedOperationsOmitted = std::numeric_limits<int32_t>::min();

// Kafka's AclEntry.supportedOperations for the resource types we serve (empty for ANY).
std::span<const AclOperation> SupportedOperations(AclResourceType type);

// The bitfield of the operations on `type`:`name` (a LITERAL resource) that `principal` from `host` may perform.
// A null authorizer allows every supported operation.
int32_t AuthorizedOperations(const AclAuthorizer* authorizer, const std::string& principal, const std::string& host,
                             AclResourceType type, const std::string& name);

// The operations set in a bitfield, in code order (for display and tests).
std::vector<AclOperation> OperationsInBitfield(int32_t bits);

}  // namespace partita::security
