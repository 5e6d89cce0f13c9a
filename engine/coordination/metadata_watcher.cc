#include "engine/coordination/metadata_watcher.h"

#include <spdlog/spdlog.h>

#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

constexpr int kRetryDelayMs = 300;

bool SameContent(const ClusterMetadata& a, const ClusterMetadata& b) {
  return a.cluster_id == b.cluster_id && a.controller_id == b.controller_id && a.brokers == b.brokers &&
         a.topics == b.topics;
}

}  // namespace

bool MayLeadFrom(const PartitionMetadata& partition, int32_t broker_id, int64_t my_broker_epoch) {
  if (partition.leader != broker_id) return false;
  if (partition.state_mzxid < 0 || my_broker_epoch < 0) return true;
  return partition.state_mzxid > my_broker_epoch;
}

MetadataWatcher::MetadataWatcher(ZkClient* zk, OnChange on_change)
    : zk_(zk), on_change_(std::move(on_change)), loop_(std::make_shared<EventLoop>("metadata-watcher")) {
  snapshot_.store(std::make_shared<const ClusterMetadata>());
  listener_id_ = zk_->AddSessionListener([this, loop = loop_] {
    loop->Post([this] {
      ++session_epoch_;  // watches of the old session are gone; callbacks of that epoch are ignored
      armed_.clear();
      RefreshAll();
      Publish();
    });
  });
}

MetadataWatcher::~MetadataWatcher() {
  zk_->RemoveSessionListener(listener_id_);
  Stop();
}

void MetadataWatcher::Start() {
  loop_->Post([this] {
    RefreshAll();
    Publish();
  });
}

void MetadataWatcher::Stop() { loop_->Stop(); }

WatchCallback MetadataWatcher::WatchOnce(const std::string& key, std::function<void()> refresh) {
  if (!armed_.insert(key).second) return nullptr;
  const uint64_t epoch = session_epoch_;
  return [this, loop = loop_, key, epoch, refresh = std::move(refresh)](const WatchEvent&) {
    loop->Post([this, key, epoch, refresh] {
      if (epoch != session_epoch_) return;
      armed_.erase(key);
      refresh();
      Publish();
    });
  };
}

void MetadataWatcher::Retry(std::function<void()> refresh) {
  loop_->Post([this, refresh = std::move(refresh)] {
    refresh();
    Publish();
  }, kRetryDelayMs);
}

void MetadataWatcher::RefreshAll() {
  RefreshClusterId();
  RefreshController();
  RefreshBrokers();
  RefreshDeletions();
  RefreshTopicList();
}

void MetadataWatcher::RefreshClusterId() {
  const std::string key = "cluster-id";
  WatchCallback w = WatchOnce(key, [this] { RefreshClusterId(); });
  Result<std::optional<ZkStat>> ex = zk_->Exists(std::string(zkpaths::kClusterId), std::move(w));
  if (!ex.ok()) {
    armed_.erase(key);
    return Retry([this] { RefreshClusterId(); });
  }
  if (!ex->has_value()) return;
  Result<ZkGetResult> got = zk_->Get(std::string(zkpaths::kClusterId));
  if (got.ok()) {
    if (Result<std::string> id = DecodeClusterId(got->data); id.ok()) working_.cluster_id = *id;
  }
}

void MetadataWatcher::RefreshController() {
  const std::string key = "controller";
  WatchCallback w = WatchOnce(key, [this] { RefreshController(); });
  Result<std::optional<ZkStat>> ex = zk_->Exists(std::string(zkpaths::kController), std::move(w));
  if (!ex.ok()) {
    armed_.erase(key);
    return Retry([this] { RefreshController(); });
  }
  working_.controller_id = -1;
  if (!ex->has_value()) return;
  Result<ZkGetResult> got = zk_->Get(std::string(zkpaths::kController));
  if (got.ok()) {
    if (Result<ControllerInfo> info = DecodeControllerInfo(got->data); info.ok()) {
      working_.controller_id = info->broker_id;
    }
  }
}

void MetadataWatcher::RefreshBrokers() {
  const std::string key = "broker-ids";
  WatchCallback w = WatchOnce(key, [this] { RefreshBrokers(); });
  Result<std::vector<std::string>> ids = zk_->GetChildren(std::string(zkpaths::kBrokerIds), std::move(w));
  if (!ids.ok()) {
    armed_.erase(key);
    if (ids.status().IsNotFound()) {
      working_.brokers.clear();
      return Retry([this] { RefreshBrokers(); });  // the path appears when the first broker registers
    }
    return Retry([this] { RefreshBrokers(); });
  }
  std::map<int32_t, BrokerRegistration> brokers;
  for (const std::string& name : *ids) {
    int32_t id;
    try {
      id = std::stoi(name);
    } catch (...) {
      continue;
    }
    Result<ZkGetResult> got = zk_->Get(zkpaths::BrokerIdPath(id));
    if (!got.ok()) continue;  // left between the listing and the read: the children watch follows
    Result<BrokerRegistration> reg = DecodeBrokerRegistration(id, got->data);
    if (!reg.ok()) {
      spdlog::warn("metadata: /brokers/ids/{}: {}", id, reg.status().ToString());
      continue;
    }
    reg->broker_epoch = got->stat.czxid;
    brokers[id] = *reg;
  }
  working_.brokers = std::move(brokers);
}

void MetadataWatcher::RefreshDeletions() {
  const std::string key = "delete-topics";
  WatchCallback w = WatchOnce(key, [this] { RefreshDeletions(); });
  Result<std::vector<std::string>> marked = zk_->GetChildren(std::string(zkpaths::kAdminDeleteTopics), std::move(w));
  if (!marked.ok()) {
    armed_.erase(key);
    if (!marked.status().IsNotFound()) Retry([this] { RefreshDeletions(); });
    return;
  }
  const std::set<std::string> names(marked->begin(), marked->end());
  for (auto& [name, topic] : working_.topics) topic.marked_for_deletion = names.count(name) > 0;
}

