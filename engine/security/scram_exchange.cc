#include "engine/security/scram_exchange.h"

#include <openssl/crypto.h>

#include <charconv>
#include <optional>
#include <vector>

namespace partita::security {
namespace {

// Kafka's text for every failed SCRAM login (ScramSaslServer): nothing about which part was wrong.
constexpr const char* kInvalidCredentials = "Authentication failed: Invalid user credentials";

std::vector<std::string_view> SplitComma(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
}

// RFC 5802 saslname: ',' and '=' travel as "=2C" and "=3D"; any other '=' is malformed.
std::optional<std::string> DecodeSaslName(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '=') {
      out.push_back(s[i]);
      continue;
    }
    if (s.substr(i, 3) == "=2C") {
      out.push_back(',');
    } else if (s.substr(i, 3) == "=3D") {
      out.push_back('=');
    } else {
      return std::nullopt;
    }
    i += 2;
  }
  return out;
}

std::string EncodeSaslName(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ',') out += "=2C";
    else if (c == '=') out += "=3D";
    else out.push_back(c);
  }
  return out;
}

std::string Xor(std::string_view a, std::string_view b) {
  std::string out(a);
  for (size_t i = 0; i < out.size() && i < b.size(); ++i) out[i] = static_cast<char>(out[i] ^ b[i]);
  return out;
}

// A nonce of printable characters without ','; base64 of random bytes qualifies.
std::string NewNonce() { return Base64Encode(RandomBytes(24)); }

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

class ScramServerSession : public SaslServerSession {
 public:
  ScramServerSession(ScramMechanism m, std::shared_ptr<const ScramCredentialCache> credentials)
      : mechanism_(m), credentials_(std::move(credentials)) {}

  SaslStep Evaluate(std::span<const uint8_t> token) override {
    std::string_view t(reinterpret_cast<const char*>(token.data()), token.size());
    SaslStep step = awaiting_final_ ? ClientFinal(t) : ClientFirst(t);
    if (step.state == SaslStep::State::kFailed && step.error.empty()) step.error = kInvalidCredentials;
    return step;
  }

 private:
  static SaslStep Fail(std::string error) {
    SaslStep s;
    s.error = std::move(error);
    return s;
  }

  SaslStep ClientFirst(std::string_view msg) {
    // gs2-header: cbind-flag "," [ "a=" authzid ] ","
    auto parts = SplitComma(msg);
    if (parts.size() < 4) return Fail("Authentication failed: Invalid SCRAM client first message");
    if (parts[0] != "n" && parts[0] != "y") {
      return Fail("Authentication failed: SCRAM channel binding is not supported");
    }
    std::optional<std::string> authzid;
    if (!parts[1].empty()) {
      if (!parts[1].starts_with("a=")) return Fail("Authentication failed: Invalid SCRAM client first message");
      authzid = DecodeSaslName(parts[1].substr(2));
    }
    if (!parts[2].starts_with("n=") || !parts[3].starts_with("r=") || parts[3].size() < 3) {
      return Fail("Authentication failed: Invalid SCRAM client first message");
    }
    auto user = DecodeSaslName(parts[2].substr(2));
    if (!user || user->empty()) return Fail("Authentication failed: Invalid SCRAM client first message");
    for (size_t i = 4; i < parts.size(); ++i) {
      // Kafka's ScramExtensions: tokenauth=true asks for delegation-token authentication, which we lack.
      if (parts[i] == "tokenauth=true") {
        return Fail("Authentication failed: delegation tokens are not supported by this broker");
      }
    }
    if (authzid && *authzid != *user) {
      return Fail("Authentication failed: Client requested an authorization id that is different from username");
    }
    user_ = *user;
    gs2_header_ = std::string(msg.substr(0, parts[0].size() + parts[1].size() + 2));
    client_first_bare_ = std::string(msg.substr(gs2_header_.size()));
    client_nonce_ = std::string(parts[3].substr(2));
    nonce_ = client_nonce_ + NewNonce();
    std::optional<ScramCredential> c = credentials_ ? credentials_->Get(user_, mechanism_) : std::nullopt;
    if (c) {
      credential_ = std::move(*c);
      known_user_ = true;
    } else {
      credential_ = DecoyCredential(user_);
    }
    server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(credential_.salt) + ",i=" +
                    std::to_string(credential_.iterations);
    awaiting_final_ = true;
    SaslStep s;
    s.state = SaslStep::State::kChallenge;
    s.challenge = server_first_;
    return s;
  }

