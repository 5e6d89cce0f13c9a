// LocalClusterCerts: the TLS material of a secured local cluster, made with OpenSSL 3 (libcrypto) — a private
// CA (EC P-256, self-signed, 10 years) and one broker certificate it signs, valid for 127.0.0.1 and localhost
// (subjectAltName, so clients' host-name check passes), written as PEM under <data dir>/security/:
//   ca.pem (what clients trust), ca-key.pem, and broker-keystore.pem — the broker's key, its certificate and the
//   CA, Kafka's PEM key store (KIP-651: ssl.keystore.type=PEM, ssl.keystore.location; unencrypted key).
// Used by local_cluster_security.h for a secured local cluster (issue 10).
// Private keys are created 0600. An existing set is kept (a cluster started again keeps its CA, so saved
// profiles and copied CA files stay valid).
// Thread safety: stateless functions; any thread.
#pragma once

#include <QString>

namespace partita::app {

struct LocalClusterCertFiles {
  QString caFile;
  QString keystoreFile;
};

// Creates (or reuses) the set under `securityDir`; on failure returns false and says why in `error`.
bool EnsureLocalClusterCerts(const QString& securityDir, LocalClusterCertFiles* files, QString* error);

}  // namespace partita::app
