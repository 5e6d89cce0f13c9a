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

TlsSocket::TlsSocket(asio::ip::tcp::socket& socket, Strand strand, SSL* ssl)
    : socket_(socket), strand_(std::move(strand)), ssl_(ssl) {
  BIO* bio = BIO_new(BioMethod());
  BIO_set_data(bio, this);
  SSL_set_bio(ssl_, bio, bio);  // one BIO both ways: SSL_set_bio takes the single reference
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
  const int kind = SSL_get_error(ssl_, ssl_result);
  if (kind == SSL_ERROR_ZERO_RETURN) return asio::error::eof;  // the peer's close_notify
  const unsigned long err = ERR_get_error();
  ERR_clear_error();
  // The peer closed TCP without close_notify: asio's name for it, which callers treat as an ordinary close.
  if (peer_eof_ && (err == 0 || ERR_GET_REASON(err) == SSL_R_UNEXPECTED_EOF_WHILE_READING)) {
    return asio::ssl::error::stream_truncated;
  }
  if (err != 0) return asio::error_code(static_cast<int>(err), asio::error::get_ssl_category());
  return asio::error::connection_reset;
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
  for (;;) {
    ERR_clear_error();
    const int r = SSL_do_handshake(ssl_);
    if (r == 1) return Flush(std::move(done));  // our last flight (and TLS 1.3 session tickets) still to send
    if (SSL_get_error(ssl_, r) != SSL_ERROR_WANT_READ || peer_eof_) return Post(std::move(done), ErrorFor(r));
    if (out_pos_ < out_.size()) {
      // The peer's next flight comes only after it has read ours.
      return Flush([this, done = std::move(done)](asio::error_code ec) mutable {
        if (ec) return done(ec);
        ContinueHandshake(std::move(done));
      });
    }
    asio::error_code ec;
    switch (FillInput(ec)) {
      case Fill::kFilled:
        continue;
      case Fill::kError:
        return Post(std::move(done), ec);
      case Fill::kWouldBlock:
        socket_.async_wait(asio::ip::tcp::socket::wait_read,
                           asio::bind_executor(strand_, [this, done = std::move(done)](asio::error_code ec) mutable {
                             if (ec) return done(ec);
                             ContinueHandshake(std::move(done));
                           }));
        return;
    }
  }
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
    if (SSL_get_error(ssl_, r) != SSL_ERROR_WANT_READ || peer_eof_) return Post(std::move(done), ErrorFor(r), got);
    asio::error_code ec;
    switch (FillInput(ec)) {
      case Fill::kFilled:
        continue;
      case Fill::kError:
        return Post(std::move(done), ec, got);
      case Fill::kWouldBlock:
        socket_.async_wait(
            asio::ip::tcp::socket::wait_read,
            asio::bind_executor(strand_, [this, data, size, got, whole, done = std::move(done)](
                                             asio::error_code ec) mutable {
              if (ec) return done(ec, got);
              ContinueRead(data, size, got, whole, std::move(done));
            }));
        return;
    }
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
  size_t budget = kWritePartBytes;
  while (unwritten_index_ < unwritten_.size() && budget > 0) {
    asio::const_buffer& b = unwritten_[unwritten_index_];
    const size_t n = std::min(b.size(), budget);
    ERR_clear_error();
    size_t written = 0;
    if (const int r = SSL_write_ex(ssl_, b.data(), n, &written); r != 1) {
      writing_ = false;
      return Post(std::move(done), ErrorFor(r));
    }
    b += n;
    budget -= n;
    if (b.size() == 0) ++unwritten_index_;
  }
  if (unwritten_index_ == unwritten_.size()) {
    return Flush([this, done = std::move(done)](asio::error_code ec) {
      writing_ = false;
      done(ec);
    });
  }
  Flush([this, done = std::move(done)](asio::error_code ec) mutable {
    if (ec) {
      writing_ = false;
      return done(ec);
    }
    ContinueWrite(std::move(done));
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
      socket_.async_wait(asio::ip::tcp::socket::wait_write,
                         asio::bind_executor(strand_, [this, done = std::move(done)](asio::error_code ec) mutable {
                           if (ec) return done(ec);
                           Flush(std::move(done));
                         }));
      return;
    }
    return Post(std::move(done), asio::error_code(n < 0 ? errno : EPIPE, asio::system_category()));
  }
  out_.clear();  // keeps its capacity: the next write of the same size allocates nothing
  out_pos_ = 0;
  Post(std::move(done), {});
}

}  // namespace partita::net
