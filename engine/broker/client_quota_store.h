// Client quotas in ZooKeeper as Kafka's ZK mode keeps them (KIP-55, KIP-546): the quota keys of
// /config/users/<user>, /config/users/<user>/clients/<client-id> and /config/clients/<client-id> ("<default>"
// for the default entities), each written with a /config/changes notification naming the entity path, so
// every broker's config watcher reloads them. SCRAM credentials share /config/users; only quota keys are read
// and written here.
// Thread safety: blocking ZooKeeper calls; any thread except a ZooKeeper callback.
#pragma once

#include <string>
#include <vector>

#include "engine/broker/client_quotas.h"
#include "engine/common/status.h"
#include "engine/coordination/zk_client.h"

namespace partita::broker {

// Whether `key` is one of Kafka's client quota keys (producer_byte_rate, consumer_byte_rate,
// request_percentage, controller_mutation_rate).
bool IsClientQuotaKey(const std::string& key);

// Every entity with at least one quota key; values that are not numbers are skipped with a warning.
Result<ClientQuotaConfigs> LoadClientQuotas(coordination::ZkClient* zk);

struct QuotaAlteration {
  std::string key;
  double value = 0;
  bool remove = false;
};
// Applies one entity's alterations atomically (one conditional write + notification).
Status AlterClientQuota(coordination::ZkClient* zk, const QuotaEntity& entity,
                        const std::vector<QuotaAlteration>& alterations);

// A quota value as Kafka writes it: integral values without a fraction ("1048576"), others as doubles.
std::string FormatQuotaValue(double value);

}  // namespace partita::broker
