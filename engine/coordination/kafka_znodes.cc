#include "engine/coordination/kafka_znodes.h"

#include <charconv>
#include <random>

#include <nlohmann/json.hpp>

#include "engine/coordination/znode_json.h"
#include "engine/protocol/uuid_text.h"

namespace partita::coordination {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

bool GetInt32(const json& j, const char* key, int32_t* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  const int64_t v = it->get<int64_t>();
  if (v < INT32_MIN || v > INT32_MAX) return false;
  *out = int32_t(v);
  return true;
}

bool ParseInt64(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool GetIntList(const json& j, std::vector<int32_t>* out) {
  if (!j.is_array()) return false;
  out->clear();
  for (const json& v : j) {
    if (!v.is_number_integer()) return false;
    const int64_t x = v.get<int64_t>();
    if (x < INT32_MIN || x > INT32_MAX) return false;
    out->push_back(int32_t(x));
  }
  return true;
}

// {"0":[1,2],"1":[2,3]} -> map; keys must be non-negative partition numbers.
bool GetPartitionMap(const json& j, std::map<int32_t, std::vector<int32_t>>* out) {
  if (!j.is_object()) return false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    int64_t p = -1;
    if (!ParseInt64(it.key(), &p) || p < 0 || p > INT32_MAX) return false;
    std::vector<int32_t> replicas;
    if (!GetIntList(it.value(), &replicas)) return false;
    (*out)[int32_t(p)] = std::move(replicas);
  }
  return true;
}

// Written by hand rather than through ordered_json, whose object inserts search linearly: encoding a topic of n
// partitions took O(n^2) (100,000 partitions: over 30 s). Same bytes as ordered_json's dump().
void AppendPartitionMap(const std::map<int32_t, std::vector<int32_t>>& m, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [p, replicas] : m) {
    if (!first) out->push_back(',');
    first = false;
    out->push_back('"');
    out->append(std::to_string(p));
    out->append("\":[");
    for (size_t i = 0; i < replicas.size(); ++i) {
      if (i) out->push_back(',');
      out->append(std::to_string(replicas[i]));
    }
    out->push_back(']');
  }
  out->push_back('}');
}

}  // namespace

std::pair<std::string, int32_t> EndpointFor(const BrokerRegistration& broker, std::string_view listener) {
  for (const auto& e : broker.endpoints)
    if (e.listener == listener) return {e.host, e.port};
  return {broker.host, broker.port};
}

std::string EncodeBrokerRegistration(const BrokerRegistration& b) {
  ordered_json j;
  j["version"] = 5;
  j["host"] = b.host;
  j["port"] = b.port;
  j["jmx_port"] = b.jmx_port;
  j["timestamp"] = std::to_string(b.timestamp_ms);
  ordered_json endpoints = ordered_json::array();
  ordered_json protocol_map = ordered_json::object();
  for (const BrokerEndpoint& e : b.endpoints) {
    endpoints.push_back(e.listener + "://" + e.host + ":" + std::to_string(e.port));
    protocol_map[e.listener] = e.security_protocol;
  }
  j["endpoints"] = endpoints;
  j["listener_security_protocol_map"] = protocol_map;
  j["rack"] = b.rack ? ordered_json(*b.rack) : ordered_json(nullptr);
  j["features"] = ordered_json::object();
  return j.dump();
}

