// TlsContext: an OpenSSL 3 SSL_CTX built from TlsSettings, for a broker listener (server) or an outgoing
// connection (client). Loading reads the PEM key store (file or inline, the key decrypted with
// ssl.key.password), the PEM trust store, and applies ssl.enabled.protocols, ssl.cipher.suites (IANA names, as
// Java's) and ssl.client.auth. Every failure is a Status naming the key and OpenSSL's reason.
// Thread safety: immutable after creation; NewSsl() may be called from any thread (SSL_CTX is thread-safe for
// SSL_new). Ownership: owns one reference of the SSL_CTX.
#pragma once

#include <memory>
#include <string>

#include "engine/common/status.h"
#include "engine/security/tls_settings.h"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace partita::security {

class TlsContext {
 public:
  static Result<std::shared_ptr<TlsContext>> ForServer(const TlsSettings& settings, const std::string& what);
  static Result<std::shared_ptr<TlsContext>> ForClient(const TlsSettings& settings, const std::string& what);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // A new connection's SSL object (owned by the caller), or nullptr when OpenSSL is out of memory.
  SSL* NewSsl() const;
  // A client connection's SSL object for `host`: SNI for a name, and with verify_hostname() the certificate
  // must name the host (or IP address) dialled.
  SSL* NewSsl(const std::string& host) const;
  void SetPeerHost(SSL* ssl, const std::string& host) const;
  SSL_CTX* native() const { return ctx_; }
  bool verify_hostname() const { return verify_hostname_; }

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
  bool verify_hostname_ = false;
};

// The errors OpenSSL queued on this thread, joined in words (and the queue cleared).
std::string TakeOpenSslErrors();

// The peer certificate's subject as an RFC 2253 distinguished name ("CN=client,OU=eng,O=Acme"), the form
// Java's X500Principal.getName() gives Kafka; empty without a verified peer certificate.
std::string PeerDistinguishedName(SSL* ssl);

}  // namespace partita::security
