#include "engine/metrics/http_server.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <spdlog/spdlog.h>

namespace partita::metrics {

namespace {

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return status < 400 ? "OK" : "Internal Server Error";
  }
}

std::string Serialize(const HttpResponse& r, bool head, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(ReasonPhrase(r.status)) + "\r\n";
  out += "Content-Type: " + r.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head) out += r.body;
  return out;
}

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

HttpResponse Plain(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body)}; }

// Parses the request line and headers (the block up to and including the blank line). On error, the answer.
std::optional<HttpResponse> ParseHead(const std::string& block, HttpRequest* request, std::string* version) {
  size_t pos = block.find("\r\n");
  const std::string line = block.substr(0, pos);
  const auto s1 = line.find(' ');
  const auto s2 = s1 == std::string::npos ? std::string::npos : line.find(' ', s1 + 1);
  if (s1 == std::string::npos || s2 == std::string::npos || line.find(' ', s2 + 1) != std::string::npos) {
    return Plain(400, "bad request line\n");
  }
  request->method = line.substr(0, s1);
  request->target = line.substr(s1 + 1, s2 - s1 - 1);
  *version = line.substr(s2 + 1);
  if (request->method.empty() || request->target.empty() || request->target[0] != '/' ||
      version->rfind("HTTP/1.", 0) != 0) {
    return Plain(400, "bad request line\n");
  }
  request->path = request->target.substr(0, request->target.find('?'));
  while (pos != std::string::npos && pos + 2 < block.size()) {
    const size_t start = pos + 2;
    pos = block.find("\r\n", start);
    const std::string header = block.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    if (header.empty()) break;
    const auto colon = header.find(':');
    if (colon == std::string::npos || colon == 0) return Plain(400, "malformed header\n");
    request->headers[Lower(header.substr(0, colon))] = Trim(std::string_view(header).substr(colon + 1));
  }
  return std::nullopt;
}

}  // namespace

Result<HttpListener> ParseHttpListener(const std::string& spec) {
  std::string rest = spec;
  bool tls = false;
  if (auto scheme = rest.find("://"); scheme != std::string::npos) {
    const std::string name = Lower(rest.substr(0, scheme));
    if (name != "http" && name != "https") {
      return Status::InvalidArgument("'" + spec + "': the scheme must be http:// or https://");
    }
    tls = name == "https";
    rest = rest.substr(scheme + 3);
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("'" + spec + "': expected http://host:port");
  HttpListener out;
  out.tls = tls;
  out.host = rest.substr(0, colon);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  const std::string port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    return Status::InvalidArgument("'" + spec + "': the port must be a number from 0 to 65535");
  }
  out.port = std::stoi(port);
  if (out.host.empty()) out.host = "0.0.0.0";
  return out;
}

class HttpServer::Impl {
 public:
  Impl(HttpListener listener, HttpServerOptions options, RequestHandler handler)
      : listener_(std::move(listener)), options_(std::move(options)), handler_(std::move(handler)), acceptor_(io_) {}

