#include "engine/coordination/zk_client.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zookeeper/zookeeper.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "engine/common/clock.h"
#include "engine/coordination/zk_link.h"

namespace partita::coordination {
namespace {

constexpr size_t kMaxNodeBytes = (1 << 20) + 64;  // ZooKeeper's jute.maxbuffer default is 1 MiB
constexpr int kMaxPathBytes = 1024;

Status FromZk(int rc, const std::string& what) {
  const std::string msg = what + ": " + zerror(rc);
  switch (rc) {
    case ZOK: return Status::Ok();
    case ZNONODE: return Status::NotFound(msg);
    case ZNODEEXISTS: return Status::AlreadyExists(msg);
    case ZBADVERSION: return Status::Aborted("bad version: " + msg);
    case ZNOTEMPTY: return Status::Aborted("not empty: " + msg);
    case ZCONNECTIONLOSS:
    case ZOPERATIONTIMEOUT:
    case ZSESSIONEXPIRED:
    case ZINVALIDSTATE:
    case ZCLOSING:
    case ZSESSIONMOVED: return Status::Unavailable(msg);
    case ZBADARGUMENTS: return Status::InvalidArgument(msg);
    default: return Status::IOError(msg);
  }
}

int CreateFlags(CreateMode mode) {
  switch (mode) {
    case CreateMode::kPersistent: return ZOO_PERSISTENT;
    case CreateMode::kEphemeral: return ZOO_EPHEMERAL;
    case CreateMode::kPersistentSequential: return ZOO_PERSISTENT_SEQUENTIAL;
    case CreateMode::kEphemeralSequential: return ZOO_EPHEMERAL_SEQUENTIAL;
  }
  return ZOO_PERSISTENT;
}

ZkStat ToStat(const Stat& s) {
  ZkStat out;
  out.czxid = s.czxid;
  out.mzxid = s.mzxid;
  out.ctime = s.ctime;
  out.mtime = s.mtime;
  out.version = s.version;
  out.cversion = s.cversion;
  out.ephemeral_owner = s.ephemeralOwner;
  out.data_length = s.dataLength;
  out.num_children = s.numChildren;
  out.pzxid = s.pzxid;
  return out;
}

WatchEventType ToEventType(int type) {
  if (type == ZOO_CREATED_EVENT) return WatchEventType::kCreated;
  if (type == ZOO_DELETED_EVENT) return WatchEventType::kDeleted;
  if (type == ZOO_CHANGED_EVENT) return WatchEventType::kDataChanged;
  if (type == ZOO_CHILD_EVENT) return WatchEventType::kChildrenChanged;
  return WatchEventType::kOther;
}

std::string ParentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return path.substr(0, slash);
}

void QuietCLibraryLogs() {
  static std::once_flag once;
  std::call_once(once, [] { zoo_set_debug_level(ZOO_LOG_LEVEL_ERROR); });
}

void IgnoreEvents(zhandle_t*, int, int, const char*, void*) {}

// The C client's own log lines (connection refused, retries, expiry) go to spdlog at debug level: the wrapper
// reports what matters to callers as Status values, and tests stay readable.
void LogToSpdlog(const char* message) { spdlog::debug("zookeeper: {}", message); }

}  // namespace

bool IsBadVersion(const Status& status) {
  return status.code() == Status::Code::kAborted && status.message().rfind("bad version", 0) == 0;
}

bool IsRolledBack(const Status& status) {
  return status.code() == Status::Code::kAborted && status.message().rfind("rolled back", 0) == 0;
}

ZkOp ZkOp::Create(std::string path, std::string data, CreateMode mode) {
  ZkOp op;
  op.kind = Kind::kCreate;
  op.path = std::move(path);
  op.data = std::move(data);
  op.mode = mode;
  return op;
}
ZkOp ZkOp::SetData(std::string path, std::string data, int32_t version) {
  ZkOp op;
  op.kind = Kind::kSetData;
  op.path = std::move(path);
  op.data = std::move(data);
  op.version = version;
  return op;
}
ZkOp ZkOp::Check(std::string path, int32_t version) {
  ZkOp op;
  op.kind = Kind::kCheck;
  op.path = std::move(path);
  op.version = version;
  return op;
}
ZkOp ZkOp::Delete(std::string path, int32_t version) {
  ZkOp op;
  op.kind = Kind::kDelete;
  op.path = std::move(path);
  op.version = version;
  return op;
}

