// BrokerConfig: a broker's configuration from Kafka-style server.properties plus --override key=value pairs.
// Values are validated against ConfigDef with the key named in every error. A key Partita does not declare is
// refused, unless it is a Kafka 3.8 broker key (then a warning says it is ignored); a declared key that has no
// effect here (ConfigKey::not_applied) is accepted with a warning. Derived values (retention from ms/minutes/hours, roll
// time, log dirs, listeners) are resolved once here.
// Dynamic broker configs (Kafka's /config/brokers/<id> over /config/brokers/<default> over server.properties)
// are layered on with WithDynamic(), which returns a new config: a running broker swaps the whole object.
// Thread safety: immutable after construction; copy to change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/broker/config_def.h"
#include "engine/common/status.h"
#include "engine/security/sasl_server_config.h"
#include "engine/security/security_protocol.h"
#include "engine/security/tls_settings.h"

namespace partita::broker {

struct Listener {
  std::string name;  // PLAINTEXT; upper case (Kafka's ListenerName.normalised)
  // From listener.security.protocol.map (resolved by BrokerConfig; ParseListeners leaves PLAINTEXT).
  security::SecurityProtocol protocol = security::SecurityProtocol::kPlaintext;
  std::string host;  // may be empty = all interfaces
  int port = 0;
  std::string ToString() const { return name + "://" + host + ":" + std::to_string(port); }
};

// Parses "NAME://host:port,NAME2://[::1]:port"; names are upper-cased as Kafka does.
Result<std::vector<Listener>> ParseListeners(std::string_view text);

// Parses Java-properties text: key=value or key: value, # and ! comments, backslash line continuations.
Result<std::map<std::string, std::string>> ParseProperties(std::string_view text);

class BrokerConfig {
 public:
  // `values`: explicit settings (from the file, then overrides). Warnings collect unknown keys.
  static Result<BrokerConfig> FromMap(std::map<std::string, std::string> values, std::vector<std::string>* warnings);
  static Result<BrokerConfig> FromFile(const std::string& path, const std::vector<std::string>& overrides,
                                       std::vector<std::string>* warnings);

  // Explicit value or the key's default; nullopt if neither.
  std::optional<std::string> Get(std::string_view name) const;
  ConfigSource SourceOf(std::string_view name) const;
  int64_t GetLong(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  std::string GetString(std::string_view name) const;
  const std::map<std::string, std::string>& explicit_values() const { return values_; }

  // This config with dynamic configs layered over the static ones: `per_broker` over `cluster_default` over
  // server.properties. Keys that are not dynamic (IsDynamicBrokerKey) or whose values are invalid are left out
  // and described in `ignored` (a znode written by another tool may hold anything).
  BrokerConfig WithDynamic(const std::map<std::string, std::string>& cluster_default,
                           const std::map<std::string, std::string>& per_broker,
                           std::vector<std::string>* ignored) const;
  const std::map<std::string, std::string>& dynamic_default_values() const { return dynamic_default_; }
  const std::map<std::string, std::string>& dynamic_broker_values() const { return dynamic_broker_; }

  int32_t broker_id() const { return broker_id_; }
  const std::vector<Listener>& listeners() const { return listeners_; }
  const std::vector<Listener>& advertised_listeners() const { return advertised_; }
  // The listener replica fetchers connect to (inter.broker.listener.name, or the one named after
  // security.inter.broker.protocol; see Resolve for the fallback).
  const std::string& inter_broker_listener() const { return inter_broker_listener_; }
  // A key as a listener sees it: listener.name.<listener lower case>.<key> wins over <key> (Kafka's prefix).
  std::optional<std::string> GetForListener(std::string_view listener, std::string_view key) const;
  // The ssl.* settings of a listener (with its overrides).
  security::TlsSettings TlsSettingsFor(std::string_view listener) const;
  // The Schema Registry's https:// settings: schema.registry.ssl.* over the broker's ssl.* (issue 15).
  security::TlsSettings SchemaRegistryTlsSettings() const;
  // The PLAIN accounts (JAAS user_<name>) of every SASL listener that enables PLAIN.
  std::vector<std::shared_ptr<const security::PlainAuthenticator>> PlainAuthenticators() const;
  // The SASL mechanisms and accounts of a SASL listener (sasl.enabled.mechanisms, and for PLAIN the users of
  // listener.name.<listener>.plain.sasl.jaas.config or sasl.jaas.config); errors name the key to fix.
  Result<std::shared_ptr<const security::SaslServerConfig>> SaslServerFor(std::string_view listener) const;
  // How this broker logs in to the inter-broker listener when it is a SASL one (Kafka's
  // sasl.mechanism.inter.broker.protocol, which the listener must enable, and the username / password options
  // of listener.name.<listener>.<mechanism>.sasl.jaas.config); nullopt for a PLAINTEXT / SSL listener.
  struct InterBrokerSasl {
    std::string mechanism;
    std::string username;
    std::string password;
  };
  Result<std::optional<InterBrokerSasl>> InterBrokerSaslLogin() const;
  const std::vector<std::string>& log_dirs() const { return log_dirs_; }
  const std::string& zookeeper_connect() const { return zookeeper_connect_; }
  std::optional<std::string> rack() const { return Get("broker.rack"); }
  // log.retention.ms, else minutes, else hours, in ms (-1 = forever).
  int64_t retention_ms() const { return retention_ms_; }
  // log.roll.ms, else log.roll.hours, in ms.
  int64_t roll_ms() const { return roll_ms_; }
  int32_t index_interval_bytes() const { return index_interval_bytes_; }
  // fetch.max.bytes, resolved once: every consumer fetch is capped by it.
  int64_t fetch_max_bytes() const { return fetch_max_bytes_; }

  // Replaces the listener ports after binding port 0 (used by tests and the local cluster).
  void SetBoundPort(size_t listener_index, int port);

 private:
  Status Resolve();
  Status ResolveListeners();
  Status CheckListenerSecurity(const Listener& l) const;
  void ResolveLogDefaults();
  bool IsSet(const std::string& name) const;  // in any layer
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> dynamic_default_;
  std::map<std::string, std::string> dynamic_broker_;
  int32_t broker_id_ = -1;
  std::vector<Listener> listeners_;
  std::vector<Listener> advertised_;
  std::string inter_broker_listener_;
  std::vector<std::string> log_dirs_;
  std::string zookeeper_connect_;
  int64_t retention_ms_ = -1;
  int64_t roll_ms_ = 0;
  int32_t index_interval_bytes_ = 4096;
  int64_t fetch_max_bytes_ = 57671680;
};

}  // namespace partita::broker
