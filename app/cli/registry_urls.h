// The Schema Registry URLs a local cluster's brokers serve: each broker with schema.registry.listeners set
// publishes its URL in ZooKeeper at /partita/schema_registry/brokers/<id> (SchemaRegistryService). Local clusters
// started by the app or `partita-cli cluster up` give every broker a free port (kLocalRegistryListener), so the
// URLs are read back from there. Used by cluster up (printed) and the desktop app (its connection's registry).
// Thread safety: free functions; each call has its own ZooKeeper session.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::cli {

// What local clusters set when the user has not: loopback, a free port per broker.
inline constexpr const char* kLocalRegistryListener = "http://127.0.0.1:0";
inline constexpr const char* kRegistryListenersKey = "schema.registry.listeners";
// Likewise the Prometheus endpoint (issue 14), which the app's Cluster page charts: loopback, a free port per
// broker, reported by DescribeConfigs with the port it bound.
inline constexpr const char* kLocalMetricsListener = "http://127.0.0.1:0";
inline constexpr const char* kMetricsListenerKey = "metrics.listener";

// broker id -> URL for `brokers`, waiting (up to timeout_ms) until each published URL answers HTTP, so a URL left
// by an earlier run of the same data dir is never returned. Brokers that never answer are left out.
Result<std::map<int, std::string>> ReadRegistryUrls(const std::string& zookeeper_connect, const std::vector<int>& brokers,
                                                    int timeout_ms = 15000);

}  // namespace partita::cli
