#include "tests/integration/broker_fixture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>
#include <thread>

#include "engine/common/clock.h"

namespace partita::itest {
namespace {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void PutBe16(std::string* s, int16_t v) {
  s->push_back(char((uint16_t(v) >> 8) & 0xff));
  s->push_back(char(uint16_t(v) & 0xff));
}
void PutBe32(std::string* s, int32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s->push_back(char((uint32_t(v) >> shift) & 0xff));
}
int32_t GetBe32(const std::string& s, size_t at) {
  return int32_t((uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
                 (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3])));
}
int16_t GetBe16(const std::string& s, size_t at) {
  return int16_t((uint16_t(uint8_t(s[at])) << 8) | uint16_t(uint8_t(s[at + 1])));
}

// Connects with a deadline; -1 on failure.
int ConnectLoopback(int port, int64_t deadline) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(uint16_t(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (errno != EINPROGRESS) return close(fd), -1;
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, int(std::max<int64_t>(0, deadline - MonotonicMs()))) != 1) return close(fd), -1;
    int err = 0;
    socklen_t len = sizeof(err);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) return close(fd), -1;
  }
  return fd;
}

}  // namespace

std::string BrokerBinaryPath() {
  const char* build = std::getenv("PARTITA_BUILD_DIR");
  return std::string(build ? build : ".") + "/app/broker/partita-broker";
}

Status ProbeMetadata(int port, int expected_broker_id, int timeout_ms) {
  const int64_t deadline = MonotonicMs() + timeout_ms;
  int fd = ConnectLoopback(port, deadline);
  if (fd < 0) return Status::Unavailable("cannot connect to 127.0.0.1:" + std::to_string(port));
  // Request header v1 + Metadata v1 body (topics = null: all topics). Encoded by hand on purpose: the probe must
  // not share code with the broker it checks.
  std::string body;
  PutBe16(&body, 3);      // api_key Metadata
  PutBe16(&body, 1);      // api_version
  PutBe32(&body, 4242);   // correlation_id
  PutBe16(&body, 5);      // client_id length
  body += "probe";
  PutBe32(&body, -1);     // topics: null
  std::string frame;
  PutBe32(&frame, int32_t(body.size()));
  frame += body;
  if (send(fd, frame.data(), frame.size(), MSG_NOSIGNAL) != ssize_t(frame.size())) {
    close(fd);
    return Status::Unavailable("cannot send Metadata request");
  }
  std::string in;
  char buf[65536];
  while (true) {
    if (in.size() >= 4 && in.size() >= size_t(GetBe32(in, 0)) + 4) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, int(std::max<int64_t>(0, deadline - MonotonicMs()))) != 1) {
      close(fd);
      return Status::Timeout("no Metadata response within " + std::to_string(timeout_ms) + " ms");
    }
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      close(fd);
      return Status::Unavailable("connection closed before the Metadata response was complete");
    }
    in.append(buf, size_t(n));
  }
  close(fd);
  // size, correlation_id, brokers: [node_id int32, host string, port int32, rack nullable string]
  if (in.size() < 12) return Status::Corruption("Metadata response too short");
  if (GetBe32(in, 4) != 4242) return Status::Corruption("Metadata response with a wrong correlation id");
  const int32_t brokers = GetBe32(in, 8);
  size_t at = 12;
  std::string seen;
  for (int32_t i = 0; i < brokers; ++i) {
    if (at + 6 > in.size()) return Status::Corruption("truncated broker list in Metadata response");
    const int32_t node = GetBe32(in, at);
    const int16_t host_len = GetBe16(in, at + 4);
    if (host_len < 0 || at + 6 + size_t(host_len) + 6 > in.size()) return Status::Corruption("bad broker host");
    const std::string_view host = std::string_view(in).substr(at + 6, size_t(host_len));
    const int32_t broker_port = GetBe32(in, at + 6 + size_t(host_len));
    at += 6 + size_t(host_len) + 4;
    const int16_t rack_len = GetBe16(in, at);
    at += 2 + (rack_len > 0 ? size_t(rack_len) : 0);
    seen.append(1, ' ').append(std::to_string(node)).append(1, '@').append(host).append(1, ':').append(std::to_string(broker_port));
    if (node == expected_broker_id && broker_port == port) return Status::Ok();
  }
  return Status::Unavailable("Metadata response does not list broker " + std::to_string(expected_broker_id) +
                             " on port " + std::to_string(port) + "; brokers:" + seen);
}

Result<std::unique_ptr<BrokerFixture>> BrokerFixture::Start(const BrokerOptions& options) {
  std::unique_ptr<BrokerFixture> fx(new BrokerFixture());
  fx->options_ = options;
  fx->broker_binary_ = BrokerBinaryPath();
  if (access(fx->broker_binary_.c_str(), X_OK) != 0) {
    return Status::NotFound("broker binary " + fx->broker_binary_ +
                            " not found (build it: ninja -C build partita-broker; PARTITA_BUILD_DIR=" +
                            (std::getenv("PARTITA_BUILD_DIR") ? std::getenv("PARTITA_BUILD_DIR") : "unset") + ")");
  }
  fx->temp_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + "/partita-itest-XXXXXX");
  if (!fx->temp_->isValid()) return Status::IOError("cannot create a temp dir");
  if (const char* keep = std::getenv("PARTITA_KEEP_TEST_DIRS"); keep && std::string(keep) == "1") {
    fx->temp_->setAutoRemove(false);
  }
  fx->root_ = fx->temp_->path().toStdString();
  fx->log_dir_ = fx->root_ + "/kafka-logs";
  fx->properties_path_ = fx->root_ + "/server.properties";

  auto zk = cluster::ZooKeeperServer::Start({.data_dir = fx->root_ + "/zookeeper"});
  if (!zk.ok()) return Status::Unavailable("cannot start ZooKeeper: " + zk.status().ToString());
  fx->zk_ = std::move(*zk);

  auto port = cluster::ZooKeeperServer::PickFreePort();
  if (!port.ok()) return port.status();
  fx->port_ = *port;
  PARTITA_RETURN_IF_ERROR(fx->WriteProperties());
  PARTITA_RETURN_IF_ERROR(fx->StartBroker());
  return fx;
}

