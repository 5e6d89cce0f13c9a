#pragma once

// KIP-951 leader discovery: a Produce v10+ / Fetch v16+ answer that tells a client NOT_LEADER_OR_FOLLOWER (or,
// for Fetch, FENCED_LEADER_EPOCH) also tells it who leads the partition now (tagged current_leader) and how to
// reach that broker (tagged node_endpoints, on the listener the client came in on), so it can retry there at
// once instead of refreshing its metadata first. As Kafka's KafkaApis.getCurrentLeader: the leader and epoch this
// broker knows of (the metadata snapshot), and an endpoint only for a leader that is alive.
//
// Stateless functions; the metadata snapshot is immutable.

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/common/types.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/metadata_watcher.h"

namespace partita::broker {

struct CurrentLeader {
  int32_t leader_id = -1;
  int32_t leader_epoch = -1;
  std::optional<coordination::BrokerRegistration> broker;  // the live leader's registration, if any
};

CurrentLeader FindCurrentLeader(const coordination::ClusterMetadata& md, std::string_view topic, int32_t partition);

// Fills `leader_out` (the response's {leader_id, leader_epoch}) for `topic`-`partition` and adds the leader's
// endpoint on `listener` to `endpoints` (the response's NodeEndpoint list; one entry per broker).
template <class LeaderIdAndEpoch, class Endpoint>
void FillCurrentLeader(const coordination::ClusterMetadata& md, std::string_view topic, int32_t partition,
                       std::string_view listener, LeaderIdAndEpoch* leader_out, std::vector<Endpoint>* endpoints) {
  CurrentLeader leader = FindCurrentLeader(md, topic, partition);
  leader_out->leader_id = BrokerId(leader.leader_id);
  leader_out->leader_epoch = leader.leader_epoch;
  if (!leader.broker) return;
  for (const auto& e : *endpoints) {
    if (e.node_id == BrokerId(leader.leader_id)) return;
  }
  Endpoint& e = endpoints->emplace_back();
  e.node_id = BrokerId(leader.leader_id);
  std::tie(e.host, e.port) = coordination::EndpointFor(*leader.broker, listener);
  e.rack = leader.broker->rack;
}

}  // namespace partita::broker
