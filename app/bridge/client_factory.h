// The one place where the desktop app makes engine ClusterClients, so every worker (poller, group monitor,
// message browser, connection test) reaches a cluster with the same security settings.
// Pages only know a cluster by its bootstrap list, so the security of a remote profile is registered under
// that list (registerSecurity) when its connection opens; connectClusterClient then applies it.
// Thread safety: the registry is guarded by a mutex; connectClusterClient blocks (worker threads only).
#pragma once

#include <QString>
#include <memory>

#include "app/bridge/connection_profile.h"
#include "engine/client/cluster_client.h"
#include "engine/common/status.h"

namespace partita::app {

// Remembers how to reach `bootstrapServers` (a later call replaces it; PLAINTEXT forgets it).
void registerSecurity(const QString& bootstrapServers, const ConnectionSecurity& security);
ConnectionSecurity registeredSecurity(const QString& bootstrapServers);

// Fills options->connection's TLS context and SASL settings from `security` (via the engine's
// ClientSecurityFromProperties, as partita-cli --command-config does); an error names the setting to fix.
Status applySecurity(const ConnectionSecurity& security, client::ClientOptions* options);

// ClusterClient::Connect with the security registered for `bootstrapServers`.
Result<std::unique_ptr<client::ClusterClient>> connectClusterClient(const QString& bootstrapServers,
                                                                    client::ClientOptions options = {});

}  // namespace partita::app
