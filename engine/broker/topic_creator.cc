#include "engine/broker/topic_creator.h"

#include <algorithm>
#include <random>

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/coordination/kafka_znodes.h"
#include "engine/coordination/replica_assignment.h"
#include "engine/coordination/zk_client.h"
#include "engine/coordination/zk_paths.h"

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
  // Not the controller: write the topic's znodes; the controller creates its partition states and leaders.
  std::vector<int32_t> brokers;
  for (const auto& [id, _] : md->brokers) brokers.push_back(id);
  if (brokers.empty()) return done();
  std::random_device rd;
  const int32_t n = static_cast<int32_t>(brokers.size());
  coordination::TopicAssignment assignment;
  assignment.partitions = coordination::AssignReplicas(brokers, request.num_partitions, request.replication_factor,
                                                       static_cast<int32_t>(rd() % n), static_cast<int32_t>(rd() % n));
  assignment.topic_id = coordination::GenerateUuid();
  std::vector<coordination::ZkOp> ops;
  ops.push_back(coordination::ZkOp::Create(coordination::zkpaths::TopicConfigPath(request.name),
                                           coordination::EncodeTopicConfig(request.configs)));
  ops.push_back(coordination::ZkOp::Create(coordination::zkpaths::TopicPath(request.name),
                                           coordination::EncodeTopicAssignment(assignment)));
  Status st = broker->zk() ? broker->zk()->Multi(ops) : Status::Unavailable("no ZooKeeper session");
  if (!st.ok() && st.code() != Status::Code::kAlreadyExists) {
    spdlog::warn("broker {}: creating {} failed: {}", broker->id(), request.name, st.ToString());
  }
  done();
}

}  // namespace partita::broker