  SaslStep ClientFinal(std::string_view msg) {
    size_t proof_at = msg.rfind(",p=");
    if (proof_at == std::string_view::npos) return Fail("Authentication failed: Invalid SCRAM client final message");
    std::string_view without_proof = msg.substr(0, proof_at);
    auto parts = SplitComma(without_proof);
    if (parts.size() < 2 || !parts[0].starts_with("c=") || !parts[1].starts_with("r=")) {
      return Fail("Authentication failed: Invalid SCRAM client final message");
    }
    auto binding = Base64Decode(parts[0].substr(2));
    // RFC 5802 wants the nonce of the server-first message back. librdkafka sends its client nonce in front of
    // it once more, which Kafka accepts (ScramSaslServer checks endsWith); we accept exactly those two forms.
    const std::string_view echoed = parts[1].substr(2);
    const bool nonce_ok = echoed == nonce_ || echoed == client_nonce_ + nonce_;
    if (!binding || *binding != gs2_header_ || !nonce_ok) {
      return Fail("Authentication failed: Invalid SCRAM client final message");
    }
    auto proof = Base64Decode(msg.substr(proof_at + 3));
    const std::string auth_message = client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
    const std::string client_signature = ScramHmac(mechanism_, credential_.stored_key, auth_message);
    // ClientKey = ClientProof XOR ClientSignature; the proof holds iff H(ClientKey) is the StoredKey.
    const bool ok = proof && proof->size() == client_signature.size() &&
                    ConstantTimeEqual(ScramHash(mechanism_, Xor(*proof, client_signature)), credential_.stored_key);
    if (!ok || !known_user_) return Fail(kInvalidCredentials);
    SaslStep s;
    s.state = SaslStep::State::kDone;
    s.user = user_;
    s.challenge = "v=" + Base64Encode(ScramHmac(mechanism_, credential_.server_key, auth_message));
    return s;
  }

  // What an unknown user is shown: stable per name within this process, random keys that match no proof.
  ScramCredential DecoyCredential(const std::string& user) const {
    static const std::string secret = RandomBytes(32);
    ScramCredential c;
    c.salt = ScramHmac(mechanism_, secret, user).substr(0, 32);
    c.stored_key = RandomBytes(ScramHash(mechanism_, "").size());
    c.server_key = c.stored_key;
    c.iterations = kScramMinIterations;
    return c;
  }

  ScramMechanism mechanism_;
  std::shared_ptr<const ScramCredentialCache> credentials_;
  bool awaiting_final_ = false;
  bool known_user_ = false;
  std::string user_;
  std::string gs2_header_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string client_nonce_;
  std::string nonce_;
  ScramCredential credential_;
};

}  // namespace

std::unique_ptr<SaslServerSession> NewScramServerSession(ScramMechanism mechanism,
                                                         std::shared_ptr<const ScramCredentialCache> credentials) {
  return std::make_unique<ScramServerSession>(mechanism, std::move(credentials));
}

ScramClientExchange::ScramClientExchange(ScramMechanism mechanism, std::string user, std::string password,
                                         std::string nonce)
    : mechanism_(mechanism), user_(std::move(user)), password_(std::move(password)), client_nonce_(std::move(nonce)) {}

std::string ScramClientExchange::ClientFirstMessage() {
  if (client_nonce_.empty()) client_nonce_ = NewNonce();
  client_first_bare_ = "n=" + EncodeSaslName(user_) + ",r=" + client_nonce_;
  return "n,," + client_first_bare_;
}

Result<std::string> ScramClientExchange::ClientFinalMessage(std::string_view server_first) {
  auto parts = SplitComma(server_first);
  std::string_view nonce, salt_b64, iterations_text;
  for (std::string_view p : parts) {
    if (p.starts_with("r=")) nonce = p.substr(2);
    else if (p.starts_with("s=")) salt_b64 = p.substr(2);
    else if (p.starts_with("i=")) iterations_text = p.substr(2);
    else if (p.starts_with("e=")) return Status::Unavailable("SCRAM: the broker refused: " + std::string(p.substr(2)));
  }
  auto salt = Base64Decode(salt_b64);
  int32_t iterations = 0;
  auto [ptr, ec] = std::from_chars(iterations_text.data(), iterations_text.data() + iterations_text.size(), iterations);
  if (!nonce.starts_with(client_nonce_) || nonce.size() == client_nonce_.size() || !salt || ec != std::errc() ||
      ptr != iterations_text.data() + iterations_text.size()) {
    return Status::Unavailable("SCRAM: invalid server first message");
  }
  // Kafka's ScramSaslClient refuses fewer iterations than the mechanism's minimum (a downgrade by a fake broker).
  if (iterations < kScramMinIterations) {
    return Status::Unavailable("SCRAM: the broker asked for " + std::to_string(iterations) +
                               " iterations, fewer than the minimum " + std::to_string(kScramMinIterations));
  }
  const std::string salted = ScramSaltedPassword(mechanism_, password_, *salt, iterations);
  const std::string without_proof = "c=" + Base64Encode("n,,") + ",r=" + std::string(nonce);
  const std::string auth_message = client_first_bare_ + "," + std::string(server_first) + "," + without_proof;
  const std::string client_key = ScramHmac(mechanism_, salted, "Client Key");
  const std::string stored_key = ScramHash(mechanism_, client_key);
  const std::string proof = Xor(client_key, ScramHmac(mechanism_, stored_key, auth_message));
  expected_server_signature_ = ScramHmac(mechanism_, ScramHmac(mechanism_, salted, "Server Key"), auth_message);
  return without_proof + ",p=" + Base64Encode(proof);
}

Status ScramClientExchange::VerifyServerFinal(std::string_view server_final) const {
  if (server_final.starts_with("e=")) {
    return Status::Unavailable("SCRAM: the broker refused: " + std::string(server_final.substr(2)));
  }
  auto signature = server_final.starts_with("v=") ? Base64Decode(server_final.substr(2)) : std::nullopt;
  if (!signature || !ConstantTimeEqual(*signature, expected_server_signature_)) {
    return Status::Unavailable("SCRAM: the broker's signature is wrong (it does not know this user's key)");
  }
  return Status::Ok();
}

}  // namespace partita::security
