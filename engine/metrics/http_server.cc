#include "engine/metrics/http_server.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <asio.hpp>
#include <spdlog/spdlog.h>

namespace partita::metrics {

namespace {

constexpr size_t kMaxRequestBytes = 8192;
constexpr int kMaxConnections = 64;
constexpr auto kRequestTimeout = std::chrono::seconds(10);

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    default: return "Internal Server Error";
  }
}

std::string Serialize(const HttpResponse& r, bool head) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(ReasonPhrase(r.status)) + "\r\n";
  out += "Content-Type: " + r.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  if (!head) out += r.body;
  return out;
}

}  // namespace

Result<HttpListener> ParseHttpListener(const std::string& spec) {
  std::string rest = spec;
  if (auto scheme = rest.find("://"); scheme != std::string::npos) {
    if (rest.substr(0, scheme) != "http") {
      return Status::InvalidArgument("'" + spec + "': only http:// is served (no TLS on the metrics listener)");
    }
    rest = rest.substr(scheme + 3);
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("'" + spec + "': expected http://host:port");
  HttpListener out;
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
  Impl(HttpListener listener, Handler handler)
      : listener_(std::move(listener)), handler_(std::move(handler)), acceptor_(io_) {}

  Status Start() {
    asio::error_code ec;
    const auto address = asio::ip::make_address(listener_.host == "localhost" ? "127.0.0.1" : listener_.host, ec);
    if (ec) return Status::InvalidArgument("metrics listener: '" + listener_.host + "' is not an IP address");
    const asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(listener_.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status::IOError("metrics listener http://" + listener_.host + ":" + std::to_string(listener_.port) +
                             ": " + ec.message());
    }
    bound_port_ = acceptor_.local_endpoint().port();
    Accept();
    thread_ = std::thread([this] { io_.run(); });
    return Status::Ok();
  }

  void Stop() {
    if (!thread_.joinable()) return;
    asio::post(io_, [this] {
      asio::error_code ignored;
      acceptor_.close(ignored);
    });
    io_.stop();
    thread_.join();
  }

  int bound_port() const { return bound_port_; }

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io), timer(io), buffer(kMaxRequestBytes) {}
    asio::ip::tcp::socket socket;
    asio::steady_timer timer;
    asio::streambuf buffer;
    std::string response;
  };

  void Accept() {
    acceptor_.async_accept([this](asio::error_code ec, asio::ip::tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (open_ >= kMaxConnections) {
          asio::error_code ignored;
          socket.close(ignored);
        } else {
          Serve(std::move(socket));
        }
      }
      Accept();
    });
  }

  void Serve(asio::ip::tcp::socket socket) {
    auto c = std::make_shared<Connection>(io_);
    c->socket = std::move(socket);
    ++open_;
    c->timer.expires_after(kRequestTimeout);
    c->timer.async_wait([c](asio::error_code ec) {
      if (ec) return;  // cancelled: answered in time
      asio::error_code ignored;
      c->socket.close(ignored);
    });
    asio::async_read_until(c->socket, c->buffer, "\r\n\r\n", [this, c](asio::error_code ec, size_t) {
      if (ec == asio::error::not_found) return Answer(c, {431, "text/plain; charset=utf-8", "request too large\n"}, false);
      if (ec) return Done(c);
      std::istream in(&c->buffer);
      std::string method, target, protocol;
      in >> method >> target >> protocol;
      if (method.empty() || target.empty() || protocol.rfind("HTTP/", 0) != 0) {
        return Answer(c, {400, "text/plain; charset=utf-8", "bad request\n"}, false);
      }
      if (method != "GET" && method != "HEAD") {
        return Answer(c, {405, "text/plain; charset=utf-8", "only GET and HEAD\n"}, false);
      }
      if (auto q = target.find('?'); q != std::string::npos) target.resize(q);
      HttpResponse response;
      try {
        response = handler_(target);
      } catch (const std::exception& e) {
        response = {500, "text/plain; charset=utf-8", std::string("error: ") + e.what() + "\n"};
      }
      Answer(c, response, method == "HEAD");
    });
  }

  void Answer(const std::shared_ptr<Connection>& c, const HttpResponse& response, bool head) {
    c->response = Serialize(response, head);
    asio::async_write(c->socket, asio::buffer(c->response), [this, c](asio::error_code, size_t) { Done(c); });
  }

  void Done(const std::shared_ptr<Connection>& c) {
    asio::error_code ignored;
    c->timer.cancel();
    c->socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    c->socket.close(ignored);
    --open_;
  }

  HttpListener listener_;
  Handler handler_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<int> bound_port_{0};
  int open_ = 0;  // server thread only
  std::thread thread_;
};

HttpServer::HttpServer(HttpListener listener, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(listener), std::move(handler))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop() { impl_->Stop(); }

int HttpServer::BoundPort() const { return impl_->bound_port(); }

}  // namespace partita::metrics
