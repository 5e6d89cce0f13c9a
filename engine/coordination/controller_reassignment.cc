// Controller: partition reassignment (Kafka's KIP-455 algorithm in ZK mode). Runs on the controller's loop thread.
//
// For partition P with original replicas ORS and target TRS:
//   1. the topic znode gets RS = (TRS ++ ORS).distinct, adding_replicas = TRS - ORS, removing_replicas = ORS - TRS,
//      and the leader epoch is bumped (so replicas notice); brokers start the adding replicas from the metadata;
//   2. leaders add caught-up replicas to the ISR (UpdateIsr + /isr_change_notification), which brings us here;
//   3. once TRS is a subset of the ISR: a leader from TRS is elected if the current one is not in TRS (or dead),
//      the ISR shrinks to TRS, and ONE fenced multi writes the state and the topic znode with RS = TRS and the
//      adding/removing sets cleared.
// Cancel = reassign to ORS. The in-flight sets live in the topic znode, so a new controller resumes from there.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/coordination/admin_znodes.h"
#include "engine/coordination/controller.h"
#include "engine/coordination/state_changes.h"
#include "engine/coordination/zk_paths.h"

namespace partita::coordination {
namespace {

bool Contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::vector<int32_t> Minus(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  std::vector<int32_t> out;
  for (int32_t x : a) {
    if (!Contains(b, x)) out.push_back(x);
  }
  return out;
}

std::vector<int32_t> Lookup(const std::map<int32_t, std::vector<int32_t>>& m, int32_t p) {
  auto it = m.find(p);
  return it == m.end() ? std::vector<int32_t>{} : it->second;
}

void SetOrErase(std::map<int32_t, std::vector<int32_t>>* m, int32_t p, std::vector<int32_t> v) {
  if (v.empty()) {
    m->erase(p);
  } else {
    (*m)[p] = std::move(v);
  }
}

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

void Controller::AlterPartitionReassignments(TargetReplicas targets, ResultsCallback done) {
  loop_->Post([this, targets = std::move(targets), done = std::move(done)] {
    if (!active_) return done(NotController());
    done(DoAlterReassignments(targets, false));
  });
}

std::future<Result<PartitionResults>> Controller::AlterPartitionReassignments(TargetReplicas targets) {
  return Promised<Result<PartitionResults>>(
      [&](ResultsCallback cb) { AlterPartitionReassignments(std::move(targets), std::move(cb)); });
}

void Controller::ListPartitionReassignments(std::optional<std::vector<TopicPartition>> partitions,
                                            ReassignmentsCallback done) {
  loop_->Post([this, partitions = std::move(partitions), done = std::move(done)] {
    if (!active_) return done(NotController());
    done(DoListReassignments(partitions));
  });
}

std::future<Result<ReassignmentMap>> Controller::ListPartitionReassignments(
    std::optional<std::vector<TopicPartition>> partitions) {
  return Promised<Result<ReassignmentMap>>(
      [&](ReassignmentsCallback cb) { ListPartitionReassignments(std::move(partitions), std::move(cb)); });
}

std::optional<std::string> Controller::ValidateTargetReplicas(const std::vector<int32_t>& target) const {
  if (target.empty()) return "empty replica list specified in partition reassignment";
  std::set<int32_t> unique(target.begin(), target.end());
  if (unique.size() != target.size()) return "duplicate replica ids in partition reassignment replica list";
  for (int32_t b : target) {
    if (b < 0) return "invalid broker id " + std::to_string(b) + " in replica list";
    if (!live_brokers_.count(b)) return "replica assignment names broker " + std::to_string(b) + ", which is not alive";
  }
  return std::nullopt;
}

PartitionResults Controller::DoAlterReassignments(const TargetReplicas& targets, bool from_zk) {
  PartitionResults results;
  for (const auto& [tp, target] : targets) {
    results[tp] = StartReassignment(tp, target);
    if (!active_) break;
  }
  if (!from_zk) {
    // The latest request wins: the API takes these partitions over from a tool's /admin/reassign_partitions.
    std::set<TopicPartition> taken;
    for (const auto& [tp, r] : results) {
      if (r.ok() && zk_reassignments_.count(tp)) taken.insert(tp);
    }
    if (!taken.empty()) RemoveFromZkReassignment(taken);
  }
  return results;
}

PartitionResult Controller::StartReassignment(const TopicPartition& tp,
                                              const std::optional<std::vector<int32_t>>& target_in) {
  std::vector<int32_t> replicas;
  TopicEntry* entry = FindPartition(tp, &replicas);
  if (!entry) return Error(ControllerError::kUnknownTopicOrPartition, "partition " + tp.DirName() + " does not exist");
  const int32_t p = tp.partition.value;
  const std::vector<int32_t> adding = Lookup(entry->assignment.adding_replicas, p);
  const std::vector<int32_t> removing = Lookup(entry->assignment.removing_replicas, p);
  const bool in_progress = !adding.empty() || !removing.empty();
  const std::vector<int32_t> original = Minus(replicas, adding);
  std::vector<int32_t> target;
  if (!target_in) {
    if (!in_progress) {
      return Error(ControllerError::kNoReassignmentInProgress, "no reassignment of " + tp.DirName() + " to cancel");
    }
    target = original;  // cancel: back to where it started
  } else {
    target = *target_in;
    if (auto why = ValidateTargetReplicas(target)) return Error(ControllerError::kInvalidReplicaAssignment, *why);
  }
  if (in_progress && target == Minus(replicas, removing)) return PartitionResult{};  // the same request again
  if (!in_progress && target == replicas) return PartitionResult{};                  // nothing to move

  std::vector<int32_t> full = target;  // Kafka's (targetReplicas ++ originReplicas).distinct
  for (int32_t r : original) {
    if (!Contains(full, r)) full.push_back(r);
  }
  TopicAssignment next = entry->assignment;
  next.partitions[p] = full;
  SetOrErase(&next.adding_replicas, p, Minus(target, original));
  SetOrErase(&next.removing_replicas, p, Minus(original, target));
  std::vector<ZkOpResult> results;
  Status s = FencedMulti({ZkOp::SetData(zkpaths::TopicPath(tp.topic), EncodeTopicAssignment(next), entry->zk_version)},
                         &results);
  if (!s.ok()) {
    if (IsBadVersion(s)) topics_.erase(tp.topic);  // changed under us: reload on next use
    return Error(active_ ? ControllerError::kUnknownServerError : ControllerError::kNotController, s.ToString());
  }
  entry->assignment = next;
  entry->zk_version = results[1].stat.version;
  spdlog::info("controller {}: reassigning {}: replicas {} (adding {}, removing {})", broker_id_, tp.DirName(),
               full.size(), Lookup(next.adding_replicas, p).size(), Lookup(next.removing_replicas, p).size());
  // Bump the leader epoch so replicas see the change; replicas of a superseded reassignment leave the ISR.
  Status bumped = UpdatePartitionState(tp.topic, p, [&](const std::vector<int32_t>& rs, const PartitionState& cur) {
    PartitionState st = cur;
    st.leader_epoch = cur.leader_epoch + 1;
    st.isr.clear();
    for (int32_t i : cur.isr) {
      if (Contains(rs, i)) st.isr.push_back(i);
    }
    if (st.isr.empty()) st.isr = cur.isr;
    return std::optional<PartitionState>(st);
  });
  if (!bumped.ok()) spdlog::warn("controller {}: reassigning {}: {}", broker_id_, tp.DirName(), bumped.ToString());
  TryCompleteReassignment(tp);
  return PartitionResult{};
}

void Controller::TryCompleteReassignment(const TopicPartition& tp) {
  if (!active_) return;
  std::vector<int32_t> replicas;
  TopicEntry* entry = FindPartition(tp, &replicas);
  if (!entry) return;
  const int32_t p = tp.partition.value;
  const std::vector<int32_t> adding = Lookup(entry->assignment.adding_replicas, p);
  const std::vector<int32_t> removing = Lookup(entry->assignment.removing_replicas, p);
  if (adding.empty() && removing.empty()) return;
  const std::vector<int32_t> target = Minus(replicas, removing);
  for (int attempt = 0; attempt < 3; ++attempt) {
    PartitionEntry& pe = entry->partitions[p];
    const PartitionState& cur = pe.state;
    for (int32_t r : target) {
      if (!Contains(cur.isr, r)) return;  // still catching up; an ISR notification brings us back
    }
    PartitionState next = cur;
    next.controller_epoch = token_.epoch;
    next.leader_epoch = cur.leader_epoch + 1;
    if (!Contains(target, cur.leader) || !Eligible(cur.leader)) {
      next.leader = -1;
      for (int32_t r : target) {  // Kafka's ReassignPartitionLeaderElectionStrategy
        if (Eligible(r) && Contains(cur.isr, r)) {
          next.leader = r;
          break;
        }
      }
      if (next.leader < 0) return;  // no target replica can lead yet
    }
    next.isr.clear();
    for (int32_t i : cur.isr) {
      if (Contains(target, i)) next.isr.push_back(i);
    }
    TopicAssignment done = entry->assignment;
    done.partitions[p] = target;
    done.adding_replicas.erase(p);
    done.removing_replicas.erase(p);
    std::vector<ZkOpResult> results;
    Status s = FencedMulti({ZkOp::SetData(zkpaths::PartitionStatePath(tp.topic, p), EncodePartitionState(next),
                                          pe.zk_version),
                            ZkOp::SetData(zkpaths::TopicPath(tp.topic), EncodeTopicAssignment(done), entry->zk_version),
                            StateChangeOp({StateChange{tp, next, pe.zk_version + 1}})},
                           &results);
    if (s.ok()) {
      pe = PartitionEntry{next, results[1].stat.version};
      entry->assignment = done;
      entry->zk_version = results[2].stat.version;
      spdlog::info("controller {}: reassignment of {} completed (leader {})", broker_id_, tp.DirName(), next.leader);
      if (zk_reassignments_.count(tp)) RemoveFromZkReassignment({tp});
      return;
    }
    if (!active_ || !IsBadVersion(s)) {
      spdlog::warn("controller {}: completing reassignment of {}: {}", broker_id_, tp.DirName(), s.ToString());
      return;
    }
    // A leader's ISR write (or another topic change) got there first: re-read both and decide again.
    topics_.erase(tp.topic);
    entry = FindPartition(tp, &replicas);
    if (!entry) return;
  }
}

void Controller::ResumeReassignments() {
  std::vector<TopicPartition> pending;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, _] : topic.assignment.adding_replicas) pending.push_back(TopicPartition{name, PartitionId(p)});
    for (const auto& [p, _] : topic.assignment.removing_replicas) {
      if (!topic.assignment.adding_replicas.count(p)) pending.push_back(TopicPartition{name, PartitionId(p)});
    }
  }
  for (const TopicPartition& tp : pending) TryCompleteReassignment(tp);
}