BrokerFixture::~BrokerFixture() {
  KillBroker();
  if (zk_) zk_->Kill();
}

Status BrokerFixture::WriteProperties() {
  std::ofstream out(properties_path_, std::ios::trunc);
  out << "# written by the integration test fixture\n"
      << "broker.id=" << options_.broker_id << "\n"
      << "listeners=PLAINTEXT://127.0.0.1:" << port_;
  for (const auto& l : options_.extra_listeners) out << "," << l;
  out << "\n"
      << "log.dirs=" << log_dir_ << "\n"
      << "zookeeper.connect=" << zk_->ConnectString() << "\n"
      << "num.partitions=" << options_.num_partitions << "\n"
      << "auto.create.topics.enable=" << (options_.auto_create_topics ? "true" : "false") << "\n"
      << "offsets.topic.replication.factor=1\n"
      << "transaction.state.log.replication.factor=1\n"
      << "transaction.state.log.min.isr=1\n"
      << "group.initial.rebalance.delay.ms=0\n";
  for (const auto& [key, value] : options_.properties) out << key << "=" << value << "\n";
  out.close();
  if (!out) return Status::IOError("cannot write " + properties_path_);
  return Status::Ok();
}

Status BrokerFixture::StartBroker() {
  if (pid_ > 0 && BrokerRunning()) return Status::AlreadyExists("broker already running");
  const std::string log_path = broker_log_path();
  int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Status::FromErrno(errno, "open " + log_path);
  const std::string banner = "===== fixture: start #" + std::to_string(++starts_) + " =====\n";
  if (write(log_fd, banner.data(), banner.size()) < 0) {
    // Only a banner; the broker's own lines matter more.
  }
  std::vector<std::string> args = {broker_binary_, properties_path_};
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
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log_fd);
  pid_ = pid;
  last_wait_status_ = -1;
  Status ready = WaitUntilReady();
  if (!ready.ok()) {
    KillBroker();
    return ready;
  }
  return Status::Ok();
}

Status BrokerFixture::StartBrokerAfterCrash(int retry_ms) {
  const int64_t deadline = MonotonicMs() + retry_ms;
  while (true) {
    Status st = StartBroker();
    if (st.ok() || MonotonicMs() > deadline || st.message().find("already registered") == std::string::npos) {
      return st;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  }
}

Status BrokerFixture::WaitUntilReady() {
  const int64_t deadline = MonotonicMs() + options_.ready_timeout_ms;
  Status last = Status::Unavailable("not probed yet");
  while (MonotonicMs() < deadline) {
    if (!BrokerRunning()) {
      return Status::Aborted("partita-broker exited during startup (wait status " +
                             std::to_string(last_wait_status_) + "); log tail:\n" + BrokerLogTail());
    }
    last = ProbeMetadata(port_, options_.broker_id, 2000);
    if (last.ok()) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::Timeout("partita-broker not ready on " + bootstrap() + " after " +
                         std::to_string(options_.ready_timeout_ms) + " ms (last probe: " + last.ToString() +
                         "); log tail:\n" + BrokerLogTail());
}

bool BrokerFixture::BrokerRunning() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  if (r == pid_) last_wait_status_ = status;
  pid_ = -1;
  return false;
}

Status BrokerFixture::StopBroker(int timeout_ms) {
  if (pid_ <= 0) return Status::Ok();
  kill(pid_, SIGTERM);
  const int64_t deadline = MonotonicMs() + timeout_ms;
  while (MonotonicMs() < deadline) {
    if (!BrokerRunning()) {
      if (WIFEXITED(last_wait_status_) && WEXITSTATUS(last_wait_status_) == 0) return Status::Ok();
      return Status::Aborted("partita-broker did not exit cleanly after SIGTERM (wait status " +
                             std::to_string(last_wait_status_) + "); log tail:\n" + BrokerLogTail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  KillBroker();
  return Status::Timeout("partita-broker still running " + std::to_string(timeout_ms) +
                         " ms after SIGTERM; killed; log tail:\n" + BrokerLogTail());
}

void BrokerFixture::KillBroker() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  if (waitpid(pid_, &status, 0) == pid_) last_wait_status_ = status;
  pid_ = -1;
}

std::string BrokerFixture::BrokerLog() const { return ReadWholeFile(broker_log_path()); }

std::string BrokerFixture::BrokerLogTail(size_t max_bytes) const {
  std::string text = BrokerLog();
  if (text.size() > max_bytes) text = "..." + text.substr(text.size() - max_bytes);
  return text;
}

}  // namespace partita::itest
