// SaslServerSession: one connection's SASL exchange on the broker, token in, challenge out (Kafka's SaslServer).
// PLAIN finishes on the first token; SCRAM answers the client-first message with a challenge and finishes on the
// client-final message. A failed step carries the text the client is told; it never says whether the user
// exists (Kafka answers the same for an unknown user and a wrong password).
// Thread safety: one session per connection, used by that connection's thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace partita::security {

struct SaslStep {
  enum class State { kChallenge, kDone, kFailed };
  State state = State::kFailed;
  std::string challenge;  // the bytes to send back (also with kDone: SCRAM's server-final message)
  std::string user;       // kDone: the authenticated user name
  std::string error;      // kFailed: what the client is told
};

class SaslServerSession {
 public:
  virtual ~SaslServerSession() = default;
  virtual SaslStep Evaluate(std::span<const uint8_t> token) = 0;
};

}  // namespace partita::security
