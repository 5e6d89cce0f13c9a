// Unit tests for the server side of TLS (net::TlsSocket inside net::TcpServer): a real server on 127.0.0.1 with an
// SSL listener whose certificate is made here, driven by a blocking OpenSSL client, so that every byte a client
// reads is checked against what it asked for: echoes of every size around the TLS record limit, pipelined
// requests, file regions read in chunks and sent through OpenSSL, slow readers (the socket full), a client's
// KeyUpdate, and clients that vanish mid-response. Everything runs twice: with TlsSocket's own buffers (what a
// connection without kernel TLS uses) and with OpenSSL kept on the socket (ServerOptions::tls_socket_transport,
// the path of kernel-TLS connections; where the kernel has TLS, that run also sends regions with SSL_sendfile).
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/common/endian.h"
#include "engine/common/file_region.h"
#include "engine/net/tcp_server.h"
#include "engine/security/tls_context.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>

using namespace partita;
using namespace partita::net;

namespace {

using Bytes = std::vector<uint8_t>;

// Requests: INT32 kind, INT32 correlation id, INT16 -1 (frames are >= 10 bytes), then a payload.
// kEcho answers the correlation id and the payload; kRegion answers the correlation id, "<", the file region
// whose offset and length are the payload's two INT32s, and ">".
constexpr int32_t kEcho = 0;
constexpr int32_t kRegion = 1;

Bytes MakeRequest(int32_t kind, int32_t correlation_id, const Bytes& payload = {}) {
  Bytes frame(4 + 10 + payload.size());
  StoreBe32(frame.data(), static_cast<uint32_t>(10 + payload.size()));
  StoreBe32(frame.data() + 4, static_cast<uint32_t>(kind));
  StoreBe32(frame.data() + 8, static_cast<uint32_t>(correlation_id));
  frame[12] = frame[13] = 0xFF;
  std::copy(payload.begin(), payload.end(), frame.begin() + 14);
  return frame;
}

Bytes RegionRequest(int32_t correlation_id, int32_t offset, int32_t length) {
  Bytes payload(8);
  StoreBe32(payload.data(), static_cast<uint32_t>(offset));
  StoreBe32(payload.data() + 4, static_cast<uint32_t>(length));
  return MakeRequest(kRegion, correlation_id, payload);
}

Bytes RandomBytes(size_t n, uint32_t seed) {
  Bytes b(n);
  std::mt19937 rng(seed);
  for (auto& x : b) x = static_cast<uint8_t>(rng());
  return b;
}

class Handler : public RequestHandler {
 public:
  std::shared_ptr<FileHandle> file;

  void HandleRequest(const ConnectionInfo&, std::span<const uint8_t> frame, ResponseSink respond) override {
    const auto kind = static_cast<int32_t>(LoadBe32(frame.data()));
    Response r;
    r.body.WriteInt32(static_cast<int32_t>(LoadBe32(frame.data() + 4)));
    if (kind == kEcho) {
      r.body.WriteRaw(frame.subspan(10));
    } else {
      const auto offset = static_cast<int64_t>(LoadBe32(frame.data() + 10));
      const auto length = static_cast<int64_t>(LoadBe32(frame.data() + 14));
      r.body.WriteRaw(Bytes{'<'});
      r.body.AppendRegion(FileRegion{file, offset, length});
      r.body.WriteRaw(Bytes{'>'});
    }
    respond(std::move(r));
  }
};

// A self-signed P-256 certificate and its key, as PEM text (inline key store, KIP-651).
struct TestIdentity {
  std::string certificate;
  std::string key;
};

std::string ToPem(const std::function<int(BIO*)>& write) {
  BIO* bio = BIO_new(BIO_s_mem());
  std::string out;
  if (write(bio) == 1) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    out.assign(data, static_cast<size_t>(n));
  }
  BIO_free(bio);
  return out;
}

TestIdentity MakeIdentity() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, X509_get_subject_name(cert));
  X509_sign(cert, key, EVP_sha256());
  TestIdentity id{ToPem([&](BIO* b) { return PEM_write_bio_X509(b, cert); }),
                  ToPem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr); })};
  X509_free(cert);
  EVP_PKEY_free(key);
  return id;
}

