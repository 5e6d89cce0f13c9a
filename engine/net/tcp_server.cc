#include "engine/net/tcp_server.h"

#include <pthread.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <asio.hpp>
#include <asio/ssl/error.hpp>
#include <openssl/ssl.h>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/common/endian.h"
#include "engine/net/rate_limited_log.h"
#include "engine/net/request_memory_pool.h"
#include "engine/net/tls_socket.h"
#include "engine/protocol/error_code.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/protocol/request_header.h"

namespace partita::net {

namespace {

using asio::ip::tcp;

// At most this many responses may wait for the socket before the connection stops reading requests: a client
// that pipelines but never reads cannot make the broker buffer without bound.
constexpr size_t kMaxQueuedResponses = 8;
// Smallest valid request: api key, version, correlation id, client id length.
constexpr int32_t kMinRequestBytes = 10;
// The request buffer starts at this size (or the request's, if smaller) and doubles as bytes arrive: the size
// prefix alone never drives an allocation of socket.request.max.bytes.
constexpr size_t kFirstChunkBytes = 16 * 1024;
// A buffer larger than this is freed once its request is answered rather than kept for the next one.
constexpr size_t kKeptBufferBytes = 64 * 1024;
// Accept failures (EMFILE/ENFILE at the descriptor limit, ENOBUFS, ...) retry after a back-off doubling from
// the first to the last value; a success resets it. Without it the acceptor spins on a readable listen socket.
constexpr int64_t kAcceptBackoffFirstMs = 100;
constexpr int64_t kAcceptBackoffMaxMs = 1000;
// At most one line per this interval for conditions that repeat as fast as clients connect.
constexpr int64_t kRepeatedLogIntervalMs = 10000;
// Under TLS a file region is read into a per-connection buffer of this size and written through OpenSSL as four
// TLS records in one send(2); the buffer is allocated on the first region and reused for every later one, so a
// fetch allocates nothing per request.
constexpr size_t kTlsRegionChunkBytes = 64 * 1024;
// Kafka's sasl.server.max.receive.size default: the largest frame accepted before authentication.
constexpr int32_t kSaslMaxReceiveBytes = 512 * 1024;

// A synchronous SIGPIPE (sendfile(2) to a reset socket; it has no MSG_NOSIGNAL) is delivered to the thread that
// wrote. Blocked in every network thread, it stays pending instead of killing a program that does not ignore it
// (the desktop app), and ConsumePendingSigpipe takes it back.
void BlockSigpipeInThisThread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void ConsumePendingSigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  timespec zero{0, 0};
  while (sigtimedwait(&set, nullptr, &zero) == SIGPIPE) {
  }
}

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class Connection;

struct ServerState {
  ServerOptions options;
  RequestHandler* handler = nullptr;
  asio::io_context io;
  std::shared_ptr<RequestMemoryPool> pool;
  std::mutex mu;  // guards the members below
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;
  // The connections with a request in the handler's hands. The server, not the response sink, keeps these
  // alive: a sink may outlive the server (a delayed operation dropped at shutdown), and a connection must be
  // destroyed while its io_context still exists. Declared after `io`, so destroyed before it.
  std::unordered_map<uint64_t, std::shared_ptr<Connection>> awaiting_answer;
  std::unordered_map<std::string, int32_t> connections_per_ip;
  RateLimitedLog refusals{kRepeatedLogIntervalMs};
  RateLimitedLog tls_failures{kRepeatedLogIntervalMs};
  std::atomic<uint64_t> next_id{1};

  void Unregister(uint64_t id, const std::string& ip) {
    std::lock_guard<std::mutex> lock(mu);
    if (connections.erase(id) == 0) return;
    auto it = connections_per_ip.find(ip);
    if (it != connections_per_ip.end() && --it->second <= 0) connections_per_ip.erase(it);
  }

  void HoldUntilAnswered(uint64_t id, std::shared_ptr<Connection> connection) {
    std::lock_guard<std::mutex> lock(mu);
    awaiting_answer[id] = std::move(connection);
  }
  // Hands the reference back rather than dropping it under the lock (the connection may die with it).
  std::shared_ptr<Connection> Answered(uint64_t id) {
    std::lock_guard<std::mutex> lock(mu);
    auto node = awaiting_answer.extract(id);
    return node.empty() ? nullptr : std::move(node.mapped());
  }
  std::unordered_map<uint64_t, std::shared_ptr<Connection>> TakeAllAwaiting() {
    std::lock_guard<std::mutex> lock(mu);
    return std::exchange(awaiting_answer, {});
  }
};

// What a request's ResponseSink holds: a weak reference to its connection (see ServerState::awaiting_answer).
// A sink dropped without being called closes the connection, so that its client does not wait forever.
class PendingAnswer {
 public:
  explicit PendingAnswer(std::weak_ptr<Connection> connection) : connection_(std::move(connection)) {}
  PendingAnswer(const PendingAnswer&) = delete;
  PendingAnswer& operator=(const PendingAnswer&) = delete;
  ~PendingAnswer() {
    if (!answered_.exchange(true)) Deliver(Response::Close());
  }
  void Answer(Response response) {
    if (answered_.exchange(true)) return;  // answered twice (a handler bug): the first answer counts
    Deliver(std::move(response));
  }

