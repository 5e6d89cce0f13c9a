// BrokerConnection: one blocking TCP connection to one Kafka-protocol broker, speaking through the message
// structs of engine/protocol/messages. Connect() opens the socket (bounded by a timeout) and performs the
// ApiVersions handshake, keeping the broker's version ranges so that Send() can pick
// min(our max, broker max) for each API. Every request gets a fresh correlation id, and the response must
// carry it back; response frames are bounded by max_response_bytes so a hostile peer cannot make us allocate
// without limit. Errors name the peer ("127.0.0.1:9092") and say what failed; after an I/O or framing error
// the connection is closed and stays closed (the caller reconnects).
// With options.tls the connection runs TLS (SSL / SASL_SSL listeners): the handshake follows the TCP connect
// within the same connect timeout, verifies the broker's certificate against the trust store and, as
// ssl.endpoint.identification.algorithm=https does, its host name or IP; a failure says what the certificate
// problem is ("certificate has expired", "Hostname mismatch", ...). With options.sasl_mechanism the connection
// logs in (SASL PLAIN or SCRAM) right after ApiVersions; a refused login says so and names the broker.
// Ownership: owns its socket. Thread safety: none; one thread at a time (ClusterClient serializes callers).
// Blocking: every call waits at most its timeout; call it from a worker thread, never the GUI thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status.h"
#include "engine/protocol/api_key.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/request_header.h"
#include "engine/protocol/writer.h"
#include "engine/security/tls_context.h"

namespace partita::client {

struct ConnectionOptions {
  std::string client_id = "partita";
  int connect_timeout_ms = 10000;
  int request_timeout_ms = 30000;
  // Upper bound for one response frame (Fetch answers are the big ones).
  int32_t max_response_bytes = 128 << 20;
  // A client TLS context (security::TlsContext::ForClient) for SSL / SASL_SSL listeners; null = plaintext.
  std::shared_ptr<security::TlsContext> tls;
  // SASL for SASL_PLAINTEXT / SASL_SSL listeners: after ApiVersions, SaslHandshake v1 + SaslAuthenticate (KIP-152).
  // PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802) are spoken; an empty mechanism means no SASL.
  std::string sasl_mechanism;
  std::string sasl_username;
  std::string sasl_password;
};

// Sentinel for Send(): choose the highest version both sides support.
inline constexpr int16_t kPickVersion = -1;
// The last Fetch version that names topics by name: v13+ name them by topic id (KIP-516), which a caller
// without the ids from Metadata v10+ cannot send.
inline constexpr int16_t kLastFetchVersionByName = 12;

class BrokerConnection {
 public:
  // Connects to host:port and runs the ApiVersions handshake.
  static Result<std::unique_ptr<BrokerConnection>> Connect(const std::string& host, int port,
                                                           const ConnectionOptions& options = {});
  ~BrokerConnection();
  BrokerConnection(const BrokerConnection&) = delete;
  BrokerConnection& operator=(const BrokerConnection&) = delete;

  // "host:port", for messages.
  const std::string& peer() const { return peer_; }
  bool connected() const { return fd_ >= 0; }
  bool secured() const { return ssl_ != nullptr; }
  void Close();

  // The broker's [min, max] for an API; nullopt when it does not serve it.
  std::optional<std::pair<int16_t, int16_t>> BrokerVersions(protocol::ApiKey key) const;
  const std::map<int16_t, std::pair<int16_t, int16_t>>& broker_versions() const { return versions_; }

  // Version to use for Req: min(Req::kMaxVersion, broker max), or Unsupported (naming the API and the broker)
  // when the ranges do not overlap.
  template <class Req>
  Result<int16_t> PickVersion() const {
    return PickVersionFor(Req::kApiKey, Req::kMinVersion, Req::kMaxVersion);
  }
  Result<int16_t> PickVersionFor(protocol::ApiKey key, int16_t our_min, int16_t our_max) const;

  // Sends req and waits for its response. version = kPickVersion picks with PickVersion<Req>().
  // *used_version (optional) receives the version sent. If keep_frame is given, the response frame is moved
  // into it: responses whose fields view the frame (Fetch records) stay valid as long as *keep_frame lives.
  template <class Req, class Resp>
  Result<Resp> Send(const Req& req, int16_t version = kPickVersion, int16_t* used_version = nullptr,
                    std::vector<uint8_t>* keep_frame = nullptr, int timeout_ms = -1) {
    if (version == kPickVersion) {
      auto picked = PickVersion<Req>();
      if (!picked.ok()) return picked.status();
      version = *picked;
    }
    if (used_version) *used_version = version;
    const bool flexible = version >= Req::kFirstFlexibleVersion;
    protocol::Writer body;
    req.Encode(body, version);
    std::vector<uint8_t> frame;
    PARTITA_RETURN_IF_ERROR(RoundTrip(Req::kApiKey, version, flexible ? 2 : 1, body, &frame, timeout_ms));
    // Response header: correlation id (checked in RoundTrip), plus tagged fields when flexible; ApiVersions
    // always answers with header v0.
    protocol::Reader r(frame);
    r.Skip(4);
    if (flexible && Req::kApiKey != protocol::ApiKey::kApiVersions) r.SkipTaggedFields();
    Resp resp;
    resp.Decode(r, version);
    if (!r.ok()) {
      Close();
      return Status::Corruption(DescribeApi(Req::kApiKey, version) + " response from " + peer_ +
                                " does not decode: " + r.status().message());
    }
    if (keep_frame) *keep_frame = std::move(frame);
    return resp;
  }

  // Sends a request that gets no response (Produce with acks=0).
  template <class Req>
  Status SendOneWay(const Req& req, int16_t version) {
    protocol::Writer body;
    req.Encode(body, version);
    return Write(Req::kApiKey, version, version >= Req::kFirstFlexibleVersion ? 2 : 1, body, NextCorrelationId(),
                 -1);
  }

  const ConnectionOptions& options() const { return options_; }

 private:
  BrokerConnection(int fd, std::string peer, ConnectionOptions options)
      : fd_(fd), peer_(std::move(peer)), options_(std::move(options)) {}
  Status Handshake();
  Status TlsHandshake(const std::string& host, int64_t deadline_ms);
  Status SaslLogin();
  // One non-blocking transfer attempt: bytes moved (> 0), 0 when the peer closed, or -1 with *wait_events set to
  // what to poll for before retrying (0 = a hard error, described in *error).
  ssize_t SendSome(const uint8_t* data, size_t size, short* wait_events, std::string* error);
  ssize_t RecvSome(uint8_t* data, size_t size, short* wait_events, std::string* error);
  int32_t NextCorrelationId() { return next_correlation_id_++; }
  Status Write(protocol::ApiKey key, int16_t version, int header_version, const protocol::Writer& body,
               int32_t correlation_id, int timeout_ms);
  Status RoundTrip(protocol::ApiKey key, int16_t version, int header_version, const protocol::Writer& body,
                   std::vector<uint8_t>* frame, int timeout_ms);
  Status ReadFrame(std::vector<uint8_t>* frame, int64_t deadline_ms);
  static std::string DescribeApi(protocol::ApiKey key, int16_t version);

  int fd_ = -1;
  SSL* ssl_ = nullptr;  // owned; over fd_ when the connection runs TLS
  std::string peer_;
  ConnectionOptions options_;
  int32_t next_correlation_id_ = 1;
  std::map<int16_t, std::pair<int16_t, int16_t>> versions_;
};

// Splits "host:port" (and "[v6]:port"); InvalidArgument naming the text on a bad form.
Result<std::pair<std::string, int>> ParseHostPort(const std::string& text);

}  // namespace partita::client
