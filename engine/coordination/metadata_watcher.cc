#include "engine/coordination/metadata_watcher.h"

#include <algorithm>

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
  // Session expired (the server says so when we reach it again, e.g. after a network partition): the controller
  // has long since elected around this broker, but until the states are re-read under the new session the
  // snapshot still names this broker leader of what it led. Serving from it makes a zombie leader (KIP-380: a new
  // incarnation never acts on state decided before its registration): clients that reach this broker first get
  // the stale leaders in Metadata (an idempotent producer then sends the partition back here, gets
  // OUT_OF_ORDER_SEQUENCE_NUMBER and dies) and produces are appended here. So the leaders are forgotten at once:
  // the broker stops leading (ApplyLeadership) and Metadata answers LEADER_NOT_AVAILABLE until RefreshAll.
  lost_listener_id_ = zk_->AddSessionLostListener([this, loop = loop_] {
    loop->Post([this] {
      ++session_epoch_;
      armed_.clear();
      ForgetLeaders();
      Publish();
    });
  });
}

void MetadataWatcher::ForgetLeaders() {
  for (auto& [name, topic] : working_.topics) {
    for (auto& [p, pm] : topic.partitions) {
      pm.leader = -1;
      pm.state_mzxid = -1;  // any state read or notified later is newer
    }
  }
}

MetadataWatcher::~MetadataWatcher() {
  zk_->RemoveSessionListener(listener_id_);
  zk_->RemoveSessionListener(lost_listener_id_);
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
  // The notifications first: the states read afterwards are at least as new as every notification listed now,
  // so only later ones need applying.
  last_change_seq_ = -1;
  RefreshStateChanges(/*baseline=*/true);
  const bool had_topics = !working_.topics.empty();  // a new session: topics known before are not re-read below
  RefreshTopicList();
  if (had_topics) ReadAllStates();
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
  std::vector<TopicPartition> fresh;  // partitions new to this snapshot: their states are read once, here
  for (const auto& [p, replicas] : assignment->partitions) {
    auto [pit, inserted] = topic.partitions.try_emplace(p);
    if (inserted) fresh.push_back(TopicPartition{name, PartitionId(p)});
    PartitionMetadata& pm = pit->second;
    pm.partition = p;
    pm.replicas = replicas;
    auto adding = assignment->adding_replicas.find(p);
    pm.adding_replicas = adding == assignment->adding_replicas.end() ? std::vector<int32_t>{} : adding->second;
    auto removing = assignment->removing_replicas.find(p);
    pm.removing_replicas =
        removing == assignment->removing_replicas.end() ? std::vector<int32_t>{} : removing->second;
  }
  ReadStates(fresh);
}

void MetadataWatcher::ReadStates(const std::vector<TopicPartition>& partitions) {
  std::vector<std::string> paths;
  paths.reserve(partitions.size());
  for (const TopicPartition& tp : partitions) paths.push_back(zkpaths::PartitionStatePath(tp.topic, tp.partition.value));
  const std::vector<Result<ZkGetResult>> got = zk_->GetMany(paths);
  std::vector<TopicPartition> again;  // unreadable now (connection loss): read again in one retry
  for (size_t i = 0; i < got.size(); ++i) {
    const TopicPartition& tp = partitions[i];
    auto topic = working_.topics.find(tp.topic);
    if (topic == working_.topics.end()) continue;
    auto pit = topic->second.partitions.find(tp.partition.value);
    if (pit == topic->second.partitions.end()) continue;
    PartitionMetadata& pm = pit->second;
    if (!got[i].ok()) {
      if (!got[i].status().IsNotFound()) {
        again.push_back(tp);
        continue;
      }
      // Not written yet (the controller creates it, with a notification, right after the topic znode).
      pm.leader = -1;
      pm.state_zk_version = -1;
      pm.state_mzxid = -1;
      continue;
    }
    Result<PartitionState> state = DecodePartitionState(got[i]->data);
    if (!state.ok()) {
      spdlog::warn("metadata: {}: {}", paths[i], state.status().ToString());
      continue;
    }
    pm.leader = state->leader;
    pm.leader_epoch = state->leader_epoch;
    pm.controller_epoch = state->controller_epoch;
    pm.isr = state->isr;
    pm.state_zk_version = got[i]->stat.version;
    pm.state_mzxid = got[i]->stat.mzxid;
  }
  if (!again.empty()) Retry([this, again = std::move(again)] { ReadStates(again); });
}

