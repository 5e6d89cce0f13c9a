#include "engine/coordination/topic_znodes.h"

#include <random>

#include "engine/coordination/zk_paths.h"

namespace partita::coordination {

Result<ReplicaAssignment> AssignNewTopic(const std::map<int32_t, std::optional<std::string>>& racks,
                                         int32_t num_partitions, int32_t replication_factor) {
  if (num_partitions < 1) return Status::InvalidArgument("number of partitions must be at least 1");
  if (replication_factor < 1) return Status::InvalidArgument("replication factor must be at least 1");
  if (size_t(replication_factor) > racks.size()) {
    return Status::InvalidArgument("replication factor " + std::to_string(replication_factor) +
                                   " is larger than the number of live brokers (" + std::to_string(racks.size()) +
                                   ")");
  }
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int32_t> pick(0, int32_t(racks.size()) - 1);
  const int32_t start = pick(rng);
  const int32_t shift = pick(rng);
  return AssignReplicasEnforced(racks, num_partitions, replication_factor, start, shift);
}

Status WriteTopicZnodes(ZkClient* zk, const std::string& topic, const ReplicaAssignment& assignment,
                        const TopicConfig& config) {
  PARTITA_RETURN_IF_ERROR(ValidateTopicName(topic));
  if (assignment.empty()) return Status::InvalidArgument("a topic needs at least one partition");
  TopicAssignment node;
  node.partitions = assignment;
  node.topic_id = GenerateUuid();
  // A config node left by an earlier topic of the same name is overwritten, as the controller does.
  Result<std::optional<ZkStat>> cfg = zk->Exists(zkpaths::TopicConfigPath(topic));
  if (!cfg.ok()) return cfg.status();
  std::vector<ZkOp> ops;
  ops.push_back(cfg->has_value() ? ZkOp::SetData(zkpaths::TopicConfigPath(topic), EncodeTopicConfig(config))
                                 : ZkOp::Create(zkpaths::TopicConfigPath(topic), EncodeTopicConfig(config)));
  ops.push_back(ZkOp::Create(zkpaths::TopicPath(topic), EncodeTopicAssignment(node)));
  std::vector<ZkOpResult> results;
  Status s = zk->Multi(ops, &results);
  if (s.code() == Status::Code::kAlreadyExists) return Status::AlreadyExists("topic '" + topic + "' already exists");
  if (!s.ok() && results.size() == 2 && results[1].status.IsNotFound()) {
    // A fresh ensemble without /brokers/topics or /config/topics: create the parents and try once more.
    PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(zkpaths::kBrokerTopics)));
    PARTITA_RETURN_IF_ERROR(zk->EnsurePath(std::string(zkpaths::kConfigTopics)));
    return zk->Multi(ops);
  }
  return s;
}

}  // namespace partita::coordination
