#include "app/cli/cli_format.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/coordination/replica_assignment.h"
#include "engine/protocol/compression.h"

namespace partita::cli {

using client::ConfigEntry;
using client::Reassignment;
using client::TopicInfo;
using json = nlohmann::json;

std::string JoinIds(const std::vector<int32_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::string FormatTopicDescription(const TopicInfo& topic, const std::string& configs, const std::string& topic_id) {
  const std::string id = !topic_id.empty()        ? topic_id
                         : !topic.topic_id.empty() ? topic.topic_id
                                                   : std::string("AAAAAAAAAAAAAAAAAAAAAA");
  std::string out = "Topic: " + topic.name + "\tTopicId: " + id +
                    "\tPartitionCount: " + std::to_string(topic.partitions.size()) +
                    "\tReplicationFactor: " + std::to_string(topic.ReplicationFactor()) + "\tConfigs: " + configs +
                    "\n";
  for (const auto& p : topic.partitions) {
    out += "\tTopic: " + topic.name + "\tPartition: " + std::to_string(p.partition) +
           "\tLeader: " + (p.leader >= 0 ? std::to_string(p.leader) : std::string("none")) +
           "\tReplicas: " + JoinIds(p.replicas) + "\tIsr: " + JoinIds(p.isr) + "\tOffline: " + JoinIds(p.offline) +
           "\n";
  }
  return out;
}

std::string FormatNonDefaultConfigs(const std::vector<ConfigEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    if (e.is_default) continue;
    if (!out.empty()) out += ',';
    out += e.name + "=" + (e.is_sensitive ? std::string("<sensitive>") : e.value.value_or("null"));
  }
  return out;
}

namespace {

bool IsDynamic(int8_t source) {
  using S = client::ConfigSource;
  return source == static_cast<int8_t>(S::kDynamicTopicConfig) ||
         source == static_cast<int8_t>(S::kDynamicBrokerConfig) ||
         source == static_cast<int8_t>(S::kDynamicDefaultBrokerConfig) ||
         source == static_cast<int8_t>(S::kDynamicBrokerLoggerConfig);
}

}  // namespace

std::string FormatConfigsDescription(const std::string& entity_label, const std::vector<ConfigEntry>& entries,
                                     bool all) {
  std::string out = std::string(all ? "All" : "Dynamic") + " configs for " + entity_label + " are:\n";
  for (const auto& e : entries) {
    if (!all && !IsDynamic(e.source)) continue;
    const std::string value = e.is_sensitive ? "null" : e.value.value_or("null");
    out += "  " + e.name + "=" + value + " sensitive=" + (e.is_sensitive ? "true" : "false") + " synonyms={";
    for (size_t i = 0; i < e.synonyms.size(); ++i) {
      const auto& s = e.synonyms[i];
      if (i) out += ", ";
      out += std::string(client::ConfigSourceName(s.source)) + ":" + s.name + "=" +
             (e.is_sensitive ? "null" : s.value.value_or("null"));
    }
    out += "}\n";
  }
  return out;
}

std::string FormatOffsetLine(const client::PartitionOffset& po) {
  return po.tp.topic + ":" + std::to_string(po.tp.partition.value) + ":" +
         (po.offset >= 0 ? std::to_string(po.offset) : std::string()) + "\n";
}

namespace {

Result<json> ParseJson(const std::string& text, const std::string& what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument(what + " is not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument(what + " must be a JSON object");
  if (j.contains("version") && (!j["version"].is_number_integer() || j["version"].get<int>() != 1)) {
    return Status::InvalidArgument(what + ": only \"version\": 1 is supported");
  }
  return j;
}

}  // namespace

Result<std::vector<std::string>> ParseTopicsToMoveJson(const std::string& text) {
  auto j = ParseJson(text, "topics-to-move JSON");
  if (!j.ok()) return j.status();
  if (!j->contains("topics") || !(*j)["topics"].is_array()) {
    return Status::InvalidArgument("topics-to-move JSON needs a \"topics\" array");
  }
  std::vector<std::string> out;
  for (const auto& t : (*j)["topics"]) {
    if (!t.is_object() || !t.contains("topic") || !t["topic"].is_string()) {
      return Status::InvalidArgument("topics-to-move JSON: each entry needs a \"topic\" string");
    }
    out.push_back(t["topic"].get<std::string>());
  }
  if (out.empty()) return Status::InvalidArgument("topics-to-move JSON lists no topic");
  return out;
}

Result<std::vector<Reassignment>> ParseReassignmentJson(const std::string& text) {
  auto j = ParseJson(text, "reassignment JSON");
  if (!j.ok()) return j.status();
  if (!j->contains("partitions") || !(*j)["partitions"].is_array()) {
    return Status::InvalidArgument("reassignment JSON needs a \"partitions\" array");
  }
  std::vector<Reassignment> out;
  std::set<std::pair<std::string, int32_t>> seen;
  for (const auto& p : (*j)["partitions"]) {
    if (!p.is_object() || !p.contains("topic") || !p["topic"].is_string() || !p.contains("partition") ||
        !p["partition"].is_number_integer() || !p.contains("replicas") || !p["replicas"].is_array()) {
      return Status::InvalidArgument(
          "reassignment JSON: each partition needs \"topic\" (string), \"partition\" (int) and \"replicas\" (array)");
    }
    Reassignment r;
    r.tp.topic = p["topic"].get<std::string>();
    r.tp.partition = PartitionId(p["partition"].get<int32_t>());
    std::vector<int32_t> replicas;
    std::set<int32_t> unique;
    for (const auto& id : p["replicas"]) {
      if (!id.is_number_integer()) return Status::InvalidArgument("reassignment JSON: replicas must be broker ids");
      replicas.push_back(id.get<int32_t>());
      unique.insert(replicas.back());
    }
    if (replicas.empty()) {
      return Status::InvalidArgument("reassignment JSON: partition " + r.tp.DirName() + " has no replicas");
    }
    if (unique.size() != replicas.size()) {
      return Status::InvalidArgument("reassignment JSON: partition " + r.tp.DirName() + " lists a broker twice");
    }
    if (p.contains("log_dirs")) {
      if (!p["log_dirs"].is_array() || p["log_dirs"].size() != replicas.size()) {
        return Status::InvalidArgument("reassignment JSON: log_dirs of " + r.tp.DirName() +
                                       " must have one entry per replica");
      }
      for (const auto& d : p["log_dirs"]) {
        if (!d.is_string() || d.get<std::string>() != "any") {
          return Status::Unsupported("reassignment JSON: log_dirs other than \"any\" are not supported (" +
                                     r.tp.DirName() + ")");
        }
      }
    }
    if (!seen.insert({r.tp.topic, r.tp.partition.value}).second) {
      return Status::InvalidArgument("reassignment JSON lists partition " + r.tp.DirName() + " twice");
    }
    r.replicas = std::move(replicas);
    out.push_back(std::move(r));
  }
  if (out.empty()) return Status::InvalidArgument("reassignment JSON lists no partition");
  return out;
}

std::string FormatReassignmentJson(const std::vector<Reassignment>& partitions) {
  json parts = json::array();
  for (const auto& r : partitions) {
    json p;
    p["topic"] = r.tp.topic;
    p["partition"] = r.tp.partition.value;
    const std::vector<int32_t> replicas = r.replicas.value_or(std::vector<int32_t>{});
    p["replicas"] = replicas;
    p["log_dirs"] = std::vector<std::string>(replicas.size(), "any");
    parts.push_back(std::move(p));
  }
  json doc;
  doc["version"] = 1;
  doc["partitions"] = std::move(parts);
  return doc.dump();
}

std::vector<Reassignment> CurrentAssignment(const std::vector<TopicInfo>& topics) {
  std::vector<Reassignment> out;
  for (const auto& t : topics) {
    for (const auto& p : t.partitions) out.push_back({{t.name, PartitionId(p.partition)}, p.replicas});
  }
  return out;
}

std::string FormatOngoingReassignments(const std::vector<client::OngoingReassignment>& ongoing) {
  if (ongoing.empty()) return "No partition reassignments found.\n";
  std::vector<client::OngoingReassignment> sorted = ongoing;
  std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.tp < y.tp; });
  std::string out = "Current partition reassignments:\n";
  for (const auto& r : sorted) {
    out += r.tp.DirName() + ": replicas: " + JoinIds(r.replicas) + ". adding: " + JoinIds(r.adding) +
           ". removing: " + JoinIds(r.removing) + ".\n";
  }
  return out;
}

