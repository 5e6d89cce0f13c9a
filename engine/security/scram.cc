#include "engine/security/scram.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <map>

namespace partita::security {
namespace {

const EVP_MD* Digest(ScramMechanism m) { return m == ScramMechanism::kSha256 ? EVP_sha256() : EVP_sha512(); }

}  // namespace

const char* ScramMechanismName(ScramMechanism m) {
  return m == ScramMechanism::kSha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512";
}

std::optional<ScramMechanism> ScramMechanismFromName(std::string_view name) {
  if (name == "SCRAM-SHA-256") return ScramMechanism::kSha256;
  if (name == "SCRAM-SHA-512") return ScramMechanism::kSha512;
  return std::nullopt;
}

std::optional<ScramMechanism> ScramMechanismFromWire(int8_t value) {
  if (value == 1) return ScramMechanism::kSha256;
  if (value == 2) return ScramMechanism::kSha512;
  return std::nullopt;
}

std::string Base64Encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=') return std::nullopt;
  }
  std::string out(3 * (text.size() / 4), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts padding as zero bytes; drop them.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

std::string ScramHmac(ScramMechanism m, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(Digest(m), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string ScramHash(ScramMechanism m, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, Digest(m), nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string ScramSaltedPassword(ScramMechanism m, std::string_view password, std::string_view salt,
                                int32_t iterations) {
  std::string out(static_cast<size_t>(EVP_MD_get_size(Digest(m))), '\0');
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                    Digest(m), static_cast<int>(out.size()), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

ScramCredential ScramCredentialFromSaltedPassword(ScramMechanism m, std::string_view salt,
                                                  std::string_view salted_password, int32_t iterations) {
  ScramCredential c;
  c.salt = std::string(salt);
  c.stored_key = ScramHash(m, ScramHmac(m, salted_password, "Client Key"));
  c.server_key = ScramHmac(m, salted_password, "Server Key");
  c.iterations = iterations;
  return c;
}

ScramCredential NewScramCredential(ScramMechanism m, std::string_view password, int32_t iterations) {
  const std::string salt = RandomBytes(32);
  return ScramCredentialFromSaltedPassword(m, salt, ScramSaltedPassword(m, password, salt, iterations), iterations);
}

std::string FormatScramCredential(const ScramCredential& c) {
  return "salt=" + Base64Encode(c.salt) + ",stored_key=" + Base64Encode(c.stored_key) +
         ",server_key=" + Base64Encode(c.server_key) + ",iterations=" + std::to_string(c.iterations);
}

Result<ScramCredential> ParseScramCredential(std::string_view text) {
  std::map<std::string, std::string, std::less<>> fields;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument("SCRAM credential: expected key=value, got '" + std::string(item) + "'");
    }
    fields[std::string(item.substr(0, eq))] = std::string(item.substr(eq + 1));
    start = comma + 1;
  }
  ScramCredential c;
  for (auto [name, target] : {std::pair<const char*, std::string*>{"salt", &c.salt},
                              {"stored_key", &c.stored_key},
                              {"server_key", &c.server_key}}) {
    auto it = fields.find(name);
    if (it == fields.end()) return Status::InvalidArgument(std::string("SCRAM credential: missing ") + name);
    auto raw = Base64Decode(it->second);
    if (!raw) return Status::InvalidArgument(std::string("SCRAM credential: ") + name + " is not base64");
    *target = std::move(*raw);
  }
  auto it = fields.find("iterations");
  if (it == fields.end()) return Status::InvalidArgument("SCRAM credential: missing iterations");
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), c.iterations);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || c.iterations <= 0) {
    return Status::InvalidArgument("SCRAM credential: iterations '" + it->second + "' is not a positive number");
  }
  return c;
}

}  // namespace partita::security
