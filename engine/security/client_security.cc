#include "engine/security/client_security.h"

#include <fstream>
#include <sstream>

#include "engine/security/sasl_plain.h"
#include "engine/security/scram.h"

namespace partita::security {

namespace {

std::vector<std::string> SplitCommaList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

Result<std::string> ReadText(const std::string& path, const std::string& key) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(key + ": cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

Result<ClientSecurity> ClientSecurityFromProperties(const std::map<std::string, std::string>& props) {
  auto get = [&](const char* key) {
    auto it = props.find(key);
    return it == props.end() ? std::string() : it->second;
  };
  ClientSecurity out;
  if (std::string p = get("security.protocol"); !p.empty()) {
    auto parsed = ParseSecurityProtocol(p);
    if (!parsed) {
      return Status::InvalidArgument("security.protocol: unknown protocol '" + p +
                                     "' (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)");
    }
    out.protocol = *parsed;
  }
  TlsSettings& t = out.tls;
  t.keystore_type_explicit = props.count("ssl.keystore.type") > 0;
  if (t.keystore_type_explicit) t.keystore_type = get("ssl.keystore.type");
  t.truststore_type_explicit = props.count("ssl.truststore.type") > 0;
  if (t.truststore_type_explicit) t.truststore_type = get("ssl.truststore.type");
  t.keystore_location = get("ssl.keystore.location");
  t.keystore_certificate_chain = get("ssl.keystore.certificate.chain");
  t.keystore_key = get("ssl.keystore.key");
  t.keystore_password_set = props.count("ssl.keystore.password") > 0 && t.keystore_type == "PEM";
  t.key_password = get("ssl.key.password");
  t.truststore_location = get("ssl.truststore.location");
  t.truststore_certificates = get("ssl.truststore.certificates");
  // librdkafka's names.
  if (t.truststore_location.empty() && t.truststore_certificates.empty()) t.truststore_location = get("ssl.ca.location");
  if (std::string cert = get("ssl.certificate.location"), key = get("ssl.key.location");
      !cert.empty() || !key.empty()) {
    if (cert.empty() || key.empty()) {
      return Status::InvalidArgument("ssl.certificate.location and ssl.key.location must be set together");
    }
    auto cert_text = ReadText(cert, "ssl.certificate.location");
    if (!cert_text.ok()) return cert_text.status();
    auto key_text = ReadText(key, "ssl.key.location");
    if (!key_text.ok()) return key_text.status();
    t.keystore_certificate_chain = *cert_text;
    t.keystore_key = *key_text;
  }
  if (props.count("ssl.enabled.protocols")) t.enabled_protocols = SplitCommaList(get("ssl.enabled.protocols"));
  if (props.count("ssl.cipher.suites")) t.cipher_suites = SplitCommaList(get("ssl.cipher.suites"));
  if (props.count("ssl.endpoint.identification.algorithm")) {
    t.verify_hostname = get("ssl.endpoint.identification.algorithm") == "https";
  }
  out.sasl_mechanism = get("sasl.mechanism");
  if (out.sasl_mechanism.empty()) out.sasl_mechanism = get("sasl.mechanisms");
  out.sasl_username = get("sasl.username");
  out.sasl_password = get("sasl.password");
  if (std::string jaas = get("sasl.jaas.config"); !jaas.empty()) {
    auto entry = ParseJaasConfig(jaas);
    if (!entry.ok()) return entry.status();
    out.sasl_username = entry->options["username"];
    out.sasl_password = entry->options["password"];
  }
  if (UsesSasl(out.protocol)) {
    if (out.sasl_mechanism.empty()) out.sasl_mechanism = "GSSAPI";  // Kafka's default
    const bool scram = ScramMechanismFromName(out.sasl_mechanism).has_value();
    if (out.sasl_mechanism != "PLAIN" && !scram) {
      return Status::Unsupported("sasl.mechanism " + out.sasl_mechanism +
                                 " is not supported (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are)");
    }
    if (out.sasl_username.empty()) {
      const std::string module = scram ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                                       : "org.apache.kafka.common.security.plain.PlainLoginModule";
      return Status::InvalidArgument("SASL/" + out.sasl_mechanism + " needs credentials: sasl.jaas.config=" + module +
                                     " required username=\"...\" password=\"...\"; (or sasl.username / "
                                     "sasl.password)");
    }
  } else {
    out.sasl_mechanism.clear();  // Kafka ignores sasl.* unless the protocol is SASL_*
  }
  return out;
}

Result<std::shared_ptr<TlsContext>> ClientTlsContext(const ClientSecurity& security) {
  if (!UsesTls(security.protocol)) return std::shared_ptr<TlsContext>();
  return TlsContext::ForClient(security.tls, "security.protocol " + std::string(SecurityProtocolName(security.protocol)));
}

}  // namespace partita::security
