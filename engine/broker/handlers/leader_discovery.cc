#include "engine/broker/handlers/leader_discovery.h"

namespace partita::broker {

CurrentLeader FindCurrentLeader(const coordination::ClusterMetadata& md, std::string_view topic, int32_t partition) {
  CurrentLeader out;
  auto t = md.topics.find(std::string(topic));
  if (t == md.topics.end()) return out;
  auto p = t->second.partitions.find(partition);
  if (p == t->second.partitions.end()) return out;
  out.leader_id = p->second.leader;
  out.leader_epoch = p->second.leader_epoch;
  auto b = md.brokers.find(p->second.leader);
  if (b != md.brokers.end()) out.broker = b->second;
  return out;
}

}  // namespace partita::broker
