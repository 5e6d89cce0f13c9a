// TcpServer: the Kafka-protocol listener. One acceptor per configured listener, a pool of network threads
// running one io_context, and per connection: size-prefixed framing, the request size limit checked before
// any allocation (socket.request.max.bytes), a request buffer that grows only as bytes arrive, answers in
// request order, idle connections closed after connections.max.idle.ms, and zero-copy sends of file regions
// with sendfile(2). Bounded resources: the bytes of all requests being read or answered together stay under
// queued.max.request.bytes (connections over it stop reading until memory is released, as Kafka mutes
// channels), max.connections / max.connections.per.ip refuse new connections beyond them, and a failing
// accept (EMFILE at the descriptor limit) backs off from 100 ms to 1 s with one log line per interval.
// The network threads block SIGPIPE (sendfile has no MSG_NOSIGNAL; a synchronous SIGPIPE goes to the writing
// thread) and consume any that is pending, so a client vanishing mid-response never kills the embedding program.
// Security (issue 10): a listener's protocol says whether its connections run TLS. A TLS connection handshakes
// without blocking the network thread (TlsSocket), is dropped when the handshake takes
// longer than tls_handshake_timeout_ms, and only then reads requests: no byte of a request is read or answered in
// the clear. File regions go out with SSL_sendfile where the kernel encrypts (kernel TLS), else through a reused
// per-connection buffer (pread + SSL_write). On SASL listeners the connection runs Kafka's SaslServerAuthenticator exchange itself (KIP-152:
// SaslHandshake, then SaslAuthenticate, or a raw token after SaslHandshake v0): before authentication only
// ApiVersions reaches the handler, anything else closes the connection, a failed login is answered
// SASL_AUTHENTICATION_FAILED and closed. Start refuses a listener whose protocol it cannot provide (TLS without
// a context, SASL without mechanisms).
// Thread safety: Start/Stop from one owner thread; the handler is called on network threads.
#pragma once

#include <cstdint>
#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/net/request_handler.h"
#include "engine/security/principal_mapper.h"
#include "engine/security/sasl_server_config.h"
#include "engine/security/security_protocol.h"
#include "engine/security/tls_context.h"

namespace partita::net {

struct ListenerConfig {
  std::string name = "PLAINTEXT";
  std::string host;  // empty or 0.0.0.0 = all interfaces
  int port = 9092;   // 0 = pick a free port (see BoundPort)
  security::SecurityProtocol protocol = security::SecurityProtocol::kPlaintext;
  std::shared_ptr<security::TlsContext> tls;  // required when the protocol uses TLS
  // ssl.principal.mapping.rules for client certificates; null = Kafka's DEFAULT (the DN itself).
  std::shared_ptr<const security::PrincipalMapper> principal_mapper;
  // Mechanisms and accounts of a SASL_PLAINTEXT / SASL_SSL listener; required for those protocols.
  std::shared_ptr<const security::SaslServerConfig> sasl;
};

struct ServerOptions {
  std::vector<ListenerConfig> listeners;
  int network_threads = 2;
  int32_t max_request_bytes = 100 * 1024 * 1024;  // socket.request.max.bytes
  int64_t max_idle_ms = 600000;                   // connections.max.idle.ms
  int64_t queued_max_request_bytes = 512LL << 20;  // queued.max.request.bytes; < 0 = unbounded
  int32_t max_connections = INT32_MAX;              // max.connections
  int32_t max_connections_per_ip = INT32_MAX;       // max.connections.per.ip
  int64_t tls_handshake_timeout_ms = 10000;         // ssl.handshake.timeout.ms (Partita's bound)
  // Every TLS connection keeps OpenSSL on its socket after the handshake, as connections with kernel TLS do; off
  // (the default), a connection without kernel TLS moves to TlsSocket's own buffers, which are faster. For tests
  // of the kernel-TLS path on kernels without it.
  bool tls_socket_transport = false;
  int32_t send_buffer_bytes = -1;                   // socket.send.buffer.bytes: SO_SNDBUF; -1 = OS default
  int32_t receive_buffer_bytes = -1;                // socket.receive.buffer.bytes: SO_RCVBUF; -1 = OS default
};

class TcpServer {
 public:
  TcpServer(ServerOptions options, RequestHandler* handler);
  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // Binds every listener and starts the network threads. Fails with the listener named if a bind fails.
  // Connections queue in the listen backlog until Serve(): a broker binds first (to learn a port picked by the
  // kernel and publish it) and takes requests once it has a settled view of the cluster.
  Status Start();
  void Serve();
  // Closes the acceptors and every connection, then joins the threads.
  void Stop();
  // The port a listener actually bound (useful with port 0).
  int BoundPort(size_t listener_index) const;
  size_t ConnectionCount() const;
  // Bytes reserved by requests being read or waiting for their answer (queued.max.request.bytes accounting).
  int64_t QueuedRequestBytes() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace partita::net
