#include "engine/coordination/zk_link.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace partita::coordination {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

struct Upstream {
  std::string host;
  std::string port;
};

// Starts a non-blocking connection to the server; -1 if it cannot even begin.
int BeginConnect(const Upstream& to) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(to.host.c_str(), to.port.c_str(), &hints, &found) != 0 || found == nullptr) return -1;
  int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    fd = -1;
  }
  ::freeaddrinfo(found);
  if (fd >= 0) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  }
  return fd;
}

// One relayed connection: side 0 is the client handle, side 1 the server. pending[i] holds bytes read from side i
// not yet written to the other side; a side is read again only once its last chunk is delivered (back-pressure).
struct Relay {
  std::array<int, 2> fd{-1, -1};
  std::array<std::string, 2> pending;
  std::array<size_t, 2> written{0, 0};
  bool connecting = true;  // the server side's non-blocking connect has not completed yet

  void Close() {
    for (int& f : fd) {
      if (f >= 0) ::close(f);
      f = -1;
    }
  }
};

}  // namespace

struct ZkLink::Impl {
  std::vector<Upstream> upstreams;
  std::vector<int> listeners;  // one per upstream, same order
  std::string local_servers;
  int wake[2] = {-1, -1};
  std::thread thread;

  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;     // guarded by mu
  bool stopped = false;  // the relay thread closed everything (guarded by mu)

  void Run() {
    std::vector<Relay> relays;
    std::vector<pollfd> fds;
    while (true) {
      fds.clear();
      fds.push_back({wake[0], POLLIN, 0});
      for (int l : listeners) fds.push_back({l, POLLIN, 0});
      for (const Relay& r : relays) {
        for (int side = 0; side < 2; ++side) {
          short events = 0;
          if (side == 1 && r.connecting) {
            events = POLLOUT;
          } else {
            if (r.pending[side].empty() && !(side == 0 && r.connecting)) events |= POLLIN;
            if (!r.pending[1 - side].empty()) events |= POLLOUT;
          }
          fds.push_back({r.fd[side], events, 0});
        }
      }
      if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) break;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (stop) break;
      }
      for (size_t i = 0; i < listeners.size(); ++i) {
        if (!(fds[1 + i].revents & POLLIN)) continue;
        const int client = ::accept4(listeners[i], nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (client < 0) continue;
        Relay r;
        r.fd = {client, BeginConnect(upstreams[i])};
        if (r.fd[1] < 0) {
          r.Close();  // the handle sees the connection drop and tries its next server, as without a link
          continue;
        }
        relays.push_back(std::move(r));
      }
      const size_t base = 1 + listeners.size();
      for (size_t k = 0; k < relays.size() && base + 2 * k + 1 < fds.size(); ++k) {
        Relay& r = relays[k];
        bool broken = false;
        for (int side = 0; side < 2 && !broken; ++side) {
          const short rev = fds[base + 2 * k + side].revents;
          if (rev == 0) continue;
          if (side == 1 && r.connecting) {
            int err = 0;
            socklen_t len = sizeof(err);
            ::getsockopt(r.fd[1], SOL_SOCKET, SO_ERROR, &err, &len);
            broken = err != 0 || (rev & (POLLERR | POLLHUP));
            r.connecting = false;
            continue;
          }
          if (rev & POLLOUT) {
            std::string& out = r.pending[1 - side];
            const ssize_t n = ::send(r.fd[side], out.data() + r.written[1 - side], out.size() - r.written[1 - side],
                                     MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EINTR) broken = true;
            if (n > 0 && (r.written[1 - side] += size_t(n)) == out.size()) {
              out.clear();
              r.written[1 - side] = 0;
            }
          }
          if (!broken && (rev & (POLLIN | POLLHUP | POLLERR))) {
            std::string& in = r.pending[side];
            if (!in.empty()) continue;  // POLLHUP/POLLERR while back-pressured: noticed once it drains
            in.resize(kChunkBytes);
            const ssize_t n = ::recv(r.fd[side], in.data(), in.size(), 0);
            if (n > 0) {
              in.resize(size_t(n));
            } else {
              in.clear();
              if (n == 0 || (errno != EAGAIN && errno != EINTR)) broken = true;
            }
          }
        }
        if (broken) r.Close();
      }
      std::erase_if(relays, [](const Relay& r) { return r.fd[0] < 0; });
    }
    for (Relay& r : relays) r.Close();
    for (int l : listeners) ::close(l);
    listeners.clear();
    std::lock_guard<std::mutex> lock(mu);
    stopped = true;
    cv.notify_all();
  }

  void StopAndWait() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!stop) {
        stop = true;
        const char byte = 1;
        (void)!::write(wake[1], &byte, 1);
      }
    }
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return stopped; });
  }
};

ZkLink::ZkLink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ZkLink>> ZkLink::Open(const std::string& servers) {
  auto impl = std::make_unique<Impl>();
  size_t start = 0;
  while (start <= servers.size()) {
    const size_t comma = std::min(servers.find(',', start), servers.size());
    std::string one = servers.substr(start, comma - start);
    start = comma + 1;
    if (one.empty()) continue;
    const size_t colon = one.rfind(':');
    if (colon == std::string::npos) return Status::InvalidArgument("ZooKeeper server without a port: " + one);
    std::string host = one.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    impl->upstreams.push_back({host, one.substr(colon + 1)});
  }
  if (impl->upstreams.empty()) return Status::InvalidArgument("no ZooKeeper server in '" + servers + "'");
  auto fail = [&](const std::string& what) {
    for (int l : impl->listeners) ::close(l);
    return Status::IOError("ZooKeeper link: " + what + ": " + std::strerror(errno));
  };
  for (size_t i = 0; i < impl->upstreams.size(); ++i) {
    const int l = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (l < 0) return fail("socket");
    impl->listeners.push_back(l);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(l, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(l, 16) != 0 ||
        ::getsockname(l, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return fail("listen");
    }
    if (!impl->local_servers.empty()) impl->local_servers += ',';
    impl->local_servers += "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  }
  if (::pipe2(impl->wake, O_CLOEXEC) != 0) return fail("pipe");
  SetNonBlocking(impl->wake[0]);
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  return std::unique_ptr<ZkLink>(new ZkLink(std::move(impl)));
}

ZkLink::~ZkLink() {
  impl_->StopAndWait();
  impl_->thread.join();
  ::close(impl_->wake[0]);
  ::close(impl_->wake[1]);
}

const std::string& ZkLink::local_servers() const { return impl_->local_servers; }

void ZkLink::Sever() { impl_->StopAndWait(); }

}  // namespace partita::coordination
