// Controller: leader elections on request (preferred / unclean), controlled shutdown, auto leader rebalance, and
// the admin/notification znodes that trigger them. Runs on the controller's loop thread (see controller.h).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

bool Contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

template <class T>
std::future<T> Promised(const std::function<void(std::function<void(T)>)>& start) {
  auto promise = std::make_shared<std::promise<T>>();
  auto future = promise->get_future();
  start([promise](T value) { promise->set_value(std::move(value)); });
  return future;
}

PartitionResult Error(ControllerError e, std::string message) {
  PartitionResult r;
  r.error = e;
  r.message = std::move(message);
  return r;
}

}  // namespace

void Controller::ElectLeaders(ElectionType type, std::optional<std::vector<TopicPartition>> partitions,
                              ResultsCallback done) {
  loop_->Post([this, type, partitions = std::move(partitions), done = std::move(done)] {
    if (!active_) return done(NotController());
    done(DoElectLeaders(type, partitions));
  });
}

std::future<Result<PartitionResults>> Controller::ElectLeaders(ElectionType type,
                                                               std::optional<std::vector<TopicPartition>> partitions) {
  return Promised<Result<PartitionResults>>(
      [&](ResultsCallback cb) { ElectLeaders(type, std::move(partitions), std::move(cb)); });
}

void Controller::ControlledShutdown(int32_t broker_id, ShutdownCallback done, int64_t broker_epoch) {
  loop_->Post([this, broker_id, broker_epoch, done = std::move(done)] {
    if (!active_) return done(NotController());
    done(DoControlledShutdown(broker_id, broker_epoch));
  });
}

std::future<Result<std::vector<TopicPartition>>> Controller::ControlledShutdown(int32_t broker_id,
                                                                                int64_t broker_epoch) {
  return Promised<Result<std::vector<TopicPartition>>>(
      [&](ShutdownCallback cb) { ControlledShutdown(broker_id, std::move(cb), broker_epoch); });
}

bool Controller::IsStaleEpoch(int32_t broker_id, int64_t broker_epoch) const {
  // Kafka's KafkaController: a request's broker epoch older than the registered one comes from an earlier
  // incarnation (KIP-380); -1 (unknown) is accepted, and a newer one only means the broker change is not yet
  // processed here.
  auto known = broker_epochs_.find(broker_id);
  return broker_epoch >= 0 && known != broker_epochs_.end() && broker_epoch < known->second;
}

void Controller::LogUncleanElection(const TopicPartition& tp, const PartitionState& before,
                                    const PartitionState& after, std::string_view trigger) const {
  std::string isr;
  for (int32_t r : before.isr) {
    if (!isr.empty()) isr.push_back(',');
    isr.append(std::to_string(r));
  }
  // The controller knows no offsets: the new leader's log end is where the records it lacks begin, and they
  // end at the old ISR's log end. Every record acknowledged beyond the new leader's log end is lost.
  spdlog::warn("controller {}: unclean leader election for {} ({}): broker {} leads at leader epoch {} (old "
               "leader {}, old leader epoch {}, old ISR [{}]); records the old ISR held beyond broker {}'s log end "
               "offset are lost, data loss possible",
               broker_id_, tp.DirName(), trigger, after.leader, after.leader_epoch, before.leader,
               before.leader_epoch, isr, after.leader);
}

PartitionResults Controller::DoElectLeaders(ElectionType type,
                                            const std::optional<std::vector<TopicPartition>>& partitions) {
  std::vector<TopicPartition> targets;
  if (partitions) {
    targets = *partitions;
  } else {
    for (const auto& [name, topic] : topics_) {
      for (const auto& [p, _] : topic.assignment.partitions) targets.push_back(TopicPartition{name, PartitionId(p)});
    }
  }
  PartitionResults results = ElectBatch(type, targets);
  // Asked for every partition, Kafka does not report the ones that needed nothing.
  if (!partitions) {
    std::erase_if(results, [](const auto& kv) { return kv.second.error == ControllerError::kElectionNotNeeded; });
  }
  return results;
}

