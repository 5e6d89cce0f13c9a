#include "engine/metrics/http_client.h"

#include <array>
#include <functional>
#include <optional>

#include <asio.hpp>
#include <asio/ssl.hpp>

namespace partita::metrics {

Result<HttpResponse> HttpCall(const std::string& host, int port, const std::string& method, const std::string& target,
                              const std::map<std::string, std::string>& headers, const std::string& body,
                              const HttpCallOptions& options) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  asio::ip::tcp::resolver resolver(io);
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) + "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;

  std::string received;
  asio::error_code failure;
  bool sent = false;  // the connection was made: the server may have acted on the request
  bool finished = false;
  std::array<char, 16384> chunk;
  std::unique_ptr<asio::ssl::stream<asio::ip::tcp::socket&>> tls;
  std::function<void()> read_more;  // lives as long as the io_context runs
  // Writes the request and reads the answer to the end of the stream, over the socket or TLS.
  auto exchange = [&](auto& stream) {
    auto* in = &stream;  // outlives the exchange (the socket, or the TLS stream over it)
    read_more = [&, in] {
      in->async_read_some(asio::buffer(chunk), [&](asio::error_code ec, size_t n) {
        received.append(chunk.data(), n);
        // A server that closes TLS without close_notify still ended its answer (Content-Length says how much).
        if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
            (!ec && received.size() > options.max_body_bytes + 65536)) {
          finished = true;
          return;
        }
        if (ec) {
          failure = ec;
          return;
        }
        read_more();
      });
    };
    asio::async_write(stream, asio::buffer(request), [&](asio::error_code ec3, size_t) {
      if (ec3) {
        failure = ec3;
        return;
      }
      read_more();
    });
  };
  resolver.async_resolve(host, std::to_string(port), [&](asio::error_code ec, asio::ip::tcp::resolver::results_type r) {
    if (ec) {
      failure = ec;
      return;
    }
    asio::async_connect(socket, r, [&](asio::error_code ec2, const asio::ip::tcp::endpoint&) {
      if (ec2) {
        failure = ec2;
        return;
      }
      if (!options.new_tls) {
        sent = true;
        return exchange(socket);
      }
      SSL* ssl = options.new_tls(host);
      if (!ssl) {
        failure = asio::error::no_memory;
        return;
      }
      tls = std::make_unique<asio::ssl::stream<asio::ip::tcp::socket&>>(socket, ssl);
      tls->async_handshake(asio::ssl::stream_base::client, [&](asio::error_code ec3) {
        if (ec3) {
          failure = ec3;  // nothing was sent yet
          return;
        }
        sent = true;
        exchange(*tls);
      });
    });
  });
  io.run_for(options.timeout);
  const std::string where = std::string(options.new_tls ? "https://" : "http://") + host + ":" + std::to_string(port) + target;
  if (failure && !sent) return Status::Unavailable(where + ": " + failure.message());
  if (failure) return Status::IOError(where + ": " + failure.message());
  if (!sent) return Status::Unavailable(where + ": no connection within " + std::to_string(options.timeout.count()) + " ms");
  if (!finished) return Status::Timeout(where + ": no answer within " + std::to_string(options.timeout.count()) + " ms");

  const auto end = received.find("\r\n\r\n");
  if (end == std::string::npos || received.rfind("HTTP/1.", 0) != 0) {
    return Status::IOError(where + ": not an HTTP answer");
  }
  HttpResponse response;
  const auto space = received.find(' ');
  response.status = std::atoi(received.c_str() + space + 1);
  std::string head = received.substr(0, end);
  for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::optional<size_t> length;
  // `head` is lower-cased with the same positions as `received`: names from it, values as received.
  for (size_t pos = head.find("\r\n"); pos != std::string::npos && pos < head.size();) {
    const size_t start = pos + 2;
    pos = head.find("\r\n", start);
    const size_t stop = pos == std::string::npos ? head.size() : pos;
    const size_t colon = head.find(':', start);
    if (colon == std::string::npos || colon >= stop) continue;
    std::string value = received.substr(colon + 1, stop - colon - 1);
    value.erase(0, value.find_first_not_of(" \t"));
    response.headers[head.substr(start, colon - start)] = value;
  }
  if (auto it = response.headers.find("content-length"); it != response.headers.end()) {
    length = std::strtoull(it->second.c_str(), nullptr, 10);
  }
  if (auto it = response.headers.find("content-type"); it != response.headers.end()) {
    response.content_type = it->second;
  }
  response.body = received.substr(end + 4);
  if (length && *length < response.body.size()) response.body.resize(*length);
  if (response.body.size() > options.max_body_bytes) return Status::IOError(where + ": answer too large");
  return response;
}

}  // namespace partita::metrics
