#include "engine/coordination/controller.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

constexpr int kRetryDelayMs = 300;
constexpr int kStateChangeTrimIntervalMs = 5000;
// Partitions of a new topic written per controller loop task (a few pipelined rounds): other events run between
// the slices of a very large CreateTopics.
constexpr size_t kCreateSlice = 5000;

std::future<Status> ToFuture(const std::function<void(Controller::Callback)>& start) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  start([promise](const Status& s) { promise->set_value(s); });
  return future;
}

bool Contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string Ids(const std::vector<int32_t>& ids) {
  std::string out;
  for (int32_t id : ids) {
    if (!out.empty()) out.push_back(',');  // appended: GCC 12 warns falsely (-Wrestrict) on "," + std::string
    out.append(std::to_string(id));
  }
  return out;
}

}  // namespace

std::optional<PartitionState> ElectLeader(const std::vector<int32_t>& replicas, const PartitionState& current,
                                          const std::set<int32_t>& live, bool unclean_allowed,
                                          int32_t controller_epoch) {
  std::vector<int32_t> live_isr;
  for (int32_t r : current.isr) {
    if (live.count(r)) live_isr.push_back(r);
  }
  PartitionState next = current;
  next.controller_epoch = controller_epoch;
  const bool leader_alive = current.leader >= 0 && live.count(current.leader) > 0;
  if (leader_alive) {
    if (live_isr == current.isr) return std::nullopt;
    next.isr = live_isr;  // a dead follower leaves the ISR
  } else {
    int32_t leader = -1;
    for (int32_t r : replicas) {
      if (live.count(r) && Contains(live_isr, r)) {
        leader = r;
        break;
      }
    }
    if (leader >= 0) {
      next.leader = leader;
      next.isr = live_isr;
    } else if (unclean_allowed) {
      for (int32_t r : replicas) {
        if (live.count(r)) {
          leader = r;
          break;
        }
      }
      if (leader < 0) {
        if (current.leader == -1) return std::nullopt;
        next.leader = -1;  // keep the ISR: its members hold the committed data
      } else {
        next.leader = leader;  // unclean: data loss possible
        next.isr = {leader};
      }
    } else {
      // No live ISR member: offline. Keep the last ISR so that one of them can come back as a clean leader.
      if (current.leader == -1) return std::nullopt;
      next.leader = -1;
    }
  }
  next.leader_epoch = current.leader_epoch + 1;
  return next;
}

Controller::Controller(ZkClient* zk, int32_t broker_id, Options options)
    : zk_(zk),
      broker_id_(broker_id),
      options_(options),
      unclean_default_(options.unclean_leader_election_enable),
      loop_(std::make_shared<EventLoop>("controller")),
      rng_(options.random_seed ? options.random_seed : std::random_device{}()) {
  ControllerElector::Callbacks callbacks;
  callbacks.on_became_controller = [this, loop = loop_](const FencingToken& token) {
    loop->Post([this, token] { OnBecameController(token); });
  };
  callbacks.on_resigned = [this, loop = loop_] {
    active_ = false;  // stop answering at once, before the queue catches up
    loop->Post([this] { OnResigned(); });
  };
  elector_ = std::make_unique<ControllerElector>(zk_, broker_id_, std::move(callbacks));
}

Controller::~Controller() {
  Stop();
  loop_->Stop();
}

void Controller::Start() { elector_->Start(); }

void Controller::Stop() {
  elector_->Stop();
  active_ = false;
}

Status Controller::NotController() const {
  return Status::Aborted("not controller: broker " + std::to_string(broker_id_) +
                         " is not the active controller (controller: " +
                         std::to_string(elector_->active_controller_id()) + ")");
}

void Controller::OnBecameController(const FencingToken& token) {
  ++activation_;
  token_ = token;
  topics_.clear();
  live_brokers_.clear();
  broker_epochs_.clear();  // loaded fresh by WatchBrokers: a new controller cannot know earlier epochs
  broker_racks_.clear();
  shutting_down_.clear();
  zk_reassignments_.clear();
  Status s = BrokerRegistrar::EnsurePersistentPaths(zk_);
  if (s.ok()) s = zk_->EnsurePath(std::string(kControlledShutdownPath));
  if (s.ok()) s = zk_->EnsurePath(std::string(kStateChangesPath));
  if (!s.ok()) spdlog::warn("controller {}: {}", broker_id_, s.ToString());
  active_ = true;
  WatchBrokers();
  WatchTopics();
  // Partitions whose leader died with the previous controller (or while there was none) get leaders now: the
  // broker watch above ran before the topics were loaded. A broker that bounced while there was no controller
  // (or before this one loaded the epochs) is found by its registration being newer than the state (KIP-380).
  FenceNewIncarnations({});
  if (active_) ElectOfflineLeaders();
  ResumeReassignments();  // a previous controller may have left some half done (state is in the topic znodes)
  ArmChildren(std::string(zkpaths::kIsrChangeNotification),
              [this](const std::vector<std::string>& c) { OnIsrChangeNotifications(c); });
  ArmChildren(std::string(zkpaths::kConfigChanges), [this](const std::vector<std::string>&) { OnConfigChanges(); });
  ArmChildren(std::string(zkpaths::kAdminDeleteTopics),
              [this](const std::vector<std::string>& c) { OnDeleteTopicRequests(c); });
  ArmChildren(std::string(kControlledShutdownPath),
              [this](const std::vector<std::string>& c) { OnControlledShutdownRequests(c); });
  ArmNode(std::string(zkpaths::kReassignPartitions),
          [this](const std::optional<ZkGetResult>& n) { OnReassignNode(n); });
  ArmNode(std::string(zkpaths::kPreferredReplicaElection),
          [this](const std::optional<ZkGetResult>& n) { OnPreferredElectionNode(n); });
  ScheduleRebalanceCheck();
  ScheduleStateChangeTrim();
}

