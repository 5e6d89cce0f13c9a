// Unit tests for RequestDispatcher with a handler table holding only ApiVersions: the supported versions are
// answered from the table (response header always v0), an unknown ApiVersions version gets
// UNSUPPORTED_VERSION with our list in v0 layout (KIP-511), and everything else it cannot answer closes the
// connection. Checked against golden bytes written from the Kafka 3.8 ApiVersions schema.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <thread>

#include "engine/broker/broker_metrics.h"
#include "engine/broker/handlers/api_versions_handler.h"
#include "engine/broker/request_dispatcher.h"
#include "engine/common/endian.h"
#include "engine/net/tcp_server.h"
#include "engine/protocol/request_header.h"
#include "tests/engine/metrics/prometheus_text.h"

using namespace partita;
using namespace partita::broker;
using namespace partita::protocol;

namespace {

using Bytes = std::vector<uint8_t>;

struct Answer {
  int calls = 0;
  std::optional<net::Response> response;
};

// Dispatches one frame and collects what the sink received (ApiVersions answers synchronously).
Answer Dispatch(RequestDispatcher& dispatcher, const Bytes& frame) {
  auto answer = std::make_shared<Answer>();
  net::ConnectionInfo conn;
  conn.id = 1;
  conn.peer = "127.0.0.1:5555";
  conn.listener_name = "PLAINTEXT";
  dispatcher.HandleRequest(conn, frame, [answer](net::Response r) {
    answer->calls++;
    answer->response = std::move(r);
  });
  // As the network layer does once the response is written: here, 2 ms after being queued for 1 ms.
  if (answer->response && answer->response->on_sent) {
    const int64_t now = MetricsNowNanos();
    answer->response->on_sent->OnSent(now + 1'000'000, now + 3'000'000);
  }
  return *answer;
}

Bytes Header(int16_t key, int16_t version, int32_t correlation_id, int header_version,
             std::optional<std::string> client_id = "test-client") {
  RequestHeader h;
  h.api_key = key;
  h.api_version = version;
  h.correlation_id = correlation_id;
  h.client_id = std::move(client_id);
  Writer w;
  h.Encode(w, header_version);
  return w.bytes();
}

Bytes ApiVersionsFrame(int16_t version, int32_t correlation_id) {
  const bool flexible = version >= 3;
  Bytes frame = Header(18, version, correlation_id, flexible ? 2 : 1);
  if (version >= 3) {
    ApiVersionsRequest req;
    req.client_software_name = "partita-test";
    req.client_software_version = "1.0";
    Writer w;
    req.Encode(w, version);
    frame.insert(frame.end(), w.bytes().begin(), w.bytes().end());
  }
  return frame;
}

bool IsClose(const Answer& a) { return a.calls == 1 && a.response && a.response->kind == net::Response::Kind::kClose; }

QByteArray Hex(const Bytes& b) { return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())).toHex(' '); }

// Minimal blocking client for the end-to-end case.
int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendFrame(int fd, const Bytes& frame) {
  Bytes out(4 + frame.size());
  StoreBe32(out.data(), static_cast<uint32_t>(frame.size()));
  std::copy(frame.begin(), frame.end(), out.begin() + 4);
  return ::send(fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
}

// Reads n bytes; false on EOF, error or a 5 s timeout.
bool ReadN(int fd, uint8_t* out, size_t n) {
  size_t got = 0;
  while (got < n) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    ssize_t r = ::recv(fd, out + got, n - got, 0);
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

// A handler (for Metadata, key 3) that keeps the sink and answers later, as a purgatory or ZooKeeper-backed
// request does: the time after Handle returns is remote time.
class DeferredHandler : public Handler {
 public:
  ApiKey api_key() const override { return ApiKey::kMetadata; }
  int16_t min_version() const override { return 0; }
  int16_t max_version() const override { return 0; }
  int16_t first_flexible_version() const override { return 100; }
  void Handle(RequestContext, Reader&, net::ResponseSink sink) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // local work
    pending = std::move(sink);
  }
  net::ResponseSink pending;
};

}  // namespace

