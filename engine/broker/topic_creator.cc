#include "engine/broker/topic_creator.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/coordination/topic_znodes.h"
#include "engine/coordination/zk_client.h"

namespace partita::broker {

void CreateTopicOnFirstUse(Broker* broker, coordination::CreateTopicRequest request, std::function<void()> done) {
  auto md = broker->metadata();
  if (md->topics.count(request.name) || md->brokers.empty()) return done();
  // The replication factor is capped at the live brokers (a one-broker dev cluster still gets the topic), and
  // min.insync.replicas at that factor, or the topic could never take an acks=all write.
  request.replication_factor =
      std::clamp<int32_t>(request.replication_factor, 1, static_cast<int32_t>(md->brokers.size()));
  if (auto it = request.configs.find("min.insync.replicas"); it != request.configs.end()) {
    it->second = std::to_string(std::min<int64_t>(std::stoll(it->second), request.replication_factor));
  }
  spdlog::info("broker {}: creating {} ({} partitions, replication factor {})", broker->id(), request.name,
               request.num_partitions, request.replication_factor);
  if (coordination::Controller* controller = broker->active_controller()) {
    controller->CreateTopic(request, [name = request.name, done = std::move(done)](const Status& st) {
      if (!st.ok() && st.code() != Status::Code::kAlreadyExists) {
        spdlog::warn("creating {} failed: {}", name, st.ToString());
      }
      done();
    });
    return;
  }
  // Not the controller: write the topic's znodes (rack-aware assignment, a new topic id); the controller
  // creates its partition states and leaders.
  std::map<int32_t, std::optional<std::string>> racks;
  for (const auto& [id, reg] : md->brokers) racks[id] = reg.rack;
  Result<coordination::ReplicaAssignment> assignment =
      coordination::AssignNewTopic(racks, request.num_partitions, request.replication_factor);
  Status st = !assignment.ok() ? assignment.status()
              : broker->zk()   ? coordination::WriteTopicZnodes(broker->zk(), request.name, *assignment, request.configs)
                               : Status::Unavailable("no ZooKeeper session");
  if (!st.ok() && st.code() != Status::Code::kAlreadyExists) {
    spdlog::warn("broker {}: creating {} failed: {}", broker->id(), request.name, st.ToString());
  }
  done();
}

}  // namespace partita::broker
