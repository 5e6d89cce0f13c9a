// Unit tests for engine/client's BrokerConnection and error helpers, against a scripted peer on a loopback
// socket (a fake behind the wire, not a broker): handshake and version choice, the ApiVersions v0 fallback,
// and the error paths a real network produces - refused connections, silence, oversized frames, a wrong
// correlation id - each of which must name the peer and never crash.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <atomic>
#include <functional>
#include <thread>

#include "engine/client/broker_connection.h"
#include "engine/client/cluster_client.h"
#include "engine/common/endian.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/metadata.h"

using namespace partita;
using namespace partita::client;

namespace {

struct Request {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
};

// Accepts one connection and answers each request frame with reply(request) (empty = stay silent).
class ScriptedPeer {
 public:
  using Reply = std::function<std::vector<uint8_t>(const Request&)>;
  explicit ScriptedPeer(Reply reply) : reply_(std::move(reply)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listen_fd_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedPeer() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    if (conn_fd_ >= 0) ::shutdown(conn_fd_, SHUT_RDWR);
    thread_.join();
    if (conn_fd_ >= 0) ::close(conn_fd_);
  }
  int port() const { return port_; }
  int requests() const { return requests_; }

 private:
  void Serve() {
    conn_fd_ = ::accept(listen_fd_, nullptr, nullptr);
    if (conn_fd_ < 0) return;
    while (!stop_) {
      uint8_t len_buf[4];
      if (!ReadAll(len_buf, 4)) return;
      std::vector<uint8_t> body(LoadBe32(len_buf));
      if (!ReadAll(body.data(), body.size())) return;
      Request r{static_cast<int16_t>(LoadBe16(body.data())), static_cast<int16_t>(LoadBe16(body.data() + 2)),
                static_cast<int32_t>(LoadBe32(body.data() + 4))};
      ++requests_;
      std::vector<uint8_t> out = reply_(r);
      if (!out.empty()) ::send(conn_fd_, out.data(), out.size(), MSG_NOSIGNAL);
    }
  }
  bool ReadAll(uint8_t* p, size_t n) {
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::recv(conn_fd_, p + got, n - got, 0);
      if (r <= 0) return false;
      got += static_cast<size_t>(r);
    }
    return true;
  }
  Reply reply_;
  int listen_fd_ = -1;
  int conn_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

std::vector<uint8_t> Frame(int32_t correlation_id, const protocol::Writer& body) {
  protocol::Writer w;
  size_t at = w.ReserveInt32();
  w.WriteInt32(correlation_id);
  w.WriteRaw(body.bytes());
  w.PatchInt32(at, static_cast<int32_t>(w.size() - 4));
  return w.TakeBytes();
}

std::vector<uint8_t> ApiVersionsAnswer(const Request& r) {
  protocol::ApiVersionsResponse resp;
  resp.api_keys = {{18, 0, 3}, {3, 0, 12}, {19, 2, 4}};
  protocol::Writer body;
  resp.Encode(body, r.api_version);
  return Frame(r.correlation_id, body);
}

ConnectionOptions FastOptions() {
  ConnectionOptions o;
  o.connect_timeout_ms = 3000;
  o.request_timeout_ms = 500;
  return o;
}

}  // namespace

class TestClientConnection : public QObject {
  Q_OBJECT
 private slots:
  void handshakePicksHighestCommonVersion() {
    ScriptedPeer peer([](const Request& r) { return ApiVersionsAnswer(r); });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY2(conn.ok(), conn.status().ToString().c_str());
    QCOMPARE((*conn)->peer(), "127.0.0.1:" + std::to_string(peer.port()));
    auto md = (*conn)->PickVersion<protocol::MetadataRequest>();
    QVERIFY(md.ok());
    QCOMPARE(*md, protocol::MetadataRequest::kMaxVersion);  // ours (9) is below the broker's 12
    auto ct = (*conn)->PickVersion<protocol::CreateTopicsRequest>();
    QVERIFY(ct.ok());
    QCOMPARE(*ct, int16_t(4));  // the broker's max is below ours
    auto dc = (*conn)->PickVersion<protocol::DescribeConfigsRequest>();
    QVERIFY(!dc.ok());
    QCOMPARE(dc.status().code(), Status::Code::kUnsupported);
    QVERIFY2(dc.status().message().find("DescribeConfigs") != std::string::npos, dc.status().message().c_str());
    QVERIFY(dc.status().message().find("127.0.0.1:") != std::string::npos);
  }

  void apiVersionsFallsBackToV0() {
    // A broker that does not know ApiVersions v3 answers in v0 layout with UNSUPPORTED_VERSION.
    ScriptedPeer peer([](const Request& r) {
      if (r.api_version == 3) {
        protocol::ApiVersionsResponse err;
        err.error_code = 35;
        err.api_keys = {{18, 0, 2}};
        protocol::Writer body;
        err.Encode(body, 0);
        return Frame(r.correlation_id, body);
      }
      return ApiVersionsAnswer(r);
    });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY2(conn.ok(), conn.status().ToString().c_str());
    QCOMPARE(peer.requests(), 2);
    QVERIFY((*conn)->BrokerVersions(protocol::ApiKey::kMetadata).has_value());
  }