Result<BrokerRegistration> DecodeBrokerRegistration(int32_t id, std::string_view text) {
  constexpr const char* kWhat = "broker registration";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  try {
    BrokerRegistration b;
    b.id = id;
    int32_t version = 0;
    if (!GetInt32(j, "version", &version)) return MissingZnodeField(kWhat, "version");
    if (version < 1) return Status::Corruption("broker registration: unsupported version");
    if (j.contains("host") && j["host"].is_string()) b.host = j["host"].get<std::string>();
    if (!GetInt32(j, "port", &b.port)) b.port = -1;
    // -1 (no PLAINTEXT listener) or a TCP port: the version 1 layout below turns it into an endpoint, which
    // must read back like one from "endpoints" (found by fuzz_znode_json).
    if (b.port < -1 || b.port > 65535) return Status::Corruption("broker registration: bad port");
    if (!GetInt32(j, "jmx_port", &b.jmx_port)) b.jmx_port = -1;
    if (auto it = j.find("timestamp"); it != j.end()) {
      if (!it->is_string() || !ParseInt64(it->get<std::string>(), &b.timestamp_ms)) return MissingZnodeField(kWhat, "timestamp");
    }
    if (auto it = j.find("rack"); it != j.end() && it->is_string()) b.rack = it->get<std::string>();
    std::map<std::string, std::string> protocols;
    if (auto it = j.find("listener_security_protocol_map"); it != j.end()) {
      if (!it->is_object()) return MissingZnodeField(kWhat, "listener_security_protocol_map");
      for (auto p = it->begin(); p != it->end(); ++p) {
        if (!p.value().is_string()) return MissingZnodeField(kWhat, "listener_security_protocol_map");
        protocols[p.key()] = p.value().get<std::string>();
      }
    }
    if (auto it = j.find("endpoints"); it != j.end()) {
      if (!it->is_array()) return MissingZnodeField(kWhat, "endpoints");
      for (const json& e : *it) {
        if (!e.is_string()) return MissingZnodeField(kWhat, "endpoints");
        // LISTENER://host:port; host may be an IPv6 literal in brackets, so split at the last colon.
        const std::string s = e.get<std::string>();
        const size_t scheme = s.find("://");
        const size_t colon = s.rfind(':');
        int64_t port = -1;
        if (scheme == std::string::npos || colon == std::string::npos || colon < scheme + 3 ||
            !ParseInt64(std::string_view(s).substr(colon + 1), &port) || port < 0 || port > 65535) {
          return Status::Corruption("broker registration: bad endpoint '" + s + "'");
        }
        BrokerEndpoint ep;
        ep.listener = s.substr(0, scheme);
        ep.host = s.substr(scheme + 3, colon - scheme - 3);
        ep.port = int32_t(port);
        auto proto = protocols.find(ep.listener);
        ep.security_protocol = proto != protocols.end() ? proto->second : ep.listener;
        b.endpoints.push_back(std::move(ep));
      }
    }
    if (b.endpoints.empty() && !b.host.empty() && b.port >= 0) {
      b.endpoints.push_back(BrokerEndpoint{"PLAINTEXT", b.host, b.port, "PLAINTEXT"});  // version 1 layout
    }
    return b;
  } catch (const std::exception& e) {
    return Status::Corruption(std::string(kWhat) + ": " + e.what());
  }
}

std::string EncodeControllerInfo(const ControllerInfo& info) {
  ordered_json j;
  j["version"] = 1;
  j["brokerid"] = info.broker_id;
  j["timestamp"] = std::to_string(info.timestamp_ms);
  return j.dump();
}

Result<ControllerInfo> DecodeControllerInfo(std::string_view text) {
  constexpr const char* kWhat = "controller";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  ControllerInfo info;
  if (!GetInt32(*parsed, "brokerid", &info.broker_id)) return MissingZnodeField(kWhat, "brokerid");
  if (auto it = parsed->find("timestamp"); it != parsed->end() && it->is_string()) {
    ParseInt64(it->get<std::string>(), &info.timestamp_ms);
  }
  return info;
}

std::string EncodeControllerEpoch(int32_t epoch) { return std::to_string(epoch); }

Result<int32_t> DecodeControllerEpoch(std::string_view text) {
  int64_t v = 0;
  if (!ParseInt64(text, &v) || v < 0 || v > INT32_MAX) {
    return Status::Corruption("controller_epoch: not a number: '" + std::string(text.substr(0, 32)) + "'");
  }
  return int32_t(v);
}

std::string EncodeTopicAssignment(const TopicAssignment& a) {
  std::string out;
  out.reserve(64 + a.partitions.size() * 16);
  out.append(a.topic_id ? "{\"version\":3" : "{\"version\":2");
  if (a.topic_id) out.append(",\"topic_id\":").append(ordered_json(*a.topic_id).dump());
  out.append(",\"partitions\":");
  AppendPartitionMap(a.partitions, &out);
  out.append(",\"adding_replicas\":");
  AppendPartitionMap(a.adding_replicas, &out);
  out.append(",\"removing_replicas\":");
  AppendPartitionMap(a.removing_replicas, &out);
  out.push_back('}');
  return out;
}

Result<TopicAssignment> DecodeTopicAssignment(std::string_view text) {
  constexpr const char* kWhat = "topic assignment";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  TopicAssignment a;
  auto it = j.find("partitions");
  if (it == j.end() || !GetPartitionMap(*it, &a.partitions)) return MissingZnodeField(kWhat, "partitions");
  if (auto add = j.find("adding_replicas"); add != j.end() && !GetPartitionMap(*add, &a.adding_replicas)) {
    return MissingZnodeField(kWhat, "adding_replicas");
  }
  if (auto rem = j.find("removing_replicas"); rem != j.end() && !GetPartitionMap(*rem, &a.removing_replicas)) {
    return MissingZnodeField(kWhat, "removing_replicas");
  }
  if (auto id = j.find("topic_id"); id != j.end() && id->is_string()) a.topic_id = id->get<std::string>();
  return a;
}

