#include "engine/security/tls_context.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace partita::security {

namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

Result<std::string> ReadFile(const std::string& path, const std::string& key) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(key + ": cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// PEM text as OpenSSL wants it. A value inlined in a properties file loses its line breaks to backslash
// continuations (Kafka's PemParser accepts that), so every block is rebuilt: its base64 body stripped of white
// space and wrapped at 64 columns.
std::string NormalizePem(const std::string& text) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t begin = text.find("-----BEGIN ", pos);
    if (begin == std::string::npos) break;
    size_t begin_end = text.find("-----", begin + 11);
    if (begin_end == std::string::npos) break;
    begin_end += 5;
    size_t end = text.find("-----END ", begin_end);
    if (end == std::string::npos) break;
    size_t end_end = text.find("-----", end + 9);
    if (end_end == std::string::npos) break;
    end_end += 5;
    out += text.substr(begin, begin_end - begin) + "\n";
    std::string body;
    for (size_t i = begin_end; i < end; ++i) {
      char c = text[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\\') body += c;
    }
    // Encrypted traditional-format keys carry "Proc-Type:"/"DEK-Info:" headers; those keep their own lines.
    if (body.find(':') != std::string::npos) {
      out += text.substr(begin_end, end - begin_end);
      if (out.back() != '\n') out += "\n";
    } else {
      for (size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
    }
    out += text.substr(end, end_end - end) + "\n";
    pos = end_end;
  }
  return out;
}

BioPtr MemoryBio(const std::string& pem) { return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))); }

int PasswordCallback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string*>(user);
  if (!password || password->empty()) return 0;
  int n = std::min<int>(size, static_cast<int>(password->size()));
  std::memcpy(buf, password->data(), static_cast<size_t>(n));
  return n;
}

Status LoadKeystore(SSL_CTX* ctx, const TlsSettings& s, const std::string& what) {
  std::string chain_pem, key_pem;
  std::string source;
  if (!s.keystore_location.empty()) {
    auto text = ReadFile(s.keystore_location, what + ": ssl.keystore.location");
    if (!text.ok()) return text.status();
    if (!s.keystore_type_explicit && text->find("-----BEGIN") == std::string::npos) {
      return Status::InvalidArgument(what + ": " + s.keystore_location +
                                     " is not a PEM file; only PEM key stores are supported (ssl.keystore.type=PEM, "
                                     "KIP-651)");
    }
    chain_pem = key_pem = NormalizePem(*text);
    source = s.keystore_location;
  } else {
    chain_pem = NormalizePem(s.keystore_certificate_chain);
    key_pem = NormalizePem(s.keystore_key);
    source = "ssl.keystore.certificate.chain / ssl.keystore.key";
  }
  ERR_clear_error();
  auto key_bio = MemoryBio(key_pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, PasswordCallback,
                                          const_cast<std::string*>(&s.key_password));
  if (!key) {
    if (!s.key_password.empty() && ERR_GET_REASON(ERR_peek_last_error()) != PEM_R_NO_START_LINE) {
      TakeOpenSslErrors();
      return Status::InvalidArgument(what + ": cannot decrypt the private key in " + source +
                                     " (wrong ssl.key.password?)");
    }
    return Status::InvalidArgument(what + ": no usable private key in " + source +
                                   (s.key_password.empty() ? " (encrypted keys need ssl.key.password)" : "") + ": " +
                                   TakeOpenSslErrors());
  }
  int ok = SSL_CTX_use_PrivateKey(ctx, key);
  EVP_PKEY_free(key);
  if (ok != 1) return Status::InvalidArgument(what + ": private key refused: " + TakeOpenSslErrors());
  auto chain_bio = MemoryBio(chain_pem);
  bool leaf = true;
  while (X509* cert = PEM_read_bio_X509(chain_bio.get(), nullptr, nullptr, nullptr)) {
    ok = leaf ? SSL_CTX_use_certificate(ctx, cert) : SSL_CTX_add0_chain_cert(ctx, cert);
    if (leaf || ok != 1) X509_free(cert);
    if (ok != 1) return Status::InvalidArgument(what + ": certificate refused: " + TakeOpenSslErrors());
    leaf = false;
  }
  ERR_clear_error();  // the loop ends on "no start line"
  if (leaf) return Status::InvalidArgument(what + ": no certificate in " + source);
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return Status::InvalidArgument(what + ": the private key does not match the certificate in " + source);
  }
  return Status::Ok();
}