// One per zhandle_t, so that late events of a closed handle are recognised and ignored.
struct HandleContext {
  ZkClient::Impl* impl;
  int generation;
};

struct ZkClient::Impl {
  std::string connect_string;  // as given (what connect_string() reports)
  std::string handle_connect_string;  // what the C client dials: through the link when there is one
  std::unique_ptr<ZkLink> link;  // only for a client that may be abandoned (ZkConnectOptions::abandonable)
  std::function<void(int64_t nanos)> on_request_done;  // ZkConnectOptions::on_request_done; set before use
  int session_timeout_ms = 0;

  // Operations hold it shared for their whole call; the session thread holds it exclusively to swap handles.
  std::shared_mutex handle_mu;
  zhandle_t* zh = nullptr;
  std::vector<std::unique_ptr<HandleContext>> contexts;  // kept alive as long as any handle might use them

  std::mutex state_mu;
  std::condition_variable state_cv;
  int generation = 0;  // of the current handle
  bool connected = false;
  bool expired = false;
  bool closing = false;
  std::atomic<int64_t> session_id{0};

  std::mutex watch_mu;
  std::map<uint64_t, WatchCallback> watches;
  uint64_t next_watch_id = 1;

  std::mutex listener_mu;
  std::map<int, std::function<void()>> listeners;
  std::map<int, std::function<void()>> lost_listeners;
  int next_listener_id = 1;
  // The listener the session thread is calling (0: none), so RemoveSessionListener can wait for that call to
  // end: its owner is usually being destroyed right after removing it.
  int running_listener = 0;
  std::condition_variable listener_done;

  std::thread session_thread;

  static void GlobalWatcher(zhandle_t*, int type, int state, const char*, void* ctx) {
    auto* hc = static_cast<HandleContext*>(ctx);
    if (type != ZOO_SESSION_EVENT) return;
    Impl* impl = hc->impl;
    std::lock_guard<std::mutex> lock(impl->state_mu);
    if (hc->generation != impl->generation) return;  // a handle we already replaced
    if (state == ZOO_CONNECTED_STATE) {
      impl->connected = true;
    } else if (state == ZOO_EXPIRED_SESSION_STATE || state == ZOO_AUTH_FAILED_STATE) {
      impl->connected = false;
      impl->expired = true;
    } else {
      impl->connected = false;  // connecting: the C client retries with the same session
    }
    impl->state_cv.notify_all();
  }

  static void WatchTrampoline(zhandle_t* zh, int type, int, const char* path, void* ctx) {
    // Session events are broadcast to every watcher without consuming it; only node events consume one.
    if (type == ZOO_SESSION_EVENT) return;
    auto* hc = static_cast<HandleContext*>(const_cast<void*>(zoo_get_context(zh)));
    Impl* impl = hc->impl;
    const uint64_t id = reinterpret_cast<uintptr_t>(ctx);
    WatchCallback cb;
    {
      std::lock_guard<std::mutex> lock(impl->watch_mu);
      auto it = impl->watches.find(id);
      if (it == impl->watches.end()) return;
      cb = std::move(it->second);
      impl->watches.erase(it);
    }
    if (cb) cb(WatchEvent{ToEventType(type), path ? path : ""});
  }

  uint64_t AddWatch(WatchCallback cb) {
    std::lock_guard<std::mutex> lock(watch_mu);
    uint64_t id = next_watch_id++;
    watches.emplace(id, std::move(cb));
    return id;
  }
  void DropWatch(uint64_t id) {
    std::lock_guard<std::mutex> lock(watch_mu);
    watches.erase(id);
  }

  // Requires handle_mu exclusively (or no other users yet).
  Status OpenHandle(const clientid_t* clientid) {
    int gen;
    {
      std::lock_guard<std::mutex> lock(state_mu);
      gen = ++generation;
      connected = false;
      expired = false;
    }
    contexts.push_back(std::make_unique<HandleContext>(HandleContext{this, gen}));
    zh = zookeeper_init2(handle_connect_string.c_str(), &Impl::GlobalWatcher, session_timeout_ms, clientid,
                         contexts.back().get(), 0, &LogToSpdlog);
    if (zh == nullptr) return Status::InvalidArgument("zookeeper_init failed for '" + connect_string + "'");
    return Status::Ok();
  }