PartitionResults Controller::ElectBatch(ElectionType type, const std::vector<TopicPartition>& targets) {
  PartitionResults results;
  std::map<TopicPartition, std::pair<PartitionState, PartitionState>> unclean;  // (before, after)
  std::vector<TopicPartition> known;
  for (const TopicPartition& tp : targets) {
    if (!FindPartition(tp, nullptr)) {
      results[tp] = Error(ControllerError::kUnknownTopicOrPartition, "partition " + tp.DirName() + " does not exist");
    } else {
      known.push_back(tp);
    }
  }
  auto failures = UpdatePartitionStates(known, [&](const TopicPartition& tp, const std::vector<int32_t>& replicas,
                                                   const PartitionState& current) -> std::optional<PartitionState> {
    PartitionResult& result = results[tp];
    result = PartitionResult{};
    result.leader = current.leader;
    unclean.erase(tp);
    PartitionState next = current;
    next.leader_epoch = current.leader_epoch + 1;
    if (type == ElectionType::kPreferred) {
      const int32_t preferred = replicas.empty() ? -1 : replicas.front();
      if (current.leader == preferred) {
        result = Error(ControllerError::kElectionNotNeeded, "the preferred replica " + std::to_string(preferred) +
                                                                " already leads " + tp.DirName());
        result.leader = preferred;
        return std::nullopt;
      }
      if (!Eligible(preferred) || !Contains(current.isr, preferred)) {
        result = Error(ControllerError::kPreferredLeaderNotAvailable,
                       "preferred replica " + std::to_string(preferred) + " of " + tp.DirName() + " is " +
                           (!live_brokers_.count(preferred)     ? "not alive"
                            : shutting_down_.count(preferred)   ? "shutting down"
                                                                : "not in the ISR"));
        result.leader = current.leader;
        return std::nullopt;
      }
      next.leader = preferred;
      result.leader = preferred;
      return next;
    }
    // Unclean election.
    if (current.leader >= 0 && live_brokers_.count(current.leader)) {
      result = Error(ControllerError::kElectionNotNeeded,
                     tp.DirName() + " has a live leader (" + std::to_string(current.leader) + ")");
      result.leader = current.leader;
      return std::nullopt;
    }
    for (int32_t r : replicas) {  // a live ISR member still wins cleanly
      if (Eligible(r) && Contains(current.isr, r)) {
        next.leader = r;
        next.isr.clear();
        for (int32_t i : current.isr) {
          if (live_brokers_.count(i)) next.isr.push_back(i);
        }
        result.leader = r;
        return next;
      }
    }
    for (int32_t r : replicas) {
      if (Eligible(r)) {
        next.leader = r;
        next.isr = {r};
        result.leader = r;
        result.unclean = true;
        unclean.emplace(tp, std::make_pair(current, next));
        return next;
      }
    }
    result = Error(ControllerError::kEligibleLeadersNotAvailable, "no replica of " + tp.DirName() + " is alive");
    return std::nullopt;
  });
  for (const auto& [tp, s] : failures) {
    results[tp] = Error(active_ ? ControllerError::kUnknownServerError : ControllerError::kNotController, s.ToString());
  }
  for (const auto& [tp, change] : unclean) {
    if (results[tp].ok() && results[tp].unclean) LogUncleanElection(tp, change.first, change.second, "ElectLeaders unclean");
  }
  return results;
}

