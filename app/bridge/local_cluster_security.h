// A secured local cluster (issue 10): every broker's one listener is SASL_SSL with SCRAM-SHA-512, brokers talk to
// each other over it as the super user "admin", and ACLs are enforced (Kafka's AclAuthorizer semantics) with
// admin as super.users. The TLS material comes from local_cluster_certs.h; admin's password is generated once
// and kept in <data dir>/security/admin.password (0600) — the brokers' JAAS line needs it, as Kafka's
// server.properties does — and its SCRAM credential is written to ZooKeeper (/config/users/admin, as Kafka
// stores it) before any broker starts, so the first inter-broker login succeeds.
// Thread safety: stateless functions; the LocalClusterController worker calls them.
#pragma once

#include <QString>

#include "app/bridge/connection_profile.h"
#include "engine/cluster/local_cluster.h"

namespace partita::app {

// What a client needs to reach a secured local cluster (shown to the user, copyable).
struct LocalClusterCredentials {
  QString user;
  QString password;
  QString caFile;
  bool isSet() const { return !user.isEmpty(); }
  // The client settings the app itself connects with (and kcat / partita-cli would use).
  ConnectionSecurity security() const;
  bool operator==(const LocalClusterCredentials&) const = default;
};

// Fills options for a secured start (certificates, admin's password, listener, overrides, the ZooKeeper hook).
// False with `error` when the material cannot be made.
bool PrepareSecuredLocalCluster(const QString& dataDir, cluster::LocalCluster::Options* options,
                                LocalClusterCredentials* credentials, QString* error);

}  // namespace partita::app