 private:
  void Deliver(Response response);  // after Connection, which it calls
  std::weak_ptr<Connection> connection_;
  std::atomic<bool> answered_{false};
};

// One client socket. Reads one request, hands it to the handler, and reads the next one as soon as the answer
// is queued; answers go out in order from a queue, bytes with writes and file regions with sendfile. A
// request's buffer grows only as its body bytes arrive, each growth charged to the server's RequestMemoryPool
// and given back once the request is answered.
// Thread safety: every member runs on the connection's strand. Ownership: pending socket operations, the
// response sink of a request in flight and a memory-pool waiter each hold a reference.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `ssl` (owned from here on) is non-null exactly for a listener that runs TLS.
  Connection(ServerState& server, tcp::socket socket, const ListenerConfig& listener, SSL* ssl, std::string ip)
      : server_(server),
        pool_(server.pool),
        strand_(asio::make_strand(server.io)),
        socket_(std::move(socket)),
        handshake_timer_(server.io),
        mute_timer_(server.io),
        principal_mapper_(listener.principal_mapper),
        sasl_(listener.sasl),
        ip_(std::move(ip)) {
    info_.id = server_.next_id++;
    info_.listener_name = listener.name;
    info_.security_protocol = security::SecurityProtocolName(listener.protocol);
    asio::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    info_.peer = ec ? "?" : ep.address().to_string() + ":" + std::to_string(ep.port());
    socket_.set_option(tcp::no_delay(true), ec);
    // Kafka's SocketServer sets the buffers on each accepted socket when the key is not -1.
    if (server.options.send_buffer_bytes >= 0) {
      socket_.set_option(asio::socket_base::send_buffer_size(server.options.send_buffer_bytes), ec);
    }
    if (server.options.receive_buffer_bytes >= 0) {
      socket_.set_option(asio::socket_base::receive_buffer_size(server.options.receive_buffer_bytes), ec);
    }
    socket_.native_non_blocking(true, ec);
    if (ssl) {
      tls_ = std::make_unique<TlsSocket>(socket_, strand_, ssl, server.options.tls_socket_transport);
    }
    last_active_ms_ = MonotonicMs();
  }
  ~Connection() { ReleaseRequestMemory(); }

  uint64_t id() const { return info_.id; }

  void Start() {
    asio::post(strand_, [self = shared_from_this()] {
      if (self->tls_) return self->Handshake();
      self->ReadSize();
    });
  }

  // Called from any thread; `then` runs on the connection's strand once it is closed.
  void CloseSoon(std::function<void()> then = nullptr) {
    asio::post(strand_, [self = shared_from_this(), then = std::move(then)] {
      self->Close();
      if (then) then();
    });
  }

  // A request's answer, from PendingAnswer on any thread.
  void PostResponse(Response response) {
    asio::post(strand_, [self = shared_from_this(), r = std::move(response)]() mutable {
      self->OnResponse(std::move(r));
    });
  }

  bool IdleSince(int64_t now_ms, int64_t max_idle_ms) const {
    return !in_flight_.load() && now_ms - last_active_ms_.load() > max_idle_ms;
  }

 private:
  struct Outgoing {
    std::array<uint8_t, 4> prefix;
    protocol::Writer body;
    size_t byte_pos = 0;      // next byte of body.bytes() to send
    size_t splice_index = 0;  // next splice to send
    int64_t region_sent = 0;  // bytes of the current splice already sent
    bool prefix_sent = false;
    int32_t mute_ms = 0;  // KIP-219: once sent, mute the connection this long
    std::shared_ptr<SentObserver> on_sent;
    int64_t write_start_ns = 0;  // steady clock, when its first byte went to the socket
  };

  // The server side of the TLS handshake, in the network loop like any read. No request byte is read before it
  // completes; a peer that does not complete it within the bound (a plaintext client waiting for an answer, a
  // stalled or hostile one) is closed.
  void Handshake() {
    handshake_timer_.expires_after(std::chrono::milliseconds(server_.options.tls_handshake_timeout_ms));
    handshake_timer_.async_wait(asio::bind_executor(strand_, [self = shared_from_this()](asio::error_code ec) {
      if (ec || self->handshake_done_ || self->closed_) return;
      self->LogTlsFailure("handshake not completed within " +
                          std::to_string(self->server_.options.tls_handshake_timeout_ms) +
                          " ms (ssl.handshake.timeout.ms)");
      self->Close();
    }));
    tls_->AsyncHandshake([self = shared_from_this()](asio::error_code ec) { self->OnHandshake(ec); });
  }

  void OnHandshake(asio::error_code ec) {
    handshake_timer_.cancel();
    if (closed_) return;
    if (ec) {
      LogTlsFailure(ec.message());
      return Close();
    }
    handshake_done_ = true;
    last_active_ms_ = MonotonicMs();
    spdlog::debug("connection {} from {}: {} with {}, sending through {}", info_.id, info_.peer,
                  SSL_get_version(tls_->ssl()), SSL_get_cipher_name(tls_->ssl()), tls_->transport_name());
    // Mutual TLS: the principal is the verified certificate's distinguished name as ssl.principal.mapping.rules
    // map it; a DN no rule applies to is an authentication failure, as in Kafka's SslPrincipalMapper.
    if (std::string dn = security::PeerDistinguishedName(tls_->ssl()); !dn.empty()) {
      auto name = principal_mapper_ ? principal_mapper_->Map(dn) : std::optional<std::string>(dn);
      if (!name) {
        LogTlsFailure("no ssl.principal.mapping.rules rule applies to " + dn);
        return Close();
      }
      info_.principal = "User:" + *name;
    }
    ReadSize();
  }

