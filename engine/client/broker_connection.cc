#include "engine/client/broker_connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstring>

#include "engine/common/clock.h"
#include "engine/common/endian.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/security/scram_exchange.h"

namespace partita::client {

namespace {

int RemainingMs(int64_t deadline_ms) {
  int64_t left = deadline_ms - MonotonicMs();
  return left <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left, 1 << 30));
}

// Non-blocking connect to one resolved address, bounded by the deadline. Returns the fd or -errno.
int ConnectOne(const addrinfo* ai, int64_t deadline_ms) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
  if (fd < 0) return -errno;
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      int err = errno;
      ::close(fd);
      return -err;
    }
    pollfd p{fd, POLLOUT, 0};
    int n = ::poll(&p, 1, RemainingMs(deadline_ms));
    if (n <= 0) {
      ::close(fd);
      return n == 0 ? -ETIMEDOUT : -errno;
    }
    int err = 0;
    socklen_t len = sizeof(err);
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      ::close(fd);
      return -err;
    }
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

}  // namespace

Result<std::pair<std::string, int>> ParseHostPort(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::InvalidArgument("'" + text + "' is not host:port");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return Status::InvalidArgument("'" + text + "' is not host:port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  char* end = nullptr;
  long p = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != 0 || p <= 0 || p > 65535) {
    return Status::InvalidArgument("'" + text + "' has no valid port");
  }
  return std::make_pair(host, static_cast<int>(p));
}

Result<std::unique_ptr<BrokerConnection>> BrokerConnection::Connect(const std::string& host, int port,
                                                                    const ConnectionOptions& options) {
  std::string peer = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  const int64_t deadline = MonotonicMs() + options.connect_timeout_ms;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
  if (rc != 0) return Status::Unavailable("cannot resolve " + peer + ": " + ::gai_strerror(rc));
  int fd = -ETIMEDOUT;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    fd = ConnectOne(ai, deadline);
    if (fd >= 0 || MonotonicMs() >= deadline) break;
  }
  ::freeaddrinfo(res);
  if (fd < 0) {
    if (fd == -ETIMEDOUT) {
      return Status::Timeout("cannot connect to " + peer + " within " + std::to_string(options.connect_timeout_ms) +
                             " ms");
    }
    return Status::Unavailable("cannot connect to " + peer + ": " + std::strerror(-fd));
  }
  std::unique_ptr<BrokerConnection> conn(new BrokerConnection(fd, peer, options));
  if (options.tls) PARTITA_RETURN_IF_ERROR(conn->TlsHandshake(host, deadline));
  PARTITA_RETURN_IF_ERROR(conn->Handshake());
  if (!options.sasl_mechanism.empty()) PARTITA_RETURN_IF_ERROR(conn->SaslLogin());
  return conn;
}

BrokerConnection::~BrokerConnection() { Close(); }

void BrokerConnection::Close() {
  if (ssl_) SSL_free(ssl_);
  ssl_ = nullptr;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status BrokerConnection::TlsHandshake(const std::string& host, int64_t deadline_ms) {
  ssl_ = options_.tls->NewSsl();
  if (!ssl_ || SSL_set_fd(ssl_, fd_) != 1) {
    Close();
    return Status::IOError("TLS to " + peer_ + ": cannot create a session: " + security::TakeOpenSslErrors());
  }
  options_.tls->SetPeerHost(ssl_, host);
  ERR_clear_error();
  for (;;) {
    int rc = SSL_connect(ssl_);
    if (rc == 1) return Status::Ok();
    int err = SSL_get_error(ssl_, rc);
    short events = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (events != 0) {
      pollfd p{fd_, events, 0};
      int n = ::poll(&p, 1, RemainingMs(deadline_ms));
      if (n > 0 || (n < 0 && errno == EINTR)) continue;
      Close();
      return Status::Timeout("TLS handshake with " + peer_ + " did not finish in time (is it a TLS listener?)");
    }
    std::string why;
    const long verify = SSL_get_verify_result(ssl_);
    if (verify != X509_V_OK) {
      why = std::string("the broker's certificate was refused: ") + X509_verify_cert_error_string(verify);
    } else if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_ZERO_RETURN) {
      why = "the broker closed the connection (a plaintext listener, or it refused our certificate?)";
      ERR_clear_error();
    } else {
      why = security::TakeOpenSslErrors();
    }
    Close();
    return Status::Unavailable("TLS handshake with " + peer_ + " failed: " + why);
  }
}

