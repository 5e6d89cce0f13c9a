#include "app/bridge/local_cluster_certs.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <functional>
#include <memory>

namespace partita::app {
namespace {

struct PkeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
struct X509Free { void operator()(X509* x) const { X509_free(x); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

Pkey NewKey() { return Pkey(EVP_EC_gen("P-256")); }

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key` named CN=commonName, signed by issuerKey (issuer null: self-signed).
Cert MakeCert(EVP_PKEY* key, const char* commonName, X509* issuer, EVP_PKEY* issuerKey, bool ca) {
  Cert cert(X509_new());
  if (!cert) return nullptr;
  X509_set_version(cert.get(), 2);  // v3
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;  // a positive serial (RFC 5280)
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);  // an hour back: clocks a little apart still agree
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 3650);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Partita local cluster"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  bool ok = AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (ca) {
    ok = ok && AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
         AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    ok = ok && AddExtension(cert.get(), signer, NID_authority_key_identifier, "keyid") &&
         AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
         AddExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment") &&
         AddExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth,clientAuth") &&
         AddExtension(cert.get(), signer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  }
  if (!ok || X509_sign(cert.get(), issuerKey, EVP_sha256()) == 0) return nullptr;
  return cert;
}

bool WritePem(const QString& path, bool secret, const std::function<bool(BIO*)>& write, QString* error) {
  BIO* bio = BIO_new(BIO_s_mem());
  const bool ok = write(bio);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  QFile file(path);
  // A key file is created owner-only before any byte is written.
  const bool opened = ok && file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                      (!secret || file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
  const bool written = opened && file.write(data, size) == size;
  BIO_free(bio);
  if (!written) *error = QStringLiteral("cannot write %1: %2").arg(path, ok ? file.errorString() : QStringLiteral("OpenSSL error"));
  return written;
}

}  // namespace

bool EnsureLocalClusterCerts(const QString& securityDir, LocalClusterCertFiles* files, QString* error) {
  files->caFile = securityDir + QStringLiteral("/ca.pem");
  files->keystoreFile = securityDir + QStringLiteral("/broker-keystore.pem");
  // ca.pem is written last: its presence means the set is complete.
  if (QFileInfo::exists(files->caFile) && QFileInfo::exists(files->keystoreFile)) return true;
  if (!QDir().mkpath(securityDir)) {
    *error = QStringLiteral("cannot create %1").arg(securityDir);
    return false;
  }
  Pkey caKey = NewKey();
  Pkey brokerKey = NewKey();
  if (!caKey || !brokerKey) {
    *error = QStringLiteral("OpenSSL could not generate a key");
    return false;
  }
  Cert ca = MakeCert(caKey.get(), "Partita local cluster CA", nullptr, caKey.get(), true);
  Cert broker = ca ? MakeCert(brokerKey.get(), "localhost", ca.get(), caKey.get(), false) : nullptr;
  if (!ca || !broker) {
    *error = QStringLiteral("OpenSSL could not sign the local cluster's certificates");
    return false;
  }
  return WritePem(securityDir + QStringLiteral("/ca-key.pem"), true,
                  [&](BIO* b) { return PEM_write_bio_PrivateKey(b, caKey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1; }, error) &&
         WritePem(files->keystoreFile, true,
                  [&](BIO* b) {
                    return PEM_write_bio_PrivateKey(b, brokerKey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1 &&
                           PEM_write_bio_X509(b, broker.get()) == 1 && PEM_write_bio_X509(b, ca.get()) == 1;
                  }, error) &&
         WritePem(files->caFile, false, [&](BIO* b) { return PEM_write_bio_X509(b, ca.get()) == 1; }, error);
}

}  // namespace partita::app
