#pragma once

// The server side of TLS over one accepted, non-blocking TCP socket: OpenSSL works on our own byte buffers (a
// BIO of ours) and this class moves them to and from the socket.
//
// Why not asio::ssl::stream: it passes every TLS record through a 17 KiB BIO pair and an output buffer of its
// own and sends each record with its own send(2) and completion handler. A fetch of file regions under TLS then
// spends more time in copies, syscalls and handler dispatch than in AES-GCM (docs/PERFORMANCE.md, "TLS against
// PLAINTEXT"). Here OpenSSL encrypts up to 64 KiB of a write (four records) into out_, which goes to the socket in as
// few send(2) calls as the socket takes, and decrypts from in_, filled by recv(2) up to 32 KiB at a time.
//
// Output produced while reading (an alert, the refusal of a TLS 1.2 renegotiation) is not sent on its own: it
// leaves with the next write. A Kafka connection answers every request it reads (or closes), and nothing a
// reading server sends is waited for: OpenSSL answers a TLS 1.3 KeyUpdate in the next write anyway, and
// renegotiation is refused by the context (SSL_OP_NO_RENEGOTIATION). A peer that makes more than 16 KiB of such
// output without a write in between is closed.
//
// Thread safety: none; every call and every completion runs on the connection's strand. At most one read and one
// write (or the handshake alone) are in progress at a time. Completions are always posted, never run inside the
// call that started the operation. Ownership: owns the SSL object; a completion handler passed in keeps whatever
// owns this object alive (the connection's shared_ptr), and is carried by the pending socket wait, not stored.

#include <openssl/ssl.h>

#include <asio.hpp>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace partita::net {

class TlsSocket {
 public:
  using Strand = asio::strand<asio::io_context::executor_type>;
  using Done = std::function<void(asio::error_code)>;
  using ReadDone = std::function<void(asio::error_code, size_t)>;

  // `ssl` (owned from here on) is a fresh server-side SSL object of the listener's context.
  TlsSocket(asio::ip::tcp::socket& socket, Strand strand, SSL* ssl);
  ~TlsSocket();
  TlsSocket(const TlsSocket&) = delete;
  TlsSocket& operator=(const TlsSocket&) = delete;

  SSL* ssl() const { return ssl_; }

  void AsyncHandshake(Done done);
  // Completes with at least one byte of plaintext (or an error; asio::error::eof after the peer's close_notify).
  void AsyncReadSome(uint8_t* data, size_t size, ReadDone done);
  // Completes once all `size` bytes are read.
  void AsyncRead(uint8_t* data, size_t size, ReadDone done);
  // Encrypts the buffers (64 KiB at a time, each part sent before the next) and completes once all of it is in the
  // kernel's socket buffer. The bytes the buffers point to must stay valid until then.
  void AsyncWrite(std::span<const asio::const_buffer> buffers, Done done);

 private:
  enum class Fill { kFilled, kWouldBlock, kError };

  void ContinueHandshake(Done done);
  void ContinueRead(uint8_t* data, size_t size, size_t got, bool whole, ReadDone done);
  void ContinueWrite(Done done);
  void Flush(Done done);
  Fill FillInput(asio::error_code& ec);
  asio::error_code ErrorFor(int ssl_result);
  void Post(Done done, asio::error_code ec);
  void Post(ReadDone done, asio::error_code ec, size_t n);

  static BIO_METHOD* BioMethod();
  // The BIO's side: OpenSSL reads ciphertext from in_ and writes it to out_.
  static int BioRead(BIO* bio, char* data, size_t size, size_t* read);
  static int BioWrite(BIO* bio, const char* data, size_t size, size_t* written);
  static long BioCtrl(BIO* bio, int cmd, long num, void* ptr);

  asio::ip::tcp::socket& socket_;
  Strand strand_;
  SSL* ssl_;
  std::vector<uint8_t> in_;  // ciphertext from the peer: [in_pos_, in_len_) not yet given to OpenSSL
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
  bool peer_eof_ = false;      // recv(2) returned 0
  std::vector<uint8_t> out_;   // ciphertext for the peer: [out_pos_, size) not yet sent
  size_t out_pos_ = 0;
  std::vector<uint8_t> gather_;  // a write's small buffers joined into one TLS record
  std::vector<asio::const_buffer> unwritten_;  // the write in progress: what is not encrypted yet
  size_t unwritten_index_ = 0;
  bool writing_ = false;  // an AsyncWrite has not completed yet
};

}  // namespace partita::net
