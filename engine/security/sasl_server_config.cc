#include "engine/security/sasl_server_config.h"

#include "engine/security/scram_exchange.h"

namespace partita::security {
namespace {

class PlainServerSession : public SaslServerSession {
 public:
  explicit PlainServerSession(std::shared_ptr<const PlainAuthenticator> plain) : plain_(std::move(plain)) {}
  SaslStep Evaluate(std::span<const uint8_t> token) override {
    SaslStep s;
    auto user = plain_->Authenticate(token, &s.error);
    if (user) {
      s.state = SaslStep::State::kDone;
      s.user = std::move(*user);
    }
    return s;
  }

 private:
  std::shared_ptr<const PlainAuthenticator> plain_;
};

}  // namespace

std::unique_ptr<SaslServerSession> SaslServerConfig::NewSession(const std::string& mechanism) const {
  if (!Enabled(mechanism)) return nullptr;
  if (mechanism == "PLAIN" && plain) return std::make_unique<PlainServerSession>(plain);
  if (auto m = ScramMechanismFromName(mechanism); m && scram) return NewScramServerSession(*m, scram);
  return nullptr;
}

}  // namespace partita::security
