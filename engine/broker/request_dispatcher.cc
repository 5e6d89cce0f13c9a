#include "engine/broker/request_dispatcher.h"

#include <spdlog/spdlog.h>

#include "engine/broker/broker_loggers.h"
#include "engine/broker/broker.h"
#include "engine/broker/broker_metrics.h"
#include "engine/protocol/error_code.h"

namespace partita::broker {

namespace {

// One request's timing (Kafka's RequestChannel.Request timestamps): started when the dispatcher got the frame,
// handled when the handler returned (local work done), answered when the response sink was called. An answer given
// before the handler returned is all local time; one given later (purgatory, ZooKeeper, controller) adds remote
// time. Shared by the dispatcher and the wrapped sink; the sink may run on any thread.
struct RequestTiming : net::SentObserver {
  void OnSent(int64_t write_start_ns, int64_t write_end_ns) override;

  RequestMetrics* metrics;
  int64_t start_ns;
  std::atomic<int64_t> handled_ns{0};
  int64_t answered_ns = 0;  // set before the answer goes to the network layer, read when it was sent
  net::ResponseSink respond;
  // Only when the request log is on (checked once per request).
  std::unique_ptr<std::string> log_line;
};

// The request is complete at `end_ns`: answered without a response, or its response's last byte written.
void Completed(const RequestTiming& t, int64_t end_ns, const char* outcome, double send_ms) {
  const double total = double(end_ns - t.start_ns) * 1e-9;
  t.metrics->total_time->Observe(total);
  if (t.log_line) {
    const int64_t local_end = t.handled_ns.load(std::memory_order_acquire);
    RequestLogger().debug(
        "Completed request: {}; {}, totalTime {:.3f} ms, localTime {:.3f} ms, remoteTime {:.3f} ms, sendTime {:.3f} ms",
        *t.log_line, outcome, total * 1e3, double(local_end - t.start_ns) * 1e-6,
        double(t.answered_ns - local_end) * 1e-6, send_ms);
  }
}

// Local and remote time end with the answer; a response's queue and send time (and the total) once it is sent.
void Answered(const std::shared_ptr<RequestTiming>& timing, net::Response& response) {
  RequestTiming& t = *timing;
  const int64_t now = MetricsNowNanos();
  int64_t handled = t.handled_ns.load(std::memory_order_acquire);
  if (handled == 0) {
    // Answered before the handler returned: all of it was local work.
    handled = now;
    t.handled_ns.store(now, std::memory_order_release);
  }
  t.answered_ns = now;
  t.metrics->local_time->Observe(double(handled - t.start_ns) * 1e-9);
  t.metrics->remote_time->Observe(double(now - handled) * 1e-9);
  if (response.kind != net::Response::Kind::kSend) {
    return Completed(t, now, response.kind == net::Response::Kind::kNoResponse ? "no response" : "connection closed",
                     0);
  }
  response.on_sent = timing;
}

void RequestTiming::OnSent(int64_t write_start_ns, int64_t write_end_ns) {
  metrics->response_queue_time->Observe(double(std::max<int64_t>(0, write_start_ns - answered_ns)) * 1e-9);
  metrics->response_send_time->Observe(double(write_end_ns - write_start_ns) * 1e-9);
  Completed(*this, write_end_ns, "answered", double(write_end_ns - write_start_ns) * 1e-6);
}

// KIP-124: inter-broker requests are never throttled by request quotas (Kafka answers them with
// sendResponseExemptThrottle); a follower's Fetch is exempted by the fetch handler once decoded.
bool ExemptFromRequestQuota(int16_t api_key) {
  using protocol::ApiKey;
  switch (static_cast<ApiKey>(api_key)) {
    case ApiKey::kLeaderAndIsr:
    case ApiKey::kStopReplica:
    case ApiKey::kUpdateMetadata:
    case ApiKey::kControlledShutdown:
    case ApiKey::kWriteTxnMarkers:
      return true;
    default:
      return false;
  }
}

}  // namespace

void RequestDispatcher::HandleRequest(const net::ConnectionInfo& conn, std::span<const uint8_t> frame,
                                      net::ResponseSink respond) {
  protocol::Reader reader(frame);
  RequestContext ctx;
  ctx.broker = broker_;
  ctx.conn = conn;
  ctx.request_bytes = frame.size();  // as Kafka's request.sizeInBytes (the frame without its size prefix)
  ctx.header.DecodeCommon(reader);
  if (!reader.ok()) {
    spdlog::warn("malformed request header from {}: {}; closing the connection", conn.peer, reader.status().ToString());
    return respond(net::Response::Close());
  }
  const int16_t key = ctx.header.api_key;
  const int16_t version = ctx.header.api_version;
  Handler* handler = table_->Find(key);
  if (handler && key == static_cast<int16_t>(protocol::ApiKey::kApiVersions) && version > handler->max_version()) {
    protocol::ApiVersionsResponse response;
    response.error_code = protocol::Wire(protocol::ErrorCode::kUnsupportedVersion);
    response.api_keys = table_->ApiVersions();
    return respond(EncodeResponse(response, ctx.header.correlation_id, 0, 0));
  }
  if (!handler || version < handler->min_version() || version > handler->max_version()) {
    spdlog::warn("{} v{} from {} (client '{}') is not supported (UNSUPPORTED_VERSION); closing the connection",
                 protocol::ApiKeyName(key), version, conn.peer, ctx.header.client_id.value_or(""));
    return respond(net::Response::Close());
  }
  if (handler->IsFlexible(version)) reader.SkipTaggedFields();
  if (!reader.ok()) {
    LogMalformedRequest(ctx, reader.status());
    return respond(net::Response::Close());
  }
  const int64_t start_ns = MetricsNowNanos();
  std::shared_ptr<RequestQuotaCharge> charge;
  if (broker_ && broker_->client_quotas().request_quotas_active()) {
    charge = std::make_shared<RequestQuotaCharge>(&broker_->client_quotas(), ClientQuotaManager::UserOf(conn.principal),
                                                  ctx.header.client_id.value_or(""), start_ns);
    if (ExemptFromRequestQuota(key)) charge->Exempt();
    ctx.request_quota = charge;
  }
  if (!metrics_) {
    handler->Handle(std::move(ctx), reader, std::move(respond));
    if (charge) charge->MarkHandled(MetricsNowNanos());
    return;
  }
  BrokerMetrics& metrics = *metrics_;
  auto timing = std::make_shared<RequestTiming>();
  timing->metrics = metrics.ForApi(key);
  timing->start_ns = start_ns;
  timing->respond = std::move(respond);
  timing->metrics->requests->Increment();
  if (RequestLogger().should_log(spdlog::level::debug)) {
    timing->log_line = std::make_unique<std::string>(
        fmt::format("{} v{} correlationId {} clientId '{}' from {} on {}", protocol::ApiKeyName(key), version,
                    ctx.header.correlation_id, ctx.header.client_id.value_or(""), conn.peer, conn.listener_name));
  }
  handler->Handle(std::move(ctx), reader, [timing](net::Response response) {
    Answered(timing, response);
    // The sink goes with this call: the response (its on_sent) keeps `timing`, which need not keep the sink.
    net::ResponseSink respond = std::move(timing->respond);
    respond(std::move(response));
  });
  const int64_t handled = MetricsNowNanos();
  int64_t expected = 0;  // an answer given before the handler returned already set it
  timing->handled_ns.compare_exchange_strong(expected, handled, std::memory_order_acq_rel);
  if (charge) charge->MarkHandled(handled);
  metrics.AddHandlerBusyNanos(handled - timing->start_ns);
}

}  // namespace partita::broker