  void refusedConnectionNamesPeer() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    const int port = ntohs(addr.sin_port);
    ::close(fd);  // nobody listens there now
    auto conn = BrokerConnection::Connect("127.0.0.1", port, FastOptions());
    QVERIFY(!conn.ok());
    QCOMPARE(conn.status().code(), Status::Code::kUnavailable);
    QVERIFY2(conn.status().message().find("127.0.0.1:" + std::to_string(port)) != std::string::npos,
             conn.status().message().c_str());
    auto client = ClusterClient::Connect("127.0.0.1:" + std::to_string(port));
    QVERIFY(!client.ok());
    QVERIFY2(client.status().message().find("127.0.0.1:" + std::to_string(port)) != std::string::npos,
             client.status().message().c_str());
  }

  void silentPeerTimesOut() {
    ScriptedPeer peer([](const Request& r) {
      if (r.api_key == 18) return ApiVersionsAnswer(r);
      return std::vector<uint8_t>{};
    });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY(conn.ok());
    QElapsedTimer t;
    t.start();
    auto md = (*conn)->Send<protocol::MetadataRequest, protocol::MetadataResponse>(protocol::MetadataRequest{});
    QVERIFY(!md.ok());
    QCOMPARE(md.status().code(), Status::Code::kTimeout);
    QVERIFY(t.elapsed() < 5000);
    QVERIFY2(md.status().message().find("Metadata") != std::string::npos, md.status().message().c_str());
    QVERIFY(!(*conn)->connected());
  }

  void oversizedFrameIsRefused() {
    ScriptedPeer peer([](const Request& r) {
      if (r.api_key == 18) return ApiVersionsAnswer(r);
      return std::vector<uint8_t>{0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0};
    });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY(conn.ok());
    auto md = (*conn)->Send<protocol::MetadataRequest, protocol::MetadataResponse>(protocol::MetadataRequest{});
    QVERIFY(!md.ok());
    QCOMPARE(md.status().code(), Status::Code::kCorruption);
    QVERIFY2(md.status().message().find("2147483647") != std::string::npos, md.status().message().c_str());
    QVERIFY(!(*conn)->connected());
  }

  void wrongCorrelationIdIsRefused() {
    ScriptedPeer peer([](const Request& r) {
      if (r.api_key == 18) return ApiVersionsAnswer(r);
      protocol::Writer body;
      protocol::MetadataResponse{}.Encode(body, r.api_version);
      return Frame(r.correlation_id + 100, body);
    });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY(conn.ok());
    auto md = (*conn)->Send<protocol::MetadataRequest, protocol::MetadataResponse>(protocol::MetadataRequest{});
    QVERIFY(!md.ok());
    QVERIFY2(md.status().message().find("correlation id") != std::string::npos, md.status().message().c_str());
  }

  void truncatedBodyIsCorruption() {
    ScriptedPeer peer([](const Request& r) {
      if (r.api_key == 18) return ApiVersionsAnswer(r);
      protocol::Writer body;
      body.WriteInt32(0);  // throttle, then nothing: the broker array is missing
      return Frame(r.correlation_id, body);
    });
    auto conn = BrokerConnection::Connect("127.0.0.1", peer.port(), FastOptions());
    QVERIFY(conn.ok());
    auto md = (*conn)->Send<protocol::MetadataRequest, protocol::MetadataResponse>(protocol::MetadataRequest{});
    QVERIFY(!md.ok());
    QCOMPARE(md.status().code(), Status::Code::kCorruption);
    QVERIFY2(md.status().message().find("does not decode") != std::string::npos, md.status().message().c_str());
  }

  void parseHostPort() {
    auto a = ParseHostPort("localhost:9092");
    QVERIFY(a.ok());
    QCOMPARE(a->first, std::string("localhost"));
    QCOMPARE(a->second, 9092);
    auto b = ParseHostPort("[::1]:19092");
    QVERIFY(b.ok());
    QCOMPARE(b->first, std::string("::1"));
    QVERIFY(!ParseHostPort("localhost").ok());
    QVERIFY(!ParseHostPort("localhost:0").ok());
    QVERIFY(!ParseHostPort("localhost:99999").ok());
    QVERIFY(!ParseHostPort("localhost:12x").ok());
    QVERIFY(!ClusterClient::Connect("").ok());
    QVERIFY(!ClusterClient::Connect(" , ").ok());
  }

  void kafkaErrorsMapToStatus() {
    QVERIFY(KafkaError(0, "x").ok());
    Status exists = KafkaError(36, "CreateTopics 't' on controller 1 (h:1)", std::string("Topic 't' already exists."));
    QCOMPARE(exists.code(), Status::Code::kAlreadyExists);
    QCOMPARE(exists.message(),
             std::string("CreateTopics 't' on controller 1 (h:1): TOPIC_ALREADY_EXISTS: Topic 't' already exists."));
    QCOMPARE(KafkaError(3, "x").code(), Status::Code::kNotFound);
    QVERIFY(KafkaError(3, "x").message().find("UNKNOWN_TOPIC_OR_PARTITION") != std::string::npos);
    QCOMPARE(KafkaError(41, "x").code(), Status::Code::kUnavailable);
    QCOMPARE(KafkaError(7, "x").code(), Status::Code::kTimeout);
    QCOMPARE(KafkaError(37, "x").code(), Status::Code::kInvalidArgument);
  }
};

QTEST_GUILESS_MAIN(TestClientConnection)
#include "test_client_connection.moc"