  Status Start() {
    asio::error_code ec;
    const auto address = asio::ip::make_address(listener_.host == "localhost" ? "127.0.0.1" : listener_.host, ec);
    if (ec) return Status::InvalidArgument(options_.name + " listener: '" + listener_.host + "' is not an IP address");
    if (listener_.tls && !options_.new_tls) {
      return Status::InvalidArgument(options_.name + " listener: https:// needs TLS settings (a key store)");
    }
    const asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(listener_.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status::IOError(options_.name + " listener " + listener_.Scheme() + "://" + listener_.host + ":" +
                             std::to_string(listener_.port) + ": " + ec.message());
    }
    bound_port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { io_.run(); });
    return Status::Ok();
  }

  void Stop() {
    if (threads_.empty()) return;
    io_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    // No server thread runs any more: close the listening socket now, so the port refuses connections at once.
    asio::error_code ignored;
    acceptor_.close(ignored);
  }

  int bound_port() const { return bound_port_; }

 private:
  // One connection; its socket and timer run on their own strand, so its handlers never run concurrently.
  struct Connection {
    using TlsStream = asio::ssl::stream<asio::ip::tcp::socket&>;
    // `ssl` (owned from here on) is non-null exactly on a TLS listener.
    Connection(asio::ip::tcp::socket s, size_t max_header, SSL* ssl)
        : socket(std::move(s)), timer(socket.get_executor()), buffer(max_header) {
      if (ssl) tls = std::make_unique<TlsStream>(socket, ssl);
    }
    // Calls f with the stream requests are read from and answers written to: TLS over the socket, or the socket.
    template <typename F>
    void With(F&& f) {
      if (tls) {
        f(*tls);
      } else {
        f(socket);
      }
    }
    asio::ip::tcp::socket socket;
    std::unique_ptr<TlsStream> tls;  // declared after the socket it runs over (destroyed first)
    asio::steady_timer timer;
    asio::streambuf buffer;  // bounded: the header block (and what followed it in the same reads)
    HttpRequest request;
    std::string version;
    std::string response;
    bool closed = false;  // Done ran (a TLS shutdown and its timer may both end the connection)
  };
  using Ptr = std::shared_ptr<Connection>;

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](asio::error_code ec, asio::ip::tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        // An answer is one write: sent at once, not held by Nagle's algorithm until the client's delayed ACK
        // (a TLS answer can leave as more than one segment; measured 40 ms per request over https without this).
        asio::error_code ignored;
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        if (open_.load() >= options_.max_connections) {
          asio::error_code ignored;
          socket.close(ignored);
        } else if (!listener_.tls) {
          ++open_;
          ReadHead(std::make_shared<Connection>(std::move(socket), options_.max_header_bytes, nullptr));
        } else if (SSL* ssl = options_.new_tls()) {
          ++open_;
          Handshake(std::make_shared<Connection>(std::move(socket), options_.max_header_bytes, ssl));
        } else {
          asio::error_code ignored;
          socket.close(ignored);
        }
      }
      Accept();
    });
  }

  void ArmTimer(const Ptr& c) {
    c->timer.expires_after(options_.idle_timeout);
    c->timer.async_wait([c](asio::error_code ec) {
      if (ec) return;  // cancelled or re-armed
      asio::error_code ignored;
      c->socket.close(ignored);
    });
  }

  // TLS first, within the idle timeout; a peer speaking plain HTTP fails here and is closed without an answer.
  void Handshake(const Ptr& c) {
    ArmTimer(c);
    c->tls->async_handshake(asio::ssl::stream_base::server, [this, c](asio::error_code ec) {
      if (ec) {
        spdlog::debug("{} listener: TLS handshake failed: {}", options_.name, ec.message());
        return Done(c);
      }
      ReadHead(c);
    });
  }

  void ReadHead(const Ptr& c) {
    ArmTimer(c);
    c->request = HttpRequest{};
    c->With([&](auto& stream) {
      asio::async_read_until(stream, c->buffer, "\r\n\r\n",
                             [this, c](asio::error_code ec, size_t n) { OnHead(c, ec, n); });
    });
  }

  // The header block (n bytes of the buffer) arrived: parse it, then read the body or answer.
  void OnHead(const Ptr& c, asio::error_code ec, size_t n) {
    if (ec == asio::error::not_found) return Answer(c, Plain(431, "request too large\n"), false, false);
    if (ec) return Done(c);
    std::string block(asio::buffers_begin(c->buffer.data()), asio::buffers_begin(c->buffer.data()) + n);
    c->buffer.consume(n);
    if (auto error = ParseHead(block, &c->request, &c->version)) return Answer(c, *error, false, false);
    if (!c->request.Header("transfer-encoding").empty()) {
      return Answer(c, Plain(501, "chunked bodies are not accepted: send Content-Length\n"), false, false);
    }
    size_t length = 0;
    const std::string cl = c->request.Header("content-length");
    if (!cl.empty()) {
      if (cl.size() > 18 || cl.find_first_not_of("0123456789") != std::string::npos) {
        return Answer(c, Plain(400, "bad Content-Length\n"), false, false);
      }
      length = static_cast<size_t>(std::stoull(cl));
    }
    if (length > options_.max_body_bytes) {
      // The body is not read: the connection closes after the answer.
      return Answer(c, Plain(413, "request body over " + std::to_string(options_.max_body_bytes) + " bytes\n"),
                    false, false);
    }
    const size_t have = std::min(length, c->buffer.size());
    c->request.body.assign(asio::buffers_begin(c->buffer.data()), asio::buffers_begin(c->buffer.data()) + have);
    c->buffer.consume(have);
    if (have == length) return Handle(c);
    c->request.body.resize(length);
    c->With([&](auto& body_stream) {
      asio::async_read(body_stream, asio::buffer(c->request.body.data() + have, length - have),
                       [this, c](asio::error_code ec2, size_t) {
                         if (ec2) return Done(c);
                         Handle(c);
                       });
    });
  }

  void Handle(const Ptr& c) {
    c->timer.cancel();
    const std::string connection = Lower(c->request.Header("connection"));
    const bool keep = options_.keep_alive && connection != "close" &&
                      (c->version != "HTTP/1.0" || connection == "keep-alive");
    HttpResponse response;
    try {
      response = handler_(c->request);
    } catch (const std::exception& e) {
      response = Plain(500, std::string("error: ") + e.what() + "\n");
    }
    Answer(c, response, c->request.method == "HEAD", keep);
  }

  void Answer(const Ptr& c, const HttpResponse& response, bool head, bool keep) {
    c->response = Serialize(response, head, keep);
    c->With([&](auto& stream) {
      asio::async_write(stream, asio::buffer(c->response), [this, c, keep](asio::error_code ec, size_t) {
        if (!ec && keep) return ReadHead(c);
        if (!ec && c->tls) return CloseTls(c);
        Done(c);
      });
    });
  }

  // Sends TLS close_notify before closing (so a client reading to the end sees a clean end, not a truncation);
  // the idle timer closes the socket if the peer never answers with its own.
  void CloseTls(const Ptr& c) {
    ArmTimer(c);
    c->tls->async_shutdown([this, c](asio::error_code) { Done(c); });
  }

  void Done(const Ptr& c) {
    if (c->closed) return;
    c->closed = true;
    asio::error_code ignored;
    c->timer.cancel();
    c->socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    c->socket.close(ignored);
    --open_;
  }

  HttpListener listener_;
  const HttpServerOptions options_;
  RequestHandler handler_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<int> bound_port_{0};
  std::atomic<int> open_{0};
  std::vector<std::thread> threads_;
};

HttpServer::HttpServer(HttpListener listener, Handler handler)
    : HttpServer(std::move(listener), HttpServerOptions{},
                 [handler = std::move(handler)](const HttpRequest& r) {
                   if (r.method != "GET" && r.method != "HEAD") return Plain(405, "only GET and HEAD\n");
                   return handler(r.path);
                 }) {}

HttpServer::HttpServer(HttpListener listener, HttpServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(listener), std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop() { impl_->Stop(); }

int HttpServer::BoundPort() const { return impl_->bound_port(); }

}  // namespace partita::metrics