ssize_t BrokerConnection::SendSome(const uint8_t* data, size_t size, short* wait_events, std::string* error) {
  *wait_events = 0;
  if (ssl_) {
    size_t n = 0;
    ERR_clear_error();
    int rc = SSL_write_ex(ssl_, data, size, &n);
    if (rc == 1) return static_cast<ssize_t>(n);
    int err = SSL_get_error(ssl_, rc);
    if (err == SSL_ERROR_WANT_READ) *wait_events = POLLIN;
    if (err == SSL_ERROR_WANT_WRITE) *wait_events = POLLOUT;
    if (*wait_events == 0) *error = err == SSL_ERROR_SYSCALL ? std::strerror(errno) : security::TakeOpenSslErrors();
    return -1;
  }
  ssize_t n = ::send(fd_, data, size, MSG_NOSIGNAL);
  if (n >= 0) return n;
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
    *wait_events = POLLOUT;
  } else {
    *error = std::strerror(errno);
  }
  return -1;
}

ssize_t BrokerConnection::RecvSome(uint8_t* data, size_t size, short* wait_events, std::string* error) {
  *wait_events = 0;
  if (ssl_) {
    size_t n = 0;
    ERR_clear_error();
    int rc = SSL_read_ex(ssl_, data, size, &n);
    if (rc == 1) return static_cast<ssize_t>(n);
    int err = SSL_get_error(ssl_, rc);
    if (err == SSL_ERROR_ZERO_RETURN) return 0;
    if (err == SSL_ERROR_WANT_READ) *wait_events = POLLIN;
    if (err == SSL_ERROR_WANT_WRITE) *wait_events = POLLOUT;
    if (*wait_events == 0) {
      // A peer that closes without close_notify (Kafka brokers do) is an end of stream like any other.
      if (err == SSL_ERROR_SYSCALL && errno == 0) return 0;
      if (err == SSL_ERROR_SSL && ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
        ERR_clear_error();
        return 0;
      }
      *error = err == SSL_ERROR_SYSCALL ? std::strerror(errno) : security::TakeOpenSslErrors();
    }
    return -1;
  }
  ssize_t n = ::recv(fd_, data, size, 0);
  if (n >= 0) return n;
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
    *wait_events = POLLIN;
  } else {
    *error = std::strerror(errno);
  }
  return -1;
}

Status BrokerConnection::Handshake() {
  // Ask with v3 (flexible, names the client); a broker that does not know v3 answers in v0 layout with
  // UNSUPPORTED_VERSION, and we ask again with v0.
  protocol::ApiVersionsRequest req;
  req.client_software_name = "partita";
  req.client_software_version = PARTITA_VERSION_STRING;
  for (int16_t version : {int16_t(3), int16_t(0)}) {
    protocol::Writer body;
    req.Encode(body, version);
    std::vector<uint8_t> frame;
    PARTITA_RETURN_IF_ERROR(RoundTrip(protocol::ApiKey::kApiVersions, version, version >= 3 ? 2 : 1, body, &frame,
                                      options_.connect_timeout_ms));
    protocol::Reader r(frame);
    r.Skip(4);
    protocol::ApiVersionsResponse resp;
    resp.Decode(r, version);
    if (!r.ok() || resp.error_code == protocol::Wire(protocol::ErrorCode::kUnsupportedVersion)) {
      if (version == 0) break;
      continue;
    }
    if (resp.error_code != 0) {
      Close();
      return Status::Unavailable("ApiVersions to " + peer_ + " failed: " +
                                 protocol::ErrorCodeName(static_cast<protocol::ErrorCode>(resp.error_code)));
    }
    for (const auto& v : resp.api_keys) versions_[v.api_key] = {v.min_version, v.max_version};
    return Status::Ok();
  }
  Close();
  return Status::Corruption("ApiVersions response from " + peer_ + " does not decode: is this a Kafka broker?");
}

