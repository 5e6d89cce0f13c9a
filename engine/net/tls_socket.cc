#include "engine/net/tls_socket.h"

#include <openssl/err.h>
#include <sys/socket.h>

#include <asio/ssl/error.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace partita::net {

namespace {

// recv(2) asks for up to this much ciphertext at a time: two full TLS records, so a large produce request costs
// one syscall per ~32 KiB rather than one per record.
constexpr size_t kInputBytes = 32 * 1024;
// A write is encrypted this much at a time, each part sent before the next is encrypted: out_ stays within one
// part (and a little TLS overhead) whatever the size of the answer, so its capacity is kept between writes.
constexpr size_t kWritePartBytes = 64 * 1024;
// Ciphertext a read may leave unsent while no write is in progress. What reading produces is small (an alert, the
// refusal of a TLS 1.2 renegotiation); a peer that makes more without reading answers is closed, so a client
// repeating renegotiation requests cannot grow out_ without bound.
constexpr size_t kMaxUnsentFromReads = 16 * 1024;
// Buffers of one write joined into a single TLS record when together they are at most this large (a response's
// 4-byte size prefix and its body would otherwise be two records).
constexpr size_t kGatherBytes = 16 * 1024;

bool IsWant(int ssl_error) { return ssl_error == SSL_ERROR_WANT_READ || ssl_error == SSL_ERROR_WANT_WRITE; }

}  // namespace

BIO_METHOD* TlsSocket::BioMethod() {
  // Created once, kept for the process: every TLS connection's BIO uses it.
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "partita tls socket buffers");
    BIO_meth_set_create(m, [](BIO* bio) {
      BIO_set_init(bio, 1);
      return 1;
    });
    BIO_meth_set_read_ex(m, &TlsSocket::BioRead);
    BIO_meth_set_write_ex(m, &TlsSocket::BioWrite);
    BIO_meth_set_ctrl(m, &TlsSocket::BioCtrl);
    return m;
  }();
  return method;
}

TlsSocket::TlsSocket(asio::ip::tcp::socket& socket, Strand strand, SSL* ssl, bool socket_transport)
    : socket_(socket), strand_(std::move(strand)), ssl_(ssl), socket_transport_(socket_transport) {
  // The handshake runs on the socket itself, so that OpenSSL can hand the keys to the kernel when it ends.
  SSL_set_fd(ssl_, socket_.native_handle());  // a socket BIO that does not close the descriptor
  SSL_set_options(ssl_, SSL_OP_ENABLE_KTLS);
  SSL_set_accept_state(ssl_);
  // OpenSSL's own record buffers are kept between records (no allocation per record on a busy connection).
  SSL_clear_mode(ssl_, SSL_MODE_RELEASE_BUFFERS);
}

TlsSocket::~TlsSocket() { SSL_free(ssl_); }

int TlsSocket::BioRead(BIO* bio, char* data, size_t size, size_t* read) {
  auto* self = static_cast<TlsSocket*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  *read = 0;
  const size_t available = self->in_len_ - self->in_pos_;
  if (available == 0) {
    if (!self->peer_eof_) BIO_set_retry_read(bio);  // no retry flag: end of stream
    return 0;
  }
  const size_t n = std::min(available, size);
  std::memcpy(data, self->in_.data() + self->in_pos_, n);
  self->in_pos_ += n;
  if (self->in_pos_ == self->in_len_) self->in_pos_ = self->in_len_ = 0;
  *read = n;
  return 1;
}

int TlsSocket::BioWrite(BIO* bio, const char* data, size_t size, size_t* written) {
  auto* self = static_cast<TlsSocket*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  self->out_.insert(self->out_.end(), data, data + size);
  *written = size;
  return 1;
}

long TlsSocket::BioCtrl(BIO* bio, int cmd, long, void*) {
  auto* self = static_cast<TlsSocket*>(BIO_get_data(bio));
  switch (cmd) {
    case BIO_CTRL_FLUSH:
      return 1;  // written bytes are flushed by the write that produced them
    case BIO_CTRL_PENDING:
      return static_cast<long>(self->in_len_ - self->in_pos_);
    case BIO_CTRL_WPENDING:
      return 0;
    case BIO_CTRL_EOF:
      return self->peer_eof_ && self->in_pos_ == self->in_len_ ? 1 : 0;
    default:
      return 0;
  }
}

void TlsSocket::Post(Done done, asio::error_code ec) {
  asio::post(strand_, [done = std::move(done), ec] { done(ec); });
}

void TlsSocket::Post(ReadDone done, asio::error_code ec, size_t n) {
  asio::post(strand_, [done = std::move(done), ec, n] { done(ec, n); });
}

