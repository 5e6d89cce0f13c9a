#include "engine/broker/broker_config.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace partita::broker {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\f')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\f')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = Trim(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<Listener>> ParseListeners(std::string_view text) {
  std::vector<Listener> out;
  for (const auto& item : SplitList(text)) {
    size_t sep = item.find("://");
    if (sep == std::string::npos) return Status::InvalidArgument("listener '" + item + "' is not NAME://host:port");
    Listener l;
    l.name = item.substr(0, sep);
    std::string hostport = item.substr(sep + 3);
    size_t colon = hostport.rfind(':');
    if (colon == std::string::npos) return Status::InvalidArgument("listener '" + item + "' has no port");
    l.host = hostport.substr(0, colon);
    if (l.host.size() >= 2 && l.host.front() == '[' && l.host.back() == ']') l.host = l.host.substr(1, l.host.size() - 2);
    std::string port = hostport.substr(colon + 1);
    try {
      size_t used = 0;
      l.port = std::stoi(port, &used);
      if (used != port.size() || l.port < 0 || l.port > 65535) throw std::out_of_range("port");
    } catch (...) {
      return Status::InvalidArgument("listener '" + item + "' has an invalid port '" + port + "'");
    }
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseProperties(std::string_view text) {
  std::map<std::string, std::string> out;
  std::istringstream in{std::string(text)};
  std::string line, logical;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string t = Trim(line);
    if (logical.empty() && (t.empty() || t[0] == '#' || t[0] == '!')) continue;
    // A line ending in an odd number of backslashes continues on the next line.
    size_t slashes = 0;
    while (slashes < t.size() && t[t.size() - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 1) {
      logical += t.substr(0, t.size() - 1);
      continue;
    }
    logical += t;
    size_t sep = logical.find_first_of("=:");
    if (sep == std::string::npos) {
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": expected key=value, got '" + logical + "'");
    }
    out[Trim(logical.substr(0, sep))] = Trim(logical.substr(sep + 1));
    logical.clear();
  }
  return out;
}