void Controller::ScheduleStateChangeTrim() {
  if (!active_) return;
  const uint64_t activation = activation_;
  loop_->Post([this, activation] {
    if (activation != activation_ || !active_) return;
    TrimStateChanges();
    ScheduleStateChangeTrim();
  }, kStateChangeTrimIntervalMs);
}

void Controller::TrimStateChanges() {
  Result<std::vector<std::string>> children = zk_->GetChildren(std::string(kStateChangesPath));
  if (!children.ok() || children->size() <= kKeptStateChanges) return;
  std::vector<std::pair<int64_t, std::string>> ordered;
  for (const std::string& c : *children) {
    if (auto seq = StateChangeSequence(c)) ordered.emplace_back(*seq, c);
  }
  if (ordered.size() <= kKeptStateChanges) return;
  std::sort(ordered.begin(), ordered.end());
  std::vector<ZkOp> deletes;
  for (size_t i = 0; i + kKeptStateChanges < ordered.size(); ++i) {
    deletes.push_back(ZkOp::Delete(std::string(kStateChangesPath) + "/" + ordered[i].second));
  }
  // A broker that had not read them yet sees the gap and re-reads every state (see state_changes.h).
  for (const Status& st : zk_->MultiPipelined(SplitOps(std::move(deletes)))) {
    if (!st.ok() && !st.IsNotFound()) spdlog::debug("controller {}: trimming state changes: {}", broker_id_, st.ToString());
  }
}

void Controller::OnConfigChanges() {
  for (auto& [name, entry] : topics_) {
    Result<ZkGetResult> cfg = zk_->Get(zkpaths::TopicConfigPath(name));
    if (!cfg.ok()) continue;
    if (Result<TopicConfig> c = DecodeTopicConfig(cfg->data); c.ok()) entry.config = *c;
  }
  ElectOfflineLeaders();
}

void Controller::ArmChildren(const std::string& path, std::function<void(const std::vector<std::string>&)> handler) {
  if (!active_) return;
  const uint64_t activation = activation_;
  auto rearm = [this, activation, path, handler] {
    if (activation == activation_) ArmChildren(path, handler);
  };
  auto children = zk_->GetChildren(path, [loop = loop_, rearm](const WatchEvent&) { loop->Post(rearm); });
  if (!children.ok()) {
    if (children.status().IsNotFound()) (void)zk_->EnsurePath(path);
    loop_->Post(rearm, kRetryDelayMs);
    return;
  }
  handler(*children);
}

void Controller::ArmNode(const std::string& path, std::function<void(const std::optional<ZkGetResult>&)> handler) {
  if (!active_) return;
  const uint64_t activation = activation_;
  auto rearm = [this, activation, path, handler] {
    if (activation == activation_) ArmNode(path, handler);
  };
  auto exists = zk_->Exists(path, [loop = loop_, rearm](const WatchEvent&) { loop->Post(rearm); });
  if (!exists.ok()) {
    loop_->Post(rearm, kRetryDelayMs);
    return;
  }
  if (!exists->has_value()) return handler(std::nullopt);
  Result<ZkGetResult> got = zk_->Get(path);
  if (got.ok()) return handler(*got);
  if (!got.status().IsNotFound()) loop_->Post(rearm, kRetryDelayMs);
}

void Controller::OnResigned() {
  ++activation_;  // watch events of the old term become no-ops
  active_ = false;
  topics_.clear();
  live_brokers_.clear();
  broker_epochs_.clear();
  broker_racks_.clear();
  shutting_down_.clear();
}

void Controller::WatchBrokers() {
  if (!active_) return;
  const uint64_t activation = activation_;
  auto children = zk_->GetChildren(std::string(zkpaths::kBrokerIds), [this, activation, loop = loop_](const WatchEvent&) {
    loop->Post([this, activation] {
      if (activation == activation_) WatchBrokers();
    });
  });
  if (!children.ok()) {
    loop_->Post([this, activation] {
      if (activation == activation_) WatchBrokers();
    }, kRetryDelayMs);
    return;
  }
  std::map<int32_t, int64_t> epochs;
  std::map<int32_t, std::optional<std::string>> racks;
  for (const std::string& c : *children) {
    int32_t id = 0;
    try {
      id = std::stoi(c);
    } catch (...) {
      continue;  // not a broker id: ignore foreign nodes
    }
    // The registration's Stat gives the broker epoch (KIP-380: the czxid, new for every registration); the
    // data gives broker.rack for rack-aware assignment.
    Result<ZkGetResult> node = zk_->Get(zkpaths::BrokerIdPath(id));
    if (!node.ok() && node.status().IsNotFound()) continue;  // gone since the listing: the watch fires again
    std::optional<std::string> rack;
    int64_t epoch = -1;
    if (node.ok()) {
      epoch = node->stat.czxid;
      if (auto reg = DecodeBrokerRegistration(id, node->data); reg.ok()) rack = reg->rack;
    } else if (auto known = broker_epochs_.find(id); known != broker_epochs_.end()) {
      epoch = known->second;  // unreadable for now: keep what we knew rather than invent a bounce
      rack = broker_racks_[id];
    }
    epochs[id] = epoch;
    racks[id] = rack;
  }
  // Kafka's processBrokerChange: same id, different epoch = bounced broker (a restart or a session expiry that
  // the id set does not show).
  std::set<int32_t> bounced;
  for (const auto& [id, epoch] : epochs) {
    auto before = broker_epochs_.find(id);
    if (before != broker_epochs_.end() && before->second >= 0 && epoch >= 0 && before->second != epoch) {
      bounced.insert(id);
    }
  }
  std::set<int32_t> live;
  for (const auto& [id, _] : epochs) live.insert(id);
  broker_epochs_ = std::move(epochs);
  broker_racks_ = std::move(racks);
  // A broker that went away (or came back as a new incarnation) has finished its controlled shutdown (or
  // died): it may lead again.
  for (auto it = shutting_down_.begin(); it != shutting_down_.end();) {
    it = live.count(*it) && !bounced.count(*it) ? std::next(it) : shutting_down_.erase(it);
  }
  if (live != live_brokers_ || !bounced.empty()) {
    live_brokers_ = std::move(live);
    if (!bounced.empty()) {
      spdlog::info("controller {}: broker(s) {} re-registered with a new broker epoch (bounced): failing over "
                   "their leadership and ISR membership", broker_id_,
                   Ids(std::vector<int32_t>(bounced.begin(), bounced.end())));
    }
    FenceNewIncarnations(bounced);  // onBrokerFailure(bounced)
    if (!active_) return;
    ElectOfflineLeaders();          // onBrokerStartup / onBrokerFailure(dead)
    ResumeReassignments();  // a returning target replica cannot complete one, but a leader change may
  }
}