Result<std::vector<Reassignment>> GenerateAssignment(const std::vector<TopicInfo>& topics,
                                                     const std::map<int32_t, std::optional<std::string>>& broker_racks,
                                                     bool rack_aware) {
  const auto n = static_cast<int32_t>(broker_racks.size());
  if (n == 0) return Status::InvalidArgument("--broker-list is empty");
  std::map<int32_t, std::optional<std::string>> racks = broker_racks;
  if (!rack_aware) {
    for (auto& [id, rack] : racks) rack.reset();
  }
  std::vector<Reassignment> out;
  for (const auto& t : topics) {
    const int rf = t.ReplicationFactor();
    if (rf > n) {
      return Status::InvalidArgument("topic '" + t.name + "' has replication factor " + std::to_string(rf) +
                                     ", larger than the " + std::to_string(n) + " broker(s) in --broker-list");
    }
    auto assignment = coordination::AssignReplicasEnforced(racks, static_cast<int32_t>(t.partitions.size()), rf,
                                                           /*start_index=*/0, /*replica_shift=*/0);
    if (!assignment.ok()) {
      return Status::InvalidArgument(assignment.status().message() +
                                     " (--disable-rack-aware ignores the brokers' racks)");
    }
    for (const auto& p : t.partitions) {
      out.push_back({{t.name, PartitionId(p.partition)}, assignment->at(p.partition)});
    }
  }
  return out;
}

