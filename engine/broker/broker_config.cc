#include "engine/broker/broker_config.h"

#include "engine/security/authorizer.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "engine/security/principal_mapper.h"

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

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr std::string_view kListenerPrefix = "listener.name.";
constexpr std::string_view kSchemaRegistryPrefix = "schema.registry.";

// A per-listener key listener.name.<listener>.<key>: the <key> part, or empty when `name` is not one. SASL's
// per-mechanism JAAS key (listener.name.<l>.<mechanism>.sasl.jaas.config) yields "sasl.jaas.config".
std::string ListenerScopedKey(std::string_view name) {
  if (!name.starts_with(kListenerPrefix)) return "";
  std::string_view rest = name.substr(kListenerPrefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  rest = rest.substr(dot + 1);
  if (rest.ends_with(".sasl.jaas.config")) return "sasl.jaas.config";
  return std::string(rest);
}

// Kafka-only settings that would leave a broker less protected than its operator believes if they were merely
// warned about: they stop the broker instead, with what is missing.
std::string RefusedKafkaSetting(const std::string& key, const std::string& value) {
  const std::string v = Lower(Trim(value));
  if (key == "authorizer.class.name" && !v.empty() && !security::IsKafkaAclAuthorizerClass(Trim(value))) {
    return "authorizer.class.name=" + value + ": Partita's only authorizer is Kafka's ACL authorizer "
           "(kafka.security.authorizer.AclAuthorizer), so ACLs would not be enforced as this class would; use that "
           "class or remove the key to run without authorization";
  }
  if ((key == "zookeeper.set.acl" || key == "zookeeper.ssl.client.enable") && v == "true") {
    return key + "=true: Partita connects to ZooKeeper without " +
           (key == "zookeeper.set.acl" ? std::string("znode ACLs") : std::string("TLS")) + "; remove the key";
  }
  return "";
}

}  // namespace

Result<std::vector<Listener>> ParseListeners(std::string_view text) {
  std::vector<Listener> out;
  for (const auto& item : SplitList(text)) {
    size_t sep = item.find("://");
    if (sep == std::string::npos) return Status::InvalidArgument("listener '" + item + "' is not NAME://host:port");
    Listener l;
    l.name = Upper(item.substr(0, sep));
    if (l.name.empty()) return Status::InvalidArgument("listener '" + item + "' has no name");
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
    if (std::string why = RefusedKafkaSetting(k, v); !why.empty()) return Status::Unsupported(why);
    const ConfigKey* key = FindBrokerKey(k);
    if (!key) {
      if (std::string scoped = ListenerScopedKey(k); !scoped.empty()) key = FindBrokerKey(scoped);
    }
    if (!key) {
      const std::string scoped = ListenerScopedKey(k);
      if (IsKafkaOnlyBrokerKey(k) || (!scoped.empty() && IsKafkaOnlyBrokerKey(scoped))) {
        if (warnings) warnings->push_back("Kafka configuration key '" + k + "' is not supported by Partita and is ignored");
        continue;
      }
      // As Kafka ("supplied but isn't a known config"): an unknown key is reported, not fatal — a copied
      // server.properties may carry plugin or vendor keys (confluent.*, metric reporters' own), and the list of
      // Kafka keys here is ours, not Kafka's generated one. The warning names it, so a typo does not pass unseen.
      if (warnings) {
        warnings->push_back("unknown configuration key '" + k +
                            "' is ignored: not a Kafka 3.8 broker key (a typo? see docs/CONFIG.md)");
      }
      continue;
    }
    PARTITA_RETURN_IF_ERROR(ValidateConfigValue(*key, v));
    if (!key->not_applied.empty() && warnings) {
      warnings->push_back("configuration key '" + k + "' is accepted but not applied: " +
                          std::string(key->not_applied));
    }
  }
  c.values_ = std::move(values);
  PARTITA_RETURN_IF_ERROR(c.Resolve());
  return c;
}