Result<std::vector<TopicPartition>> Controller::DoControlledShutdown(int32_t broker_id, int64_t broker_epoch) {
  if (!live_brokers_.count(broker_id)) {
    return Status::NotFound("broker " + std::to_string(broker_id) + " is not registered");
  }
  if (IsStaleEpoch(broker_id, broker_epoch)) {
    spdlog::warn("controller {}: ignoring controlled shutdown of broker {} with stale broker epoch {} (registered: "
                 "{})", broker_id_, broker_id, broker_epoch, broker_epochs_.at(broker_id));
    return Status::Aborted("STALE_BROKER_EPOCH: controlled shutdown of broker " + std::to_string(broker_id) +
                              " with broker epoch " + std::to_string(broker_epoch) + ", older than the registered " +
                              std::to_string(broker_epochs_.at(broker_id)));
  }
  shutting_down_.insert(broker_id);
  std::vector<TopicPartition> hosted;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, replicas] : topic.assignment.partitions) {
      if (Contains(replicas, broker_id)) hosted.push_back(TopicPartition{name, PartitionId(p)});
    }
  }
  // One batch for every partition the broker hosts (Kafka 1.1's controlled shutdown: one pass, async writes).
  auto failures = UpdatePartitionStates(hosted, [&](const TopicPartition&, const std::vector<int32_t>& replicas,
                                                    const PartitionState& current) -> std::optional<PartitionState> {
    if (replicas.size() < 2) return std::nullopt;  // nowhere to move it: Kafka skips these too
    PartitionState next = current;
    next.leader_epoch = current.leader_epoch + 1;
    next.isr.clear();
    for (int32_t i : current.isr) {
      if (!shutting_down_.count(i)) next.isr.push_back(i);
    }
    if (current.leader == broker_id) {
      for (int32_t r : replicas) {  // Kafka's ControlledShutdownPartitionLeaderElectionStrategy
        if (Eligible(r) && Contains(current.isr, r)) {
          next.leader = r;
          return next;
        }
      }
      return std::nullopt;  // no other live ISR member: it stays (reported as remaining)
    }
    if (!Contains(current.isr, broker_id) || next.isr.empty()) return std::nullopt;
    return next;  // a follower leaves the ISR so acks=all does not wait for it
  });
  if (!active_) return NotController();
  for (const auto& [tp, s] : failures) {
    spdlog::warn("controller {}: controlled shutdown of {} for {}: {}", broker_id_, broker_id, tp.DirName(), s.ToString());
  }
  std::vector<TopicPartition> remaining;
  for (const TopicPartition& tp : hosted) {
    std::vector<int32_t> replicas;
    TopicEntry* entry = FindPartition(tp, &replicas);
    if (entry && replicas.size() > 1 && entry->partitions[tp.partition.value].state.leader == broker_id) {
      remaining.push_back(tp);
    }
  }
  spdlog::info("controller {}: controlled shutdown of broker {}: {} partitions still led", broker_id_, broker_id,
               remaining.size());
  return remaining;
}

void Controller::OnControlledShutdownRequests(const std::vector<std::string>& children) {
  for (const std::string& child : children) {
    const std::string path = std::string(kControlledShutdownPath) + "/" + child;
    Result<ZkGetResult> got = zk_->Get(path);
    if (!got.ok()) continue;
    Result<ControlledShutdownNode> request = DecodeControlledShutdown(got->data);
    if (!request.ok() || request->done) continue;  // answered already; the broker deletes it
    ControlledShutdownNode reply = *request;
    reply.done = true;
    Result<std::vector<TopicPartition>> remaining = DoControlledShutdown(request->broker_id, request->broker_epoch);
    if (!active_) return;
    if (remaining.ok()) reply.remaining = *remaining;
    if (IsStaleEpoch(request->broker_id, request->broker_epoch)) reply.error = "STALE_BROKER_EPOCH";
    // Conditional: if the broker replaced its request meanwhile, the watch brings the new one here again.
    Result<ZkStat> set = zk_->Set(path, EncodeControlledShutdown(reply), got->stat.version);
    if (!set.ok() && !IsBadVersion(set.status()) && !set.status().IsNotFound()) {
      spdlog::warn("controller {}: answering {}: {}", broker_id_, path, set.status().ToString());
    }
  }
}

void Controller::OnPreferredElectionNode(const std::optional<ZkGetResult>& node) {
  if (!node) return;
  Result<std::vector<TopicPartition>> partitions = DecodePartitionList(node->data);
  if (!partitions.ok()) {
    spdlog::warn("controller {}: ignoring {}: {}", broker_id_, zkpaths::kPreferredReplicaElection,
                 partitions.status().ToString());
  } else {
    for (const auto& [tp, r] : DoElectLeaders(ElectionType::kPreferred, *partitions)) {
      if (!r.ok() && r.error != ControllerError::kElectionNotNeeded) {
        spdlog::warn("controller {}: preferred election for {}: {}", broker_id_, tp.DirName(), r.message);
      }
    }
  }
  if (!active_) return;
  // Kafka deletes the node once the elections are done; the tool waits for that.
  Status s = zk_->Delete(std::string(zkpaths::kPreferredReplicaElection), node->stat.version);
  if (!s.ok() && !s.IsNotFound() && !IsBadVersion(s)) spdlog::warn("controller {}: {}", broker_id_, s.ToString());
}