class TestRequestDispatcher : public QObject {
  Q_OBJECT
 private:
  HandlerTable table_;
  std::unique_ptr<RequestDispatcher> dispatcher_;

 private slots:
  void initTestCase() {
    table_.Register(std::make_unique<ApiVersionsHandler>(&table_));
    dispatcher_ = std::make_unique<RequestDispatcher>(nullptr, &table_);
    auto list = table_.ApiVersions();
    QCOMPARE(list.size(), size_t(1));
    QCOMPARE(list[0].api_key, int16_t(18));
    QCOMPARE(list[0].min_version, int16_t(0));
    QCOMPARE(list[0].max_version, int16_t(3));
    QVERIFY(table_.Find(18) != nullptr);
    QVERIFY(table_.Find(0) == nullptr);
    QVERIFY(table_.Find(-1) == nullptr);
    QVERIFY(table_.Find(32767) == nullptr);
  }

  void requestsAreCountedAndTimedPerApi() {
    HandlerTable table;
    table.Register(std::make_unique<ApiVersionsHandler>(&table));
    auto deferred = std::make_unique<DeferredHandler>();
    DeferredHandler* handler = deferred.get();
    table.Register(std::move(deferred));
    BrokerMetrics metrics;
    RequestDispatcher dispatcher(nullptr, &table, &metrics);
    QCOMPARE(Dispatch(dispatcher, ApiVersionsFrame(3, 1)).calls, 1);
    QCOMPARE(Dispatch(dispatcher, ApiVersionsFrame(0, 2)).calls, 1);
    // Metadata v0 with no body: the handler returns without answering; the answer comes 50 ms later.
    QCOMPARE(Dispatch(dispatcher, Header(3, 0, 3, 1)).calls, 0);
    QVERIFY(handler->pending);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    handler->pending(net::Response::NoResponse());

    auto text = testing::ParsePrometheusText(metrics.registry().Expose());
    QVERIFY2(text.error.empty(), text.error.c_str());
    const std::vector<std::pair<std::string, std::string>> api_versions{{"request", "ApiVersions"}};
    const std::vector<std::pair<std::string, std::string>> metadata{{"request", "Metadata"}};
    QCOMPARE(*text.Sum("kafka_network_requests_total", api_versions), 2.0);
    QCOMPARE(*text.Sum("kafka_network_request_total_time_seconds_count", api_versions), 2.0);
    QCOMPARE(*text.Sum("kafka_network_request_remote_time_seconds_sum", api_versions), 0.0);  // answered at once
    // Sent responses: queue and send time as the network layer reported them; the total runs to the last byte.
    QCOMPARE(*text.Sum("kafka_network_request_response_send_time_seconds_count", api_versions), 2.0);
    QVERIFY(std::fabs(*text.Sum("kafka_network_request_response_send_time_seconds_sum", api_versions) - 0.004) < 1e-9);
    QVERIFY(*text.Sum("kafka_network_request_response_queue_time_seconds_sum", api_versions) >= 0.002);
    QVERIFY(*text.Sum("kafka_network_request_total_time_seconds_sum", api_versions) >= 0.006);
    // A request answered without a response has no send: its total ends with the answer.
    QCOMPARE(*text.Sum("kafka_network_request_response_send_time_seconds_count", metadata), 0.0);
    QCOMPARE(*text.Sum("kafka_network_requests_total", metadata), 1.0);
    const double local = *text.Sum("kafka_network_request_local_time_seconds_sum", metadata);
    const double remote = *text.Sum("kafka_network_request_remote_time_seconds_sum", metadata);
    const double total = *text.Sum("kafka_network_request_total_time_seconds_sum", metadata);
    QVERIFY2(local >= 0.005 && remote >= 0.05, qPrintable(QString("local %1 remote %2").arg(local).arg(remote)));
    QVERIFY(std::fabs(total - (local + remote)) < 1e-6);
    QVERIFY(metrics.handler_busy_ns() >= 5'000'000);
  }