Status LoadTruststore(SSL_CTX* ctx, const TlsSettings& s, const std::string& what) {
  std::string pem;
  if (!s.truststore_location.empty()) {
    auto text = ReadFile(s.truststore_location, what + ": ssl.truststore.location");
    if (!text.ok()) return text.status();
    pem = NormalizePem(*text);
  } else if (!s.truststore_certificates.empty()) {
    pem = NormalizePem(s.truststore_certificates);
  } else {
    // Java uses its cacerts; the nearest equivalent is the system's CA store.
    SSL_CTX_set_default_verify_paths(ctx);
    return Status::Ok();
  }
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  auto bio = MemoryBio(pem);
  int count = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store, cert);
    X509_free(cert);
    ++count;
  }
  ERR_clear_error();
  if (count == 0) {
    return Status::InvalidArgument(what + ": no certificate in the trust store " +
                                   (s.truststore_location.empty() ? "ssl.truststore.certificates" : s.truststore_location));
  }
  return Status::Ok();
}

// ssl.enabled.protocols as a version range, and ssl.cipher.suites split into TLS 1.3 suites and TLS 1.2 ciphers
// (Java names suites by their IANA names; OpenSSL 1.2 ciphers have their own names, mapped here).
Status ApplyProtocolsAndCiphers(SSL_CTX* ctx, const TlsSettings& s, const std::string& what) {
  bool v12 = false, v13 = false;
  for (const auto& p : s.enabled_protocols) {
    v12 = v12 || p == "TLSv1.2";
    v13 = v13 || p == "TLSv1.3";
  }
  if (!s.cipher_suites.empty()) {
    std::string tls13, tls12;
    // Every cipher OpenSSL knows, to map IANA names.
    SSL_CTX* all = SSL_CTX_new(TLS_method());
    SSL_CTX_set_cipher_list(all, "ALL:COMPLEMENTOFALL");
    STACK_OF(SSL_CIPHER)* known = SSL_CTX_get_ciphers(all);
    for (const auto& name : s.cipher_suites) {
      if (name.rfind("TLS_AES_", 0) == 0 || name.rfind("TLS_CHACHA20_", 0) == 0) {
        tls13 += (tls13.empty() ? "" : ":") + name;
        continue;
      }
      const char* openssl_name = nullptr;
      for (int i = 0; i < sk_SSL_CIPHER_num(known); ++i) {
        const SSL_CIPHER* c = sk_SSL_CIPHER_value(known, i);
        const char* standard = SSL_CIPHER_standard_name(c);
        if ((standard && name == standard) || name == SSL_CIPHER_get_name(c)) openssl_name = SSL_CIPHER_get_name(c);
      }
      if (!openssl_name) {
        SSL_CTX_free(all);
        return Status::InvalidArgument(what + ": ssl.cipher.suites: unknown cipher suite '" + name + "'");
      }
      tls12 += (tls12.empty() ? "" : ":") + std::string(openssl_name);
    }
    SSL_CTX_free(all);
    if (tls13.empty()) v13 = false;
    if (tls12.empty()) v12 = false;
    if (!v12 && !v13) {
      return Status::InvalidArgument(what + ": ssl.cipher.suites leaves no cipher for the ssl.enabled.protocols");
    }
    if (!tls13.empty() && SSL_CTX_set_ciphersuites(ctx, tls13.c_str()) != 1) {
      return Status::InvalidArgument(what + ": ssl.cipher.suites refused: " + TakeOpenSslErrors());
    }
    if (!tls12.empty() && SSL_CTX_set_cipher_list(ctx, tls12.c_str()) != 1) {
      return Status::InvalidArgument(what + ": ssl.cipher.suites refused: " + TakeOpenSslErrors());
    }
  }
  SSL_CTX_set_min_proto_version(ctx, v12 ? TLS1_2_VERSION : TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(ctx, v13 ? TLS1_3_VERSION : TLS1_2_VERSION);
  return Status::Ok();
}

}  // namespace

