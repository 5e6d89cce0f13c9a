#include "engine/cluster/zookeeper_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "engine/common/clock.h"

namespace partita::cluster {
namespace {

constexpr const char* kZooKeeperJar = "/usr/share/java/zookeeper.jar";
constexpr const char* kSlf4jSimpleJar = "/usr/share/java/slf4j-simple.jar";
constexpr const char* kInstallHint = "install them with: apt-get install zookeeper default-jre-headless";

// Resolves a program name against PATH the way execvp would; empty if not found.
std::string FindExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : std::string();
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

std::string TailOfFile(const std::string& path, size_t max_bytes = 2000) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_bytes) text = text.substr(text.size() - max_bytes);
  return text;
}

// Binds a TCP socket to 127.0.0.1:port (0: the kernel chooses) and closes it; the port bound, or an error.
Result<int> TryBindLoopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::FromErrno(errno, "socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int err = errno;
    close(fd);
    return Status::FromErrno(err, "bind 127.0.0.1:" + std::to_string(port));
  }
  close(fd);
  return int(ntohs(addr.sin_port));
}

// The first port of the kernel's ephemeral range (net.ipv4.ip_local_port_range), 32768 when unreadable.
int EphemeralRangeStart() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0, high = 0;
  if (in >> low >> high && low > 0) return low;
  return 32768;
}

}  // namespace

Result<int> ZooKeeperServer::PickFreePort() {
  // A port picked here is bound later (by ZooKeeper, a broker, a broker process), and until then any outgoing
  // connection of any process may take a free port of the ephemeral range as its local port: the one we picked.
  // Below that range only listeners compete, so a free port is looked for there first.
  constexpr int kLowest = 20000;
  const int range_start = EphemeralRangeStart();
  if (range_start - kLowest >= 1000) {
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> pick(kLowest, range_start - 1);
    for (int attempt = 0; attempt < 64; ++attempt) {
      auto port = TryBindLoopback(pick(random));
      if (port.ok()) return port;
    }
  }
  return TryBindLoopback(0);
}

Result<std::string> ZooKeeperServer::FourLetterWord(int port, const std::string& word, int timeout_ms) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Status::FromErrno(errno, "socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(uint16_t(port));
  const int64_t deadline = MonotonicMs() + timeout_ms;
  auto wait_for = [&](short events) {
    pollfd p{fd, events, 0};
    int left = int(std::max<int64_t>(0, deadline - MonotonicMs()));
    return poll(&p, 1, left) == 1;
  };
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (errno != EINPROGRESS || !wait_for(POLLOUT)) {
      close(fd);
      return Status::Unavailable("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    int err = 0;
    socklen_t len = sizeof(err);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      close(fd);
      return Status::Unavailable("cannot connect to 127.0.0.1:" + std::to_string(port) + ": " + strerror(err));
    }
  }
  if (send(fd, word.data(), word.size(), MSG_NOSIGNAL) != ssize_t(word.size())) {
    close(fd);
    return Status::Unavailable("cannot send four-letter word");
  }
  std::string answer;
  char buf[4096];
  while (wait_for(POLLIN)) {
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;  // the server closes the connection after answering
    answer.append(buf, size_t(n));
  }
  close(fd);
  return answer;
}

Result<std::unique_ptr<ZooKeeperServer>> ZooKeeperServer::Start(const Options& options) {
  if (options.data_dir.empty()) return Status::InvalidArgument("ZooKeeperServer: data_dir is empty");
  if (FindExecutable(options.java).empty()) {
    return Status::Unavailable("java (" + options.java + ") not found; ZooKeeper needs a Java runtime; " +
                               kInstallHint);
  }
  if (access(kZooKeeperJar, R_OK) != 0) {
    return Status::Unavailable(std::string(kZooKeeperJar) + " not found; " + kInstallHint);
  }
  std::unique_ptr<ZooKeeperServer> server(new ZooKeeperServer());
  // A port picked by bind-0-then-close can be taken by someone else before java binds it: retry then.
  const int attempts = options.port == 0 ? 4 : 1;
  Status last;
  for (int i = 0; i < attempts; ++i) {
    last = server->Launch(options);
    if (last.ok()) return server;
    if (last.code() != Status::Code::kAlreadyExists) break;
  }
  return last;
}