std::set<int32_t> Controller::StaleMembers(const PartitionState& state, int64_t mzxid) const {
  std::set<int32_t> stale;
  if (state.leader < 0 || !live_brokers_.count(state.leader)) return stale;
  auto newer = [&](int32_t r) {
    auto e = broker_epochs_.find(r);
    return e != broker_epochs_.end() && e->second > mzxid;
  };
  if (newer(state.leader)) stale.insert(state.leader);
  for (int32_t r : state.isr) {
    if (newer(r)) stale.insert(r);
  }
  return stale;
}

void Controller::FenceNewIncarnations(const std::set<int32_t>& bounced) {
  auto failures = UpdatePartitionStates(AllPartitions(), [&](const TopicPartition& tp, const std::vector<int32_t>& replicas,
                                                             const PartitionState& current) -> std::optional<PartitionState> {
    if (current.leader < 0) return std::nullopt;  // offline: its ISR members returning is a plain startup
    std::set<int32_t> failed = StaleMembers(current, topics_[tp.topic].partitions[tp.partition.value].mzxid);
    for (int32_t b : bounced) {
      if (b == current.leader || Contains(current.isr, b)) failed.insert(b);
    }
    if (failed.empty()) return std::nullopt;
    std::set<int32_t> live;
    std::set_difference(live_brokers_.begin(), live_brokers_.end(), failed.begin(), failed.end(),
                        std::inserter(live, live.end()));
    // Never unclean here (Kafka would allow it in onBrokerFailure): when the bounced broker was the only ISR
    // member, going offline lets ElectOfflineLeaders() re-elect it cleanly at a new leader epoch instead of
    // handing the partition to an out-of-sync replica.
    std::optional<PartitionState> next = ElectLeader(replicas, current, live, false, token_.epoch);
    if (next && next->leader < 0) {
      // Offline now; onBrokerStartup would re-elect a returning ISR member at once. Both steps go into one
      // write (the leader epoch still moves past every epoch of the old incarnation), which keeps a restart of
      // a one-broker cluster at one write per partition.
      // As in Kafka, the other new incarnations in the ISR do not stay in it: they rejoin when the leader sees
      // them caught up (their logs may have lost a tail too).
      if (auto again = ElectLeader(replicas, *next, live_brokers_, false, token_.epoch); again && again->leader >= 0) {
        again->isr = {again->leader};
        next = again;
      }
    }
    if (next) {
      spdlog::debug("controller {}: {}: leader {} epoch {} -> leader {} epoch {}, ISR [{}] (new incarnation of "
                    "broker(s) that {} the state)", broker_id_, tp.DirName(), current.leader, current.leader_epoch,
                    next->leader, next->leader_epoch, Ids(next->isr),
                    bounced.empty() ? "registered after" : "bounced since");
    }
    return next;
  });
  if (!active_) return;  // fenced
  for (const auto& [tp, s] : failures) {
    spdlog::warn("controller {}: failing over {}: {}", broker_id_, tp.DirName(), s.ToString());
  }
}

void Controller::WatchTopics() {
  if (!active_) return;
  const uint64_t activation = activation_;
  auto children = zk_->GetChildren(std::string(zkpaths::kBrokerTopics), [this, activation, loop = loop_](const WatchEvent&) {
    loop->Post([this, activation] {
      if (activation == activation_) WatchTopics();
    });
  });
  if (!children.ok()) {
    loop_->Post([this, activation] {
      if (activation == activation_) WatchTopics();
    }, kRetryDelayMs);
    return;
  }
  const std::set<std::string> names(children->begin(), children->end());
  for (auto it = topics_.begin(); it != topics_.end();) {
    it = names.count(it->first) ? std::next(it) : topics_.erase(it);
  }
  std::vector<std::string> unknown;
  for (const std::string& name : names) {
    if (!topics_.count(name)) unknown.push_back(name);
  }
  for (const auto& [name, s] : LoadTopics(unknown)) {
    spdlog::warn("controller {}: cannot load topic {}: {}", broker_id_, name, s.ToString());
  }
}

// Reads a topic into the cache, creating missing partition states (a topic written by another broker or tool
// gets its leaders here, as in Kafka where any broker may write /brokers/topics/T).
Status Controller::LoadTopic(const std::string& name) {
  auto failed = LoadTopics({name});
  return failed.empty() ? Status::Ok() : failed.begin()->second;
}