  bool WaitConnected(int timeout_ms) {
    std::unique_lock<std::mutex> lock(state_mu);
    state_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return connected || closing || expired; });
    return connected;
  }

  void RecordSessionId() {
    std::shared_lock<std::shared_mutex> lock(handle_mu);
    if (!zh) return;
    session_id = zoo_client_id(zh)->client_id;
  }

  void SessionLoop() {
    while (true) {
      {
        std::unique_lock<std::mutex> lock(state_mu);
        state_cv.wait(lock, [&] { return expired || closing; });
        if (closing) return;
      }
      // The session is gone: its ephemerals and watches with it. Start a brand-new one.
      {
        std::lock_guard<std::mutex> lock(watch_mu);
        watches.clear();
      }
      CallListeners(lost_listeners);
      bool ok = false;
      while (!ok) {
        {
          std::unique_lock<std::shared_mutex> lock(handle_mu);
          if (zh) zookeeper_close(zh);
          zh = nullptr;
          {
            std::lock_guard<std::mutex> slock(state_mu);
            if (closing) return;
          }
          ok = OpenHandle(nullptr).ok();
        }
        ok = ok && WaitConnected(std::max(session_timeout_ms, 5000));
        {
          std::unique_lock<std::mutex> lock(state_mu);
          if (closing) return;
          if (!ok) state_cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return closing; });
        }
      }
      RecordSessionId();
      CallListeners(listeners);
    }
  }

  // On the session thread. Calls each listener of `which` that is still registered when its turn comes, without
  // holding listener_mu (listeners may block on ZooKeeper), and marks the one running.
  void CallListeners(std::map<int, std::function<void()>>& which) {
    std::unique_lock<std::mutex> lock(listener_mu);
    std::vector<int> ids;
    for (const auto& [id, fn] : which) ids.push_back(id);
    for (int id : ids) {
      auto it = which.find(id);
      if (it == which.end()) continue;  // removed meanwhile
      std::function<void()> fn = it->second;
      running_listener = id;
      lock.unlock();
      fn();
      lock.lock();
      running_listener = 0;
      listener_done.notify_all();
    }
  }
};

namespace {

// Times one public request for ZkConnectOptions::on_request_done.
class RequestTimer {
 public:
  explicit RequestTimer(const std::function<void(int64_t)>& done)
      : done_(done), start_(done ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{}) {}
  ~RequestTimer() {
    if (done_)
      done_(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count());
  }
  RequestTimer(const RequestTimer&) = delete;
  RequestTimer& operator=(const RequestTimer&) = delete;

