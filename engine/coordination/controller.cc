#include "engine/coordination/controller.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/broker_registrar.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

constexpr int kRetryDelayMs = 300;

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
  std::vector<TopicPartition> all;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, _] : topic.partitions) all.push_back(TopicPartition{name, PartitionId(p)});
  }
  for (const TopicPartition& tp : all) {
    Status s = UpdatePartitionState(tp.topic, tp.partition.value,
                                    [&](const std::vector<int32_t>& replicas, const PartitionState& current)
                                        -> std::optional<PartitionState> {
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
        spdlog::info("controller {}: {}: leader {} epoch {} -> leader {} epoch {}, ISR [{}] (new incarnation of "
                     "broker(s) that {} the state)", broker_id_, tp.DirName(), current.leader, current.leader_epoch,
                     next->leader, next->leader_epoch, Ids(next->isr),
                     bounced.empty() ? "registered after" : "bounced since");
      }
      return next;
    });
    if (!active_) return;  // fenced
    if (!s.ok()) spdlog::warn("controller {}: failing over {}: {}", broker_id_, tp.DirName(), s.ToString());
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
  for (const std::string& name : names) {
    if (topics_.count(name)) continue;
    Status s = LoadTopic(name);
    if (!s.ok()) spdlog::warn("controller {}: cannot load topic {}: {}", broker_id_, name, s.ToString());
  }
}

// Reads a topic into the cache, creating missing partition states (a topic written by another broker or tool
// gets its leaders here, as in Kafka where any broker may write /brokers/topics/T).
Status Controller::LoadTopic(const std::string& name) {
  Result<ZkGetResult> node = zk_->Get(zkpaths::TopicPath(name));
  if (!node.ok()) return node.status();
  Result<TopicAssignment> assignment = DecodeTopicAssignment(node->data);
  if (!assignment.ok()) return assignment.status();
  TopicEntry entry;
  entry.assignment = *assignment;
  entry.zk_version = node->stat.version;
  if (Result<ZkGetResult> cfg = zk_->Get(zkpaths::TopicConfigPath(name)); cfg.ok()) {
    if (Result<TopicConfig> c = DecodeTopicConfig(cfg->data); c.ok()) entry.config = *c;
  }
  std::vector<ZkOp> missing;
  for (const auto& [p, replicas] : entry.assignment.partitions) {
    Result<ZkGetResult> st = zk_->Get(zkpaths::PartitionStatePath(name, p));
    if (st.ok()) {
      Result<PartitionState> decoded = DecodePartitionState(st->data);
      if (!decoded.ok()) return decoded.status();
      entry.partitions[p] = PartitionEntry{*decoded, st->stat.version, st->stat.mzxid};
    } else if (st.status().IsNotFound()) {
      PARTITA_RETURN_IF_ERROR(zk_->EnsurePath(zkpaths::PartitionPath(name, p)));
      PartitionState init = InitialState(replicas);
      missing.push_back(ZkOp::Create(zkpaths::PartitionStatePath(name, p), EncodePartitionState(init)));
      entry.partitions[p] = PartitionEntry{init, 0};
    } else {
      return st.status();
    }
  }
  TopicAssignment with_id = entry.assignment;
  if (!with_id.topic_id) {
    // Kafka (IBP >= 2.8) gives topics created by older tools a topic id when the controller loads them.
    with_id.topic_id = GenerateUuid();
    missing.push_back(ZkOp::SetData(zkpaths::TopicPath(name), EncodeTopicAssignment(with_id), entry.zk_version));
  }
  if (!missing.empty()) {
    std::vector<ZkOpResult> results;
    PARTITA_RETURN_IF_ERROR(FencedMulti(std::move(missing), &results));
    if (!entry.assignment.topic_id) {
      entry.assignment = with_id;
      entry.zk_version = results.back().stat.version;
    }
  }
  topics_[name] = std::move(entry);
  return Status::Ok();
}

Status Controller::ReloadPartitionState(const std::string& topic, int32_t partition) {
  auto it = topics_.find(topic);
  if (it == topics_.end()) return LoadTopic(topic);
  Result<ZkGetResult> st = zk_->Get(zkpaths::PartitionStatePath(topic, partition));
  if (!st.ok()) return st.status();
  Result<PartitionState> decoded = DecodePartitionState(st->data);
  if (!decoded.ok()) return decoded.status();
  it->second.partitions[partition] = PartitionEntry{*decoded, st->stat.version, st->stat.mzxid};
  return Status::Ok();
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
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<int32_t> replicas;
    TopicEntry* entry = FindPartition(TopicPartition{topic, PartitionId(partition)}, &replicas);
    if (!entry) return Status::NotFound("partition " + topic + "-" + std::to_string(partition) + " does not exist");
    PartitionEntry& pe = entry->partitions[partition];
    std::optional<PartitionState> next = decide(replicas, pe.state);
    if (!next) return Status::Ok();
    next->controller_epoch = token_.epoch;
    std::vector<ZkOpResult> results;
    Status s = FencedMulti(
        {ZkOp::SetData(zkpaths::PartitionStatePath(topic, partition), EncodePartitionState(*next), pe.zk_version)},
        &results);
    if (s.ok()) {
      pe = PartitionEntry{*next, results[1].stat.version, results[1].stat.mzxid};
      return Status::Ok();
    }
    if (!active_ || !IsBadVersion(s)) return s;
    // A leader's ISR write got there first: decide again on the latest state and zkVersion.
    PARTITA_RETURN_IF_ERROR(ReloadPartitionState(topic, partition));
  }
  return Status::Aborted("partition " + topic + "-" + std::to_string(partition) + " state kept changing");
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