std::map<std::string, Status> Controller::LoadTopics(const std::vector<std::string>& names) {
  std::map<std::string, Status> failed;
  if (names.empty()) return failed;
  std::vector<std::string> topic_paths, config_paths;
  for (const std::string& name : names) {
    topic_paths.push_back(zkpaths::TopicPath(name));
    config_paths.push_back(zkpaths::TopicConfigPath(name));
  }
  std::vector<Result<ZkGetResult>> nodes = zk_->GetMany(topic_paths);
  std::vector<Result<ZkGetResult>> configs = zk_->GetMany(config_paths);
  std::map<std::string, TopicEntry> entries;
  std::vector<std::string> state_paths;
  std::vector<TopicPartition> state_of;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (!nodes[i].ok()) {
      failed[name] = nodes[i].status();
      continue;
    }
    Result<TopicAssignment> assignment = DecodeTopicAssignment(nodes[i]->data);
    if (!assignment.ok()) {
      failed[name] = assignment.status();
      continue;
    }
    TopicEntry& entry = entries[name];
    entry.assignment = std::move(*assignment);
    entry.zk_version = nodes[i]->stat.version;
    if (configs[i].ok()) {
      if (Result<TopicConfig> c = DecodeTopicConfig(configs[i]->data); c.ok()) entry.config = *c;
    }
    for (const auto& [p, _] : entry.assignment.partitions) {
      state_paths.push_back(zkpaths::PartitionStatePath(name, p));
      state_of.push_back(TopicPartition{name, PartitionId(p)});
    }
  }
  // Kafka (IBP >= 2.8) gives topics created by older tools a topic id when the controller loads them, before
  // their partitions get states and leaders (KafkaController.processTopicChange: setTopicIds, then
  // onNewPartitionCreation), so a partition never has a leader while its topic has no id.
  for (auto& [name, entry] : entries) {
    if (failed.count(name) || entry.assignment.topic_id) continue;
    TopicAssignment with_id = entry.assignment;
    with_id.topic_id = GenerateUuid();
    std::vector<ZkOpResult> results;
    Status s = FencedMulti({ZkOp::SetData(zkpaths::TopicPath(name), EncodeTopicAssignment(with_id), entry.zk_version)},
                           &results);
    if (!s.ok()) {
      failed[name] = s;
      continue;
    }
    entry.assignment = std::move(with_id);
    entry.zk_version = results.back().stat.version;
  }
  std::vector<Result<ZkGetResult>> states = zk_->GetMany(state_paths);
  std::vector<TopicPartition> missing;
  for (size_t k = 0; k < states.size(); ++k) {
    const TopicPartition& tp = state_of[k];
    if (failed.count(tp.topic)) continue;
    if (states[k].ok()) {
      Result<PartitionState> decoded = DecodePartitionState(states[k]->data);
      if (!decoded.ok()) {
        failed[tp.topic] = decoded.status();
        continue;
      }
      entries[tp.topic].partitions[tp.partition.value] =
          PartitionEntry{*decoded, states[k]->stat.version, states[k]->stat.mzxid};
    } else if (states[k].status().IsNotFound()) {
      missing.push_back(tp);
    } else {
      failed[tp.topic] = states[k].status();
    }
  }
  if (!missing.empty()) {
    // Kafka's AdminZkClient writes only /brokers/topics/T: the partitions/P parents are usually missing too.
    std::vector<std::string> parent_paths;
    std::set<std::string> topics_missing;
    for (const TopicPartition& tp : missing) {
      parent_paths.push_back(zkpaths::PartitionPath(tp.topic, tp.partition.value));
      topics_missing.insert(tp.topic);
    }
    for (const std::string& t : topics_missing) {
      if (Status s = zk_->EnsurePath(zkpaths::TopicPartitionsPath(t)); !s.ok()) failed[t] = s;
    }
    std::vector<Result<ZkGetResult>> parents = zk_->GetMany(parent_paths);
    std::vector<StateWrite> writes;
    for (size_t k = 0; k < missing.size(); ++k) {
      const TopicPartition& tp = missing[k];
      if (failed.count(tp.topic)) continue;
      const std::vector<int32_t>& replicas = entries[tp.topic].assignment.partitions[tp.partition.value];
      writes.push_back(StateWrite{tp, InitialState(replicas), -1, !parents[k].ok()});
    }
    std::vector<Status> written = WriteStates(writes, nullptr);
    for (size_t k = 0; k < writes.size(); ++k) {
      const TopicPartition& tp = writes[k].tp;
      if (!written[k].ok()) {
        failed[tp.topic] = written[k];
      } else {
        entries[tp.topic].partitions[tp.partition.value] = PartitionEntry{writes[k].state, 0};
      }
    }
  }
  for (auto& [name, entry] : entries) {
    if (!failed.count(name)) topics_[name] = std::move(entry);
  }
  return failed;
}

Status Controller::ReloadPartitionState(const std::string& topic, int32_t partition) {
  const TopicPartition tp{topic, PartitionId(partition)};
  auto failed = ReloadPartitionStates({tp});
  return failed.empty() ? Status::Ok() : failed.begin()->second;
}