asio::error_code TlsSocket::ErrorFor(int ssl_result) {
  const int saved_errno = errno;  // a failed send or recv of OpenSSL's own (socket transport)
  const int kind = SSL_get_error(ssl_, ssl_result);
  if (kind == SSL_ERROR_ZERO_RETURN) return asio::error::eof;  // the peer's close_notify
  const unsigned long err = ERR_get_error();
  ERR_clear_error();
  // The peer closed TCP without close_notify: asio's name for it, which callers treat as an ordinary close.
  if ((err == 0 && (peer_eof_ || (kind == SSL_ERROR_SYSCALL && saved_errno == 0))) ||
      ERR_GET_REASON(err) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
    return asio::ssl::error::stream_truncated;
  }
  if (err != 0) return asio::error_code(static_cast<int>(err), asio::error::get_ssl_category());
  if (kind == SSL_ERROR_SYSCALL) return asio::error_code(saved_errno, asio::system_category());
  return asio::error::connection_reset;
}

void TlsSocket::WaitFor(int ssl_error, Done next) {
  socket_.async_wait(ssl_error == SSL_ERROR_WANT_READ ? asio::ip::tcp::socket::wait_read
                                                      : asio::ip::tcp::socket::wait_write,
                     asio::bind_executor(strand_, std::move(next)));
}