Status BrokerConnection::SaslLogin() {
  const auto scram = security::ScramMechanismFromName(options_.sasl_mechanism);
  if (options_.sasl_mechanism != "PLAIN" && !scram) {
    Close();
    return Status::Unsupported("SASL mechanism " + options_.sasl_mechanism +
                               " is not supported by this client (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are)");
  }
  protocol::SaslHandshakeRequest handshake;
  handshake.mechanism = options_.sasl_mechanism;
  auto shook = Send<protocol::SaslHandshakeRequest, protocol::SaslHandshakeResponse>(handshake, 1);
  if (!shook.ok()) return Status::Unavailable("SASL handshake with " + peer_ + " failed: " + shook.status().message());
  if (shook->error_code != 0) {
    std::string offered;
    for (const auto& m : shook->mechanisms) offered += (offered.empty() ? "" : ", ") + m;
    Close();
    return Status::Unavailable("SASL handshake with " + peer_ + " failed: " +
                               protocol::ErrorCodeName(static_cast<protocol::ErrorCode>(shook->error_code)) +
                               " (the broker offers " + (offered.empty() ? "nothing" : offered) + ")");
  }
  // One SaslAuthenticate round trip: the broker's answer bytes, or why it refused.
  auto step = [&](const std::string& token) -> Result<std::string> {
    protocol::SaslAuthenticateRequest login;
    login.auth_bytes.assign(token.begin(), token.end());
    auto answer = Send<protocol::SaslAuthenticateRequest, protocol::SaslAuthenticateResponse>(login);
    if (!answer.ok()) {
      return Status::Unavailable("SASL authentication with " + peer_ + " failed: " + answer.status().message());
    }
    if (answer->error_code != 0) {
      Close();
      return Status::Unavailable("SASL authentication with " + peer_ + " failed: " +
                                 answer->error_message.value_or(protocol::ErrorCodeName(
                                     static_cast<protocol::ErrorCode>(answer->error_code))));
    }
    return std::string(answer->auth_bytes.begin(), answer->auth_bytes.end());
  };
  if (!scram) {
    // RFC 4616: authzid (empty) NUL user NUL password.
    auto done = step(std::string(1, '\0') + options_.sasl_username + '\0' + options_.sasl_password);
    return done.ok() ? Status::Ok() : done.status();
  }
  // RFC 5802: client-first, server-first, client-final, server-final (which proves the broker knows the key).
  security::ScramClientExchange exchange(*scram, options_.sasl_username, options_.sasl_password);
  auto server_first = step(exchange.ClientFirstMessage());
  if (!server_first.ok()) return server_first.status();
  auto client_final = exchange.ClientFinalMessage(*server_first);
  if (!client_final.ok()) {
    Close();
    return Status::Unavailable("SASL authentication with " + peer_ + " failed: " + client_final.status().message());
  }
  auto server_final = step(*client_final);
  if (!server_final.ok()) return server_final.status();
  Status verified = exchange.VerifyServerFinal(*server_final);
  if (!verified.ok()) {
    Close();
    return Status::Unavailable("SASL authentication with " + peer_ + " failed: " + verified.message());
  }
  return Status::Ok();
}

std::optional<std::pair<int16_t, int16_t>> BrokerConnection::BrokerVersions(protocol::ApiKey key) const {
  auto it = versions_.find(static_cast<int16_t>(key));
  if (it == versions_.end()) return std::nullopt;
  return it->second;
}

Result<int16_t> BrokerConnection::PickVersionFor(protocol::ApiKey key, int16_t our_min, int16_t our_max) const {
  auto range = BrokerVersions(key);
  if (!range) {
    return Status::Unsupported(std::string("broker ") + peer_ + " does not serve " +
                               protocol::ApiKeyName(static_cast<int16_t>(key)));
  }
  int16_t v = std::min(our_max, range->second);
  if (v < our_min || v < range->first) {
    return Status::Unsupported(std::string("broker ") + peer_ + " serves " +
                               protocol::ApiKeyName(static_cast<int16_t>(key)) + " v" +
                               std::to_string(range->first) + "-" + std::to_string(range->second) +
                               ", we speak v" + std::to_string(our_min) + "-" + std::to_string(our_max));
  }
  return v;
}

std::string BrokerConnection::DescribeApi(protocol::ApiKey key, int16_t version) {
  return std::string(protocol::ApiKeyName(static_cast<int16_t>(key))) + " v" + std::to_string(version);
}