std::string TakeOpenSslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    const char* reason = ERR_reason_error_string(e);
    std::string text = reason ? reason : buf;
    if (out.find(text) != std::string::npos) continue;  // OpenSSL repeats a cause per layer
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out.empty() ? "unknown TLS error" : out;
}

std::string PeerDistinguishedName(SSL* ssl) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return "";
  std::string dn;
  if (SSL_get_verify_result(ssl) == X509_V_OK) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 without the multi-byte escaping: what X500Principal.getName() produces.
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    if (n > 0) dn.assign(data, static_cast<size_t>(n));
  }
  X509_free(cert);
  return dn;
}

Result<std::shared_ptr<TlsContext>> TlsContext::ForServer(const TlsSettings& settings, const std::string& what) {
  PARTITA_RETURN_IF_ERROR(settings.Validate(true, what));
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) return Status::IOError(what + ": SSL_CTX_new failed: " + TakeOpenSslErrors());
  std::shared_ptr<TlsContext> out(new TlsContext(ctx));
  // Renegotiation is a known CPU amplification for a server and Kafka clients never ask for it.
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  static const unsigned char kSessionContext[] = "partita";
  SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof(kSessionContext) - 1);
  PARTITA_RETURN_IF_ERROR(LoadKeystore(ctx, settings, what));
  PARTITA_RETURN_IF_ERROR(ApplyProtocolsAndCiphers(ctx, settings, what));
  if (settings.client_auth != ClientAuth::kNone) {
    PARTITA_RETURN_IF_ERROR(LoadTruststore(ctx, settings, what));
    int mode = SSL_VERIFY_PEER;
    if (settings.client_auth == ClientAuth::kRequired) mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    SSL_CTX_set_verify(ctx, mode, nullptr);
  } else {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  }
  return out;
}

Result<std::shared_ptr<TlsContext>> TlsContext::ForClient(const TlsSettings& settings, const std::string& what) {
  PARTITA_RETURN_IF_ERROR(settings.Validate(false, what));
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) return Status::IOError(what + ": SSL_CTX_new failed: " + TakeOpenSslErrors());
  std::shared_ptr<TlsContext> out(new TlsContext(ctx));
  out->verify_hostname_ = settings.verify_hostname;
  if (settings.HasKeystore()) PARTITA_RETURN_IF_ERROR(LoadKeystore(ctx, settings, what));
  PARTITA_RETURN_IF_ERROR(LoadTruststore(ctx, settings, what));
  PARTITA_RETURN_IF_ERROR(ApplyProtocolsAndCiphers(ctx, settings, what));
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  return out;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

SSL* TlsContext::NewSsl() const { return SSL_new(ctx_); }

SSL* TlsContext::NewSsl(const std::string& host) const {
  SSL* ssl = SSL_new(ctx_);
  if (ssl) SetPeerHost(ssl, host);
  return ssl;
}

void TlsContext::SetPeerHost(SSL* ssl, const std::string& host) const {
  in6_addr ip6;
  in_addr ip4;
  const bool is_ip = ::inet_pton(AF_INET, host.c_str(), &ip4) == 1 || ::inet_pton(AF_INET6, host.c_str(), &ip6) == 1;
  if (!is_ip) SSL_set_tlsext_host_name(ssl, host.c_str());  // SNI carries names only
  if (!verify_hostname_) return;
  // ssl.endpoint.identification.algorithm=https: the certificate must name the host we dialled.
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
}

}  // namespace partita::security
