// RequestDispatcher: the net::RequestHandler of a broker. Parses the request header, finds the API's handler,
// and applies Kafka's rules for requests it cannot serve:
// - ApiVersions of an unknown version: UNSUPPORTED_VERSION with our list, in v0 layout (KIP-511), so any
//   client can learn what we speak;
// - any other API or version we do not serve, or a malformed header/body: the request cannot be answered in a
//   layout the client would parse, so (like Kafka) the connection is closed and the reason is logged.
// Thread safety: called concurrently from network threads.
#pragma once

#include "engine/broker/handler_table.h"
#include "engine/net/request_handler.h"

namespace partita::broker {

class BrokerMetrics;

// Every dispatched request is counted and timed on `metrics` (when given): Kafka's RequestsPerSec and
// TotalTimeMs / LocalTimeMs / RemoteTimeMs per API. With the request log (kafka.request.logger at DEBUG) on, each
// completed request is logged with its times.
class RequestDispatcher : public net::RequestHandler {
 public:
  RequestDispatcher(Broker* broker, const HandlerTable* table, BrokerMetrics* metrics = nullptr)
      : broker_(broker), table_(table), metrics_(metrics) {}
  void HandleRequest(const net::ConnectionInfo& conn, std::span<const uint8_t> frame, net::ResponseSink respond) override;

 private:
  Broker* broker_;
  const HandlerTable* table_;
  BrokerMetrics* metrics_;
};

}  // namespace partita::broker
