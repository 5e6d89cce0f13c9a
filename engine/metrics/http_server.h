// HttpServer: a small HTTP/1.1 server on Asio, shared by the metrics endpoint (Prometheus scrapes GET /metrics)
// and the Schema Registry's REST API (GET/POST/PUT/DELETE with JSON bodies).
// Each connection reads a request (request line and headers, at most max_header_bytes, within the idle
// timeout), then its body (Content-Length only, at most max_body_bytes: more is answered 413 and the connection
// closed, a malformed or chunked framing 400 / 501), calls the handler and writes the answer. With keep_alive the
// connection then reads the next request (HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with
// "Connection: keep-alive"), otherwise every answer says "Connection: close" and the connection is closed.
// Bounded: at most max_connections at once (more are closed at accept), one request buffered per connection.
// Handlers run on the server's threads (`threads` of them, so a handler that waits — a registry write waiting
// for its record to replicate — does not stall the other connections while threads remain).
// TLS: an https:// listener runs a TLS handshake (options.new_tls makes each connection's OpenSSL session, so
// this library stays free of the engine's security code) before the first request; a peer that speaks plain
// HTTP to it fails the handshake and is closed without an answer. Authentication is the handler's business
// (the Schema Registry checks Basic credentials); the metrics listener has neither, which is why the broker
// binds listeners to loopback unless told otherwise.
// Thread safety: Start/Stop from one owner thread; the handler may run on several server threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine/common/status.h"

typedef struct ssl_st SSL;

namespace partita::metrics {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;  // extra headers (HttpCall: every header received, lower-cased)
};

struct HttpRequest {
  std::string method;                          // as sent: GET, HEAD, POST, PUT, DELETE...
  std::string target;                          // path and query, still percent-encoded
  std::string path;                            // target without the query
  std::map<std::string, std::string> headers;  // names lower-cased, values trimmed (the last one wins)
  std::string body;
  // The value of a header (name lower-case), or "" when absent.
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// host:port from "http://host:port" or "https://host:port" (the scheme is optional: http). Port 0 picks a free
// port.
struct HttpListener {
  std::string host;
  int port = 0;
  bool tls = false;  // https://
  std::string Scheme() const { return tls ? "https" : "http"; }
};
Result<HttpListener> ParseHttpListener(const std::string& spec);

struct HttpServerOptions {
  size_t max_header_bytes = 8192;
  size_t max_body_bytes = 0;  // 0: requests carrying a body are refused with 413
  bool keep_alive = false;
  int threads = 1;
  int max_connections = 64;
  std::chrono::milliseconds idle_timeout{10000};  // to receive a whole request, and between requests
  std::string name = "metrics";                   // in bind errors
  // Required for a TLS listener: a new server-side OpenSSL session per connection (owned by the server from
  // then on), or nullptr when none can be made (the connection is closed).
  std::function<SSL*()> new_tls;
};

class HttpServer {
 public:
  // Called with the request path (without the query string) for GET and HEAD; other methods get 405.
  using Handler = std::function<HttpResponse(const std::string& path)>;
  // Called with every well-formed request. A HEAD answer's body is not sent.
  using RequestHandler = std::function<HttpResponse(const HttpRequest& request)>;

  HttpServer(HttpListener listener, Handler handler);
  HttpServer(HttpListener listener, HttpServerOptions options, RequestHandler handler);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; fails with the address named if the bind fails.
  Status Start();
  void Stop();
  int BoundPort() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace partita::metrics
