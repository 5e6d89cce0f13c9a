// Handler: one Kafka API. Each handler file declares the API's versions through its Request type
// (kMinVersion..kMaxVersion, kFirstFlexibleVersion); the ApiVersions answer is built from the registered
// handlers, never from a hand-kept list.
// ApiHandler<Request, Response> decodes the request body, calls Process, and encodes the response with the
// right header version when `done` is called. `done` may be called later and from any thread, exactly once.
// Thread safety: handlers are shared by all network threads; Process must be thread-safe.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include "engine/broker/request_quota_charge.h"
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
  size_t request_bytes = 0;  // the whole frame (header + body), what Kafka's produce quota charges
  // KIP-124: set by the dispatcher when request quotas are on and the API is not exempt; charged on answering.
  std::shared_ptr<RequestQuotaCharge> request_quota;
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

void LogMalformedRequest(const RequestContext& ctx, const Status& status);

// Responder: answers one request exactly once — with a response, with nothing (acks=0 produce), or by
// closing the connection. Copies share one state; it keeps the decoded request (and the frame its spans point
// into) alive until the answer is handed to the network layer. Callable from any thread.
template <class Request, class Response>
class Responder {
 public:
  Responder(net::ResponseSink sink, std::shared_ptr<const Request> request, int32_t correlation_id, int16_t version,
            int header_version, std::shared_ptr<RequestQuotaCharge> request_quota = nullptr)
      : state_(std::make_shared<State>(State{std::move(sink), std::move(request), correlation_id, version,
                                             header_version, 0, std::move(request_quota)})) {}
  void operator()(Response response) const {
    // KIP-124: the request quota's throttle joins any byte-quota throttle the handler set; the client sees the
    // larger one (Kafka's max(bandwidthThrottleTimeMs, requestThrottleTimeMs)) and the connection is muted that long.
    if (const int32_t request_throttle = ChargeRequestQuota(); request_throttle > 0) {
      if constexpr (requires { response.throttle_time_ms; }) {
        response.throttle_time_ms = std::max<int32_t>(response.throttle_time_ms, request_throttle);
      }
    }
    net::Response out = EncodeResponse(response, state_->correlation_id, state_->version, state_->header_version);
    out.mute_ms = state_->mute_ms;
    state_->sink(std::move(out));
  }
  void NoResponse() const {
    ChargeRequestQuota();
    net::Response out = net::Response::NoResponse();
    out.mute_ms = state_->mute_ms;
    state_->sink(std::move(out));
  }
  void CloseConnection() const { state_->sink(net::Response::Close()); }
  // KIP-219: a client over its quota is answered at once (with throttle_time_ms in the response) and its
  // connection is then not read for this long. Call before answering.
  void MuteAfterAnswer(int32_t ms) const { state_->mute_ms = ms; }
  int16_t version() const { return state_->version; }

 private:
  struct State {
    net::ResponseSink sink;
    std::shared_ptr<const Request> request;
    int32_t correlation_id;
    int16_t version;
    int header_version;
    int32_t mute_ms = 0;
    std::shared_ptr<RequestQuotaCharge> request_quota;
  };
  // Charges the request's thread time once; the connection is muted for the larger of the two throttles.
  int32_t ChargeRequestQuota() const {
    if (!state_->request_quota) return 0;
    const int32_t throttle = std::exchange(state_->request_quota, nullptr)->Charge();
    state_->mute_ms = std::max(state_->mute_ms, throttle);
    return throttle;
  }
  std::shared_ptr<State> state_;
};

template <class Request, class Response>
class ApiHandler : public Handler {
 public:
  using Done = Responder<Request, Response>;

  protocol::ApiKey api_key() const override { return Request::kApiKey; }
  int16_t min_version() const override { return Request::kMinVersion; }
  int16_t max_version() const override { return Request::kMaxVersion; }
  int16_t first_flexible_version() const override { return Request::kFirstFlexibleVersion; }

  void Handle(RequestContext ctx, protocol::Reader& body, net::ResponseSink sink) final {
    auto request = std::make_shared<Request>();
    request->Decode(body, ctx.version());
    if (!body.ok()) {
      LogMalformedRequest(ctx, body.status());
      sink(net::Response::Close());
      return;
    }
    Done done(std::move(sink), request, ctx.header.correlation_id, ctx.version(),
              ResponseHeaderVersion(ctx.version()), ctx.request_quota);
    Process(ctx, *request, std::move(done));
  }

 protected:
  virtual void Process(const RequestContext& ctx, const Request& request, Done done) = 0;
  virtual int ResponseHeaderVersion(int16_t version) const { return IsFlexible(version) ? 1 : 0; }
};



}  // namespace partita::broker
