// Unit tests for engine/metrics: counters, gauges and histograms recorded from several threads, the Prometheus
// text exposition checked by an independent strict reader (prometheus_text.h) and byte for byte, label escaping,
// removal of a topic's series, and the HTTP server answering a real socket.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <thread>

#include "engine/metrics/http_server.h"
#include "engine/metrics/http_client.h"
#include "engine/metrics/registry.h"
#include "tests/engine/metrics/prometheus_text.h"

using namespace partita;
using namespace partita::metrics;

namespace {

// One HTTP exchange over a plain socket; returns the whole answer (headers and body).
std::string HttpExchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  (void)!::write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace

class TestMetrics : public QObject {
  Q_OBJECT
 private slots:
  void countersAndHistogramsCountEveryRecordingAcrossThreads() {
    Registry registry;
    auto counter = registry.GetCounter("test_events_total", "Events.");
    auto histogram = registry.GetHistogram("test_latency_seconds", "Latency.", {}, {0.1, 1});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 100000; ++i) {
          counter->Increment();
          histogram->Observe(i % 2 ? 0.05 : 5.0);
        }
      });
    }
    for (auto& t : threads) t.join();
    QCOMPARE(counter->Value(), uint64_t(400000));
    auto s = histogram->Read();
    QCOMPARE(s.count, uint64_t(400000));
    QCOMPARE(s.cumulative, (std::vector<uint64_t>{200000, 200000, 400000}));
    QVERIFY(std::fabs(s.sum - (200000 * 0.05 + 200000 * 5.0)) < 1e-3);
  }

  void histogramBucketsAreUpperInclusive() {
    Histogram h({1, 2});
    h.Observe(1);    // le="1"
    h.Observe(1.5);  // le="2"
    h.Observe(2);    // le="2"
    h.Observe(3);    // +Inf only
    QCOMPARE(h.Read().cumulative, (std::vector<uint64_t>{1, 3, 4}));
  }

  void getReturnsTheSameChildForTheSameLabels() {
    Registry registry;
    auto a = registry.GetCounter("x_total", "X.", {{"topic", "t"}});
    auto b = registry.GetCounter("x_total", "X.", {{"topic", "t"}});
    auto c = registry.GetCounter("x_total", "X.", {{"topic", "u"}});
    QCOMPARE(a.get(), b.get());
    QVERIFY(a.get() != c.get());
  }

  void exposureIsExactPrometheusText() {
    Registry registry;
    registry.GetCounter("b_requests_total", "Requests, per API.", {{"request", "Produce"}})->Increment(3);
    registry.GetGauge("a_temperature", "A gauge\\with a backslash\nand a newline.")->Set(-1.5);
    registry.GetHistogram("c_seconds", "Times.", {}, {0.00025, 1})->Observe(0.5);
    const std::string expected =
        "# HELP a_temperature A gauge\\\\with a backslash\\nand a newline.\n"
        "# TYPE a_temperature gauge\n"
        "a_temperature -1.5\n"
        "# HELP b_requests_total Requests, per API.\n"
        "# TYPE b_requests_total counter\n"
        "b_requests_total{request=\"Produce\"} 3\n"
        "# HELP c_seconds Times.\n"
        "# TYPE c_seconds histogram\n"
        "c_seconds_bucket{le=\"0.00025\"} 0\n"
        "c_seconds_bucket{le=\"1\"} 1\n"
        "c_seconds_bucket{le=\"+Inf\"} 1\n"
        "c_seconds_sum 0.5\n"
        "c_seconds_count 1\n";
    QCOMPARE(QString::fromStdString(registry.Expose()), QString::fromStdString(expected));
  }

  void labelValuesAreEscapedAndReadBack() {
    Registry registry;
    const std::string nasty = "a\"b\\c\nd}{,=";
    registry.GetCounter("odd_total", "Odd label values.", {{"topic", nasty}})->Increment();
    const std::string text = registry.Expose();
    auto parsed = testing::ParsePrometheusText(text);
    QVERIFY2(parsed.error.empty(), parsed.error.c_str());
    QCOMPARE(parsed.Sum("odd_total", {{"topic", nasty}}).value_or(-1), 1.0);
  }

  void collectorsAndSpecialValuesParse() {
    Registry registry;
    registry.GetGauge("g_nan", "NaN.")->Set(std::nan(""));
    registry.GetGauge("g_inf", "Inf.")->Set(INFINITY);
    registry.GetGauge("g_big", "Big.")->Set(12345678901234.0);
    registry.GetGauge("g_small", "Small.")->Set(1e-9);
    registry.AddCollector([](MetricWriter& w) {
      if (w.BeginFamily("z_collected", "From a collector.", MetricKind::kGauge)) {
        w.Sample({{"partition", "0"}}, 7);
        w.Sample({{"partition", "1"}}, 8);
      }
      w.BeginFamily("bad name", "Rejected.", MetricKind::kGauge);
      w.Sample({}, 1);  // dropped with its invalid family
      if (w.BeginFamily("z_bad_label", "A bad label name is dropped.", MetricKind::kGauge)) {
        w.Sample({{"__reserved", "x"}}, 1);
        w.Sample({{"ok", "x"}}, 2);
      }
    });
    const std::string text = registry.Expose();
    auto parsed = testing::ParsePrometheusText(text);
    QVERIFY2(parsed.error.empty(), (parsed.error + "\n" + text).c_str());
    QVERIFY(std::isnan(*parsed.Sum("g_nan")));
    QVERIFY(std::isinf(*parsed.Sum("g_inf")));
    QCOMPARE(*parsed.Sum("g_big"), 12345678901234.0);
    QCOMPARE(*parsed.Sum("g_small"), 1e-9);
    QCOMPARE(*parsed.Sum("z_collected"), 15.0);
    QVERIFY(text.find("bad name") == std::string::npos);
    QCOMPARE(*parsed.Sum("z_bad_label"), 2.0);
  }

  void removingATopicDropsItsSeriesButNotWhatHoldersRecordOn() {
    Registry registry;
    auto kept = registry.GetCounter("bytes_total", "Bytes.", {{"topic", "kept"}});
    auto gone = registry.GetCounter("bytes_total", "Bytes.", {{"topic", "gone"}});
    registry.RemoveLabelled("topic", "gone");
    gone->Increment();  // a handler still holding it records harmlessly
    kept->Increment(2);
    auto parsed = testing::ParsePrometheusText(registry.Expose());
    QVERIFY2(parsed.error.empty(), parsed.error.c_str());
    QVERIFY(!parsed.Sum("bytes_total", {{"topic", "gone"}}));
    QCOMPARE(*parsed.Sum("bytes_total"), 2.0);
  }

  void aNameKeepsItsKind() {
    Registry registry;
    registry.GetCounter("dual", "Counter.")->Increment();
    auto detached = registry.GetGauge("dual", "Now a gauge?");
    detached->Set(5);
    auto parsed = testing::ParsePrometheusText(registry.Expose());
    QVERIFY2(parsed.error.empty(), parsed.error.c_str());
    QCOMPARE(parsed.types.at("dual"), std::string("counter"));
    QCOMPARE(*parsed.Sum("dual"), 1.0);
  }

  void theStrictReaderRejectsBrokenText() {
    QVERIFY(!testing::ParsePrometheusText("x 1").error.empty());  // no final newline
    QVERIFY(!testing::ParsePrometheusText("x{a=\"1} 1\n").error.empty());
    QVERIFY(!testing::ParsePrometheusText("x one\n").error.empty());
    QVERIFY(!testing::ParsePrometheusText("x 1\ny 1\nx 2\n").error.empty());
    QVERIFY(!testing::ParsePrometheusText("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n")
                 .error.empty());
    QVERIFY(testing::ParsePrometheusText("# TYPE x counter\nx 1\n").error.empty());
  }

  void listenerSpecsParse() {
    auto l = ParseHttpListener("http://127.0.0.1:9644");
    QVERIFY(l.ok());
    QCOMPARE(l->host, std::string("127.0.0.1"));
    QCOMPARE(l->port, 9644);
    QCOMPARE(ParseHttpListener("[::1]:0")->host, std::string("::1"));
    QCOMPARE(ParseHttpListener(":9644")->host, std::string("0.0.0.0"));
    QVERIFY(!ParseHttpListener("http://127.0.0.1:9644")->tls);
    QVERIFY(ParseHttpListener("https://127.0.0.1:9644")->tls);  // the owner supplies the TLS settings
    QVERIFY(!ParseHttpListener("ftp://127.0.0.1:9644").ok());
    QVERIFY(!ParseHttpListener("http://127.0.0.1").ok());
    QVERIFY(!ParseHttpListener("http://127.0.0.1:99999").ok());
    QVERIFY(!ParseHttpListener("http://127.0.0.1:9x").ok());
  }

  void httpServerServesMetricsAndRefusesTheRest() {
    Registry registry;
    registry.GetCounter("served_total", "Served.")->Increment(42);
    HttpServer server({"127.0.0.1", 0}, [&](const std::string& path) {
      if (path == "/metrics") return HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", registry.Expose()};
      return HttpResponse{404, "text/plain", "not found\n"};
    });
    QVERIFY(server.Start().ok());
    QVERIFY(server.BoundPort() > 0);
    const std::string ok = HttpExchange(server.BoundPort(), "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
    QVERIFY2(ok.rfind("HTTP/1.1 200 OK\r\n", 0) == 0, ok.c_str());
    QVERIFY(ok.find("Content-Type: text/plain; version=0.0.4") != std::string::npos);
    const std::string body = ok.substr(ok.find("\r\n\r\n") + 4);
    QVERIFY(ok.find("Content-Length: " + std::to_string(body.size()) + "\r\n") != std::string::npos);
    QCOMPARE(*testing::ParsePrometheusText(body).Sum("served_total"), 42.0);
    const std::string head = HttpExchange(server.BoundPort(), "HEAD /metrics HTTP/1.1\r\n\r\n");
    QVERIFY(head.rfind("HTTP/1.1 200", 0) == 0);
    QVERIFY(head.size() == head.find("\r\n\r\n") + 4);  // no body
    QVERIFY(HttpExchange(server.BoundPort(), "GET /nope HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 404", 0) == 0);
    QVERIFY(HttpExchange(server.BoundPort(), "POST /metrics HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 405", 0) == 0);
    QVERIFY(HttpExchange(server.BoundPort(), "garbage\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
    // A request whose headers never end within 8 KiB is refused (431, or a reset when the kernel drops the
    // answer because of the unread bytes), not buffered without bound; the server keeps serving.
    const std::string big = HttpExchange(server.BoundPort(), "GET /metrics HTTP/1.1\r\nX: " + std::string(10000, 'a'));
    QVERIFY2(big.empty() || big.rfind("HTTP/1.1 431", 0) == 0, big.substr(0, 100).c_str());
    QVERIFY(HttpExchange(server.BoundPort(), "GET /metrics HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0);
    server.Stop();
  }

  void httpServerReadsBodiesKeepsAliveAndBoundsThem() {
    HttpServerOptions options;
    options.max_body_bytes = 16;
    options.keep_alive = true;
    options.threads = 2;
    HttpServer server({"127.0.0.1", 0}, options, [](const HttpRequest& r) {
      return HttpResponse{200, "text/plain", r.method + " " + r.target + " [" + r.body + "] " + r.Header("x-tag"), {}};
    });
    QVERIFY(server.Start().ok());
    const int port = server.BoundPort();
    // Two pipelined requests on one connection; the second closes it. The first body arrives with the headers.
    const std::string two = HttpExchange(port,
                                         "POST /a?x=1 HTTP/1.1\r\nContent-Length: 5\r\nX-Tag: one\r\n\r\nhello"
                                         "PUT /b HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    QVERIFY2(two.find("POST /a?x=1 [hello] one") != std::string::npos, two.c_str());
    QVERIFY2(two.find("Connection: keep-alive") != std::string::npos, two.c_str());
    QVERIFY2(two.find("PUT /b [abc] ") != std::string::npos, two.c_str());
    QVERIFY2(two.find("Connection: close") != std::string::npos, two.c_str());
    // HTTP/1.0 closes by default; bodies over the limit, chunked bodies and bad lengths are refused.
    QVERIFY(HttpExchange(port, "GET / HTTP/1.0\r\n\r\n").find("Connection: close") != std::string::npos);
    const std::string big = HttpExchange(port, "POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n" + std::string(17, 'x'));
    QVERIFY2(big.rfind("HTTP/1.1 413", 0) == 0, big.c_str());
    QVERIFY(HttpExchange(port, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .rfind("HTTP/1.1 501", 0) == 0);
    QVERIFY(HttpExchange(port, "POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
    QVERIFY(HttpExchange(port, "POST / HTTP/1.1\r\nno colon\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);

    // HttpCall: the client side of the same exchange, with the answer's headers.
    auto answer = HttpCall("127.0.0.1", port, "DELETE", "/c", {{"X-Tag", "two"}}, "body");
    QVERIFY2(answer.ok(), answer.status().ToString().c_str());
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->body, std::string("DELETE /c [body] two"));
    QCOMPARE(answer->headers["content-length"], std::to_string(answer->body.size()));
    server.Stop();
    // Nothing listens any more: Unavailable (nothing was sent, safe to retry).
    auto refused = HttpCall("127.0.0.1", port, "GET", "/", {}, "");
    QVERIFY(!refused.ok());
    QCOMPARE(refused.status().code(), Status::Code::kUnavailable);
  }

  void httpServerReportsABusyPort() {
    HttpServer first({"127.0.0.1", 0}, [](const std::string&) { return HttpResponse{}; });
    QVERIFY(first.Start().ok());
    HttpServer second({"127.0.0.1", first.BoundPort()}, [](const std::string&) { return HttpResponse{}; });
    Status st = second.Start();
    QVERIFY(!st.ok());
    QVERIFY2(st.message().find(std::to_string(first.BoundPort())) != std::string::npos, st.message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