Status ZooKeeperServer::Launch(const Options& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(options.data_dir) / "data", ec);
  if (ec) return Status::IOError("cannot create " + options.data_dir + ": " + ec.message());
  if (options.port != 0) {
    port_ = options.port;
    // Another server on the port would answer our readiness probe and hide that ours failed to bind.
    if (FourLetterWord(port_, "ruok", 300).ok()) {
      return Status::Unavailable("port " + std::to_string(port_) +
                                 " is already used by another ZooKeeper server (is this cluster already running?)");
    }
  } else {
    Result<int> port = PickFreePort();
    if (!port.ok()) return port.status();
    port_ = *port;
  }
  const std::string dir = fs::absolute(options.data_dir).string();
  const std::string cfg_path = dir + "/zoo.cfg";
  {
    std::ofstream cfg(cfg_path, std::ios::trunc);
    // ZooKeeper expires sessions in tickTime buckets, so a dead broker is noticed between the session timeout
    // and timeout + tickTime. 500 ms (Kafka's docs use 2000) keeps failover close to the session timeout.
    cfg << "tickTime=500\n"
        << "dataDir=" << dir << "/data\n"
        << "clientPort=" << port_ << "\n"
        << "clientPortAddress=127.0.0.1\n"
        << "admin.enableServer=false\n"
        << "4lw.commands.whitelist=*\n"
        // Sessions of up to 10 minutes, so brokers can ask for long timeouts under debuggers.
        << "minSessionTimeout=1000\n"
        << "maxSessionTimeout=600000\n"
        << "maxClientCnxns=0\n";
    if (!cfg) return Status::IOError("cannot write " + cfg_path);
  }
  log_path_ = dir + "/zookeeper.log";
  int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Status::FromErrno(errno, "open " + log_path_);

  std::string classpath = kZooKeeperJar;
  if (access(kSlf4jSimpleJar, R_OK) == 0) classpath += std::string(":") + kSlf4jSimpleJar;
  std::vector<std::string> args = {options.java,
                                   "-Xms64m",
                                   "-Xmx" + std::to_string(options.heap_mb) + "m",
                                   "-Dzookeeper.log.dir=" + dir,
                                   "-Djava.awt.headless=true",
                                   "-cp",
                                   classpath,
                                   "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                                   cfg_path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return Status::FromErrno(errno, "fork");
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec. Its own process group, so a terminal's Ctrl-C does not
    // stop ZooKeeper under the brokers' controlled shutdown; the owner stops it last.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(log_fd);
  pid_ = pid;

  const int64_t deadline = MonotonicMs() + options.start_timeout_ms;
  while (MonotonicMs() < deadline) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      std::string tail = TailOfFile(log_path_);
      if (tail.find("Address already in use") != std::string::npos) {
        return Status::AlreadyExists("port " + std::to_string(port_) + " already in use");
      }
      return Status::Unavailable("ZooKeeper exited during startup (see " + log_path_ + "): " + tail);
    }
    Result<std::string> answer = FourLetterWord(port_, "srvr", 500);
    if (answer.ok() && answer->find("Mode:") != std::string::npos) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Kill();
  return Status::Timeout("ZooKeeper did not become ready on port " + std::to_string(port_) + " (see " +
                         log_path_ + ")");
}

Status ZooKeeperServer::Stop() {
  if (pid_ <= 0) return Status::Ok();
  kill(pid_, SIGTERM);
  const int64_t deadline = MonotonicMs() + 10000;
  while (MonotonicMs() < deadline) {
    int wstatus = 0;
    pid_t r = waitpid(pid_, &wstatus, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
      pid_ = -1;
      return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  return Status::Timeout("ZooKeeper ignored SIGTERM for 10 s; killed");
}

void ZooKeeperServer::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

ZooKeeperServer::~ZooKeeperServer() { (void)Stop(); }

}  // namespace partita::cluster