std::string FormatDumpBatchLine(const protocol::BatchHeader& h, uint64_t position, bool crc_valid) {
  // DefaultRecordBatch.lastSequence: NO_SEQUENCE stays -1, anything else wraps past Integer.MAX_VALUE to 0.
  const int32_t last_sequence =
      h.base_sequence == -1 ? -1 : protocol::IncrementSequence(h.base_sequence, h.last_offset_delta);
  std::string out = "baseOffset: " + std::to_string(h.base_offset) + " lastOffset: " + std::to_string(h.last_offset()) +
                    " count: " + std::to_string(h.records_count) + " baseSequence: " + std::to_string(h.base_sequence) +
                    " lastSequence: " + std::to_string(last_sequence) + " producerId: " + std::to_string(h.producer_id) +
                    " producerEpoch: " + std::to_string(h.producer_epoch) +
                    " partitionLeaderEpoch: " + std::to_string(h.partition_leader_epoch) +
                    " isTransactional: " + (h.transactional() ? "true" : "false") +
                    " isControl: " + (h.control() ? "true" : "false") +
                    " deleteHorizonMs: OptionalLong.empty position: " + std::to_string(position) + " " +
                    (h.log_append_time() ? "LogAppendTime: " : "CreateTime: ") + std::to_string(h.max_timestamp) +
                    " size: " + std::to_string(h.total_size()) + " magic: " + std::to_string(h.magic) +
                    " compresscodec: " + std::string(protocol::CompressionName(h.compression())) +
                    " crc: " + std::to_string(h.crc) + " isvalid: " + (crc_valid ? "true" : "false");
  return out;
}

std::string FormatDumpRecordLine(const protocol::BatchHeader& h, const protocol::Record& r, bool print_data) {
  auto text = [](std::span<const uint8_t> s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); };
  // DefaultRecord's sequence: baseSequence >= 0 ? incrementSequence(baseSequence, offsetDelta) : NO_SEQUENCE.
  const int32_t sequence = h.base_sequence >= 0 ? protocol::IncrementSequence(h.base_sequence, r.offset_delta) : -1;
  std::string out = "| offset: " + std::to_string(r.offset) + " " +
                    (h.log_append_time() ? "LogAppendTime: " : "CreateTime: ") + std::to_string(r.timestamp) +
                    " keySize: " + std::to_string(r.key ? static_cast<int64_t>(r.key->size()) : -1) +
                    " valueSize: " + std::to_string(r.value ? static_cast<int64_t>(r.value->size()) : -1) +
                    " sequence: " + std::to_string(sequence) + " headerKeys: [";
  for (size_t i = 0; i < r.headers.size(); ++i) {
    if (i) out += ",";
    out += text(r.headers[i].key);
  }
  out += "]";
  if (print_data) out += FormatDumpRecordData(r);
  return out;
}

std::string FormatDumpRecordData(const protocol::Record& r) {
  auto text = [](std::span<const uint8_t> s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); };
  std::string out;
  if (r.key) out += " key: " + text(*r.key);
  out += " payload: " + (r.value ? text(*r.value) : std::string("null"));
  return out;
}

}  // namespace partita::cli