ReassignmentMap Controller::DoListReassignments(const std::optional<std::vector<TopicPartition>>& partitions) const {
  ReassignmentMap out;
  for (const auto& [name, topic] : topics_) {
    for (const auto& [p, replicas] : topic.assignment.partitions) {
      const TopicPartition tp{name, PartitionId(p)};
      if (partitions && std::find(partitions->begin(), partitions->end(), tp) == partitions->end()) continue;
      ReassignmentProgress progress;
      progress.adding = Lookup(topic.assignment.adding_replicas, p);
      progress.removing = Lookup(topic.assignment.removing_replicas, p);
      if (progress.adding.empty() && progress.removing.empty()) continue;
      progress.replicas = replicas;
      progress.original = Minus(replicas, progress.adding);
      progress.target = Minus(replicas, progress.removing);
      if (auto st = topic.partitions.find(p); st != topic.partitions.end()) {
        progress.isr = st->second.state.isr;
        progress.leader = st->second.state.leader;
      }
      for (int32_t r : progress.target) {
        if (Contains(progress.isr, r)) progress.target_in_isr.push_back(r);
      }
      out[tp] = std::move(progress);
    }
  }
  return out;
}

void Controller::OnReassignNode(const std::optional<ZkGetResult>& node) {
  if (!node) return;
  Result<std::vector<PartitionReassignmentEntry>> entries = DecodeReassignPartitions(node->data);
  if (!entries.ok()) {
    // Kafka deletes an unreadable request so that tools can write a new one.
    spdlog::warn("controller {}: deleting unreadable {}: {}", broker_id_, zkpaths::kReassignPartitions,
                 entries.status().ToString());
    (void)zk_->Delete(std::string(zkpaths::kReassignPartitions), node->stat.version);
    return;
  }
  TargetReplicas targets;
  for (const auto& e : *entries) targets[e.partition] = e.replicas;
  PartitionResults results = DoAlterReassignments(targets, true);
  if (!active_) return;
  std::set<TopicPartition> finished;  // refused or already complete: no longer listed
  for (const auto& [tp, r] : results) {
    std::vector<int32_t> replicas;
    TopicEntry* entry = r.ok() ? FindPartition(tp, &replicas) : nullptr;
    const bool in_progress = entry && (entry->assignment.adding_replicas.count(tp.partition.value) ||
                                       entry->assignment.removing_replicas.count(tp.partition.value));
    if (!r.ok()) spdlog::warn("controller {}: reassignment of {} from ZooKeeper refused: {}", broker_id_, tp.DirName(), r.message);
    if (in_progress) {
      zk_reassignments_.insert(tp);
    } else {
      finished.insert(tp);
    }
  }
  if (!finished.empty()) RemoveFromZkReassignment(finished);
}

void Controller::RemoveFromZkReassignment(const std::set<TopicPartition>& done) {
  const std::string path(zkpaths::kReassignPartitions);
  for (const TopicPartition& tp : done) zk_reassignments_.erase(tp);
  for (int attempt = 0; attempt < 5; ++attempt) {
    Result<ZkGetResult> got = zk_->Get(path);
    if (!got.ok()) return;  // gone already
    Result<std::vector<PartitionReassignmentEntry>> entries = DecodeReassignPartitions(got->data);
    std::vector<PartitionReassignmentEntry> keep;
    if (entries.ok()) {
      for (const auto& e : *entries) {
        if (!done.count(e.partition)) keep.push_back(e);
      }
    }
    if (entries.ok() && keep.size() == entries->size()) return;
    // Kafka deletes the node when the last listed reassignment completes.
    Status s = keep.empty() ? zk_->Delete(path, got->stat.version)
                            : zk_->Set(path, EncodeReassignPartitions(keep), got->stat.version).status();
    if (s.ok() || s.IsNotFound()) return;
    if (!IsBadVersion(s)) {
      spdlog::warn("controller {}: updating {}: {}", broker_id_, path, s.ToString());
      return;
    }
  }
}

}  // namespace partita::coordination
