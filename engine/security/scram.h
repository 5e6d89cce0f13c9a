// SCRAM (RFC 5802, SHA-256/512 per RFC 7677) as Kafka uses it (KIP-84): the credential a broker stores per user
// and mechanism, its text form in ZooKeeper (/config/users/<user>, Kafka's ScramCredentialUtils):
//   salt=<base64>,stored_key=<base64>,server_key=<base64>,iterations=<n>
// and the key derivations of Kafka's ScramFormatter. The password itself is never stored: only the salted
// password's derived keys (StoredKey = H(HMAC(salted, "Client Key")), ServerKey = HMAC(salted, "Server Key")).
// Thread safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace partita::security {

// Kafka's ScramMechanism; the numbers are KIP-554's wire values (DescribeUserScramCredentials' mechanism).
enum class ScramMechanism : int8_t { kSha256 = 1, kSha512 = 2 };

// Kafka's minimum (4096, ScramMechanism.minIterations) and maximum (16384) iterations.
constexpr int32_t kScramMinIterations = 4096;
constexpr int32_t kScramMaxIterations = 16384;

const char* ScramMechanismName(ScramMechanism m);  // "SCRAM-SHA-256" / "SCRAM-SHA-512"
std::optional<ScramMechanism> ScramMechanismFromName(std::string_view name);
std::optional<ScramMechanism> ScramMechanismFromWire(int8_t value);

struct ScramCredential {
  std::string salt;        // raw bytes
  std::string stored_key;  // raw bytes
  std::string server_key;  // raw bytes
  int32_t iterations = 0;
  bool operator==(const ScramCredential&) const = default;
};

// Kafka's credential text ("salt=...,stored_key=...,server_key=...,iterations=..."); errors say what is wrong.
std::string FormatScramCredential(const ScramCredential& c);
Result<ScramCredential> ParseScramCredential(std::string_view text);

// Hi(password, salt, i) of RFC 5802 (PBKDF2 with the mechanism's HMAC).
std::string ScramSaltedPassword(ScramMechanism m, std::string_view password, std::string_view salt,
                                int32_t iterations);
// The stored credential for a salted password (what AlterUserScramCredentials carries).
ScramCredential ScramCredentialFromSaltedPassword(ScramMechanism m, std::string_view salt,
                                                  std::string_view salted_password, int32_t iterations);
// A new credential for a password with a fresh random salt of 32 bytes.
ScramCredential NewScramCredential(ScramMechanism m, std::string_view password, int32_t iterations);

// The primitives, shared by the server and the client exchanges.
std::string ScramHmac(ScramMechanism m, std::string_view key, std::string_view data);
std::string ScramHash(ScramMechanism m, std::string_view data);
std::string RandomBytes(size_t n);
std::string Base64Encode(std::string_view raw);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace partita::security