std::map<TopicPartition, Status> Controller::ReloadPartitionStates(const std::vector<TopicPartition>& partitions) {
  std::map<TopicPartition, Status> failed;
  std::vector<std::string> paths;
  std::vector<TopicPartition> cached;
  std::set<std::string> unknown_topics;
  for (const TopicPartition& tp : partitions) {
    if (!topics_.count(tp.topic)) {
      unknown_topics.insert(tp.topic);
      continue;
    }
    paths.push_back(zkpaths::PartitionStatePath(tp.topic, tp.partition.value));
    cached.push_back(tp);
  }
  for (const auto& [name, s] : LoadTopics({unknown_topics.begin(), unknown_topics.end()})) {
    for (const TopicPartition& tp : partitions) {
      if (tp.topic == name) failed[tp] = s;
    }
  }
  std::vector<Result<ZkGetResult>> got = zk_->GetMany(paths);
  for (size_t i = 0; i < got.size(); ++i) {
    const TopicPartition& tp = cached[i];
    if (!got[i].ok()) {
      failed[tp] = got[i].status();
      continue;
    }
    Result<PartitionState> decoded = DecodePartitionState(got[i]->data);
    if (!decoded.ok()) {
      failed[tp] = decoded.status();
      continue;
    }
    auto it = topics_.find(tp.topic);
    if (it == topics_.end()) continue;
    it->second.partitions[tp.partition.value] = PartitionEntry{*decoded, got[i]->stat.version, got[i]->stat.mzxid};
  }
  return failed;
}

Controller::TopicEntry* Controller::FindPartition(const TopicPartition& tp, std::vector<int32_t>* replicas) {
  auto it = topics_.find(tp.topic);
  if (it == topics_.end()) {
    if (!LoadTopic(tp.topic).ok()) return nullptr;
    it = topics_.find(tp.topic);
  }
  auto r = it->second.assignment.partitions.find(tp.partition.value);
  if (r == it->second.assignment.partitions.end() || !it->second.partitions.count(tp.partition.value)) return nullptr;
  if (replicas) *replicas = r->second;
  return &it->second;
}

Status Controller::UpdatePartitionState(const std::string& topic, int32_t partition, const StateDecision& decide) {
  const TopicPartition tp{topic, PartitionId(partition)};
  auto failed = UpdatePartitionStates(
      {tp}, [&](const TopicPartition&, const std::vector<int32_t>& replicas, const PartitionState& current) {
        return decide(replicas, current);
      });
  return failed.empty() ? Status::Ok() : failed.begin()->second;
}

std::vector<TopicPartition> Controller::AllPartitions() const {
  std::vector<TopicPartition> all;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, _] : topic.partitions) all.push_back(TopicPartition{name, PartitionId(p)});
  }
  return all;
}

std::vector<Status> Controller::WriteStates(const std::vector<StateWrite>& writes, std::vector<ZkStat>* stats) {
  std::vector<Status> out(writes.size());
  if (stats) stats->assign(writes.size(), ZkStat{});
  if (writes.empty()) return out;
  std::vector<std::pair<size_t, size_t>> where;
  std::vector<std::vector<ZkOp>> batches = StateWriteBatches(writes, &where);
  for (auto& batch : batches) batch = FencedOps(token_, std::move(batch));
  std::vector<std::vector<ZkOpResult>> results;
  const std::vector<Status> statuses = zk_->MultiPipelined(batches, &results);
  bool fenced = false;
  for (size_t b = 0; b < batches.size(); ++b) {
    if (!statuses[b].ok() && IsBadVersion(results[b][0].status)) fenced = true;
  }
  if (fenced) {
    active_ = false;
    elector_->OnFenced();
  }
  for (size_t i = 0; i < writes.size(); ++i) {
    const auto [b, op] = where[i];
    if (fenced) {
      out[i] = Status::Aborted("not controller: fenced, a newer controller epoch exists");
    } else if (statuses[b].ok()) {
      if (stats) (*stats)[i] = results[b][op + 1].stat;  // + 1: the fencing check comes first
    } else {
      out[i] = results[b][op + 1].status.ok() ? statuses[b] : results[b][op + 1].status;
    }
  }
  return out;
}

namespace {
// A write that was not applied only because another op of its multi failed (or the multi never reached the
// server): worth sending again as it is.
bool RolledBack(const Status& s) {
  return s.code() == Status::Code::kUnavailable || IsRolledBack(s);
}
}  // namespace

std::map<TopicPartition, Status> Controller::UpdatePartitionStates(const std::vector<TopicPartition>& partitions,
                                                                   const BatchDecision& decide) {
  std::map<TopicPartition, Status> failed;
  std::vector<TopicPartition> pending = partitions;
  for (int round = 0; round < 5 && !pending.empty() && active_; ++round) {
    std::vector<StateWrite> writes;
    for (const TopicPartition& tp : pending) {
      std::vector<int32_t> replicas;
      TopicEntry* entry = FindPartition(tp, &replicas);
      if (!entry) {
        failed[tp] = Status::NotFound("partition " + tp.DirName() + " does not exist");
        continue;
      }
      const PartitionEntry& pe = entry->partitions[tp.partition.value];
      std::optional<PartitionState> next = decide(tp, replicas, pe.state);
      if (!next) {
        failed.erase(tp);  // decided again after a lost race: nothing to do any more
        continue;
      }
      next->controller_epoch = token_.epoch;
      writes.push_back(StateWrite{tp, *next, pe.zk_version});
    }
    std::vector<ZkStat> stats;
    const std::vector<Status> written = WriteStates(writes, &stats);
    pending.clear();
    std::vector<TopicPartition> reload;
    for (size_t i = 0; i < writes.size(); ++i) {
      const TopicPartition& tp = writes[i].tp;
      if (written[i].ok()) {
        failed.erase(tp);
        if (auto it = topics_.find(tp.topic); it != topics_.end()) {
          it->second.partitions[tp.partition.value] = PartitionEntry{writes[i].state, stats[i].version, stats[i].mzxid};
        }
        continue;
      }
      failed[tp] = written[i];
      if (!active_) continue;
      if (IsBadVersion(written[i])) {
        reload.push_back(tp);  // a leader's ISR write got there first: decide again on the latest state
        pending.push_back(tp);
      } else if (RolledBack(written[i])) {
        pending.push_back(tp);
      }
    }
    for (const auto& [tp, s] : ReloadPartitionStates(reload)) failed[tp] = s;
  }
  for (const TopicPartition& tp : pending) {
    failed[tp] = Status::Aborted("partition " + tp.DirName() + " state kept changing");
  }
  return failed;
}