TlsSocket::Fill TlsSocket::FillInput(asio::error_code& ec) {
  if (in_.size() < kInputBytes) in_.resize(kInputBytes);
  if (in_pos_ > 0) {  // keep what OpenSSL has not taken yet at the front
    std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  for (;;) {
    const ssize_t n = ::recv(socket_.native_handle(), in_.data() + in_len_, in_.size() - in_len_, 0);
    if (n > 0) {
      in_len_ += static_cast<size_t>(n);
      return Fill::kFilled;
    }
    if (n == 0) {
      peer_eof_ = true;
      return Fill::kFilled;  // OpenSSL now reads end of stream and says what it means at this point
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Fill::kWouldBlock;
    ec = asio::error_code(errno, asio::system_category());
    return Fill::kError;
  }
}

void TlsSocket::AsyncHandshake(Done done) { ContinueHandshake(std::move(done)); }

void TlsSocket::ContinueHandshake(Done done) {
  ERR_clear_error();
  const int r = SSL_do_handshake(ssl_);
  if (r == 1) {
    OnHandshakeDone();
    return Post(std::move(done), {});
  }
  const int e = SSL_get_error(ssl_, r);
  if (!IsWant(e)) return Post(std::move(done), ErrorFor(r));
  WaitFor(e, [this, done = std::move(done)](asio::error_code ec) mutable {
    if (ec) return done(ec);
    ContinueHandshake(std::move(done));
  });
}

const char* TlsSocket::transport_name() const {
  if (kernel_tls_) return "kernel TLS";
  return transport_ == Transport::kSocket ? "OpenSSL on the socket" : "TlsSocket buffers";
}

void TlsSocket::OnHandshakeDone() {
  kernel_tls_ = BIO_get_ktls_send(SSL_get_wbio(ssl_));
  if (kernel_tls_ || socket_transport_) {
    // OpenSSL keeps the socket; a write may take part of what it is given and is retried with the same buffer
    // once the socket is writable.
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return;
  }
  // No kernel TLS: OpenSSL moves onto our buffers. Nothing is lost in the switch: with read-ahead off (OpenSSL's
  // default) it has read exactly the handshake's records, and the socket BIO buffers nothing.
  BIO* bio = BIO_new(BioMethod());
  BIO_set_data(bio, this);
  SSL_set_bio(ssl_, bio, bio);  // one BIO both ways (one reference taken); the socket BIO is freed
  // With the option on, every record written asks the BIO whether the kernel encrypts.
  SSL_clear_options(ssl_, SSL_OP_ENABLE_KTLS);
  transport_ = Transport::kBuffers;
}

void TlsSocket::AsyncReadSome(uint8_t* data, size_t size, ReadDone done) {
  ContinueRead(data, size, 0, false, std::move(done));
}

void TlsSocket::AsyncRead(uint8_t* data, size_t size, ReadDone done) {
  ContinueRead(data, size, 0, true, std::move(done));
}

void TlsSocket::ContinueRead(uint8_t* data, size_t size, size_t got, bool whole, ReadDone done) {
  for (;;) {
    if (got == size || (got > 0 && !whole)) return Post(std::move(done), {}, got);
    ERR_clear_error();
    size_t n = 0;
    const int r = SSL_read_ex(ssl_, data + got, size - got, &n);
    if (!writing_ && out_.size() - out_pos_ > kMaxUnsentFromReads) {
      return Post(std::move(done), asio::error::no_buffer_space, got);
    }
    if (r == 1) {
      got += n;
      continue;
    }
    const int e = SSL_get_error(ssl_, r);
    if (transport_ == Transport::kBuffers) {
      if (e != SSL_ERROR_WANT_READ || peer_eof_) return Post(std::move(done), ErrorFor(r), got);
      asio::error_code ec;
      const Fill fill = FillInput(ec);
      if (fill == Fill::kFilled) continue;
      if (fill == Fill::kError) return Post(std::move(done), ec, got);
    } else if (!IsWant(e)) {
      return Post(std::move(done), ErrorFor(r), got);
    }
    return WaitFor(e, [this, data, size, got, whole, done = std::move(done)](asio::error_code ec) mutable {
      if (ec) return done(ec, got);
      ContinueRead(data, size, got, whole, std::move(done));
    });
  }
}

void TlsSocket::AsyncWrite(std::span<const asio::const_buffer> buffers, Done done) {
  size_t total = 0;
  for (const auto& b : buffers) total += b.size();
  unwritten_.clear();
  unwritten_index_ = 0;
  writing_ = true;
  if (buffers.size() > 1 && total <= kGatherBytes) {
    gather_.clear();
    for (const auto& b : buffers) {
      const auto* p = static_cast<const uint8_t*>(b.data());
      gather_.insert(gather_.end(), p, p + b.size());
    }
    unwritten_.emplace_back(gather_.data(), gather_.size());
  } else {
    for (const auto& b : buffers)
      if (b.size() > 0) unwritten_.push_back(b);
  }
  ContinueWrite(std::move(done));
}

void TlsSocket::ContinueWrite(Done done) {
  // On the socket OpenSSL sends as it encrypts: no part size to keep out_ small.
  size_t budget = transport_ == Transport::kSocket ? SIZE_MAX : kWritePartBytes;
  while (unwritten_index_ < unwritten_.size() && budget > 0) {
    asio::const_buffer& b = unwritten_[unwritten_index_];
    const size_t n = std::min(b.size(), budget);
    ERR_clear_error();
    size_t written = 0;
    if (const int r = SSL_write_ex(ssl_, b.data(), n, &written); r != 1) {
      const int e = SSL_get_error(ssl_, r);
      if (transport_ == Transport::kSocket && IsWant(e)) {
        // The socket is full: the same write again once it drains (OpenSSL keeps the record it started).
        return WaitFor(e, ResumeWrite(std::move(done)));
      }
      writing_ = false;
      return Post(std::move(done), ErrorFor(r));
    }
    b += written;  // the socket transport may take part of it (SSL_MODE_ENABLE_PARTIAL_WRITE)
    budget -= std::min(budget, written);
    if (b.size() == 0) ++unwritten_index_;
  }
  if (transport_ == Transport::kSocket) {
    // OpenSSL wrote to the socket itself: nothing waits in out_.
    writing_ = false;
    return Post(std::move(done), {});
  }
  Flush(ResumeWrite(std::move(done)));
}

TlsSocket::Done TlsSocket::ResumeWrite(Done done) {
  return [this, done = std::move(done)](asio::error_code ec) mutable {
    if (ec || unwritten_index_ == unwritten_.size()) {
      writing_ = false;
      return done(ec);
    }
    ContinueWrite(std::move(done));
  };
}

void TlsSocket::AsyncSendFile(int file_fd, int64_t offset, size_t size, ReadDone done) {
  ContinueSendFile(file_fd, offset, size, std::move(done));
}

void TlsSocket::ContinueSendFile(int file_fd, int64_t offset, size_t size, ReadDone done) {
  ERR_clear_error();
  const ossl_ssize_t n = SSL_sendfile(ssl_, file_fd, static_cast<off_t>(offset), size, 0);
  if (n > 0) return Post(std::move(done), {}, static_cast<size_t>(n));
  const int e = SSL_get_error(ssl_, static_cast<int>(n));
  if (!IsWant(e)) return Post(std::move(done), n == 0 ? asio::error::eof : ErrorFor(static_cast<int>(n)), 0);
  WaitFor(e, [this, file_fd, offset, size, done = std::move(done)](asio::error_code ec) mutable {
    if (ec) return done(ec, 0);
    ContinueSendFile(file_fd, offset, size, std::move(done));
  });
}

void TlsSocket::Flush(Done done) {
  while (out_pos_ < out_.size()) {
    // MSG_NOSIGNAL: a peer gone mid-write is an error here, not a SIGPIPE for the process.
    const ssize_t n = ::send(socket_.native_handle(), out_.data() + out_pos_, out_.size() - out_pos_, MSG_NOSIGNAL);
    if (n > 0) {
      out_pos_ += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return WaitFor(SSL_ERROR_WANT_WRITE, [this, done = std::move(done)](asio::error_code ec) mutable {
        if (ec) return done(ec);
        Flush(std::move(done));
      });
    }
    return Post(std::move(done), asio::error_code(n < 0 ? errno : EPIPE, asio::system_category()));
  }
  out_.clear();  // keeps its capacity: the next write of the same size allocates nothing
  out_pos_ = 0;
  Post(std::move(done), {});
}

}  // namespace partita::net
