#include "engine/coordination/admin_znodes.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "engine/coordination/znode_json.h"

namespace partita::coordination {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

bool GetInt(const json& j, const char* key, int64_t lo, int64_t hi, int64_t* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  const int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Kafka writes some longs as JSON strings ("block_start":"1000").
bool GetLongString(const json& j, const char* key, int64_t* out) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_number_integer()) {
    *out = it->get<int64_t>();
    return true;
  }
  if (!it->is_string()) return false;
  const std::string s = it->get<std::string>();
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool GetTopicPartition(const json& e, TopicPartition* tp) {
  if (!e.is_object()) return false;
  auto t = e.find("topic");
  int64_t p = -1;
  if (t == e.end() || !t->is_string() || !GetInt(e, "partition", 0, INT32_MAX, &p)) return false;
  tp->topic = t->get<std::string>();
  tp->partition = PartitionId(int32_t(p));
  return true;
}

ordered_json EncodeTp(const TopicPartition& tp) {
  ordered_json e;
  e["topic"] = tp.topic;
  e["partition"] = tp.partition.value;
  return e;
}

const json* PartitionsArray(const json& j) {
  auto it = j.find("partitions");
  return it != j.end() && it->is_array() ? &*it : nullptr;
}

}  // namespace

std::string EncodeReassignPartitions(const std::vector<PartitionReassignmentEntry>& entries) {
  ordered_json j;
  j["version"] = 1;
  ordered_json list = ordered_json::array();
  for (const auto& e : entries) {
    ordered_json o = EncodeTp(e.partition);
    o["replicas"] = e.replicas;
    list.push_back(o);
  }
  j["partitions"] = list;
  return j.dump();
}

Result<std::vector<PartitionReassignmentEntry>> DecodeReassignPartitions(std::string_view text) {
  constexpr const char* kWhat = "reassign_partitions";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  const json* list = PartitionsArray(*parsed);
  if (!list) return MissingZnodeField(kWhat, "partitions");
  std::vector<PartitionReassignmentEntry> out;
  for (const json& e : *list) {
    PartitionReassignmentEntry entry;
    if (!GetTopicPartition(e, &entry.partition)) return MissingZnodeField(kWhat, "topic/partition");
    auto r = e.find("replicas");
    if (r == e.end() || !r->is_array()) return MissingZnodeField(kWhat, "replicas");
    for (const json& b : *r) {
      if (!b.is_number_integer()) return MissingZnodeField(kWhat, "replicas");
      const int64_t v = b.get<int64_t>();
      if (v < INT32_MIN || v > INT32_MAX) return MissingZnodeField(kWhat, "replicas");
      entry.replicas.push_back(int32_t(v));
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::string EncodePartitionList(const std::vector<TopicPartition>& partitions) {
  ordered_json j;
  j["version"] = 1;
  ordered_json list = ordered_json::array();
  for (const auto& tp : partitions) list.push_back(EncodeTp(tp));
  j["partitions"] = list;
  return j.dump();
}

Result<std::vector<TopicPartition>> DecodePartitionList(std::string_view text) {
  constexpr const char* kWhat = "partition list";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  const json* list = PartitionsArray(*parsed);
  if (!list) return MissingZnodeField(kWhat, "partitions");
  std::vector<TopicPartition> out;
  for (const json& e : *list) {
    TopicPartition tp;
    if (!GetTopicPartition(e, &tp)) return MissingZnodeField(kWhat, "topic/partition");
    out.push_back(std::move(tp));
  }
  return out;
}

std::string EncodeProducerIdBlock(const ProducerIdBlock& block) {
  ordered_json j;
  j["version"] = 1;
  j["broker"] = block.broker_id;
  j["block_start"] = std::to_string(block.first_producer_id);
  j["block_end"] = std::to_string(block.last_producer_id());
  return j.dump();
}

Result<ProducerIdBlock> DecodeProducerIdBlock(std::string_view text) {
  constexpr const char* kWhat = "latest_producer_id_block";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  ProducerIdBlock block;
  int64_t broker = -1, start = 0, end = 0;
  if (!GetInt(*parsed, "broker", INT32_MIN, INT32_MAX, &broker)) return MissingZnodeField(kWhat, "broker");
  if (!GetLongString(*parsed, "block_start", &start) || start < 0) return MissingZnodeField(kWhat, "block_start");
  if (!GetLongString(*parsed, "block_end", &end) || end < start || end - start >= INT32_MAX) {
    return MissingZnodeField(kWhat, "block_end");
  }
  block.broker_id = int32_t(broker);
  block.first_producer_id = start;
  block.size = int32_t(end - start + 1);
  return block;
}

std::string EncodeControlledShutdown(const ControlledShutdownNode& node) {
  ordered_json j;
  j["version"] = 1;
  j["broker"] = node.broker_id;
  j["broker_epoch"] = node.broker_epoch;
  if (node.done) {
    j["status"] = "done";
    ordered_json list = ordered_json::array();
    for (const auto& tp : node.remaining) list.push_back(EncodeTp(tp));
    j["partitions_remaining"] = list;
    if (!node.error.empty()) j["error"] = node.error;
  }
  return j.dump();
}

Result<ControlledShutdownNode> DecodeControlledShutdown(std::string_view text) {
  constexpr const char* kWhat = "controlled_shutdown";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  ControlledShutdownNode node;
  int64_t broker = -1;
  if (!GetInt(*parsed, "broker", INT32_MIN, INT32_MAX, &broker)) return MissingZnodeField(kWhat, "broker");
  node.broker_id = int32_t(broker);
  GetInt(*parsed, "broker_epoch", INT64_MIN, INT64_MAX, &node.broker_epoch);
  auto st = parsed->find("status");
  node.done = st != parsed->end() && st->is_string() && st->get<std::string>() == "done";
  if (auto e = parsed->find("error"); e != parsed->end() && e->is_string()) node.error = e->get<std::string>();
  if (auto r = parsed->find("partitions_remaining"); r != parsed->end() && r->is_array()) {
    for (const json& e : *r) {
      TopicPartition tp;
      if (!GetTopicPartition(e, &tp)) return MissingZnodeField(kWhat, "partitions_remaining");
      node.remaining.push_back(std::move(tp));
    }
  }
  return node;
}

}  // namespace partita::coordination
