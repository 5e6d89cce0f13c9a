#include "engine/coordination/replica_assignment.h"

#include <algorithm>
#include <set>

namespace partita::coordination {

ReplicaAssignment AssignReplicas(const std::vector<int32_t>& brokers, int32_t num_partitions,
                                 int32_t replication_factor, int32_t start_index, int32_t replica_shift,
                                 int32_t first_partition) {
  ReplicaAssignment out;
  const int32_t n = int32_t(brokers.size());
  if (n == 0 || replication_factor < 1 || replication_factor > n) return out;
  int32_t shift = replica_shift;
  int32_t current = first_partition;
  for (int32_t i = 0; i < num_partitions; ++i, ++current) {
    if (current > 0 && current % n == 0) ++shift;
    const int32_t first = (current + start_index) % n;
    std::vector<int32_t> replicas{brokers[size_t(first)]};
    for (int32_t j = 0; j < replication_factor - 1; ++j) {
      const int32_t index = (first + 1 + (shift + j) % (n - 1)) % n;
      replicas.push_back(brokers[size_t(index)]);
    }
    out[current] = std::move(replicas);
  }
  return out;
}

std::vector<int32_t> RackAlternatedBrokers(const std::map<int32_t, std::string>& broker_racks) {
  std::map<std::string, std::vector<int32_t>> by_rack;  // racks sorted; ids sorted because the input map is
  for (const auto& [id, rack] : broker_racks) by_rack[rack].push_back(id);
  std::vector<std::vector<int32_t>::const_iterator> next;
  std::vector<std::vector<int32_t>::const_iterator> end;
  for (const auto& [rack, ids] : by_rack) {
    next.push_back(ids.begin());
    end.push_back(ids.end());
  }
  std::vector<int32_t> out;
  for (size_t rack = 0; out.size() < broker_racks.size(); rack = (rack + 1) % next.size()) {
    if (next[rack] != end[rack]) out.push_back(*next[rack]++);
  }
  return out;
}

ReplicaAssignment AssignReplicasRackAware(const std::map<int32_t, std::string>& broker_racks,
                                          int32_t num_partitions, int32_t replication_factor, int32_t start_index,
                                          int32_t replica_shift, int32_t first_partition) {
  ReplicaAssignment out;
  const std::vector<int32_t> brokers = RackAlternatedBrokers(broker_racks);
  const int32_t n = int32_t(brokers.size());
  if (n == 0 || replication_factor < 1 || replication_factor > n) return out;
  std::set<std::string> all_racks;
  for (const auto& [id, rack] : broker_racks) all_racks.insert(rack);
  const int32_t num_racks = int32_t(all_racks.size());
  int32_t shift = replica_shift;
  int32_t current = std::max(0, first_partition);
  for (int32_t i = 0; i < num_partitions; ++i, ++current) {
    if (current > 0 && current % n == 0) ++shift;
    const int32_t first = (current + start_index) % n;
    const int32_t leader = brokers[size_t(first)];
    std::vector<int32_t> replicas{leader};
    std::set<std::string> racks_used{broker_racks.at(leader)};
    std::set<int32_t> brokers_used{leader};
    int32_t k = 0;
    for (int32_t j = 0; j < replication_factor - 1; ++j) {
      for (;; ++k) {
        const int32_t index = (first + 1 + (shift * num_racks + k) % (n - 1)) % n;
        const int32_t broker = brokers[size_t(index)];
        const std::string& rack = broker_racks.at(broker);
        // Skip a broker whose rack already has a replica while some rack has none, or a broker that already has
        // one while some broker has none (Kafka's two rules).
        if ((!racks_used.count(rack) || int32_t(racks_used.size()) == num_racks) &&
            (!brokers_used.count(broker) || int32_t(brokers_used.size()) == n)) {
          replicas.push_back(broker);
          racks_used.insert(rack);
          brokers_used.insert(broker);
          ++k;
          break;
        }
      }
    }
    out[current] = std::move(replicas);
  }
  return out;
}

Result<ReplicaAssignment> AssignReplicasEnforced(const std::map<int32_t, std::optional<std::string>>& racks,
                                                 int32_t num_partitions, int32_t replication_factor,
                                                 int32_t start_index, int32_t replica_shift,
                                                 int32_t first_partition) {
  std::map<int32_t, std::string> with_rack;
  std::vector<int32_t> all;
  for (const auto& [id, rack] : racks) {
    all.push_back(id);
    if (rack) with_rack[id] = *rack;
  }
  if (with_rack.empty()) {
    return AssignReplicas(all, num_partitions, replication_factor, start_index, replica_shift, first_partition);
  }
  if (with_rack.size() != racks.size()) {
    return Status::InvalidArgument("not all brokers have rack information for replica rack aware assignment");
  }
  return AssignReplicasRackAware(with_rack, num_partitions, replication_factor, start_index, replica_shift,
                                 first_partition);
}

}  // namespace partita::coordination
