// Handler: one Kafka API. Each handler file declares the API's versions through its Request type
// (kMinVersion..kMaxVersion, kFirstFlexibleVersion); the ApiVersions answer is built from the registered
// handlers, never from a hand-kept list.
// ApiHandler<Request, Response> decodes the request body, calls Process, and encodes the response with the
// right header version when `done` is called. `done` may be called later and from any thread, exactly once.
// Thread safety: handlers are shared by all network threads; Process must be thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "engine/net/request_handler.h"
#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/request_header.h"

namespace partita::broker {

class Broker;

struct RequestContext {
  Broker* broker = nullptr;
  net::ConnectionInfo conn;
  protocol::RequestHeader header;
  int16_t version() const { return header.api_version; }
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual protocol::ApiKey api_key() const = 0;
  virtual int16_t min_version() const = 0;
  virtual int16_t max_version() const = 0;
  virtual int16_t first_flexible_version() const = 0;
  bool IsFlexible(int16_t version) const { return version >= first_flexible_version(); }
  // Decodes from `body` (positioned after the request header) and answers through `sink` exactly once.
  virtual void Handle(RequestContext ctx, protocol::Reader& body, net::ResponseSink sink) = 0;
};

// Encodes a response: header (v0, or v1 for flexible versions unless forced to v0) then the body.
template <class Response>
net::Response EncodeResponse(const Response& response, int32_t correlation_id, int16_t version, int header_version) {
  net::Response out;
  protocol::EncodeResponseHeader(out.body, correlation_id, header_version);
  response.Encode(out.body, version);
  return out;
}

template <class Request, class Response>
class ApiHandler : public Handler {
 public:
  using Done = std::function<void(Response)>;

  protocol::ApiKey api_key() const override { return Request::kApiKey; }
  int16_t min_version() const override { return Request::kMinVersion; }
  int16_t max_version() const override { return Request::kMaxVersion; }
  int16_t first_flexible_version() const override { return Request::kFirstFlexibleVersion; }

  void Handle(RequestContext ctx, protocol::Reader& body, net::ResponseSink sink) final {
    auto request = std::make_shared<Request>();
    request->Decode(body, ctx.version());
    if (!body.ok()) {
      OnMalformed(ctx, body.status());
      sink(net::Response::Close());
      return;
    }
    const int32_t correlation_id = ctx.header.correlation_id;
    const int16_t version = ctx.version();
    const int header_version = ResponseHeaderVersion(version);
    // The request (and the frame its spans point into) stays alive until the response is handed over.
    Done done = [sink = std::move(sink), request, correlation_id, version, header_version](Response response) {
      sink(EncodeResponse(response, correlation_id, version, header_version));
    };
    Process(ctx, *request, std::move(done));
  }

 protected:
  virtual void Process(const RequestContext& ctx, const Request& request, Done done) = 0;
  virtual int ResponseHeaderVersion(int16_t version) const { return IsFlexible(version) ? 1 : 0; }
  static void OnMalformed(const RequestContext& ctx, const Status& status);
};

void LogMalformedRequest(const RequestContext& ctx, const Status& status);

template <class Request, class Response>
void ApiHandler<Request, Response>::OnMalformed(const RequestContext& ctx, const Status& status) {
  LogMalformedRequest(ctx, status);
}

}  // namespace partita::broker
