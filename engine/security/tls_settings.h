// TlsSettings: one side's TLS configuration in Kafka's terms (the ssl.* keys of a broker listener or of a
// client), PEM key and trust stores only (KIP-651). Validate() checks that the settings can possibly work
// before any file is read, so a configuration mistake is reported with the key to fix.
// Thread safety: plain value.
#pragma once

#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::security {

enum class ClientAuth { kNone, kRequested, kRequired };

struct TlsSettings {
  // Key store: a PEM file holding the private key and the certificate chain, or both inline.
  std::string keystore_type = "PEM";  // only PEM is supported
  bool keystore_type_explicit = false;  // set by the user (else a PEM file is accepted under Kafka's JKS default)
  std::string keystore_location;
  std::string keystore_certificate_chain;
  std::string keystore_key;
  bool keystore_password_set = false;  // Kafka refuses ssl.keystore.password with PEM
  std::string key_password;            // of an encrypted PKCS#8 key
  // Trust store: PEM CA certificates from a file or inline; neither = the system's default CAs.
  std::string truststore_type = "PEM";
  bool truststore_type_explicit = false;
  std::string truststore_location;
  std::string truststore_certificates;
  ClientAuth client_auth = ClientAuth::kNone;    // server side
  std::vector<std::string> enabled_protocols = {"TLSv1.2", "TLSv1.3"};
  std::vector<std::string> cipher_suites;        // IANA names; empty = OpenSSL defaults
  bool verify_hostname = true;                   // client side: ssl.endpoint.identification.algorithm=https

  bool HasKeystore() const {
    return !keystore_location.empty() || !keystore_certificate_chain.empty() || !keystore_key.empty();
  }
  // `server`: a server needs a key store. `what` names the owner in errors ("listener SSL").
  Status Validate(bool server, const std::string& what) const;
};

}  // namespace partita::security