// A blocking TLS client over a loopback socket; no certificate check (the test trusts its own server).
class Client {
 public:
  Client(SSL_CTX* ctx, int port, int rcvbuf = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (rcvbuf > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    timeval tv{30, 0};  // a hung server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return;
    ssl_ = SSL_new(ctx);
    SSL_set_fd(ssl_, fd_);
    connected_ = SSL_connect(ssl_) == 1;
  }
  ~Client() {
    if (ssl_) SSL_free(ssl_);
    ::close(fd_);
  }
  bool connected() const { return connected_; }
  SSL* ssl() const { return ssl_; }

  bool Send(const Bytes& b) {
    size_t written = 0;
    return SSL_write_ex(ssl_, b.data(), b.size(), &written) == 1 && written == b.size();
  }
  // Reads exactly n bytes, `chunk` at most per read (a slow reader), or nothing on EOF / error / timeout.
  bool Read(uint8_t* out, size_t n, size_t chunk = SIZE_MAX, int pause_us = 0) {
    size_t got = 0;
    while (got < n) {
      size_t r = 0;
      if (SSL_read_ex(ssl_, out + got, std::min(n - got, chunk), &r) != 1) return false;
      got += r;
      if (pause_us) std::this_thread::sleep_for(std::chrono::microseconds(pause_us));
    }
    return true;
  }
  std::optional<Bytes> ReadFrame(size_t chunk = SIZE_MAX, int pause_us = 0) {
    uint8_t size[4];
    if (!Read(size, 4)) return std::nullopt;
    Bytes body(LoadBe32(size));
    if (!Read(body.data(), body.size(), chunk, pause_us)) return std::nullopt;
    return body;
  }
  void Close() {
    ::shutdown(fd_, SHUT_RDWR);
  }

 private:
  int fd_ = -1;
  SSL* ssl_ = nullptr;
  bool connected_ = false;
};

int32_t Be32(const Bytes& b, size_t at = 0) { return static_cast<int32_t>(LoadBe32(b.data() + at)); }

}  // namespace

class TestTlsSocket : public QObject {
  Q_OBJECT

 public:
  explicit TestTlsSocket(bool socket_transport) : socket_transport_(socket_transport) {}

 private:
  const bool socket_transport_;
  std::ostringstream log_;  // the server's debug log: each handshake names the transport it chose
  std::shared_ptr<spdlog::logger> previous_logger_;
  Bytes file_bytes_ = RandomBytes(9 << 20, 11);
  QTemporaryDir dir_;
  Handler handler_;
  std::unique_ptr<TcpServer> server_;
  SSL_CTX* client_ctx_ = nullptr;

  int Port() { return server_->BoundPort(0); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const std::string path = dir_.filePath("segment.log").toStdString();
    FILE* f = std::fopen(path.c_str(), "wb");
    QVERIFY(f);
    QCOMPARE(std::fwrite(file_bytes_.data(), 1, file_bytes_.size(), f), file_bytes_.size());
    std::fclose(f);
    handler_.file = std::make_shared<FileHandle>(::open(path.c_str(), O_RDONLY | O_CLOEXEC));

    const TestIdentity id = MakeIdentity();
    security::TlsSettings settings;
    settings.keystore_certificate_chain = id.certificate;
    settings.keystore_key = id.key;
    auto tls = security::TlsContext::ForServer(settings, "listener SSL");
    QVERIFY2(tls.ok(), tls.status().ToString().c_str());
    ServerOptions options;
    ListenerConfig listener{"SSL", "127.0.0.1", 0, security::SecurityProtocol::kSsl, *tls, nullptr, nullptr};
    options.listeners.push_back(listener);
    options.network_threads = 2;
    options.tls_socket_transport = socket_transport_;
    previous_logger_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
    qInfo("transport after the handshake: %s", socket_transport_ ? "OpenSSL on the socket" : "TlsSocket's buffers");
    server_ = std::make_unique<TcpServer>(options, &handler_);
    QVERIFY(server_->Start().ok());
    server_->Serve();
    client_ctx_ = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(client_ctx_, SSL_VERIFY_NONE, nullptr);
  }

  void cleanupTestCase() {
    server_.reset();
    SSL_CTX_free(client_ctx_);
    spdlog::set_default_logger(previous_logger_);
  }

  // Sizes around one TLS record (16 KiB of plaintext) and many records; the answer must be byte exact.
  void echoesOfEverySizeComeBackExact_data() {
    QTest::addColumn<int>("size");
    for (int size : {0, 1, 16369, 16370, 16384, 16385, 100000, 1 << 20}) QTest::newRow(std::to_string(size).c_str()) << size;
  }
  void echoesOfEverySizeComeBackExact() {
    QFETCH(int, size);
    Client client(client_ctx_, Port());
    QVERIFY(client.connected());
    const Bytes payload = RandomBytes(static_cast<size_t>(size), static_cast<uint32_t>(size));
    QVERIFY(client.Send(MakeRequest(kEcho, 7, payload)));
    auto r = client.ReadFrame();
    QVERIFY(r.has_value());
    QCOMPARE(r->size(), payload.size() + 4);
    QCOMPARE(Be32(*r), 7);
    QVERIFY(std::equal(payload.begin(), payload.end(), r->begin() + 4));
  }

  // Many requests in one TLS write (so several arrive in one read): answered in order, each whole.
  void pipelinedRequestsAreAnsweredInOrder() {
    Client client(client_ctx_, Port());
    QVERIFY(client.connected());
    Bytes all;
    for (int i = 0; i < 50; ++i) {
      Bytes req = MakeRequest(kEcho, i, RandomBytes(static_cast<size_t>(i * 997), static_cast<uint32_t>(i)));
      all.insert(all.end(), req.begin(), req.end());
    }
    QVERIFY(client.Send(all));
    for (int i = 0; i < 50; ++i) {
      auto r = client.ReadFrame();
      QVERIFY(r.has_value());
      QCOMPARE(Be32(*r), i);
      QCOMPARE(r->size(), size_t(4 + i * 997));
    }
  }