 private:
  const std::function<void(int64_t)>& done_;
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace

ZkClient::ZkClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ZkClient>> ZkClient::Connect(const std::string& connect_string, int session_timeout_ms,
                                                    int connect_timeout_ms, ZkConnectOptions options) {
  QuietCLibraryLogs();
  auto impl = std::make_unique<Impl>();
  impl->connect_string = connect_string;
  impl->handle_connect_string = connect_string;
  if (options.abandonable) {
    const size_t slash = connect_string.find('/');
    auto link = ZkLink::Open(connect_string.substr(0, slash));
    if (!link.ok()) return link.status();
    impl->link = std::move(*link);
    impl->handle_connect_string =
        impl->link->local_servers() + (slash == std::string::npos ? "" : connect_string.substr(slash));
  }
  impl->session_timeout_ms = session_timeout_ms;
  impl->on_request_done = std::move(options.on_request_done);
  PARTITA_RETURN_IF_ERROR(impl->OpenHandle(nullptr));
  if (!impl->WaitConnected(connect_timeout_ms)) {
    zookeeper_close(impl->zh);
    impl->zh = nullptr;
    return Status::Timeout("no ZooKeeper session with " + connect_string + " within " +
                           std::to_string(connect_timeout_ms) + " ms");
  }
  impl->RecordSessionId();
  Impl* raw = impl.get();
  impl->session_thread = std::thread([raw] { raw->SessionLoop(); });
  return std::unique_ptr<ZkClient>(new ZkClient(std::move(impl)));
}

ZkClient::~ZkClient() {
  {
    std::lock_guard<std::mutex> lock(impl_->state_mu);
    impl_->closing = true;
    impl_->state_cv.notify_all();
  }
  if (impl_->session_thread.joinable()) impl_->session_thread.join();
  std::unique_lock<std::shared_mutex> lock(impl_->handle_mu);
  if (impl_->zh) zookeeper_close(impl_->zh);
  impl_->zh = nullptr;
}

void ZkClient::AbandonSession() {
  {
    std::lock_guard<std::mutex> lock(impl_->state_mu);
    impl_->closing = true;  // the session loop must not open a new session
    impl_->connected = false;
    impl_->state_cv.notify_all();
  }
  if (impl_->session_thread.joinable()) impl_->session_thread.join();
  std::unique_lock<std::shared_mutex> lock(impl_->handle_mu);
  if (impl_->zh == nullptr) return;
  if (impl_->link) {
    // Cut first: whatever the handle sends from now on (its CloseSession included) reaches no server.
    impl_->link->Sever();
  } else {
    spdlog::warn("ZooKeeper session 0x{:x}: this client cannot drop its connection silently (it was not connected "
                 "as abandonable); the session is closed instead", zoo_client_id(impl_->zh)->client_id);
  }
  zookeeper_close(impl_->zh);
  impl_->zh = nullptr;
}

Result<std::string> ZkClient::Create(const std::string& path, const std::string& data, CreateMode mode,
                                     bool create_parents) {
  const RequestTimer timer(impl_->on_request_done);
  char created[kMaxPathBytes];
  for (int attempt = 0; attempt < 2; ++attempt) {
    int rc;
    {
      std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
      if (!impl_->zh) return Status::Unavailable("ZooKeeper client is reconnecting");
      rc = zoo_create(impl_->zh, path.c_str(), data.data(), int(data.size()), &ZOO_OPEN_ACL_UNSAFE,
                      CreateFlags(mode), created, sizeof(created));
    }
    if (rc == ZOK) return std::string(created);
    if (rc == ZNONODE && create_parents && attempt == 0) {
      PARTITA_RETURN_IF_ERROR(EnsurePath(ParentOf(path)));
      continue;
    }
    return FromZk(rc, "create " + path);
  }
  return Status::IOError("create " + path + ": unreachable");
}

Status ZkClient::EnsurePath(const std::string& path) {
  if (path.empty() || path == "/") return Status::Ok();
  // Walk down from the root: cheap, and correct when several brokers race to create the same tree.
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    const std::string prefix = path.substr(0, next);
    Result<std::string> r = Create(prefix, "", CreateMode::kPersistent, false);
    if (!r.ok() && r.status().code() != Status::Code::kAlreadyExists) return r.status();
    pos = next + 1;
  }
  return Status::Ok();
}

Result<ZkGetResult> ZkClient::Get(const std::string& path, WatchCallback watch) {
  const RequestTimer timer(impl_->on_request_done);
  thread_local std::vector<char> buffer(kMaxNodeBytes);
  int len = int(buffer.size());
  Stat stat{};
  uint64_t id = watch ? impl_->AddWatch(std::move(watch)) : 0;
  int rc;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) {
      rc = ZINVALIDSTATE;
    } else if (id) {
      rc = zoo_wget(impl_->zh, path.c_str(), &Impl::WatchTrampoline, reinterpret_cast<void*>(uintptr_t(id)),
                    buffer.data(), &len, &stat);
    } else {
      rc = zoo_get(impl_->zh, path.c_str(), 0, buffer.data(), &len, &stat);
    }
  }
  if (rc != ZOK) {
    if (id) impl_->DropWatch(id);
    return FromZk(rc, "get " + path);
  }
  ZkGetResult out;
  if (len > 0) out.data.assign(buffer.data(), size_t(len));
  out.stat = ToStat(stat);
  return out;
}

Result<ZkStat> ZkClient::Set(const std::string& path, const std::string& data, int32_t expected_version) {
  const RequestTimer timer(impl_->on_request_done);
  Stat stat{};
  int rc;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) return Status::Unavailable("ZooKeeper client is reconnecting");
    rc = zoo_set2(impl_->zh, path.c_str(), data.data(), int(data.size()), expected_version, &stat);
  }
  if (rc != ZOK) return FromZk(rc, "set " + path);
  return ToStat(stat);
}