Status BrokerConfig::Resolve() {
  broker_id_ = static_cast<int32_t>(GetLong("broker.id"));
  if (broker_id_ < 0) return Status::InvalidArgument("broker.id must be set to a non-negative id");
  PARTITA_RETURN_IF_ERROR(ResolveListeners());
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

// Kafka's KafkaConfig rules for listeners (validateValues / listenerSecurityProtocolMap), with the messages
// close to Kafka's so an operator recognises them.
Status BrokerConfig::ResolveListeners() {
  auto listeners = ParseListeners(GetString("listeners"));
  if (!listeners.ok()) return Status::InvalidArgument("listeners: " + listeners.status().message());
  if (listeners->empty()) return Status::InvalidArgument("listeners: at least one listener is required");
  std::map<std::string, security::SecurityProtocol> protocols;
  for (const auto& item : SplitList(GetString("listener.security.protocol.map"))) {
    size_t colon = item.find(':');
    if (colon == std::string::npos) {
      return Status::InvalidArgument("listener.security.protocol.map: '" + item + "' is not LISTENER_NAME:PROTOCOL");
    }
    std::string name = Upper(Trim(item.substr(0, colon)));
    auto protocol = security::ParseSecurityProtocol(Trim(item.substr(colon + 1)));
    if (!protocol) {
      return Status::InvalidArgument("listener.security.protocol.map: unknown security protocol '" +
                                     Trim(item.substr(colon + 1)) + "' for listener " + name +
                                     " (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)");
    }
    if (!protocols.emplace(name, *protocol).second) {
      return Status::InvalidArgument("listener.security.protocol.map: listener " + name + " is mapped twice");
    }
  }
  auto assign = [&](std::vector<Listener>& list, const char* key) -> Status {
    std::map<std::string, int> seen_names;
    std::map<int, std::string> seen_ports;
    for (auto& l : list) {
      auto it = protocols.find(l.name);
      if (it == protocols.end()) {
        return Status::InvalidArgument(std::string(key) + ": no security protocol defined for listener " + l.name +
                                       ": add " + l.name + ":<PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL> to "
                                       "listener.security.protocol.map");
      }
      l.protocol = it->second;
      if (seen_names[l.name]++ > 0) {
        return Status::InvalidArgument(std::string(key) + ": each listener must have a different name (" + l.name +
                                       " appears twice)");
      }
      if (std::string(key) == "listeners" && l.port != 0) {
        if (auto [p, fresh] = seen_ports.emplace(l.port, l.name); !fresh) {
          return Status::InvalidArgument("listeners: each listener must have a different port (" + p->second +
                                         " and " + l.name + " both use " + std::to_string(l.port) + ")");
        }
      }
    }
    return Status::Ok();
  };
  PARTITA_RETURN_IF_ERROR(assign(*listeners, "listeners"));
  listeners_ = *listeners;
  if (auto adv = Get("advertised.listeners")) {
    auto parsed = ParseListeners(*adv);
    if (!parsed.ok()) return Status::InvalidArgument("advertised.listeners: " + parsed.status().message());
    PARTITA_RETURN_IF_ERROR(assign(*parsed, "advertised.listeners"));
    for (const auto& a : *parsed) {
      bool known = false;
      for (const auto& l : listeners_) known = known || l.name == a.name;
      if (!known) {
        return Status::InvalidArgument("advertised.listeners: listener " + a.name +
                                       " is not in listeners (advertised listener names must be a subset of them)");
      }
    }
    advertised_ = *parsed;
  } else {
    advertised_ = listeners_;
  }
  auto advertised_name = [&](const std::string& name) {
    for (const auto& a : advertised_)
      if (a.name == name) return true;
    return false;
  };
  const auto ibl = Get("inter.broker.listener.name");
  const auto sibp = Get("security.inter.broker.protocol");
  if (ibl && sibp) {
    return Status::InvalidArgument(
        "only one of inter.broker.listener.name and security.inter.broker.protocol should be set");
  }
  if (ibl || sibp) {
    const char* key = ibl ? "inter.broker.listener.name" : "security.inter.broker.protocol";
    inter_broker_listener_ = Upper(ibl ? *ibl : *sibp);
    if (!advertised_name(inter_broker_listener_)) {
      return Status::InvalidArgument(std::string(key) + " " + inter_broker_listener_ +
                                     " must name a listener defined in advertised.listeners");
    }
  } else {
    // Kafka defaults to the PLAINTEXT listener and refuses a broker without one. A broker whose only listener
    // has another name replicates over it instead (what Partita did before these keys existed).
    inter_broker_listener_ = advertised_name("PLAINTEXT") ? "PLAINTEXT" : advertised_.front().name;
  }
  for (const auto& l : listeners_) PARTITA_RETURN_IF_ERROR(CheckListenerSecurity(l));
  return Status::Ok();
}

// A listener whose security cannot be provided stops the broker: it must never answer in the clear.
Status BrokerConfig::CheckListenerSecurity(const Listener& l) const {
  const std::string what = "listener " + l.name + " (" + security::SecurityProtocolName(l.protocol) + ")";
  if (security::UsesSasl(l.protocol)) {
    auto sasl = SaslServerFor(l.name);
    if (!sasl.ok()) return sasl.status();
    if (l.name == inter_broker_listener_) {
      auto login = InterBrokerSaslLogin();
      if (!login.ok()) return login.status();
    }
  }
  if (security::UsesTls(l.protocol)) {
    PARTITA_RETURN_IF_ERROR(TlsSettingsFor(l.name).Validate(true, what));
    auto rules = security::PrincipalMapper::Parse(GetForListener(l.name, "ssl.principal.mapping.rules").value_or(""));
    if (!rules.ok()) return Status::InvalidArgument(what + ": " + rules.status().message());
  }
  return Status::Ok();
}

std::optional<std::string> BrokerConfig::GetForListener(std::string_view listener, std::string_view key) const {
  const std::string scoped = std::string(kListenerPrefix) + Lower(std::string(listener)) + "." + std::string(key);
  if (auto it = values_.find(scoped); it != values_.end()) return it->second;
  return Get(key);
}

namespace {

// TlsSettings from ssl.* keys as `get` resolves them (a value or ""), `is_set` telling a user's value from a default.
template <typename Get, typename IsSetFn>
security::TlsSettings TlsSettingsFrom(Get get, IsSetFn is_set) {
  security::TlsSettings s;
  s.keystore_type_explicit = is_set("ssl.keystore.type");
  s.keystore_type = s.keystore_type_explicit ? Upper(get("ssl.keystore.type")) : "PEM";
  s.keystore_location = get("ssl.keystore.location");
  s.keystore_certificate_chain = get("ssl.keystore.certificate.chain");
  s.keystore_key = get("ssl.keystore.key");
  s.keystore_password_set = is_set("ssl.keystore.password") && s.keystore_type == "PEM";
  s.key_password = get("ssl.key.password");
  s.truststore_type_explicit = is_set("ssl.truststore.type");
  s.truststore_type = s.truststore_type_explicit ? Upper(get("ssl.truststore.type")) : "PEM";
  s.truststore_location = get("ssl.truststore.location");
  s.truststore_certificates = get("ssl.truststore.certificates");
  const std::string auth = get("ssl.client.auth");
  s.client_auth = auth == "required"    ? security::ClientAuth::kRequired
                  : auth == "requested" ? security::ClientAuth::kRequested
                                        : security::ClientAuth::kNone;
  s.enabled_protocols = SplitList(get("ssl.enabled.protocols"));
  s.cipher_suites = SplitList(get("ssl.cipher.suites"));
  s.verify_hostname = Lower(get("ssl.endpoint.identification.algorithm")) == "https";
  return s;
}

}  // namespace

security::TlsSettings BrokerConfig::TlsSettingsFor(std::string_view listener) const {
  auto get = [&](std::string_view key) { return GetForListener(listener, key).value_or(""); };
  auto is_set = [&](std::string_view key) {
    return values_.count(std::string(kListenerPrefix) + Lower(std::string(listener)) + "." + std::string(key)) ||
           values_.count(std::string(key));
  };
  return TlsSettingsFrom(get, is_set);
}

security::TlsSettings BrokerConfig::SchemaRegistryTlsSettings() const {
  // schema.registry.<ssl key> wins over the broker's <ssl key> (Confluent's registry reads the same ssl.* names).
  auto scoped = [](std::string_view key) { return std::string(kSchemaRegistryPrefix) + std::string(key); };
  auto get = [&](std::string_view key) {
    if (IsSet(scoped(key))) return Get(scoped(key)).value_or("");
    return Get(key).value_or("");
  };
  auto is_set = [&](std::string_view key) { return IsSet(scoped(key)) || IsSet(std::string(key)); };
  return TlsSettingsFrom(get, is_set);
}

std::vector<std::shared_ptr<const security::PlainAuthenticator>> BrokerConfig::PlainAuthenticators() const {
  std::vector<std::shared_ptr<const security::PlainAuthenticator>> out;
  for (const auto& l : listeners_) {
    if (!security::UsesSasl(l.protocol)) continue;
    auto sasl = SaslServerFor(l.name);
    if (sasl.ok() && (*sasl)->plain) out.push_back((*sasl)->plain);
  }
  return out;
}

Result<std::optional<BrokerConfig::InterBrokerSasl>> BrokerConfig::InterBrokerSaslLogin() const {
  const Listener* ib = nullptr;
  for (const auto& l : listeners_)
    if (l.name == inter_broker_listener_) ib = &l;
  if (!ib || !security::UsesSasl(ib->protocol)) return std::optional<InterBrokerSasl>();
  const std::string what = "inter-broker listener " + ib->name;
  InterBrokerSasl login;
  login.mechanism = Get("sasl.mechanism.inter.broker.protocol").value_or("GSSAPI");
  auto server = SaslServerFor(ib->name);
  if (!server.ok()) return server.status();
  if (!(*server)->Enabled(login.mechanism)) {
    return Status::InvalidArgument(what + ": sasl.mechanism.inter.broker.protocol=" + login.mechanism +
                                   " must be one of the listener's sasl.enabled.mechanisms (PLAIN, SCRAM-SHA-256 "
                                   "or SCRAM-SHA-512)");
  }
  // Kafka: the broker's own credentials are the username / password options of the listener's JAAS entry for
  // that mechanism (for SCRAM the user's credential must be in ZooKeeper before the brokers start).
  const std::string scoped =
      std::string(kListenerPrefix) + Lower(ib->name) + "." + Lower(login.mechanism) + ".sasl.jaas.config";
  std::string jaas;
  if (auto it = values_.find(scoped); it != values_.end()) {
    jaas = it->second;
  } else {
    jaas = GetForListener(ib->name, "sasl.jaas.config").value_or("");
  }
  auto entry = security::ParseJaasConfig(jaas);
  if (jaas.empty() || !entry.ok() || entry->options["username"].empty()) {
    return Status::InvalidArgument(what + ": the broker's own " + login.mechanism + " login needs username=\"...\" "
                                   "password=\"...\" in " + scoped);
  }
  login.username = entry->options["username"];
  login.password = entry->options["password"];
  return std::optional<InterBrokerSasl>(std::move(login));
}

Result<std::shared_ptr<const security::SaslServerConfig>> BrokerConfig::SaslServerFor(std::string_view listener) const {
  std::string protocol = "SASL";
  for (const auto& l : listeners_)
    if (l.name == listener) protocol = security::SecurityProtocolName(l.protocol);
  const std::string what = "listener " + std::string(listener) + " (" + protocol + ")";
  auto config = std::make_shared<security::SaslServerConfig>();
  config->mechanisms = SplitList(GetForListener(listener, "sasl.enabled.mechanisms").value_or(""));
  if (config->mechanisms.empty()) return Status::InvalidArgument(what + ": sasl.enabled.mechanisms is empty");
  for (const auto& m : config->mechanisms) {
    // SCRAM's credentials come from ZooKeeper (/config/users), filled in by the broker (KIP-84).
    if (m == "PLAIN" || security::ScramMechanismFromName(m)) continue;
    if (m == "GSSAPI") {
      return Status::Unsupported(what + ": SASL mechanism GSSAPI (Kerberos; Kafka's default for "
                                 "sasl.enabled.mechanisms) is not supported: set sasl.enabled.mechanisms to PLAIN, "
                                 "SCRAM-SHA-256 or SCRAM-SHA-512");
    }
    return Status::Unsupported(what + ": SASL mechanism " + m +
                               " is not supported (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are)");
  }
  if (!config->Enabled("PLAIN")) return std::shared_ptr<const security::SaslServerConfig>(std::move(config));
  // Kafka's broker JAAS key is per listener and mechanism; the bare sasl.jaas.config is the fallback here.
  const std::string scoped =
      std::string(kListenerPrefix) + Lower(std::string(listener)) + ".plain.sasl.jaas.config";
  std::string jaas;
  if (auto it = values_.find(scoped); it != values_.end()) {
    jaas = it->second;
  } else {
    jaas = GetForListener(listener, "sasl.jaas.config").value_or("");
  }
  if (jaas.empty()) {
    return Status::InvalidArgument(what + ": PLAIN needs its users: set " + scoped +
                                   "=org.apache.kafka.common.security.plain.PlainLoginModule required "
                                   "user_<name>=\"<password>\" ...;");
  }
  auto plain = security::PlainAuthenticator::FromJaas(jaas, what + " " + scoped);
  if (!plain.ok()) return plain.status();
  config->plain = std::make_shared<const security::PlainAuthenticator>(std::move(*plain));
  return std::shared_ptr<const security::SaslServerConfig>(std::move(config));
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
  fetch_max_bytes_ = GetLong("fetch.max.bytes");
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
