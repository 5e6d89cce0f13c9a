// Unit tests for net::TcpServer: a real server on 127.0.0.1 (port 0) with a test RequestHandler, driven by plain
// POSIX client sockets so that the framing is checked byte by byte, independently of our protocol code.
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <dirent.h>
#include <fstream>
#include <sstream>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/endian.h"
#include "engine/common/file_region.h"
#include "engine/net/tcp_server.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

using namespace partita;
using namespace partita::net;

namespace {

using Bytes = std::vector<uint8_t>;

// Test request layout (what the server hands to the handler, after the size prefix):
// INT16 kind, INT16 pad, INT32 correlation id, INT16 -1 (so every frame is >= 10 bytes), then a payload.
enum Kind : int16_t {
  kEcho = 0, kNoResponse = 1, kClose = 2, kDelayed = 3, kHold = 4, kRegion = 5, kMuted = 6, kTimedEcho = 7
};

Bytes MakeRequest(int16_t kind, int32_t correlation_id, const Bytes& payload = {}) {
  Bytes frame(4 + 10 + payload.size());
  StoreBe32(frame.data(), static_cast<uint32_t>(10 + payload.size()));
  frame[4] = static_cast<uint8_t>(kind >> 8);
  frame[5] = static_cast<uint8_t>(kind);
  StoreBe32(frame.data() + 8, static_cast<uint32_t>(correlation_id));
  frame[12] = 0xFF;
  frame[13] = 0xFF;
  std::copy(payload.begin(), payload.end(), frame.begin() + 14);
  return frame;
}

int16_t KindOf(std::span<const uint8_t> frame) { return static_cast<int16_t>((frame[0] << 8) | frame[1]); }
int32_t CorrelationOf(std::span<const uint8_t> frame) { return static_cast<int32_t>(LoadBe32(frame.data() + 4)); }

// Echo response: correlation id, then the request payload.
Response EchoResponse(std::span<const uint8_t> frame) {
  Response r;
  r.body.WriteInt32(CorrelationOf(frame));
  r.body.WriteRaw(frame.subspan(10));
  return r;
}

// A small thread pool that runs tasks after a delay, so that answers come from other threads, in any order.
class DelayPool {
 public:
  explicit DelayPool(int threads) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Run(); });
  }
  ~DelayPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void Post(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

// The handler under the test's control: behaviour depends on the request's kind.
class TestHandler : public RequestHandler {
 public:
  void HandleRequest(const ConnectionInfo& conn, std::span<const uint8_t> frame, ResponseSink respond) override {
    calls++;
    last_listener = conn.listener_name;
    if (frame.size() < 10) return respond(Response::Close());  // the server must never hand us these
    switch (KindOf(frame)) {
      case kEcho:
        if (pool) {
          Bytes copy(frame.begin(), frame.end());
          int delay_ms;
          {
            std::lock_guard<std::mutex> lock(mu);
            delay_ms = std::uniform_int_distribution<int>(0, 8)(rng);
          }
          pool->Post([copy = std::move(copy), respond = std::move(respond), delay_ms] {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            respond(EchoResponse(copy));
          });
          return;
        }
        return respond(EchoResponse(frame));
      case kNoResponse:
        return respond(Response::NoResponse());
      case kClose:
        return respond(Response::Close());
      case kDelayed: {
        // Answered later from another thread while no socket operation is pending on the connection.
        Bytes copy(frame.begin(), frame.end());
        std::lock_guard<std::mutex> lock(mu);
        threads.emplace_back([copy = std::move(copy), respond = std::move(respond), ms = delay_ms] {
          std::this_thread::sleep_for(std::chrono::milliseconds(ms));
          respond(EchoResponse(copy));
        });
        return;
      }
      case kHold: {
        std::lock_guard<std::mutex> lock(mu);
        held.push_back(std::move(respond));
        return;
      }
      case kRegion:
        return respond(region_response(frame));
      case kTimedEcho: {
        // An echo whose on_sent reports when it was written.
        Response r = EchoResponse(frame);
        r.on_sent = std::make_shared<SendRecorder>(this);
        return respond(std::move(r));
      }
      case kMuted: {
        // A client over its quota (KIP-219): answered at once, then not read for delay_ms.
        Response r = EchoResponse(frame);
        r.mute_ms = delay_ms;
        return respond(std::move(r));
      }
      default:
        return respond(Response::Close());
    }
  }

  ~TestHandler() override { JoinThreads(); }
  void JoinThreads() {
    std::vector<std::thread> ts;
    {
      std::lock_guard<std::mutex> lock(mu);
      ts.swap(threads);
    }
    for (auto& t : ts) t.join();
  }

  std::atomic<int> calls{0};
  std::string last_listener;
  DelayPool* pool = nullptr;
  int delay_ms = 300;
  std::function<Response(std::span<const uint8_t>)> region_response;
  std::mutex mu;
  std::mt19937 rng{42};
  std::vector<std::thread> threads;
  std::vector<ResponseSink> held;
  std::vector<std::pair<int64_t, int64_t>> sends;  // kTimedEcho: (write start, write end), steady clock ns

  struct SendRecorder : SentObserver {
    explicit SendRecorder(TestHandler* h) : handler(h) {}
    void OnSent(int64_t start_ns, int64_t end_ns) override {
      std::lock_guard<std::mutex> lock(handler->mu);
      handler->sends.emplace_back(start_ns, end_ns);
    }
    TestHandler* handler;
  };
};

// --- POSIX client helpers -------------------------------------------------------------------------------------

int Connect(int port, int rcvbuf = 0) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (rcvbuf > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
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

bool SendAll(int fd, const Bytes& b) {
  size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// Reads exactly n bytes or fails on EOF, error or timeout. `chunk` limits each read (a slow reader).
bool ReadExactly(int fd, uint8_t* out, size_t n, int timeout_ms, size_t chunk = SIZE_MAX, int pause_us = 0) {
  const int64_t deadline = MonotonicMs() + timeout_ms;
  size_t got = 0;
  while (got < n) {
    int64_t left = deadline - MonotonicMs();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    ssize_t r = ::recv(fd, out + got, std::min(n - got, chunk), 0);
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
    if (pause_us) std::this_thread::sleep_for(std::chrono::microseconds(pause_us));
  }
  return true;
}

std::optional<Bytes> ReadFrame(int fd, int timeout_ms = 5000, size_t chunk = SIZE_MAX, int pause_us = 0) {
  uint8_t size_buf[4];
  if (!ReadExactly(fd, size_buf, 4, timeout_ms)) return std::nullopt;
  int32_t size = static_cast<int32_t>(LoadBe32(size_buf));
  if (size < 0 || size > (64 << 20)) return std::nullopt;
  Bytes body(static_cast<size_t>(size));
  if (!ReadExactly(fd, body.data(), body.size(), timeout_ms, chunk, pause_us)) return std::nullopt;
  return body;
}

// True if the peer closed the connection (EOF or reset) within the timeout, with no data before it.
bool WaitClosed(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  uint8_t b;
  ssize_t r = ::recv(fd, &b, 1, 0);
  return r == 0 || (r < 0 && (errno == ECONNRESET || errno == EPIPE));
}

// No data and no close within the window.
bool StaysOpenAndQuiet(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) == 0;
}

int32_t Be32(const Bytes& b, size_t at = 0) { return static_cast<int32_t>(LoadBe32(b.data() + at)); }

template <class Pred>
bool WaitFor(Pred pred, int timeout_ms) {
  const int64_t deadline = MonotonicMs() + timeout_ms;
  while (MonotonicMs() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  operator int() const { return fd; }
};

// Resident memory of this process, from /proc/self/status.
int64_t VmRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

int OpenFdCount() {
  int n = 0;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (::readdir(d)) ++n;
    ::closedir(d);
  }
  return n - 3;  // ".", ".." and the directory's own descriptor
}

// CPU seconds (user + system) this process has used.
double CpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Sends the whole 4-byte size prefix of a request of `size` bytes and nothing else.
bool SendSizePrefix(int fd, int32_t size) {
  Bytes prefix(4);
  StoreBe32(prefix.data(), static_cast<uint32_t>(size));
  return SendAll(fd, prefix);
}

// Routes spdlog into a string while alive, so that a test can count the lines the server wrote.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  int CountLines(const std::string& needle) {
    spdlog::default_logger()->flush();
    std::istringstream in(out_.str());
    int n = 0;
    for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
    return n;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

// One echo round trip on an open connection.
bool EchoWorks(int fd, int32_t correlation_id, int timeout_ms = 5000) {
  if (!SendAll(fd, MakeRequest(kEcho, correlation_id, {'o', 'k'}))) return false;
  auto r = ReadFrame(fd, timeout_ms);
  return r && r->size() == 6 && Be32(*r) == correlation_id;
}

ServerOptions LocalOptions() {
  ServerOptions o;
  o.listeners.push_back({"PLAINTEXT", "127.0.0.1", 0});
  o.network_threads = 2;
  return o;
}

}  // namespace

class TestTcpServer : public QObject {
  Q_OBJECT
 private slots:
  void framingWholeSplitAndCoalesced() {
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    QVERIFY(port > 0);
    QCOMPARE(server.BoundPort(1), -1);
    Fd fd(Connect(port));
    QVERIFY(fd >= 0);

    // One request in one write.
    QVERIFY(SendAll(fd, MakeRequest(kEcho, 7, {'h', 'i'})));
    auto r = ReadFrame(fd);
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 7, 'h', 'i'}));
    QCOMPARE(handler.last_listener, std::string("PLAINTEXT"));

    // One request dribbled byte by byte (the size prefix split too).
    Bytes slow = MakeRequest(kEcho, 8, {'a', 'b', 'c'});
    for (uint8_t b : slow) {
      QVERIFY(SendAll(fd, Bytes{b}));
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    r = ReadFrame(fd);
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 8, 'a', 'b', 'c'}));

    // Three requests coalesced in one write, one with an empty payload.
    Bytes three = MakeRequest(kEcho, 9, {'x'});
    Bytes b = MakeRequest(kEcho, 10);
    Bytes c = MakeRequest(kEcho, 11, Bytes(1000, 'z'));
    three.insert(three.end(), b.begin(), b.end());
    three.insert(three.end(), c.begin(), c.end());
    QVERIFY(SendAll(fd, three));
    for (int id : {9, 10, 11}) {
      r = ReadFrame(fd);
      QVERIFY(r.has_value());
      QCOMPARE(Be32(*r), id);
    }
    QCOMPARE(r->size(), size_t(4 + 1000));
    QCOMPARE(handler.calls.load(), 5);
    QCOMPARE(server.ConnectionCount(), size_t(1));
  }

  void pipelinedResponsesComeBackInRequestOrder() {
    DelayPool pool(4);
    TestHandler handler;
    handler.pool = &pool;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);

    // Several connections at once so the pool really answers out of order across threads.
    constexpr int kConnections = 4;
    constexpr int kRequests = 50;
    std::vector<std::unique_ptr<Fd>> fds;
    for (int c = 0; c < kConnections; ++c) {
      fds.push_back(std::make_unique<Fd>(Connect(port)));
      QVERIFY(*fds.back() >= 0);
      Bytes all;
      for (int i = 0; i < kRequests; ++i) {
        Bytes req = MakeRequest(kEcho, c * 1000 + i, Bytes(static_cast<size_t>(i), static_cast<uint8_t>(i)));
        all.insert(all.end(), req.begin(), req.end());
      }
      QVERIFY(SendAll(*fds.back(), all));  // the whole pipeline in one write
    }
    for (int c = 0; c < kConnections; ++c) {
      for (int i = 0; i < kRequests; ++i) {
        auto r = ReadFrame(*fds[c], 20000);
        QVERIFY2(r.has_value(), qPrintable(QString("connection %1 response %2 missing").arg(c).arg(i)));
        QCOMPARE(Be32(*r), c * 1000 + i);
        QCOMPARE(r->size(), size_t(4 + i));
        for (size_t k = 4; k < r->size(); ++k) QCOMPARE((*r)[k], static_cast<uint8_t>(i));
      }
    }
    QCOMPARE(handler.calls.load(), kConnections * kRequests);
  }

  // Regression: while a request waits for its answer no socket operation is pending on the connection; the
  // connection must stay alive (the sink keeps it) and the late answer must still be sent.
  void lateAnswerFromAnotherThreadArrives() {
    TestHandler handler;
    handler.delay_ms = 300;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    const int64_t start = MonotonicMs();
    QVERIFY(SendAll(fd, MakeRequest(kDelayed, 42, {'l', 'a', 't', 'e'})));
    QVERIFY(WaitFor([&] { return handler.calls.load() == 1; }, 5000));
    QCOMPARE(server.ConnectionCount(), size_t(1));
    auto r = ReadFrame(fd, 10000);
    QVERIFY(r.has_value());
    QVERIFY(MonotonicMs() - start >= 290);
    QCOMPARE(*r, (Bytes{0, 0, 0, 42, 'l', 'a', 't', 'e'}));
    // The connection still serves the next request.
    QVERIFY(SendAll(fd, MakeRequest(kEcho, 43)));
    r = ReadFrame(fd);
    QVERIFY(r.has_value());
    QCOMPARE(Be32(*r), 43);
    handler.JoinThreads();
  }

  void badSizePrefixClosesBeforeReadingTheBody_data() {
    QTest::addColumn<quint32>("prefix");
    QTest::newRow("max+1") << quint32(4097);
    QTest::newRow("int32 max") << quint32(0x7FFFFFFF);
    QTest::newRow("negative") << quint32(0xFFFFFFFF);
    QTest::newRow("9 (below the smallest header)") << quint32(9);
    QTest::newRow("zero") << quint32(0);
  }
  void badSizePrefixClosesBeforeReadingTheBody() {
    QFETCH(quint32, prefix);
    TestHandler handler;
    ServerOptions options = LocalOptions();
    options.max_request_bytes = 4096;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    {
      Fd fd(Connect(port));
      QVERIFY(fd >= 0);
      uint8_t p[4];
      StoreBe32(p, prefix);
      // Only the prefix is sent: the server must decide from it alone, not wait for a body.
      QVERIFY(SendAll(fd, Bytes(p, p + 4)));
      QVERIFY(WaitClosed(fd, 5000));
    }
    QCOMPARE(handler.calls.load(), 0);
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 0; }, 5000));
    // The server still serves new connections, including a request exactly at the limit.
    Fd fd2(Connect(port));
    QVERIFY(fd2 >= 0);
    QVERIFY(SendAll(fd2, MakeRequest(kEcho, 5, Bytes(4096 - 10, 'm'))));
    auto r = ReadFrame(fd2);
    QVERIFY(r.has_value());
    QCOMPARE(Be32(*r), 5);
    QCOMPARE(r->size(), size_t(4 + 4086));
    // And the smallest valid request (exactly 10 bytes).
    QVERIFY(SendAll(fd2, MakeRequest(kEcho, 6)));
    r = ReadFrame(fd2);
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 6}));
  }

  void noResponseThenNextRequestAnswered() {
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    Bytes both = MakeRequest(kNoResponse, 1);
    Bytes next = MakeRequest(kEcho, 2, {'n'});
    both.insert(both.end(), next.begin(), next.end());
    QVERIFY(SendAll(fd, both));
    auto r = ReadFrame(fd);
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 2, 'n'}));  // nothing was sent for request 1
    QVERIFY(StaysOpenAndQuiet(fd, 100));
    QCOMPARE(handler.calls.load(), 2);
  }

  // KIP-219: an answer with mute_ms is sent at once; the next pipelined request is read only after that time.
  void mutedConnectionReadsNothingUntilTheThrottleEnds() {
    TestHandler handler;
    handler.delay_ms = 400;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    Bytes both = MakeRequest(kMuted, 1, {'m'});
    Bytes next = MakeRequest(kEcho, 2, {'n'});
    both.insert(both.end(), next.begin(), next.end());
    QVERIFY(SendAll(fd, both));
    auto first = ReadFrame(fd);
    const auto first_at = std::chrono::steady_clock::now();
    QVERIFY(first.has_value());
    QCOMPARE(*first, (Bytes{0, 0, 0, 1, 'm'}));
    QCOMPARE(handler.calls.load(), 1);  // the pipelined request waits in the socket
    auto second = ReadFrame(fd);
    const auto waited = std::chrono::steady_clock::now() - first_at;
    QVERIFY(second.has_value());
    QCOMPARE(*second, (Bytes{0, 0, 0, 2, 'n'}));
    QVERIFY2(waited >= std::chrono::milliseconds(300),
             qPrintable(QString("answered %1 ms after the muting answer")
                            .arg(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count())));
    QCOMPARE(handler.calls.load(), 2);
  }

  void closeResponseClosesTheConnection() {
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    // A request pipelined after the closing one is never handled.
    Bytes both = MakeRequest(kClose, 1);
    Bytes next = MakeRequest(kEcho, 2);
    both.insert(both.end(), next.begin(), next.end());
    QVERIFY(SendAll(fd, both));
    QVERIFY(WaitClosed(fd, 5000));
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 0; }, 5000));
    QCOMPARE(handler.calls.load(), 1);
  }

  void idleConnectionsAreClosed() {
    TestHandler handler;
    handler.delay_ms = 900;
    ServerOptions options = LocalOptions();
    options.max_idle_ms = 200;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);

    Fd idle(Connect(port));
    QVERIFY(idle >= 0);
    // A connection whose request is still being answered is not idle, however long the answer takes.
    Fd busy(Connect(port));
    QVERIFY(busy >= 0);
    QVERIFY(SendAll(busy, MakeRequest(kDelayed, 77)));

    const int64_t start = MonotonicMs();
    QVERIFY(WaitClosed(idle, 5000));
    const int64_t elapsed = MonotonicMs() - start;
    QVERIFY2(elapsed >= 150, qPrintable(QString("closed after %1 ms").arg(elapsed)));
    auto r = ReadFrame(busy, 5000);
    QVERIFY2(r.has_value(), "a connection waiting for its answer was closed as idle");
    QCOMPARE(Be32(*r), 77);
    // Once answered and quiet, it is idle too.
    QVERIFY(WaitClosed(busy, 5000));
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 0; }, 5000));
    handler.JoinThreads();
  }

  // A response with spliced file regions arrives byte-exact: bytes before, file bytes, bytes after.
  void splicedFileRegionsArriveByteExact_data() {
    QTest::addColumn<qint64>("region_bytes");
    QTest::addColumn<int>("rcvbuf");
    QTest::addColumn<int>("pause_us");
    QTest::newRow("small") << qint64(1000) << 0 << 0;
    QTest::newRow("8 MiB, slow reader") << qint64(8 << 20) << 8192 << 200;
  }
  void splicedFileRegionsArriveByteExact() {
    QFETCH(qint64, region_bytes);
    QFETCH(int, rcvbuf);
    QFETCH(int, pause_us);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("segment.log").toStdString();
    const int64_t offset = 123;  // the region starts inside the file, like a batch inside a segment
    Bytes file(static_cast<size_t>(offset + region_bytes + 77));
    std::mt19937 rng(7);
    for (auto& b : file) b = static_cast<uint8_t>(rng());
    {
      FILE* f = std::fopen(path.c_str(), "wb");
      QVERIFY(f);
      QCOMPARE(std::fwrite(file.data(), 1, file.size(), f), file.size());
      std::fclose(f);
    }
    int raw_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    QVERIFY(raw_fd >= 0);
    auto handle = std::make_shared<FileHandle>(raw_fd);
    // The region keeps the file readable after it is unlinked (retention deleting a segment mid-fetch).
    QVERIFY(::unlink(path.c_str()) == 0);

    const int64_t half = region_bytes / 2;
    TestHandler handler;
    handler.region_response = [&](std::span<const uint8_t> frame) {
      Response r;
      r.body.WriteInt32(CorrelationOf(frame));
      r.body.WriteRaw(Bytes{'B', 'E', 'F'});
      r.body.AppendRegion(FileRegion{handle, offset, half});                // two adjacent splices
      r.body.AppendRegion(FileRegion{handle, offset + half, region_bytes - half});
      r.body.WriteRaw(Bytes{'A', 'F', 'T', 'E', 'R'});
      return r;
    };
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0), rcvbuf));
    QVERIFY(fd >= 0);
    // Two region responses then an echo: the echo must come after the whole of both.
    Bytes reqs = MakeRequest(kRegion, 1);
    Bytes r2 = MakeRequest(kRegion, 2);
    Bytes r3 = MakeRequest(kEcho, 3, {'e'});
    reqs.insert(reqs.end(), r2.begin(), r2.end());
    reqs.insert(reqs.end(), r3.begin(), r3.end());
    QVERIFY(SendAll(fd, reqs));
    if (pause_us) std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the socket buffers fill

    Bytes expected_tail(file.begin() + offset, file.begin() + offset + region_bytes);
    for (int id : {1, 2}) {
      auto r = ReadFrame(fd, 60000, 16384, pause_us);
      QVERIFY(r.has_value());
      QCOMPARE(r->size(), size_t(4 + 3 + region_bytes + 5));
      QCOMPARE(Be32(*r), id);
      QVERIFY(std::equal(r->begin() + 4, r->begin() + 7, "BEF"));
      QVERIFY2(std::equal(expected_tail.begin(), expected_tail.end(), r->begin() + 7), "file bytes differ");
      QVERIFY(std::equal(r->end() - 5, r->end(), "AFTER"));
    }
    auto r = ReadFrame(fd);
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 3, 'e'}));
  }

  // A region that runs past the end of the file (truncated under us) cannot be completed: the connection is
  // closed rather than sending a response shorter than its size prefix promised... and the server lives on.
  void truncatedRegionClosesTheConnection() {
    QTemporaryFile tmp;
    QVERIFY(tmp.open());
    QCOMPARE(tmp.write(QByteArray(100, 'q')), qint64(100));
    tmp.flush();
    int raw_fd = ::open(tmp.fileName().toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(raw_fd >= 0);
    auto handle = std::make_shared<FileHandle>(raw_fd);
    TestHandler handler;
    handler.region_response = [&](std::span<const uint8_t> frame) {
      Response r;
      r.body.WriteInt32(CorrelationOf(frame));
      r.body.AppendRegion(FileRegion{handle, 50, 500});  // only 50 bytes exist
      return r;
    };
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(SendAll(fd, MakeRequest(kRegion, 1)));
    uint8_t buf[4 + 4 + 50];
    QVERIFY(ReadExactly(fd, buf, sizeof(buf), 5000));
    QCOMPARE(static_cast<int32_t>(LoadBe32(buf)), 4 + 500);
    QVERIFY(WaitClosed(fd, 5000));
    Fd fd2(Connect(server.BoundPort(0)));
    QVERIFY(SendAll(fd2, MakeRequest(kEcho, 2)));
    QVERIFY(ReadFrame(fd2).has_value());
  }

  void stopWithOpenConnectionsAndAPendingRequestReturnsPromptly() {
    TestHandler handler;
    auto server = std::make_unique<TcpServer>(LocalOptions(), &handler);
    QVERIFY(server->Start().ok());
    server->Serve();
    const int port = server->BoundPort(0);
    Fd quiet(Connect(port));
    Fd answered(Connect(port));
    Fd pending(Connect(port));
    QVERIFY(quiet >= 0 && answered >= 0 && pending >= 0);
    QVERIFY(SendAll(answered, MakeRequest(kEcho, 1)));
    QVERIFY(ReadFrame(answered).has_value());
    QVERIFY(SendAll(pending, MakeRequest(kHold, 2)));
    QVERIFY(WaitFor([&] { return handler.calls.load() == 2; }, 5000));
    QVERIFY(WaitFor([&] { return server->ConnectionCount() == 3; }, 5000));

    const int64_t start = MonotonicMs();
    server->Stop();
    const int64_t took = MonotonicMs() - start;
    QVERIFY2(took < 2000, qPrintable(QString("Stop took %1 ms").arg(took)));
    // Every client sees its connection closed, the one with a pending request too.
    QVERIFY(WaitClosed(quiet, 5000));
    QVERIFY(WaitClosed(answered, 5000));
    QVERIFY(WaitClosed(pending, 5000));
    // The listener is closed: new connections are refused.
    Fd late(Connect(port));
    QVERIFY(late < 0 || WaitClosed(late, 2000));
    // Stop is idempotent. A sink may outlive the server (a delayed operation dropped late at shutdown): answering
    // through it after the server is gone is harmless, and so is dropping it (under ASan/UBSan this destroyed a
    // connection after its io_context, in CI).
    server->Stop();
    server.reset();
    std::lock_guard<std::mutex> lock(handler.mu);
    QCOMPARE(handler.held.size(), size_t(1));
    ResponseSink late_sink = handler.held.front();
    handler.held.clear();
    Response r;
    r.body.WriteInt32(2);
    late_sink(std::move(r));
  }

  // Response timing for metrics (ResponseQueueTimeMs / ResponseSendTimeMs): on_sent runs once the response's bytes
  // are written, with a start no later than its end, in steady-clock time after the request was sent.
  void onSentReportsTheWrite() {
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    const int64_t before = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch()).count();
    for (int i = 0; i < 3; ++i) {
      QVERIFY(SendAll(fd, MakeRequest(kTimedEcho, i, Bytes(100, 'x'))));
      auto r = ReadFrame(fd);
      QVERIFY(r.has_value());
      QCOMPARE(Be32(*r), i);
    }
    QVERIFY(WaitFor([&] { std::lock_guard<std::mutex> lock(handler.mu); return handler.sends.size() == 3; }, 5000));
    std::lock_guard<std::mutex> lock(handler.mu);
    for (const auto& [start, end] : handler.sends) {
      QVERIFY(start >= before);
      QVERIFY(start <= end);
    }
  }

  // A handler that drops a request's sink without answering (a bug, or work abandoned) must not leave its client
  // waiting forever nor keep the connection: the connection is closed.
  void droppedSinkClosesTheConnection() {
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    Fd fd(Connect(server.BoundPort(0)));
    QVERIFY(fd >= 0);
    QVERIFY(SendAll(fd, MakeRequest(kHold, 7)));
    QVERIFY(WaitFor([&] { return handler.calls.load() == 1; }, 5000));
    {
      std::lock_guard<std::mutex> lock(handler.mu);
      handler.held.clear();
    }
    QVERIFY(WaitClosed(fd, 5000));
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 0; }, 5000));
  }

  // Issue 9 item 5: a 4-byte size prefix used to allocate and zero-fill the whole declared size (100 MB) before
  // any body byte arrived. Buffers now grow with the bytes, so 50 such connections cost almost nothing, and
  // (the pool being charged with real buffers, not declared sizes) they do not hold up anyone else.
  void sizePrefixAloneAllocatesNothing_data() {
    QTest::addColumn<qint64>("queued_max");
    QTest::newRow("default queued.max.request.bytes") << qint64(ServerOptions{}.queued_max_request_bytes);
    QTest::newRow("unbounded (-1)") << qint64(-1);
  }
  void sizePrefixAloneAllocatesNothing() {
    QFETCH(qint64, queued_max);
    TestHandler handler;
    ServerOptions options = LocalOptions();
    options.max_request_bytes = 100 * 1024 * 1024;
    options.queued_max_request_bytes = queued_max;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    const int64_t rss_before = VmRssKb();
    std::vector<std::unique_ptr<Fd>> liars;
    for (int i = 0; i < 50; ++i) {
      liars.push_back(std::make_unique<Fd>(Connect(port)));
      QVERIFY(*liars.back() >= 0);
      QVERIFY(SendSizePrefix(*liars.back(), options.max_request_bytes));
      QVERIFY(SendAll(*liars.back(), Bytes(1000, 0x42)));  // a little of the body, so reading has begun
    }
    // Every connection has started its request (a first chunk each), none has its declared 100 MB.
    QVERIFY2(WaitFor([&] { return server.QueuedRequestBytes() >= 50 * 1000; }, 5000),
             std::to_string(server.QueuedRequestBytes()).c_str());
    QVERIFY2(server.QueuedRequestBytes() <= 50 * 64 * 1024, std::to_string(server.QueuedRequestBytes()).c_str());
    const int64_t grown_kb = VmRssKb() - rss_before;
    qInfo("RSS grew by %lld KiB for 50 connections declaring 100 MB each", static_cast<long long>(grown_kb));
    QVERIFY2(grown_kb < 32 * 1024, std::to_string(grown_kb).c_str());
    // Ordinary traffic is unaffected.
    Fd normal(Connect(port));
    QVERIFY(EchoWorks(normal, 1));
    QCOMPARE(handler.calls.load(), 1);
    liars.clear();
    QVERIFY(WaitFor([&] { return server.QueuedRequestBytes() == 0; }, 5000));
  }

  // queued.max.request.bytes: over the budget, connections stop reading (Kafka mutes the channel) until an
  // answered request gives its bytes back; then they go on.
  void queuedRequestBytesMuteReadingUntilReleased() {
    TestHandler handler;
    ServerOptions options = LocalOptions();
    options.queued_max_request_bytes = 1024 * 1024;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    Fd a(Connect(port)), b(Connect(port)), c(Connect(port));
    // Two held requests of 600 KB: the first fits; the second starts while budget is left and, being the oldest
    // request still being read, may finish (the pool overshoots by at most one request, as Kafka's non-strict
    // pool does); then the pool is over its limit.
    QVERIFY(SendAll(a, MakeRequest(kHold, 1, Bytes(600 * 1024, 1))));
    QVERIFY(WaitFor([&] { return handler.calls.load() == 1; }, 5000));
    QVERIFY(SendAll(b, MakeRequest(kHold, 2, Bytes(600 * 1024, 2))));
    QVERIFY(WaitFor([&] { return handler.calls.load() == 2; }, 5000));
    QVERIFY(server.QueuedRequestBytes() > options.queued_max_request_bytes);
    // A third request waits in its socket: not read, not answered.
    QVERIFY(SendAll(c, MakeRequest(kEcho, 3, {'x'})));
    QVERIFY(StaysOpenAndQuiet(c, 300));
    QCOMPARE(handler.calls.load(), 2);
    // Answering the held requests releases their bytes; the muted connection reads and is answered.
    std::vector<ResponseSink> held;
    {
      std::lock_guard<std::mutex> lock(handler.mu);
      held.swap(handler.held);
    }
    QCOMPARE(held.size(), size_t(2));
    for (auto& respond : held) {
      Response r;
      r.body.WriteInt32(0);
      respond(std::move(r));
    }
    held.clear();
    auto r = ReadFrame(c);
    QVERIFY(r.has_value());
    QCOMPARE(Be32(*r), 3);
    QVERIFY(ReadFrame(a).has_value());
    QVERIFY(ReadFrame(b).has_value());
    QVERIFY(WaitFor([&] { return server.QueuedRequestBytes() == 0; }, 5000));
  }

  // Partial requests filling the pool must not deadlock: the oldest one may always grow, completes, is answered,
  // and the next one goes on.
  void partialRequestsFillingThePoolStillComplete() {
    TestHandler handler;
    ServerOptions options = LocalOptions();
    options.queued_max_request_bytes = 256 * 1024;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    std::vector<std::unique_ptr<Fd>> clients;
    std::vector<Bytes> requests;
    for (int i = 0; i < 6; ++i) {
      clients.push_back(std::make_unique<Fd>(Connect(port)));
      requests.push_back(MakeRequest(kEcho, i, Bytes(300 * 1024, static_cast<uint8_t>(i))));
    }
    // Interleave the uploads so that every request is partly read before any completes.
    std::vector<std::thread> senders;
    for (int i = 0; i < 6; ++i) senders.emplace_back([&, i] { SendAll(*clients[i], requests[i]); });
    for (int i = 0; i < 6; ++i) {
      auto r = ReadFrame(*clients[i], 10000);
      QVERIFY2(r.has_value(), std::to_string(i).c_str());
      QCOMPARE(Be32(*r), i);
      QCOMPARE(r->size(), size_t(4 + 300 * 1024));
    }
    for (auto& t : senders) t.join();
    QVERIFY(WaitFor([&] { return server.QueuedRequestBytes() == 0; }, 5000));
  }

  void connectionLimitsRefuseNewConnections_data() {
    QTest::addColumn<bool>("per_ip");
    QTest::newRow("max.connections.per.ip") << true;
    QTest::newRow("max.connections") << false;
  }
  void connectionLimitsRefuseNewConnections() {
    QFETCH(bool, per_ip);
    CapturedLog log;
    TestHandler handler;
    ServerOptions options = LocalOptions();
    (per_ip ? options.max_connections_per_ip : options.max_connections) = 3;
    TcpServer server(options, &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    std::vector<std::unique_ptr<Fd>> admitted;
    for (int i = 0; i < 3; ++i) {
      admitted.push_back(std::make_unique<Fd>(Connect(port)));
      QVERIFY(EchoWorks(*admitted.back(), i));
    }
    // Beyond the limit: closed at once, however many try.
    for (int i = 0; i < 20; ++i) {
      Fd refused(Connect(port));
      QVERIFY(refused < 0 || WaitClosed(refused, 2000));
    }
    QCOMPARE(server.ConnectionCount(), size_t(3));
    // The refusals are logged, but not one line each.
    const int lines = log.CountLines("refused a connection");
    QVERIFY2(lines >= 1 && lines <= 2, std::to_string(lines).c_str());
    QVERIFY(log.CountLines(per_ip ? "max.connections.per.ip" : "max.connections (3)") >= 1);
    // The admitted ones still work, and a closed one frees a place.
    for (auto& fd : admitted) QVERIFY(EchoWorks(*fd, 9));
    admitted.pop_back();
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 2; }, 5000));
    Fd again(Connect(port));
    QVERIFY(EchoWorks(again, 10));
  }

  // Issue 9 item 6: at the descriptor limit accept fails with EMFILE and the listen socket stays readable; the
  // server backs off instead of spinning, logs a line per interval, and keeps serving the connections it has.
  void acceptAtDescriptorLimitBacksOff() {
    CapturedLog log;
    TestHandler handler;
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    Fd existing(Connect(port));
    QVERIFY(EchoWorks(existing, 1));

    rlimit saved{};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = static_cast<rlim_t>(OpenFdCount() + 6);
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &low) == 0);
    // Each connection costs two descriptors here (client and server side): the client's socket() succeeds
    // while the server's accept no longer can, and connections pile up in the backlog.
    std::vector<int> clients;
    for (int i = 0; i < 10; ++i) {
      int fd = Connect(port);
      if (fd >= 0) clients.push_back(fd);
    }
    QVERIFY(!clients.empty());
    QVERIFY(WaitFor([&] { return log.CountLines("accept on PLAINTEXT failed") >= 1; }, 5000));
    // Two seconds at the limit: little CPU, few lines, and the existing connection is answered throughout.
    const double cpu_before = CpuSeconds();
    const int64_t until = MonotonicMs() + 2000;
    int answered = 0;
    while (MonotonicMs() < until) {
      QVERIFY(EchoWorks(existing, 100 + answered));
      ++answered;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const double cpu = CpuSeconds() - cpu_before;
    const int lines = log.CountLines("accept on PLAINTEXT failed");
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    qInfo("at the fd limit for 2 s: %d log line(s), %.3f CPU-seconds, %d echoes answered", lines, cpu, answered);
    QVERIFY2(lines <= 2, std::to_string(lines).c_str());
    QVERIFY2(cpu < 0.5, std::to_string(cpu).c_str());
    QVERIFY(log.CountLines("time(s) since the last report") >= 1);
    // With descriptors back, the queued connections are accepted (within the 1 s back-off) and served.
    QVERIFY(EchoWorks(clients.back(), 7, 5000));
    for (int fd : clients) ::close(fd);
  }

  // Issue 13 item 1: sendfile(2) to a socket the client reset raises SIGPIPE (it has no MSG_NOSIGNAL). This test
  // executable keeps SIGPIPE's default action (terminate): clients that vanish mid-response must not kill it.
  void clientsVanishingMidResponseNeverRaiseSigpipe() {
    ::signal(SIGPIPE, SIG_DFL);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("segment.log").toStdString();
    const size_t file_bytes = 8 * 1024 * 1024;
    {
      std::ofstream out(path, std::ios::binary);
      std::string chunk(1 << 20, 'x');
      for (size_t i = 0; i < file_bytes / chunk.size(); ++i) out << chunk;
    }
    int raw_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    QVERIFY(raw_fd >= 0);
    auto handle = std::make_shared<FileHandle>(raw_fd);
    TestHandler handler;
    handler.region_response = [&](std::span<const uint8_t> frame) {
      Response r;
      r.body.WriteInt32(CorrelationOf(frame));
      r.body.AppendRegion(FileRegion{handle, 0, static_cast<int64_t>(file_bytes)});
      return r;
    };
    TcpServer server(LocalOptions(), &handler);
    QVERIFY(server.Start().ok());
    server.Serve();
    const int port = server.BoundPort(0);
    for (int round = 0; round < 40; ++round) {
      int fd = Connect(port, 4096);
      QVERIFY(fd >= 0);
      QVERIFY(SendAll(fd, MakeRequest(kRegion, round)));
      uint8_t some[1024];
      QVERIFY(ReadExactly(fd, some, sizeof(some), 5000));
      // Reset, not a polite close: the server's next sendfile meets EPIPE / ECONNRESET.
      linger hard{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
      ::close(fd);
    }
    // Still alive, still serving.
    QVERIFY(WaitFor([&] { return server.ConnectionCount() == 0; }, 5000));
    Fd after(Connect(port));
    QVERIFY(EchoWorks(after, 1));
  }

  void bindFailureNamesTheListener() {
    TestHandler handler;
    TcpServer first(LocalOptions(), &handler);
    QVERIFY(first.Start().ok());
    ServerOptions options;
    options.listeners.push_back({"CLIENTS", "127.0.0.1", first.BoundPort(0)});
    TcpServer second(options, &handler);
    Status s = second.Start();
    QVERIFY(!s.ok());
    QVERIFY2(s.ToString().find("CLIENTS") != std::string::npos, s.ToString().c_str());
  }
};

QTEST_GUILESS_MAIN(TestTcpServer)
#include "test_tcp_server.moc"