Status ZkClient::Delete(const std::string& path, int32_t expected_version) {
  const RequestTimer timer(impl_->on_request_done);
  int rc;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) return Status::Unavailable("ZooKeeper client is reconnecting");
    rc = zoo_delete(impl_->zh, path.c_str(), expected_version);
  }
  return FromZk(rc, "delete " + path);
}

Status ZkClient::DeleteRecursive(const std::string& path) {
  Result<std::vector<std::string>> children = GetChildren(path);
  if (!children.ok()) return children.status().IsNotFound() ? Status::Ok() : children.status();
  for (const std::string& child : *children) {
    PARTITA_RETURN_IF_ERROR(DeleteRecursive(path == "/" ? "/" + child : path + "/" + child));
  }
  Status s = Delete(path);
  return s.IsNotFound() ? Status::Ok() : s;
}

Result<std::optional<ZkStat>> ZkClient::Exists(const std::string& path, WatchCallback watch) {
  const RequestTimer timer(impl_->on_request_done);
  Stat stat{};
  uint64_t id = watch ? impl_->AddWatch(std::move(watch)) : 0;
  int rc;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) {
      rc = ZINVALIDSTATE;
    } else if (id) {
      rc = zoo_wexists(impl_->zh, path.c_str(), &Impl::WatchTrampoline, reinterpret_cast<void*>(uintptr_t(id)),
                       &stat);
    } else {
      rc = zoo_exists(impl_->zh, path.c_str(), 0, &stat);
    }
  }
  if (rc == ZNONODE) return std::optional<ZkStat>();  // the watch stays armed: it fires on creation
  if (rc != ZOK) {
    if (id) impl_->DropWatch(id);
    return FromZk(rc, "exists " + path);
  }
  return std::optional<ZkStat>(ToStat(stat));
}

Result<std::vector<std::string>> ZkClient::GetChildren(const std::string& path, WatchCallback watch) {
  const RequestTimer timer(impl_->on_request_done);
  String_vector children{};
  uint64_t id = watch ? impl_->AddWatch(std::move(watch)) : 0;
  int rc;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) {
      rc = ZINVALIDSTATE;
    } else if (id) {
      rc = zoo_wget_children(impl_->zh, path.c_str(), &Impl::WatchTrampoline,
                             reinterpret_cast<void*>(uintptr_t(id)), &children);
    } else {
      rc = zoo_get_children(impl_->zh, path.c_str(), 0, &children);
    }
  }
  if (rc != ZOK) {
    if (id) impl_->DropWatch(id);
    return FromZk(rc, "get children " + path);
  }
  std::vector<std::string> out;
  out.reserve(size_t(children.count));
  for (int32_t i = 0; i < children.count; ++i) out.emplace_back(children.data[i]);
  deallocate_String_vector(&children);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// Counts a caller's outstanding asynchronous requests; completions (on the C client's completion thread) count
// down, the caller waits for zero. The C client completes every request it accepted, with an error if the
// handle closes or the session expires, so the wait ends.
struct Outstanding {
  std::mutex mu;
  std::condition_variable cv;
  size_t pending = 0;
  void Add() {
    std::lock_guard<std::mutex> lock(mu);
    ++pending;
  }
  void Done() {
    std::lock_guard<std::mutex> lock(mu);
    if (--pending == 0) cv.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return pending == 0; });
  }
};

// One multi's C structures, alive until its completion ran.
struct PreparedMulti {
  const std::vector<ZkOp>* ops = nullptr;
  std::vector<zoo_op_t> zops;
  std::vector<zoo_op_result_t> zres;
  std::vector<std::vector<char>> path_buffers;
  std::vector<Stat> stats;
  int rc = ZOK;
  Outstanding* outstanding = nullptr;