  void apiVersionsSupportedVersions_data() {
    QTest::addColumn<int>("version");
    QTest::addColumn<QByteArray>("golden");  // the whole response: header v0 then the body
    // correlation id 0x01020304; error 0; one entry (key 18, versions 0..3)
    const QByteArray v0 = QByteArray::fromHex("01020304 0000 00000001 0012 0000 0003");
    const QByteArray v1 = v0 + QByteArray::fromHex("00000000");  // + throttle_time_ms
    // v3: compact array (n+1), entry tagged fields, throttle, body tagged fields; and NO header tagged fields
    // between the correlation id and the error code (ApiVersions responses always use header v0).
    const QByteArray v3 = QByteArray::fromHex("01020304 0000 02 0012 0000 0003 00 00000000 00");
    QTest::newRow("v0") << 0 << v0;
    QTest::newRow("v1") << 1 << v1;
    QTest::newRow("v2") << 2 << v1;
    QTest::newRow("v3 (flexible)") << 3 << v3;
  }
  void apiVersionsSupportedVersions() {
    QFETCH(int, version);
    QFETCH(QByteArray, golden);
    Answer a = Dispatch(*dispatcher_, ApiVersionsFrame(static_cast<int16_t>(version), 0x01020304));
    QCOMPARE(a.calls, 1);
    QVERIFY(a.response.has_value());
    QVERIFY(a.response->kind == net::Response::Kind::kSend);
    QVERIFY(a.response->body.splices().empty());
    QCOMPARE(Hex(a.response->body.bytes()), golden.toHex(' '));

    // And our own decoder agrees, consuming every byte.
    Reader r(a.response->body.bytes());
    QCOMPARE(r.ReadInt32(), 0x01020304);
    ApiVersionsResponse resp;
    resp.Decode(r, static_cast<int16_t>(version));
    QVERIFY(r.ok());
    QCOMPARE(r.remaining(), size_t(0));
    QCOMPARE(resp.error_code, int16_t(0));
    QCOMPARE(resp.api_keys.size(), size_t(1));
  }

  // KIP-511: a client newer than us sends ApiVersions v4; we answer UNSUPPORTED_VERSION (35) with our list,
  // in the v0 layout every client can parse.
  void apiVersionsUnknownVersionAnswersInV0Layout() {
    Bytes frame = Header(18, 4, 77, 2);
    const Bytes future_body = {0x05, 'n', 'e', 'w', 'c', 0x02, '9', 0x00, 0x01, 0x02};  // whatever v4 holds
    frame.insert(frame.end(), future_body.begin(), future_body.end());
    Answer a = Dispatch(*dispatcher_, frame);
    QCOMPARE(a.calls, 1);
    QVERIFY(a.response.has_value());
    QVERIFY(a.response->kind == net::Response::Kind::kSend);
    QCOMPARE(Hex(a.response->body.bytes()), QByteArray::fromHex("0000004d 0023 00000001 0012 0000 0003").toHex(' '));

    // A much newer version too.
    a = Dispatch(*dispatcher_, Header(18, 300, 78, 2));
    QVERIFY(a.response && a.response->kind == net::Response::Kind::kSend);
    Reader r(a.response->body.bytes());
    QCOMPARE(r.ReadInt32(), 78);
    QCOMPARE(r.ReadInt16(), int16_t(35));
  }

