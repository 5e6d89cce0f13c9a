// The SCRAM message exchange of RFC 5802 as Kafka's ScramSaslServer / ScramSaslClient run it:
//   client-first  n,[a=authzid],n=<user>,r=<client nonce>[,extensions]
//   server-first  r=<client nonce><server nonce>,s=<base64 salt>,i=<iterations>
//   client-final  c=<base64 gs2 header>,r=<nonce>[,extensions],p=<base64 ClientProof>
//   server-final  v=<base64 ServerSignature>
// Channel binding is not supported (as in Kafka): a client asking for it ("p=") is refused. Delegation tokens
// (the tokenauth extension) are not supported either.
// An unknown user gets a server-first message like a known one (a salt derived from the name and a per-process
// secret, Kafka's minimum iterations) and fails on its proof, so neither the answer nor the step at which it
// fails tells whether the user exists.
// Thread safety: one exchange per connection; the cache is internally synchronised and must outlive the server.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/common/status.h"
#include "engine/security/sasl_server_session.h"
#include "engine/security/scram.h"
#include "engine/security/scram_credential_cache.h"

namespace partita::security {

std::unique_ptr<SaslServerSession> NewScramServerSession(ScramMechanism mechanism,
                                                         std::shared_ptr<const ScramCredentialCache> credentials);

// The client side (BrokerConnection). Errors name the SCRAM step that went wrong.
class ScramClientExchange {
 public:
  // `nonce` empty: a fresh random one (a fixed one is for RFC 7677's test vectors).
  ScramClientExchange(ScramMechanism mechanism, std::string user, std::string password, std::string nonce = "");
  std::string ClientFirstMessage();
  Result<std::string> ClientFinalMessage(std::string_view server_first);
  Status VerifyServerFinal(std::string_view server_final) const;

 private:
  ScramMechanism mechanism_;
  std::string user_;
  std::string password_;
  std::string client_nonce_;
  std::string client_first_bare_;
  std::string expected_server_signature_;
};

}  // namespace partita::security
