// The contract between the network layer and the broker: the server hands each complete request frame to a
// RequestHandler, which answers exactly once through the ResponseSink — at once or later from any thread
// (delayed produce/fetch, ZooKeeper-backed admin operations). Responses on one connection are sent in request
// order because the connection reads its next request only after the current one has been answered.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "engine/protocol/writer.h"

namespace partita::net {

// Told when a response's last byte was written (Response::on_sent).
class SentObserver {
 public:
  virtual ~SentObserver() = default;
  // On the connection's strand; steady-clock nanoseconds of the first and the last byte's write.
  virtual void OnSent(int64_t write_start_ns, int64_t write_end_ns) = 0;
};

struct Response {
  enum class Kind { kSend, kNoResponse, kClose };
  Kind kind = Kind::kSend;
  // Response header + body (without the 4-byte size prefix); splices are sent with sendfile.
  protocol::Writer body;
  // KIP-219 channel muting: after this answer is sent, the connection reads no request for this long (a client
  // over its quota). 0 = read the next request at once.
  int32_t mute_ms = 0;
  // kSend only, optional: told once the last byte was written, with when writing it began (after earlier answers
  // on the connection) and ended (Kafka's ResponseQueueTimeMs / ResponseSendTimeMs). Not told when the connection
  // closes first. A shared object the caller already has (the request's metrics timing): no allocation here.
  std::shared_ptr<SentObserver> on_sent;

  static Response NoResponse() {
    Response r;
    r.kind = Kind::kNoResponse;
    return r;
  }
  static Response Close() {
    Response r;
    r.kind = Kind::kClose;
    return r;
  }
};

// Called once per request, from any thread. It may be called or dropped after the TcpServer that issued it has
// stopped or been destroyed (the answer is dropped), though not while that server is being destroyed. Dropping it
// without calling it closes the connection: its client would otherwise wait for an answer that never comes.
using ResponseSink = std::function<void(Response)>;

struct ConnectionInfo {
  uint64_t id = 0;
  std::string peer;           // "host:port" of the client
  std::string listener_name;  // e.g. "PLAINTEXT"
  std::string security_protocol = "PLAINTEXT";  // of the listener: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
  // Kafka's principal: "User:ANONYMOUS", or "User:<certificate DN>" (mapped by ssl.principal.mapping.rules)
  // for a TLS client that presented a verified certificate.
  std::string principal = "User:ANONYMOUS";
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // `frame` is the request without its size prefix; it stays valid until `respond` is called.
  virtual void HandleRequest(const ConnectionInfo& conn, std::span<const uint8_t> frame, ResponseSink respond) = 0;
};

}  // namespace partita::net