  void Prepare(const std::vector<ZkOp>& in) {
    ops = &in;
    const size_t n = in.size();
    zops.resize(n);
    zres.resize(n);
    path_buffers.resize(n);
    stats.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const ZkOp& op = in[i];
      switch (op.kind) {
        case ZkOp::Kind::kCreate:
          path_buffers[i].resize(kMaxPathBytes);
          zoo_create_op_init(&zops[i], op.path.c_str(), op.data.data(), int(op.data.size()), &ZOO_OPEN_ACL_UNSAFE,
                             CreateFlags(op.mode), path_buffers[i].data(), kMaxPathBytes);
          break;
        case ZkOp::Kind::kSetData:
          zoo_set_op_init(&zops[i], op.path.c_str(), op.data.data(), int(op.data.size()), op.version, &stats[i]);
          break;
        case ZkOp::Kind::kCheck: zoo_check_op_init(&zops[i], op.path.c_str(), op.version); break;
        case ZkOp::Kind::kDelete: zoo_delete_op_init(&zops[i], op.path.c_str(), op.version); break;
      }
    }
  }

  static void Completion(int rc, const void* data) {
    auto* self = static_cast<PreparedMulti*>(const_cast<void*>(data));
    self->rc = rc;
    self->outstanding->Done();
  }

  Status Finish(std::vector<ZkOpResult>* results) const {
    const std::vector<ZkOp>& in = *ops;
    const size_t n = in.size();
    Status first_error;
    std::vector<ZkOpResult> out(n);
    for (size_t i = 0; i < n; ++i) {
      // A multi that never reached the server (connection loss, closing) leaves the per-op errors unset.
      const int err = rc == ZOK ? ZOK : zres[i].err;
      // In a failed multi, ops before the failing one report ZOK and ops after it ZRUNTIMEINCONSISTENCY: both
      // were rolled back.
      if (rc != ZOK && (err == ZOK || err == ZRUNTIMEINCONSISTENCY)) {
        out[i].status = Status::Aborted("rolled back: another op of the multi failed");
      } else {
        out[i].status = FromZk(err, "multi op " + std::to_string(i) + " on " + in[i].path);
      }
      if (err != ZOK && err != ZRUNTIMEINCONSISTENCY && first_error.ok()) first_error = out[i].status;
      if (rc == ZOK && in[i].kind == ZkOp::Kind::kCreate) out[i].created_path = path_buffers[i].data();
      if (rc == ZOK && in[i].kind == ZkOp::Kind::kSetData) out[i].stat = ToStat(stats[i]);
    }
    if (rc != ZOK && first_error.ok()) first_error = FromZk(rc, "multi");
    if (results) *results = std::move(out);
    return first_error;
  }
};

struct PendingGet {
  int rc = ZOK;
  ZkGetResult result;
  Outstanding* outstanding = nullptr;
  static void Completion(int rc, const char* value, int value_len, const Stat* stat, const void* data) {
    auto* self = static_cast<PendingGet*>(const_cast<void*>(data));
    self->rc = rc;
    if (rc == ZOK) {
      if (value && value_len > 0) self->result.data.assign(value, size_t(value_len));
      if (stat) self->result.stat = ToStat(*stat);
    }
    self->outstanding->Done();
  }
};

}  // namespace

Status ZkClient::Multi(const std::vector<ZkOp>& ops, std::vector<ZkOpResult>* results) {
  std::vector<std::vector<ZkOpResult>> all;
  std::vector<Status> statuses = MultiPipelined({ops}, results ? &all : nullptr);
  if (results) *results = std::move(all.front());
  return statuses.front();
}

std::vector<Status> ZkClient::MultiPipelined(const std::vector<std::vector<ZkOp>>& batches,
                                             std::vector<std::vector<ZkOpResult>>* results) {
  const RequestTimer timer(impl_->on_request_done);
  const size_t n = batches.size();
  std::vector<PreparedMulti> prepared(n);
  Outstanding outstanding;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    for (size_t i = 0; i < n; ++i) {
      prepared[i].outstanding = &outstanding;
      prepared[i].Prepare(batches[i]);
      if (batches[i].empty()) continue;
      if (!impl_->zh) {
        prepared[i].rc = ZINVALIDSTATE;
        continue;
      }
      outstanding.Add();
      const int rc = zoo_amulti(impl_->zh, int(batches[i].size()), prepared[i].zops.data(), prepared[i].zres.data(),
                                &PreparedMulti::Completion, &prepared[i]);
      if (rc != ZOK) {  // not queued: no completion will come
        prepared[i].rc = rc;
        outstanding.Done();
      }
    }
  }
  outstanding.Wait();
  std::vector<Status> statuses(n);
  if (results) results->assign(n, {});
  for (size_t i = 0; i < n; ++i) statuses[i] = prepared[i].Finish(results ? &(*results)[i] : nullptr);
  return statuses;
}

