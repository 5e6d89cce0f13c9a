#include "engine/broker/handlers/sasl_handlers.h"

#include "engine/protocol/error_code.h"

namespace partita::broker {

void SaslHandshakeHandler::Process(const RequestContext&, const protocol::SaslHandshakeRequest&, Done done) {
  protocol::SaslHandshakeResponse response;
  response.error_code = protocol::Wire(protocol::ErrorCode::kIllegalSaslState);
  done(std::move(response));
}

void SaslAuthenticateHandler::Process(const RequestContext&, const protocol::SaslAuthenticateRequest&, Done done) {
  protocol::SaslAuthenticateResponse response;
  response.error_code = protocol::Wire(protocol::ErrorCode::kIllegalSaslState);
  response.error_message = "SaslAuthenticate is not expected on this connection (not a SASL listener, or already "
                           "authenticated)";
  done(std::move(response));
}

}  // namespace partita::broker