void Controller::SetUncleanLeaderElectionEnable(bool enable) {
  loop_->Post([this, enable] {
    const bool was = unclean_default_;
    unclean_default_ = enable;
    if (enable && !was && active_) ElectOfflineLeaders();
  });
}

bool Controller::UncleanAllowed(const std::string& topic) const {
  // Read at election time, as Kafka's controller does: the override may have changed since the topic loaded.
  if (Result<ZkGetResult> cfg = zk_->Get(zkpaths::TopicConfigPath(topic)); cfg.ok()) {
    if (Result<TopicConfig> c = DecodeTopicConfig(cfg->data); c.ok()) {
      auto it = c->find("unclean.leader.election.enable");
      if (it != c->end()) return it->second == "true";
    }
  }
  return unclean_default_;
}

bool Controller::UncleanAllowedCached(const std::string& topic, std::map<std::string, bool>* cache) const {
  auto it = cache->find(topic);
  if (it == cache->end()) it = cache->emplace(topic, UncleanAllowed(topic)).first;
  return it->second;
}

void Controller::ElectOfflineLeaders() {
  std::map<TopicPartition, std::pair<PartitionState, PartitionState>> unclean;  // (before, after) of the write
  std::map<std::string, bool> unclean_allowed;
  auto failures = UpdatePartitionStates(AllPartitions(), [&](const TopicPartition& tp, const std::vector<int32_t>& replicas,
                                                             const PartitionState& current) {
    unclean.erase(tp);
    std::optional<PartitionState> next = ElectLeader(replicas, current, live_brokers_, false, token_.epoch);
    // Only an offline result (new, or already offline and unchanged) needs the (ZooKeeper-read) unclean setting.
    const bool offline = next ? next->leader < 0 : !live_brokers_.count(current.leader);
    if (offline && UncleanAllowedCached(tp.topic, &unclean_allowed)) {
      next = ElectLeader(replicas, current, live_brokers_, true, token_.epoch);
      if (next && next->leader >= 0 && !Contains(current.isr, next->leader)) unclean.emplace(tp, std::make_pair(current, *next));
    }
    return next;
  });
  if (!active_) return;  // fenced
  for (const auto& [tp, change] : unclean) {
    if (!failures.count(tp)) LogUncleanElection(tp, change.first, change.second, "unclean.leader.election.enable");
  }
  for (const auto& [tp, s] : failures) {
    spdlog::warn("controller {}: leader election for {}: {}", broker_id_, tp.DirName(), s.ToString());
  }
}

Status Controller::FencedMulti(std::vector<ZkOp> ops, std::vector<ZkOpResult>* results) {
  std::vector<ZkOpResult> local;
  std::vector<ZkOpResult>* out = results ? results : &local;
  Status s = zk_->Multi(FencedOps(token_, std::move(ops)), out);
  if (!s.ok() && !out->empty() && IsBadVersion((*out)[0].status)) {
    active_ = false;
    elector_->OnFenced();
    return Status::Aborted("not controller: fenced, a newer controller epoch exists");
  }
  return s;
}

PartitionState Controller::InitialState(const std::vector<int32_t>& replicas) const {
  PartitionState state;
  state.controller_epoch = token_.epoch;
  state.leader_epoch = 0;
  for (int32_t r : replicas) {
    if (live_brokers_.count(r)) state.isr.push_back(r);
  }
  state.leader = state.isr.empty() ? -1 : state.isr.front();
  if (state.isr.empty()) state.isr = replicas;  // nobody alive yet: the first to come back may lead
  return state;
}

Status Controller::ValidateAssignment(const ReplicaAssignment& a, int32_t first_partition, int32_t count) const {
  if (int32_t(a.size()) != count || a.begin()->first != first_partition || a.rbegin()->first != first_partition + count - 1) {
    return Status::InvalidArgument("replica assignment must list partitions " + std::to_string(first_partition) +
                                   ".." + std::to_string(first_partition + count - 1));
  }
  size_t rf = a.begin()->second.size();
  for (const auto& [p, replicas] : a) {
    if (replicas.empty()) return Status::InvalidArgument("partition " + std::to_string(p) + " has no replicas");
    if (replicas.size() != rf) return Status::InvalidArgument("all partitions must have the same replication factor");
    std::set<int32_t> unique(replicas.begin(), replicas.end());
    if (unique.size() != replicas.size()) {
      return Status::InvalidArgument("partition " + std::to_string(p) + " lists a broker twice");
    }
    for (int32_t b : replicas) {
      if (!live_brokers_.count(b)) {
        return Status::InvalidArgument("replica assignment names broker " + std::to_string(b) +
                                       ", which is not a live broker");
      }
    }
  }
  return Status::Ok();
}

