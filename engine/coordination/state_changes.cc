#include "engine/coordination/state_changes.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "engine/coordination/zk_paths.h"
#include "engine/coordination/znode_json.h"

namespace partita::coordination {
namespace {

using json = nlohmann::json;

void AppendInts(const std::vector<int32_t>& v, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    out->append(std::to_string(v[i]));
  }
  out->push_back(']');
}

template <class T>
bool GetInt(const json& j, const char* key, T* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  *out = it->get<T>();
  return true;
}

}  // namespace

std::string EncodeStateChanges(const std::vector<StateChange>& changes) {
  std::string out = "{\"version\":1,\"partitions\":[";
  for (size_t i = 0; i < changes.size(); ++i) {
    const StateChange& c = changes[i];
    if (i) out.push_back(',');
    out.append("{\"topic\":").append(json(c.tp.topic).dump());  // topic names are [a-zA-Z0-9._-], dump() anyway
    out.append(",\"partition\":").append(std::to_string(c.tp.partition.value));
    out.append(",\"leader\":").append(std::to_string(c.state.leader));
    out.append(",\"leader_epoch\":").append(std::to_string(c.state.leader_epoch));
    out.append(",\"controller_epoch\":").append(std::to_string(c.state.controller_epoch));
    out.append(",\"isr\":");
    AppendInts(c.state.isr, &out);
    out.append(",\"zk_version\":").append(std::to_string(c.zk_version)).push_back('}');
  }
  out.append("]}");
  return out;
}

Result<std::vector<StateChange>> DecodeStateChanges(std::string_view text) {
  constexpr const char* kWhat = "state change notification";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  auto list = parsed->find("partitions");
  if (list == parsed->end() || !list->is_array()) return MissingZnodeField(kWhat, "partitions");
  std::vector<StateChange> out;
  out.reserve(list->size());
  for (const json& e : *list) {
    if (!e.is_object()) return MissingZnodeField(kWhat, "partitions");
    StateChange c;
    auto topic = e.find("topic");
    if (topic == e.end() || !topic->is_string()) return MissingZnodeField(kWhat, "topic");
    c.tp.topic = topic->get<std::string>();
    if (!GetInt(e, "partition", &c.tp.partition.value) || !GetInt(e, "leader", &c.state.leader) ||
        !GetInt(e, "leader_epoch", &c.state.leader_epoch) ||
        !GetInt(e, "controller_epoch", &c.state.controller_epoch) || !GetInt(e, "zk_version", &c.zk_version)) {
      return MissingZnodeField(kWhat, "partition/leader/leader_epoch/controller_epoch/zk_version");
    }
    auto isr = e.find("isr");
    if (isr == e.end() || !isr->is_array()) return MissingZnodeField(kWhat, "isr");
    for (const json& r : *isr) {
      if (!r.is_number_integer()) return MissingZnodeField(kWhat, "isr");
      c.state.isr.push_back(r.get<int32_t>());
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<int64_t> StateChangeSequence(std::string_view child) {
  constexpr std::string_view kPrefix = "change_";
  if (child.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string_view digits = child.substr(kPrefix.size());
  int64_t seq = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return seq;
}

ZkOp StateChangeOp(const std::vector<StateChange>& changes) {
  return ZkOp::Create(std::string(kStateChangePrefix), EncodeStateChanges(changes), CreateMode::kPersistentSequential);
}

std::vector<std::vector<ZkOp>> StateWriteBatches(const std::vector<StateWrite>& writes,
                                                 std::vector<std::pair<size_t, size_t>>* where) {
  std::vector<std::vector<ZkOp>> batches;
  std::vector<StateChange> changes;
  if (where) where->clear();
  auto close_batch = [&] {
    batches.back().push_back(StateChangeOp(changes));
    changes.clear();
  };
  for (size_t i = 0; i < writes.size(); ++i) {
    if (i % kStatesPerMulti == 0) {
      if (i) close_batch();
      batches.emplace_back();
    }
    const StateWrite& w = writes[i];
    std::vector<ZkOp>& ops = batches.back();
    const std::string path = zkpaths::PartitionStatePath(w.tp.topic, w.tp.partition.value);
    if (w.expected_version < 0) {
      if (w.with_parent) ops.push_back(ZkOp::Create(zkpaths::PartitionPath(w.tp.topic, w.tp.partition.value), ""));
      ops.push_back(ZkOp::Create(path, EncodePartitionState(w.state)));
    } else {
      ops.push_back(ZkOp::SetData(path, EncodePartitionState(w.state), w.expected_version));
    }
    if (where) where->emplace_back(batches.size() - 1, ops.size() - 1);
    changes.push_back(StateChange{w.tp, w.state, w.expected_version < 0 ? 0 : w.expected_version + 1});
  }
  if (!writes.empty()) close_batch();
  return batches;
}

}  // namespace partita::coordination