void MetadataWatcher::RefreshTopicList() {
  const std::string key = "topics";
  WatchCallback w = WatchOnce(key, [this] { RefreshTopicList(); });
  Result<std::vector<std::string>> names = zk_->GetChildren(std::string(zkpaths::kBrokerTopics), std::move(w));
  if (!names.ok()) {
    armed_.erase(key);
    return Retry([this] { RefreshTopicList(); });
  }
  const std::set<std::string> present(names->begin(), names->end());
  for (auto it = working_.topics.begin(); it != working_.topics.end();) {
    it = present.count(it->first) ? std::next(it) : working_.topics.erase(it);
  }
  for (const std::string& name : present) {
    if (working_.topics.count(name) && armed_.count("topic:" + name)) continue;
    RefreshTopic(name);
    RefreshTopicConfig(name);
  }
}

void MetadataWatcher::RefreshTopic(const std::string& name) {
  const std::string key = "topic:" + name;
  WatchCallback w = WatchOnce(key, [this, name] { RefreshTopic(name); });
  Result<ZkGetResult> got = zk_->Get(zkpaths::TopicPath(name), std::move(w));
  if (!got.ok()) {
    armed_.erase(key);
    if (got.status().IsNotFound()) {
      working_.topics.erase(name);
      return;
    }
    return Retry([this, name] { RefreshTopic(name); });
  }
  Result<TopicAssignment> assignment = DecodeTopicAssignment(got->data);
  if (!assignment.ok()) {
    spdlog::warn("metadata: topic {}: {}", name, assignment.status().ToString());
    return;
  }
  TopicMetadata& topic = working_.topics[name];
  topic.name = name;
  topic.topic_id = assignment->topic_id.value_or("");
  for (auto it = topic.partitions.begin(); it != topic.partitions.end();) {
    it = assignment->partitions.count(it->first) ? std::next(it) : topic.partitions.erase(it);
  }
  for (const auto& [p, replicas] : assignment->partitions) {
    PartitionMetadata& pm = topic.partitions[p];
    pm.partition = p;
    pm.replicas = replicas;
    auto adding = assignment->adding_replicas.find(p);
    pm.adding_replicas = adding == assignment->adding_replicas.end() ? std::vector<int32_t>{} : adding->second;
    auto removing = assignment->removing_replicas.find(p);
    pm.removing_replicas =
        removing == assignment->removing_replicas.end() ? std::vector<int32_t>{} : removing->second;
    if (!armed_.count("state:" + name + "/" + std::to_string(p))) RefreshPartitionState(name, p);
  }
}

void MetadataWatcher::RefreshPartitionState(const std::string& name, int32_t partition) {
  auto topic = working_.topics.find(name);
  if (topic == working_.topics.end()) return;  // deleted meanwhile
  const std::string key = "state:" + name + "/" + std::to_string(partition);
  const std::string path = zkpaths::PartitionStatePath(name, partition);
  WatchCallback w = WatchOnce(key, [this, name, partition] { RefreshPartitionState(name, partition); });
  // An exists-watch also catches the state node's creation.
  Result<std::optional<ZkStat>> ex = zk_->Exists(path, std::move(w));
  if (!ex.ok()) {
    armed_.erase(key);
    return Retry([this, name, partition] { RefreshPartitionState(name, partition); });
  }
  auto pit = topic->second.partitions.find(partition);
  if (pit == topic->second.partitions.end()) return;
  PartitionMetadata& pm = pit->second;
  if (!ex->has_value()) {
    pm.leader = -1;
    pm.state_zk_version = -1;
    pm.state_mzxid = -1;
    return;
  }
  Result<ZkGetResult> got = zk_->Get(path);
  if (!got.ok()) return;  // changed again: the watch fires
  Result<PartitionState> state = DecodePartitionState(got->data);
  if (!state.ok()) {
    spdlog::warn("metadata: {}: {}", path, state.status().ToString());
    return;
  }
  pm.leader = state->leader;
  pm.leader_epoch = state->leader_epoch;
  pm.controller_epoch = state->controller_epoch;
  pm.isr = state->isr;
  pm.state_zk_version = got->stat.version;
  pm.state_mzxid = got->stat.mzxid;
}

void MetadataWatcher::RefreshTopicConfig(const std::string& name) {
  auto topic = working_.topics.find(name);
  if (topic == working_.topics.end()) return;
  const std::string key = "config:" + name;
  const std::string path = zkpaths::TopicConfigPath(name);
  WatchCallback w = WatchOnce(key, [this, name] { RefreshTopicConfig(name); });
  Result<std::optional<ZkStat>> ex = zk_->Exists(path, std::move(w));
  if (!ex.ok()) {
    armed_.erase(key);
    return Retry([this, name] { RefreshTopicConfig(name); });
  }
  topic->second.config.clear();
  if (!ex->has_value()) return;
  Result<ZkGetResult> got = zk_->Get(path);
  if (!got.ok()) return;
  if (Result<TopicConfig> cfg = DecodeTopicConfig(got->data); cfg.ok()) topic->second.config = *cfg;
}

void MetadataWatcher::Publish() {
  std::shared_ptr<const ClusterMetadata> before = snapshot_.load();
  if (before && before->version > 0 && SameContent(*before, working_)) return;
  auto after = std::make_shared<ClusterMetadata>(working_);
  after->version = (before ? before->version : 0) + 1;
  std::shared_ptr<const ClusterMetadata> published = after;
  snapshot_.store(published);
  if (on_change_) on_change_(before, published);
}

}  // namespace partita::coordination