std::vector<Result<ZkGetResult>> ZkClient::GetMany(const std::vector<std::string>& paths) {
  const RequestTimer timer(impl_->on_request_done);
  const size_t n = paths.size();
  std::vector<PendingGet> pending(n);
  Outstanding outstanding;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    for (size_t i = 0; i < n; ++i) {
      pending[i].outstanding = &outstanding;
      if (!impl_->zh) {
        pending[i].rc = ZINVALIDSTATE;
        continue;
      }
      outstanding.Add();
      const int rc = zoo_aget(impl_->zh, paths[i].c_str(), 0, &PendingGet::Completion, &pending[i]);
      if (rc != ZOK) {
        pending[i].rc = rc;
        outstanding.Done();
      }
    }
  }
  outstanding.Wait();
  std::vector<Result<ZkGetResult>> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (pending[i].rc == ZOK) {
      out.emplace_back(std::move(pending[i].result));
    } else {
      out.emplace_back(FromZk(pending[i].rc, "get " + paths[i]));
    }
  }
  return out;
}

std::vector<std::vector<ZkOp>> SplitOps(std::vector<ZkOp> ops, size_t max_bytes, size_t max_ops) {
  std::vector<std::vector<ZkOp>> out;
  size_t bytes = 0;
  for (ZkOp& op : ops) {
    // Jute framing per op: header (12), path and data (4-byte lengths), ACL (~30), flags and version.
    const size_t cost = op.path.size() + op.data.size() + 64;
    if (out.empty() || out.back().size() >= max_ops || (bytes + cost > max_bytes && !out.back().empty())) {
      out.emplace_back();
      bytes = 0;
    }
    bytes += cost;
    out.back().push_back(std::move(op));
  }
  return out;
}

int ZkClient::AddSessionListener(std::function<void()> on_new_session) {
  std::lock_guard<std::mutex> lock(impl_->listener_mu);
  int id = impl_->next_listener_id++;
  impl_->listeners.emplace(id, std::move(on_new_session));
  return id;
}

int ZkClient::AddSessionLostListener(std::function<void()> on_session_lost) {
  std::lock_guard<std::mutex> lock(impl_->listener_mu);
  int id = impl_->next_listener_id++;
  impl_->lost_listeners.emplace(id, std::move(on_session_lost));
  return id;
}

void ZkClient::RemoveSessionListener(int id) {
  std::unique_lock<std::mutex> lock(impl_->listener_mu);
  impl_->listeners.erase(id);
  impl_->lost_listeners.erase(id);
  // A call in progress finishes before the owner may go (a listener removing itself cannot wait for itself).
  if (std::this_thread::get_id() != impl_->session_thread.get_id())
    impl_->listener_done.wait(lock, [&] { return impl_->running_listener != id; });
}

int64_t ZkClient::session_id() const { return impl_->session_id.load(); }

int ZkClient::session_generation() const {
  std::lock_guard<std::mutex> lock(impl_->state_mu);
  return impl_->generation;
}

bool ZkClient::connected() const {
  std::lock_guard<std::mutex> lock(impl_->state_mu);
  return impl_->connected;
}

const std::string& ZkClient::connect_string() const { return impl_->connect_string; }

Status ZkClient::ExpireSessionForTest() {
  clientid_t id;
  {
    std::shared_lock<std::shared_mutex> lock(impl_->handle_mu);
    if (!impl_->zh) return Status::Unavailable("no session");
    id = *zoo_client_id(impl_->zh);
  }
  zhandle_t* twin = zookeeper_init2(impl_->connect_string.c_str(), &IgnoreEvents, impl_->session_timeout_ms, &id,
                                    nullptr, 0, &LogToSpdlog);
  if (twin == nullptr) return Status::IOError("zookeeper_init for the twin handle failed");
  const int64_t deadline = MonotonicMs() + 10000;
  while (zoo_state(twin) != ZOO_CONNECTED_STATE && MonotonicMs() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const bool attached = zoo_state(twin) == ZOO_CONNECTED_STATE;
  zookeeper_close(twin);  // closes the shared session on the server: the original handle will see EXPIRED
  return attached ? Status::Ok() : Status::Timeout("twin handle did not attach to the session");
}

}  // namespace partita::coordination