void MetadataWatcher::ReadAllStates() {
  std::vector<TopicPartition> all;
  for (const auto& [name, topic] : working_.topics) {
    for (const auto& [p, _] : topic.partitions) all.push_back(TopicPartition{name, PartitionId(p)});
  }
  ReadStates(all);
}

void MetadataWatcher::ApplyStateChange(const StateChange& change, int64_t mzxid) {
  auto topic = working_.topics.find(change.tp.topic);
  if (topic == working_.topics.end()) return;  // not read yet: its states are read with the topic
  auto pit = topic->second.partitions.find(change.tp.partition.value);
  if (pit == topic->second.partitions.end()) return;
  PartitionMetadata& pm = pit->second;
  if (pm.state_mzxid >= mzxid) return;  // already holds this write or a later one
  pm.leader = change.state.leader;
  pm.leader_epoch = change.state.leader_epoch;
  pm.controller_epoch = change.state.controller_epoch;
  pm.isr = change.state.isr;
  pm.state_zk_version = change.zk_version;
  pm.state_mzxid = mzxid;
}

void MetadataWatcher::RefreshStateChanges(bool baseline) {
  const std::string key = "state-changes";
  const std::string dir(kStateChangesPath);
  WatchCallback w = WatchOnce(key, [this] { RefreshStateChanges(); });
  Result<std::vector<std::string>> children = zk_->GetChildren(dir, std::move(w));
  if (!children.ok()) {
    armed_.erase(key);
    if (children.status().IsNotFound()) (void)zk_->EnsurePath(dir);
    return Retry([this] { RefreshStateChanges(); });
  }
  std::vector<std::pair<int64_t, std::string>> fresh;
  int64_t oldest = INT64_MAX;
  int64_t newest = -1;
  for (const std::string& c : *children) {
    std::optional<int64_t> seq = StateChangeSequence(c);
    if (!seq) continue;
    oldest = std::min(oldest, *seq);
    newest = std::max(newest, *seq);
    if (*seq > last_change_seq_) fresh.emplace_back(*seq, dir + "/" + c);
  }
  if (baseline) {
    last_change_seq_ = newest;
    return;
  }
  // Notifications this broker never read were trimmed (its last one is gone): read every state instead.
  bool gap = last_change_seq_ >= 0 && newest >= 0 && last_change_seq_ < oldest;
  std::sort(fresh.begin(), fresh.end());
  std::vector<std::string> paths;
  for (const auto& [seq, path] : fresh) paths.push_back(path);
  const std::vector<Result<ZkGetResult>> got = gap ? std::vector<Result<ZkGetResult>>{} : zk_->GetMany(paths);
  for (size_t i = 0; i < got.size() && !gap; ++i) {
    if (!got[i].ok()) {
      gap = true;  // trimmed between the listing and the read
      break;
    }
    Result<std::vector<StateChange>> changes = DecodeStateChanges(got[i]->data);
    if (!changes.ok()) {
      spdlog::warn("metadata: {}: {}", paths[i], changes.status().ToString());
      continue;
    }
    // The notification was created by the multi that wrote these states: its czxid is their mzxid.
    for (const StateChange& c : *changes) ApplyStateChange(c, got[i]->stat.czxid);
  }
  if (gap) {
    spdlog::info("metadata: state change notifications were trimmed before this broker read them: re-reading every "
                 "partition state");
    ReadAllStates();
  }
  last_change_seq_ = std::max(last_change_seq_, newest);
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

const TopicMetadata* ClusterMetadata::FindTopicById(std::string_view topic_id) const {
  auto id = topic_names_by_id.find(topic_id);
  if (id == topic_names_by_id.end()) return nullptr;
  auto topic = topics.find(id->second);
  return topic == topics.end() ? nullptr : &topic->second;
}

void ClusterMetadata::IndexTopicIds() {
  topic_names_by_id.clear();
  for (const auto& [name, topic] : topics)
    if (!topic.topic_id.empty() && !topic.marked_for_deletion) topic_names_by_id.emplace(topic.topic_id, name);
}

void MetadataWatcher::Publish() {
  std::shared_ptr<const ClusterMetadata> before = snapshot_.load();
  if (before && before->version > 0 && SameContent(*before, working_)) return;
  auto after = std::make_shared<ClusterMetadata>(working_);
  after->version = (before ? before->version : 0) + 1;
  after->IndexTopicIds();
  std::shared_ptr<const ClusterMetadata> published = after;
  snapshot_.store(published);
  if (on_change_) on_change_(before, published);
}

}  // namespace partita::coordination