  void LogTlsFailure(const std::string& why) { LogAuthFailure("TLS handshake", why); }

  // Kafka logs failed TLS handshakes and SASL logins as failed authentications; rate limited, since a scan, a
  // password guesser or a misconfigured client repeats them as fast as it connects.
  void LogAuthFailure(const std::string& step, const std::string& why) {
    uint64_t count = 0;
    bool log;
    {
      std::lock_guard<std::mutex> lock(server_.mu);
      log = server_.tls_failures.ShouldLog(MonotonicMs(), &count);
    }
    if (log) {
      spdlog::info("failed authentication with {} on listener {} ({} failed: {}); {} failure(s) since the last "
                   "report", info_.peer, info_.listener_name, step, why, count);
    }
  }

  // --- SASL (Kafka's SaslServerAuthenticator) ---------------------------------------------------------------

  // Handles a frame of a connection that has not authenticated yet. Returns true when the frame goes to the
  // handler as usual (ApiVersions, which clients send first to learn the SASL framing).
  bool OnSaslFrame() {
    std::span<const uint8_t> frame(frame_.data(), expected_);
    if (sasl_state_ == SaslState::kRawToken) {
      // SaslHandshake v0: the token travels as a bare frame and success is an empty frame.
      security::SaslStep step = EvaluateToken(frame);
      if (step.state == security::SaslStep::State::kFailed) {
        LogAuthFailure("SASL/" + sasl_mechanism_, step.error);
        Close();
        return false;
      }
      if (step.state == security::SaslStep::State::kDone) SaslAuthenticated(step.user);
      // A challenge (SCRAM's server messages) travels as a bare frame too; PLAIN's success is an empty one.
      protocol::Writer w;
      w.WriteRaw(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(step.challenge.data()), step.challenge.size()));
      SendInternal(std::move(w), false);
      return false;
    }
    protocol::Reader r(frame);
    protocol::RequestHeader h;
    h.DecodeCommon(r);
    if (!r.ok()) return RefuseBeforeAuthentication("a malformed request header");
    const auto key = static_cast<protocol::ApiKey>(h.api_key);
    if (key == protocol::ApiKey::kApiVersions && sasl_state_ == SaslState::kHandshake) return true;
    if (key == protocol::ApiKey::kSaslHandshake && sasl_state_ == SaslState::kHandshake && h.api_version >= 0 &&
        h.api_version <= protocol::SaslHandshakeRequest::kMaxVersion) {
      protocol::SaslHandshakeRequest request;
      request.Decode(r, h.api_version);
      if (!r.ok()) return RefuseBeforeAuthentication("a malformed SaslHandshake");
      protocol::SaslHandshakeResponse response;
      response.mechanisms = sasl_->mechanisms;
      const bool enabled = sasl_->Enabled(request.mechanism);
      if (enabled) {
        sasl_mechanism_ = request.mechanism;
        sasl_session_ = sasl_->NewSession(request.mechanism);
        sasl_state_ = h.api_version == 0 ? SaslState::kRawToken : SaslState::kAuthenticate;
      } else {
        response.error_code = protocol::Wire(protocol::ErrorCode::kUnsupportedSaslMechanism);
        LogAuthFailure("SASL", "unsupported mechanism '" + request.mechanism + "'");
      }
      protocol::Writer w;
      protocol::EncodeResponseHeader(w, h.correlation_id, 0);
      response.Encode(w, h.api_version);
      SendInternal(std::move(w), !enabled);
      return false;
    }
    if (key == protocol::SaslAuthenticateRequest::kApiKey && sasl_state_ == SaslState::kAuthenticate &&
        h.api_version >= 0 && h.api_version <= protocol::SaslAuthenticateRequest::kMaxVersion) {
      const bool flexible = h.api_version >= protocol::SaslAuthenticateRequest::kFirstFlexibleVersion;
      if (flexible) r.SkipTaggedFields();
      protocol::SaslAuthenticateRequest request;
      request.Decode(r, h.api_version);
      if (!r.ok()) return RefuseBeforeAuthentication("a malformed SaslAuthenticate");
      protocol::SaslAuthenticateResponse response;
      security::SaslStep step = EvaluateToken(request.auth_bytes);
      const bool failed = step.state == security::SaslStep::State::kFailed;
      if (step.state == security::SaslStep::State::kDone) SaslAuthenticated(step.user);
      if (failed) {
        // The same answer for an unknown user and a wrong password (the mechanism's session ensures it).
        response.error_code = protocol::Wire(protocol::ErrorCode::kSaslAuthenticationFailed);
        response.error_message = step.error;
        LogAuthFailure("SASL/" + sasl_mechanism_, step.error);
      } else {
        response.auth_bytes.assign(step.challenge.begin(), step.challenge.end());
      }
      protocol::Writer w;
      protocol::EncodeResponseHeader(w, h.correlation_id, flexible ? 1 : 0);
      response.Encode(w, h.api_version);
      SendInternal(std::move(w), failed);
      return false;
    }
    // Kafka: "Unexpected Kafka request of type X during SASL handshake" (IllegalSaslStateException), closed.
    return RefuseBeforeAuthentication(std::string(protocol::ApiKeyName(h.api_key)) + " v" +
                                      std::to_string(h.api_version));
  }

  bool RefuseBeforeAuthentication(const std::string& what) {
    LogAuthFailure("SASL", "unexpected " + what + " before authentication");
    Close();
    return false;
  }

  security::SaslStep EvaluateToken(std::span<const uint8_t> token) {
    if (sasl_session_) return sasl_session_->Evaluate(token);
    security::SaslStep failed;
    failed.error = "Authentication failed: mechanism " + sasl_mechanism_ + " is not available";
    return failed;
  }

  void SaslAuthenticated(const std::string& user) {
    sasl_state_ = SaslState::kAuthenticated;
    sasl_session_.reset();
    info_.principal = "User:" + user;  // the SASL identity wins over a TLS certificate's, as in Kafka
  }

  // Queues an answer the connection produced itself (not the handler); `close_after` closes once it is sent.
  void SendInternal(protocol::Writer body, bool close_after) {
    if (close_after) close_after_write_ = true;
    Response r;
    r.body = std::move(body);
    OnResponse(std::move(r));
  }

  void ReadSize() {
    if (closed_ || close_after_write_ || muted_) return;
    if (outgoing_.size() >= kMaxQueuedResponses) {
      reading_paused_ = true;
      return;
    }
    auto done = [self = shared_from_this()](asio::error_code ec, size_t) { self->OnSize(ec); };
    if (tls_) return tls_->AsyncRead(size_buf_.data(), size_buf_.size(), std::move(done));
    asio::async_read(socket_, asio::buffer(size_buf_), asio::bind_executor(strand_, std::move(done)));
  }

  void OnSize(asio::error_code ec) {
    if (ec) {
      if (ec != asio::error::eof && ec != asio::ssl::error::stream_truncated) spdlog::debug("connection {} from {}: read failed: {}", info_.id, info_.peer, ec.message());
      return Close();
    }
    int32_t size = static_cast<int32_t>(LoadBe32(size_buf_.data()));
    if (sasl_ && sasl_state_ != SaslState::kAuthenticated) {
      // Before authentication a frame is at most sasl.server.max.receive.size (Kafka's 512 KiB), so an
      // unauthenticated client cannot make the broker buffer a request-sized frame; a raw SASL token (after
      // SaslHandshake v0) may be shorter than any request.
      if (size < (sasl_state_ == SaslState::kRawToken ? 1 : kMinRequestBytes) || size > kSaslMaxReceiveBytes) {
        LogAuthFailure("SASL", "frame of " + std::to_string(size) + " bytes before authentication (allowed 1.." +
                                   std::to_string(kSaslMaxReceiveBytes) + ")");
        return Close();
      }
    } else if (size < kMinRequestBytes || size > server_.options.max_request_bytes) {
      // Refused before allocating: a hostile or broken size never drives an allocation.
      spdlog::warn("closing connection {} from {}: request size {} outside [{}, {}] (socket.request.max.bytes)",
                   info_.id, info_.peer, size, kMinRequestBytes, server_.options.max_request_bytes);
      return Close();
    }
    expected_ = static_cast<size_t>(size);
    received_ = 0;
    frame_.clear();
    ReadBody();
  }

  // Grows the buffer (doubling, from a first chunk) when it is full, charging the growth to the server's
  // RequestMemoryPool (queued.max.request.bytes). When the pool says no, the connection stops reading — its bytes
  // wait in the socket and TCP pushes back on the client, Kafka's muted channel — until it is woken.
  void ReadBody() {
    if (closed_) return;
    if (received_ == frame_.size()) {
      const size_t target = std::min(expected_, std::max(kFirstChunkBytes, received_ * 2));
      const int64_t growth = static_cast<int64_t>(target) - charged_;
      auto wake = [self = shared_from_this()] { asio::post(self->strand_, [self] { self->ReadBody(); }); };
      const bool granted = reading_ ? pool_->TryGrow(ticket_, growth, std::move(wake))
                                    : pool_->TryStart(growth, &ticket_, std::move(wake));
      if (!granted) {
        spdlog::debug("connection {} from {}: queued.max.request.bytes reached, not reading until memory is released",
                      info_.id, info_.peer);
        return;
      }
      reading_ = true;
      charged_ += growth;
      frame_.reserve(target);
      frame_.resize(target);
    }
    auto done = [self = shared_from_this()](asio::error_code ec, size_t n) { self->OnBodyBytes(ec, n); };
    uint8_t* into = frame_.data() + received_;
    const size_t room = frame_.size() - received_;
    if (tls_) return tls_->AsyncReadSome(into, room, std::move(done));
    socket_.async_read_some(asio::buffer(into, room), asio::bind_executor(strand_, std::move(done)));
  }

  void OnBodyBytes(asio::error_code ec, size_t n) {
    if (ec) {
      spdlog::debug("connection {} from {}: read failed mid-request: {}", info_.id, info_.peer, ec.message());
      return Close();
    }
    received_ += n;
    last_active_ms_ = MonotonicMs();
    if (received_ < expected_) return ReadBody();
    reading_ = false;
    pool_->FinishReading(ticket_);
    OnFrame();
  }

  void OnFrame() {
    if (sasl_ && sasl_state_ != SaslState::kAuthenticated && !OnSaslFrame()) return;
    in_flight_ = true;
    // While a request waits (a long-poll fetch, an admin call in ZooKeeper) no socket operation is pending:
    // the server holds the connection until it is answered, the sink only a weak reference.
    server_.HoldUntilAnswered(info_.id, shared_from_this());
    auto answer = std::make_shared<PendingAnswer>(weak_from_this());
    server_.handler->HandleRequest(info_, std::span<const uint8_t>(frame_.data(), expected_),
                                   [answer = std::move(answer)](Response response) {
                                     answer->Answer(std::move(response));
                                   });
  }

  // The request's bytes are no longer needed (answered, or the connection closed mid-read): give them back.
  void ReleaseRequestMemory() {
    if (reading_) {
      reading_ = false;
      pool_->FinishReading(ticket_);
    }
    if (charged_ > 0) {
      pool_->Release(charged_);
      charged_ = 0;
    }
    if (frame_.capacity() > kKeptBufferBytes) {
      std::vector<uint8_t>().swap(frame_);
    } else {
      frame_.clear();
    }
  }

  void OnResponse(Response response) {
    server_.Answered(info_.id);  // the posted task that called us still holds a reference
    in_flight_ = false;
    ReleaseRequestMemory();
    last_active_ms_ = MonotonicMs();
    if (closed_) return;
    if (response.kind == Response::Kind::kClose) return Close();
    if (response.kind == Response::Kind::kSend) {
      auto out = std::make_unique<Outgoing>();
      StoreBe32(out->prefix.data(), static_cast<uint32_t>(response.body.size()));
      out->body = std::move(response.body);
      out->mute_ms = response.mute_ms;
      out->on_sent = std::move(response.on_sent);
      // Muted from now on; the throttle time counts from the moment the answer is sent (Kafka's
      // THROTTLE_STARTED on response send).
      if (response.mute_ms > 0) muted_ = true;
      outgoing_.push_back(std::move(out));
      if (!writing_) WriteNext();
    } else if (response.mute_ms > 0) {
      Mute(response.mute_ms);  // no answer (acks=0): muted at once
    }
    ReadSize();
  }

  // KIP-219: a throttled client's connection reads no request until the throttle time has passed; its next
  // requests wait in the socket (TCP pushes back), as Kafka mutes the channel.
  void Mute(int32_t ms) {
    muted_ = true;
    mute_timer_.expires_after(std::chrono::milliseconds(ms));
    mute_timer_.async_wait(asio::bind_executor(strand_, [self = shared_from_this()](asio::error_code ec) {
      if (ec) return;
      self->muted_ = false;
      self->last_active_ms_ = MonotonicMs();
      self->ReadSize();
    }));
  }

  void WriteNext() {
    if (closed_) return;
    // Progress on a response counts as activity: a slow reader of a big fetch is not idle.
    last_active_ms_ = MonotonicMs();
    if (outgoing_.empty()) {
      writing_ = false;
      if (close_after_write_) return Close();
      if (reading_paused_) {
        reading_paused_ = false;
        ReadSize();
      }
      return;
    }
    writing_ = true;
    Outgoing& out = *outgoing_.front();
    if (out.on_sent && out.write_start_ns == 0) out.write_start_ns = SteadyNanos();
    const auto& bytes = out.body.bytes();
    const auto& splices = out.body.splices();
    size_t chunk_end = out.splice_index < splices.size() ? splices[out.splice_index].at : bytes.size();
    if (!out.prefix_sent || out.byte_pos < chunk_end) {
      std::array<asio::const_buffer, 2> buffers = {
          asio::buffer(out.prefix.data(), out.prefix_sent ? 0 : 4),
          asio::buffer(bytes.data() + out.byte_pos, chunk_end - out.byte_pos)};
      out.prefix_sent = true;
      out.byte_pos = chunk_end;
      if (tls_) return tls_->AsyncWrite(buffers, WriteDone());
      asio::async_write(socket_, buffers,
                        asio::bind_executor(strand_, [done = WriteDone()](asio::error_code ec, size_t) { done(ec); }));
      return;
    }
    if (out.splice_index < splices.size()) {
      if (tls_) return SendRegionTls(out, splices[out.splice_index].region);
      return SendRegion(out, splices[out.splice_index].region);
    }
    if (out.mute_ms > 0) Mute(out.mute_ms);
    if (out.on_sent) out.on_sent->OnSent(out.write_start_ns, SteadyNanos());
    outgoing_.pop_front();
    WriteNext();
  }

  // Sends the current file region with sendfile(2): the page cache goes straight to the socket.
  void SendRegion(Outgoing& out, const FileRegion& region) {
    while (out.region_sent < region.length) {
      off_t pos = static_cast<off_t>(region.position + out.region_sent);
      size_t want = static_cast<size_t>(region.length - out.region_sent);
      ssize_t n = ::sendfile(socket_.native_handle(), region.file->fd(), &pos, want);
      if (n > 0) {
        out.region_sent += n;
        continue;
      }
      const int err = errno;
      if (n < 0 && err == EPIPE) ConsumePendingSigpipe();
      if (n < 0 && (err == EAGAIN || err == EWOULDBLOCK)) {
        socket_.async_wait(tcp::socket::wait_write,
                           asio::bind_executor(strand_, [self = shared_from_this()](asio::error_code ec) {
                             if (ec) return self->Close();
                             self->WriteNext();
                           }));
        return;
      }
      // n == 0: the file is shorter than the region (truncated under us); the response can't be completed.
      if (n < 0 && (err == EPIPE || err == ECONNRESET)) {
        spdlog::debug("connection {} from {}: client gone mid-response", info_.id, info_.peer);
      } else {
        spdlog::warn("connection {}: sendfile failed ({}), closing", info_.id, n < 0 ? strerror(err) : "short file");
      }
      return Close();
    }
    out.splice_index++;
    out.region_sent = 0;
    WriteNext();
  }

  // Without kernel TLS, sendfile cannot encrypt: the region is read a chunk at a time into the connection's reused
  // buffer and written through the TLS stream. The write completes before the next chunk is read, so one buffer
  // serves.
  void SendRegionTls(Outgoing& out, const FileRegion& region) {
    if (out.region_sent >= region.length) {
      out.splice_index++;
      out.region_sent = 0;
      return WriteNext();
    }
    if (tls_->kernel_tls()) {
      // The kernel encrypts: the page cache goes to the socket as with sendfile(2), through SSL_sendfile.
      const size_t want = static_cast<size_t>(region.length - out.region_sent);
      return tls_->AsyncSendFile(region.file->fd(), region.position + out.region_sent, want,
                                 [self = shared_from_this(), &out](asio::error_code ec, size_t n) {
                                   if (ec) return self->Close();
                                   out.region_sent += static_cast<int64_t>(n);
                                   self->WriteNext();
                                 });
    }
    if (region_buffer_.empty()) region_buffer_.resize(kTlsRegionChunkBytes);
    const size_t want = static_cast<size_t>(
        std::min<int64_t>(region.length - out.region_sent, static_cast<int64_t>(region_buffer_.size())));
    ssize_t n;
    do {
      n = ::pread(region.file->fd(), region_buffer_.data(), want,
                  static_cast<off_t>(region.position + out.region_sent));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      // The file is shorter than the region (truncated under us) or unreadable: the response can't be completed.
      spdlog::warn("connection {}: reading a file region failed ({}), closing", info_.id,
                   n < 0 ? strerror(errno) : "short file");
      return Close();
    }
    out.region_sent += n;
    const asio::const_buffer chunk(region_buffer_.data(), static_cast<size_t>(n));
    tls_->AsyncWrite(std::span(&chunk, 1), WriteDone());
  }

  // What a write's completion does: the next bytes of the queue, or closing on an error.
  TlsSocket::Done WriteDone() {
    return [self = shared_from_this()](asio::error_code ec) {
      if (ec) return self->Close();
      self->WriteNext();
    };
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    handshake_timer_.cancel();
    mute_timer_.cancel();
    asio::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    // A request in flight keeps its bytes until the handler answers (its frame must stay valid until then).
    if (!in_flight_) ReleaseRequestMemory();
    server_.Unregister(info_.id, ip_);
  }

  ServerState& server_;
  std::shared_ptr<RequestMemoryPool> pool_;
  asio::strand<asio::io_context::executor_type> strand_;
  tcp::socket socket_;
  std::unique_ptr<TlsSocket> tls_;  // over socket_, for TLS listeners; declared after it (destroyed first)
  asio::steady_timer handshake_timer_;
  asio::steady_timer mute_timer_;
  bool muted_ = false;  // KIP-219 throttle: not reading until mute_timer_ fires
  std::shared_ptr<const security::PrincipalMapper> principal_mapper_;
  bool handshake_done_ = false;
  enum class SaslState { kHandshake, kAuthenticate, kRawToken, kAuthenticated };
  std::shared_ptr<const security::SaslServerConfig> sasl_;  // null: not a SASL listener
  SaslState sasl_state_ = SaslState::kHandshake;
  std::string sasl_mechanism_;
  std::unique_ptr<security::SaslServerSession> sasl_session_;  // the exchange in progress
  bool close_after_write_ = false;  // a refusal is being sent; no more requests are read
  std::vector<uint8_t> region_buffer_;  // TLS only: file regions pass through it
  const std::string ip_;  // the peer's address, for max.connections.per.ip
  ConnectionInfo info_;
  std::array<uint8_t, 4> size_buf_{};
  size_t expected_ = 0;  // size of the request being read
  size_t received_ = 0;  // body bytes of it read so far
  int64_t charged_ = 0;  // bytes of its buffer charged to the pool (until answered)
  bool reading_ = false;  // started in the pool (ticket_ valid) and not read whole yet
  uint64_t ticket_ = 0;
  std::vector<uint8_t> frame_;
  std::deque<std::unique_ptr<Outgoing>> outgoing_;
  bool writing_ = false;
  bool reading_paused_ = false;
  bool closed_ = false;
  std::atomic<bool> in_flight_{false};
  std::atomic<int64_t> last_active_ms_{0};
};