Status BrokerConnection::Write(protocol::ApiKey key, int16_t version, int header_version,
                               const protocol::Writer& body, int32_t correlation_id, int timeout_ms) {
  if (fd_ < 0) return Status::Unavailable("connection to " + peer_ + " is closed");
  protocol::Writer w(body.size() + 64);
  size_t len_at = w.ReserveInt32();
  protocol::RequestHeader h;
  h.api_key = static_cast<int16_t>(key);
  h.api_version = version;
  h.correlation_id = correlation_id;
  h.client_id = options_.client_id;
  h.Encode(w, header_version);
  w.WriteRaw(body.bytes());
  w.PatchInt32(len_at, static_cast<int32_t>(w.size() - 4));
  const int64_t deadline = MonotonicMs() + (timeout_ms < 0 ? options_.request_timeout_ms : timeout_ms);
  const auto& bytes = w.bytes();
  size_t sent = 0;
  while (sent < bytes.size()) {
    short wait = 0;
    std::string error;
    ssize_t n = SendSome(bytes.data() + sent, bytes.size() - sent, &wait, &error);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (wait != 0) {
      pollfd p{fd_, wait, 0};
      int r = ::poll(&p, 1, RemainingMs(deadline));
      if (r == 0 || (r < 0 && errno != EINTR)) {
        Close();
        return Status::Timeout("sending " + DescribeApi(key, version) + " to " + peer_ + " timed out");
      }
      continue;
    }
    Close();
    return Status::Unavailable("sending " + DescribeApi(key, version) + " to " + peer_ + " failed: " +
                               (error.empty() ? "connection closed" : error));
  }
  return Status::Ok();
}

Status BrokerConnection::ReadFrame(std::vector<uint8_t>* frame, int64_t deadline_ms) {
  uint8_t len_buf[4];
  size_t have = 0;
  size_t need = 4;
  uint8_t* dst = len_buf;
  bool reading_body = false;
  while (true) {
    while (have < need) {
      short wait = 0;
      std::string error;
      ssize_t n = RecvSome(dst + have, need - have, &wait, &error);
      if (n > 0) {
        have += static_cast<size_t>(n);
        continue;
      }
      if (n == 0) {
        Close();
        return Status::Unavailable("connection to " + peer_ + " closed by the broker");
      }
      if (wait == 0) {
        Close();
        return Status::Unavailable("reading from " + peer_ + " failed: " + error);
      }
      pollfd p{fd_, wait, 0};
      int r = ::poll(&p, 1, RemainingMs(deadline_ms));
      if (r == 0) {
        Close();
        return Status::Timeout("no response from " + peer_ + " in time");
      }
      if (r < 0 && errno != EINTR) {
        int err = errno;
        Close();
        return Status::Unavailable("waiting for " + peer_ + " failed: " + std::strerror(err));
      }
    }
    if (reading_body) return Status::Ok();
    int32_t len = static_cast<int32_t>(LoadBe32(len_buf));
    if (len < 4 || len > options_.max_response_bytes) {
      Close();
      return Status::Corruption("response frame of " + std::to_string(len) + " bytes from " + peer_ +
                                " is outside [4, " + std::to_string(options_.max_response_bytes) + "]");
    }
    frame->resize(static_cast<size_t>(len));
    dst = frame->data();
    have = 0;
    need = static_cast<size_t>(len);
    reading_body = true;
  }
}

Status BrokerConnection::RoundTrip(protocol::ApiKey key, int16_t version, int header_version,
                                   const protocol::Writer& body, std::vector<uint8_t>* frame, int timeout_ms) {
  const int32_t correlation_id = NextCorrelationId();
  PARTITA_RETURN_IF_ERROR(Write(key, version, header_version, body, correlation_id, timeout_ms));
  const int64_t deadline = MonotonicMs() + (timeout_ms < 0 ? options_.request_timeout_ms : timeout_ms);
  Status st = ReadFrame(frame, deadline);
  if (!st.ok()) {
    if (st.code() == Status::Code::kTimeout) return Status::Timeout(DescribeApi(key, version) + ": " + st.message());
    if (st.IsCorruption()) return Status::Corruption(DescribeApi(key, version) + ": " + st.message());
    return Status::Unavailable(DescribeApi(key, version) + ": " + st.message());
  }
  int32_t got = static_cast<int32_t>(LoadBe32(frame->data()));
  if (got != correlation_id) {
    Close();
    return Status::Corruption(DescribeApi(key, version) + " response from " + peer_ + " has correlation id " +
                              std::to_string(got) + ", expected " + std::to_string(correlation_id));
  }
  return Status::Ok();
}

}  // namespace partita::client