  void unknownApiKeyCloses_data() {
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("version");
    QTest::newRow("Produce (not registered)") << 0 << 9;
    QTest::newRow("Metadata (not registered)") << 3 << 12;
    QTest::newRow("key past the table") << 500 << 0;
    QTest::newRow("key 127") << 127 << 0;
    QTest::newRow("negative key") << -1 << 0;
    QTest::newRow("ApiVersions negative version") << 18 << -1;
  }
  void unknownApiKeyCloses() {
    QFETCH(int, key);
    QFETCH(int, version);
    Answer a = Dispatch(*dispatcher_, Header(static_cast<int16_t>(key), static_cast<int16_t>(version), 5, 1));
    QVERIFY2(IsClose(a), "expected exactly one Close answer");
  }

  void truncatedHeaderCloses_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("key only") << QByteArray::fromHex("0012");
    QTest::newRow("no correlation id") << QByteArray::fromHex("0012 0003 0000");
    QTest::newRow("no client id") << QByteArray::fromHex("0012 0000 00000001");
    QTest::newRow("client id longer than frame") << QByteArray::fromHex("0012 0000 00000001 0010 6162");
    // Flexible v3 header: the tagged-field section after the client id is missing.
    QTest::newRow("v3 without header tags") << QByteArray::fromHex("0012 0003 00000001 0001 61");
  }
  void truncatedHeaderCloses() {
    QFETCH(QByteArray, frame);
    Bytes b(frame.begin(), frame.end());
    QVERIFY(IsClose(Dispatch(*dispatcher_, b)));
  }

  void malformedApiVersionsV3BodyCloses_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty body") << QByteArray();
    QTest::newRow("name longer than frame") << QByteArray::fromHex("20 6162");
    QTest::newRow("no version string") << QByteArray::fromHex("03 6162");
    QTest::newRow("no tagged fields") << QByteArray::fromHex("03 6162 02 31");
    QTest::newRow("tag longer than frame") << QByteArray::fromHex("03 6162 02 31 01 00 7f 00");
  }
  void malformedApiVersionsV3BodyCloses() {
    QFETCH(QByteArray, body);
    Bytes frame = Header(18, 3, 9, 2);
    frame.insert(frame.end(), body.begin(), body.end());
    QVERIFY(IsClose(Dispatch(*dispatcher_, frame)));
  }

  // The dispatcher behind a real TcpServer: a v3 ApiVersions over a socket comes back framed and byte-exact,
  // and an API we do not serve closes the connection.
  void endToEndOverTcp() {
    net::ServerOptions options;
    options.listeners.push_back({"PLAINTEXT", "127.0.0.1", 0});
    net::TcpServer server(options, dispatcher_.get());
    QVERIFY(server.Start().ok());
    server.Serve();
    int fd = Connect(server.BoundPort(0));
    QVERIFY(fd >= 0);
    QVERIFY(SendFrame(fd, ApiVersionsFrame(3, 0x01020304)));
    uint8_t size[4];
    QVERIFY(ReadN(fd, size, 4));
    Bytes body(LoadBe32(size));
    QVERIFY(ReadN(fd, body.data(), body.size()));
    QCOMPARE(Hex(body), QByteArray::fromHex("01020304 0000 02 0012 0000 0003 00 00000000 00").toHex(' '));
    QVERIFY(SendFrame(fd, Header(0, 9, 2, 2)));  // Produce: not served here
    pollfd p{fd, POLLIN, 0};
    QVERIFY(::poll(&p, 1, 5000) == 1);
    uint8_t b;
    QCOMPARE(::recv(fd, &b, 1, 0), ssize_t(0));  // closed (EOF), nothing sent
    ::close(fd);
    server.Stop();
  }

  void nullClientIdIsFine() {
    Bytes frame = Header(18, 0, 11, 1, std::nullopt);
    Answer a = Dispatch(*dispatcher_, frame);
    QVERIFY(a.response && a.response->kind == net::Response::Kind::kSend);
    Reader r(a.response->body.bytes());
    QCOMPARE(r.ReadInt32(), 11);
  }
};

QTEST_GUILESS_MAIN(TestRequestDispatcher)
#include "test_request_dispatcher.moc"