void PendingAnswer::Deliver(Response response) {
  // Expired: the server stopped (or the connection was closed and answered already); the answer is dropped.
  if (auto connection = connection_.lock()) connection->PostResponse(std::move(response));
}

}  // namespace

class TcpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler* handler) {
    state_.options = std::move(options);
    state_.handler = handler;
    state_.pool = std::make_shared<RequestMemoryPool>(state_.options.queued_max_request_bytes);
  }

  Status Start() {
    for (const auto& l : state_.options.listeners) {
      // Defence in depth behind BrokerConfig: a listener is never served with less security than it names.
      if (security::UsesSasl(l.protocol) && (!l.sasl || l.sasl->mechanisms.empty())) {
        return Status::InvalidArgument("listener " + l.name + ": " + security::SecurityProtocolName(l.protocol) +
                                       " needs SASL mechanisms (sasl.enabled.mechanisms)");
      }
      if (security::UsesTls(l.protocol) && !l.tls) {
        return Status::InvalidArgument("listener " + l.name + ": " + security::SecurityProtocolName(l.protocol) +
                                       " needs a TLS context (ssl.keystore.*)");
      }
    }
    for (const auto& l : state_.options.listeners) {
      asio::error_code ec;
      auto address = asio::ip::make_address(l.host.empty() ? "0.0.0.0" : l.host, ec);
      if (ec) {
        // A host name: resolve it.
        tcp::resolver resolver(state_.io);
        auto results = resolver.resolve(l.host, std::to_string(l.port), ec);
        if (ec || results.empty()) return Status::InvalidArgument("listener " + l.name + ": cannot resolve " + l.host);
        address = results.begin()->endpoint().address();
      }
      auto acceptor = std::make_unique<tcp::acceptor>(state_.io);
      tcp::endpoint ep(address, static_cast<unsigned short>(l.port));
      acceptor->open(ep.protocol(), ec);
      if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
      if (!ec) acceptor->bind(ep, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
        std::string what = "listener " + l.name + " on " + (l.host.empty() ? "*" : l.host) + ":" +
                           std::to_string(l.port) + ": " + ec.message();
        return ec == asio::error::address_in_use ? Status::AddressInUse(what) : Status::IOError(what);
      }
      auto a = std::make_unique<Acceptor>(state_.io);
      a->socket = std::move(acceptor);
      a->name = l.name;
      a->config = l;
      acceptors_.push_back(std::move(a));
    }
    ScheduleIdleSweep();
    int n = std::max(1, state_.options.network_threads);
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this] {
        BlockSigpipeInThisThread();
        state_.io.run();
      });
    }
    return Status::Ok();
  }

  void Serve() {
    asio::post(state_.io, [this] {
      if (stopped_) return;
      for (size_t i = 0; i < acceptors_.size(); ++i) Accept(i);
    });
  }

  void Stop() {
    if (stopped_.exchange(true)) return;
    if (threads_.empty()) {
      // Start failed (a bind) or never ran: no loop to post to, no connection to close.
      asio::error_code ec;
      for (auto& a : acceptors_) a->socket->close(ec);
      return;
    }
    // Close the acceptors and every connection on the loop, and wait until that is done (bounded: a handler
    // that never returns must not hang the shutdown).
    struct Pending {
      std::mutex mu;
      std::condition_variable cv;
      size_t left = 1;  // the posted task itself
    };
    auto pending = std::make_shared<Pending>();
    auto done_one = [pending] {
      std::lock_guard<std::mutex> lock(pending->mu);
      if (--pending->left == 0) pending->cv.notify_all();
    };
    asio::post(state_.io, [this, pending, done_one] {
      asio::error_code ec;
      for (auto& a : acceptors_) {
        a->socket->close(ec);
        a->retry.cancel();
      }
      sweep_timer_.cancel();
      std::vector<std::shared_ptr<Connection>> live;
      {
        std::lock_guard<std::mutex> lock(state_.mu);
        for (auto& [id, weak] : state_.connections)
          if (auto c = weak.lock()) live.push_back(c);
      }
      {
        std::lock_guard<std::mutex> lock(pending->mu);
        pending->left += live.size();
      }
      for (auto& c : live) c->CloseSoon(done_one);
      done_one();
    });
    {
      std::unique_lock<std::mutex> lock(pending->mu);
      pending->cv.wait_for(lock, std::chrono::seconds(5), [&] { return pending->left == 0; });
    }
    state_.io.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    state_.TakeAllAwaiting();  // requests still unanswered: their connections go now, while `io` exists
    state_.pool->DropWaiters();
  }

  int BoundPort(size_t i) const {
    if (i >= acceptors_.size()) return -1;
    asio::error_code ec;
    return acceptors_[i]->socket->local_endpoint(ec).port();
  }

  size_t ConnectionCount() const {
    std::lock_guard<std::mutex> lock(state_.mu);
    return state_.connections.size();
  }

  int64_t QueuedRequestBytes() const { return state_.pool->used(); }

 private:
  // One listener. Its accept chain is sequential (each handler starts the next accept or the retry timer), so
  // the back-off state needs no lock.
  struct Acceptor {
    explicit Acceptor(asio::io_context& io) : retry(io) {}
    std::unique_ptr<tcp::acceptor> socket;
    std::string name;
    ListenerConfig config;
    asio::steady_timer retry;
    int64_t backoff_ms = 0;
    RateLimitedLog failures{kRepeatedLogIntervalMs};
  };

  void Accept(size_t index) {
    acceptors_[index]->socket->async_accept([this, index](asio::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || stopped_) return;
      if (ec) return OnAcceptFailed(index, ec);
      acceptors_[index]->backoff_ms = 0;
      Admit(*acceptors_[index], std::move(socket));
      Accept(index);
    });
  }

  // EMFILE/ENFILE leave the connection in the backlog and the listen socket readable: retrying at once would
  // spin. Existing connections are served meanwhile (they run on the same threads, between the retries).
  void OnAcceptFailed(size_t index, const asio::error_code& ec) {
    Acceptor& a = *acceptors_[index];
    a.backoff_ms = a.backoff_ms == 0 ? kAcceptBackoffFirstMs : std::min(a.backoff_ms * 2, kAcceptBackoffMaxMs);
    uint64_t count = 0;
    if (a.failures.ShouldLog(MonotonicMs(), &count)) {
      spdlog::warn("accept on {} failed: {} ({} time(s) since the last report); retrying every {}-{} ms, "
                   "existing connections are still served",
                   a.name, ec.message(), count, kAcceptBackoffFirstMs, kAcceptBackoffMaxMs);
    }
    a.retry.expires_after(std::chrono::milliseconds(a.backoff_ms));
    a.retry.async_wait([this, index](asio::error_code wait_ec) {
      if (wait_ec || stopped_) return;
      Accept(index);
    });
  }

  // Registers the new connection unless max.connections or max.connections.per.ip is reached; a refused
  // connection is closed at once (Kafka closes connections over the per-ip limit the same way).
  void Admit(const Acceptor& a, tcp::socket socket) {
    asio::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    if (ec) return;  // the client is already gone
    std::string ip = ep.address().to_string();
    std::string refused;
    uint64_t count = 0;
    bool log = false;
    std::shared_ptr<Connection> conn;
    {
      std::lock_guard<std::mutex> lock(state_.mu);
      auto per_ip = state_.connections_per_ip.find(ip);
      if (state_.connections.size() >= static_cast<size_t>(std::max(0, state_.options.max_connections))) {
        refused = "max.connections (" + std::to_string(state_.options.max_connections) + ") reached";
      } else if (per_ip != state_.connections_per_ip.end() && per_ip->second >= state_.options.max_connections_per_ip) {
        refused = "max.connections.per.ip (" + std::to_string(state_.options.max_connections_per_ip) +
                  ") reached for " + ip;
      } else {
        SSL* ssl = a.config.tls ? a.config.tls->NewSsl() : nullptr;
        if (a.config.tls && !ssl) {
          refused = "out of memory for a TLS session";
        } else {
          conn = std::make_shared<Connection>(state_, std::move(socket), a.config, ssl, ip);
        }
      }
      if (conn) {
        state_.connections[conn->id()] = conn;
        state_.connections_per_ip[ip]++;
      }
      if (!conn) log = state_.refusals.ShouldLog(MonotonicMs(), &count);
    }
    if (conn) return conn->Start();
    if (log) spdlog::warn("refused a connection on {} from {}: {} ({} refused since the last report)", a.name, ip,
                          refused, count);
    socket.close(ec);
  }

  void ScheduleIdleSweep() {
    int64_t period = std::clamp<int64_t>(state_.options.max_idle_ms / 4, 100, 10000);
    sweep_timer_.expires_after(std::chrono::milliseconds(period));
    sweep_timer_.async_wait([this](asio::error_code ec) {
      if (ec) return;
      int64_t now = MonotonicMs();
      std::vector<std::shared_ptr<Connection>> idle;
      {
        std::lock_guard<std::mutex> lock(state_.mu);
        for (auto& [id, weak] : state_.connections)
          if (auto c = weak.lock(); c && c->IdleSince(now, state_.options.max_idle_ms)) idle.push_back(c);
      }
      for (auto& c : idle) {
        spdlog::debug("closing idle connection {}", c->id());
        c->CloseSoon();
      }
      ScheduleIdleSweep();
    });
  }

  mutable ServerState state_;
  std::vector<std::unique_ptr<Acceptor>> acceptors_;
  std::vector<std::thread> threads_;
  asio::steady_timer sweep_timer_{state_.io};
  std::atomic<bool> stopped_{false};
};

TcpServer::TcpServer(ServerOptions options, RequestHandler* handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}
TcpServer::~TcpServer() { Stop(); }
Status TcpServer::Start() { return impl_->Start(); }
void TcpServer::Serve() { impl_->Serve(); }
void TcpServer::Stop() { impl_->Stop(); }
int TcpServer::BoundPort(size_t i) const { return impl_->BoundPort(i); }
size_t TcpServer::ConnectionCount() const { return impl_->ConnectionCount(); }
int64_t TcpServer::QueuedRequestBytes() const { return impl_->QueuedRequestBytes(); }

}  // namespace partita::net