  // File regions are read in chunks and encrypted a chunk at a time: lengths around the chunk size and an offset
  // inside the file; a slow reader with a small receive buffer makes the server wait for the socket.
  void fileRegionsArriveByteExact_data() {
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("rcvbuf");
    QTest::addColumn<int>("pause_us");
    QTest::newRow("1 byte") << 5 << 1 << 0 << 0;
    QTest::newRow("64 KiB - 1") << 123 << 65535 << 0 << 0;
    QTest::newRow("64 KiB") << 0 << 65536 << 0 << 0;
    QTest::newRow("64 KiB + 1") << 4096 << 65537 << 0 << 0;
    QTest::newRow("8 MiB") << 777 << (8 << 20) << 0 << 0;
    QTest::newRow("3 MiB, slow reader") << 999 << (3 << 20) << 8192 << 100;
  }
  void fileRegionsArriveByteExact() {
    QFETCH(int, offset);
    QFETCH(int, length);
    QFETCH(int, rcvbuf);
    QFETCH(int, pause_us);
    Client client(client_ctx_, Port(), rcvbuf);
    QVERIFY(client.connected());
    // Two regions then an echo, pipelined: the echo must come after the whole of both.
    Bytes reqs = RegionRequest(1, offset, length);
    for (const Bytes& more : {RegionRequest(2, offset, length), MakeRequest(kEcho, 3, {'e'})}) {
      reqs.insert(reqs.end(), more.begin(), more.end());
    }
    QVERIFY(client.Send(reqs));
    if (pause_us) std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the socket buffers fill
    for (int id : {1, 2}) {
      auto r = client.ReadFrame(16384, pause_us);
      QVERIFY(r.has_value());
      QCOMPARE(r->size(), size_t(4 + 1 + length + 1));
      QCOMPARE(Be32(*r), id);
      QCOMPARE((*r)[4], uint8_t('<'));
      QVERIFY2(std::equal(file_bytes_.begin() + offset, file_bytes_.begin() + offset + length, r->begin() + 5),
               "file bytes differ");
      QCOMPARE(r->back(), uint8_t('>'));
    }
    auto r = client.ReadFrame();
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 3, 'e'}));
  }

  // TLS 1.3 KeyUpdate asking for ours (RFC 8446 4.6.3): the server's KeyUpdate leaves with its next answer, and
  // both directions keep working under the new keys.
  void keyUpdateRequestedByTheClientKeepsTheConnectionWorking() {
    Client client(client_ctx_, Port());
    QVERIFY(client.connected());
    QCOMPARE(SSL_version(client.ssl()), TLS1_3_VERSION);
    for (int round = 0; round < 3; ++round) {
      QVERIFY(SSL_key_update(client.ssl(), SSL_KEY_UPDATE_REQUESTED) == 1);
      const Bytes payload = RandomBytes(40000, static_cast<uint32_t>(round));
      QVERIFY(client.Send(MakeRequest(kEcho, round, payload)));
      auto r = client.ReadFrame();
      QVERIFY(r.has_value());
      QCOMPARE(Be32(*r), round);
      QVERIFY(std::equal(payload.begin(), payload.end(), r->begin() + 4));
    }
  }

  // Clients that ask for a large answer and vanish (mid-handshake, mid-response): the server closes their
  // connections and keeps serving others.
  void clientsVanishingMidResponseLeaveTheServerServing() {
    for (int i = 0; i < 10; ++i) {
      Client client(client_ctx_, Port(), 4096);
      QVERIFY(client.connected());
      QVERIFY(client.Send(RegionRequest(i, 0, 8 << 20)));
      uint8_t first[64];
      QVERIFY(client.Read(first, sizeof first));
      client.Close();
    }
    Client client(client_ctx_, Port());
    QVERIFY(client.connected());
    QVERIFY(client.Send(MakeRequest(kEcho, 42, {'o', 'k'})));
    auto r = client.ReadFrame();
    QVERIFY(r.has_value());
    QCOMPARE(*r, (Bytes{0, 0, 0, 42, 'o', 'k'}));
  }

  // Last: every connection above took the transport this run is about (kernel TLS counts for the socket run).
  void everyConnectionTookThisRunsTransport() {
    spdlog::default_logger()->flush();
    const std::string log = log_.str();
    const auto count = [&log](const std::string& needle) {
      size_t n = 0;
      for (size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++n;
      return n;
    };
    const size_t buffers = count("sending through TlsSocket buffers");
    const size_t socket = count("sending through OpenSSL on the socket") + count("sending through kernel TLS");
    QVERIFY2(buffers + socket >= 10, log.c_str());
    QCOMPARE(socket_transport_ ? buffers : socket, size_t(0));
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failed = 0;
  for (bool socket_transport : {false, true}) {
    TestTlsSocket test(socket_transport);
    failed += QTest::qExec(&test, argc, argv);
  }
  return failed;
}
#include "test_tls_socket.moc"