Status Controller::DoCreateTopic(const CreateTopicRequest& req, std::vector<StateWrite>* states) {
  if (!active_) return NotController();
  PARTITA_RETURN_IF_ERROR(ValidateTopicName(req.name));
  Result<std::optional<ZkStat>> exists = zk_->Exists(zkpaths::TopicPath(req.name));
  if (!exists.ok()) return exists.status();
  if (exists->has_value()) return Status::AlreadyExists("topic '" + req.name + "' already exists");
  ReplicaAssignment assignment;
  if (!req.manual_assignment.empty()) {
    PARTITA_RETURN_IF_ERROR(ValidateAssignment(req.manual_assignment, 0, int32_t(req.manual_assignment.size())));
    assignment = req.manual_assignment;
  } else {
    if (req.num_partitions < 1) return Status::InvalidArgument("number of partitions must be at least 1");
    if (req.replication_factor < 1) return Status::InvalidArgument("replication factor must be at least 1");
    if (size_t(req.replication_factor) > live_brokers_.size()) {
      return Status::InvalidArgument("replication factor " + std::to_string(req.replication_factor) +
                                     " is larger than the number of live brokers (" +
                                     std::to_string(live_brokers_.size()) + ")");
    }
    std::uniform_int_distribution<int32_t> pick(0, int32_t(live_brokers_.size()) - 1);
    const int32_t start = pick(rng_);
    const int32_t shift = pick(rng_);
    Result<ReplicaAssignment> assigned =
        AssignReplicasEnforced(broker_racks_, req.num_partitions, req.replication_factor, start, shift);
    if (!assigned.ok()) return assigned.status();
    assignment = *assigned;
  }
  TopicEntry entry;
  entry.assignment.partitions = assignment;
  entry.assignment.topic_id = GenerateUuid();
  entry.config = req.configs;
  std::vector<ZkOp> ops;
  Result<std::optional<ZkStat>> cfg_exists = zk_->Exists(zkpaths::TopicConfigPath(req.name));
  if (!cfg_exists.ok()) return cfg_exists.status();
  if (cfg_exists->has_value()) {  // a leftover of an earlier topic with this name: overwrite
    ops.push_back(ZkOp::SetData(zkpaths::TopicConfigPath(req.name), EncodeTopicConfig(req.configs)));
  } else {
    ops.push_back(ZkOp::Create(zkpaths::TopicConfigPath(req.name), EncodeTopicConfig(req.configs)));
  }
  ops.push_back(ZkOp::Create(zkpaths::TopicPath(req.name), EncodeTopicAssignment(entry.assignment)));
  ops.push_back(ZkOp::Create(zkpaths::TopicPartitionsPath(req.name), ""));
  for (const auto& [p, replicas] : assignment) {
    states->push_back(StateWrite{TopicPartition{req.name, PartitionId(p)}, InitialState(replicas), -1, true});
  }
  Status s = FencedMulti(std::move(ops));
  if (s.code() == Status::Code::kAlreadyExists) return Status::AlreadyExists("topic '" + req.name + "' already exists");
  PARTITA_RETURN_IF_ERROR(s);
  entry.zk_version = 0;
  topics_[req.name] = std::move(entry);  // its partitions join the cache as their states are written
  return Status::Ok();
}

Status Controller::DoCreatePartitions(const std::string& topic, int32_t new_total, const ReplicaAssignment& manual,
                                      std::vector<StateWrite>* states) {
  if (!active_) return NotController();
  if (!topics_.count(topic)) PARTITA_RETURN_IF_ERROR(LoadTopic(topic));
  TopicEntry& entry = topics_[topic];
  const int32_t current = int32_t(entry.assignment.partitions.size());
  if (new_total <= current) {
    return Status::InvalidArgument("topic '" + topic + "' has " + std::to_string(current) +
                                   " partitions; the new count must be larger");
  }
  const int32_t rf = int32_t(entry.assignment.partitions.begin()->second.size());
  ReplicaAssignment added;
  if (!manual.empty()) {
    PARTITA_RETURN_IF_ERROR(ValidateAssignment(manual, current, new_total - current));
    added = manual;
  } else {
    if (size_t(rf) > live_brokers_.size()) {
      return Status::InvalidArgument("replication factor " + std::to_string(rf) +
                                     " is larger than the number of live brokers (" +
                                     std::to_string(live_brokers_.size()) + ")");
    }
    std::uniform_int_distribution<int32_t> pick(0, int32_t(live_brokers_.size()) - 1);
    Result<ReplicaAssignment> assigned =
        AssignReplicasEnforced(broker_racks_, new_total - current, rf, pick(rng_), pick(rng_), current);
    if (!assigned.ok()) return assigned.status();
    added = *assigned;
  }
  TopicAssignment next = entry.assignment;
  for (const auto& [p, replicas] : added) next.partitions[p] = replicas;
  std::vector<ZkOp> ops{ZkOp::SetData(zkpaths::TopicPath(topic), EncodeTopicAssignment(next), entry.zk_version)};
  for (const auto& [p, replicas] : added) {
    states->push_back(StateWrite{TopicPartition{topic, PartitionId(p)}, InitialState(replicas), -1, true});
  }
  std::vector<ZkOpResult> results;
  Status s = FencedMulti(std::move(ops), &results);
  if (IsBadVersion(s)) topics_.erase(topic);  // changed under us: reload next time
  PARTITA_RETURN_IF_ERROR(s);
  entry.assignment = next;
  entry.zk_version = results[1].stat.version;
  return Status::Ok();
}