void Controller::ScheduleRebalanceCheck() {
  if (!options_.auto_leader_rebalance_enable || !active_) return;
  const uint64_t activation = activation_;
  const int delay_ms = int(std::max(0.01, options_.leader_imbalance_check_interval_seconds) * 1000);
  loop_->Post([this, activation] {
    if (activation != activation_ || !active_) return;
    CheckLeaderBalance();
    ScheduleRebalanceCheck();
  }, delay_ms);
}

// Kafka's checkAndTriggerAutoLeaderRebalance: per preferred broker, the share of its partitions led by someone
// else; above leader.imbalance.per.broker.percentage, preferred elections for those partitions.
void Controller::CheckLeaderBalance() {
  std::map<int32_t, std::vector<TopicPartition>> preferred_of;
  std::map<int32_t, int32_t> not_led;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, replicas] : topic.assignment.partitions) {
      if (replicas.empty() || topic.assignment.adding_replicas.count(p) || topic.assignment.removing_replicas.count(p)) {
        continue;  // not while being reassigned
      }
      auto st = topic.partitions.find(p);
      if (st == topic.partitions.end()) continue;
      const int32_t preferred = replicas.front();
      preferred_of[preferred].push_back(TopicPartition{name, PartitionId(p)});
      if (st->second.state.leader != preferred) ++not_led[preferred];
    }
  }
  for (const auto& [broker, partitions] : preferred_of) {
    const double ratio = double(not_led[broker]) / double(partitions.size());
    if (ratio * 100.0 <= double(options_.leader_imbalance_per_broker_percentage) || !Eligible(broker)) continue;
    spdlog::info("controller {}: leader imbalance of broker {} is {:.0f}%: preferred elections", broker_id_, broker,
                 ratio * 100.0);
    // PREFERRED_LEADER_NOT_AVAILABLE (not caught up) is expected; the next check tries again.
    (void)ElectBatch(ElectionType::kPreferred, partitions);
    if (!active_) return;
  }
}

void Controller::OnDeleteTopicRequests(const std::vector<std::string>& children) {
  for (const std::string& topic : children) {
    Status s = DoDeleteTopic(topic);
    if (!active_) return;
    if (s.IsNotFound()) s = zk_->Delete(zkpaths::DeleteTopicPath(topic));  // nothing to delete: drop the request
    if (!s.ok() && !s.IsNotFound()) spdlog::warn("controller {}: deleting topic {}: {}", broker_id_, topic, s.ToString());
  }
}

void Controller::OnIsrChangeNotifications(const std::vector<std::string>& children) {
  if (children.empty()) return;
  std::vector<std::string> paths;
  std::vector<ZkOp> deletes;
  for (const std::string& child : children) {
    paths.push_back(std::string(zkpaths::kIsrChangeNotification) + "/" + child);
    deletes.push_back(ZkOp::Delete(paths.back()));
  }
  std::set<TopicPartition> changed;
  const std::vector<Result<ZkGetResult>> got = zk_->GetMany(paths);
  for (size_t i = 0; i < got.size(); ++i) {
    if (!got[i].ok()) continue;
    if (Result<std::vector<TopicPartition>> list = DecodePartitionList(got[i]->data); list.ok()) {
      changed.insert(list->begin(), list->end());
    } else {
      spdlog::warn("controller {}: ignoring {}: {}", broker_id_, paths[i], list.status().ToString());
    }
  }
  for (const Status& s : zk_->MultiPipelined(SplitOps(std::move(deletes)))) {
    if (!s.ok() && !s.IsNotFound()) spdlog::warn("controller {}: deleting ISR notifications: {}", broker_id_, s.ToString());
  }
  std::vector<TopicPartition> reload;
  for (const TopicPartition& tp : changed) {
    if (topics_.count(tp.topic)) reload.push_back(tp);  // not loaded yet: LoadTopic reads the current state anyway
  }
  for (const auto& [tp, s] : ReloadPartitionStates(reload)) {
    if (!s.IsNotFound()) spdlog::warn("controller {}: reloading {}: {}", broker_id_, tp.DirName(), s.ToString());
  }
  for (const TopicPartition& tp : reload) {
    TryCompleteReassignment(tp);
    if (!active_) return;
  }
}

}  // namespace partita::coordination
