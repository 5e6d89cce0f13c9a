#include "engine/security/http_basic_auth.h"

#include <openssl/crypto.h>

#include "engine/security/scram.h"

namespace partita::security {

namespace {

constexpr size_t kMaxProven = 1024;

bool SameBytes(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

HttpBasicAuthenticator::HttpBasicAuthenticator(std::vector<std::shared_ptr<const PlainAuthenticator>> plain,
                                               std::shared_ptr<const ScramCredentialCache> scram)
    : plain_(std::move(plain)), scram_(std::move(scram)) {}

std::optional<std::string> HttpBasicAuthenticator::Authenticate(const std::string& authorization) const {
  // RFC 7617: the scheme is case-insensitive; user-id and password are split at the first colon.
  if (authorization.size() < 6) return std::nullopt;
  std::string scheme = authorization.substr(0, 6);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "basic ") return std::nullopt;
  std::string encoded = authorization.substr(6);
  encoded.erase(0, encoded.find_first_not_of(' '));
  auto decoded = Base64Decode(encoded);
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  const std::string user = decoded->substr(0, colon);
  const std::string password = decoded->substr(colon + 1);
  // PLAIN's token is authzid NUL authcid NUL password.
  const std::string token = std::string(1, '\0') + user + '\0' + password;
  const auto* bytes = reinterpret_cast<const uint8_t*>(token.data());
  for (const auto& plain : plain_) {
    std::string ignored;
    if (plain->Authenticate({bytes, token.size()}, &ignored) == user) return user;
  }
  if (scram_ && CheckScram(user, password)) return user;
  return std::nullopt;
}

bool HttpBasicAuthenticator::CheckScram(const std::string& user, const std::string& password) const {
  const std::string proof_key = user + '\0' + ScramHash(ScramMechanism::kSha256, password);
  for (ScramMechanism m : {ScramMechanism::kSha512, ScramMechanism::kSha256}) {
    auto credential = scram_->Get(user, m);
    if (!credential) continue;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = proven_.find(proof_key);
      if (it != proven_.end() && SameBytes(it->second, credential->stored_key)) return true;
    }
    const std::string salted = ScramSaltedPassword(m, password, credential->salt, credential->iterations);
    const ScramCredential computed =
        ScramCredentialFromSaltedPassword(m, credential->salt, salted, credential->iterations);
    if (!SameBytes(computed.stored_key, credential->stored_key)) continue;
    std::lock_guard<std::mutex> lock(mu_);
    if (proven_.size() >= kMaxProven) proven_.clear();
    proven_[proof_key] = credential->stored_key;
    return true;
  }
  return false;
}

}  // namespace partita::security
