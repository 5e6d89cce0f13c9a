// SaslHandshake (17) and SaslAuthenticate (36) as the request dispatcher sees them. On SASL listeners the
// network layer runs the authentication exchange itself (engine/net, Kafka's SaslServerAuthenticator) and
// never passes these requests on, so reaching a handler means a PLAINTEXT/SSL listener or an already
// authenticated connection: Kafka's KafkaApis answers ILLEGAL_SASL_STATE there, and so do we. They are
// registered so that ApiVersions lists them, which is how clients learn to use KIP-152 framing.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"

namespace partita::broker {

class SaslHandshakeHandler : public ApiHandler<protocol::SaslHandshakeRequest, protocol::SaslHandshakeResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::SaslHandshakeRequest& request, Done done) override;
};

class SaslAuthenticateHandler
    : public ApiHandler<protocol::SaslAuthenticateRequest, protocol::SaslAuthenticateResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::SaslAuthenticateRequest& request, Done done) override;
};

}  // namespace partita::broker