Result<BrokerConfig> BrokerConfig::FromFile(const std::string& path, const std::vector<std::string>& overrides,
                                            std::vector<std::string>* warnings) {
  std::ifstream f(path);
  if (!f) return Status::NotFound("cannot read configuration file " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  auto props = ParseProperties(ss.str());
  if (!props.ok()) return Status::InvalidArgument(path + ": " + props.status().message());
  for (const auto& o : overrides) {
    size_t eq = o.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument("--override '" + o + "' is not key=value");
    (*props)[Trim(o.substr(0, eq))] = Trim(o.substr(eq + 1));
  }
  return FromMap(std::move(*props), warnings);
}

Result<BrokerConfig> BrokerConfig::FromMap(std::map<std::string, std::string> values,
                                           std::vector<std::string>* warnings) {
  BrokerConfig c;
  for (const auto& [k, v] : values) {
    const ConfigKey* key = FindBrokerKey(k);
    if (!key) {
      if (warnings) warnings->push_back("unknown configuration key '" + k + "' is ignored");
      continue;
    }
    PARTITA_RETURN_IF_ERROR(ValidateConfigValue(*key, v));
  }
  c.values_ = std::move(values);
  PARTITA_RETURN_IF_ERROR(c.Resolve());
  return c;
}

Status BrokerConfig::Resolve() {
  broker_id_ = static_cast<int32_t>(GetLong("broker.id"));
  if (broker_id_ < 0) return Status::InvalidArgument("broker.id must be set to a non-negative id");
  auto listeners = ParseListeners(GetString("listeners"));
  if (!listeners.ok()) return Status::InvalidArgument("listeners: " + listeners.status().message());
  if (listeners->empty()) return Status::InvalidArgument("listeners: at least one listener is required");
  listeners_ = *listeners;
  if (auto adv = Get("advertised.listeners")) {
    auto parsed = ParseListeners(*adv);
    if (!parsed.ok()) return Status::InvalidArgument("advertised.listeners: " + parsed.status().message());
    advertised_ = *parsed;
  } else {
    advertised_ = listeners_;
  }
  if (auto dirs = Get("log.dirs")) {
    log_dirs_ = SplitList(*dirs);
  } else {
    log_dirs_ = {GetString("log.dir")};
  }
  if (log_dirs_.empty()) return Status::InvalidArgument("log.dirs: at least one directory is required");
  auto zk = Get("zookeeper.connect");
  if (!zk || zk->empty()) return Status::InvalidArgument("zookeeper.connect must be set (host:port of ZooKeeper)");
  zookeeper_connect_ = *zk;
  // Kafka's KafkaConfig requires the same when the key is set: a pool smaller than one request would mute a
  // connection for a request that can never fit. (Our default is finite, so it is checked only when set.)
  if (IsSet("queued.max.request.bytes")) {
    const int64_t queued = GetLong("queued.max.request.bytes");
    if (queued > 0 && queued < GetLong("socket.request.max.bytes")) {
      return Status::InvalidArgument("queued.max.request.bytes (" + std::to_string(queued) +
                                     ") must be -1 or at least socket.request.max.bytes (" +
                                     std::to_string(GetLong("socket.request.max.bytes")) + ")");
    }
  }
  ResolveLogDefaults();
  return Status::Ok();
}

void BrokerConfig::ResolveLogDefaults() {
  if (IsSet("log.retention.ms")) {
    retention_ms_ = GetLong("log.retention.ms");
  } else if (IsSet("log.retention.minutes")) {
    int64_t m = GetLong("log.retention.minutes");
    retention_ms_ = m < 0 ? -1 : m * 60000;
  } else {
    int64_t h = GetLong("log.retention.hours");
    retention_ms_ = h < 0 ? -1 : h * 3600000;
  }
  roll_ms_ = IsSet("log.roll.ms") ? GetLong("log.roll.ms") : GetLong("log.roll.hours") * 3600000;
  index_interval_bytes_ = static_cast<int32_t>(
      IsSet("index.interval.bytes") ? GetLong("index.interval.bytes") : GetLong("log.index.interval.bytes"));
}

bool BrokerConfig::IsSet(const std::string& name) const {
  return dynamic_broker_.count(name) || dynamic_default_.count(name) || values_.count(name);
}

BrokerConfig BrokerConfig::WithDynamic(const std::map<std::string, std::string>& cluster_default,
                                       const std::map<std::string, std::string>& per_broker,
                                       std::vector<std::string>* ignored) const {
  auto filter = [ignored](const std::map<std::string, std::string>& in, const char* where) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : in) {
      const ConfigKey* key = FindBrokerKey(k);
      Status st = !key                   ? Status::InvalidArgument("unknown broker configuration " + k)
                  : !IsDynamicBrokerKey(k) ? Status::InvalidArgument(k + " cannot be updated dynamically")
                                           : ValidateConfigValue(*key, v);
      if (st.ok()) {
        out[k] = v;
      } else if (ignored) {
        ignored->push_back(std::string(where) + ": " + st.message());
      }
    }
    return out;
  };
  BrokerConfig c = *this;
  c.dynamic_default_ = filter(cluster_default, "/config/brokers/<default>");
  c.dynamic_broker_ = filter(per_broker, ("/config/brokers/" + std::to_string(broker_id_)).c_str());
  c.ResolveLogDefaults();
  return c;
}

std::optional<std::string> BrokerConfig::Get(std::string_view name) const {
  const std::string key_name(name);
  for (const auto* layer : {&dynamic_broker_, &dynamic_default_, &values_}) {
    auto it = layer->find(key_name);
    if (it != layer->end()) return it->second;
  }
  if (const ConfigKey* key = FindBrokerKey(name); key && key->default_value) return std::string(*key->default_value);
  return std::nullopt;
}

ConfigSource BrokerConfig::SourceOf(std::string_view name) const {
  if (dynamic_broker_.count(std::string(name))) return ConfigSource::kDynamicBrokerConfig;
  if (dynamic_default_.count(std::string(name))) return ConfigSource::kDynamicDefaultBrokerConfig;
  return values_.count(std::string(name)) ? ConfigSource::kStaticBrokerConfig : ConfigSource::kDefaultConfig;
}

int64_t BrokerConfig::GetLong(std::string_view name) const {
  auto v = Get(name);
  if (!v) return 0;
  try {
    return std::stoll(*v);
  } catch (...) {
    return 0;
  }
}

bool BrokerConfig::GetBool(std::string_view name) const {
  std::string v = Get(name).value_or("false");
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true";
}
std::string BrokerConfig::GetString(std::string_view name) const { return Get(name).value_or(""); }

void BrokerConfig::SetBoundPort(size_t listener_index, int port) {
  if (listener_index >= listeners_.size()) return;
  const std::string name = listeners_[listener_index].name;
  int old = listeners_[listener_index].port;
  listeners_[listener_index].port = port;
  for (auto& a : advertised_)
    if (a.name == name && (a.port == old || a.port == 0)) a.port = port;
}

}  // namespace partita::broker