void Controller::ElectOfflineLeaders() {
  std::vector<TopicPartition> all;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, _] : topic.partitions) all.push_back(TopicPartition{name, PartitionId(p)});
  }
  for (const TopicPartition& tp : all) {
    const std::string& name = tp.topic;
    std::optional<std::pair<PartitionState, PartitionState>> unclean;  // (before, after) of the write
    Status s = UpdatePartitionState(name, tp.partition.value,
                                    [&](const std::vector<int32_t>& replicas, const PartitionState& current) {
      unclean.reset();
      std::optional<PartitionState> next = ElectLeader(replicas, current, live_brokers_, false, token_.epoch);
      // Only an offline result (new, or already offline and unchanged) needs the (ZooKeeper-read) unclean setting.
      const bool offline = next ? next->leader < 0 : !live_brokers_.count(current.leader);
      if (offline && UncleanAllowed(name)) {
        next = ElectLeader(replicas, current, live_brokers_, true, token_.epoch);
        if (next && next->leader >= 0 && !Contains(current.isr, next->leader)) unclean.emplace(current, *next);
      }
      return next;
    });
    if (!active_) return;  // fenced
    if (s.ok() && unclean) LogUncleanElection(tp, unclean->first, unclean->second, "unclean.leader.election.enable");
    if (!s.ok()) spdlog::warn("controller {}: leader election for {}: {}", broker_id_, tp.DirName(), s.ToString());
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

Status Controller::DoCreateTopic(const CreateTopicRequest& req) {
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
    PartitionState state = InitialState(replicas);
    ops.push_back(ZkOp::Create(zkpaths::PartitionPath(req.name, p), ""));
    ops.push_back(ZkOp::Create(zkpaths::PartitionStatePath(req.name, p), EncodePartitionState(state)));
    entry.partitions[p] = PartitionEntry{state, 0};
  }
  Status s = FencedMulti(std::move(ops));
  if (s.code() == Status::Code::kAlreadyExists) return Status::AlreadyExists("topic '" + req.name + "' already exists");
  PARTITA_RETURN_IF_ERROR(s);
  entry.zk_version = 0;
  topics_[req.name] = std::move(entry);
  return Status::Ok();
}

Status Controller::DoCreatePartitions(const std::string& topic, int32_t new_total, const ReplicaAssignment& manual) {
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
  std::map<int32_t, PartitionEntry> states;
  for (const auto& [p, replicas] : added) {
    PartitionState state = InitialState(replicas);
    ops.push_back(ZkOp::Create(zkpaths::PartitionPath(topic, p), ""));
    ops.push_back(ZkOp::Create(zkpaths::PartitionStatePath(topic, p), EncodePartitionState(state)));
    states[p] = PartitionEntry{state, 0};
  }
  std::vector<ZkOpResult> results;
  Status s = FencedMulti(std::move(ops), &results);
  if (IsBadVersion(s)) topics_.erase(topic);  // changed under us: reload next time
  PARTITA_RETURN_IF_ERROR(s);
  entry.assignment = next;
  entry.zk_version = results[1].stat.version;
  entry.partitions.merge(states);
  return Status::Ok();
}

Status Controller::DoDeleteTopic(const std::string& topic) {
  if (!active_) return NotController();
  Result<std::optional<ZkStat>> exists = zk_->Exists(zkpaths::TopicPath(topic));
  if (!exists.ok()) return exists.status();
  if (!exists->has_value()) return Status::NotFound("topic '" + topic + "' does not exist");
  // Kafka's marker: tools and brokers see that a deletion is in progress.
  Result<std::string> marked = zk_->Create(zkpaths::DeleteTopicPath(topic), "", CreateMode::kPersistent, true);
  if (!marked.ok() && marked.status().code() != Status::Code::kAlreadyExists) return marked.status();
  std::vector<ZkOp> ops;
  Result<std::vector<std::string>> partitions = zk_->GetChildren(zkpaths::TopicPartitionsPath(topic));
  if (partitions.ok()) {
    for (const std::string& p : *partitions) {
      const std::string ppath = zkpaths::TopicPartitionsPath(topic) + "/" + p;
      Result<std::vector<std::string>> kids = zk_->GetChildren(ppath);
      if (kids.ok()) {
        for (const std::string& k : *kids) ops.push_back(ZkOp::Delete(ppath + "/" + k));
      }
      ops.push_back(ZkOp::Delete(ppath));
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
  loop_->Post([this, request = std::move(request), done = std::move(done)] { done(DoCreateTopic(request)); });
}
std::future<Status> Controller::CreateTopic(CreateTopicRequest request) {
  return ToFuture([&](Callback cb) { CreateTopic(std::move(request), std::move(cb)); });
}

void Controller::CreatePartitions(std::string topic, int32_t new_total, ReplicaAssignment manual, Callback done) {
  loop_->Post([this, topic = std::move(topic), new_total, manual = std::move(manual), done = std::move(done)] {
    done(DoCreatePartitions(topic, new_total, manual));
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
