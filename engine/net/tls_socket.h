#pragma once

// The server side of TLS over one accepted, non-blocking TCP socket.
//
// Two transports, chosen when the handshake ends:
//  - Kernel TLS (the kernel's "tls" ULP, Debian's OpenSSL built with it): OpenSSL runs the handshake on the socket
//    with SSL_OP_ENABLE_KTLS, and when the kernel took the send keys the connection stays on the socket: writes
//    go through the kernel's encryption and file regions through SSL_sendfile, zero-copy as in plaintext.
//  - Otherwise (this machine's kernel has no "tls" module): OpenSSL is moved onto our own byte buffers (a BIO of
//    ours) and this class moves them to and from the socket.
// `socket_transport` keeps every connection on the socket after the handshake, kernel TLS or not: the path kernel
// TLS connections take, for tests on kernels without it.
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
  TlsSocket(asio::ip::tcp::socket& socket, Strand strand, SSL* ssl, bool socket_transport = false);
  ~TlsSocket();
  TlsSocket(const TlsSocket&) = delete;
  TlsSocket& operator=(const TlsSocket&) = delete;

  SSL* ssl() const { return ssl_; }
  // After the handshake: the kernel encrypts what this connection sends (AsyncSendFile may be used).
  bool kernel_tls() const { return kernel_tls_; }
  // After the handshake, for logs: "kernel TLS", "OpenSSL on the socket" or "TlsSocket buffers".
  const char* transport_name() const;

  void AsyncHandshake(Done done);
  // Completes with at least one byte of plaintext (or an error; asio::error::eof after the peer's close_notify).
  void AsyncReadSome(uint8_t* data, size_t size, ReadDone done);
  // Completes once all `size` bytes are read.
  void AsyncRead(uint8_t* data, size_t size, ReadDone done);
  // Encrypts the buffers (64 KiB at a time, each part sent before the next) and completes once all of it is in the
  // kernel's socket buffer. The bytes the buffers point to must stay valid until then.
  void AsyncWrite(std::span<const asio::const_buffer> buffers, Done done);
  // Kernel TLS only: sends up to `size` bytes of `file_fd` from `offset` with SSL_sendfile; completes with the
  // count sent (at least one byte) or an error.
  void AsyncSendFile(int file_fd, int64_t offset, size_t size, ReadDone done);

 private:
  enum class Fill { kFilled, kWouldBlock, kError };
  enum class Transport { kSocket, kBuffers };  // OpenSSL on the socket (handshake, kernel TLS) or on in_/out_

  void OnHandshakeDone();
  // Waits until the socket is readable (`ssl_error` SSL_ERROR_WANT_READ) or writable (SSL_ERROR_WANT_WRITE), as an
  // SSL call or our own recv/send asked, then calls `next` (with the wait's error, if any).
  void WaitFor(int ssl_error, Done next);
  void ContinueSendFile(int file_fd, int64_t offset, size_t size, ReadDone done);
  void ContinueHandshake(Done done);
  void ContinueRead(uint8_t* data, size_t size, size_t got, bool whole, ReadDone done);
  void ContinueWrite(Done done);
  // What follows a part of a write reaching the socket: the next part, or `done` once all is sent (or on an error).
  Done ResumeWrite(Done done);
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
  const bool socket_transport_;
  Transport transport_ = Transport::kSocket;
  bool kernel_tls_ = false;
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
