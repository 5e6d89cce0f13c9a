// HttpServer: a small HTTP/1.1 server for the metrics endpoint (Prometheus scrapes GET /metrics). One thread runs
// an Asio io_context; each connection reads one request (request line and headers, at most 8 KiB, within 10 s),
// gets one answer with "Connection: close" and is closed. Bounded: at most 64 connections at once (more are
// closed at accept), no request body is read. Only GET and HEAD are served (405 otherwise).
// Not for untrusted networks: there is no TLS or authentication, which is why the broker binds it to loopback
// unless told otherwise (metrics.listener).
// Thread safety: Start/Stop from one owner thread; the handler runs on the server's thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engine/common/status.h"

namespace partita::metrics {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// host:port from "http://host:port" (the scheme is optional; only http is served). Port 0 picks a free port.
struct HttpListener {
  std::string host;
  int port = 0;
};
Result<HttpListener> ParseHttpListener(const std::string& spec);

class HttpServer {
 public:
  // Called with the request path (without the query string) for GET and HEAD.
  using Handler = std::function<HttpResponse(const std::string& path)>;

  HttpServer(HttpListener listener, Handler handler);
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