std::string EncodePartitionState(const PartitionState& s) {
  ordered_json j;
  j["version"] = 1;
  j["leader"] = s.leader;
  j["leader_epoch"] = s.leader_epoch;
  j["controller_epoch"] = s.controller_epoch;
  j["isr"] = s.isr;
  return j.dump();
}

Result<PartitionState> DecodePartitionState(std::string_view text) {
  constexpr const char* kWhat = "partition state";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  PartitionState s;
  if (!GetInt32(j, "leader", &s.leader)) return MissingZnodeField(kWhat, "leader");
  if (!GetInt32(j, "leader_epoch", &s.leader_epoch)) return MissingZnodeField(kWhat, "leader_epoch");
  if (!GetInt32(j, "controller_epoch", &s.controller_epoch)) return MissingZnodeField(kWhat, "controller_epoch");
  auto it = j.find("isr");
  if (it == j.end() || !GetIntList(*it, &s.isr)) return MissingZnodeField(kWhat, "isr");
  return s;
}

std::string EncodeTopicConfig(const TopicConfig& config) {
  ordered_json j;
  j["version"] = 1;
  ordered_json c = ordered_json::object();
  for (const auto& [k, v] : config) c[k] = v;
  j["config"] = c;
  return j.dump();
}

Result<TopicConfig> DecodeTopicConfig(std::string_view text) {
  constexpr const char* kWhat = "topic config";
  Result<json> parsed = ParseZnodeJson(text, kWhat);
  if (!parsed.ok()) return parsed.status();
  auto it = parsed->find("config");
  if (it == parsed->end() || !it->is_object()) return MissingZnodeField(kWhat, "config");
  TopicConfig out;
  for (auto e = it->begin(); e != it->end(); ++e) {
    if (!e.value().is_string()) return Status::Corruption("topic config: value of '" + e.key() + "' is not a string");
    out[e.key()] = e.value().get<std::string>();
  }
  return out;
}

std::string EncodeConfigChangeNotification(const std::string& entity_path) {
  ordered_json j;
  j["version"] = 2;
  j["entity_path"] = entity_path;
  return j.dump();
}

std::string EncodeClusterId(const std::string& id) {
  ordered_json j;
  j["version"] = "1";
  j["id"] = id;
  return j.dump();
}

Result<std::string> DecodeClusterId(std::string_view text) {
  Result<json> parsed = ParseZnodeJson(text, "cluster id");
  if (!parsed.ok()) return parsed.status();
  auto it = parsed->find("id");
  if (it == parsed->end() || !it->is_string() || it->get<std::string>().empty()) return MissingZnodeField("cluster id", "id");
  return it->get<std::string>();
}

std::string GenerateClusterId() { return GenerateUuid(); }

std::string GenerateUuid() {
  std::random_device rd;
  protocol::Uuid bytes;
  for (int i = 0; i < 16; i += 4) {
    uint32_t r = rd();
    for (int k = 0; k < 4; ++k) bytes[i + k] = uint8_t(r >> (8 * k));
  }
  bytes[6] = uint8_t((bytes[6] & 0x0F) | 0x40);  // version 4 UUID, like java.util.UUID.randomUUID
  bytes[8] = uint8_t((bytes[8] & 0x3F) | 0x80);
  std::string out = protocol::UuidToText(bytes);  // 128 bits -> 22 characters, no padding
  // Kafka's Uuid.randomUuid draws again when the text starts with '-' (it would read as a command-line flag).
  if (out.front() == '-') return GenerateUuid();
  return out;
}

Status ValidateTopicName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("topic name is empty");
  if (name == "." || name == "..") return Status::InvalidArgument("topic name cannot be \".\" or \"..\"");
  if (name.size() > 249) {
    return Status::InvalidArgument("topic name is " + std::to_string(name.size()) +
                                   " characters long; the maximum is 249");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) {
      return Status::InvalidArgument("topic name '" + std::string(name) +
                                     "' is illegal: only ASCII alphanumerics, '.', '_' and '-' are allowed");
    }
  }
  return Status::Ok();
}

}  // namespace partita::coordination