void Controller::CreateStatesInSlices(const std::string& topic, std::shared_ptr<const std::vector<StateWrite>> writes,
                                      size_t from, uint64_t activation, Callback done) {
  if (activation != activation_ || !active_) return done(NotController());
  const size_t end = std::min(from + kCreateSlice, writes->size());
  const std::vector<StateWrite> slice(writes->begin() + ptrdiff_t(from), writes->begin() + ptrdiff_t(end));
  const std::vector<Status> written = WriteStates(slice, nullptr);
  Status first_error;
  auto it = topics_.find(topic);
  for (size_t i = 0; i < slice.size(); ++i) {
    if (!written[i].ok()) {
      if (first_error.ok()) first_error = written[i];
    } else if (it != topics_.end()) {
      it->second.partitions[slice[i].tp.partition.value] = PartitionEntry{slice[i].state, 0};
    }
  }
  if (!first_error.ok()) {
    // The topic znode exists: re-reading it creates the states still missing (as for a topic written by a tool);
    // a new controller would do the same.
    topics_.erase(topic);
    if (active_) (void)LoadTopic(topic);
    return done(first_error);
  }
  if (end == writes->size()) return done(Status::Ok());
  loop_->Post([this, topic, writes = std::move(writes), end, activation, done = std::move(done)]() mutable {
    CreateStatesInSlices(topic, std::move(writes), end, activation, std::move(done));
  });
}

Status Controller::DoDeleteTopic(const std::string& topic) {
  if (!active_) return NotController();
  Result<std::optional<ZkStat>> exists = zk_->Exists(zkpaths::TopicPath(topic));
  if (!exists.ok()) return exists.status();
  if (!exists->has_value()) return Status::NotFound("topic '" + topic + "' does not exist");
  // Kafka's marker: tools and brokers see that a deletion is in progress.
  Result<std::string> marked = zk_->Create(zkpaths::DeleteTopicPath(topic), "", CreateMode::kPersistent, true);
  if (!marked.ok() && marked.status().code() != Status::Code::kAlreadyExists) return marked.status();
  // Partition nodes first, in pipelined fenced multis of kStatesPerMulti partitions each (one multi for a large
  // topic would exceed jute.maxbuffer); then the topic's own nodes in one last multi.
  std::vector<ZkOp> ops;
  Result<std::vector<std::string>> partitions = zk_->GetChildren(zkpaths::TopicPartitionsPath(topic));
  if (partitions.ok()) {
    std::vector<std::vector<ZkOp>> batches;
    std::vector<std::vector<std::string>> batch_partitions;
    for (size_t i = 0; i < partitions->size(); ++i) {
      if (i % kStatesPerMulti == 0) {
        batches.emplace_back();
        batch_partitions.emplace_back();
      }
      const std::string ppath = zkpaths::TopicPartitionsPath(topic) + "/" + (*partitions)[i];
      batches.back().push_back(ZkOp::Delete(ppath + "/state"));
      batches.back().push_back(ZkOp::Delete(ppath));
      batch_partitions.back().push_back(ppath);
    }
    for (auto& batch : batches) batch = FencedOps(token_, std::move(batch));
    std::vector<std::vector<ZkOpResult>> results;
    const std::vector<Status> statuses = zk_->MultiPipelined(batches, &results);
    for (size_t b = 0; b < batches.size(); ++b) {
      if (statuses[b].ok()) continue;
      if (IsBadVersion(results[b][0].status)) {
        active_ = false;
        elector_->OnFenced();
        return NotController();
      }
      // A partition without a state node (a creation cut short), or other children: one by one.
      for (const std::string& ppath : batch_partitions[b]) PARTITA_RETURN_IF_ERROR(zk_->DeleteRecursive(ppath));
    }
    ops.push_back(ZkOp::Delete(zkpaths::TopicPartitionsPath(topic)));
  }
  ops.push_back(ZkOp::Delete(zkpaths::TopicPath(topic)));
  Result<std::optional<ZkStat>> cfg = zk_->Exists(zkpaths::TopicConfigPath(topic));
  if (cfg.ok() && cfg->has_value()) ops.push_back(ZkOp::Delete(zkpaths::TopicConfigPath(topic)));
  ops.push_back(ZkOp::Delete(zkpaths::DeleteTopicPath(topic)));
  PARTITA_RETURN_IF_ERROR(FencedMulti(std::move(ops)));
  topics_.erase(topic);
  return Status::Ok();
}

void Controller::CreateTopic(CreateTopicRequest request, Callback done) {
  loop_->Post([this, request = std::move(request), done = std::move(done)]() mutable {
    auto states = std::make_shared<std::vector<StateWrite>>();
    Status s = DoCreateTopic(request, states.get());
    if (!s.ok()) return done(s);
    CreateStatesInSlices(request.name, std::move(states), 0, activation_, std::move(done));
  });
}
std::future<Status> Controller::CreateTopic(CreateTopicRequest request) {
  return ToFuture([&](Callback cb) { CreateTopic(std::move(request), std::move(cb)); });
}

void Controller::CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual, Callback done) {
  loop_->Post([this, topic = std::move(topic), new_total, manual = std::move(manual), done = std::move(done)]() mutable {
    auto states = std::make_shared<std::vector<StateWrite>>();
    Status s = DoCreatePartitions(topic, new_total, manual, states.get());
    if (!s.ok()) return done(s);
    CreateStatesInSlices(topic, std::move(states), 0, activation_, std::move(done));
  });
}
std::future<Status> Controller::CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual) {
  return ToFuture([&](Callback cb) { CreatePartitions(std::move(topic), new_total, std::move(manual), std::move(cb)); });
}

void Controller::DeleteTopic(std::string topic, Callback done) {
  loop_->Post([this, topic = std::move(topic), done = std::move(done)] { done(DoDeleteTopic(topic)); });
}
std::future<Status> Controller::DeleteTopic(std::string topic) {
  return ToFuture([&](Callback cb) { DeleteTopic(std::move(topic), std::move(cb)); });
}

}  // namespace partita::coordination
